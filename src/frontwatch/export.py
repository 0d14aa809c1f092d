"""Output records and writers: CSV (ACLED layout), JSON Lines, GeoJSON, Parquet.

A record is a plain dict. ``event_record`` makes the per-mention record of
``frontwatch extract``; the store returns canonical events as records with the same
ACLED column names plus ``sources``, ``article_ids`` and ``mention_count``. The writers
take any iterable of records and write to an open file (Parquet: a path or binary file).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import IO

from frontwatch.model import Actor, Article, Event

# spec section 8, in ACLED export order, then our additions
ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
CSV_COLUMNS = (*ACLED_COLUMNS, "injuries", "reported_by", "sources", "article_ids")
MENTION_COLUMNS = (
    "article_id",
    "event_id",
    *[c for c in ACLED_COLUMNS if c != "event_id_cnty"],
    "injuries",
    "reported_by",
    "evidence",
    "claims",
    "confidence",
    "extractor_version",
)
LIST_SEPARATOR = "; "

# ACLED region of a country: only the countries our gazetteer covers; others stay empty
REGION_OF = {"Syria": "Middle East", "Iraq": "Middle East", "Yemen": "Middle East"}

INT_COLUMNS = frozenset(
    [
        "year",
        "time_precision",
        "inter1",
        "inter2",
        "interaction",
        "iso",
        "geo_precision",
        "fatalities",
        "injuries",
        "timestamp",
        "mention_count",
    ]
)
FLOAT_COLUMNS = frozenset({"latitude", "longitude", "confidence"})
LIST_COLUMNS = frozenset({"reported_by", "sources", "article_ids"})
DATE_COLUMNS = frozenset({"event_date"})


def region_of(country: str | None) -> str:
    return REGION_OF.get(country or "", "")


def _names(actors: Sequence[Actor]) -> str:
    return LIST_SEPARATOR.join(a.name for a in actors)


def _evidence(event: Event) -> list[dict]:
    return [
        {"field": e.field, "start": e.span.start, "end": e.span.end, "text": e.span.text}
        for e in event.evidence
    ]


def _claims(event: Event) -> list[dict]:
    return [
        {
            "field": c.field,
            "value": c.value,
            "claimant": c.claimant,
            "party": c.party,
            "start": c.span.start,
            "end": c.span.end,
        }
        for c in event.claims
    ]


def _place_fields(event: Event) -> dict:
    place = event.place
    return {
        "iso": place.iso if place else None,
        "region": region_of(place.country if place else None),
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "admin3": "",
        "location": event.location or (place.name if place else ""),
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "geo_precision": event.geo_precision,
    }


def _date_and_type_fields(event: Event) -> dict:
    day = event.event_date
    return {
        "event_date": day.isoformat() if day else None,
        "year": day.year if day else None,
        "time_precision": event.time_precision,
        "disorder_type": event.disorder_type,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
    }


def actor_fields(event: Event) -> dict:
    """The ACLED actor columns of an event (the store's canonical rows use them too)."""
    return {
        "actor1": event.actor1.name if event.actor1 else None,
        "assoc_actor_1": _names(event.assoc_actor_1),
        "inter1": event.inter1,
        "actor2": event.actor2.name if event.actor2 else None,
        "assoc_actor_2": _names(event.assoc_actor_2),
        "inter2": event.inter2,
        "interaction": event.interaction,
        "civilian_targeting": event.civilian_targeting,
    }


def _reading_fields(event: Event) -> dict:
    """The spans and claims behind the fields, and which extractor read them, how surely."""
    return {
        "evidence": _evidence(event),
        "claims": _claims(event),
        "confidence": event.confidence,
        "extractor_version": event.extractor_version,
    }


def event_record(
    event: Event, article: Article | None = None, *, timestamp: int | None = None
) -> dict:
    """The ACLED-column record of one mention (what ``frontwatch extract`` prints)."""
    return {
        "article_id": event.article_id,
        "event_id": event.id,
        **_date_and_type_fields(event),
        **actor_fields(event),
        **_place_fields(event),
        "source": event.source or (article.source if article and article.source else ""),
        "source_scale": "",
        "notes": event.notes,
        "fatalities": event.fatalities,
        "tags": "",
        "timestamp": timestamp,
        "injuries": event.injuries,
        "reported_by": list(event.reported_by),
        **_reading_fields(event),
    }


# --- writers -------------------------------------------------------------------


def _cell(value: object) -> object:
    """One CSV cell: lists of names joined, nested structures as JSON, None empty."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        if all(isinstance(v, str) for v in value):
            return LIST_SEPARATOR.join(value)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_csv(records: Iterable[dict], fh: IO[str], columns: Sequence[str] = CSV_COLUMNS) -> int:
    """CSV with a header row; columns missing from a record are left empty. Returns rows."""
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for record in records:
        writer.writerow([_cell(record.get(c)) for c in columns])
        count += 1
    return count


def _json_default(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def write_jsonl(records: Iterable[dict], fh: IO[str]) -> int:
    count = 0
    for record in records:
        fh.write(json.dumps(record, ensure_ascii=False, default=_json_default) + "\n")
        count += 1
    return count


def feature(record: dict) -> dict:
    """A GeoJSON Feature; an event without coordinates keeps a null geometry (RFC 7946 3.2)."""
    lat, lon = record.get("latitude"), record.get("longitude")
    geometry = None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}
    feature_id = record.get("event_id_cnty") or record.get("event_id")
    return {"type": "Feature", "id": feature_id, "geometry": geometry, "properties": record}


def write_geojson(records: Iterable[dict], fh: IO[str]) -> int:
    """One FeatureCollection, written feature by feature so large exports stream."""
    fh.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for record in records:
        fh.write(",\n" if count else "\n")
        fh.write(json.dumps(feature(record), ensure_ascii=False, default=_json_default))
        count += 1
    fh.write("\n]}\n")
    return count


def parquet_schema(columns: Sequence[str]):
    """Explicit Arrow types: dates date32, counts int64, coordinates float64, lists of strings."""
    import pyarrow as pa

    span = [("field", pa.string()), ("start", pa.int64()), ("end", pa.int64())]
    nested = {
        "evidence": pa.list_(pa.struct([*span, ("text", pa.string())])),
        "claims": pa.list_(
            pa.struct(
                [
                    *span[:1],
                    ("value", pa.string()),
                    ("claimant", pa.string()),
                    ("party", pa.bool_()),
                    *span[1:],
                ]
            )
        ),
    }
    return pa.schema([(c, _arrow_type(c, nested)) for c in columns])


def _arrow_type(column: str, nested: dict):
    import pyarrow as pa

    if column in nested:
        return nested[column]
    if column in DATE_COLUMNS:
        return pa.date32()
    if column in INT_COLUMNS:
        return pa.int64()
    if column in FLOAT_COLUMNS:
        return pa.float64()
    if column in LIST_COLUMNS:
        return pa.list_(pa.string())
    return pa.string()


def _arrow_value(column: str, value: object) -> object:
    if value is None:
        return None
    if column in DATE_COLUMNS and isinstance(value, str):
        return date.fromisoformat(value)
    if column == "claims":
        return [dict(c, value=str(c["value"])) for c in value]
    if column in INT_COLUMNS | FLOAT_COLUMNS | LIST_COLUMNS | DATE_COLUMNS or column == "evidence":
        return value
    return str(value)


def write_parquet(records: Iterable[dict], where, columns: Sequence[str] | None = None) -> int:
    """Parquet with explicit types; ``columns`` defaults to the first record's keys."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = list(records)
    names = list(columns or (rows[0].keys() if rows else CSV_COLUMNS))
    data = {c: [_arrow_value(c, r.get(c)) for r in rows] for c in names}
    table = pa.Table.from_pydict(data, schema=parquet_schema(names))
    pq.write_table(table, where)
    return len(rows)
