"""PostgreSQL backend (psycopg 3), chosen by a postgresql:// URL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from frontwatch.store.base import SqlStore

# one advisory lock id for all frontwatch writers: incremental dedup reads then rewrites
# canonical events around a date, so two concurrent writers must not interleave
WRITE_LOCK = 4_711_202_405


class PostgresStore(SqlStore):
    dialect = "postgres"

    def _open(self):
        import psycopg  # imported on first use: the SQLite path never needs it

        return psycopg.connect(self.target, autocommit=True)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._db.transaction():
            yield

    def _lock(self) -> None:
        self._execute("SELECT pg_advisory_xact_lock(?)", [WRITE_LOCK])

    def _render(self, sql: str) -> str:
        return sql.replace("?", "%s")
