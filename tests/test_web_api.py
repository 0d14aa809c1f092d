"""The HTTP API against a real SQLite store of hand-coded example events.

Expected values are computed from the stored events themselves (GET /api/events with
no filter), so the tests check the API's filtering, not numbers copied from a run.
"""

from __future__ import annotations

import csv
import io
import json
import warnings

import pytest

from frontwatch.store import open_store
from frontwatch.web import create_app

with warnings.catch_warnings():  # starlette nags about httpx vs httpx2 at import
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from test_web_db import hand_coded_db  # noqa: E402

TOKEN = "s3cret-for-tests"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return hand_coded_db(tmp_path_factory.mktemp("web") / "hand.db")


@pytest.fixture(scope="module")
def client(db: str):
    store = open_store(db)
    with TestClient(create_app(store, token=TOKEN)) as test_client:
        yield test_client
    store.close()


@pytest.fixture(scope="module")
def everything(client) -> list[dict]:
    body = client.get("/api/events", params={"limit": 1000}).json()
    assert body["total"] == len(body["items"]) > 5
    return body["items"]


def _located(record: dict) -> bool:
    return record["latitude"] is not None and record["longitude"] is not None


def _actors(record: dict) -> str:
    return " ".join(
        str(record.get(k) or "") for k in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
    )


# (query parameters, which stored records must come back)
FILTERS = [
    ({"since": "2016-01-01"}, lambda r: r["event_date"] >= "2016-01-01"),
    ({"until": "2014-12-31"}, lambda r: r["event_date"] <= "2014-12-31"),
    ({"since": "2014-09-01", "until": "2016-07-03"}, lambda r: "2014-09-01" <= r["event_date"] <= "2016-07-03"),
    ({"country": "syria"}, lambda r: (r["country"] or "").lower() == "syria"),
    ({"country": "Iraq"}, lambda r: r["country"] == "Iraq"),
    ({"admin1": "Idlib"}, lambda r: r["admin1"] == "Idlib"),
    ({"event_type": "Battles"}, lambda r: r["event_type"] == "Battles"),
    ({"event_type": "Explosions/Remote violence"}, lambda r: r["event_type"] == "Explosions/Remote violence"),
    ({"sub_event_type": "Suicide bomb"}, lambda r: r["sub_event_type"] == "Suicide bomb"),
    ({"actor": "islamic state"}, lambda r: "islamic state" in _actors(r).lower()),
    ({"min_fatalities": 20}, lambda r: r["fatalities"] >= 20),
    ({"min_fatalities": 0}, lambda r: True),
    ({"q": "children"}, lambda r: "children" in r["notes"].lower()),
    ({"event_type": "Explosions/Remote violence", "admin1": "Idlib"},
     lambda r: r["event_type"] == "Explosions/Remote violence" and r["admin1"] == "Idlib"),
]  # fmt: skip


@pytest.mark.parametrize(("params", "keep"), FILTERS, ids=[json.dumps(p) for p, _ in FILTERS])
def test_each_filter_returns_exactly_the_matching_events(client, everything, params, keep) -> None:
    body = client.get("/api/events", params=params).json()
    expected = {r["id"] for r in everything if keep(r)}
    assert {r["id"] for r in body["items"]} == expected
    assert body["total"] == len(expected)


def test_the_filters_select_something_and_not_everything(client, everything) -> None:
    sizes = [client.get("/api/events", params=p).json()["total"] for p, _ in FILTERS[:11]]
    assert any(0 < n < len(everything) for n in sizes)


def test_text_search_reaches_evidence_sentences_not_only_notes(client, db: str) -> None:
    store = open_store(db)
    detail = store.event(store.events()[0]["event_id_cnty"])
    store.close()
    words = detail["mentions"][0]["evidence"][0]["text"].split()[-4:]
    found = client.get("/api/events", params={"q": " ".join(words)}).json()["items"]
    assert detail["event_id_cnty"] in {r["id"] for r in found}


@pytest.mark.parametrize("size", [1, 2, 4])
def test_pages_join_up_to_the_whole_list_in_order(client, everything, size: int) -> None:
    ids, offset = [], 0
    while True:
        body = client.get(
            "/api/events", params={"limit": size, "offset": offset, "sort": "-event_date"}
        ).json()
        assert body["total"] == len(everything)
        assert len(body["items"]) <= size
        if not body["items"]:
            break
        ids += [r["id"] for r in body["items"]]
        offset += size
    assert ids == [r["id"] for r in everything]


def test_an_offset_past_the_end_gives_no_items_but_the_total(client, everything) -> None:
    body = client.get("/api/events", params={"offset": len(everything) + 5}).json()
    assert body["items"] == []
    assert body["total"] == len(everything)


SORTS = [
    ("event_date", "event_date", False),
    ("-event_date", "event_date", True),
    ("fatalities", "fatalities", False),
    ("-fatalities", "fatalities", True),
    ("admin1", "admin1", False),
    ("country", "country", False),
    ("event_type", "event_type", False),
    ("-mention_count", "mention_count", True),
    ("id", "id", False),
]


@pytest.mark.parametrize(("sort", "key", "descending"), SORTS)
def test_every_sort_key_orders_the_events(client, everything, sort, key, descending) -> None:
    items = client.get("/api/events", params={"sort": sort, "limit": 1000}).json()["items"]
    values = [r[key] for r in items if r[key] is not None]
    assert values == sorted(values, reverse=descending)
    assert len(items) == len(everything)


def test_the_sort_whitelist_is_the_stores() -> None:
    from typing import get_args

    from frontwatch.store.query import SORTS as STORE_SORTS
    from frontwatch.web.params import SortKey

    assert set(get_args(SortKey)) == set(STORE_SORTS)


BAD = [
    ("/api/events", {"since": "2019-13-01"}, "since"),
    ("/api/events", {"until": "yesterday"}, "until"),
    ("/api/events", {"since": "2017-01-01", "until": "2016-01-01"}, "until"),
    ("/api/events", {"event_type": "Skirmish"}, "event_type"),
    ("/api/events", {"sub_event_type": "Battles"}, "sub_event_type"),
    ("/api/events", {"min_fatalities": "-1"}, "min_fatalities"),
    ("/api/events", {"min_fatalities": "many"}, "min_fatalities"),
    ("/api/events", {"limit": "0"}, "limit"),
    ("/api/events", {"limit": "5000"}, "limit"),
    ("/api/events", {"offset": "-3"}, "offset"),
    ("/api/events", {"sort": "latitude"}, "sort"),
    ("/api/events", {"sort": "1; DROP TABLE events"}, "sort"),
    ("/api/events", {"q": "x" * 500}, "q"),
    ("/api/events", {"country": ""}, "country"),
    ("/api/events.geojson", {"limit": "0"}, "limit"),
    ("/api/events.geojson", {"fields": "some"}, "fields"),
    ("/api/events.csv", {"sort": "nope"}, "sort"),
    ("/api/stats", {"since": "2020-02-30"}, "since"),
]


@pytest.mark.parametrize(("path", "params", "name"), BAD, ids=[f"{p}:{n}" for p, _, n in BAD])
def test_bad_parameters_are_a_422_that_names_the_parameter(client, path, params, name) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422
    assert name in [e["loc"][-1] for e in response.json()["detail"]]


def test_one_event_has_mentions_claims_sources_and_highlights_into_its_articles(
    client, everything
) -> None:
    merged = max(everything, key=lambda r: r["mention_count"])
    detail = client.get(f"/api/events/{merged['id']}").json()
    assert len(detail["mentions"]) == len(detail["article_ids"]) == 2
    assert detail["claims"] and detail["sources"] and detail["reported_by"]
    assert any(
        link["rule"] != "founding mention" and link["text"] for link in detail["explanation"]
    )
    assert {s["article_id"] for s in detail["highlights"]} == set(detail["article_ids"])
    assert detail["highlights"]
    for span in detail["highlights"]:
        article = client.get(f"/api/articles/{span['article_id']}").json()
        text = article["text"][span["start"] : span["end"]]
        evidence = [e["text"] for m in detail["mentions"] for e in m["evidence"] + m["claims"]]
        assert text in evidence


@pytest.mark.parametrize("path", ["/api/events/FW-no-such-event", "/api/articles/no-such-article"])
def test_unknown_ids_are_404(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "no " in response.json()["detail"]


def test_geojson_has_one_point_per_event_with_lon_lat_order(client, everything) -> None:
    response = client.get("/api/events.geojson")
    assert response.headers["content-type"].startswith("application/geo+json")
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    by_id = {r["id"]: r for r in everything}
    assert {f["id"] for f in collection["features"]} == set(by_id)
    for feature in collection["features"]:
        record = by_id[feature["id"]]
        if _located(record):
            assert feature["geometry"]["coordinates"] == pytest.approx(
                [record["longitude"], record["latitude"]]
            )
        else:
            assert feature["geometry"] is None


def test_map_geojson_is_capped_slim_and_located_only(client, everything) -> None:
    collection = client.get(
        "/api/events.geojson", params={"fields": "map", "limit": 3, "sort": "-fatalities"}
    ).json()
    assert collection["total"] == len(everything) and collection["truncated"] is True
    assert len(collection["features"]) <= 3
    assert all(f["geometry"] for f in collection["features"])
    assert set(collection["features"][0]["properties"]) == {
        "id", "event_date", "event_type", "sub_event_type", "fatalities", "location", "admin1", "country",
    }  # fmt: skip
    located = sorted((r["fatalities"] for r in everything if _located(r)), reverse=True)
    assert [f["properties"]["fatalities"] for f in collection["features"]] == located[
        : len(collection["features"])
    ]


@pytest.mark.parametrize(
    ("params", "keep"), FILTERS[:8], ids=[json.dumps(p) for p, _ in FILTERS[:8]]
)
def test_csv_export_has_the_filtered_rows_with_acled_columns(
    client, everything, params, keep
) -> None:
    response = client.get("/api/events.csv", params=params)
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {r["event_id_cnty"] for r in rows} == {r["id"] for r in everything if keep(r)}
    header = response.text.splitlines()[0].split(",")
    assert header[:3] == ["event_id_cnty", "event_date", "year"]
    assert {"fatalities", "latitude", "longitude", "injuries"} <= set(header)


def test_csv_download_is_what_frontwatch_export_writes(client, db: str) -> None:
    from frontwatch import export
    from frontwatch.store import EventFilter

    store = open_store(db)
    written = io.StringIO()
    export.write_csv(store.events(EventFilter(limit=None, sort="event_date")), written)
    store.close()
    assert client.get("/api/events.csv").text == written.getvalue()


def test_stats_add_up_to_the_filtered_total(client, everything) -> None:
    for params in ({}, {"event_type": "Explosions/Remote violence"}, {"since": "2016-01-01"}):
        stats = client.get("/api/stats", params=params).json()
        total = client.get("/api/events", params=params).json()["total"]
        assert stats["total"]["events"] == total
        assert sum(w["events"] for w in stats["by_week"]) == total
        assert sum(a["events"] for a in stats["by_admin1"]) == total
        assert sum(t["fatalities"] for t in stats["by_type"]) == stats["total"]["fatalities"]


def test_weeks_start_on_monday(client) -> None:
    from datetime import date

    weeks = [
        w["week"] for w in client.get("/api/stats").json()["by_week"] if w["week"] != "unknown"
    ]
    assert weeks and all(date.fromisoformat(w).weekday() == 0 for w in weeks)


@pytest.mark.postgres
def test_postgres_answers_every_endpoint_as_sqlite_does(client, everything, pg_url: str) -> None:
    postgres = open_store(hand_coded_db(pg_url))
    with TestClient(create_app(postgres)) as pg_client:
        for params, _ in FILTERS:
            ids = [r["id"] for r in pg_client.get("/api/events", params=params).json()["items"]]
            assert ids == [
                r["id"] for r in client.get("/api/events", params=params).json()["items"]
            ]
            assert pg_client.get("/api/stats", params=params).json() == (
                client.get("/api/stats", params=params).json()
            )
        assert _timeless_csv(pg_client.get("/api/events.csv").text) == (
            _timeless_csv(client.get("/api/events.csv").text)
        )
        assert _timeless_geojson(pg_client.get("/api/events.geojson").json()) == (
            _timeless_geojson(client.get("/api/events.geojson").json())
        )
        merged = max(everything, key=lambda r: r["mention_count"])["id"]
        pg_detail = pg_client.get(f"/api/events/{merged}").json()
        assert pg_detail["highlights"] == client.get(f"/api/events/{merged}").json()["highlights"]
    postgres.close()


def _timeless_csv(text: str) -> list[dict]:
    """Rows without ``timestamp``: when a row was written differs between two databases."""
    return [
        {k: v for k, v in row.items() if k != "timestamp"}
        for row in csv.DictReader(io.StringIO(text))
    ]


def _timeless_geojson(collection: dict) -> list[dict]:
    for feature in collection["features"]:
        feature["properties"].pop("timestamp")
    return collection["features"]
