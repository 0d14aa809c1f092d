"""Dedup acceptance on the real extractor's output (issue 5): pairwise P/R of article merges.

Every fakes-dev article is extracted as `frontwatch eval` does, all mentions are clustered
as the store clusters them, and two articles count as merged when their main events share
a canonical event (tests/dedup_gold/README.md says why). The recall floor is pinned a
little below the value measured when it was set, because the extractor keeps changing.
"""

from __future__ import annotations

import json
import random
import time

import pytest

from dedup_gold.labelled import GOLD_PATH, load_rows
from frontwatch.evaluate import fakes_article
from frontwatch.merge import merge_across
from frontwatch.merge_eval import dedup_pairs
from frontwatch.store import open_store

PRECISION_TARGET = 0.95
RECALL_FLOOR = 0.85  # measured 0.856 when last raised (the "undated" and "same_target"
# rules), rounded down; the acceptance target of issue 5 is 0.85
SECONDS_BUDGET = 60.0


@pytest.fixture(scope="module")
def extracted(shared_dir):
    """Articles and their extracted events, keyed by unit_id, and the seconds it took."""
    from frontwatch.extract.events import extract_events
    from frontwatch.pipeline import load_resources
    from frontwatch.settings import Settings

    started = time.perf_counter()
    resources = load_resources(Settings())
    articles = {}
    for row in load_rows(shared_dir):  # an article with several label rows is one article
        articles.setdefault(row["unit_id"], fakes_article(row))
    events = {uid: extract_events(a, resources, "x") for uid, a in sorted(articles.items())}
    return articles, events, time.perf_counter() - started


@pytest.fixture(scope="module")
def gold():
    return json.loads(GOLD_PATH.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_dedup_of_extracted_events_meets_the_targets(extracted, gold):
    articles, events, seconds = extracted
    pairs = dedup_pairs(gold, events)
    scores = pairs.scores()
    assert len(articles) > 300 and seconds < SECONDS_BUDGET
    assert scores["pairs_gold"] >= 180  # a gold article without events would shrink this
    assert scores["precision"] >= PRECISION_TARGET, pairs.false_merges
    assert scores["recall"] >= RECALL_FLOOR, scores


@pytest.mark.slow
def test_the_store_merges_extracted_events_as_measured(extracted, gold, tmp_path):
    """Incremental dedup in a real SQLite store, one article at a time, equals the measured
    clustering of all mentions at once (so the measurement is what the store holds)."""
    articles, events, _ = extracted
    order = sorted({u for g in gold["groups"] for u in g["unit_ids"]})
    random.Random(5).shuffle(order)
    store = open_store(str(tmp_path / "dedup.db"))
    store.migrate()
    try:
        for uid in order:
            store.save_article(articles[uid], events[uid])
        stored = {e["event_id_cnty"]: sorted(e["article_ids"]) for e in store.events()}
    finally:
        store.close()
    mentions = {m.id: m for uid in order for m in events[uid]}  # the store keeps one per id
    expected = {e.id: sorted(e.article_ids) for e in merge_across(mentions.values())}
    assert stored == expected
