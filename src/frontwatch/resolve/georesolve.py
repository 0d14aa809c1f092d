"""Step 3 of geoparsing: choosing among the places a name may stand for.

Every candidate is scored on the article's country focus, its population, how well
its kind fits the words around the name ("X province", "the town of X"), whether the
text spells one of its names exactly, and the provinces named in the same sentence and
in the article. The best plausible candidate wins; the others are kept as
alternatives. Plausibility is where precision is won: loose spellings only in the
article's own countries, towns of other countries only with "in"/"near" before them,
fragments of longer names only as big places (see :func:`plausible`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from frontwatch.model import Place, Span
from frontwatch.resolve.geoscan import Match, is_big
from frontwatch.resolve.placenames import ARTICLES, Cue

# Score weights: country focus decides first, the province named nearby next; the article's
# provinces outweigh an exact spelling of a hamlet elsewhere ('al-Qaderiyeh' near Manbij).
W_COUNTRY, W_LOCAL_ADMIN1, W_ADMIN1, W_POPULATION, W_FEATURE, W_EXACT = (
    0.35,
    0.3,
    0.25,
    0.15,
    0.4,
    0.15,
)
W_BIG_TOWN = 0.3  # a big town spelled exactly outweighs a village in a province named nearby
MIN_POPULATION_ANYWHERE = 15_000  # a town outside the article's countries needs this many people
BIG_TOWN = 50_000  # a town this big, spelled exactly, is what the name means
FOREIGN_MIN_POPULATION = 1_000  # ... and one of a country it mentions in passing this many
BIG_FEATURES = ("country", "admin1")
FEATURES = ("country", "admin1", "admin2", "area", "populated")
PLAIN_FIT = {"populated": 0.2, "area": 0.2, "admin1": -0.1, "admin2": -0.3}  # no cue: towns first
MAX_SCORED = 50  # candidates scored per name (the index orders them by prior)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """One place named in a text, resolved."""

    span: Span  # the place name in the text
    place: Place  # the chosen candidate
    precision: int  # 1 the place itself; 2 near/around it or a small area; 3 only a province/region
    phrase: str  # what goes in the ACLED 'location' column
    raw: str  # the raw phrase with its cue words ("southern Idlib countryside", "near Kafr Nabl")
    alternatives: tuple[tuple[Place, float], ...]  # other candidates with their scores
    score: float


@dataclass(frozen=True, slots=True)
class Context:
    countries: dict[str, float]  # country name -> share of the article's country evidence
    top: float  # the largest share: the article's own country
    codes: frozenset[str]  # ISO2 of those countries
    admin1: dict[str, float]  # admin1 -> share among resolved places of the focus country
    local_admin1: dict[
        int, tuple[tuple[int, str], ...]
    ]  # sentence -> (first token, province) named in it


@dataclass(slots=True)  # not frozen: made for every candidate, and frozen init costs more
class Candidate:
    """One place a name may stand for, with the part of its score that no province changes."""

    row_id: int
    place: Place
    base: float  # country focus, population, feature fit, exact spelling
    exact: bool  # the text spells one of its names (up to case, marks, articles)
    loose_ok: bool  # in a country whose names are transliterated: loose matches may stand


def local_provinces(match: Match, context: Context) -> frozenset[str]:
    """Provinces named by the other names of the match's sentence."""
    return frozenset(
        a for first, a in context.local_admin1.get(match.sentence, ()) if first != match.first
    )


def feature_fit(feature: str, cue: Cue) -> float:
    """How well a candidate's kind fits the words around it."""
    if feature == "country":
        return 0.5
    if cue.wants_admin1:
        return 1.0 if feature == "admin1" else -0.5
    if cue.wants_admin2:
        return 1.0 if feature == "admin2" else 0.0
    return PLAIN_FIT.get(feature, 0.0)


def candidates(gazetteer, match: Match, cue: Cue, context: Context) -> list[Candidate]:
    """The places a name may stand for, in index order; a geonameid counts once, and loose
    spellings of places of other countries do not count (see :func:`plausible`). The base score
    (country focus, population, feature fit, exact spelling, a big town spelled exactly;
    :func:`ranked` adds the provinces) is computed inline: this runs for every candidate of
    every name."""
    seen, found = set(), []
    countries, loose = context.countries, gazetteer.loose_country_names
    fits = {f: W_FEATURE * feature_fit(f, cue) for f in FEATURES}
    town_bonus = 0.0 if cue.wants_admin1 or cue.wants_admin2 else W_BIG_TOWN  # 'Hama' in a list
    for row_id in focus_first(gazetteer, match.ids, context):
        place = gazetteer.place(row_id)
        identity = (place.geonameid, place.feature) if place.geonameid else row_id
        if identity in seen:
            continue
        seen.add(identity)
        exact = cue.spelling in gazetteer.spellings(row_id)
        share = countries.get(place.country, 0.0)
        if not exact and share < context.top / 2:
            continue  # a loose spelling of a place abroad is never plausible: not even scored
        base = W_COUNTRY * share + fits.get(place.feature, 0.0)
        base += W_POPULATION * min(1.0, math.log10(place.population + 1) / 6)
        if exact:
            base += W_EXACT + town_bonus * big_town(place)
        found.append(Candidate(row_id, place, base, exact, place.country in loose))
    return found


def scored(match: Match, pool: list[Candidate], context: Context) -> list[tuple[Candidate, float]]:
    """(candidate, score) in pool order: the base score plus the provinces named around."""
    local = local_provinces(match, context)
    admin1 = context.admin1
    return [
        (
            c,
            round(
                c.base
                + W_LOCAL_ADMIN1
                * (c.place.admin1 in local and c.place.feature in ("populated", "area"))
                + W_ADMIN1 * admin1.get(c.place.admin1, 0.0),
                4,
            ),
        )
        for c in pool
    ]


def ranked(match: Match, pool: list[Candidate], context: Context) -> list[tuple[Candidate, float]]:
    """(candidate, score) best first; equal scores keep the index order."""
    return sorted(scored(match, pool, context), key=lambda pair: -pair[1])


def best(match: Match, pool: list[Candidate], context: Context) -> tuple[Candidate, float]:
    """The first of :func:`ranked`, without sorting."""
    return max(scored(match, pool, context), key=lambda pair: pair[1])


def focus_first(gazetteer, ids: tuple[int, ...], context: Context) -> tuple[int, ...] | list[int]:
    """At most MAX_SCORED candidates, those in the article's countries first."""
    if len(ids) <= MAX_SCORED:
        return ids
    inside = [i for i in ids if gazetteer.row_country(i) in context.codes]
    chosen = set(inside)
    return (inside + [i for i in ids if i not in chosen])[:MAX_SCORED]


def plausible(candidate: Candidate, match: Match, cue: Cue, context: Context) -> bool:
    """Loose (transliteration) matches only in the article's countries of the Middle East, and for
    small villages only with support: a multi-word name, 'in'/'near', or the province named in
    the same sentence. A town of a country the article is not about needs 'in'/'near'/'town
    of' before it; a piece of a longer name ('Sawaiq al-Rahman') may only be a big place
    spelled exactly."""
    place, exact = candidate.place, candidate.exact
    if match.fragment and not (exact and is_big(place)):
        return False
    if match.head and not match.article and article_name(place.name):
        return False  # 'Bab al-Salama' is no 'Al Bab
    share = context.countries.get(place.country, 0.0)
    if match.english:  # 'in Mocha': a town of the article's country or of a province named
        return exact and (
            share >= context.top / 2 or place.admin1 in local_provinces(match, context)
        )
    if share < context.top / 2 and place.feature != "country":
        # 'overrunning Ramadi, the capital of Anbar province': a big town with its province
        named_with_province = big_town(place) and place.admin1 in local_provinces(match, context)
        return (exact and named_with_province) or foreign_place(place, cue, exact)
    if share == 0 or not (exact or candidate.loose_ok):
        return exact and (
            place.population >= MIN_POPULATION_ANYWHERE
            or place.feature in BIG_FEATURES
            or cue.preposition
        )
    if place.feature != "populated" or place.population >= 1000 or exact or cue.preposition:
        return True
    return match.last - match.first > 1 or place.admin1 in local_provinces(match, context)


def small_foreign(place: Place, context: Context) -> bool:
    """A town neither big nor of the article's own countries ('Geneva, Illinois')."""
    minor = context.countries.get(place.country, 0.0) < context.top / 2
    return minor and place.feature == "populated" and not big_town(place)


def big_town(place: Place) -> bool:
    return place.feature == "country" or (
        place.feature == "populated" and place.population >= BIG_TOWN
    )


def foreign_place(place: Place, cue: Cue, exact: bool) -> bool:
    """A place of a country the article is not about: spelled exactly, not a hamlet, and
    introduced by 'in'/'near'/'town of' (not a bare mention, not 'from X'); a province also
    when the words say province ('Hatay province')."""
    if not exact:
        return False
    if place.feature == "admin1":
        return cue.wants_admin1 or (cue.preposition and not cue.origin)
    locative = cue.preposition and not cue.origin
    return locative and place.population >= FOREIGN_MIN_POPULATION


def article_name(name: str) -> bool:
    """The name starts with an Arabic article ('Al Bab', 'Ar Raqqah')."""
    words = name.split(" ", 1)
    return len(words) == 2 and words[0].lower() in ARTICLES


def precision_of(place: Place, cue: Cue) -> int:
    if place.feature in ("country", "admin1"):
        return 3
    if place.feature in ("admin2", "area") or cue.relative or cue.wants_admin1:
        return 2
    return 1


def resolve(
    text: str, match: Match, cue: Cue, pool: list[Candidate], context: Context
) -> PlaceMention | None:
    """The best plausible candidate of a name, or None when no candidate is plausible. A name
    spelled exactly as a big town is that town or another place so spelled: 'BEIRUT' is no
    village Al Buwayrat, 'Geneva' no Geneva, Illinois;
    spelled exactly as a country, it is that country ('Turkey', not the village Turaykiyah)."""
    if any(c.exact and big_town(c.place) for c in pool):  # 'BEIRUT' is Beirut or nothing
        pool = [c for c in pool if c.exact and not small_foreign(c.place, context)]
    scored = ranked(match, pool, context)
    for rank, (candidate, _) in enumerate(scored):
        if candidate.exact and candidate.place.feature == "country":
            return mention_of(text, match, cue, scored, rank)
    for rank, (candidate, _) in enumerate(scored[:5]):
        if plausible(candidate, match, cue, context):
            return mention_of(text, match, cue, scored, rank)
    return None


def mention_of(text: str, match: Match, cue: Cue, scored, rank: int) -> PlaceMention:
    """The mention of ``scored[rank]``, the others of the first six kept as alternatives."""
    candidate, score = scored[rank]
    others = scored[:rank] + scored[rank + 1 : 6]
    return PlaceMention(
        span=Span.of(text, match.start, match.end),
        place=candidate.place,
        precision=precision_of(candidate.place, cue),
        phrase=candidate.place.name,
        raw=text[cue.start : cue.end],
        alternatives=tuple((c.place, s) for c, s in others),
        score=score,
    )
