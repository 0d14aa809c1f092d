"""One schema description, rendered as DDL for SQLite and PostgreSQL.

Migrations are an ordered list of versioned steps; each applied step is recorded in
``schema_version`` so ``migrate()`` runs only what a database has not seen yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from frontwatch.store import search

# logical type -> (sqlite, postgres)
TYPES = {
    "text": ("TEXT", "TEXT"),
    "int": ("INTEGER", "BIGINT"),
    "real": ("REAL", "DOUBLE PRECISION"),
    "date": ("TEXT", "DATE"),  # ISO dates sort and compare correctly as text in SQLite
    "serial": ("INTEGER PRIMARY KEY AUTOINCREMENT", "BIGSERIAL PRIMARY KEY"),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "text"
    not_null: bool = False
    references: str | None = None  # "table(column)"; deleting the parent deletes the row


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    indexes: tuple[tuple[str, ...], ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _cols(spec: str, **types: str) -> tuple[Column, ...]:
    """Columns from a space-separated list; ``types`` gives the non-text ones."""
    return tuple(Column(name, types.get(name, "text")) for name in spec.split())


ARTICLES = Table(
    "articles",
    (
        Column("id", not_null=True),
        *_cols("url publisher published title text", published="date"),
        Column("content_hash", not_null=True),
        Column("stored_at"),
    ),
    primary_key=("id",),
)

_MENTION_FIELDS = (
    "event_type sub_event_type disorder_type event_date time_precision"
    " actor1 inter1 actor1_country assoc_actor_1 actor2 inter2 actor2_country assoc_actor_2"
    " civilian_targeting place_name country iso admin1 admin2 latitude longitude place_feature"
    " place_population geonameid location geo_precision fatalities injuries notes source"
    " confidence extractor_version extra"
)
MENTIONS = Table(
    "mentions",
    (
        Column("id", not_null=True),
        Column("article_id", not_null=True, references="articles(id)"),
        Column("ord", "int", not_null=True),
        *_cols(
            _MENTION_FIELDS,
            event_date="date",
            time_precision="int",
            inter1="int",
            inter2="int",
            iso="int",
            latitude="real",
            longitude="real",
            place_population="int",
            geonameid="int",
            geo_precision="int",
            fatalities="int",
            injuries="int",
            confidence="real",
        ),
    ),
    primary_key=("id",),
    indexes=(("article_id",), ("country", "event_date")),
)

_SPAN = _cols("span_start span_end span_text", span_start="int", span_end="int")
EVIDENCE = Table(
    "mention_evidence",
    (
        Column("mention_id", not_null=True, references="mentions(id)"),
        Column("ord", "int", not_null=True),
        Column("field"),
        *_SPAN,
    ),
    primary_key=("mention_id", "ord"),
)
CLAIMS = Table(
    "mention_claims",
    (
        Column("mention_id", not_null=True, references="mentions(id)"),
        Column("ord", "int", not_null=True),
        *_cols("field value value_kind claimant party", party="int"),
        *_SPAN,
    ),
    primary_key=("mention_id", "ord"),
)

_EVENT_FIELDS = (
    "event_date year time_precision disorder_type event_type sub_event_type actor1 assoc_actor_1"
    " inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso country admin1 admin2"
    " location latitude longitude geo_precision fatalities injuries notes confidence mention_count"
    " sources article_ids reported_by conflicts explanation updated_at"
)
EVENTS = Table(
    "events",
    (
        Column("id", not_null=True),
        *_cols(
            _EVENT_FIELDS,
            event_date="date",
            year="int",
            time_precision="int",
            inter1="int",
            inter2="int",
            interaction="int",
            iso="int",
            latitude="real",
            longitude="real",
            geo_precision="int",
            fatalities="int",
            injuries="int",
            confidence="real",
            mention_count="int",
        ),
    ),
    primary_key=("id",),
    indexes=(("event_date",), ("country", "admin1"), ("event_type",)),
)
EVENT_MENTIONS = Table(
    "event_mentions",
    (
        Column("event_id", not_null=True, references="events(id)"),
        Column("mention_id", not_null=True, references="mentions(id)"),
        *_cols("ord matched_id rule score", ord="int", score="real"),
    ),
    primary_key=("event_id", "mention_id"),
    indexes=(("mention_id",),),
)
EVENT_SOURCES = Table(
    "event_sources",
    (
        Column("event_id", not_null=True, references="events(id)"),
        Column("article_id", not_null=True, references="articles(id)"),
        Column("source"),
    ),
    primary_key=("event_id", "article_id"),
    indexes=(("article_id",),),
)
FAILURES = Table("failures", (Column("id", "serial"), *_cols("input error at")))
SCHEMA_VERSION = Table(
    "schema_version",
    (Column("version", "int", not_null=True), Column("name"), Column("applied_at")),
    primary_key=("version",),
)

# parents before children: creation order; reversed for clearing
TABLES = (ARTICLES, MENTIONS, EVIDENCE, CLAIMS, EVENTS, EVENT_MENTIONS, EVENT_SOURCES, FAILURES)
TABLE_BY_NAME = {t.name: t for t in (*TABLES, SCHEMA_VERSION)}


def column_ddl(column: Column, dialect: str) -> str:
    sql_type = TYPES[column.type][0 if dialect == "sqlite" else 1]
    parts = [column.name, sql_type]
    if column.not_null:
        parts.append("NOT NULL")
    if column.references:
        parts.append(f"REFERENCES {column.references} ON DELETE CASCADE")
    return " ".join(parts)


def create_table(table: Table, dialect: str) -> str:
    lines = [column_ddl(c, dialect) for c in table.columns]
    if table.primary_key:
        lines.append(f"PRIMARY KEY ({', '.join(table.primary_key)})")
    return f"CREATE TABLE IF NOT EXISTS {table.name} (\n  " + ",\n  ".join(lines) + "\n)"


def create_indexes(table: Table) -> list[str]:
    return [
        f"CREATE INDEX IF NOT EXISTS ix_{table.name}_{'_'.join(cols)} "
        f"ON {table.name} ({', '.join(cols)})"
        for cols in table.indexes
    ]


def initial_schema(dialect: str) -> list[str]:
    statements = []
    for table in TABLES:
        statements.append(create_table(table, dialect))
        statements.extend(create_indexes(table))
    return statements


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: Callable[[str], list[str]]  # dialect -> SQL statements


# the filters compare LOWER(column) = LOWER(?): an index on the same expression serves it
# on both backends (SQLite's LOWER folds ASCII only, PostgreSQL's all of Unicode)
FILTER_INDEXES = (
    ("events", "lower_country", "LOWER(country)"),
    ("events", "lower_admin1", "LOWER(admin1)"),
    ("events", "lower_event_type", "LOWER(event_type)"),
    ("events", "lower_sub_event_type", "LOWER(sub_event_type)"),
    # the sort orders of query.SORTS, whole (the id tie-break included): a page is an
    # index walk, not a sort of every match
    ("events", "fatalities_id", "fatalities, id"),
    ("events", "date_asc", "(event_date IS NULL), event_date, id"),
    ("events", "date_desc", "(event_date IS NULL), event_date DESC, id"),
    # Store.stats groups by day, province and type: each grouping reads one index alone
    ("events", "date_fatalities", "event_date, fatalities"),
    ("events", "admin1_fatalities", "admin1, fatalities"),
    ("events", "type_fatalities", "event_type, fatalities"),
)
SUPERSEDED_INDEXES = ("ix_events_event_date", "ix_events_event_type")  # now prefixes of the above


def search_and_filter_indexes(dialect: str) -> list[str]:
    """Version 2: indexes for the filters and sorts, and the search tables, filled."""
    indexes = [
        f"CREATE INDEX IF NOT EXISTS ix_{table}_{name} ON {table} ({expression})"
        for table, name, expression in FILTER_INDEXES
    ]
    dropped = [f"DROP INDEX IF EXISTS {name}" for name in SUPERSEDED_INDEXES]
    fill = [sql for sql, _ in search.fill_statements(dialect)]
    # statistics for the planner, of these tables only: a bare ANALYZE on PostgreSQL would
    # lock every table of the database, other schemas' included
    analyze = [f"ANALYZE {table}" for table in ("events", search.TABLE, *search.ACTOR_TABLES)]
    return [*indexes, *dropped, *search.schema(dialect), *fill, *analyze]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", initial_schema),
    Migration(2, "filter indexes and text search", search_and_filter_indexes),
)


def version_table_ddl(dialect: str) -> str:
    return create_table(SCHEMA_VERSION, dialect)
