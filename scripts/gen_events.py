"""Generate a SQLite database of synthetic canonical events for the web latency benchmark.

    python scripts/gen_events.py out/bench.db --events 100000 --seed 7

The schema comes from the store (``migrate``); rows go in with one ``executemany`` per
table, skipping extraction and dedup (the store has no bulk path, and the benchmark is
about reading). Each event gets one article, one mention and one evidence sentence, so
text search has evidence to look through. Provinces and their rough centres come from
the package's admin-1 outlines; everything else is drawn from a seeded generator, so the
same arguments give the same database. The store's search tables are rebuilt at the end
(``reindex_search``), as after any bulk load that bypasses ``save_article``.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from frontwatch.settings import DATA_DIR
from frontwatch.store import open_store
from frontwatch.store.schema import ARTICLES, EVENT_MENTIONS, EVENTS, EVIDENCE, MENTIONS
from frontwatch.taxonomy import SUB_EVENT_TYPES, disorder_type

COUNTRIES = {"SY": ("Syria", 760), "IQ": ("Iraq", 368), "YE": ("Yemen", 887)}
ACTORS = (
    ("Military Forces of Syria (2000-2024)", 1), ("Hayat Tahrir al Sham", 2), ("Islamic State (Syria)", 2),
    ("SDF: Syrian Democratic Forces", 2), ("Military Forces of Iraq (2022-)", 1), ("Islamic State (Iraq)", 2),
    ("Houthi Movement", 2), ("Unidentified Armed Group (Syria)", 3), ("Civilians (Syria)", 7),
    ("Military Forces of Russia (2000-)", 8), ("Protesters (Yemen)", 6),
)  # fmt: skip
OUTLETS = ("SANA", "Reuters", "AFP", "Al Jazeera", "Syrian Observatory for Human Rights", "Rudaw")
VERBS = ("killed", "wounded", "struck", "shelled", "attacked", "clashed near", "raided")
FIRST_DAY, DAYS = date(2012, 1, 1), 13 * 365


def provinces() -> list[tuple[str, str, float, float]]:
    """(country code, province, latitude, longitude) of every shipped admin-1 outline in COUNTRIES."""
    outlines = json.loads((DATA_DIR / "gazetteer" / "admin1.geojson").read_text(encoding="utf-8"))
    found = []
    for feature in outlines["features"]:
        code = feature["properties"].get("country")
        if code in COUNTRIES:
            lat, lon = _centre(feature["geometry"]["coordinates"])
            found.append((code, feature["properties"]["admin1"], lat, lon))
    return found


def _centre(multipolygon: list) -> tuple[float, float]:
    points = [p for polygon in multipolygon for p in polygon[0]]
    return sum(p[1] for p in points) / len(points), sum(p[0] for p in points) / len(points)


def synthetic_event(rng: random.Random, n: int, places: list) -> dict:
    code, admin1, lat, lon = rng.choice(places)
    event_type, sub_type = rng.choice(SUB_EVENT_TYPES)
    (actor1, inter1), (actor2, inter2) = rng.sample(ACTORS, 2)
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    fatalities = int(rng.expovariate(1 / 4)) if event_type != "Protests" else 0
    located = rng.random() > 0.05
    town = f"Town {n % 997}"
    note = f"On {day:%d %B %Y}, {actor1} {rng.choice(VERBS)} {actor2} in {town}, {admin1}; {fatalities} killed."
    return {
        "id": f"SYN{n:07d}", "event_date": day, "year": day.year, "time_precision": 1,
        "disorder_type": disorder_type(sub_type), "event_type": event_type, "sub_event_type": sub_type,
        "actor1": actor1, "assoc_actor_1": "", "inter1": inter1, "actor2": actor2, "assoc_actor_2": "",
        "inter2": inter2, "interaction": min(inter1, inter2) * 10 + max(inter1, inter2),
        "civilian_targeting": "", "iso": COUNTRIES[code][1], "country": COUNTRIES[code][0],
        "admin1": admin1, "admin2": None, "location": town,
        "latitude": round(lat + rng.uniform(-0.4, 0.4), 4) if located else None,
        "longitude": round(lon + rng.uniform(-0.4, 0.4), 4) if located else None,
        "geo_precision": 1 if located else None, "fatalities": fatalities, "injuries": rng.randrange(5),
        "notes": note, "confidence": 0.8, "mention_count": 1,
        "sources": json.dumps([rng.choice(OUTLETS)]), "article_ids": json.dumps([f"A{n:07d}"]),
        "reported_by": "[]", "conflicts": "{}", "explanation": "[]", "updated_at": "2025-01-01T00:00:00+00:00",
    }  # fmt: skip


def related_rows(event: dict) -> dict[str, dict]:
    """The article, mention, evidence and link rows behind one synthetic event."""
    article_id, mention_id = json.loads(event["article_ids"])[0], "M" + event["id"]
    text = event["notes"]
    return {
        "articles": {"id": article_id, "publisher": json.loads(event["sources"])[0], "text": text,
                     "published": event["event_date"], "content_hash": article_id, "title": text[:60]},
        "mentions": {**{k: event.get(k) for k in MENTIONS.column_names}, "id": mention_id,
                     "article_id": article_id, "ord": 0, "place_name": event["location"]},
        "mention_evidence": {"mention_id": mention_id, "ord": 0, "field": "event",
                             "span_start": 0, "span_end": len(text), "span_text": text},
        "event_mentions": {"event_id": event["id"], "mention_id": mention_id, "ord": 0,
                           "rule": "founding mention"},
    }  # fmt: skip


def insert(conn: sqlite3.Connection, table, rows: list[dict]) -> None:
    names = table.column_names
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    conn.executemany(sql, ([_sql(row.get(n)) for n in names] for row in rows))


def _sql(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def generate(path: Path, count: int, seed: int, batch: int = 10_000) -> None:
    store = open_store(str(path))
    store.migrate()
    store.close()
    rng, places = random.Random(seed), provinces()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    for start in range(0, count, batch):
        events = [synthetic_event(rng, n, places) for n in range(start, min(count, start + batch))]
        related = [related_rows(e) for e in events]
        with conn:
            for table in (ARTICLES, MENTIONS, EVIDENCE, EVENTS, EVENT_MENTIONS):
                insert(conn, table, events if table is EVENTS else [r[table.name] for r in related])
    conn.close()
    with open_store(str(path)) as store:
        store.reindex_search()  # the rows above bypassed save_article, which keeps it
    conn = sqlite3.connect(path)
    conn.execute("ANALYZE")
    conn.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="SQLite file to create (must not exist)")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.db.exists():
        print(f"{args.db} exists; remove it first", file=sys.stderr)
        return 2
    args.db.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    generate(args.db, args.events, args.seed)
    print(f"{args.events} synthetic events in {args.db} ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
