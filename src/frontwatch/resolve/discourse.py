"""The article as a whole: what one mention says about another.

- containment: "X in Y", "the X district of Y" (or "X, Y" with Y a province or a country)
  puts X inside Y;
- one place per name: a name written the same way twice in one article is one town.
"""

from __future__ import annotations

import math

from frontwatch.model import Place
from frontwatch.resolve.georesolve import BIG_FEATURES, PlaceMention, mention_of, ranked, resolve
from frontwatch.resolve.geoscan import is_big
from frontwatch.resolve.placenames import DIRECTIONS, word_set

CONTAINER_GAP = word_set(
    "in the of city town village villages neighbourhood neighborhood neighbourhoods neighborhoods district area camp countryside province governorate"
    " capital syrian iraqi yemeni"  # 'Sumaria area in the Syrian capital Damascus'
)
PART_NOUNS = word_set(
    "district neighbourhood neighborhood quarter suburb"
)  # "the X district of Y": X is a part of Y
NEAR_KM = 40.0  # "X in Y" with Y a town: X lies within this distance of Y (or in its province)


def contained(text, tokens, matches, cues, pools, resolved, context) -> list:
    """'X in Y' (or 'X, Y' with Y a province or country): X lies in Y. A resolution of X that
    does not is replaced by its best candidate that does, or dropped unless X is a big town of
    Y's country ('al-Hamadaniya in Aleppo' is no Al Hamdaniyah of Hama)."""
    resolved = list(resolved)
    for k, mention in enumerate(resolved):
        container = container_of(text, tokens, matches, resolved, k)
        if mention is None or container is None or inside(mention.place, container.place):
            continue
        if mention.place.feature in BIG_FEATURES:  # 'the border with Turkey in northern Aleppo'
            continue
        pool = [c for c in pools[k] if inside(c.place, container.place)]
        inner = resolve(text, matches[k], cues[k], pool, context) if pool else None
        same_country = mention.place.country == container.place.country
        resolved[k] = inner or (mention if same_country and is_big(mention.place) else None)
    return resolved


def container_of(text, tokens, matches, resolved, k) -> PlaceMention | None:
    """The mention right after match k that contains it: 'in' (with 'the', 'countryside of',
    'village'... around it), 'district of' ('the Hamdaniyah district of Aleppo') or a bare
    comma before a province or a country."""
    if k + 1 >= len(matches) or resolved[k + 1] is None:
        return None
    here, after = matches[k], matches[k + 1]
    if after.sentence != here.sentence:
        return None
    gap = [tokens[j].text.lower() for j in range(here.last, after.first - after.article)]
    if "in" in gap and all(w in CONTAINER_GAP or w in DIRECTIONS for w in gap):
        return resolved[k + 1]
    if len(gap) == 2 and gap[0] in PART_NOUNS and gap[1] == "of":
        return resolved[k + 1]
    wide = resolved[k + 1].place.feature in ("admin1", "country")
    return (
        resolved[k + 1]
        if wide and not gap and text[here.end : after.start].strip() == ","
        else None
    )


def _may_be(mention: PlaceMention, anchor: PlaceMention) -> bool:
    feature = mention.place.feature
    elsewhere = mention.place.admin1 != anchor.place.admin1
    return feature == "populated" or (feature == "admin2" and elsewhere)


def inside(place: Place, container: Place) -> bool:
    if container.feature == "country":
        return place.country == container.country
    if place.country != container.country:
        return False
    if container.feature == "admin1" or place.admin1 == container.admin1:
        return place.admin1 == container.admin1
    return distance_km(place, container) <= NEAR_KM


def distance_km(one: Place, other: Place) -> float:
    if None in (one.latitude, one.longitude, other.latitude, other.longitude):
        return math.inf
    lat = math.radians((one.latitude + other.latitude) / 2)
    return 111.2 * math.hypot(
        one.latitude - other.latitude, (one.longitude - other.longitude) * math.cos(lat)
    )


def one_place_per_name(text, matches, cues, pools, resolved, context) -> list:
    """A name written the same way twice in an article is one town: each mention resolved to a
    town takes the town of the best-scored such mention when it is among its candidates. So does
    a district of that name in another province ('the southern district of Midan' in a
    Damascus report is no Al Mayadin district of Deir ez-Zor)."""
    best: dict[str, PlaceMention] = {}
    for cue, mention in zip(cues, resolved, strict=True):
        town = mention and mention.place.feature == "populated"
        if town and (cue.spelling not in best or mention.score > best[cue.spelling].score):
            best[cue.spelling] = mention
    out = []
    for match, cue, pool, mention in zip(matches, cues, pools, resolved, strict=True):
        anchor = best.get(cue.spelling)
        if mention and anchor and mention.place != anchor.place and _may_be(mention, anchor):
            scored = ranked(match, pool, context)
            rank = next((r for r, (c, _) in enumerate(scored) if c.place == anchor.place), None)
            mention = mention if rank is None else mention_of(text, match, cue, scored, rank)
        out.append(mention)
    return out
