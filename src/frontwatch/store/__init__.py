"""The store: one schema, two backends (SQLite by default, PostgreSQL by URL).

>>> store = open_store("frontwatch.db")      # does not connect yet
>>> store.migrate()
>>> result = store.save_article(article, events)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from frontwatch.model import Article, Event
from frontwatch.store.base import SaveResult
from frontwatch.store.query import EventFilter

__all__ = ["DEFAULT_DB", "EventFilter", "SaveResult", "Store", "is_postgres_url", "open_store"]

DEFAULT_DB = "frontwatch.db"


class Store(Protocol):
    def connect(self) -> Store: ...
    def migrate(self) -> None: ...
    def save_article(self, article: Article, events: Sequence[Event]) -> SaveResult: ...
    def record_failure(self, input: str, error: str) -> None: ...  # noqa: A002
    def has_article(self, article_id: str, content_hash: str) -> bool: ...
    def events(self, filters: EventFilter | None = None) -> list[dict]: ...
    def count_events(self, filters: EventFilter | None = None) -> int: ...
    def event(self, event_id: str) -> dict | None: ...
    def article(self, article_id: str) -> dict | None: ...
    def stats(self, filters: EventFilter | None = None) -> dict: ...
    def failures(self) -> list[dict]: ...
    def snapshot(self) -> dict[str, list[tuple]]: ...
    def reindex_search(self) -> int: ...
    def close(self) -> None: ...


def is_postgres_url(target: str | Path) -> bool:
    return str(target).startswith(("postgresql://", "postgres://"))


def open_store(url_or_path: str | Path = DEFAULT_DB) -> Store:
    """A store for a SQLite path or a postgresql:// URL; connects on first use."""
    if is_postgres_url(url_or_path):
        from frontwatch.store.postgres import PostgresStore

        return PostgresStore(str(url_or_path))
    from frontwatch.store.sqlite import SqliteStore

    return SqliteStore(url_or_path)
