"""The command line: parses options, calls the library, prints. Nothing else lives here."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import date
from pathlib import Path

from frontwatch.ingest import Failure
from frontwatch.settings import Settings

EXIT_OK, EXIT_INPUT_FAILED = 0, 1


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING if not args.verbose else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    return args.handler(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="frontwatch", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    commands = parser.add_subparsers(title="commands")
    _add_extract(commands)
    _add_run(commands)
    _add_classify(commands)
    _add_eval(commands)
    _add_store_commands(commands)
    return parser


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value}") from error


def _settings(args) -> Settings:
    actor_files = tuple(Path(p) for p in getattr(args, "actors", None) or ())
    return Settings(actor_files=actor_files)


# --- extract -----------------------------------------------------------------------


def _add_extract(commands) -> None:
    cmd = commands.add_parser("extract", help="code the events of articles and print them")
    cmd.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help=".txt/.html/.jsonl/.warc file, directory, URL, feed, or - for JSONL on stdin",
    )
    cmd.add_argument("--format", choices=("jsonl", "csv", "table"), default="jsonl")
    cmd.add_argument("--published", type=_iso_date, help="publication date for inputs without one")
    cmd.add_argument("--actors", action="append", help="an extra actor dictionary file (TSV)")
    cmd.set_defaults(handler=_extract)


def _extract(args) -> int:
    from frontwatch import export, pipeline

    settings = _settings(args)
    resources = pipeline.load_resources(settings)
    records, failed = [], 0
    results = pipeline.run_inputs(
        args.inputs, settings, resources, published=args.published, stdin=sys.stdin
    )
    for result in results:
        if isinstance(result, Failure):
            failed += 1
            _say_failure(result)
            continue
        records.extend(export.event_record(e, result.article) for e in result.events)
        if args.format == "jsonl":
            _flush_jsonl(records)
    if args.format == "csv":
        export.write_csv(records, sys.stdout)
    elif args.format == "table":
        print(format_table(records))
    return EXIT_INPUT_FAILED if failed else EXIT_OK


def _flush_jsonl(records: list[dict]) -> None:
    for record in records:
        print(json.dumps(record, ensure_ascii=False, default=str))
    records.clear()
    sys.stdout.flush()


def _say_failure(failure: Failure) -> None:
    print(f"frontwatch: {failure.input}: {failure.error}", file=sys.stderr)


def format_table(records: list[dict]) -> str:
    """A readable fixed-width table: date, place, type, actors, killed/injured, source."""
    header = ("date", "place", "type", "actors", "killed", "injured", "source")
    rows = [header] + [_table_row(r) for r in records]
    widths = [
        min(max(len(row[i]) for row in rows), cap)
        for i, cap in enumerate((10, 30, 34, 60, 6, 7, 20))
    ]
    lines = [
        "  ".join(cell[:w].ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _table_row(record: dict) -> tuple[str, ...]:
    place = ", ".join(p for p in (record.get("location"), record.get("admin1")) if p)
    one, two = record.get("actor1"), record.get("actor2")
    actors = f"{one or 'unnamed'} vs {two}" if two else (one or "")
    return (
        str(record.get("event_date") or "?"),
        place,
        record.get("sub_event_type", ""),
        actors,
        str(record.get("fatalities", 0)),
        str(record.get("injuries", 0)),
        str(record.get("source") or ""),
    )


# --- run (the demo job) ---------------------------------------------------------------


def _add_run(commands) -> None:
    cmd = commands.add_parser(
        "run", help="ingest inputs into a database and write out/events.csv and .geojson"
    )
    cmd.add_argument("inputs", nargs="+", metavar="INPUT")
    cmd.add_argument("--db", default="out/frontwatch.db", help="SQLite path or postgresql:// URL")
    cmd.add_argument("--out", default="out", help="folder for events.csv and events.geojson")
    cmd.add_argument("--published", type=_iso_date)
    cmd.add_argument("--actors", action="append")
    cmd.set_defaults(handler=_run)


def _run(args) -> int:
    from frontwatch import export
    from frontwatch.store import EventFilter

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    failed = _ingest_into(args, args.db)
    store = _open_store(args.db)
    try:
        records = store.events(EventFilter(limit=None, sort="event_date"))
    finally:
        store.close()
    with open(out / "events.csv", "w", encoding="utf-8", newline="") as fh:
        export.write_csv(records, fh)
    with open(out / "events.geojson", "w", encoding="utf-8") as fh:
        export.write_geojson(records, fh)
    print(format_table(records))
    print(
        f"\n{len(records)} events from the inputs; written to {out / 'events.csv'} "
        f"and {out / 'events.geojson'}; database {args.db}"
    )
    print(f"Open the map: frontwatch serve --db {args.db}   (then http://127.0.0.1:8000/)")
    return EXIT_INPUT_FAILED if failed else EXIT_OK


# --- store commands: ingest, export, stats, serve, gazetteer ---------------------------


def _add_store_commands(commands) -> None:
    from frontwatch import cli_store

    cli_store.add_commands(commands, ingest_into=_ingest_into, open_store=_open_store)


def _open_store(db: str):
    from frontwatch.store import open_store

    store = open_store(db)
    store.migrate()
    return store


def _ingest_into(args, db: str) -> int:
    """Read, extract and store every input; returns how many inputs failed."""
    from frontwatch import pipeline
    from frontwatch.progress import progress

    settings = _settings(args)
    resources = pipeline.load_resources(settings)
    store = _open_store(db)
    failed = 0
    try:
        results = pipeline.run_inputs(
            args.inputs, settings, resources, published=args.published, stdin=sys.stdin
        )
        for result in progress(results, desc="articles"):
            if isinstance(result, Failure):
                failed += 1
                _say_failure(result)
                store.record_failure(result.input, result.error)
            else:
                store.save_article(result.article, result.events)
    finally:
        store.close()
    return failed


# --- classify and eval ------------------------------------------------------------------


def _add_classify(commands) -> None:
    cmd = commands.add_parser("classify", help="JSONL snippets {id, text} -> 25 sub-types")
    cmd.add_argument("file", nargs="?", default="-", help="JSONL file or - for stdin")
    cmd.set_defaults(handler=_classify)


def _classify(args) -> int:
    from frontwatch.extract.snippets import SnippetClassifier

    classifier = SnippetClassifier().load()
    source = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8")  # noqa: SIM115
    failed = 0
    with source:
        for number, line in enumerate(source, 1):
            record = _snippet(line, args.file, number)
            if record is None:
                failed += int(bool(line.strip()))
                continue
            result = classifier.classify(str(record.get("text", "")))
            print(
                json.dumps(
                    {
                        "id": record.get("id"),
                        "event_type": result.event_type,
                        "sub_event_type": result.sub_event_type,
                        "confidence": round(result.confidence, 4),
                    },
                    ensure_ascii=False,
                )
            )
    return EXIT_INPUT_FAILED if failed else EXIT_OK


def _snippet(line: str, name: str, number: int) -> dict | None:
    if not line.strip():
        return None
    try:
        record = json.loads(line)
        if isinstance(record, dict):
            return record
        raise ValueError("not a JSON object")
    except ValueError as error:
        print(f"frontwatch: {name}:{number}: malformed JSONL line ({error})", file=sys.stderr)
        return None


def _add_eval(commands) -> None:
    cmd = commands.add_parser("eval", help="measure extraction on FA-KES (or the classifier)")
    cmd.add_argument("--data", default="../shared/data/fakes-dev/fakes_dev.csv")
    cmd.add_argument(
        "--classify", action="store_true", help="cross-validate the snippet classifier"
    )
    cmd.add_argument("--floors", help="JSON file of minimum scores; exit 1 if any is missed")
    cmd.add_argument("--dedup", help="a dedup gold groups.json: report merge precision/recall")
    cmd.add_argument("--details", help="write per-article results as JSONL here")
    cmd.set_defaults(handler=_eval)


def _eval(args) -> int:
    from frontwatch import evaluate

    if args.classify:
        from frontwatch.extract.snippets import cross_validate

        print(evaluate.format_scores(cross_validate(), title="snippet classifier, cross-validated"))
        return EXIT_OK
    report = evaluate.evaluate_fakes(Path(args.data), details_path=args.details)
    print(evaluate.format_scores(report.scores, title=f"FA-KES {args.data} ({report.n} articles)"))
    if args.dedup:
        print(
            evaluate.format_scores(evaluate.evaluate_dedup(report, Path(args.dedup)), title="dedup")
        )
    if args.floors:
        missed = evaluate.check_floors(report.scores, Path(args.floors))
        for line in missed:
            print(f"BELOW FLOOR: {line}", file=sys.stderr)
        return 1 if missed else EXIT_OK
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
