"""Text and actor search over canonical events: what is indexed, how it is kept, how asked.

Three tables beside ``events``, rewritten by the store in the same transaction that
rewrites an event (``fill_statements``), and filled from the events by migration 2:

- ``event_search``: one row per event, ``body`` = its notes, then the evidence sentences
  of every mention, for ``q``. SQLite indexes it with FTS5 (``event_words``, external
  content kept by triggers; unicode61 words, diacritics folded); PostgreSQL with a
  stored ``tsvector`` (``simple`` configuration: no stemming, no stop words, like FTS5)
  and a GIN index.
- ``actor_names`` (each distinct actor1 / actor2 / associated-actors value once) and
  ``event_actors`` (name id, event id): ``actor`` is a case-insensitive substring match
  over the few distinct names, then an index range per matching name, on both
  backends. (Trigram indexes were the alternative: FTS5's trigram tokenizer measured
  slower for common names, and pg_trgm needs CREATE EXTENSION rights.)

``q`` means: every word of q starts a word of the event's notes or evidence (a prefix
match, any order, case-insensitive); a q without letters or digits matches nothing.
Known differences between the backends: FTS5 folds diacritics and PostgreSQL does not;
PostgreSQL's parser keeps some tokens whole that FTS5 splits (``3.5``, e-mail addresses,
URLs), so such queries can miss there; SQLite's LOWER folds ASCII letters only, so the
``actor`` match ignores case for ASCII names only there.
"""

from __future__ import annotations

import re

TABLE = "event_search"
WORD = re.compile(r"[^\W_]+")  # letters and digits: what both tokenisers call a word
NEWLINE = {"sqlite": "char(10)", "postgres": "chr(10)"}

ACTOR_COLUMNS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
ACTOR_TABLES = ("event_actors", "actor_names")  # children first: the deletion order
# what a snapshot compares: the same on both backends, whatever ids the rows got
SNAPSHOTS = {
    "event_search": "SELECT event_id, body FROM event_search",
    "event_actors": "SELECT ea.event_id, a.name FROM event_actors ea"
    " JOIN actor_names a ON a.id = ea.name_id",
}

SQLITE_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS event_search (
  doc INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE REFERENCES events(id) ON DELETE CASCADE,
  body TEXT NOT NULL
)""",
    "CREATE VIRTUAL TABLE IF NOT EXISTS event_words USING fts5(body, content='event_search',"
    " content_rowid='doc', tokenize='unicode61 remove_diacritics 2')",
    # the external-content triggers from the FTS5 documentation: the index follows the table
    """CREATE TRIGGER IF NOT EXISTS event_search_insert AFTER INSERT ON event_search BEGIN
  INSERT INTO event_words (rowid, body) VALUES (new.doc, new.body);
END""",
    """CREATE TRIGGER IF NOT EXISTS event_search_delete AFTER DELETE ON event_search BEGIN
  INSERT INTO event_words (event_words, rowid, body) VALUES ('delete', old.doc, old.body);
END""",
    """CREATE TRIGGER IF NOT EXISTS event_search_update AFTER UPDATE ON event_search BEGIN
  INSERT INTO event_words (event_words, rowid, body) VALUES ('delete', old.doc, old.body);
  INSERT INTO event_words (rowid, body) VALUES (new.doc, new.body);
END""",
    "CREATE TABLE IF NOT EXISTS actor_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
    # WITHOUT ROWID: the (name, event) key is the table, so a name's events are one range
    """CREATE TABLE IF NOT EXISTS event_actors (
  name_id INTEGER NOT NULL REFERENCES actor_names(id),
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  PRIMARY KEY (name_id, event_id)
) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS ix_event_actors_event_id ON event_actors (event_id)",
)
POSTGRES_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS event_search (
  event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  body TEXT NOT NULL,
  words tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED
)""",
    "CREATE INDEX IF NOT EXISTS ix_event_search_words ON event_search USING gin (words)",
    "CREATE TABLE IF NOT EXISTS actor_names (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
    """CREATE TABLE IF NOT EXISTS event_actors (
  name_id BIGINT NOT NULL REFERENCES actor_names(id),
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  PRIMARY KEY (name_id, event_id)
)""",
    "CREATE INDEX IF NOT EXISTS ix_event_actors_event_id ON event_actors (event_id)",
)


def schema(dialect: str) -> list[str]:
    return list(SQLITE_SCHEMA if dialect == "sqlite" else POSTGRES_SCHEMA)


def _evidence_sql(dialect: str) -> str:
    """The evidence sentences of one event's mentions, in order, one per line."""
    joins = (
        " FROM event_mentions em JOIN mention_evidence ev ON ev.mention_id = em.mention_id"
        " WHERE em.event_id = e.id"
    )
    if dialect == "postgres":
        return f"SELECT string_agg(ev.span_text, chr(10) ORDER BY em.ord, ev.ord){joins}"
    # SQLite before 3.44 has no ORDER BY inside group_concat; an ordered subquery feeds it
    return f"SELECT group_concat(t, char(10)) FROM (SELECT ev.span_text AS t{joins} ORDER BY em.ord, ev.ord)"


def _where(ids: int | None) -> str:
    return "" if ids is None else f" WHERE e.id IN ({', '.join('?' * ids)})"


def _body_sql(dialect: str, ids: int | None) -> str:
    nl = NEWLINE[dialect]
    return (
        "INSERT INTO event_search (event_id, body)"
        f" SELECT e.id, COALESCE(e.notes, '') || {nl} || COALESCE(({_evidence_sql(dialect)}), '')"
        f" FROM events e{_where(ids)}"
    )


def _names_sql(ids: int | None) -> str:
    values = " UNION ".join(
        f"SELECT e.{c} AS name FROM events e{_where(ids)}" for c in ACTOR_COLUMNS
    )
    return (
        f"INSERT INTO actor_names (name) SELECT n.name FROM ({values}) n"
        " WHERE n.name <> '' AND n.name NOT IN (SELECT name FROM actor_names) ORDER BY n.name"
    )


def _links_sql(ids: int | None) -> str:
    columns = ", ".join(f"e.{c}" for c in ACTOR_COLUMNS)
    return (
        "INSERT INTO event_actors (name_id, event_id) SELECT DISTINCT a.id, e.id"
        f" FROM events e JOIN actor_names a ON a.name IN ({columns}){_where(ids)}"
    )


def fill_statements(dialect: str, ids: int | None = None) -> list[tuple[str, int]]:
    """(SQL, copies of the id list it takes) writing the search rows of the events.

    All events, or with ``ids`` the events whose ids are passed as parameters.
    """
    return [
        (_body_sql(dialect, ids), 1),
        (_names_sql(ids), len(ACTOR_COLUMNS)),
        (_links_sql(ids), 1),
    ]


def words_of(q: str) -> list[str]:
    return WORD.findall(q.lower())


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def text_clause(q: str, dialect: str) -> tuple[str, list]:
    """Events whose notes or evidence hold every word of ``q`` (as a word prefix)."""
    words = words_of(q)
    if not words:
        return "0 = 1", []  # nothing searchable (only punctuation): nothing matches
    if dialect == "postgres":
        query = " & ".join(f"{w}:*" for w in words)
        sql = "SELECT s.event_id FROM event_search s WHERE s.words @@ to_tsquery('simple', ?)"
        return f"e.id IN ({sql})", [query]
    query = " ".join(f'"{w}"*' for w in words)
    sql = (
        "SELECT s.event_id FROM event_search s WHERE s.doc IN"
        " (SELECT rowid FROM event_words WHERE event_words MATCH ?)"
    )
    return f"e.id IN ({sql})", [query]


def actor_clause(actor: str, *, probe: bool = False) -> tuple[str, list]:
    """Events with an actor (main or associated) whose name contains ``actor``, any case.

    ``probe`` (SQLite only) checks the clause row by row while the sort index is walked
    instead of fetching every match by id and sorting them: main actors are in tens of
    thousands of events, and a page needs only its first few thousand in order.
    """
    names = "SELECT a.id FROM actor_names a WHERE LOWER(a.name) LIKE ? ESCAPE '\\'"
    sql = f"SELECT ea.event_id FROM event_actors ea WHERE ea.name_id IN ({names})"
    return f"{'+' if probe else ''}e.id IN ({sql})", [_like(actor)]
