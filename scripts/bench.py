"""make bench: throughput of every stage, measured in one run on this machine.

- end-to-end: the example HTML pages, repeated to a few hundred, through ingest +
  extraction; the same pages through trafilatura alone; their ratio; peak memory
- geoparsing: index load time and sentences/second
- snippet classification: snippets/second
- store: ingest throughput into SQLite (and PostgreSQL when FRONTWATCH_TEST_PG is set)
- web: p95 latency of the events endpoint on 100,000 generated events (scripts/bench_web.py)
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _pages(repeat_to: int) -> list[Path]:
    pages = sorted((REPO / "examples" / "html").glob("*.html"))
    return (pages * (repeat_to // len(pages) + 1))[:repeat_to]


def bench_trafilatura(pages: list[Path]) -> float:
    import trafilatura

    html = [p.read_text(encoding="utf-8") for p in pages]
    start = time.perf_counter()
    for doc in html:
        trafilatura.bare_extraction(doc, with_metadata=True)
    return len(html) / (time.perf_counter() - start)


def bench_end_to_end(pages: list[Path], resources, settings) -> tuple[float, int]:
    from frontwatch.pipeline import run_inputs

    start = time.perf_counter()
    events = 0
    for result in run_inputs([str(p) for p in pages], settings, resources):
        events += len(getattr(result, "events", []))
    return len(pages) / (time.perf_counter() - start), events


def bench_geoparse(settings) -> dict:
    from frontwatch.resolve.places import Gazetteer
    from frontwatch.text.sentences import split_sentences

    start = time.perf_counter()
    gazetteer = Gazetteer(settings.gazetteer_path).load()
    load_s = time.perf_counter() - start
    sentences = [s.text for s in _fakes_sentences(split_sentences)]
    start = time.perf_counter()
    for sentence in sentences:
        gazetteer.find(sentence)
    return {"load_s": load_s, "sentences_per_s": len(sentences) / (time.perf_counter() - start)}


def _fakes_sentences(split):
    import csv

    path = REPO.parent / "shared" / "data" / "fakes-dev" / "fakes_dev.csv"
    if not path.exists():
        path = REPO / "examples" / "jsonl" / "articles.jsonl"
        return [s for line in path.read_text().splitlines() for s in split(line)]
    with open(path, encoding="utf-8") as fh:
        return [s for row in csv.DictReader(fh) for s in split(row["article_content"])]


def bench_classify() -> float:
    from frontwatch.extract.snippets import SnippetClassifier
    from frontwatch.text.sentences import split_sentences

    classifier = SnippetClassifier().load()
    snippets = [s.text for s in _fakes_sentences(split_sentences)][:3000]
    start = time.perf_counter()
    classifier.classify_many(snippets)
    return len(snippets) / (time.perf_counter() - start)


def bench_store(url: str, results: list) -> float:
    from frontwatch.store import open_store

    store = open_store(url)
    store.migrate()
    start = time.perf_counter()
    for result in results:
        store.save_article(result.article, result.events)
    elapsed = time.perf_counter() - start
    store.close()
    return len(results) / elapsed


@contextlib.contextmanager
def _fresh_pg_schema(base: str):
    """An empty schema for one run: a second run into the same database would measure
    idempotent re-ingest (nothing to write), not ingest."""
    import psycopg

    schema = "fwbench_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    joiner = "&" if "?" in base else "?"
    try:
        yield f"{base}{joiner}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def _fakes_results(resources, limit: int = 300) -> list:
    from frontwatch.evaluate import fakes_article, read_fakes
    from frontwatch.pipeline import run_articles

    path = REPO.parent / "shared" / "data" / "fakes-dev" / "fakes_dev.csv"
    return list(run_articles((fakes_article(r) for r in read_fakes(path)[:limit]), resources))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--skip-web", action="store_true")
    args = parser.parse_args()

    from frontwatch.pipeline import load_resources
    from frontwatch.settings import Settings

    settings = Settings()
    start = time.perf_counter()
    resources = load_resources(settings)
    print(f"resources loaded in {time.perf_counter() - start:.2f} s")
    pages = _pages(args.pages)
    traf = bench_trafilatura(pages)
    e2e, events = bench_end_to_end(pages, resources, settings)
    print(f"end-to-end: {e2e:.1f} articles/s over {len(pages)} example pages ({events} events)")
    print(f"trafilatura alone: {traf:.1f} pages/s; end-to-end / trafilatura = {e2e / traf:.2f}")
    geo = bench_geoparse(settings)
    print(f"geoparser: index load {geo['load_s']:.2f} s, {geo['sentences_per_s']:.0f} sentences/s")
    print(f"snippet classifier: {bench_classify():.0f} snippets/s")
    results = _fakes_results(resources)
    with tempfile.TemporaryDirectory() as tmp:
        rate = bench_store(str(Path(tmp) / "bench.db"), results)
        print(f"store ingest, SQLite: {rate:.1f} articles/s ({len(results)} FA-KES articles)")
    if os.environ.get("FRONTWATCH_TEST_PG"):
        with _fresh_pg_schema(os.environ["FRONTWATCH_TEST_PG"]) as url:
            rate = bench_store(url, results)
        print(f"store ingest, PostgreSQL: {rate:.1f} articles/s")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS): {peak_mb:.0f} MB")
    if not args.skip_web and (REPO / "scripts" / "bench_web.py").exists():
        subprocess.run([sys.executable, str(REPO / "scripts" / "bench_web.py")], check=False)


if __name__ == "__main__":
    main()
