"""A total that the next clauses break down by place is their sum, not an event's toll.

"At least 35 jihadists were killed in air strikes overnight in northern and northeastern
Syria ... 30 were killed around the town of Shadadi and another five outside Kobane":
the 35 counts the dead of two events. Kept as a figure, it goes to whichever event its
clause joins, and that place gets everyone's dead (spec section 3: one event per place,
each with its own toll). So when the tolls of the following clauses, told in two or
more different towns, add up to a clause's toll exactly, that clause's death figures
are dropped; its words, weapon and sources stay as evidence. An exact sum is required:
"35 killed" followed by "20 in Douma" is a partial account, and the 35 stands.
"""

from __future__ import annotations

from dataclasses import replace

from frontwatch.extract.casualties import KILLED, aggregate
from frontwatch.resolve.discourse import distance_km

BREAKDOWN_REACH = 4  # clauses after the total that may break it down
# The parts must lie in different towns. A city's total told district by district stays:
# the grouping keeps one city's districts in one event, where the total is that event's
# own toll (dropping it would leave the event the first district's figure alone).
APART_KM = 10.0


def drop_broken_down_totals(mentions: list) -> list:
    """The mentions, with the death figures of totals broken down by place removed."""
    tolls = [aggregate([(None, list(m.figures))], KILLED) for m in mentions]
    return [
        _without_deaths(mention) if tolls[i] and _broken_down(mentions, tolls, i) else mention
        for i, mention in enumerate(mentions)
    ]


def _broken_down(mentions: list, tolls: list[int], index: int) -> bool:
    total, running, places = tolls[index], 0, []
    after = slice(index + 1, index + 1 + BREAKDOWN_REACH)
    for mention, toll in zip(mentions[after], tolls[after], strict=True):
        if not toll or toll == total:
            continue  # no toll, or the total told again (a headline, then the lead)
        if not mention.places:
            return False  # a toll with no place of its own is not a per-place part
        running += toll
        places.append(_clause_place(mention))
        if running >= total:
            return running == total and _different_towns(places)
    return False


def _clause_place(mention):
    """The place named in the clause itself: a mention carries its whole sentence's places
    ('30 around Shadadi and another five outside Kobane' is two clauses)."""
    clause = mention.clause
    inside = [p for p in mention.places if clause.start <= p.span.start < clause.end]
    return (inside or mention.places)[0].place


def _different_towns(places: list) -> bool:
    return any(
        distance_km(one, other) >= APART_KM for one in places for other in places if one != other
    )


def _without_deaths(mention):
    return replace(mention, figures=tuple(f for f in mention.figures if f.kind != KILLED))
