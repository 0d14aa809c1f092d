"""Text and actor search, the tables behind them, and the indexes the filters use."""

from __future__ import annotations

from datetime import date

import pytest

from frontwatch.model import Actor
from frontwatch.store import EventFilter, open_store
from frontwatch.store.query import events_query, order_clause, page_clause
from test_store import A1, A2, A3, JAYRUD, airstrike, article, bombing, saved

# A1 notes: "A truck bomb killed 48 people in Qamishli on Wednesday."
# A3 notes: "Air strikes killed 31 people in Jayrud on Saturday, including two medics."
# the evidence of A1's mention is "48" and "A truck b"; of A3's, "Air strikes"
WORD_CASES = [
    ("medics", ["Jayrud"]),
    ("MEDICS", ["Jayrud"]),
    ("med", ["Jayrud"]),  # a word prefix
    ("edics", []),  # not the middle of a word
    ("killed", ["Jayrud", "Qamishli"]),
    ("saturday killed", ["Jayrud"]),  # every word, in any order
    ("killed nowhere", []),
    ("Qamishli, Wednesday!", ["Qamishli"]),  # punctuation is not searched
    ("48", ["Qamishli"]),
    ("%", []),  # no word at all: nothing matches
    ("_", []),
    ('"truck', ["Qamishli"]),  # quotes cannot break the query
    ("truck* OR air", []),  # nor can operators: OR is a word here, and absent
]


@pytest.mark.parametrize(("q", "expected"), WORD_CASES)
def test_q_is_a_word_prefix_search(store, q: str, expected: list[str]) -> None:
    saved(store, (A1, [bombing(A1, 48)]), (A3, [airstrike(A3, 31)]))
    assert sorted(e["location"] for e in store.events(EventFilter(q=q))) == expected
    assert store.count_events(EventFilter(q=q)) == len(expected)


def test_q_finds_words_of_evidence_that_the_notes_lack(store) -> None:
    bomb = bombing(A1, 48, notes="Explosion reported.")
    store.save_article(A1, [bomb])
    assert len(store.events(EventFilter(q="truck"))) == 1  # only in the evidence "A truck b"
    assert len(store.events(EventFilter(q="truck explosion"))) == 1  # one word from each


ASSOCIATE = Actor("Jund al-Aqsa_2", 2, "Syria")
ACTOR_CASES = [
    ("islamic state", ["Qamishli"]),
    ("STATE (SYRIA)", ["Qamishli"]),
    ("military forces", ["Jayrud"]),
    ("civilians", ["Jayrud", "Qamishli"]),
    ("al-aqsa", ["Qamishli"]),  # an associated actor
    ("aqsa_2", ["Qamishli"]),  # LIKE wildcards are literal
    ("aqsa%", []),
    ("al_aqsa", []),
    ("state\nmilitary", []),
    ("nobody", []),
]


@pytest.mark.parametrize(("actor", "expected"), ACTOR_CASES)
def test_actor_is_a_substring_of_any_actor_name(store, actor: str, expected: list[str]) -> None:
    saved(store, (A1, [bombing(A1, 48, assoc_actor_1=(ASSOCIATE,))]), (A3, [airstrike(A3, 31)]))
    page = store.events(EventFilter(actor=actor, limit=10))
    assert sorted(e["location"] for e in page) == expected
    assert store.count_events(EventFilter(actor=actor)) == len(expected)


def test_search_rows_follow_replaced_and_merged_events(store) -> None:
    saved(store, (A1, [bombing(A1, 48)]), (A2, [bombing(A2, 22)]))
    assert store.count_events(EventFilter(q="state TV")) == 1  # A2's notes, merged in
    changed = article("a2", "Correction: the car bomb in Jayrud killed 31.", "Ahram")
    store.save_article(changed, [airstrike(changed, 31, place=JAYRUD)])
    assert store.count_events(EventFilter(q="state TV")) == 0
    assert [e["location"] for e in store.events(EventFilter(q="correction"))] == ["Jayrud"]
    snapshot = store.snapshot()
    events = {row[0] for row in snapshot["events"]}
    assert {row[0] for row in snapshot["event_search"]} == events
    assert {row[0] for row in snapshot["event_actors"]} == events


def test_reindexing_rebuilds_what_saving_wrote(store) -> None:
    saved(
        store,
        (A1, [bombing(A1, 48, assoc_actor_1=(ASSOCIATE,))]),
        (A2, [bombing(A2, 22)]),
        (A3, [airstrike(A3, 31)]),
    )
    before = store.snapshot()
    assert store.reindex_search() == 2
    assert store.snapshot() == before


def _downgrade_to_version_1(store) -> None:
    """What a database made before migration 2 looks like: no search tables, version 1."""
    sqlite = store.dialect == "sqlite"
    with store._transaction():
        for table in ("event_words", "event_search", "event_actors", "actor_names"):
            if sqlite or table != "event_words":
                store._execute(f"DROP TABLE {table}")
        store._execute("DELETE FROM schema_version WHERE version > 1")


def test_migration_2_fills_the_search_tables_of_an_existing_database(store) -> None:
    saved(
        store,
        (A1, [bombing(A1, 48, assoc_actor_1=(ASSOCIATE,))]),
        (A2, [bombing(A2, 22)]),
        (A3, [airstrike(A3, 31)]),
    )
    expected = store.snapshot()
    _downgrade_to_version_1(store)
    assert store.schema_version() == 1
    store.migrate()
    assert store.schema_version() == 2
    assert store.snapshot() == expected
    assert store.count_events(EventFilter(q="medics", actor="military")) == 1


def test_the_fts_index_agrees_with_its_table(tmp_path) -> None:
    with open_store(tmp_path / "fts.db") as store:
        store.migrate()
        saved(store, (A1, [bombing(A1, 48)]), (A2, [bombing(A2, 22)]), (A3, [airstrike(A3, 31)]))
        changed = article("a3", "Nothing happened in Jayrud.", "Daily Sabah")
        store.save_article(changed, [])
        # raises when the external-content index holds a row its table does not
        store._execute("INSERT INTO event_words (event_words, rank) VALUES ('integrity-check', 1)")
        assert store.count_events(EventFilter(q="medics")) == 0


def _plan(store, event_filter: EventFilter) -> str:
    sql, params = events_query(event_filter, store.dialect)
    return " | ".join(row[3] for row in store._execute("EXPLAIN QUERY PLAN " + sql, params))


PLAN_CASES = [
    (EventFilter(country="syria", sort="id"), "ix_events_lower_country"),
    (EventFilter(admin1="hasakeh", sort="id"), "ix_events_lower_admin1"),
    (EventFilter(event_type="battles", sort="id"), "ix_events_lower_event_type"),
    (EventFilter(sub_event_type="attack", sort="id"), "ix_events_lower_sub_event_type"),
    (EventFilter(limit=10), "ix_events_date_desc"),
    (EventFilter(sort="event_date", limit=10), "ix_events_date_asc"),
    (EventFilter(sort="fatalities", limit=10), "ix_events_fatalities_id"),
    (EventFilter(q="medics"), "event_words VIRTUAL TABLE"),
    (EventFilter(actor="state"), "SEARCH ea USING PRIMARY KEY"),
]


@pytest.mark.parametrize(("event_filter", "used"), PLAN_CASES)
def test_sqlite_filters_and_sorts_use_their_indexes(tmp_path, event_filter, used: str) -> None:
    with open_store(tmp_path / "plans.db") as store:
        store.migrate()
        plan = _plan(store, event_filter)
    assert used in plan, plan


def test_sorted_pages_need_no_sort_of_every_match(tmp_path) -> None:
    with open_store(tmp_path / "plans.db") as store:
        store.migrate()
        for sort in ("event_date", "-event_date", "fatalities"):
            page = EventFilter(sort=sort, limit=10)
            ids = "SELECT e.id FROM events e" + order_clause(sort) + page_clause(page)[0]
            plan = [row[3] for row in store._execute("EXPLAIN QUERY PLAN " + ids, [10, 0])]
            assert not any("TEMP B-TREE" in step for step in plan), (sort, plan)


def test_undated_events_sort_last_both_ways(store) -> None:
    dated, undated = bombing(A1, 48), bombing(A2, 22, day=None)
    saved(store, (A1, [dated]), (A2, [undated]))
    for sort in ("event_date", "-event_date"):
        days = [e["event_date"] for e in store.events(EventFilter(sort=sort, limit=5))]
        assert days == [date(2016, 7, 27).isoformat(), None]


def test_kept_counts_follow_writes_of_this_and_other_connections(tmp_path) -> None:
    path = tmp_path / "counts.db"
    with open_store(path) as reader, open_store(path) as writer:
        reader.migrate()
        qamishli = EventFilter(q="qamishli")
        assert reader.count_events(qamishli) == 0
        writer.save_article(A1, [bombing(A1, 48)])  # another connection
        assert reader.count_events(qamishli) == 1
        reader.save_article(A3, [airstrike(A3, 31)])  # this one
        assert reader.count_events() == 2 and reader.count_events(qamishli) == 1
        writer.save_article(article("a1", "Nothing happened."), [])
        assert reader.count_events(qamishli) == 0
