"""Killing ingest (SIGKILL) at any moment, then re-running, ends as one clean run does.

The test runs this file as a worker process that stores the first N fakes-dev articles
(hand-built mentions) and prints "saved I" after each; the parent kills it right after
the K-th line, while it is inside the next article's transaction.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLES = 40
KILL_AFTER = (1, 7, 23)


def worker(target: str, shared: str, count: int) -> None:
    from dedup_gold.labelled import labelled_corpus
    from frontwatch.store import open_store

    articles, mentions = labelled_corpus(Path(shared), read_dates=True)
    store = open_store(target)
    store.migrate()
    for i, article_id in enumerate(sorted(articles)[:count]):
        store.save_article(articles[article_id], mentions[article_id])
        print(f"saved {i}", flush=True)
    store.close()


def _command(target: str, shared: Path) -> list[str]:
    return [sys.executable, str(Path(__file__)), target, str(shared), str(ARTICLES)]


def _run_to_end(target: str, shared: Path) -> None:
    done = subprocess.run(_command(target, shared), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("saved") == ARTICLES


def _kill_after(target: str, shared: Path, lines: int) -> None:
    proc = subprocess.Popen(_command(target, shared), stdout=subprocess.PIPE, text=True)
    try:
        for _ in range(lines):
            assert proc.stdout.readline().startswith("saved"), "worker stopped early"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def _consistent(snapshot: dict) -> None:
    """Nothing half-written: every mention sits in exactly one canonical event."""
    mentions = {row[0] for row in snapshot["mentions"]}
    linked = [row[1] for row in snapshot["event_mentions"]]
    assert sorted(linked) == sorted(mentions)
    articles_with_mentions = {row[1] for row in snapshot["mentions"]}
    assert articles_with_mentions <= {row[0] for row in snapshot["articles"]}


@pytest.mark.slow
def test_sigkill_then_rerun_equals_a_clean_run(fresh_target, shared_dir):
    from frontwatch.store import open_store

    clean = fresh_target()
    _run_to_end(clean, shared_dir)
    with open_store(clean) as store:
        expected = store.snapshot()
    assert len(expected["articles"]) == ARTICLES
    for lines in KILL_AFTER:
        target = fresh_target()
        _kill_after(target, shared_dir, lines)
        with open_store(target) as store:
            _consistent(store.snapshot())
        _run_to_end(target, shared_dir)
        with open_store(target) as store:
            assert store.snapshot() == expected, f"differs after a kill at article {lines}"


if __name__ == "__main__":
    worker(sys.argv[1], sys.argv[2], int(sys.argv[3]))
