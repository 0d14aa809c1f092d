"""The store logic shared by both backends: writes, incremental dedup, reads.

A backend supplies a DB-API connection, a transaction context, placeholder rendering
and value adaptation; everything else (the SQL included) lives here once.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from frontwatch.merge import CanonicalEvent, merge_across
from frontwatch.merge_rules import (
    DAY_TOLERANCE,
    DISTINCTIVE_TOLL,
    FOLLOW_UP_DAYS,
    RARE_SUB_TYPES,
)
from frontwatch.model import Article, Event
from frontwatch.store import rows as table_rows
from frontwatch.store import search
from frontwatch.store.query import EventFilter, count_query, events_query, where_clause
from frontwatch.store.schema import (
    ARTICLES,
    CLAIMS,
    EVENT_MENTIONS,
    EVENT_SOURCES,
    EVENTS,
    EVIDENCE,
    MENTIONS,
    MIGRATIONS,
    TABLE_BY_NAME,
    TABLES,
    Table,
    version_table_ddl,
)
from frontwatch.store.stats import group_queries, summarise

log = logging.getLogger(__name__)

CHUNK = 500  # ids per IN (...) list: well under SQLite's parameter limit
# half-height of the box searched around a place: 0.25 degrees of latitude is ~28 km, just
# above the widest merge distance (25 km); its width is stretched by latitude to match
BOX_DEGREES = 0.25
# columns that record when, not what: left out of snapshots
VOLATILE = {"stored_at", "updated_at", "at", "applied_at"}


@dataclass(frozen=True)
class SaveResult:
    """What one ``save_article`` changed."""

    article_id: str
    status: str  # new | unchanged | replaced
    mentions: int = 0
    events_touched: tuple[str, ...] = ()  # canonical events written (new or recomputed)
    events_removed: tuple[str, ...] = ()  # canonical ids that no longer exist


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _unique_by_id(events: Sequence[Event]) -> list[Event]:
    seen: dict[str, Event] = {}
    for event in events:
        if event.id in seen:
            log.warning("duplicate mention %s in article %s dropped", event.id, event.article_id)
            continue
        seen[event.id] = event
    return list(seen.values())


def _chunks(items: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _marks(n: int) -> str:
    return ", ".join("?" * n)


class SqlStore:
    """Base class; subclasses implement ``_open``, ``_transaction`` and the dialect hooks."""

    dialect = ""

    def __init__(self, target: str) -> None:
        self.target = target  # never connects here: see connect()
        self._conn = None

    # --- backend hooks ---------------------------------------------------------

    def _open(self):  # pragma: no cover - each backend overrides
        raise NotImplementedError

    @contextmanager
    def _transaction(self) -> Iterator[None]:  # pragma: no cover
        raise NotImplementedError
        yield

    def _render(self, sql: str) -> str:
        return sql

    def _adapt(self, value: object) -> object:
        return value

    # --- plumbing --------------------------------------------------------------

    def connect(self) -> SqlStore:
        if self._conn is None:
            self._conn = self._open()
        return self

    @property
    def _db(self):
        self.connect()
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> SqlStore:
        return self.connect()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _execute(self, sql: str, params: Sequence = ()):
        cursor = self._db.cursor()
        cursor.execute(self._render(sql), [self._adapt(p) for p in params])
        return cursor

    def _rows(self, sql: str, params: Sequence = ()) -> list[dict]:
        cursor = self._execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _scalar(self, sql: str, params: Sequence = ()):
        row = self._execute(sql, params).fetchone()
        return None if row is None else row[0]

    def _insert(self, table: Table, rows: Sequence[dict]) -> None:
        if not rows:
            return
        columns = [c.name for c in table.columns if c.type != "serial"]
        sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({_marks(len(columns))})"
        values = [[self._adapt(row.get(c)) for c in columns] for row in rows]
        self._db.cursor().executemany(self._render(sql), values)

    def _delete_in(self, table: str, column: str, ids: Sequence[str]) -> None:
        for chunk in _chunks(list(ids)):
            self._execute(f"DELETE FROM {table} WHERE {column} IN ({_marks(len(chunk))})", chunk)

    def _select_in(self, sql: str, ids: Sequence[str]) -> list[dict]:
        """``sql`` ends with ``IN``; the id list is appended in chunks."""
        out: list[dict] = []
        for chunk in _chunks(list(ids)):
            out.extend(self._rows(f"{sql} ({_marks(len(chunk))})", chunk))
        return out

    # --- schema ----------------------------------------------------------------

    def migrate(self) -> None:
        """Apply every migration this database has not recorded yet, each in a transaction."""
        with self._transaction():
            self._execute(version_table_ddl(self.dialect))
        applied = {r["version"] for r in self._rows("SELECT version FROM schema_version")}
        for migration in MIGRATIONS:
            if migration.version in applied:
                continue
            with self._transaction():
                for statement in migration.statements(self.dialect):
                    self._execute(statement)
                self._execute(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                    [migration.version, migration.name, _now()],
                )
            log.info("applied migration %d: %s", migration.version, migration.name)

    def schema_version(self) -> int:
        return self._scalar("SELECT MAX(version) FROM schema_version") or 0

    # --- writes ----------------------------------------------------------------

    def _lock(self) -> None:
        """Serialise writers (SQLite's BEGIN IMMEDIATE already does)."""

    def save_article(self, article: Article, events: Sequence[Event]) -> SaveResult:
        """Store one article and its mentions and redo dedup around them, in one transaction."""
        mentions = _unique_by_id(events)
        with self._transaction():
            self._lock()
            status, old_ids = self._article_status(article, mentions)
            if status == "unchanged":
                return SaveResult(article.id, status, len(mentions))
            affected = self._events_of_mentions(old_ids)
            self._delete_mentions(old_ids)
            self._upsert_article(article)
            self._insert_mentions(mentions)
            touched, removed = self._redo_dedup(affected, mentions)
        return SaveResult(article.id, status, len(mentions), touched, removed)

    def _article_status(self, article: Article, mentions: Sequence[Event]) -> tuple[str, list]:
        """new | unchanged (same text, same mention ids) | replaced, and the old mention ids."""
        stored = self._scalar("SELECT content_hash FROM articles WHERE id = ?", [article.id])
        if stored is None:
            return "new", []
        old = [
            r["id"]
            for r in self._rows("SELECT id FROM mentions WHERE article_id = ?", [article.id])
        ]
        same_text = stored == article.content_hash
        if same_text and sorted(old) == sorted(m.id for m in mentions):
            return "unchanged", old
        return "replaced", old

    def _events_of_mentions(self, mention_ids: Sequence[str]) -> set[str]:
        sql = "SELECT DISTINCT event_id FROM event_mentions WHERE mention_id IN"
        return {r["event_id"] for r in self._select_in(sql, mention_ids)}

    def _delete_mentions(self, mention_ids: Sequence[str]) -> None:
        for table in (EVENT_MENTIONS, EVIDENCE, CLAIMS):
            self._delete_in(table.name, "mention_id", mention_ids)
        self._delete_in(MENTIONS.name, "id", mention_ids)

    def _upsert_article(self, article: Article) -> None:
        row = table_rows.article_row(article, _now())
        columns = list(ARTICLES.column_names)
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
        sql = (
            f"INSERT INTO articles ({', '.join(columns)}) VALUES ({_marks(len(columns))})"
            f" ON CONFLICT (id) DO UPDATE SET {updates}"
        )
        self._execute(sql, [row[c] for c in columns])

    def _insert_mentions(self, mentions: Sequence[Event]) -> None:
        self._insert(MENTIONS, [table_rows.mention_row(m, i) for i, m in enumerate(mentions)])
        self._insert(EVIDENCE, [row for m in mentions for row in table_rows.evidence_rows(m)])
        self._insert(CLAIMS, [row for m in mentions for row in table_rows.claim_rows(m)])

    def _redo_dedup(self, affected: set[str], new: Sequence[Event]) -> tuple[tuple, tuple]:
        """Re-cluster the new mentions with every canonical event they could join.

        Incremental: only events holding a replaced mention, or a mention of the same
        place and time reach of a new one (``_nearby_events``), are dissolved and rebuilt.
        """
        candidates = set(affected)
        for mention in new:
            candidates |= self._nearby_events(mention)
        pool_ids = self._mention_ids_of_events(candidates)
        pool = self._load_mentions(pool_ids) + list(new)
        self._delete_events(candidates)
        canonicals = merge_across(pool)
        self._insert_canonicals(canonicals, {m.article_id: m.source for m in pool})
        touched = tuple(c.id for c in canonicals)
        return touched, tuple(sorted(candidates - set(touched)))

    def _nearby_events(self, mention: Event) -> set[str]:
        """Canonical events holding a mention that could pass the date and place vetoes."""
        if mention.place is None:
            return set()
        dates, date_params = _date_windows(mention)
        places, place_params = _place_window(mention.place)
        sql = (
            "SELECT DISTINCT em.event_id FROM mentions m"
            " JOIN event_mentions em ON em.mention_id = m.id"
            f" WHERE m.country = ? AND ({dates}){places}"
        )
        return {
            r["event_id"]
            for r in self._rows(sql, [mention.place.country, *date_params, *place_params])
        }

    def _mention_ids_of_events(self, event_ids: set[str]) -> list[str]:
        sql = "SELECT mention_id FROM event_mentions WHERE event_id IN"
        return sorted({r["mention_id"] for r in self._select_in(sql, sorted(event_ids))})

    def _load_mentions(self, mention_ids: Sequence[str]) -> list[Event]:
        rows = self._select_in("SELECT * FROM mentions WHERE id IN", mention_ids)
        evidence = self._children(EVIDENCE.name, mention_ids)
        claims = self._children(CLAIMS.name, mention_ids)
        return [
            table_rows.event_of(r, evidence.get(r["id"], []), claims.get(r["id"], [])) for r in rows
        ]

    def _children(self, table: str, mention_ids: Sequence[str]) -> dict[str, list[dict]]:
        rows = self._select_in(f"SELECT * FROM {table} WHERE mention_id IN", mention_ids)
        grouped: dict[str, list[dict]] = {}
        for row in sorted(rows, key=lambda r: (r["mention_id"], r["ord"])):
            grouped.setdefault(row["mention_id"], []).append(row)
        return grouped

    def _delete_events(self, event_ids: set[str]) -> None:
        ids = sorted(event_ids)
        for table in (search.TABLE, "event_actors", EVENT_MENTIONS.name, EVENT_SOURCES.name):
            self._delete_in(table, "event_id", ids)
        self._delete_in(EVENTS.name, "id", ids)

    def _insert_canonicals(self, canonicals: Sequence[CanonicalEvent], source_of: dict) -> None:
        now = _now()
        self._insert(EVENTS, [table_rows.canonical_row(c, now) for c in canonicals])
        self._insert(EVENT_MENTIONS, [row for c in canonicals for row in table_rows.link_rows(c)])
        self._insert(
            EVENT_SOURCES, [row for c in canonicals for row in table_rows.source_rows(c, source_of)]
        )
        self._index_search([c.id for c in canonicals])

    def _index_search(self, event_ids: Sequence[str]) -> None:
        """Write the search rows of just-written events (their mentions' evidence included)."""
        for chunk in _chunks(list(event_ids)):
            for sql, copies in search.fill_statements(self.dialect, len(chunk)):
                self._execute(sql, list(chunk) * copies)

    def reindex_search(self) -> int:
        """Rebuild every event's search row (after a bulk load that bypassed ``save_article``)."""
        with self._transaction():
            self._lock()
            for table in (search.TABLE, *search.ACTOR_TABLES):
                self._execute(f"DELETE FROM {table}")
            for sql, _ in search.fill_statements(self.dialect):
                self._execute(sql)
        return int(self._scalar(f"SELECT COUNT(*) FROM {search.TABLE}"))

    def record_failure(self, input: str, error: str) -> None:  # noqa: A002 - the protocol's name
        with self._transaction():
            self._execute(
                "INSERT INTO failures (input, error, at) VALUES (?, ?, ?)", [input, error, _now()]
            )

    # --- reads -----------------------------------------------------------------

    def has_article(self, article_id: str, content_hash: str) -> bool:
        sql = "SELECT 1 FROM articles WHERE id = ? AND content_hash = ?"
        return self._scalar(sql, [article_id, content_hash]) is not None

    def events(self, filters: EventFilter | None = None) -> list[dict]:
        sql, params = events_query(filters or EventFilter(), self.dialect)
        return [table_rows.event_record(r) for r in self._rows(sql, params)]

    def count_events(self, filters: EventFilter | None = None) -> int:
        sql, params = count_query(filters or EventFilter(), self.dialect)
        return int(self._scalar(sql, params))

    def stats(self, filters: EventFilter | None = None) -> dict:
        """Totals and per-week / province / type counts, grouped by the database."""
        where, params = where_clause(filters or EventFilter(), self.dialect)
        groups = group_queries(where, steer=self.dialect == "sqlite")
        return summarise(
            {name: self._execute(sql, params).fetchall() for name, sql in groups.items()}
        )

    def event(self, event_id: str) -> dict | None:
        rows = self._rows("SELECT * FROM events WHERE id = ?", [event_id])
        if not rows:
            return None
        record = table_rows.event_record(rows[0])
        mentions = self._event_mentions(event_id)
        return {
            **record,
            "mentions": mentions,
            "claims": [dict(c, article_id=m["article_id"]) for m in mentions for c in m["claims"]],
            "conflicts": json.loads(rows[0]["conflicts"] or "{}"),
            "explanation": json.loads(rows[0]["explanation"] or "[]"),
        }

    def _event_mentions(self, event_id: str) -> list[dict]:
        sql = (
            "SELECT m.*, em.rule, em.score, em.matched_id, a.url, a.title, a.publisher, a.published"
            " FROM event_mentions em JOIN mentions m ON m.id = em.mention_id"
            " JOIN articles a ON a.id = m.article_id WHERE em.event_id = ? ORDER BY em.ord"
        )
        rows = self._rows(sql, [event_id])
        ids = [r["id"] for r in rows]
        evidence, claims = self._children(EVIDENCE.name, ids), self._children(CLAIMS.name, ids)
        return [
            table_rows.mention_view(r, evidence.get(r["id"], []), claims.get(r["id"], []))
            for r in rows
        ]

    def article(self, article_id: str) -> dict | None:
        rows = self._rows("SELECT * FROM articles WHERE id = ?", [article_id])
        if not rows:
            return None
        row = rows[0]
        sql = (
            "SELECT m.id, em.event_id FROM mentions m"
            " LEFT JOIN event_mentions em ON em.mention_id = m.id"
            " WHERE m.article_id = ? ORDER BY m.ord"
        )
        links = self._rows(sql, [article_id])
        published = table_rows.as_date(row["published"])
        return {
            **{k: row[k] for k in ("id", "url", "publisher", "title", "text", "content_hash")},
            "published": published.isoformat() if published else None,
            "mention_ids": [r["id"] for r in links],
            "event_ids": sorted({r["event_id"] for r in links if r["event_id"]}),
        }

    def failures(self) -> list[dict]:
        return self._rows("SELECT input, error, at FROM failures ORDER BY id")

    def snapshot(self) -> dict[str, list[tuple]]:
        """Every row of every table, sorted, without timestamps: equal data, equal snapshot.

        The search tables are in too, without row numbers, index-only columns or name ids.
        """
        out = {}
        for table in (*TABLES, TABLE_BY_NAME["schema_version"]):
            columns = [
                c.name for c in table.columns if c.name not in VOLATILE and c.type != "serial"
            ]
            rows = self._rows(f"SELECT {', '.join(columns)} FROM {table.name}")
            out[table.name] = sorted(tuple(_plain(r[c]) for c in columns) for r in rows)
        for name, sql in search.SNAPSHOTS.items():
            out[name] = sorted(tuple(r) for r in self._execute(sql).fetchall())
        return out


def _date_windows(mention: Event) -> tuple[str, list]:
    """Dates within reach: the window is set by the coarser of the two time precisions; a
    mention of the same sub-type and a distinctive toll is within reach of a follow-up."""
    if mention.event_date is None:
        return _undated_window(mention)
    clauses, params = [], []
    for precision in sorted(DAY_TOLERANCE):
        days = DAY_TOLERANCE[max(precision, mention.time_precision)]
        compare = (
            ">=" if precision == max(DAY_TOLERANCE) else "="
        )  # odd precisions count as coarsest
        clauses.append(f"(m.time_precision {compare} ? AND m.event_date BETWEEN ? AND ?)")
        window = timedelta(days=days)
        params += [precision, mention.event_date - window, mention.event_date + window]
    if mention.fatalities >= DISTINCTIVE_TOLL or mention.sub_event_type in RARE_SUB_TYPES:
        # a report that does not date its incident may follow it by FOLLOW_UP_DAYS
        # (merge_rules: same sub-type, a distinctive toll on both sides)
        clauses.append(
            "(m.sub_event_type = ? AND m.fatalities >= ? AND m.event_date BETWEEN ? AND ?)"
        )
        reach = timedelta(days=FOLLOW_UP_DAYS)
        rare = mention.sub_event_type in RARE_SUB_TYPES  # merge_rules.rare_kind: any toll
        params += [mention.sub_event_type, 0 if rare else DISTINCTIVE_TOLL]
        params += [mention.event_date - reach, mention.event_date + reach]
    undated, undated_params = _undated_window(mention)
    clauses.append(f"(m.event_date IS NULL AND ({undated}))")
    return " OR ".join(clauses), params + undated_params


def _undated_window(mention: Event) -> tuple[str, list]:
    """What a report with no date may merge with, on any day (merge_rules "undated" and
    "same_text"): its sub-type with a distinctive toll, or its very sentence republished."""
    clauses, params = ["m.notes = ?"], [mention.notes]
    if not mention.notes:  # no sentence, no republished match
        clauses, params = [], []
    if mention.fatalities >= DISTINCTIVE_TOLL:
        clauses.append("(m.sub_event_type = ? AND m.fatalities >= ?)")
        params += [mention.sub_event_type, DISTINCTIVE_TOLL]
    return " OR ".join(clauses) or "1 = 0", params


def _place_window(place) -> tuple[str, list]:
    """Same province, or within a box a little wider than the largest merge distance."""
    clauses, params = [], []
    if place.admin1:
        clauses.append("m.admin1 = ?")
        params.append(place.admin1)
    if place.latitude is not None and place.longitude is not None:
        clauses.append("(m.latitude BETWEEN ? AND ? AND m.longitude BETWEEN ? AND ?)")
        lat, lon = place.latitude, place.longitude
        width = BOX_DEGREES / max(math.cos(math.radians(lat)), 0.05)
        params += [lat - BOX_DEGREES, lat + BOX_DEGREES, lon - width, lon + width]
    if not clauses:
        return "", []
    return " AND (" + " OR ".join(clauses) + ")", params


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value
