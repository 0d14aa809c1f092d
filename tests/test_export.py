"""Export writers: records written as CSV / JSONL / GeoJSON / Parquet read back field by field."""

from __future__ import annotations

import io
import json
import math
from datetime import date

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from frontwatch.export import (
    ACLED_COLUMNS,
    CSV_COLUMNS,
    MENTION_COLUMNS,
    event_record,
    write_csv,
    write_geojson,
    write_jsonl,
    write_parquet,
)
from frontwatch.model import Actor, Article, Claim, Event, Evidence, Place, Span

TEXT = 'Syrian state TV says 22 killed in car bomb in Qamishli, "a terrorist attack"; 140 hurt.'
ART = Article(
    "art1", TEXT, url="https://example.org/1", published=date(2016, 7, 27), source="Ahram"
)
QAMISHLI = Place("Qamishli", "Syria", 760, "Hasakeh", "Qamishli", 37.0522, 41.2317)
EVENT = Event(
    article_id="art1",
    event_type="Explosions/Remote violence",
    sub_event_type="Remote explosive/landmine/IED",
    disorder_type="Political violence",
    event_date=date(2016, 7, 27),
    actor1=Actor("Islamic State (Syria)", 2, "Syria"),
    assoc_actor_1=(Actor("Jund al-Aqsa", 2), Actor("Ansar, al-Din", 2)),
    actor2=Actor("Civilians (Syria)", 7, "Syria"),
    civilian_targeting="Civilian targeting",
    place=QAMISHLI,
    location="Qamishli",
    geo_precision=1,
    fatalities=22,
    injuries=140,
    claims=(
        Claim("fatalities", 22, "Syrian state TV", Span.of(TEXT, 21, 23), False),
        Claim("event", "a terrorist attack", "Syrian state TV", Span.of(TEXT, 57, 75), None),
    ),
    evidence=(
        Evidence("fatalities", Span.of(TEXT, 21, 32)),
        Evidence("location", Span.of(TEXT, 46, 54)),
    ),
    notes="Car bomb in Qamishli.",
    confidence=0.75,
    extractor_version="rules/0.1",
)
NO_PLACE = Event("art1", "Strategic developments", "Other", "Strategic developments")


def canonical_records() -> list[dict]:
    """Records shaped like ``Store.events()`` output (one with coordinates, one without)."""
    first = {c: None for c in CSV_COLUMNS}
    first.update(
        event_id_cnty="FW1",
        event_date="2016-07-27",
        year=2016,
        time_precision=1,
        event_type="Explosions/Remote violence",
        actor1="Islamic State (Syria)",
        assoc_actor_1="Jund al-Aqsa; Ansar, al-Din",
        inter1=2,
        interaction=27,
        iso=760,
        country="Syria",
        location='Qamishli "west"',
        latitude=37.0522,
        longitude=41.2317,
        geo_precision=1,
        notes="Line one,\nline two",
        fatalities=22,
        injuries=140,
        timestamp=1469600000,
        reported_by=["Syrian state TV", "SOHR"],
        sources=["Ahram", "TRT"],
        article_ids=["a1", "a2"],
    )
    second = dict(first, event_id_cnty="FW2", latitude=None, longitude=None, geo_precision=3)
    second.update(event_date="2016-07-28", year=2016, fatalities=0, reported_by=[], sources=["TRT"])
    return [first, second]


def test_event_record_has_the_acled_fields_and_ours():
    record = event_record(EVENT, ART, timestamp=1469600000)
    assert set(MENTION_COLUMNS) <= set(record)
    assert record["event_id"] == EVENT.id and record["article_id"] == "art1"
    assert record["event_date"] == "2016-07-27" and record["year"] == 2016
    assert record["assoc_actor_1"] == "Jund al-Aqsa; Ansar, al-Din"
    assert (record["inter1"], record["inter2"], record["interaction"]) == (2, 7, 27)
    assert (record["region"], record["iso"], record["admin1"]) == ("Middle East", 760, "Hasakeh")
    assert record["source"] == "Ahram"  # the article's outlet when the event names none
    assert record["reported_by"] == ["Syrian state TV"]
    assert record["evidence"][0] == {
        "field": "fatalities",
        "start": 21,
        "end": 32,
        "text": TEXT[21:32],
    }
    assert record["claims"][1]["value"] == "a terrorist attack"
    assert record["injuries"] == 140 and record["admin3"] == ""


def test_event_record_without_place_or_date():
    record = event_record(NO_PLACE)
    assert record["event_date"] is None and record["year"] is None
    assert record["latitude"] is None and record["country"] is None and record["region"] == ""


def test_csv_roundtrip_with_pandas():
    records = canonical_records()
    buffer = io.StringIO()
    assert write_csv(records, buffer) == 2
    frame = pd.read_csv(io.StringIO(buffer.getvalue()), keep_default_na=False)
    assert tuple(frame.columns) == CSV_COLUMNS
    assert tuple(frame.columns[: len(ACLED_COLUMNS)]) == tuple(ACLED_COLUMNS)
    for record, (_, row) in zip(records, frame.iterrows(), strict=True):
        for column in CSV_COLUMNS:
            expected, got = record[column], row[column]
            if isinstance(expected, list):
                assert (got.split("; ") if got else []) == expected, column
            elif expected is None:
                assert got == "", column
            elif isinstance(expected, float):
                assert float(got) == pytest.approx(expected), column
            else:
                assert str(got) == str(expected), column


def test_mention_csv_keeps_nested_fields_as_json():
    buffer = io.StringIO()
    write_csv([event_record(EVENT, ART)], buffer, columns=MENTION_COLUMNS)
    frame = pd.read_csv(io.StringIO(buffer.getvalue()), keep_default_na=False)
    assert json.loads(frame.loc[0, "evidence"])[1]["text"] == "Qamishli"
    assert json.loads(frame.loc[0, "claims"])[0]["claimant"] == "Syrian state TV"


def test_jsonl_roundtrip():
    records = [event_record(EVENT, ART), event_record(NO_PLACE)]
    buffer = io.StringIO()
    assert write_jsonl(records, buffer) == 2
    lines = buffer.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == records


def test_geojson_is_a_valid_feature_collection():
    records = canonical_records()
    buffer = io.StringIO()
    assert write_geojson(records, buffer) == 2
    doc = json.loads(buffer.getvalue())
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 2
    located, unlocated = doc["features"]
    assert located["type"] == "Feature" and located["id"] == "FW1"
    # RFC 7946: [longitude, latitude]
    assert located["geometry"] == {"type": "Point", "coordinates": [41.2317, 37.0522]}
    assert unlocated["geometry"] is None  # kept, so every format has the same events
    assert located["properties"] == records[0]


def test_empty_geojson_and_csv():
    buffer = io.StringIO()
    write_geojson([], buffer)
    assert json.loads(buffer.getvalue()) == {"type": "FeatureCollection", "features": []}
    buffer = io.StringIO()
    write_csv([], buffer)
    assert buffer.getvalue().strip() == ",".join(CSV_COLUMNS)


def test_parquet_has_types_and_roundtrips(tmp_path):
    records = canonical_records()
    path = tmp_path / "events.parquet"
    assert write_parquet(records, path, columns=CSV_COLUMNS) == 2
    table = pq.read_table(path)
    schema = table.schema
    assert schema.field("event_date").type == pa.date32()
    assert schema.field("fatalities").type == pa.int64()
    assert schema.field("latitude").type == pa.float64()
    assert schema.field("sources").type == pa.list_(pa.string())
    assert schema.field("notes").type == pa.string()
    for record, row in zip(records, table.to_pylist(), strict=True):
        for column in CSV_COLUMNS:
            expected = record[column]
            if column == "event_date":
                expected = date.fromisoformat(expected)
            got = row[column]
            if isinstance(expected, float):
                assert math.isclose(got, expected), column
            else:
                assert got == expected, column


def test_parquet_of_mention_records_keeps_structs(tmp_path):
    path = tmp_path / "mentions.parquet"
    write_parquet([event_record(EVENT, ART)], path)
    row = pq.read_table(path).to_pylist()[0]
    assert row["evidence"][1] == {"field": "location", "start": 46, "end": 54, "text": "Qamishli"}
    assert row["claims"][0]["value"] == "22" and row["claims"][0]["party"] is False
    assert row["reported_by"] == ["Syrian state TV"]


def test_store_records_export_to_every_format(store, tmp_path):
    store.save_article(ART, [EVENT])
    records = store.events()
    buffer = io.StringIO()
    write_csv(records, buffer)
    assert (
        pd.read_csv(io.StringIO(buffer.getvalue())).loc[0, "event_id_cnty"]
        == records[0]["event_id_cnty"]
    )
    write_parquet(records, tmp_path / "e.parquet", columns=CSV_COLUMNS)
    assert pq.read_table(tmp_path / "e.parquet").to_pylist()[0]["injuries"] == 140
    buffer = io.StringIO()
    write_geojson(records, buffer)
    assert json.loads(buffer.getvalue())["features"][0]["geometry"]["coordinates"] == [
        41.2317,
        37.0522,
    ]
