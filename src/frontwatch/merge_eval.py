"""Measuring cross-article merges against a gold grouping of same-incident articles.

Pairwise precision and recall of the merges that ``merge.merge_across`` makes, used by
``frontwatch eval --dedup`` and the dedup tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from frontwatch.merge import cluster_mentions
from frontwatch.model import Event

# # Two articles count as merged when their MAIN events (``main_mention``) end up in one
# canonical event. Gold groups say which articles report one incident as their news; a
# background mention (the 2013 Ghouta attack recalled in a 2017 report) rightly merges with
# that incident's reports, but does not make the two articles report the same incident.

CURRENT_DAYS = 7  # events up to a week before the article's latest one are its news
LEAD_CHARS = 700  # the headline, dateline and first paragraph: where a wire report tells its news


def main_mention(events: Sequence[Event]) -> Event | None:
    """The article's news: its deadliest current event, told in the lead when one is.

    Current: day or week precision, within CURRENT_DAYS of the latest such event (an attack
    recalled with only a month or a year is background). Told in the lead: evidence within
    the first LEAD_CHARS characters; a toll recalled further down (another town's attack the
    same day) is the article's secondary news, not its own.
    """
    pool = [e for e in events if e.time_precision < 3] or list(events)
    days = [e.event_date for e in pool if e.event_date]
    if days:
        latest = max(days)
        pool = [e for e in pool if not e.event_date or (latest - e.event_date).days <= CURRENT_DAYS]
    return max(pool, key=lambda e: (_in_lead(e), e.fatalities), default=None)


def _in_lead(event: Event) -> bool:
    return any(e.span.start < LEAD_CHARS for e in event.evidence)


@dataclass(frozen=True)
class DedupPairs:
    """Article pairs merged by the rules and pairs the gold groups say are one incident."""

    predicted: frozenset[tuple[str, str]]
    gold: frozenset[tuple[str, str]]
    without_events: tuple[str, ...] = ()  # gold articles the extractor found nothing in

    @property
    def false_merges(self) -> list[tuple[str, str]]:
        return sorted(self.predicted - self.gold)

    @property
    def missed_merges(self) -> list[tuple[str, str]]:
        return sorted(self.gold - self.predicted)

    def scores(self) -> dict[str, float | int]:
        hits = len(self.predicted & self.gold)
        return {
            "precision": round(hits / len(self.predicted), 4) if self.predicted else 1.0,
            "recall": round(hits / len(self.gold), 4) if self.gold else 1.0,
            "pairs_predicted": len(self.predicted),
            "pairs_gold": len(self.gold),
            "pairs_true": hits,
            "false_merges": len(self.predicted) - hits,
            "missed_merges": len(self.gold) - hits,
            "articles_without_events": len(self.without_events),
        }


def dedup_pairs(groups, mentions_by_article: Mapping[str, Sequence[Event]]) -> DedupPairs:
    """Cluster every mention of every article as the store does; pair up the main events.

    A predicted pair outside the gold pairs is a false merge, whether or not its articles are
    in a group (the gold's other articles share an incident with no other article).
    """
    mains = {m.id: a for a, ms in mentions_by_article.items() if (m := main_mention(ms))}
    clusters = cluster_mentions(m for ms in mentions_by_article.values() for m in ms)
    predicted = _article_pairs([mains[m.id] for m in c.members if m.id in mains] for c in clusters)
    found = set(mains.values())
    gold_groups = gold_unit_ids(groups)
    # an article the extractor found nothing in misses every pair it belongs to
    gold = _article_pairs(gold_groups)
    missing = sorted({a for g in gold_groups for a in g} - found)
    return DedupPairs(frozenset(predicted), frozenset(gold), tuple(missing))


def measure_dedup(groups, mentions_by_article: Mapping[str, Sequence[Event]]) -> dict:
    """Pairwise precision and recall of article merges, and the pair counts behind them."""
    return dedup_pairs(groups, mentions_by_article).scores()


def gold_unit_ids(groups) -> list[list[str]]:
    """The groups of a groups.json document, of its "groups" list, or of plain id lists."""
    if isinstance(groups, Mapping):
        groups = groups["groups"]
    return [sorted(set(g["unit_ids"] if isinstance(g, Mapping) else g)) for g in groups]


def _article_pairs(groups: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    return {pair for g in groups for pair in combinations(sorted(set(g)), 2)}
