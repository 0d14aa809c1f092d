"""The store on both backends: schema, idempotent ingest, replacement, dedup, queries."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from frontwatch.merge import merge_across
from frontwatch.model import Actor, Article, Claim, Event, Evidence, Place, Span
from frontwatch.store import EventFilter, is_postgres_url, open_store
from frontwatch.store.schema import MIGRATIONS, TABLES

IS = Actor("Islamic State (Syria)", 2, "Syria")
ARMY = Actor("Military Forces of Syria (2000-2024)", 1, "Syria")
CIVILIANS = Actor("Civilians (Syria)", 7, "Syria")
QAMISHLI = Place("Qamishli", "Syria", 760, "Hasakeh", "Qamishli", 37.05, 41.22)
JAYRUD = Place("Jayrud", "Syria", 760, "Rural Damascus", "Al Qutayfah", 33.81, 36.74)
DAY = date(2016, 7, 27)


def article(aid: str, text: str, source: str = "outlet") -> Article:
    return Article(
        aid, text, url=f"https://example.org/{aid}", title=text[:30], published=DAY, source=source
    )


def bombing(art: Article, fatalities: int, place=QAMISHLI, day=DAY, **kw) -> Event:
    at = art.text.find(str(fatalities))
    span = Span.of(art.text, at, at + len(str(fatalities)))
    return Event(
        article_id=art.id,
        event_type="Explosions/Remote violence",
        sub_event_type="Suicide bomb",
        disorder_type="Political violence",
        event_date=day,
        actor1=kw.pop("actor1", IS),
        actor2=CIVILIANS,
        assoc_actor_1=kw.pop("assoc_actor_1", ()),
        place=place,
        location=place.name,
        geo_precision=1,
        fatalities=fatalities,
        claims=(Claim("fatalities", fatalities, kw.pop("claimant", "a monitor"), span, False),),
        evidence=(Evidence("fatalities", span), Evidence("event", Span.of(art.text, 0, 9))),
        notes=kw.pop("notes", art.text),
        source=art.source,
        confidence=0.8,
        extractor_version="test/1",
        extra=kw.pop("extra", {}),
    )


def airstrike(art: Article, fatalities: int, place=JAYRUD, day=date(2016, 7, 2)) -> Event:
    return Event(
        article_id=art.id,
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        disorder_type="Political violence",
        event_date=day,
        actor1=ARMY,
        actor2=CIVILIANS,
        place=place,
        location=place.name,
        geo_precision=1,
        fatalities=fatalities,
        evidence=(Evidence("event", Span.of(art.text, 0, 11)), *_stated_day(art.text)),
        notes=art.text,
        source=art.source,
    )


def _stated_day(text: str) -> tuple:
    """'... on Saturday.': the words that date the incident, when the report gives them."""
    on = text.rfind(" on ")
    return (Evidence("event_date", Span.of(text, on + 4, len(text) - 1)),) if on >= 0 else ()


A1 = article("a1", "A truck bomb killed 48 people in Qamishli on Wednesday.", "TRT")
A2 = article("a2", "State TV says 22 killed in car bomb in Qamishli.", "Ahram")
A3 = article(
    "a3", "Air strikes killed 31 people in Jayrud on Saturday, including two medics.", "Daily Sabah"
)


def saved(store, *pairs):
    return [store.save_article(a, events) for a, events in pairs]


def test_open_store_picks_backend_without_connecting(tmp_path):
    # nothing listens on port 1: constructing must not try
    pg = open_store("postgresql://nobody@127.0.0.1:1/none")
    assert type(pg).__name__ == "PostgresStore" and is_postgres_url(pg.target)
    sqlite = open_store(tmp_path / "x.db")
    assert type(sqlite).__name__ == "SqliteStore"
    assert not (tmp_path / "x.db").exists()


def test_migrate_is_versioned_and_idempotent(store):
    store.migrate()
    assert store.schema_version() == MIGRATIONS[-1].version
    snapshot = store.snapshot()
    assert set(snapshot) == {t.name for t in TABLES} | {
        "schema_version",
        "event_search",
        "event_actors",
    }
    assert snapshot["schema_version"] == [(m.version, m.name) for m in MIGRATIONS]


def test_new_then_unchanged(store):
    first = store.save_article(A1, [bombing(A1, 48)])
    assert (first.status, first.mentions, len(first.events_touched)) == ("new", 1, 1)
    before = store.snapshot()
    again = store.save_article(A1, [bombing(A1, 48)])
    assert again.status == "unchanged" and again.events_touched == ()
    assert store.snapshot() == before
    assert store.has_article("a1", A1.content_hash)
    assert not store.has_article("a1", "0" * 32)


def test_same_incident_from_two_outlets_is_one_event(store):
    saved(
        store,
        (A1, [bombing(A1, 48, claimant="SOHR")]),
        (A2, [bombing(A2, 22, claimant="state TV")]),
    )
    events = store.events()
    assert len(events) == 1
    event = events[0]
    assert event["fatalities"] == 22  # lowest reported figure
    assert sorted(event["sources"]) == ["Ahram", "TRT"]
    assert sorted(event["article_ids"]) == ["a1", "a2"]
    assert sorted(event["reported_by"]) == ["SOHR", "state TV"]
    assert event["mention_count"] == 2 and event["location"] == "Qamishli"
    detail = store.event(event["event_id_cnty"])
    assert detail["conflicts"] == {"fatalities": [22, 48]}
    assert sorted(c["value"] for c in detail["claims"]) == [22, 48]
    assert {m["article_id"] for m in detail["mentions"]} == {"a1", "a2"}
    assert all(m["evidence"] and m["url"] for m in detail["mentions"])
    (step,) = detail["explanation"]
    assert step["rule"] == "score" and step["score"] >= 0.75 and "merge" in step["text"]


def test_different_incidents_same_day_stay_apart(store):
    other = article("a9", "A 7 person family died when shells hit Jayrud.")
    saved(store, (A1, [bombing(A1, 48)]), (other, [bombing(other, 7, place=JAYRUD)]))
    assert store.count_events() == 2


def test_changed_article_replaces_its_mentions_and_events(store):
    saved(store, (A1, [bombing(A1, 48)]), (A2, [bombing(A2, 22)]))
    (merged,) = store.events()
    changed = article("a2", "Correction: the car bomb in Jayrud killed 31.", "Ahram")
    result = store.save_article(changed, [airstrike(changed, 31)])
    assert result.status == "replaced"
    assert (
        merged["event_id_cnty"] in result.events_removed
        or merged["event_id_cnty"] in result.events_touched
    )
    events = sorted(store.events(), key=lambda e: e["location"])
    assert [(e["location"], e["article_ids"]) for e in events] == [
        ("Jayrud", ["a2"]),
        ("Qamishli", ["a1"]),
    ]
    assert store.article("a2")["text"].startswith("Correction")
    assert len(store.article("a2")["mention_ids"]) == 1


def test_new_report_joins_an_existing_event_incrementally(store):
    saved(store, (A1, [bombing(A1, 48)]), (A3, [airstrike(A3, 31)]))
    jayrud_before = [e for e in store.events() if e["location"] == "Jayrud"]
    result = store.save_article(A2, [bombing(A2, 22)])
    # only the Qamishli event was recomputed; the Jayrud one was left alone
    assert [e for e in store.events() if e["location"] == "Jayrud"] == jayrud_before
    assert len(result.events_touched) == 1
    assert store.count_events() == 2


def test_mentions_roundtrip_through_the_store(store):
    event = bombing(A1, 48, assoc_actor_1=(Actor("Jund al-Aqsa", 2, "Syria"),), extra={"k": [1, 2]})
    store.save_article(A1, [event])
    (record,) = store.events()
    assert record["assoc_actor_1"] == "Jund al-Aqsa"
    (mention,) = store.event(record["event_id_cnty"])["mentions"]
    at = A1.text.index("48")
    assert mention["evidence"][0] == {
        "field": "fatalities",
        "start": at,
        "end": at + 2,
        "text": "48",
    }
    assert mention["claims"][0]["party"] is False
    assert mention["published"] == "2016-07-27"


FILTER_CASES = [
    (EventFilter(), ["Jayrud", "Qamishli"]),
    (EventFilter(since=date(2016, 7, 10)), ["Qamishli"]),
    (EventFilter(until=date(2016, 7, 10)), ["Jayrud"]),
    (EventFilter(country="syria"), ["Jayrud", "Qamishli"]),
    (EventFilter(country="Iraq"), []),
    (EventFilter(admin1="Hasakeh"), ["Qamishli"]),
    (EventFilter(event_type="Explosions/Remote violence"), ["Jayrud", "Qamishli"]),
    (EventFilter(sub_event_type="Air/drone strike"), ["Jayrud"]),
    (EventFilter(actor="islamic state"), ["Qamishli"]),
    (EventFilter(actor="100%"), []),
    (EventFilter(min_fatalities=40), ["Qamishli"]),
    (EventFilter(q="medics"), ["Jayrud"]),
    (EventFilter(q="48"), ["Qamishli"]),  # found in an evidence span
]


@pytest.mark.parametrize(("filters", "expected"), FILTER_CASES)
def test_filters(store, filters, expected):
    saved(store, (A1, [bombing(A1, 48)]), (A3, [airstrike(A3, 31)]))
    assert sorted(e["location"] for e in store.events(filters)) == expected
    assert store.count_events(filters) == len(expected)


def test_sort_and_pagination(store):
    days = [date(2016, 7, 1 + 3 * i) for i in range(5)]
    texts = [
        article(f"p{i}", f"Report {i}: {10 + i} killed in Jayrud on {d:%A %d %B}.")
        for i, d in enumerate(days)
    ]
    # one per day, each report dating its own incident, so none merge
    for i, art in enumerate(texts):
        store.save_article(art, [airstrike(art, 10 + i, day=days[i])])
    newest_first = [e["fatalities"] for e in store.events(EventFilter(sort="-event_date"))]
    assert newest_first == [14, 13, 12, 11, 10]
    page = store.events(EventFilter(sort="fatalities", limit=2, offset=2))
    assert [e["fatalities"] for e in page] == [12, 13]
    with pytest.raises(ValueError, match="unknown sort"):
        store.events(EventFilter(sort="id; DROP TABLE events"))


def test_stats_per_week_province_and_type(store):
    saved(store, (A1, [bombing(A1, 48)]), (A2, [bombing(A2, 22)]), (A3, [airstrike(A3, 31)]))
    stats = store.stats()
    assert stats["total"] == {"events": 2, "fatalities": 53}
    assert stats["by_week"] == [
        {"week": "2016-06-27", "events": 1, "fatalities": 31},
        {"week": "2016-07-25", "events": 1, "fatalities": 22},
    ]
    assert [r["admin1"] for r in stats["by_admin1"]] == ["Hasakeh", "Rural Damascus"]
    assert stats["by_type"] == [
        {"event_type": "Explosions/Remote violence", "events": 2, "fatalities": 53}
    ]
    assert store.stats(EventFilter(admin1="Hasakeh"))["total"] == {"events": 1, "fatalities": 22}


def test_failures_are_recorded(store):
    store.record_failure("https://example.org/broken", "HTTP 404")
    store.record_failure("stdin:3", "invalid JSON")
    assert [(f["input"], f["error"]) for f in store.failures()] == [
        ("https://example.org/broken", "HTTP 404"),
        ("stdin:3", "invalid JSON"),
    ]


def test_article_without_events_and_unknown_ids(store):
    empty = article("e1", "Nothing happened today.")
    assert store.save_article(empty, []).status == "new"
    assert store.article("e1")["mention_ids"] == []
    assert store.article("missing") is None
    assert store.event("missing") is None


def test_undated_mention_gets_its_own_event(store):
    undated = bombing(A2, 22, day=None)
    saved(store, (A1, [bombing(A1, 48)]), (A2, [undated]))
    assert store.count_events() == 2
    assert store.events(EventFilter(sort="event_date"))[-1]["event_date"] is None


@pytest.mark.parametrize("order", ["dated first", "undated first"])
def test_an_undated_report_of_the_same_toll_joins_it_in_either_order(store, order):
    """A report with no date at all, at the same town with the same kind and toll within a
    fifth, is within the store's reach whatever the day, and merges (merge_rules "undated")."""
    undated = article("u1", "Death toll from the Qamishli truck bomb rises to 50.", "Ahram")
    pairs = [(A1, [bombing(A1, 48)]), (undated, [bombing(undated, 50, day=None)])]
    saved(store, *(pairs if order == "dated first" else pairs[::-1]))
    (event,) = store.events()
    assert sorted(event["article_ids"]) == ["a1", "u1"]
    assert (event["event_date"], event["fatalities"]) == (str(DAY), 48)


@pytest.mark.parametrize("order", ["dated first", "undated first"])
def test_an_undated_reprint_joins_its_report_as_in_memory(store, order):
    """The same sentence republished without a date, whatever its toll, merges in the store
    as merge_across merges it in memory (merge_rules "same_text")."""
    told = "Gunmen killed 3 people in Qamishli."
    dated, reprint = article("r1", told, "AFP"), article("r2", told, "Ahram")
    pairs = [
        (dated, [bombing(dated, 3, notes=told)]),
        (reprint, [bombing(reprint, 3, day=None, notes=told)]),
    ]
    saved(store, *(pairs if order == "dated first" else pairs[::-1]))
    (event,) = store.events()
    assert sorted(event["article_ids"]) == ["r1", "r2"]
    memory = merge_across([m for _, ms in pairs for m in ms])
    assert [sorted(c.article_ids) for c in memory] == [["r1", "r2"]]


@pytest.mark.parametrize("order", ["report first", "follow-up first"])
def test_a_follow_up_of_a_chemical_attack_joins_it_in_either_order(store, order):
    """A chemical attack is rare: a later report that does not date it, at the same town and
    with no toll of its own, is within the store's reach and merges (merge_rules.rare_kind)."""
    report = article("c1", "Sarin killed 70 people in Qamishli on Tuesday.", "Reuters")
    later = article("c2", "Samples from Qamishli tested positive for sarin.", "AFP")
    first = replace(bombing(report, 70), sub_event_type="Chemical weapon")
    follow_up = replace(
        bombing(later, 70),
        sub_event_type="Chemical weapon",
        event_date=date(2016, 8, 4),  # the report's day: eight days after the attack
        fatalities=0,
        claims=(),
        evidence=(Evidence("event", Span.of(later.text, 0, 7)),),
    )
    pairs = [(report, [first]), (later, [follow_up])]
    saved(store, *(pairs if order == "report first" else pairs[::-1]))
    (event,) = store.events()
    assert sorted(event["article_ids"]) == ["c1", "c2"] and event["fatalities"] == 70
