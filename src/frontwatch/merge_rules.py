"""The pairwise rules of cross-article merging: whether two mentions describe one incident.

Each decision names the rule that settled it, its score and the parts, so a user can audit
every merge. Clustering and the canonical record built from these decisions: ``merge.py``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from frontwatch.model import Actor, Event

# --- across articles ---------------------------------------------------------
#
# Rules (every decision names the rule that settled it and its score, so it can be audited):
#   vetoes  dates further apart than the coarser time precision allows; places that cannot
#           be one place (other country; other province and further apart than the coarser
#           geo precision allows); incompatible types (a protest is not an air strike)
#   score   0.25 date + 0.25 place + 0.15 type + 0.15 actors + 0.2 fatalities, each in [0, 1];
#           a merge takes MERGE_THRESHOLD
#   "score"         the places pin the incident down (one town, or points within 10 km, 25 km
#                   when one is only "near")
#   "coarse_place"  the place is wide (a province, a city of over BIG_CITY people, or two towns
#                   of one province far apart) and scores low: a city of millions sees several
#                   incidents a day, so it takes the same day and agreeing type, actors, toll
#   "corroborated"  a vague place (a province, a big city) merges below the threshold on the
#                   same day, sub-type and a toll of DISTINCTIVE_TOLL or more within a fifth
#   "follow_up"     a later report that does not say when the incident happened (its date is
#                   the report's) may tell of an incident up to FOLLOW_UP_DAYS earlier: it
#                   merges at the very same town with the same sub-type, actors not at odds
#                   and a toll of DISTINCTIVE_TOLL or more within half
#   "rare_kind"     a kind of attack so rare that two reports of it in one province within
#                   the date tolerance, or an undated follow-up at the very same town, tell
#                   one incident whatever their tolls
#   "mass_casualty" a wide place, but both reports tell a toll of MASS_TOLL or more: the same
#                   day with tolls within half, or a day apart within a fifth; one violent
#                   family and perpetrators not at odds (two such incidents rarely share a
#                   province and a day)
#   "undated"       a report that gives no date at all (no dateline, no day) cannot be
#                   checked against a day: it merges only at one town, or with a toll of
#                   MASS_TOLL or more in one province, on the same sub-type and a
#                   distinctive toll within a fifth, perpetrators not at odds; never a
#                   battle (fighting on one front goes on for days with tolls alike)
#   "same_target"   a wide place, but the same day and sub-type, a distinctive toll on both
#                   sides and the same singular target told (a wedding, a funeral, a
#                   hospital): early tolls differ, the target does not
#   "same_text"     the same sentence in two articles (a wire report republished) merges
#                   whatever the score, unless a veto holds
#   "same_article"  two mentions of one article never merge by themselves (the article told
#                   them apart), but reports from other outlets may join them in one event

MERGE_THRESHOLD = 0.78
WEIGHTS = {"date": 0.25, "place": 0.25, "type": 0.15, "actors": 0.15, "fatalities": 0.2}
# days apart allowed for the coarser of two time precisions (1 day, 2 week, 3 month)
DAY_TOLERANCE = {1: 1, 2: 3, 3: 15}
# how far apart (km) two coded places may be, by the coarser geo precision
KM_TOLERANCE = {1: 10.0, 2: 25.0}
SAME_SPOT_KM = 2.0
# above this population a town's name alone does not tell one incident from another
BIG_CITY = 250_000
BIG_CITY_KM = 20.0  # reports code a suburb of a big city to the city itself (Duma, Damascus)
# early tolls of a mass-casualty attack differ widely (hundreds vs over a thousand)
MASS_CASUALTIES = 100
# a toll this high on both sides marks one incident of a day in a province
MASS_TOLL = 50
# a wide place that is one vague report (a province, a big city), not two towns far apart
VAGUE_PLACE_SCORE = 0.4
# a report that does not date the incident may come this many days after it (follow-ups)
FOLLOW_UP_DAYS = 10
FOLLOW_UP_DATE_SCORE = 0.1
# the date part of a pair where one report gives no date at all: no veto, no support
UNDATED_DATE_SCORE = 0.0
# a toll this high is distinctive: two incidents of one day and province rarely share it
DISTINCTIVE_TOLL = 10
# what an attack hit, when it singles one incident out among a day's in a province: an
# analyst matches "a suicide attack on a wedding in Hasakeh" across outlets by it
SINGULAR_TARGET = re.compile(
    r"\b(?:on|targeting|targeted|hit|hitting|struck|striking|bombed|bombing|shelled|attacked|"
    r"into)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(wedding|funeral|hospital|bakery|mosque|church|school|market|stadium|prison|bus)(?:es|s)?\b",
    re.IGNORECASE,
)
# two towns this far apart are two targets, whatever they are called
SAME_TARGET_KM = 25.0
# sub-types so rare that two reports of one in a province, a day apart or the later one
# undated, tell one incident: a chemical attack is news for weeks (the death toll, the
# agent, the blame), and weeks pass between two in one province
RARE_SUB_TYPES = frozenset({"Chemical weapon"})
# event types that outlets describe differently for one incident
# (an air strike on a town is "shelling" for one and "an attack on civilians" for another)
VIOLENT_FAMILY = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
CROWD_FAMILY = frozenset({"Protests", "Riots"})
# sub-types that only say "something happened": compatible with any violent report
UNKNOWN_SUB_TYPES = frozenset({"Other", ""})
GENERIC_PREFIXES = ("unidentified", "civilians", "protesters", "rioters", "unknown")
RULE_TEXT = {
    "score": "the places pin the incident down",
    "coarse_place": "a wide place needs the same day and agreeing type, actors and toll",
    "corroborated": "a wide place, but the same day, kind of attack and toll",
    "same_text": "the same sentence in two articles: one report republished",
    "rare_kind": "a rare kind of attack, in one province within days",
    "mass_casualty": "a toll of 50 or more on both sides, in one province on one day",
    "follow_up": "a later report that does not date the incident, same town, kind and toll",
    "undated": "a report with no date: one town or a mass toll, same kind and toll",
    "same_target": "a wide place, but the same day, kind of attack and target hit",
    "same_article": "mentions of one article join only through other reports",
    "date_apart": "the dates are further apart than their precision allows",
    "place_apart": "the places cannot be one place",
    "type_apart": "the event types cannot describe one incident",
}


@dataclass(frozen=True)
class MergeDecision:
    """Whether two mentions describe one incident, which rule said so, and the score."""

    merge: bool
    rule: str
    score: float
    parts: tuple[tuple[str, float], ...] = ()

    def explain(self) -> str:
        """E.g. "merge: coarse_place, a wide place needs ... (score 0.83 of 0.78 needed; ...)"."""
        detail = ", ".join(f"{name}={value:.2f}" for name, value in self.parts)
        verdict = "merge" if self.merge else "apart"
        needed = f"score {self.score:.2f} of {MERGE_THRESHOLD:.2f} needed"
        return f"{verdict}: {self.rule}, {RULE_TEXT[self.rule]} ({needed}; {detail})"

    @property
    def vetoed(self) -> bool:
        return self.rule.endswith("_apart")


def same_incident(a: Event, b: Event) -> MergeDecision:
    """Decide whether mentions ``a`` and ``b`` describe one incident, and say why."""
    parts, wide = {}, False
    for name, scorer in _VETOING_SCORERS:
        value = scorer(a, b)
        if value is None:
            return MergeDecision(False, f"{name}_apart", 0.0, tuple(parts.items()))
        if name == "place":  # wide: a province, a big city, two towns far apart
            value, wide = value
        parts[name] = value
    parts["actors"] = actor_score(a, b)
    parts["fatalities"] = fatality_score(a, b)
    score = round(sum(WEIGHTS[name] * value for name, value in parts.items()), 4)
    merge, rule = _rule(a, b, parts, score, wide)
    return MergeDecision(merge, rule, score, tuple(parts.items()))


def _rule(
    a: Event, b: Event, parts: dict[str, float], score: float, wide: bool
) -> tuple[bool, str]:
    """(merge, the rule that settled it), the rules tried in the order of the table above."""
    if a.article_id == b.article_id:
        return False, "same_article"
    if a.notes and a.notes == b.notes:  # one wire report republished by another outlet
        return True, "same_text"
    if parts["date"] == UNDATED_DATE_SCORE:
        return _undated_match(a, b, parts, wide), "undated"
    if _rare_kind(a, b, parts, wide):
        return True, "rare_kind"
    below = score < MERGE_THRESHOLD
    if wide and below and _mass_casualty(a, b, parts):
        return True, "mass_casualty"
    if parts["date"] == FOLLOW_UP_DATE_SCORE:
        # not a veto either way: the undated report may belong with either incident
        return _follows_up(a, b, parts, wide), "follow_up"
    if not wide:
        return not below, "score"
    same_day = parts["date"] == 1.0
    if same_day and below and _corroborated(a, b, parts):
        return True, "corroborated"
    if same_day and below and _same_target(a, b, parts):
        return True, "same_target"
    return same_day and not below, "coarse_place"


def _rare_kind(a: Event, b: Event, parts: dict[str, float], wide: bool) -> bool:
    """Two reports of a chemical attack in one province within the date tolerance, or a
    later report not dating it at the very same town, perpetrators not at odds: the same
    attack, whatever their tolls (the vetoes still hold)."""
    rare = a.sub_event_type == b.sub_event_type and a.sub_event_type in RARE_SUB_TYPES
    if not (rare and _same_admin1(a, b) and parts["actors"] > 0):
        return False
    follow_up = parts["date"] == FOLLOW_UP_DATE_SCORE
    return not follow_up or (parts["place"] >= 0.8 and not wide)


def _mass_casualty(a: Event, b: Event, parts: dict[str, float]) -> bool:
    """Both report 50 dead or more in one province: on the same day with tolls within half,
    or a day apart within a fifth; types of one violent family, perpetrators not at odds."""
    if min(a.fatalities, b.fatalities) < MASS_TOLL or parts["actors"] == 0:
        return False
    if parts["type"] < 0.6 or not _same_admin1(a, b):
        return False
    if parts["date"] == 1.0:
        return parts["fatalities"] >= 0.6
    return parts["date"] >= 0.3 and parts["fatalities"] >= 0.8


def _undated_match(a: Event, b: Event, parts: dict[str, float], wide: bool) -> bool:
    """A report with no date of its own: the same sub-type and a distinctive toll within a
    fifth, perpetrators not at odds, at one town or, for a mass toll, in one province.
    Never a battle: fighting on one front goes on for days with tolls alike."""
    tolls = min(a.fatalities, b.fatalities) >= DISTINCTIVE_TOLL and parts["fatalities"] >= 0.8
    if not (tolls and parts["type"] == 1.0 and parts["actors"] > 0 and _same_admin1(a, b)):
        return False
    if a.event_type == "Battles":
        return False
    return (parts["place"] >= 0.8 and not wide) or min(a.fatalities, b.fatalities) >= MASS_TOLL


def _corroborated(a: Event, b: Event, parts: dict[str, float]) -> bool:
    """One vague place (not two towns far apart), the same sub-type and a distinctive toll
    within a fifth, perpetrators not at odds: two incidents of a day rarely agree on all."""
    if parts["place"] < VAGUE_PLACE_SCORE or min(a.fatalities, b.fatalities) < DISTINCTIVE_TOLL:
        return False
    return parts["type"] == 1.0 and parts["fatalities"] >= 0.8 and parts["actors"] > 0


def _same_target(a: Event, b: Event, parts: dict[str, float]) -> bool:
    """One province, the same sub-type, a distinctive toll on both sides (early tolls rise,
    so not within a fifth), perpetrators not at odds, and the same singular target hit."""
    if parts["type"] < 1.0 or parts["actors"] == 0 or not _same_admin1(a, b):
        return False
    if min(a.fatalities, b.fatalities) < DISTINCTIVE_TOLL:
        return False
    km = _distance_km(a, b)
    towns = not (_is_coarse(a) or _is_coarse(b))
    if towns and km is not None and km > SAME_TARGET_KM:
        return False
    return bool(targets_hit(a) & targets_hit(b))


def targets_hit(event: Event) -> frozenset[str]:
    """The singular targets the sentences that tell the event say were hit ('an attack on
    a wedding'; not 'a doctor at the hospital said')."""
    told = (e.span.text for e in event.evidence if e.field == "sentence")
    return frozenset(m.group(1).lower() for text in told for m in SINGULAR_TARGET.finditer(text))


def date_score(a: Event, b: Event) -> float | None:
    """1 for one day (or one week, both told at week precision); 0.3 a day apart; 0.6 /
    0.3 within a week / a month."""
    if a.event_date is None or b.event_date is None:
        return UNDATED_DATE_SCORE  # no day to compare: only the "undated" rule may merge
    precision = max(a.time_precision, b.time_precision)
    tolerance = DAY_TOLERANCE.get(precision, DAY_TOLERANCE[3])
    days = abs((a.event_date - b.event_date).days)
    if days > tolerance:
        return FOLLOW_UP_DATE_SCORE if _undated_report_after(a, b, days) else None
    if precision == 1:  # consecutive days in one place are more often two incidents
        return 1.0 if days == 0 else 0.3
    if precision == 2 and days == 0 and a.time_precision == b.time_precision:
        return 1.0  # "this week" in two reports of one week: as close as they can tell
    return 0.6 if precision == 2 else 0.3


def _undated_report_after(a: Event, b: Event, days: int) -> bool:
    """The later of the two gives no date of the incident (its date is the report's)."""
    later = a if a.event_date > b.event_date else b
    stated = any(e.field == "event_date" for e in later.evidence)
    return days <= FOLLOW_UP_DAYS and not stated and later.time_precision == 1


def _follows_up(a: Event, b: Event, parts: dict[str, float], wide: bool) -> bool:
    """A follow-up report: one town (not a wide place), one sub-type, perpetrators not at
    odds and a distinctive toll on both sides, within half."""
    one_town = parts["place"] >= 0.8 and not wide
    tolls = min(a.fatalities, b.fatalities) >= DISTINCTIVE_TOLL and parts["fatalities"] >= 0.6
    return one_town and parts["type"] == 1.0 and parts["actors"] > 0 and tolls


def place_match(a: Event, b: Event) -> tuple[float, bool] | None:
    """(score, wide): 1 one spot, 0.8 within tolerance; wide 0.6 big city .. 0.3 far apart."""
    if a.place is None or b.place is None or a.place.country != b.place.country:
        return None
    km = _distance_km(a, b)
    if _is_coarse(a) or _is_coarse(b):
        return _coarse_place_match(a, b, km)
    big_city = _big_city(a) or _big_city(b)
    if km is None:
        return (0.6 if big_city else 1.0, big_city) if _place_name(a) == _place_name(b) else None
    if km <= KM_TOLERANCE[max(geo_precision(a), geo_precision(b))]:
        if big_city:  # "Damascus" may be anywhere in a city of millions
            return 0.6, True
        return (1.0 if km <= SAME_SPOT_KM else 0.8), False
    if big_city and km <= BIG_CITY_KM:  # a suburb just outside a city of millions
        return 0.5, True
    return (0.3, True) if _same_admin1(a, b) else None


def _coarse_place_match(a: Event, b: Event, km: float | None) -> tuple[float, bool] | None:
    """A province matches the places inside it, and a place near its centre point."""
    if _same_admin1(a, b):
        return 0.5, True
    if km is not None and km <= KM_TOLERANCE[2]:
        return 0.4, True  # a small province (Damascus) next to its neighbour's towns
    return None


def type_score(a: Event, b: Event) -> float | None:
    """1 same sub-type, 0.7 same type, 0.6 one violent family, 0.3 violent vs unknown."""
    if a.sub_event_type == b.sub_event_type:
        return 1.0
    if a.event_type == b.event_type and a.event_type != "Strategic developments":
        return 0.7
    for family in (VIOLENT_FAMILY, CROWD_FAMILY):
        if a.event_type in family and b.event_type in family:
            return 0.6  # one attack is "clashes" for one outlet and "a bombing" for another
    if _unknown_type(a) and b.event_type in VIOLENT_FAMILY:
        return 0.3
    if _unknown_type(b) and a.event_type in VIOLENT_FAMILY:
        return 0.3
    return None


def _unknown_type(event: Event) -> bool:
    return event.sub_event_type in UNKNOWN_SUB_TYPES


def actor_score(a: Event, b: Event) -> float:
    """1 a named actor shared, 0 different named perpetrators (actor1), else 0.5: outlets name
    victims, units hit and quoted officials (a police command) differently."""
    if named_actors(a) & named_actors(b):
        return 1.0
    perpetrators = {x.actor1.name for x in (a, b) if x.actor1 and not is_generic(x.actor1)}
    return 0.0 if len(perpetrators) == 2 else 0.5


def fatality_score(a: Event, b: Event) -> float:
    """Supporting evidence: equal tolls 1, close 0.8 or 0.6, far apart 0.2, unknown 0.5."""
    low, high = sorted((a.fatalities, b.fatalities))
    if low == 0:
        return 0.5  # a report without a figure neither supports nor contradicts
    if low == high:
        return 1.0
    ratio = low / high
    if ratio >= 0.8:
        return 0.8
    if ratio >= 0.5 or (low >= MASS_CASUALTIES and ratio >= 0.25):
        return 0.6
    return 0.2  # tolls rise as bodies are found, so a low early figure is weak evidence


# each returns None for a veto; place_match returns (score, wide)
_VETOING_SCORERS = (("date", date_score), ("place", place_match), ("type", type_score))


def named_actors(event: Event) -> frozenset[str]:
    actors = (event.actor1, event.actor2, *event.assoc_actor_1, *event.assoc_actor_2)
    return frozenset(a.name for a in actors if a is not None and not is_generic(a))


def is_generic(actor: Actor) -> bool:
    return actor.inter == 7 or actor.name.lower().startswith(GENERIC_PREFIXES)


def geo_precision(event: Event) -> int:
    return event.geo_precision or 3


def _is_coarse(event: Event) -> bool:
    return event.place is None or geo_precision(event) >= 3 or event.place.feature == "admin1"


def _big_city(event: Event) -> bool:
    return event.place.population > BIG_CITY


def _same_admin1(a: Event, b: Event) -> bool:
    return bool(a.place.admin1) and _fold(a.place.admin1) == _fold(b.place.admin1)


def _place_name(event: Event) -> str:
    return _fold(event.place.name if event.place else event.location)


def _fold(name: str | None) -> str:
    return "".join(ch for ch in (name or "").lower() if ch.isalnum())


def _distance_km(a: Event, b: Event) -> float | None:
    pa, pb = a.place, b.place
    if None in (pa.latitude, pa.longitude, pb.latitude, pb.longitude):
        return None
    lat1, lon1, lat2, lon2 = map(
        math.radians, (pa.latitude, pa.longitude, pb.latitude, pb.longitude)
    )
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))
