"""Event records as GeoJSON (RFC 7946): one Feature per event, streamed for large results."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from frontwatch import export

# What the map needs to draw and label a marker; the export keeps every field.
MAP_FIELDS = (
    "id",
    "event_date",
    "event_type",
    "sub_event_type",
    "fatalities",
    "location",
    "admin1",
    "country",
)


def _coordinate(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if number == number else None  # NaN is no coordinate


def point(record: dict) -> dict | None:
    """A GeoJSON Point for the record, or None when it has no usable coordinates."""
    lat, lon = _coordinate(record.get("latitude")), _coordinate(record.get("longitude"))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]}


def feature(record: dict, *, slim: bool = False) -> dict:
    """The export's feature (every field), or a marker's (``slim``: MAP_FIELDS only)."""
    if not slim:
        return export.feature(record)
    properties = {k: record.get(k) for k in MAP_FIELDS}
    return {
        "type": "Feature",
        "id": record.get("id"),
        "geometry": point(record),
        "properties": properties,
    }


def collection_chunks(
    features: Iterable[dict], members: dict | None = None, *, per_chunk: int = 500
) -> Iterator[str]:
    """A FeatureCollection as text pieces, so 100,000 features never sit in memory as one string.

    Pieces of many features each: the server hands every piece to a worker thread, and one
    hop per feature costs more than encoding it.
    """
    head = {"type": "FeatureCollection", **(members or {})}
    pieces = [json.dumps(head, default=str)[:-1] + ', "features": [']
    for index, item in enumerate(features):
        pieces.append(
            ("," if index else "") + "\n" + json.dumps(item, default=str, ensure_ascii=False)
        )
        if len(pieces) >= per_chunk:
            yield "".join(pieces)
            pieces = []
    pieces.append("\n]}\n")
    yield "".join(pieces)
