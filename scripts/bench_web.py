"""Latency of the web API over a large database: p50 / p95 / max per kind of request.

    python scripts/bench_web.py                       # makes out/bench.db (100,000 events) if missing
    python scripts/bench_web.py --db out/bench.db --requests 200 --max-p95-ms 300

Starts uvicorn on a free 127.0.0.1 port in this process and sends a bounded number of
requests, one at a time, over HTTP with httpx (traffic never leaves the machine). The
main figure is GET /api/events with filters and pagination; the page's other requests
(the capped map GeoJSON, the timeline stats) are measured too, with fewer requests.
"""

from __future__ import annotations

import argparse
import itertools
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

import httpx

SCRIPTS = Path(__file__).resolve().parent

# Filters a user of the page would set, crossed with pages deep into the results.
FILTERS = (
    {},
    {"country": "Syria"},
    {"admin1": "Idlib"},
    {"event_type": "Battles"},
    {"sub_event_type": "Air/drone strike", "country": "Syria"},
    {"since": "2019-01-01", "until": "2019-12-31"},
    {"min_fatalities": 10},
    {"actor": "Islamic State"},
    {"event_type": "Violence against civilians", "since": "2016-01-01"},
    {"q": "Rudaw"},
)
PAGES = ({"limit": 100, "offset": 0}, {"limit": 50, "offset": 500}, {"limit": 100, "offset": 2000})
SORTS = ("-event_date", "-fatalities", "event_date")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: str, port: int):
    import uvicorn

    from frontwatch.store import open_store
    from frontwatch.web import create_app

    app = create_app(open_store(db))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise SystemExit("server did not start")
        time.sleep(0.05)
    return server, thread


def event_requests():
    for filters, page, sort in itertools.cycle(itertools.product(FILTERS, PAGES, SORTS)):
        yield "/api/events", {**filters, **page, "sort": sort}


def page_requests(kind: str):
    for filters in itertools.cycle(FILTERS):
        if kind == "map":
            yield (
                "/api/events.geojson",
                {**filters, "fields": "map", "limit": 2000, "sort": "-fatalities"},
            )
        else:
            yield "/api/stats", filters


def measure(
    client: httpx.Client, requests, count: int, budget_s: float, by_filter=None
) -> list[float]:
    """Milliseconds for up to ``count`` requests, stopping early when the time budget is spent."""
    timings, stop_at = [], time.monotonic() + budget_s
    for path, params in itertools.islice(requests, count):
        started = time.perf_counter()
        response = client.get(path, params=params)
        timings.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
        if by_filter is not None:
            by_filter.setdefault(filter_name(params), []).append(timings[-1])
        if time.monotonic() > stop_at:
            break
    return timings


def filter_name(params: dict) -> str:
    kept = {k: v for k, v in params.items() if k not in ("limit", "offset", "sort")}
    return ", ".join(f"{k}={v}" for k, v in kept.items()) or "(no filter)"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(name: str, timings: list[float]) -> str:
    return (
        f"{name:<34} n={len(timings):<4} p50={statistics.median(timings):7.1f} ms"
        f"  p95={percentile(timings, 0.95):7.1f} ms  max={max(timings):7.1f} ms"
    )


def ensure_db(db: Path, events: int) -> None:
    if db.exists():
        return
    sys.path.insert(0, str(SCRIPTS))
    import gen_events

    print(f"generating {events} synthetic events into {db} ...", flush=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    gen_events.generate(db, events, seed=7)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("out/bench.db"))
    parser.add_argument("--events", type=int, default=100_000, help="size of a generated database")
    parser.add_argument(
        "--requests", type=int, default=200, help="GET /api/events requests to time"
    )
    parser.add_argument(
        "--budget", type=float, default=120.0, help="seconds at most per kind of request"
    )
    parser.add_argument(
        "--max-p95-ms", type=float, help="exit 1 when /api/events p95 is above this"
    )
    args = parser.parse_args(argv)
    ensure_db(args.db, args.events)
    server, thread = start_server(str(args.db), free_port())
    base = f"http://127.0.0.1:{server.config.port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            total = client.get("/api/events", params={"limit": 1}).json()["total"]
            measure(client, event_requests(), 5, args.budget)  # warm the caches first
            by_filter: dict[str, list[float]] = {}
            events = measure(client, event_requests(), args.requests, args.budget, by_filter)
            mapped = measure(client, page_requests("map"), 20, args.budget)
            stats = measure(client, page_requests("stats"), 20, args.budget)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    print(f"database: {args.db} ({total} events); server {base}")
    print(report("GET /api/events (filtered, paged)", events))
    print(report("GET /api/events.geojson (map, 2000)", mapped))
    print(report("GET /api/stats (timeline)", stats))
    print("GET /api/events median by filter, slowest first:")
    for name, timings in sorted(by_filter.items(), key=lambda kv: -statistics.median(kv[1])):
        print(f"  {statistics.median(timings):7.1f} ms  {name}")
    p95 = percentile(events, 0.95)
    if args.max_p95_ms is not None and p95 > args.max_p95_ms:
        print(f"FAIL: p95 {p95:.1f} ms > {args.max_p95_ms} ms")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
