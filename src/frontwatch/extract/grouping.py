"""Mentions into events: one event per day x place x actor pair (spec section 1).

Mentions are read in order. Each takes its own place and date when its clause names
them, else the last place named before it and the day of the report's lead. A mention joins
the most recent open event it is compatible with (same province, dates at most a day
apart, a type that can be one event, actors that can be the same pair), else starts
a new event. Several tactics of one pair become one event at the highest rank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from frontwatch.extract.cues import is_bare_attack
from frontwatch.extract.mentions import Mention, item_start
from frontwatch.extract.recalled import is_undated_background, recalled_day, remember, retells
from frontwatch.taxonomy import EVENT_TYPE_OF

_VIOLENT_MIX = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
ROUNDUP_PROVINCES = 3  # a clause naming this many provinces lists news, not one place


@dataclass
class Group:
    """An event being assembled (local to one extraction call)."""

    mentions: list[Mention] = field(default_factory=list)
    places: list = field(default_factory=list)  # PlaceMention of each mention, if own
    place: object = None  # the PlaceMention coded for the event
    day: date | None = None
    date_mention: object = None
    default_day: date | None = None

    @property
    def families(self) -> set[str]:
        return {EVENT_TYPE_OF[t] for m in self.mentions if (t := typed_as(m))}

    @property
    def actor_names(self) -> set[str]:
        return {a.actor.name for m in self.mentions for a in (*m.perpetrators, *m.targets)}

    @property
    def target_kind(self) -> str | None:
        kinds = {_target_kind(m) for m in self.mentions} - {None}
        return kinds.pop() if len(kinds) == 1 else None


def group_mentions(
    mentions: list[Mention],
    published: date | None,
    province,
    country: str | None,
    lead_day: date | None = None,
) -> list[Group]:
    groups: list[Group] = []
    last_place, states, recalled = None, [], {}
    for mention in mentions:
        own_date = _first(_clause_or_sentence(incident_dates(mention), mention))
        own_date = recalled_day(mention) or own_date
        if _dropped(mention, own_date, published, recalled):
            continue
        own_place = _own_place(mention, country, province) or _abroad(mention, country)
        if own_place is None and _placed_elsewhere(mention, own_date, published, country):
            continue
        if mention.durative and own_date is None:
            states.append((mention, own_place))
            continue
        place = own_place or last_place
        # the news goes on where it was, not at the place of an event it recalls
        last_place = last_place if mention.background else (place or last_place)
        group = _group_for(groups, mention, place, own_date, lead_day or published)
        if group is not None:
            mention = _typed_like_before(mention, group, groups)
            _add(group, mention, place, own_place, own_date, country)
    _add_context(groups, states, country)
    for group in groups:
        group.place = group.place or province  # a Place: coded at precision 3
    return groups


def _dropped(mention: Mention, own_date, published: date | None, recalled: dict) -> bool:
    """A toll over a period, a recalled event we cannot date (remembered, to know it when
    told again), or such an event told again: no event of the report's day."""
    if mention.cumulative and mention.figures:
        return True
    if is_undated_background(mention, own_date, published):
        remember(recalled, mention)
        return True
    return retells(mention, recalled)


def _add_context(groups: list[Group], states: list, country) -> None:
    """'The SDF have been fighting IS around Manbij for weeks. On Monday, clashes in the
    town killed 12': a lasting state is no event of a day, but it tells the place and the
    sides of an event it fits; with none to fit, it is dropped."""
    for mention, own_place in states:
        group = _find_group(groups, mention, own_place, None)
        if group is not None:
            _add(group, mention, own_place, own_place, None, country)


def _placed_elsewhere(mention: Mention, own_date, published: date | None, country) -> bool:
    """A mention with no place of its own that the news's town cannot host: a recalled
    event of another year ("since the conflict began with demonstrations in March 2011"), a
    sentence set in another country ("IS has swept across northern Iraq ..."), or one told
    of the whole country ("targeted the terrorists' gatherings across the country")."""
    nationwide = bool(_NATIONWIDE.search(mention.clause.text))
    return _of_an_earlier_year(own_date, published) or _told_abroad(mention, country) or nationwide


_NATIONWIDE = re.compile(
    r"\b(?:(?:across|throughout|all over|around) the country|nationwide|in (?:several|various|many|"
    r"different|a number of) (?:provinces|governorates|areas|regions|parts of the country))\b",
    re.IGNORECASE,
)


def _group_for(groups: list[Group], mention: Mention, place, own_date, default_day):
    """The open event the mention joins, a new one, or None for a detail with nothing
    before it."""
    group = _find_group(groups, mention, place, own_date)
    if group is None and _only_detail(mention):
        return groups[-1] if groups else None  # "one of those slain was a commander"
    if group is None and _only_blame(mention, own_date):
        return None  # "Russia denies involvement and says a U.S. drone was responsible"
    if group is None:
        group = Group(default_day=default_day)
        groups.append(group)
    return group


# "..., the World Health Organization said on Wednesday": the day of a statement, not of
# the incident it speaks of
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|reported|announced|stated|added|confirmed|told\s+[\w-]+(?:\s+[\w-]+)?)"
    r"\s+(?:on\s+|late\s+|early\s+)?$",
    re.IGNORECASE,
)


# "The WHO on Wednesday said ...", "IS on Monday claimed the attack", "On Tuesday similar
# results were confirmed by Turkish officials"
_SAID_AFTER = re.compile(
    r"\s*,?\s*(?:(?:said|says|announced|reported|claimed|stated|confirmed|told|added)\b|"
    r"(?:[\w'-]+\s+){1,3}?(?:were|was|have been|has been)\s+(?:confirmed|reported|announced)\b)",
    re.IGNORECASE,
)


def incident_dates(mention: Mention) -> list:
    """The dates of the mention's sentence that can date its incident: not the day a source
    spoke of it, unless speaking is the event ("11 factions announced on Monday a merger")."""
    if mention.cue is not None and EVENT_TYPE_OF[mention.cue.sub_event_type] == _STATEMENTS:
        return list(mention.dates)
    text, start = mention.sentence.text, mention.sentence.start
    return [
        d
        for d in mention.dates
        if not _SAID_BEFORE.search(_words_before(mention, d.start))
        and not _SAID_AFTER.match(text, d.end - start)
    ]


_STATEMENTS = "Strategic developments"  # agreements, announcements: told the day they happen


def _words_before(mention: Mention, offset: int) -> str:
    """The mention's sentence up to an offset of the article."""
    return mention.sentence.text[: offset - mention.sentence.start]


_IN_BEFORE = re.compile(
    r"\b(?:in|across|inside|throughout)\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?\s+)?$",
    re.IGNORECASE,
)


def _told_abroad(mention: Mention, country: str | None) -> bool:
    """A sentence set in another country ("across northern Iraq") naming no place of the
    article's own: its events are not the news's town."""
    if country is None or any(p.place.country == country for p in mention.places):
        return False
    return any(
        p.place.feature == "country" and _IN_BEFORE.search(_words_before(mention, p.span.start))
        for p in _clause_or_sentence(mention.places, mention)
    )


def _of_an_earlier_year(own_date, published: date | None) -> bool:
    """A recalled event of another year: only its own place can locate it, not the news's."""
    return own_date is not None and published is not None and own_date.date.year < published.year


def _only_detail(mention: Mention) -> bool:
    """No act named and every figure a part of a toll told before: a detail of that toll."""
    return mention.cue is None and bool(mention.figures) and all(f.part for f in mention.figures)


# who was behind an incident, or who denies it: said of an incident told before
_BLAME = re.compile(
    r"\b(?:den(?:y|ies|ied|ying) (?:any )?(?:involvement|responsibility|role)|"
    r"(?:was|were|is|are|been) (?:responsible|behind|to blame)|blam(?:e|es|ed|ing))\b",
    re.IGNORECASE,
)


def _only_blame(mention: Mention, own_date) -> bool:
    """A clause that only says who was (not) behind an incident, with no toll, day or town
    of its own: it tells no new event."""
    blame = _BLAME.search(mention.clause.text)
    towns = [p for p in _clause_or_sentence(mention.places, mention) if p.precision == 1]
    return blame is not None and not (mention.figures or own_date or towns)


def _add(group: Group, mention: Mention, place, own_place, own_date, country) -> None:
    group.mentions.append(mention)
    if own_place is not None:
        group.places.append(own_place)
    candidates = group.places or ([place] if place is not None else [])
    # a place abroad comes in only from a sentence set there ('In Iraq, ...': _abroad)
    own_country = best_place(candidates, country) or best_place(candidates)
    group.place = own_country if candidates else group.place
    if own_date is not None and group.date_mention is None:
        group.date_mention = own_date
        group.day = own_date.date


def _find_group(groups: list[Group], mention: Mention, place, own_date) -> Group | None:
    for group in reversed(groups):
        if _fits(group, mention, place, own_date):
            return group
    return None


def _elsewhere(group: Group, mention: Mention, place) -> bool:
    """'The air force also hit targets in Hasakeh': another place, another event. A toll
    told with 'also' ('20 were also wounded') stays with the event it adds to."""
    first_place = group.place is None and place is not None and not mention.figures
    return first_place and bool(_ALSO.search(mention.clause.text))


_ANOTHER = re.compile(r"\banother\s+$", re.IGNORECASE)


def _another_town(group: Group, mention: Mention, place) -> bool:
    """'Air raids on Maarat al-Numan killed another six': a further toll at a town of its
    own is another event than the one told before at another town (not one told of a
    whole province, which the town's toll breaks down)."""
    own = place is not None and place in mention.places and group.place is not None
    at_a_town = getattr(group.place, "precision", 3) < 3
    further = _further_toll(mention) and own and at_a_town
    return further and getattr(group.place, "place", None) != place.place


def _further_toll(mention: Mention) -> bool:
    text, start = mention.sentence.text, mention.sentence.start
    return any(
        _ANOTHER.search(text[: f.span.start - start]) or f.span.text.lower().startswith("another")
        for f in mention.figures
    )


def _typed_like_before(mention: Mention, group: Group, groups: list[Group]) -> Mention:
    """'30 were killed around Shadadi and another five outside Kobane': a further toll in
    a clause of its own that starts an event, naming no act, was dealt by the act told
    before (a sentence that opens on 'Another 12 were killed' tells its own)."""
    if mention.cue is not None or group.mentions or len(groups) < 2:
        return mention
    if mention.clause.start == mention.sentence.start:
        return mention
    if not _further_toll(mention):
        return mention
    cue = next((m.cue for m in reversed(groups[-2].mentions) if m.cue is not None), None)
    return mention if cue is None else replace(mention, cue=cue)


_ALSO = re.compile(r"\b(?:also|elsewhere|meanwhile|in another)\b", re.IGNORECASE)


def _fits(group: Group, mention: Mention, place, own_date) -> bool:
    if not _same_area(group.place, place):
        return False
    if _elsewhere(group, mention, place) or _another_town(group, mention, place):
        return False
    day = group.day or group.default_day
    if own_date is not None and day is not None and abs((day - own_date.date).days) > 1:
        return False
    if own_date is not None and day is None and own_date.precision == 3 and group.mentions:
        return False  # undated news, then "In May 2016 300 were killed": a recalled event
    if group.mentions and mention.background != all(m.background for m in group.mentions):
        return False  # a recalled event is never merged into the day's news (spec 1)
    return _types_fit(group, mention) and _actors_fit(group, mention)


def _same_area(a, b) -> bool:
    if a is None or b is None:
        return True
    return (a.place.country, a.place.admin1) == (b.place.country, b.place.admin1)


def typed_as(mention: Mention) -> str | None:
    """The mention's sub-type, unless only the bare word 'attack' gave it: that word fits
    whatever weapon or fight the other reports of the incident name."""
    cue = mention.cue
    return None if cue is None or is_bare_attack(cue) else cue.sub_event_type


def _types_fit(group: Group, mention: Mention) -> bool:
    families = group.families
    if typed_as(mention) is None:  # a toll on its own: "...; one policeman was killed"
        return not families or bool(families & (_VIOLENT_MIX | {"Riots"}))
    family = EVENT_TYPE_OF[mention.sub_event_type]
    if not families:
        return family in _VIOLENT_MIX
    if family in families:
        return True
    # several tactics of one pair are one event: the pair must be the same, and an
    # attack on civilians is never the same pair as a fight between armed groups
    mixable = family in _VIOLENT_MIX and families <= _VIOLENT_MIX
    kinds = {_target_kind(mention), group.target_kind}
    shared = bool(_names(mention) & group.actor_names)
    return mixable and shared and "civilians" not in kinds


def _actors_fit(group: Group, mention: Mention) -> bool:
    if not _targets_agree(group, mention):
        return False
    mine = [a.actor for a in mention.perpetrators if a.actor.inter != 7]
    theirs = [a.actor for m in group.mentions for a in m.perpetrators if a.actor.inter != 7]
    if not mine or not theirs or _same_side(mine, theirs):
        return True
    # a ground battle has two sides: the other side's subject may start the next sentence
    names = {a.name for a in mine}
    return "Battles" in group.families and bool(names & group.actor_names)


def _same_side(mine: list, theirs: list) -> bool:
    """Shared actor, or an unnamed armed group beside named non-state groups."""
    if {a.name for a in mine} & {a.name for a in theirs}:
        return True
    state = {a.inter in (1, 8) for a in (*mine, *theirs)}
    generic = any(a.name.startswith("Unidentified") for a in (*mine, *theirs))
    return generic and state == {False}


_CROSSFIRE = re.compile(r"\bcross-?fire\b|\bcaught (?:up )?in the (?:fighting|clashes)\b", re.I)


def _targets_agree(group: Group, mention: Mention) -> bool:
    mine, theirs = _target_kind(mention), group.target_kind
    if (
        mine == "civilians"
        and "Battles" in group.families
        and _CROSSFIRE.search(mention.clause.text)
    ):
        return True  # civilians killed in a battle's crossfire belong to it (spec 3)
    return mine is None or theirs is None or mine == theirs


def _target_kind(mention: Mention) -> str | None:
    """'civilians' when civilians are counted or hit and no armed target is named, else 'armed'."""
    if any(f.group == "civilians" for f in mention.figures):
        return "civilians"
    if any(a.actor.inter not in (7,) for a in mention.targets):
        return "armed"
    if mention.civilians_hit:
        return "civilians"
    return None


def _names(mention: Mention) -> set[str]:
    return {a.actor.name for a in (*mention.perpetrators, *mention.targets)}


def _own_place(mention: Mention, country: str | None, province=None):
    """The place a clause names for its event. A roundup over several provinces ("blasts
    hit Tartous, Homs and Hasakeh") is no one place: a place of the province the article
    is mostly about stands for it when there is one."""
    named = _clause_or_sentence(mention.places, mention)
    places = [p for p in named if not _COMES_FROM.search(_words_before(mention, p.span.start))]
    places = places or named
    provinces = {(p.place.country, p.place.admin1) for p in places if _in_country(p, country)}
    if len(provinces) >= ROUNDUP_PROVINCES:
        focus = (province.country, province.admin1) if province is not None else None
        places = [p for p in places if (p.place.country, p.place.admin1) == focus] or places
    elif len(provinces) == 2:
        places = _after_toll(places, mention) or places
    return best_place(places, country)


# "98 evacuees from the towns of Fuaa and Kafraya were killed at a transit point", "rockets
# fired from Douma": where the people or the fire came from, not where the event was
_COMES_FROM = re.compile(
    r"\b(?:evacuees|residents|people|civilians|families|refugees|villagers|inhabitants|"
    r"fighters|militants|displaced|fired|launched)\s+(?:[\w-]+\s+){0,2}?from\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:(?:towns?|villages?|cit(?:y|ies)|neighbou?rhoods?|areas?)\s+of\s+)?"
    r"(?:[\w'-]+\s+(?:and|,)\s+)?$",
    re.IGNORECASE,
)


def _after_toll(places: list, mention: Mention) -> list:
    """'Retakes Qaryatain in Homs, kills over 50 terrorists in Hama': of two provinces
    named, the dead go with the places named after the toll."""
    tolls = [f.span.start for f in mention.figures if f.kind == "killed"]
    return [p for p in places if tolls and p.span.start > tolls[0]]


def _in_country(mention, country: str | None) -> bool:
    return mention.place.feature != "country" and mention.place.country == country


def _abroad(mention: Mention, country: str | None):
    """'In Iraq, government forces repelled an attack on Haditha': a sentence that opens on
    another country places its events there, at the most specific place named."""
    for p in mention.places:
        opening = _words_before(mention, p.span.start).strip().lower()
        if p.place.feature == "country" and p.place.country != country and opening == "in":
            return best_place(_clause_or_sentence(mention.places, mention), p.place.country)
    return None


def best_place(place_mentions, country: str | None = None):
    """The most specific place named: a village or town over a province, earliest first.

    Only places in the country the article is about count: "Beirut" or "Moscow" in a
    Syrian war report is where a reporter or an official speaks, not where it happened.
    """
    usable = [p for p in place_mentions if p.place.feature != "country"]
    if country is not None:
        usable = [p for p in usable if p.place.country == country]
    if not usable:
        return None
    return min(usable, key=_place_rank)


def _place_rank(mention) -> tuple:
    return (mention.precision, _is_province_namesake(mention), mention.span.start)


def _is_province_namesake(mention) -> bool:
    """'in Idlib' may mean the city or the province: a village named nearby says more."""
    place = mention.place
    return place.feature != "populated" or (place.admin1 or "").lower() in place.name.lower()


def _clause_or_sentence(items, mention: Mention) -> list:
    clause = mention.clause
    own = [i for i in items if clause.start <= item_start(i) < clause.end]
    if own:
        return own
    earlier = [i for i in items if item_start(i) < clause.start or _single_clause(mention)]
    # "a child was killed when a bomblet went off | while he played in a field in Binnish":
    # with nothing before it, the clause takes what the rest of its sentence names
    return earlier or [
        i for i in items if mention.sentence.start <= item_start(i) < mention.sentence.end
    ]


def _single_clause(mention: Mention) -> bool:
    return (
        mention.clause.start == mention.sentence.start
        and mention.clause.end == mention.sentence.end
    )


def _first(items):
    return items[0] if items else None
