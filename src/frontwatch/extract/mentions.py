"""From one sentence to event mentions: clauses, their type, figures, actors, place, date.

A sentence like "the gunmen target homes with mortar shells and the army responds
with air raids" holds two events, so sentences are cut into clauses where a new
subject starts a new action. Figures are read over the whole sentence (numbers
joined across a clause cut still share their verb) and then given to their clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from frontwatch.extract.casualties import KILLED, Figure, find_figures
from frontwatch.extract.claims import Claimant, find_claimant
from frontwatch.extract.cues import CueHit, decide, find_cues, is_bare_attack
from frontwatch.extract.lexicon import Lexicon
from frontwatch.model import Span
from frontwatch.taxonomy import EVENT_TYPE_OF

_ACTION = (
    r"(?:respond(?:s|ed)?|target(?:s|ed|ing)?|shell(?:s|ed)|launch(?:es|ed)|carrie[sd] out|"
    r"fire[sd]|attack(?:s|ed)|bomb(?:s|ed)|str(?:uck|ikes?)|kill(?:s|ed)|clash(?:es|ed)|"
    r"pound(?:s|ed)|hit|raid(?:s|ed)|stormed|seized|captured|abducted|executed)"
)
_CLAUSE_BREAK = re.compile(
    r";\s*|,?\s+(?:while|whereas|meanwhile)\s+|"
    # "... resumed on Wednesday, days after a bombing killed 120": the recalled event (the
    # break stands before a count, "a | day after" never splits it)
    r",?\s+(?=(?:a|one|two|three|four|five|six|several|\d+)\s+(?:hours?|days?|weeks?)\s+"
    r"(?:after|before)\s+(?:a|an|the)\s)"
    r"|(?<!\b[Aa])(?<!\bone)(?<!\btwo)(?<!\bthree)(?<!\bfour)(?<!\bfive)(?<!\bsix)(?<!\bseveral)"
    r"(?<!\d),?\s+(?=(?:hours?|days?|weeks?)\s+(?:after|before)\s+(?:a|an|the)\s)"
    r"|,?\s+since\s+(?=the\s)"
    # "Friday's attack came after a car bombing killed 100 on Tuesday": two incidents
    r"|\s+(?=(?:came|comes|follows|followed)\s+(?:(?:just|only|shortly)\s+)?(?:after\s+)?(?:a|an|the)\s)|\s+as well as\s+(?=(?:\w+\s+){0,2}(?:air|raids?|strikes?|shelling|attacks?)\b)"
    rf"|,?\s+and\s+(?=(?:the|its|their)\s+(?:[\w'-]+\s+){{0,3}}{_ACTION}\b)"
    # "killing 17 in Kanasba in Latakia ... in addition to killing 50 in Daraa countryside"
    r"|,?\s+in addition to\s+(?=\w+ing\b)"
    # "30 were killed around Shadadi and another five outside Kobane": a toll of its own
    # place (but "10 were killed and another 17 injured when ..." is one clause)
    r"|,?\s+and\s+(?=another\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?!(?:[\w-]+\s+)?(?:injured|wounded|hurt)\b)(?:[\w-]+\s+){0,2}?(?:in|outside|near|around|at)\s)",
    re.IGNORECASE,
)
# "by X" and "fire from X" name who acted, but "held by X", "backed by X" only describe
# a place or an ally, and "retook the town from X" names who lost it
_BY = re.compile(
    r"(?<!controlled )(?<!held )(?<!run )(?<!backed )(?<!led )(?<!supported )(?<!loyal )"
    r"(?:\bby|\b(?:fire|shelling|shells|rockets|missiles|attacks?|bombers?|gunmen|fighters|militants|"
    r"terrorists|drones?) from"
    # "an airstrike of the US-led coalition", "warplanes of the Russian air force"
    r"|\b(?:air ?strikes?|airstrikes?|air raids?|warplanes|aircraft|jets|artillery) of)"
    r"\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "terrorists from Jaish al-Fateh fired rockets": the subject of an act of violence,
# wherever the clause's first cue word stands (run-on wire sentences)
_ACTS_NEXT = re.compile(
    r"\W*(?:[\w'-]+\s+){0,4}?(?:fired|launched|targeted|shelled|attacked|struck|carried out|"
    r"bombed|detonated|stormed|pounded|opened fire|executed|kidnapped|abducted|seized|captured|"
    r"shot|blew up|planted|dropped|raided|ambushed|killed|"
    # headlines tell in the present: "Turkish army kill 8 militants" (verbs that are no nouns)
    r"kills?|pounds?|seizes?|captures?|executes?|beheads?|storms?|ambushes|abducts?|kidnaps?)\b"
    # "regime forces' advance", "government shelling": the actor's own action, as a noun
    r"|(?:'s|’s|'|’)?\s+(?:advance|offensive|shelling|bombardment|assault|air ?strikes?|"
    r"airstrikes?|air raids?|raids?|artillery|rockets?|mortars?|fire|gunfire|snipers?)\b",
    re.IGNORECASE,
)
# "killed in Russian and Syrian strikes": the actor's name holds its own weapon
_ARMED_NAME = re.compile(
    r"\b(?:air ?strikes?|airstrikes?|air raids?|strikes|raids|warplanes?|jets?|aircraft|"
    r"planes|helicopters?|drones?|shelling|bombardment|artillery|gunboats?)$",
    re.IGNORECASE,
)
# "IS claimed responsibility for the attack", "the attack was claimed by IS": the
# claimant is the attacker of the incident already told (never "claimed the lives of")
_CLAIMS_ATTACK = re.compile(
    r"(?<!not )(?<!n't )(?<!never )\bclaim(?:ed|s)?\s+(?:responsib\w*|credit)\b"
    r"|\bclaimed by\b|\bclaimed (?:the|this|that) (?:attack|bombing|blast|assault)",
    re.IGNORECASE,
)
_KILLED_TOO = re.compile(r"\b(?:killed|executed|shot dead|beheaded|slain)\b", re.IGNORECASE)
_RUNNING_TOTAL = re.compile(
    r"\b(?:bringing|raising|pushing|taking) the (?:overall |total |cumulative )?(?:death )?toll\b",
    re.IGNORECASE,
)
# words that end the victims' noun phrase after a toll: what follows is someone else
_LEAVES_NOUN_PHRASE = re.compile(
    r",|\b(?:killed|died|dead|wounded|injured|were|was|have|has|had|after|when|in|by|as|"
    r"during|while|and|from)\b",
    re.IGNORECASE,
)
_CIVILIAN_VICTIMS = re.compile(
    r"\b(?:civilians?|residents?|children|women|families|family|villagers|worshippers|"
    r"pharmacists?|activists?|teachers?|doctors?|nurses?|journalists?|farmers?|shepherds?|"
    r"council members?|aid workers?|volunteers?|engineers?|lawyers?|students?|pupils?|"
    r"passengers|students|market|school|hospital|residential|homes?|houses?|neighbou?rhoods?|"
    r"displaced|refugees|evacuees|camp|convoy|bakery|mosque|church)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mention:
    """One clause that reports (part of) an event, with everything read from it."""

    sentence: Span
    clause: Span
    cue: CueHit | None
    figures: tuple[Figure, ...]
    perpetrators: tuple  # ActorMention
    targets: tuple  # ActorMention
    civilians_hit: bool
    places: tuple  # PlaceMention, in reading order
    dates: tuple  # DateMention
    claimant: Claimant | None
    background: bool
    cumulative: bool = False  # a toll added up over a period or many incidents
    durative: bool = False  # a state lasting weeks ("locked in battle for a month"): context
    allies: tuple[tuple[str, str], ...] = ()  # (ally, the actor it backs): "A, backed by B"

    @property
    def sub_event_type(self) -> str | None:
        return self.cue.sub_event_type if self.cue else None


@dataclass(frozen=True)
class SentenceContext:
    """What was found once per article, sliced per sentence."""

    text: str
    quantities: list
    actors: list
    places: list
    dates: list


def clauses_of(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(text, start, end)]
    bounds, position = [], start
    for cut_start, cut_end in cuts:
        bounds.append((position, cut_start))
        position = cut_end
    bounds.append((position, end))
    return [(a, b) for a, b in bounds if b > a]


def sentence_mentions(
    ctx: SentenceContext, sentence: Span, lexicon: Lexicon, after_total: bool = False
):
    """The mentions of one sentence (clauses with a cue or a casualty figure).

    ``after_total``: the sentence before gave a toll over a period; "The strikes have
    killed 122 civilians" right after it, with no day of its own, adds to that toll.
    """
    text = ctx.text
    quantities = _inside(ctx.quantities, sentence.start, sentence.end)
    figures = _mark_updates(text, sentence, find_figures(text, quantities, lexicon, sentence.end))
    claimant = find_claimant(text, sentence.start, sentence.end, lexicon)
    figures, cumulative = _period_toll(ctx, sentence, lexicon, figures, after_total)
    mentions = []
    for start, end, recalled in _clauses_told(text, sentence, lexicon):
        durative = lexicon.durative.search(text, start, end)
        flags = (recalled, cumulative, durative)
        mention = _clause_mention(ctx, sentence, (start, end), figures, lexicon, claimant, flags)
        if mention is not None:
            mentions.append(_continued(ctx, mention, mentions[-1] if mentions else None, lexicon))
    return mentions


_GERUND_OPENING = re.compile(r"\w+ing\b")


def _clauses_told(text: str, sentence: Span, lexicon: Lexicon) -> list[tuple[int, int, bool]]:
    """Each clause of the sentence, and whether it recalls a past event. A past event
    recalled in one clause leaves the sentence's other clauses current; an opening "Days
    after a chemical attack killed 80 in Khan Sheikhoun, jets bombed Douma" recalls up to
    its comma."""
    opening = _OPENS_AFTER.match(text, sentence.start)
    if opening is None:
        clauses = clauses_of(text, sentence.start, sentence.end)
        past = _recalls(text, sentence.start, sentence.end, lexicon)
        return [
            (a, b, past and (len(clauses) == 1 or _recalls(text, a, b, lexicon)))
            for a, b in clauses
        ]
    comma = text.find(",", opening.end(), sentence.end)
    if comma < 0:  # "Just days after a chemical attack a woman was killed": the time only
        after = clauses_of(text, opening.end(), sentence.end) or [(opening.end(), sentence.end)]
        (_, first_end), *rest = after
        return [(sentence.start, first_end, False)] + [
            (a, b, _recalls(text, a, b, lexicon)) for a, b in rest
        ]
    rest = _trimmed(text, clauses_of(text, comma + 1, sentence.end))
    return [(sentence.start, comma, True)] + [
        (a, b, _recalls(text, a, b, lexicon)) for a, b in rest
    ]


def _recalls(text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    return lexicon.background.search(text, start, end) is not None


def _trimmed(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Clause bounds without leading spaces (a clause is read from its first word)."""
    trimmed = [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in bounds]
    return [(a, b) for a, b in trimmed if b > a]


# "Just days after a chemical attack, a woman was killed ...": the recalled event only
# sets the time of the sentence's news
_OPENS_AFTER = re.compile(
    r"(?:just |only |barely )?(?:(?:a|one|two|three|four|five|six|several|\d+) )?"
    r"(?:hours?|days?|weeks?) after\b",
    re.IGNORECASE,
)


def _continued(ctx, mention: Mention, before: Mention | None, lexicon: Lexicon) -> Mention:
    """'The sorties killed 17 in Latakia, | in addition to killing 50 in Daraa': a clause
    opening on a gerund goes on with the act and the actors of the clause before it."""
    if before is None or mention.cue is not None:
        return mention
    if not _GERUND_OPENING.match(ctx.text, mention.clause.start):
        return mention
    hits = find_cues(ctx.text, before.clause.start, mention.clause.end, lexicon)
    deaths = [f.span.start for f in mention.figures if f.kind == KILLED]
    cue = decide(hits, bool(deaths), deaths[0] if deaths else None, has_harm=bool(mention.figures))
    perpetrators = mention.perpetrators or before.perpetrators
    return replace(mention, cue=cue, perpetrators=perpetrators)


def _clause_mention(ctx, sentence, bounds, figures, lexicon, claimant, flags) -> Mention | None:
    """A clause with a cue or a casualty figure becomes a mention; others say nothing."""
    start, end = bounds
    text = ctx.text
    clause_figures = tuple(f for f in figures if start <= f.span.start < end)
    has_deaths = any(f.kind == KILLED for f in clause_figures)
    hits = find_cues(text, start, end, lexicon)
    death_at = next((f.span.start for f in clause_figures if f.kind == KILLED), None)
    cue = decide(hits, has_deaths, death_at, has_harm=bool(clause_figures))
    if cue is None and _CLAIMS_ATTACK.search(text, start, end):
        cue = next((h for h in hits if is_bare_attack(h)), None)  # names who did it
    if cue is None and not clause_figures:
        return None
    if (
        not clause_figures
        and cue.sub_event_type == "Arrests"
        and _KILLED_TOO.search(text, start, end)
    ):
        return None  # "some were arrested, judged and killed": told of a killing, no arrest
    anchored = (start, end, action_start(_acting_hits(hits, cue), clause_figures, start))
    return _mention(ctx, sentence, anchored, cue, clause_figures, claimant, flags)


def _period_toll(ctx, sentence: Span, lexicon: Lexicon, figures: list, after_total: bool):
    """The sentence's own figures and whether they are a toll over a period (no event)."""
    text = ctx.text
    total = lexicon.cumulative.search(text, sentence.start, sentence.end)
    running = _RUNNING_TOTAL.search(text, sentence.start, sentence.end)
    if total is not None and running is not None and running.start() < total.start():
        # "12 killed on Thursday, bringing the toll since the offensive began to 180": the
        # figures before the running total are the event's own; the total is not
        return [f for f in figures if f.span.start < running.start()], False
    cumulative = (
        total is not None
        or (after_total and _continues_total(ctx, sentence, figures))
        or _vague_period_toll(ctx, sentence, figures)
    )
    return figures, cumulative


# a revised toll ("rose to 8", "a new toll", "raised the death toll to 61") replaces the
# earlier figures; "an earlier toll of 15" is one of those
_UPDATED_TOLL = re.compile(
    r"\b(?:(?:new|revised|updated|latest) (?:death )?toll|(?:rose|risen|climbed|jumped|increased) to|"
    r"raised (?:the|its) (?:death )?toll|(?:toll|number of (?:dead|deaths|victims))\b[^.;]{0,80}?"
    r"\b(?:has |had )?reached)\b",
    re.IGNORECASE,
)
_EARLIER_TOLL = re.compile(
    r"\b(?:earlier|previous|initial|first) (?:death )?toll\b[^.;]{0,30}?\b(?:of|was|at)\s+$", re.I
)


def _mark_updates(text: str, sentence: Span, figures: list) -> list:
    figures = [
        f
        for f in figures
        if not _EARLIER_TOLL.search(text[max(0, f.span.start - 40) : f.span.start])
    ]
    if not _UPDATED_TOLL.search(text, sentence.start, sentence.end):
        return figures
    return [replace(f, updated=True) if not f.part else f for f in figures]


_PERFECT_TOLL = re.compile(
    r"^(?:another|a further|meanwhile|in addition|the (?:death )?toll includes)\b|\b(?:have|has) (?:been )?(?:killed|died)\b",
    re.IGNORECASE,
)


def _continues_total(ctx: SentenceContext, sentence: Span, figures) -> bool:
    """A perfect-tense toll with no day of its own, right after a period toll."""
    own_day = _names_its_day(ctx, sentence)
    return bool(figures) and not own_day and bool(_PERFECT_TOLL.search(sentence.text))


def _names_its_day(ctx: SentenceContext, sentence: Span) -> bool:
    return any(d.precision == 1 for d in _inside(ctx.dates, sentence.start, sentence.end))


_PERFECT = re.compile(r"\b(?:have|has)\b", re.IGNORECASE)


def _vague_period_toll(ctx: SentenceContext, sentence: Span, figures) -> bool:
    """'The group has reported hundreds of civilians killed in operations against IS':
    only 'hundreds' or 'thousands', in the perfect tense and with no day, is a tally."""
    deaths = [f for f in figures if f.kind == KILLED]
    own_day = _names_its_day(ctx, sentence)
    big_vague = bool(deaths) and all(f.vague and f.value >= 100 for f in deaths)
    return big_vague and not own_day and bool(_PERFECT.search(sentence.text))


def _mention(ctx, sentence, bounds, cue, figures, claimant, flags) -> Mention:
    start, end, anchor = bounds
    actors = _inside(ctx.actors, start, end)
    perpetrators, targets = split_roles(ctx.text, actors, anchor, figures)
    allies = backed_actors(ctx.text, actors)
    return Mention(
        sentence=sentence,
        clause=Span.of(ctx.text, start, end),
        cue=cue,
        figures=figures,
        perpetrators=perpetrators,
        targets=targets,
        civilians_hit=bool(_CIVILIAN_VICTIMS.search(ctx.text, start, end)),
        places=tuple(_inside(ctx.places, sentence.start, sentence.end, key=_span_start)),
        dates=tuple(_inside(ctx.dates, sentence.start, sentence.end)),
        claimant=claimant,
        background=flags[0],
        cumulative=flags[1],
        durative=_tells_a_state(flags[2], cue, figures),
        allies=allies,
    )


def _tells_a_state(state: re.Match | None, cue: CueHit | None, figures) -> bool:
    """The clause's act is the lasting state itself ('fleeing heavy battles nearby'), not an
    act told beside one ('took part of the town, letting civilians flee the fighting')."""
    inside = cue is not None and state is not None and state.start() <= cue.start < state.end()
    return inside and not figures


def _acting_hits(hits: list[CueHit], cue: CueHit | None) -> list[CueHit]:
    """'The Russian center for the cessation of hostilities agreement said Nusra targeted
    ...': a non-violent word in a violent clause names something, it does not act."""
    if cue is None or EVENT_TYPE_OF[cue.sub_event_type] == "Strategic developments":
        return hits
    return [h for h in hits if EVENT_TYPE_OF[h.sub_event_type] != "Strategic developments"]


def action_start(hits: list[CueHit], figures, default: int) -> int:
    """Where the clause's action begins: actors before it are its subjects.

    A warning ('warned that X brought car bombs') frames the action; it is not the action.
    """
    strong = [h for h in hits if h.weight > 1 and h.sub_event_type != "Other"]
    if strong:
        return strong[0].start
    if hits:
        return hits[0].start
    return figures[0].span.start if figures else default


def split_roles(text: str, actors: list, anchor: int, figures) -> tuple[tuple, tuple]:
    """Perpetrators (subjects, 'by X') and targets (after the action, or counted dead)."""
    perpetrators, targets = [], []
    for mention in actors:
        start = mention.span.start
        # "two suicide bombers blew themselves up": counted, yet they are the attackers
        bomber = "bomber" in text[start : mention.span.end].lower()
        victim = _is_counted_victim(text, start, figures) and not bomber
        by_phrase = bool(_BY.search(text[max(0, start - 40) : start]))
        acts = bool(_ACTS_NEXT.match(text, mention.span.end))
        acts = acts or bool(_ARMED_NAME.search(text, start, mention.span.end))
        if not victim and (by_phrase or acts or start <= anchor):
            perpetrators.append(mention)
        else:
            targets.append(mention)
    return tuple(perpetrators), tuple(targets)


# "the Syrian army, backed by the National Defence Forces, ...", "alongside Hezbollah"
_BACKED_BY = re.compile(
    r"(?:(?:backed|supported|aided|assisted|reinforced|joined)\s+by|alongside|allied\s+(?:with|to)|"
    r"with\s+the\s+(?:support|help|backing)\s+of)\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)


def backed_actors(text: str, actors: list) -> tuple[tuple[str, str], ...]:
    """(ally, principal) pairs: an actor named right after 'backed by' / 'alongside' fights
    on the side of the actor named just before it (spec: allies go to assoc_actor)."""
    pairs = []
    for i, mention in enumerate(actors):
        before = text[max(0, mention.span.start - 40) : mention.span.start]
        if i and _BACKED_BY.search(before) and actors[i - 1].actor != mention.actor:
            pairs.append((mention.actor.name, actors[i - 1].actor.name))
    return tuple(pairs)


def _is_counted_victim(text: str, start: int, figures) -> bool:
    """'40 members of the Syrian army', '29 Syrian rebels': the actor right after a toll."""
    for figure in figures:
        gap = text[figure.span.end : start]
        if 0 <= start - figure.span.end <= 40 and not _LEAVES_NOUN_PHRASE.search(gap):
            return True
    return False


def _span_start(item) -> int:
    return item.span.start


def _inside(items: list, start: int, end: int, key=None) -> list:
    key = key or item_start
    return [item for item in items if start <= key(item) < end]


def item_start(item) -> int:
    span = getattr(item, "span", None)
    return span.start if span is not None else item.start
