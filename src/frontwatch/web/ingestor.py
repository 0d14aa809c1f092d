"""Ingest through the API: run the pipeline on posted articles or URLs and store the results.

The pipeline's resources (gazetteer, actors, classifier) load on the first request, once,
so a read-only server never pays for them.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Iterable

from frontwatch.settings import Settings

log = logging.getLogger(__name__)


class Ingestor:
    def __init__(self, store, settings: Settings | None = None, resources=None) -> None:
        self.store = store
        self.settings = settings or Settings()
        self._resources = resources
        self._lock = threading.Lock()  # one pipeline run at a time: SQLite has one writer anyway

    def resources(self):
        if self._resources is None:
            from frontwatch import pipeline

            log.info("loading extraction resources for the ingest endpoint")
            self._resources = pipeline.load_resources(self.settings)
        return self._resources

    def ingest(self, records: Iterable[dict], urls: Iterable[str]) -> dict:
        with self._lock:
            articles, failures = self._articles(records)
            results = list(self._run(articles)) + list(self._run_urls(list(urls)))
        outcome = {"stored": [], "failures": failures}
        for result in results:
            self._record(result, outcome)
        return outcome

    def _articles(self, records: Iterable[dict]) -> tuple[list, list[dict]]:
        from frontwatch.ingest.failure import InputError
        from frontwatch.ingest.jsonl import record_article

        articles, failures = [], []
        for number, record in enumerate(records):
            try:
                articles.append(record_article(record, None))
            except InputError as error:
                failures.append({"input": f"articles[{number}]", "error": str(error)})
        return articles, failures

    def _run(self, articles: list):
        from frontwatch import pipeline

        return pipeline.run_articles(articles, self.resources()) if articles else ()

    def _run_urls(self, urls: list[str]):
        from frontwatch import pipeline

        return pipeline.run_inputs(urls, self.settings, self.resources()) if urls else ()

    def _record(self, result, outcome: dict) -> None:
        from frontwatch.ingest import Failure

        if isinstance(result, Failure):
            self.store.record_failure(result.input, result.error)
            outcome["failures"].append({"input": result.input, "error": result.error})
            return
        saved = self.store.save_article(result.article, result.events)
        outcome["stored"].append(
            {"article_id": result.article.id, "mentions": len(result.events), **_plain(saved)}
        )


def _plain(saved) -> dict:
    if dataclasses.is_dataclass(saved):
        return {k: v for k, v in dataclasses.asdict(saved).items() if k != "article_id"}
    return dict(saved) if isinstance(saved, dict) else {}
