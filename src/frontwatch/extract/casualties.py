"""Casualty figures: which numbers in a clause count people killed or injured.

A number counts when a killing/injuring verb is attached to it, before ("killed 7
gunmen", "claimed the lives of 40 members") or after ("29 rebels were killed").
Numbers joined by "and" / "as well as" share the verb of their neighbour; numbers
joined by "including" / "among" are parts of a total, not extra victims. Aggregation
follows spec section 3: the lowest figure across phrasings of the same victims, the
sum across different victim groups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from frontwatch.extract.lexicon import Lexicon
from frontwatch.model import Span
from frontwatch.text.numbers import Quantity

KILLED, INJURED = "killed", "injured"
# The deadliest single events of recent wars are reported in the low thousands; bigger
# numbers near a killing verb are cumulative tolls ("the war has killed 280,000").
MAX_EVENT_TOLL = 2000
_THING = "thing"
# "executed and crucified nine men", "killed a total of 12", "killed another six",
# "killing according to the latest toll 44 civilians"
_GAP_AFTER_VERB = re.compile(
    r"[\s,]*(?:of\s+)?(?:(?:and|or) \w+ed\s+)?(?:(?:himself|herself|themselves) and\s+)?"
    r"(?:according to (?:[\w'’-]+,?\s+){1,5}?)?"
    r"(?:(?:a total of|the|some|up to|nearly|about|another|(?:a|an entire|a whole) family of)\s+)?",
    re.I,
)
# scraped page furniture: "Get short URL 0 214", "Views 1430", "Print Tweet 12"
_PAGE_COUNTER = re.compile(
    r"\b(?:URL|Views|Tweet|Print|Share|Comments?)\s+(?:\d+\s+)?$", re.I
)  # a number of vehicles, years, sorties...: never a casualty figure
_RELATED_AFTER = re.compile(r"\s*(?:Related|Recommended|Read more)\b")  # "... 85 Related ..."
_COORDINATION = re.compile(
    r"^[\s\w()'-]{0,60}?(?:\band\b|\bas well as\b|,)\s*(?:(?:her|his|their|its)\s+)?$",
    re.IGNORECASE,
)
# "20 people including 6 children": the second number is a part of the first. ("6 were
# among 20 killed" puts the part first, and then the second number is the total.)
_PART_OF = re.compile(r"\b(?:including|among them|among whom|of whom|of them|of which)\b", re.I)
# the words between a number and its verb: its noun phrase, no new clause ("and", ",")
_WORDS_BEFORE_VERB = re.compile(
    r"^(?!.*\b(?:while|but|no|not|without)\b)"
    # "... and injured 4", "one person and the injury of 40": the verb leads the next phrase,
    # except in a passive chain ("41 men were rounded up and executed")
    r"(?!(?:(?!\b(?:were|was)\s+\w+).)*\band\s*,?\s*$)(?!.*\band\s+(?:the|a|an)\s*$)"
    r"(?!.*\band\s+(?:\w+ed|were|was|has|have|had|left|\w+ing)\b)"
    r"[\s\w'’(),-]{0,70}?$",
    re.I,
)
_FIGHTER_WORDS = re.compile(
    r"\b(?:militants?|terrorists?|gunmen|rebels?|insurgents?|jihadists?|fighters?|extremists?|"
    r"elements?|operatives?|mercenaries|militiam[ae]n|combatants?|cadres?)\b",
    re.IGNORECASE,
)
_SOLDIER_WORDS = re.compile(
    r"\b(?:soldiers?|troops?|servicemen|personnel|officers?|army|military|policemen|police|guards?|pilots?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Figure:
    """One reported number of people killed or injured."""

    kind: str  # killed | injured
    value: int
    span: Span  # the number as written
    group: str  # total | civilians | fighters | soldiers | others | unspecified
    vague: bool = False
    part: bool = False  # a part of a total named in the same clause ("including six children")
    joined: bool = False  # joined to the previous figure by "and": the two add up
    hedged: bool = False  # an upper bound or a guess ("up to five", "may have died")
    updated: bool = False  # given as a new or revised toll: it supersedes earlier reports


_ONE_NOUN = (
    r"(?:child|boy|girl|woman|man|baby|infant|civilian|"
    r"owner|shopkeeper|merchant|trader|employee|judge|imam|cleric|mukhtar|"
    r"father|mother|son|daughter|brother|sister|wife|husband|cousin|uncle|nephew|"
    r"soldier|fighter|militant|commander|officer|policeman|member|shepherd|farmer|teacher|"
    r"doctor|nurse|medic|journalist|student|worker|resident|villager|pharmacist|activist|"
    r"guard|pilot|driver|teenager|youth|militiaman|rebel|jihadist|volunteer|"
    r"leader|emir|colonel)\b(?!-)"
)
# "killing a child", "shot dead a shepherd": the article before one person is a count of one
_ONE_PERSON = re.compile(
    rf"\b(?:an?|one|his|her|another)\s+(?=(?:[\w'-]+\s+){{0,2}}?{_ONE_NOUN})", re.IGNORECASE
)
# "..., a police officer said": the person who speaks is no casualty
_SPEAKER_AFTER = re.compile(
    r"(?:[\w'-]+\s+){0,3}?(?:said|says|told|reported|added|stated)\b", re.IGNORECASE
)
# "a woman and child were killed": the second person shares the first one's article
_AND_ONE_MORE = re.compile(rf"\b(?:an?|one)\s+{_ONE_NOUN}\s+and\s+(?={_ONE_NOUN})", re.IGNORECASE)


def single_persons(text: str, known: list[Quantity]) -> list[Quantity]:
    """Quantities of one for 'a child', 'an officer', besides the numbers already found."""
    taken = {q.start for q in known}
    singles = [
        Quantity(m.start(), m.end() - 1, m.group(0).strip(), 1, None, False, False)
        for m in _ONE_PERSON.finditer(text)
        if m.start() not in taken and not _SPEAKER_AFTER.match(text, m.end())
    ]
    seconds = [
        Quantity(m.end(), m.end(), "", 1, None, False, False)
        for m in _AND_ONE_MORE.finditer(text)
        if m.end() not in taken
    ]
    return sorted([*known, *singles, *seconds], key=lambda q: q.start)


def find_figures(text: str, quantities: list[Quantity], lexicon: Lexicon, end: int) -> list[Figure]:
    """Figures among ``quantities`` (sorted, all inside one clause ending at ``end``)."""
    kinds = [_own_kind(text, q, quantities, i, lexicon, end) for i, q in enumerate(quantities)]
    kinds, joined = _share_coordinated_kinds(text, quantities, kinds, lexicon)
    figures: list[Figure] = []
    for i, (q, kind) in enumerate(zip(quantities, kinds, strict=True)):
        if kind in (None, _THING):
            continue
        stop = _next_start(quantities, i, end)
        group = _victim_group(text, q, stop, lexicon, figures)
        if joined[i] and figures and _one_group(group, figures[-1], q.value):
            # "a man and his son", "one mother and her child", "a man and a woman": one
            # victim group, added up
            if group == "unspecified":
                group = figures[-1].group
            else:
                figures[-1] = replace(figures[-1], group=group)
        part = bool(i and _PART_OF.search(text[quantities[i - 1].end : q.start]))
        part = part or _is_subset(text, q, stop)
        # "17 killed, two of them medics" (but "killing 13 of them" is the toll itself)
        part = part or bool(i and _OF_THEM.match(text, q.end))
        # "the casualties ... three of which died in hospital": a relative clause's number
        # is a share of what it refers to, whatever figure came before
        part = part or bool(_OF_WHICH.match(text, q.end))
        # "including four women and two children": the list goes on, both are parts
        part = part or bool(joined[i] and figures and figures[-1].part)
        span = Span.of(text, q.start, q.end)
        hedged = _is_hedged(text, q, stop)
        figures.append(Figure(kind, q.value, span, group, q.vague, part, joined[i], hedged))
    return figures


# "two medics were among the dead": a part of a toll given elsewhere, never added to it
_AMONG_THE_DEAD = re.compile(
    r"[\s\w'-]{0,40}?\b(?:were|was) among (?:the|those) (?:dead|killed|victims|fatalities)\b",
    re.I,
)
# "Hezbollah identified one of those slain as Abu Obaida": a part of a toll told before
_OF_THE_DEAD = re.compile(r"\s+of (?:those|the) (?:slain|killed|dead|victims|fatalities)\b", re.I)
# "32 killed ... with 18 bodies pulled from the worst-hit district": a share of the toll
_WITH_SHARE = re.compile(r"\bwith\s+$", re.I)
_SHARE_NOUN = re.compile(r"\s+(?:bodies|of them|of whom|dead|killed|in\b)", re.I)


# "three of them died later in hospital": the wounded who died since, a share of a toll
_DIED_SINCE = re.compile(
    r"[\s\w'-]{0,40}?\b(?:(?:have|has|had) since died|(?:had|have|has) died since|later died|"
    r"died later|succumbed|died (?:of their|of his|of her) (?:wounds|injuries))\b",
    re.I,
)


_OF_THEM = re.compile(r"\s+of them\b", re.I)  # "17 killed, two of them medics"
_OF_WHICH = re.compile(r"\s+(?:of whom|of which)\b", re.I)  # a share, whatever came before


def _is_subset(text: str, q: Quantity, stop: int) -> bool:
    with_share = _WITH_SHARE.search(text[max(0, q.start - 6) : q.start])
    share = with_share and _SHARE_NOUN.match(text, q.end)
    later = _DIED_SINCE.match(text, q.end, stop)
    among = _AMONG_THE_DEAD.match(text, q.end, stop) or _OF_THE_DEAD.match(text, q.end, stop)
    return bool(share or later or among)


_UPPER_BOUND = re.compile(r"\b(?:up to|as many as|could reach|could rise to)\s*$", re.I)
_GUESS = re.compile(r"^[\s\w,'-]{0,40}?\b(?:may|might|could) have\b", re.I)


def _is_hedged(text: str, q: Quantity, stop: int) -> bool:
    """'up to five people may have died': an upper bound, not a count."""
    before = text[max(0, q.start - 20) : q.start]
    own = q.text.lower()
    return bool(
        _UPPER_BOUND.search(before)
        or own.startswith(("up to", "as many as"))
        or _GUESS.match(text[q.end : stop])
    )


def _next_start(quantities: list[Quantity], i: int, end: int) -> int:
    return quantities[i + 1].start if i + 1 < len(quantities) else end


def _own_kind(text, q, quantities, i, lexicon: Lexicon, end: int) -> str | None:
    """killed / injured when a verb is attached to this number, else None."""
    before = text[max(0, q.start - 160) : q.start]
    counter = q.text.isdigit() and _PAGE_COUNTER.search(before)  # not "URL 2440 Over 100"
    furniture = counter or _RELATED_AFTER.match(text, q.end)
    if q.value > MAX_EVENT_TOLL or furniture or _is_not_people(text, q, lexicon):
        return _THING
    if _TAKEN_BEFORE.search(before):
        return None  # "Daesh kidnapped 900 Executed 18 people": the 900 were taken, not killed
    after = text[q.end : _next_start(quantities, i, end)]
    if _KILLED_AND_INJURED.match(after):
        return _THING  # "88 killed and injured": casualties of both kinds, not deaths
    # the verb right after the number decides first: "killed 40 injured" -> 40 injured;
    # but in "killed 30 people injured 90" the second verb leads the next number
    lent = i + 1 < len(quantities) and _LEADS_NEXT.search(after)
    if not (lent and _verb_before(before, lexicon.killed_before)):
        # the nearer verb: "17 people were injured ... and the death toll could rise"
        killed_at = _verb_after(after, lexicon.killed_after)
        injured_at = _verb_after(after, lexicon.injured_after)
        if killed_at is not None and (injured_at is None or killed_at <= injured_at):
            return KILLED
        if injured_at is not None:
            return INJURED
    if _verb_before(before, lexicon.killed_before):
        return KILLED
    if _verb_before(before, lexicon.injured_before):
        return INJURED
    return None


# the object of a verb that takes people without harming them
_TAKEN_BEFORE = re.compile(
    r"\b(?:kidnapp?(?:ed|s)|abduct(?:ed|s)|arrest(?:ed|s)|detain(?:ed|s)|captur(?:ed|es)|"
    r"displac(?:ed|es)|evacuat(?:ed|es)|rescu(?:ed|es)|freed|releas(?:ed|es))\s+"
    r"(?:at least\s+|about\s+|some\s+|nearly\s+|more than\s+|over\s+|another\s+)?$",
    re.IGNORECASE,
)
_KILLED_AND_INJURED = re.compile(
    r"\s*(?:of\s+)?(?:[\w-]+\s+){0,2}?(?:were\s+)?(?:killed|dead|deaths)\s*(?:and|&|or)\s*"
    r"(?:injured|wounded|hurt|injuries|wounds)\b",
    re.IGNORECASE,
)
_LEADS_NEXT = re.compile(
    r"\b(?:injur|wound|hurt|kill)\w*\s+(?:at least\s+|some\s+|about\s+)?$", re.I
)


def _verb_after(after: str, verb: re.Pattern) -> int | None:
    """Where the verb attached to a number starts in the text after it, if one is."""
    match = verb.search(after)
    if match is None or not _WORDS_BEFORE_VERB.match(after[: match.start()]):
        return None
    return match.start()


def _verb_before(before: str, verb: re.Pattern) -> bool:
    tail = before[-200:]
    for match in verb.finditer(tail):
        gap = tail[match.end() :]
        if _GAP_AFTER_VERB.fullmatch(gap):
            return True
    return False


def _is_not_people(text: str, q: Quantity, lexicon: Lexicon) -> bool:
    """'four car bombs', '18 of 31 vehicles', '39 sorties': numbers of things, not people."""
    head = re.match(r"\s*(?:of\s+)?(?:[\w'’-]+\s+){0,3}?", text[q.end : q.end + 60])
    window = text[q.end : q.end + 60]
    thing = lexicon.not_casualty_noun.search(window)
    person = lexicon.person_noun.search(window)
    if not thing:
        return False
    if (
        person is not None
        and thing.end() <= person.start()
        and not window[thing.end() : person.start()].strip()
    ):
        return False  # "a shop owner", "bus passengers": the thing only names the person
    before_thing = person is not None and person.start() < thing.start()
    # "three terrorist attacks": a person word right before the thing only describes it
    adjective = before_thing and not window[person.end() : thing.start()].strip()
    if before_thing and not adjective:
        return False
    first = person.start() if adjective else thing.start()
    return head is not None and first <= len(head.group(0)) + 1


def _share_coordinated_kinds(
    text: str, quantities, kinds: list, lexicon: Lexicon
) -> tuple[list, list[bool]]:
    """'twenty civilians and one staff member were killed': both numbers are deaths."""
    kinds, joined = list(kinds), [False] * len(kinds)
    for i in range(len(quantities) - 2, -1, -1):
        # "six civilians including three children were injured": the whole takes the
        # verb of its part before any "and" can lend it the previous number's verb
        between = text[quantities[i].end : quantities[i + 1].start]
        if kinds[i] is None and kinds[i + 1] not in (None, _THING) and _PART_OF.search(between):
            kinds[i] = kinds[i + 1]
    for _ in range(2):  # a pass each way settles chains of three or more
        for i in range(len(quantities) - 1):
            between = text[quantities[i].end : quantities[i + 1].start]
            after = text[quantities[i + 1].end : quantities[i + 1].end + 60]
            listed = _bare_list(between, after, lexicon) or _another_toll(between, after)
            if _THING in (kinds[i], kinds[i + 1]) or not (_shares_verb(between) or listed):
                continue
            if kinds[i] is None and kinds[i + 1]:
                kinds[i] = kinds[i + 1]
            elif kinds[i + 1] is None and kinds[i]:
                kinds[i + 1] = kinds[i]
            joined[i + 1] = kinds[i] == kinds[i + 1] and kinds[i] is not None
    return kinds, joined


def _bare_list(between: str, after: str, lexicon: Lexicon) -> bool:
    """'kill 10 children 5 women' (a headline's list, its comma lost): two victim groups
    side by side, each a number and a person noun, add up. Not after a word for everyone
    ('three civilians two women and a man' breaks the three down)."""
    noun = between.strip()
    if not lexicon.person_noun.fullmatch(noun) or _EVERYONE.fullmatch(noun):
        return False
    return bool(lexicon.person_noun.match(after.lstrip()))


_EVERYONE = re.compile(
    r"people|persons?|individuals?|victims?|civilians?|residents?|others?", re.IGNORECASE
)


def _shares_verb(between: str) -> bool:
    """'20 civilians and 4 soldiers were killed', '87 people including 31 children died'."""
    return bool(_COORDINATION.match(between) or _PART_OF.search(between))


def _another_toll(between: str, after: str) -> bool:
    """'30 were killed around Shadadi ... and another five outside Kobane': the same verb,
    however long the first toll's place phrase ('and another 30 sealed off' has its own)."""
    own_verb = _OWN_PARTICIPLE.match(after) or _OWN_STATE.search(after)
    return bool(_ANOTHER_TOLL.search(between)) and not own_verb


_ANOTHER_TOLL = re.compile(r"^[^.;]{0,120}\band (?:another|a further)\s+$", re.IGNORECASE)
# "and another 20 in critical condition were taken to hospital": told of the wounded
_OWN_STATE = re.compile(
    r"^[^.;]*?\b(?:were|was|are|is|have|has|had|remain\w*)\b|\bin (?:a )?(?:critical|serious|"
    r"stable) condition\b",
    re.IGNORECASE,
)
_OWN_PARTICIPLE = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:\w+ed|taken|held|hidden|beaten|shot|hit|caught|left)\b", re.IGNORECASE
)


_NOUN_PHRASE_ENDS = re.compile(
    r"[,;\"“”]|\b(?:were|was|are|is|have|has|had|killed|died|dead|injured|wounded|hurt|when|after|"
    r"during|said|says|told|quoted|according)\b",
    re.IGNORECASE,
)


def _one_group(group: str, before: Figure, value: int) -> bool:
    return "unspecified" in (group, before.group) or value == before.value == 1


def _victim_group(text, q, stop: int, lexicon: Lexicon, earlier: list[Figure]) -> str:
    phrase = text[q.end : min(stop, q.end + 60)]
    verb = _NOUN_PHRASE_ENDS.search(phrase)  # "scores were injured in terrorist attacks"
    phrase = phrase[: verb.start()] if verb else phrase
    noun = lexicon.person_noun.search(phrase)
    if not noun or noun.start() > 45:
        return "unspecified"
    word = noun.group(0).lower()
    if word in ("others", "other"):
        return earlier[-1].group if earlier else "others"
    if _SOLDIER_WORDS.search(phrase[: noun.end() + 25]) and not _FIGHTER_WORDS.search(word):
        return "soldiers"
    if _FIGHTER_WORDS.search(word):
        return "fighters"
    if lexicon.civilian_noun.fullmatch(word) and not lexicon.total_noun.fullmatch(word):
        return "civilians"
    return "total"


def aggregate(clauses: list[tuple[str | None, list[Figure]]], kind: str) -> int:
    """Spec section 3: one figure per victim group, summed across groups.

    ``clauses`` holds each clause's claimant and figures, in reading order. Inside one
    clause the numbers for one victim group add up ("twenty civilians and one staff
    member"). Across clauses a report leads with its toll and later sentences break it
    down ("14 of them at the hospital"), so a group keeps its first figure; when two
    named sources give the group different figures, the lowest stands. A total stated
    for everyone wins over a smaller sum of groups.
    """
    if any(f.updated for _, fs in clauses for f in fs if f.kind == kind):
        # "the toll has risen to 126": a revised toll replaces the earlier ones (not a
        # conflicting source); the lowest rule applies among the revised tolls
        clauses = [(who, [f for f in fs if f.updated or f.kind != kind]) for who, fs in clauses]
    if any(not f.hedged for _, fs in clauses for f in fs if f.kind == kind):
        # a firm count stands; an upper bound or a guess stays only a claim
        clauses = [(who, [f for f in fs if not f.hedged]) for who, fs in clauses]
    # a precise count outranks vague words, but a guess ("up to 33") does not
    precise = any(not f.vague for _, fs in clauses for f in fs if f.kind == kind)
    by_group: dict[str, tuple[str | None, int]] = {}
    for claimant, figures in clauses:
        for group, value in _clause_groups(figures, kind, precise).items():
            group = "total" if group == "unspecified" else group  # both count everyone
            by_group[group] = _settle(by_group.get(group), claimant, value)
    values = {g: v for g, (_, v) in by_group.items()}
    totals = [values.pop(g) for g in ("total", "unspecified") if g in values]
    return max(min(totals, default=0), sum(values.values()))


def _settle(known: tuple[str | None, int] | None, claimant: str | None, value: int):
    if known is None:
        return (claimant, value)
    first_claimant, first_value = known
    if claimant and first_claimant and claimant != first_claimant:
        return (first_claimant, min(first_value, value))  # sources differ: the lowest
    return known


def _clause_groups(figures: list[Figure], kind: str, precise: bool) -> dict[str, int]:
    """Joined numbers add up ('2 women and 2 soldiers'); a repeated one is one phrasing."""
    sums: dict[str, int] = {}
    for f in figures:
        if f.kind != kind or f.part or (precise and f.vague):
            continue
        known = sums.get(f.group)
        sums[f.group] = (
            f.value if known is None else (known + f.value if f.joined else min(known, f.value))
        )
    return sums
