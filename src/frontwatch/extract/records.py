"""A group of mentions becomes one coded ``Event``: type, actors, figures, claims, evidence."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from frontwatch.extract.casualties import INJURED, KILLED, aggregate
from frontwatch.extract.cues import is_bare_attack
from frontwatch.extract.grouping import Group
from frontwatch.extract.sides import actors_of, civilians_hit, rioters_first, unique
from frontwatch.model import Actor, Article, Claim, Event, Evidence, Place, Span
from frontwatch.taxonomy import EVENT_TYPE_OF, RANK, TERRITORY_SUB_TYPES, disorder_type
from frontwatch.text.numbers import parse_number

_LETHAL_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")
_NOTE_LIMIT = 300


class _Sides(NamedTuple):
    """Who acted and who was acted on, each with their associates."""

    actor1: Actor | None
    assoc1: tuple[Actor, ...]
    actor2: Actor | None
    assoc2: tuple[Actor, ...]


def build_event(
    group: Group, article: Article, ctx, country, resources, version: str
) -> Event | None:
    """The coded event of a group of mentions, or None when the group has no place.

    ``country`` is the country most of the article's places lie in; an event placed in
    another country is coded there, its actors read again as that country's.
    """
    place_mention = group.place
    if place_mention is None:
        return None
    place, precision, location, place_span = _place_fields(place_mention)
    if place.country and country and place.country != country:
        group = _actors_abroad(group, ctx.text, place.country, resources)
    sub_type, sides = _type_and_sides(group, place.country or country, resources)
    return Event(
        article_id=article.id,
        **_type_fields(sub_type),
        **_date_fields(group),
        **_actor_fields(sub_type, sides),
        place=place,
        location=location,
        geo_precision=precision,
        **_toll_fields(group, sub_type),
        claims=_claims(group),
        evidence=_evidence(group, place_span, ctx.text),
        notes=_note(group),
        source=article.source or "",
        confidence=_confidence(group, sides.actor1, precision),
        extractor_version=version,
    )


def _type_and_sides(group: Group, country: str | None, resources) -> tuple[str, _Sides]:
    """The sub-event type and the sides: who acts depends on the type, and the type on
    who acts and who was hit, so they are settled together, in this order."""
    sub_type = _sub_type(group, resources)
    sides = _sides(group, sub_type, country, resources)
    sub_type = _adjust_for_actors(sub_type, sides.actor1)
    if sub_type == "Attack" and _armed_victims_only(group, sides.actor2):
        return "Armed clash", sides  # soldiers ambushed by gunmen fight back: a battle
    if sub_type == "Armed clash" and _unarmed_attack(group, sides.actor2):
        # one-sided: the victims are actor2, not a side of a fight
        return "Attack", _Sides(*actors_of(group, "Attack", country))
    return sub_type, sides


def _sides(group: Group, sub_type: str, country: str | None, resources) -> _Sides:
    """The sides for a sub-type; a military reporting strikes may stand for the unnamed
    striker, and rioters act first."""
    actor1, assoc1, actor2, assoc2 = actors_of(group, sub_type, country)
    if actor1 is None:
        actor1 = _spokesman_forces(group, sub_type, actor2, resources)
    if EVENT_TYPE_OF[sub_type] == "Riots":
        return _Sides(*rioters_first(actor1, assoc1, actor2, assoc2))
    return _Sides(actor1, assoc1, actor2, assoc2)


def _type_fields(sub_type: str) -> dict:
    return {
        "event_type": EVENT_TYPE_OF[sub_type],
        "sub_event_type": sub_type,
        "disorder_type": disorder_type(sub_type),
    }


def _date_fields(group: Group) -> dict:
    return {
        "event_date": group.day or group.default_day,
        "time_precision": group.date_mention.precision if group.date_mention else 1,
    }


def _actor_fields(sub_type: str, sides: _Sides) -> dict:
    return {
        "actor1": sides.actor1,
        "assoc_actor_1": sides.assoc1,
        "actor2": sides.actor2,
        "assoc_actor_2": sides.assoc2,
        "civilian_targeting": _civilian_targeting(sub_type, sides.actor2),
    }


def _toll_fields(group: Group, sub_type: str) -> dict:
    """Fatalities and injuries summed sentence by sentence, suicide bombers added."""
    figure_clauses = _figures_by_sentence(group)
    bombers = _bombers_killed(group, sub_type)
    return {
        "fatalities": aggregate(figure_clauses, KILLED) + bombers,
        "injuries": aggregate(figure_clauses, INJURED),
        "extra": {"bombers_counted": bombers} if bombers else {},
    }


def _actors_abroad(group: Group, text: str, country: str, resources) -> Group:
    """'In Iraq, government forces repelled an attack': the article was read as set in
    Syria, so 'government forces' and 'civilians' are read again where the event is."""
    on = group.day or group.default_day

    def again(found: tuple) -> tuple:
        return tuple(_read_again(a, text, on, country, resources) for a in found)

    mentions = [
        replace(m, perpetrators=again(m.perpetrators), targets=again(m.targets))
        for m in group.mentions
    ]
    return replace(group, mentions=mentions)


def _read_again(mention, text: str, on, country: str, resources):
    found = resources.actors.find(
        text, mention.span.start, mention.span.end, on=on, country=country
    )
    same_words = [a for a in found if a.span == mention.span]
    return replace(mention, actor=same_words[0].actor) if same_words else mention


def _place_fields(place_mention) -> tuple[Place, int, str, Span | None]:
    if isinstance(place_mention, Place):
        return place_mention, 3, place_mention.name, None
    return place_mention.place, place_mention.precision, place_mention.phrase, place_mention.span


def _sub_type(group: Group, resources) -> str:
    tolls = [m for m in group.mentions if any(f.kind == KILLED for f in m.figures)]
    typed = [m for m in group.mentions if _shapes_type(m, tolls)]
    # the bare word "attack" says less than any weapon or fight named beside it ("a
    # suicide bomber ... The attack killed 32 rebels"); on armed men it is a battle only
    # when the report also tells of fighting ("an attack on army sites ... clashes")
    named = [m for m in typed if not is_bare_attack(m.cue)]
    if not named or _tells_of_fighting(group):
        named = [m for m in typed if not _weak_clash(m)]
    concrete = named or typed
    if concrete:
        return min((m.sub_event_type for m in concrete), key=RANK.__getitem__)
    first = tolls[0] if tolls else group.mentions[0]
    fallback = "Attack" if first.civilians_hit else "Armed clash"
    if resources.classifier is None:
        return fallback
    guess = resources.classifier.classify(first.sentence.text).sub_event_type
    # people killed are never a strategic development or a peaceful protest, and a toll
    # with no word of fighting or of taking ground is no change of territory
    lethal = EVENT_TYPE_OF[guess] in _LETHAL_TYPES and guess not in TERRITORY_SUB_TYPES
    return fallback if tolls and not lethal else guess


def _tells_of_fighting(group: Group) -> bool:
    return any(
        m.cue and EVENT_TYPE_OF[m.cue.sub_event_type] == "Battles" and not is_bare_attack(m.cue)
        for m in group.mentions
    )


_FORCES_REPORT = ("Air/drone strike", "Shelling/artillery/missile attack", "Armed clash")


def _spokesman_forces(group: Group, sub_type: str, actor2: Actor | None, resources):
    """'Russia's Defence Ministry reported 80 militants killed in strikes': a military that
    reports strikes on armed enemies without naming who struck speaks of its own forces."""
    if sub_type not in _FORCES_REPORT or actor2 is None or actor2.inter == 7:
        return None
    forces = next(
        (m.claimant.forces for m in group.mentions if m.claimant and m.claimant.forces), None
    )
    return resources.actors.get(forces) if forces else None


def _weak_clash(mention) -> bool:
    """Only the bare word 'attack', and on no armed target ('an attack on army sites' is a
    ground assault on military positions: a battle, spec section 2)."""
    return is_bare_attack(mention.cue) and not _armed_hit(mention)


def _armed_hit(mention) -> bool:
    armed_dead = any(f.group in ("soldiers", "fighters") for f in mention.figures)
    return armed_dead or any(a.actor.inter in (1, 2, 3, 4, 8) for a in mention.targets)


def _unarmed_attack(group: Group, actor2: Actor | None) -> bool:
    """'35 people were killed by the attack on a school': only the word 'attack', and no
    armed victims, is an attack on civilians (Violence against civilians), not a battle."""
    clashes = [m for m in group.mentions if m.sub_event_type == "Armed clash"]
    if not clashes or not all(_weak_clash(m) or _one_sided(m) for m in clashes):
        return False
    armed = actor2 is not None and actor2.inter in (1, 2, 3, 4, 8)
    civilians = any(m.civilians_hit for m in group.mentions) or all(_weak_clash(m) for m in clashes)
    return civilians and not armed and not any(_armed_hit(m) for m in group.mentions)


# words of a fight between two armed sides; "stormed", "raided", "attacked" may be one-sided
_TWO_SIDED = re.compile(r"clash|fight|fought|battle|firefight|exchange|skirmish|repel|repuls", re.I)


def _one_sided(mention) -> bool:
    """'Gunmen stormed a house and killed a family': an assault word, no fight word."""
    start = mention.cue.start - mention.sentence.start
    word = mention.sentence.text[start : mention.cue.end - mention.sentence.start]
    return not _TWO_SIDED.search(word)


def _shapes_type(mention, tolls: list) -> bool:
    """Whether a mention's type can be the event's: a fight named beside a one-sided toll
    ("shelling killed 21 as clashes raged in the city") is the same event only when it
    involves whoever caused the toll (spec section 1: the same pair, several tactics)."""
    sub_type = mention.sub_event_type
    if mention.durative:
        return False  # a lasting state told beside the event does not type it
    if not sub_type or not tolls or mention in tolls:
        return bool(sub_type)
    if EVENT_TYPE_OF[sub_type] != "Battles":
        # a weapon named beside the toll ("bracing for a US attack after reports of an
        # alleged chemical attack") outranks the toll's own only when the same side used it
        return not _outranks_tolls(sub_type, tolls) or _shares_causer(mention, tolls)
    if any(a.actor.inter == 7 for m in tolls for a in m.targets):
        return False  # the toll's victims are civilians: a fight is another pair's event
    return bool(_causers(tolls) & _armed_names([(*mention.perpetrators, *mention.targets)]))


def _outranks_tolls(sub_type: str, tolls: list) -> bool:
    own = [m.sub_event_type for m in tolls if m.sub_event_type and not _weak_clash(m)]
    return bool(own) and RANK[sub_type] < min(RANK[t] for t in own)


def _shares_causer(mention, tolls: list) -> bool:
    return bool(_causers(tolls) & _armed_names([mention.perpetrators]))


def _causers(tolls: list) -> set[str]:
    """The armed actors who caused the tolls (their mentions' perpetrators)."""
    return _armed_names(m.perpetrators for m in tolls)


def _armed_names(actor_lists) -> set[str]:
    return {a.actor.name for actors in actor_lists for a in actors if a.actor.inter != 7}


def _adjust_for_actors(sub_type: str, actor1: Actor | None) -> str:
    """Territory and detention types depend on who acts (codebook; notes/classification)."""
    if actor1 is None:
        return sub_type
    state = actor1.inter == 1
    swaps = {
        ("Government regains territory", False): "Non-state actor overtakes territory",
        ("Non-state actor overtakes territory", True): "Government regains territory",
        ("Arrests", False): "Abduction/forced disappearance",
        ("Abduction/forced disappearance", True): "Arrests",
    }
    return swaps.get((sub_type, state), sub_type)


def _armed_victims_only(group: Group, actor2: Actor | None) -> bool:
    armed = actor2 is not None and actor2.inter in (1, 2, 3, 4, 8)
    return armed and not civilians_hit(group)


def _civilian_targeting(sub_type: str, actor2: Actor | None) -> str:
    victims_civilian = actor2 is not None and actor2.inter == 7
    if EVENT_TYPE_OF[sub_type] == "Violence against civilians" or victims_civilian:
        return "Civilian targeting"
    return ""


def _claims(group: Group) -> tuple[Claim, ...]:
    claims = []
    for m in group.mentions:
        who = m.claimant
        for figure in m.figures:
            field = "fatalities" if figure.kind == KILLED else "injuries"
            claims.append(
                Claim(field, figure.value, who.name if who else None, figure.span, _party(who))
            )
        if who and not m.figures:
            claims.append(Claim("event", m.clause.text[:200], who.name, m.clause, who.party))
    return tuple(claims)


def _figures_by_sentence(group: Group) -> list[tuple[str | None, list]]:
    """One entry per sentence: the clauses of a sentence are one statement, and a
    sentence's later clauses add to its earlier ones ("15 killed in X while six
    others were killed in Y")."""
    by_sentence: dict[int, tuple[str | None, list]] = {}
    for m in group.mentions:
        claimant, figures = by_sentence.setdefault(m.sentence.start, (_claimant_name(m), []))
        joined = bool(figures)
        figures.extend(replace(f, joined=f.joined or joined) for f in m.figures)
    return list(by_sentence.values())


_BOMBERS = re.compile(
    r"\b(?:(\w+) )?suicide (?:bombers|attackers)\b|\bsuicide (?:bomber|attacker)\b|"
    r"blew (?:himself|herself|themselves) up",
    re.IGNORECASE,
)
_BOMBER_COUNTED = re.compile(
    r"including (?:the )?(?:suicide )?(?:bombers?|attackers?)", re.IGNORECASE
)


def _bombers_killed(group: Group, sub_type: str) -> int:
    """Spec section 3: in a suicide bombing the bomber counts among the dead. Reports
    give the victims' toll; the bombers are added unless the toll already has them."""
    if sub_type != "Suicide bomb" or not any(m.figures for m in group.mentions):
        return 0
    sentences = " ".join(m.sentence.text for m in group.mentions)
    if _BOMBER_COUNTED.search(sentences):
        return 0
    match = _BOMBERS.search(sentences)
    if match is None:
        return 1
    return parse_number(match.group(1) or "") or 1


def _claimant_name(mention) -> str | None:
    return mention.claimant.name if mention.claimant else None


def _party(who) -> bool | None:
    return who.party if who else None


def _evidence(group: Group, place_span: Span | None, text: str) -> tuple[Evidence, ...]:
    items = [Evidence("sentence", s) for s in unique(m.sentence for m in group.mentions)]
    for m in group.mentions:
        if m.cue:
            items.append(Evidence("sub_event_type", Span.of(text, m.cue.start, m.cue.end)))
        items.extend(Evidence(_figure_field(f), f.span) for f in m.figures)
        items.extend(Evidence("actor", a.span) for a in (*m.perpetrators, *m.targets))
    if place_span is not None:
        items.append(Evidence("location", place_span))
    if group.date_mention is not None:
        d = group.date_mention
        items.append(Evidence("event_date", Span(d.start, d.end, d.text)))
    return tuple(items)


def _figure_field(figure) -> str:
    return "fatalities" if figure.kind == KILLED else "injuries"


def _note(group: Group) -> str:
    main = max(group.mentions, key=lambda m: (bool(m.figures), -m.sentence.start))
    text = " ".join(main.sentence.text.split())
    return text if len(text) <= _NOTE_LIMIT else text[: _NOTE_LIMIT - 1].rstrip() + "…"


def _confidence(group: Group, actor1: Actor | None, precision: int) -> float:
    score = 0.4
    score += 0.2 if any(m.figures for m in group.mentions) else 0.0
    score += 0.1 if actor1 is not None else 0.0
    score += 0.1 if precision == 1 else 0.0
    score += 0.1 if any(m.cue and m.cue.weight >= 3 for m in group.mentions) else 0.0
    score += 0.05 if any(m.claimant for m in group.mentions) else 0.0
    return round(min(score, 0.95), 2)
