"""SQLite backend: a single file in WAL mode; the default store."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from frontwatch.store.base import SqlStore


class SqliteStore(SqlStore):
    dialect = "sqlite"

    def __init__(self, path: str | Path) -> None:
        super().__init__(str(path))

    def _open(self) -> sqlite3.Connection:
        # autocommit mode: transactions are opened explicitly (BEGIN IMMEDIATE takes the
        # write lock up front, so two writers queue instead of deadlocking)
        conn = sqlite3.connect(self.target, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL survives a killed process
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=30000")
        return conn

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def _adapt(self, value: object) -> object:
        # store dates as ISO text explicitly (the implicit adapter is deprecated)
        return value.isoformat() if isinstance(value, date) else value
