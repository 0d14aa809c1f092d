"""The page in a real headless Chromium (Debian's, driven by Playwright) against a live server.

The server runs uvicorn in a thread on a free 127.0.0.1 port over a database of example
articles. Screenshots go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import csv
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from frontwatch.store import open_store
from frontwatch.web import create_app
from test_web_db import example_db

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip

pytestmark = pytest.mark.browser


def _need_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail("Debian chromium is missing: run scripts/install_browser.sh")
    pytest.skip("Debian chromium is not installed (scripts/install_browser.sh)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveServer:
    """uvicorn serving one app in a background thread; stops when closed."""

    def __init__(self, app, port: int) -> None:
        import uvicorn

        config = uvicorn.Config(
            app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return example_db(tmp_path_factory.mktemp("browser") / "examples.db")


@pytest.fixture(scope="module")
def server(db: str) -> Iterator[LiveServer]:
    store = open_store(db)
    with LiveServer(create_app(store), free_port()) as live:
        yield live
    store.close()


@pytest.fixture(scope="module")
def browser():
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """One browser tab on the server, recording every request and every script error."""

    def __init__(self, browser, base: str) -> None:
        self.context = browser.new_context(
            viewport={"width": 1400, "height": 850}, accept_downloads=True
        )
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.base = base

    def open(self, path: str = "/") -> Visit:
        self.page.goto(self.base + path)
        self.wait_loaded()
        return self

    def wait_loaded(self) -> None:
        self.page.wait_for_selector("body[data-loading=false]", state="attached", timeout=20000)

    def markers(self) -> int:
        return int(self.page.get_attribute("#map", "data-markers"))

    def apply(self, **fields: str) -> None:
        self.page.evaluate("document.body.dataset.loading = 'true'")
        for name, value in fields.items():
            selector = f"#filters [name={name}]"
            if self.page.locator(selector).evaluate("e => e.tagName") == "SELECT":
                self.page.select_option(selector, value)
            else:
                self.page.fill(selector, value)
        self.page.click("#filters button[type=submit]")
        self.wait_loaded()

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"browser-{name}.png"))

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, server) -> Iterator[Visit]:
    tab = Visit(browser, server.url)
    yield tab
    tab.close()
    assert tab.errors == []


TOPMOST = """() => [...document.querySelectorAll('.fw-marker')].filter((marker) => {
    const box = marker.getBoundingClientRect();
    return document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) === marker;
}).map((marker) => marker.dataset.eventId)"""


def clickable_markers(visit: Visit) -> set[str]:
    """Events whose marker a person can click: not hidden under another at its centre."""
    return set(visit.page.evaluate(TOPMOST))


def api_events(server: LiveServer, **filters: str) -> list[dict]:
    response = httpx.get(f"{server.url}/api/events", params={**filters, "limit": 1000})
    response.raise_for_status()
    return response.json()["items"]


def located(records: list[dict]) -> list[dict]:
    return [r for r in records if r["latitude"] is not None and r["longitude"] is not None]


def test_the_map_shows_a_marker_per_located_event(visit: Visit, server) -> None:
    visit.open()
    expected = located(api_events(server))
    assert expected and visit.markers() == len(expected)
    visit.shot("map-clustered")
    visit.page.uncheck("#cluster")
    drawn = visit.page.locator(".leaflet-marker-pane .fw-marker")
    assert drawn.count() == len(expected)
    ids = set(drawn.evaluate_all("nodes => nodes.map(n => n.dataset.eventId)"))
    assert ids == {r["id"] for r in expected}
    visit.shot("map-unclustered")


def test_a_filter_changes_the_number_of_markers(visit: Visit, server) -> None:
    visit.open()
    before = visit.markers()
    kinds = {r["event_type"] for r in located(api_events(server))}
    event_type = sorted(kinds, key=lambda k: len(located(api_events(server, event_type=k))))[0]
    visit.apply(event_type=event_type)
    expected = located(api_events(server, event_type=event_type))
    assert visit.markers() == len(expected) < before
    assert visit.page.text_content("#summary").startswith(
        f"{len(api_events(server, event_type=event_type))} events"
    )
    assert "event_type=" in visit.page.evaluate("location.hash")
    visit.shot("map-filtered")


def test_brushing_the_timeline_filters_the_map(visit: Visit, server) -> None:
    visit.open()
    bars = [
        b for b in visit.page.locator("#timeline rect.bar").all() if b.bounding_box()["height"] > 0
    ]
    week = bars[len(bars) // 2].bounding_box()  # a week that has events, mid-timeline
    y = week["y"] + week["height"] / 2
    visit.page.evaluate("document.body.dataset.loading = 'true'")
    visit.page.mouse.move(week["x"] + 1, y)
    visit.page.mouse.down()
    visit.page.mouse.move(week["x"] + week["width"] * 3, y, steps=5)
    visit.page.mouse.up()
    visit.wait_loaded()
    since = visit.page.input_value("#filters [name=since]")
    until = visit.page.input_value("#filters [name=until]")
    assert since and until and since < until
    expected = located(api_events(server, since=since, until=until))
    assert 0 < visit.markers() == len(expected) < len(located(api_events(server)))
    assert all(since <= r["event_date"] <= until for r in expected)
    visit.shot("timeline-brushed")


def test_the_detail_panel_marks_the_evidence_sentence(visit: Visit, server) -> None:
    visit.open()
    visit.page.uncheck("#cluster")
    reachable = clickable_markers(visit)
    candidates = [r for r in located(api_events(server)) if r["id"] in reachable]
    target = max(candidates, key=lambda r: (r["mention_count"], r["fatalities"]))
    visit.page.click(f".fw-marker[data-event-id='{target['id']}']")
    visit.page.wait_for_selector(".article-text mark")
    detail = httpx.get(f"{server.url}/api/events/{target['id']}").json()
    evidence = {e["text"] for m in detail["mentions"] for e in m["evidence"]}
    marked = visit.page.locator(".article-text mark").all_text_contents()
    assert evidence & set(marked)
    assert visit.page.text_content("#detail h2").startswith(target["sub_event_type"])
    assert str(target["fatalities"]) in visit.page.text_content("#detail .facts")
    visit.shot("detail-panel")


@pytest.mark.parametrize("kind", ["csv", "geojson"])
def test_export_downloads_the_filtered_rows(visit: Visit, server, kind: str) -> None:
    visit.open()
    common = max(
        {r["event_type"] for r in api_events(server)},
        key=lambda k: len(api_events(server, event_type=k)),
    )
    visit.apply(event_type=common)
    with visit.page.expect_download() as download:
        visit.page.click(f"#export-{kind}")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    if kind == "csv":
        ids = [row["event_id_cnty"] for row in csv.DictReader(text.splitlines())]
    else:
        ids = [feature["id"] for feature in json.loads(text)["features"]]
    expected = api_events(server, event_type=common)
    assert sorted(ids) == sorted(r["id"] for r in expected)
    assert 0 < len(ids) < len(api_events(server))


def test_the_page_makes_no_request_off_the_machine(visit: Visit, server) -> None:
    visit.open()
    visit.page.uncheck("#cluster")
    visit.page.click(f".fw-marker[data-event-id='{sorted(clickable_markers(visit))[0]}']")
    visit.page.wait_for_selector(".article-text")
    visit.page.goto(f"{server.url}/docs")
    visit.page.wait_for_selector(".swagger-ui .info .title", timeout=20000)
    assert "Frontwatch" in visit.page.text_content(".swagger-ui .info .title")
    visit.shot("api-docs")
    hosts = {urlsplit(url).hostname for url in visit.requests if not url.startswith("data:")}
    assert len(visit.requests) > 15
    assert hosts == {"127.0.0.1"}, sorted(u for u in visit.requests if "127.0.0.1" not in u)


def test_a_configured_tile_layer_is_requested_from_its_url(browser, db: str) -> None:
    port = free_port()
    tiles = f"http://127.0.0.1:{port}/tiles/{{z}}/{{x}}/{{y}}.png"
    store = open_store(db)
    with LiveServer(create_app(store, tiles_url=tiles), port) as live:
        tab = Visit(browser, live.url).open()
        tab.page.wait_for_timeout(500)
        tile_requests = [u for u in tab.requests if "/tiles/" in u]
        tab.close()
    store.close()
    assert tile_requests and all(
        u.startswith(f"http://127.0.0.1:{port}/tiles/") for u in tile_requests
    )
