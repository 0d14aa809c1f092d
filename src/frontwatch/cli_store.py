"""CLI commands over the store: ingest, export, stats, serve, gazetteer add.

Thin like ``cli.py``: parse options, call the library, print.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from frontwatch.store import DEFAULT_DB

FORMATS = ("csv", "geojson", "jsonl", "parquet")


def add_commands(commands, *, ingest_into, open_store) -> None:
    _add_ingest(commands, ingest_into)
    _add_export(commands, open_store)
    _add_stats(commands, open_store)
    _add_serve(commands)
    _add_gazetteer(commands)


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value}") from error


def _add_ingest(commands, ingest_into) -> None:
    cmd = commands.add_parser(
        "ingest", help="extract events from inputs and store them (idempotent)"
    )
    cmd.add_argument("inputs", nargs="+", metavar="INPUT")
    cmd.add_argument("--db", default=DEFAULT_DB, help="SQLite path or postgresql:// URL")
    cmd.add_argument("--published", type=_iso_date)
    cmd.add_argument("--actors", action="append", help="an extra actor dictionary file (TSV)")

    def handler(args) -> int:
        failed = ingest_into(args, args.db)
        print(f"ingested into {args.db}; {failed} input(s) failed", file=sys.stderr)
        return 1 if failed else 0

    cmd.set_defaults(handler=handler)


def _filter_options(cmd) -> None:
    cmd.add_argument("--db", default=DEFAULT_DB, help="SQLite path or postgresql:// URL")
    cmd.add_argument("--since", type=_iso_date)
    cmd.add_argument("--until", type=_iso_date)
    cmd.add_argument("--country")
    cmd.add_argument("--type", dest="event_type", help="event type or sub-event type")


def _filters(args, **extra):
    from frontwatch.store import EventFilter
    from frontwatch.taxonomy import SUB_TYPES

    kind = getattr(args, "event_type", None)
    sub = kind if kind in SUB_TYPES else None
    return EventFilter(
        since=args.since,
        until=args.until,
        country=args.country,
        event_type=None if sub else kind,
        sub_event_type=sub,
        **extra,
    )


def _add_export(commands, open_store) -> None:
    cmd = commands.add_parser("export", help="canonical events as csv / geojson / jsonl / parquet")
    cmd.add_argument("--format", choices=FORMATS, default="csv")
    cmd.add_argument("--out", help="file to write (default: stdout)")
    _filter_options(cmd)

    def handler(args) -> int:
        store = open_store(args.db)
        try:
            records = store.events(_filters(args, limit=None, sort="event_date"))
        finally:
            store.close()
        count = _write(records, args.format, args.out)
        print(f"{count} events exported", file=sys.stderr)
        return 0

    cmd.set_defaults(handler=handler)


def _write(records: list[dict], fmt: str, out: str | None) -> int:
    from frontwatch import export

    if fmt == "parquet":
        return export.write_parquet(records, out or sys.stdout.buffer)
    writer = {
        "csv": export.write_csv,
        "geojson": export.write_geojson,
        "jsonl": export.write_jsonl,
    }[fmt]
    if out is None:
        return writer(records, sys.stdout)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        return writer(records, fh)


def _add_stats(commands, open_store) -> None:
    cmd = commands.add_parser("stats", help="events and fatalities per week, province and type")
    _filter_options(cmd)

    def handler(args) -> int:
        store = open_store(args.db)
        try:
            stats = store.stats(_filters(args))
        finally:
            store.close()
        print(format_stats(stats))
        return 0

    cmd.set_defaults(handler=handler)


def format_stats(stats: dict) -> str:
    blocks = []
    for name, rows in stats.items():
        if not isinstance(rows, list):
            blocks.append(f"{name}: {rows}")
            continue
        blocks.append(f"\nper {name}:")
        for row in rows:
            key = row.get("key", row.get(name, "?"))
            blocks.append(
                f"  {str(key):<36} events {row.get('events', 0):>6}  "
                f"fatalities {row.get('fatalities', 0):>7}"
            )
    return "\n".join(blocks).strip()


def _add_serve(commands) -> None:
    cmd = commands.add_parser("serve", help="the map, timeline and API on http://HOST:PORT/")
    cmd.add_argument("--db", default=DEFAULT_DB, help="SQLite path or postgresql:// URL")
    cmd.add_argument("--host", default="127.0.0.1")
    cmd.add_argument("--port", type=int, default=8000)
    cmd.add_argument("--token", help="token for POST /api/articles (or env FRONTWATCH_TOKEN)")
    cmd.add_argument("--tiles", help="a tile URL template for users who are online")
    cmd.add_argument(
        "--cors",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="allow browser requests from this origin (repeatable); CORS is off without it",
    )

    def handler(args) -> int:
        import os

        from frontwatch.web import serve

        token = args.token or os.environ.get("FRONTWATCH_TOKEN")
        print(f"serving {args.db} on http://{args.host}:{args.port}/", file=sys.stderr)
        serve(
            args.db, args.host, args.port, token=token, tiles_url=args.tiles, cors_origins=args.cors
        )
        return 0

    cmd.set_defaults(handler=handler)


def _add_gazetteer(commands) -> None:
    cmd = commands.add_parser("gazetteer", help="manage the place index")
    sub = cmd.add_subparsers(title="gazetteer commands")
    add = sub.add_parser("add", help="add a GeoNames dump (allCountries.txt, SY.txt, ...)")
    add.add_argument("file", type=Path)
    add.add_argument("--alternate-names", type=Path, help="alternateNamesV2.txt")

    def handler(args) -> int:
        from frontwatch.resolve.places import Gazetteer

        added = Gazetteer().add_geonames(args.file, args.alternate_names)
        print(f"added {added} places from {args.file}", file=sys.stderr)
        return 0

    add.set_defaults(handler=handler)
