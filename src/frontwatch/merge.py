"""Merging event mentions across articles.

Several outlets reporting one incident become one canonical event that keeps every
source. Pure functions over ``frontwatch.model.Event``: clustering by the pairwise rules of
``merge_rules.py``, and the canonical record. Measuring merges against a gold grouping:
``merge_eval.py``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from frontwatch.merge_rules import (
    DAY_TOLERANCE,
    MergeDecision,
    geo_precision,
    named_actors,
    same_incident,
)
from frontwatch.model import Claim, Event, content_hash
from frontwatch.taxonomy import RANK

# --- across articles: clustering ---------------------------------------------


@dataclass(frozen=True)
class Link:
    """Why one mention joined a cluster: the member it matched and the decision."""

    mention_id: str
    matched_id: str
    decision: MergeDecision


@dataclass(frozen=True)
class Cluster:
    members: tuple[Event, ...]
    links: tuple[Link, ...] = ()


def mention_order(event: Event) -> tuple:
    """Deterministic order so the same mentions always cluster the same way."""
    return (event.event_date or date.max, event.id)


def cluster_mentions(mentions: Iterable[Event]) -> list[Cluster]:
    """Group mentions of one incident, the strongest matches first.

    Every pair within reach is decided once; merging pairs are then taken by falling
    score, and each joins its two groups unless some member of one vetoes some member of
    the other (same article, too far in time or space, incompatible type). So a strong
    match is never blocked by a weaker one made earlier, and long chains of loosely
    similar reports do not collapse into one event.
    """
    ordered = sorted(mentions, key=mention_order)
    merging, compatible = _decide_pairs(ordered)
    groups = _Groups(len(ordered))
    joins = [(i, j, d) for d, i, j in merging if groups.join(i, j, compatible)]
    return _clusters(ordered, groups, joins)


def _decide_pairs(ordered: Sequence[Event]) -> tuple[list, set[tuple[int, int]]]:
    """Merging pairs sorted strongest first, and every pair that no rule vetoes."""
    merging, compatible = [], set()
    for i, j in _pairs_within_reach(ordered):
        decision = same_incident(ordered[i], ordered[j])
        if decision.vetoed:
            continue
        compatible.add((i, j))
        if decision.merge:
            merging.append((decision, i, j))
    merging.sort(key=lambda item: (-item[0].score, item[1], item[2]))
    return merging, compatible


def _pairs_within_reach(ordered: Sequence[Event]) -> Iterable[tuple[int, int]]:
    """Index pairs whose dates lie within the widest tolerance (the list is date-sorted,
    undated mentions last), and every pair with an undated mention: no day rules it out."""
    widest = max(DAY_TOLERANCE.values())
    undated = next((i for i, m in enumerate(ordered) if m.event_date is None), len(ordered))
    for i, first in enumerate(ordered):
        if first.place is None:
            continue
        if i >= undated:
            yield from ((i, j) for j in range(i + 1, len(ordered)))
            continue
        for j in range(i + 1, len(ordered)):
            other = ordered[j].event_date
            if other is None or (other - first.event_date).days > widest:
                break
            yield i, j
        yield from ((i, j) for j in range(undated, len(ordered)))


class _Groups:
    """Union-find over mention indexes that refuses a join any member pair vetoes."""

    def __init__(self, n: int) -> None:
        self.root = list(range(n))
        self.members = {i: [i] for i in range(n)}

    def find(self, i: int) -> int:
        while self.root[i] != i:
            self.root[i] = self.root[self.root[i]]
            i = self.root[i]
        return i

    def join(self, i: int, j: int, compatible: set[tuple[int, int]]) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return False
        pairs = ((min(x, y), max(x, y)) for x in self.members[ri] for y in self.members[rj])
        if not all(pair in compatible for pair in pairs):
            return False
        self.root[rj] = ri
        self.members[ri] += self.members.pop(rj)
        return True


def _clusters(ordered: Sequence[Event], groups: _Groups, joins: list) -> list[Cluster]:
    """Each group's links form a tree: orient it from the group's first mention."""
    neighbours: dict[int, list] = {}
    for i, j, decision in joins:
        neighbours.setdefault(i, []).append((j, decision))
        neighbours.setdefault(j, []).append((i, decision))
    clusters = []
    for root in sorted(groups.members):
        first = min(groups.members[root])
        links = _tree_links(ordered, first, neighbours)
        members = tuple(ordered[i] for i in sorted(groups.members[root]))
        clusters.append(Cluster(members, links))
    return clusters


def _tree_links(ordered: Sequence[Event], first: int, neighbours: dict) -> tuple[Link, ...]:
    links, seen, queue = [], {first}, [first]
    for at in queue:
        for other, decision in sorted(neighbours.get(at, []), key=lambda n: n[0]):
            if other not in seen:
                seen.add(other)
                queue.append(other)
                links.append(Link(ordered[other].id, ordered[at].id, decision))
    return tuple(links)


# --- across articles: the canonical record -----------------------------------


@dataclass(frozen=True)
class CanonicalEvent:
    """One incident: merged field values plus every mention, source and claim behind it."""

    id: str
    event: Event  # merged values; event.article_id is the first article's id
    mention_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    sources: tuple[str, ...]
    claims: tuple[tuple[str, Claim], ...]  # (article_id, claim)
    conflicts: dict = field(default_factory=dict)  # field -> sorted distinct values
    links: tuple[Link, ...] = ()

    def explanation(self) -> list[dict]:
        return [
            {
                "mention_id": link.mention_id,
                "matched": link.matched_id,
                "rule": link.decision.rule,
                "score": link.decision.score,
                "parts": dict(link.decision.parts),
                "text": link.decision.explain(),
            }
            for link in self.links
        ]


def canonical_id(mention_ids: Iterable[str]) -> str:
    """Content-derived: the same set of mentions gives the same id in any order or backend."""
    return "FW" + content_hash("canonical", min(mention_ids), length=14)


def canonical_event(cluster: Cluster) -> CanonicalEvent:
    members = sorted(cluster.members, key=mention_order)
    merged = _merged_fields(members)
    mention_ids = tuple(m.id for m in members)
    claims = tuple((m.article_id, c) for m in members for c in m.claims)
    return CanonicalEvent(
        id=canonical_id(mention_ids),
        event=merged,
        mention_ids=mention_ids,
        article_ids=tuple(dict.fromkeys(m.article_id for m in members)),
        sources=tuple(dict.fromkeys(m.source for m in members if m.source)),
        claims=claims,
        conflicts=_conflicts(members),
        links=cluster.links,
    )


def _merged_fields(members: Sequence[Event]) -> Event:
    """Best-supported values: precision from the most precise reports, lowest figures."""
    lead = min(members, key=_representative_order)
    dated = min(members, key=lambda m: (m.event_date is None, m.time_precision))
    placed = min(members, key=lambda m: (m.place is None, geo_precision(m)))
    sub_type = _majority([m.sub_event_type for m in members], key=lambda s: RANK.get(s, 99))
    typed = next(m for m in members if m.sub_event_type == sub_type)
    return replace(
        lead,
        event_type=typed.event_type,
        sub_event_type=sub_type,
        disorder_type=typed.disorder_type,
        event_date=_majority_date(members, dated.time_precision) or dated.event_date,
        time_precision=dated.time_precision,
        place=placed.place,
        location=placed.location,
        geo_precision=placed.geo_precision,
        fatalities=lowest_reported(members, "fatalities"),
        injuries=lowest_reported(members, "injuries"),
        claims=tuple(c for m in members for c in m.claims),
        evidence=(),
        confidence=max(m.confidence for m in members),
    )


def _representative_order(event: Event) -> tuple:
    return (-len(named_actors(event)), geo_precision(event), -event.confidence, event.id)


def _majority(values: Sequence[str], key) -> str:
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], key(v), v))


def _majority_date(members: Sequence[Event], precision: int) -> date | None:
    dates = [m.event_date for m in members if m.event_date and m.time_precision == precision]
    if not dates:
        return None
    counts = Counter(dates)
    return min(counts, key=lambda d: (-counts[d], d))


def lowest_reported(members: Sequence[Event], field_name: str) -> int:
    """Spec section 3: the LOWEST figure among the reports that give one (no figure is not 0)."""
    figures = [getattr(m, field_name) for m in members if _reports(m, field_name)]
    return min(figures) if figures else 0


def _reports(event: Event, field_name: str) -> bool:
    return getattr(event, field_name) > 0 or any(c.field == field_name for c in event.claims)


def _conflicts(members: Sequence[Event]) -> dict:
    conflicts = {}
    for field_name in ("fatalities", "injuries"):
        values = sorted({getattr(m, field_name) for m in members if _reports(m, field_name)})
        if len(values) > 1:
            conflicts[field_name] = values
    sub_types = sorted({m.sub_event_type for m in members})
    if len(sub_types) > 1:
        conflicts["sub_event_type"] = sub_types
    return conflicts


def merge_across(mentions: Iterable[Event]) -> list[CanonicalEvent]:
    """All mentions in, canonical events out (sorted by id)."""
    events = [canonical_event(c) for c in cluster_mentions(mentions)]
    return sorted(events, key=lambda e: e.id)
