"""The web layer's own pieces: GeoJSON and CSV writing, evidence highlights, stats, locking."""

from __future__ import annotations

import csv
import io
import json
import threading
from datetime import date
from pathlib import Path

import pytest

from frontwatch import export
from frontwatch.store import EventFilter, open_store
from frontwatch.store.stats import week_of
from frontwatch.web import downloads, geojson, reads
from frontwatch.web.locked import LockedStore
from test_web_db import hand_coded_db


@pytest.mark.parametrize(
    ("record", "coordinates"),
    [
        ({"latitude": 35.93, "longitude": 36.63}, [36.63, 35.93]),
        ({"latitude": "35.5", "longitude": "36.25"}, [36.25, 35.5]),
        ({"latitude": 35.123456789, "longitude": 36.0}, [36.0, 35.12346]),
        ({"latitude": None, "longitude": 36.0}, None),
        ({"latitude": 35.0}, None),
        ({"latitude": float("nan"), "longitude": 36.0}, None),
        ({"latitude": 95.0, "longitude": 36.0}, None),
        ({"latitude": 35.0, "longitude": -181.0}, None),
        ({"latitude": "north", "longitude": 36.0}, None),
    ],
)
def test_points_are_lon_lat_and_only_for_usable_coordinates(record: dict, coordinates) -> None:
    point = geojson.point(record)
    assert (point and point["coordinates"]) == coordinates


@pytest.mark.parametrize("count", [0, 1, 7, 1201])
def test_streamed_feature_collections_are_valid_json_of_every_feature(count: int) -> None:
    features = (
        {"type": "Feature", "id": str(i), "geometry": None, "properties": {"n": i}}
        for i in range(count)
    )
    chunks = list(geojson.collection_chunks(features, {"total": count}, per_chunk=500))
    collection = json.loads("".join(chunks))
    assert collection["total"] == count
    assert [f["properties"]["n"] for f in collection["features"]] == list(range(count))
    assert len(chunks) == count // 500 + 1


def test_slim_features_keep_only_what_a_marker_needs() -> None:
    record = {"id": "E1", "latitude": 1.0, "longitude": 2.0, "notes": "long text", "fatalities": 3}
    slim = geojson.feature(record, slim=True)["properties"]
    assert set(slim) == set(geojson.MAP_FIELDS) and slim["fatalities"] == 3
    assert geojson.feature(record)["properties"]["notes"] == "long text"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (None, ""),
        (["SANA", "AFP"], "SANA; AFP"),
        ((), ""),
        ({"a": 1}, '{"a": 1}'),
        (12, "12"),
        ('He said "no", then left', 'He said "no", then left'),
    ],
)
def test_csv_cells_read_back_as_written(value, written: str) -> None:
    text = "".join(downloads.csv_chunks([{"x": value}], ["x"]))  # as frontwatch export writes it
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["x"], [written]]


def test_csv_streams_in_pieces_with_one_header() -> None:
    records = [{"a": i, "b": f"row {i}"} for i in range(1234)]
    chunks = list(downloads.csv_chunks(records, ["a", "b"], rows_per_chunk=500))
    rows = list(csv.DictReader(io.StringIO("".join(chunks))))
    assert len(chunks) == 3 and [int(r["a"]) for r in rows] == list(range(1234))
    assert sum(chunk.count("a,b\n") for chunk in chunks) == 1


@pytest.mark.parametrize("count", [0, 1, 499, 500, 501, 1234])
def test_streamed_csv_is_the_export_writers_csv_in_pieces(count: int) -> None:
    records = [
        {"event_id_cnty": f"E{i}", "sources": ["SANA", "AFP"], "notes": f"line {i}\nmore"}
        for i in range(count)
    ]
    whole = io.StringIO()
    export.write_csv(records, whole)
    chunks = list(downloads.csv_chunks(records))
    assert "".join(chunks) == whole.getvalue()
    assert len(chunks) == max(1, -(-count // 500))


def test_highlights_collect_evidence_and_claim_spans_per_article() -> None:
    detail = {
        "mentions": [
            {"article_id": "A", "evidence": [{"field": "event", "start": 10, "end": 40}],
             "claims": [{"field": "fatalities", "start": 10, "end": 40}, {"start": 5, "end": 5}]},
            {"article_id": "B", "evidence": [{"field": "event", "start": 0, "end": 12}, {"field": "event", "start": 0, "end": 12}],
             "claims": []},
        ]
    }  # fmt: skip
    spans = reads.highlights(detail)
    assert [(s["article_id"], s["start"], s["end"], s["field"]) for s in spans] == [
        ("A", 10, 40, "event"),
        ("A", 10, 40, "fatalities"),
        ("B", 0, 12, "event"),
    ]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    opened = open_store(hand_coded_db(tmp_path_factory.mktemp("units") / "hand.db"))
    yield opened
    opened.close()


FILTERS = [
    EventFilter(),
    EventFilter(admin1="idlib"),
    EventFilter(event_type="Explosions/Remote violence"),
    EventFilter(since=date(2015, 1, 1), until=date(2016, 12, 31)),
    EventFilter(q="children"),
    EventFilter(min_fatalities=100),
    EventFilter(country="Atlantis"),
]


def counted(records: list[dict]) -> dict:
    """The stats of a list of event records, counted one record at a time."""
    tables: dict[str, dict[str, list[int]]] = {"by_week": {}, "by_admin1": {}, "by_type": {}}
    for r in records:
        keys = (week_of(r["event_date"]), r["admin1"] or "unknown", r["event_type"] or "unknown")
        for table, key in zip(tables.values(), keys, strict=True):
            entry = table.setdefault(key, [0, 0])
            entry[0] += 1
            entry[1] += r["fatalities"] or 0
    names = {"by_week": "week", "by_admin1": "admin1", "by_type": "event_type"}
    return {
        "total": {
            "events": len(records),
            "fatalities": sum(r["fatalities"] or 0 for r in records),
        },
        **{
            table: [
                {names[table]: k, "events": n, "fatalities": f}
                for k, (n, f) in sorted(rows.items())
            ]
            for table, rows in tables.items()
        },
    }


@pytest.mark.parametrize("event_filter", FILTERS, ids=[str(i) for i in range(len(FILTERS))])
def test_grouped_stats_equal_a_count_of_the_listed_events(store, event_filter: EventFilter) -> None:
    assert store.stats(event_filter) == counted(store.events(event_filter))


@pytest.mark.postgres
def test_grouped_stats_are_the_same_on_postgres(store, pg_url: str) -> None:
    postgres = open_store(hand_coded_db(pg_url))
    try:
        for event_filter in FILTERS:
            expected = counted(postgres.events(event_filter))
            assert postgres.stats(event_filter) == expected == store.stats(event_filter)
    finally:
        postgres.close()


def test_the_stats_endpoint_is_the_stores_stats(store, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from frontwatch.web import create_app

    with TestClient(create_app(store)) as client:
        body = client.get("/api/stats", params={"admin1": "idlib"}).json()
    assert body == store.stats(EventFilter(admin1="idlib"))
    assert body["total"]["events"] > 0


@pytest.mark.parametrize(
    ("day", "week"),
    [
        (date(2019, 11, 28), "2019-11-25"),
        ("2019-11-25", "2019-11-25"),
        ("2020-01-05", "2019-12-30"),
        (None, "unknown"),
    ],
)
def test_weeks_start_on_monday(day, week: str) -> None:
    assert week_of(day) == week


def test_the_locked_store_lets_one_thread_in_at_a_time(tmp_path: Path) -> None:
    inside, most = [0], [0]
    guard = threading.Lock()

    class Slow:
        def work(self) -> None:
            with guard:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
            threading.Event().wait(0.01)
            with guard:
                inside[0] -= 1

    locked = LockedStore(Slow())
    threads = [threading.Thread(target=locked.work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == 1
