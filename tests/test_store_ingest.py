"""Ingesting the same 300 real articles twice changes nothing, on both backends.

Also: incremental dedup (one article at a time, in any order) ends with the same
canonical events as clustering all mentions at once.
"""

from __future__ import annotations

import random

import pytest

from dedup_gold.labelled import labelled_corpus
from frontwatch.merge import merge_across

ARTICLES = 300


@pytest.mark.slow
def test_ingesting_twice_leaves_identical_rows_and_ids(store, shared_dir):
    articles, mentions = labelled_corpus(shared_dir)
    chosen = sorted(articles)[:ARTICLES]
    first = [store.save_article(articles[a], mentions[a]) for a in chosen]
    assert {r.status for r in first} == {"new"}
    once = store.snapshot()
    assert len(once["articles"]) == ARTICLES
    assert len(once["mentions"]) == sum(len(mentions[a]) for a in chosen)
    second = [store.save_article(articles[a], mentions[a]) for a in chosen]
    assert {r.status for r in second} == {"unchanged"}
    assert store.snapshot() == once
    # every mention is in exactly one canonical event and fewer events than mentions exist
    linked = sorted(row[1] for row in once["event_mentions"])
    assert linked == sorted(row[0] for row in once["mentions"])
    assert store.count_events() < len(once["mentions"])


@pytest.mark.slow
def test_incremental_dedup_equals_a_full_rebuild(store, shared_dir):
    articles, mentions = labelled_corpus(shared_dir, read_dates=True)
    order = sorted(articles)[:ARTICLES]
    random.Random(3).shuffle(order)
    for article_id in order:
        store.save_article(articles[article_id], mentions[article_id])
    full = merge_across([m for a in order for m in mentions[a]])
    stored = {e["event_id_cnty"]: sorted(e["article_ids"]) for e in store.events()}
    assert stored == {e.id: sorted(e.article_ids) for e in full}
