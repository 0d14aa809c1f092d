"""Text search over canonical events: what is indexed, how it is kept, how it is asked.

``event_search`` holds one row per canonical event: ``body`` (the notes, then the
evidence sentences of every mention) for ``q``, and ``actors`` (actor1, its associates,
actor2, its associates, one per line) for ``actor``. The store rewrites an event's row
in the same transaction that rewrites the event (``fill_sql``).

- SQLite: two FTS5 indexes over that table (external content, kept by triggers):
  ``event_words`` (unicode61 words, diacritics folded) and ``event_actor_grams``
  (trigrams, so ``actor`` stays a substring match and still uses an index).
- PostgreSQL: a stored ``tsvector`` (``simple`` configuration: no stemming, no stop
  words, like FTS5) with a GIN index; ``actor`` is a substring LIKE over the actors
  column (a scan of one narrow table; pg_trgm would index it, but CREATE EXTENSION
  needs rights a store's user may not have).

``q`` means: every word of q starts a word of the event's notes or evidence (a prefix
match, any order, case-insensitive). Known differences between the backends: FTS5 folds
diacritics and PostgreSQL does not; PostgreSQL's parser keeps some tokens whole that
FTS5 splits (``3.5``, e-mail addresses, URLs), so such queries can miss there.
"""

from __future__ import annotations

import re

TABLE = "event_search"
COLUMNS = ("event_id", "body", "actors")  # what both backends store (and snapshots compare)
WORD = re.compile(r"[^\W_]+")  # letters and digits: what both tokenisers call a word
MIN_GRAMS = 3  # the trigram index cannot answer substrings shorter than this
NEWLINE = {"sqlite": "char(10)", "postgres": "chr(10)"}

SQLITE_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS event_search (
  doc INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE REFERENCES events(id) ON DELETE CASCADE,
  body TEXT NOT NULL,
  actors TEXT NOT NULL
)""",
    "CREATE VIRTUAL TABLE IF NOT EXISTS event_words USING fts5(body, content='event_search',"
    " content_rowid='doc', tokenize='unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS event_actor_grams USING fts5(actors,"
    " content='event_search', content_rowid='doc', tokenize='trigram')",
    # the external-content triggers from the FTS5 documentation: the indexes follow the table
    """CREATE TRIGGER IF NOT EXISTS event_search_insert AFTER INSERT ON event_search BEGIN
  INSERT INTO event_words (rowid, body) VALUES (new.doc, new.body);
  INSERT INTO event_actor_grams (rowid, actors) VALUES (new.doc, new.actors);
END""",
    """CREATE TRIGGER IF NOT EXISTS event_search_delete AFTER DELETE ON event_search BEGIN
  INSERT INTO event_words (event_words, rowid, body) VALUES ('delete', old.doc, old.body);
  INSERT INTO event_actor_grams (event_actor_grams, rowid, actors)
    VALUES ('delete', old.doc, old.actors);
END""",
    """CREATE TRIGGER IF NOT EXISTS event_search_update AFTER UPDATE ON event_search BEGIN
  INSERT INTO event_words (event_words, rowid, body) VALUES ('delete', old.doc, old.body);
  INSERT INTO event_actor_grams (event_actor_grams, rowid, actors)
    VALUES ('delete', old.doc, old.actors);
  INSERT INTO event_words (rowid, body) VALUES (new.doc, new.body);
  INSERT INTO event_actor_grams (rowid, actors) VALUES (new.doc, new.actors);
END""",
)
POSTGRES_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS event_search (
  event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  body TEXT NOT NULL,
  actors TEXT NOT NULL,
  words tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED
)""",
    "CREATE INDEX IF NOT EXISTS ix_event_search_words ON event_search USING gin (words)",
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


def fill_sql(dialect: str, ids: int | None = None) -> str:
    """INSERT the search rows of the events (all, or ``ids`` of them given as parameters)."""
    nl = NEWLINE[dialect]
    actors = f" || {nl} || ".join(
        f"COALESCE(e.{c}, '')" for c in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
    )
    where = "" if ids is None else f" WHERE e.id IN ({', '.join('?' * ids)})"
    return (
        "INSERT INTO event_search (event_id, body, actors)"
        f" SELECT e.id, COALESCE(e.notes, '') || {nl} || COALESCE(({_evidence_sql(dialect)}), ''),"
        f" {actors} FROM events e{where}"
    )


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


def actor_clause(actor: str, dialect: str) -> tuple[str, list]:
    """Events with an actor (main or associated) whose name contains ``actor``, any case."""
    if dialect == "sqlite" and len(actor) >= MIN_GRAMS:
        phrase = '"' + actor.replace('"', '""') + '"'  # a quoted trigram phrase: a substring
        sql = (
            "SELECT s.event_id FROM event_search s WHERE s.doc IN"
            " (SELECT rowid FROM event_actor_grams WHERE event_actor_grams MATCH ?)"
        )
        return f"e.id IN ({sql})", [phrase]
    sql = "SELECT s.event_id FROM event_search s WHERE LOWER(s.actors) LIKE ? ESCAPE '\\'"
    return f"e.id IN ({sql})", [_like(actor)]
