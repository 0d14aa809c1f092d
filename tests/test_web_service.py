"""The server's guard rails: the ingest token, CORS, the content policy, offline docs and assets."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

import httpx
import pytest

from frontwatch.store import open_store
from frontwatch.web import create_app
from frontwatch.web.app import content_security_policy, tile_origin, token_from_env

with warnings.catch_warnings():  # starlette nags about httpx vs httpx2 at import
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from test_web_db import hand_coded_db  # noqa: E402

TOKEN = "correct horse battery staple"
STATIC = Path(__file__).resolve().parents[1] / "src" / "frontwatch" / "web" / "static"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
BODY = {
    "articles": [
        {"text": "Shelling killed two civilians in Idlib on Monday.", "published": "2019-11-25"}
    ]
}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return hand_coded_db(tmp_path_factory.mktemp("svc") / "hand.db")


def _client(db: str, **options) -> TestClient:
    return TestClient(create_app(open_store(db), **options))


@pytest.fixture(scope="module")
def closed(db: str) -> TestClient:
    return _client(db)


@pytest.fixture(scope="module")
def guarded(db: str) -> TestClient:
    return _client(db, token=TOKEN)


def test_ingest_is_closed_without_an_operator_token(closed) -> None:
    response = closed.post("/api/articles", json=BODY, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403
    assert "FRONTWATCH_TOKEN" in response.json()["detail"]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": TOKEN},
        {"X-Frontwatch-Token": TOKEN[:-1]},
    ],
    ids=["none", "wrong", "no-scheme", "prefix"],
)
def test_ingest_refuses_a_missing_or_wrong_token(guarded, headers: dict) -> None:
    response = guarded.post("/api/articles", json=BODY, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_wrong_token_is_refused_before_the_body_is_judged(guarded) -> None:
    assert guarded.post("/api/articles", json={"nonsense": 1}).status_code == 401


BAD_BODIES = [
    ({}, "give"),
    ({"articles": []}, "give"),
    ({"articles": [{"title": "no body"}]}, "exactly one"),
    ({"articles": [{"text": "a", "html": "<p>b</p>"}]}, "exactly one"),
    ({"articles": [{"text": "x", "published": "someday"}]}, "date"),
    ({"urls": ["ftp://example.org/a"]}, "pattern"),
    ({"urls": ["https://example.org/"] * 21}, "at most"),
]


@pytest.mark.parametrize(("body", "says"), BAD_BODIES, ids=[str(i) for i in range(len(BAD_BODIES))])
def test_a_bad_ingest_body_is_a_clear_422(guarded, body: dict, says: str) -> None:
    response = guarded.post(
        "/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 422
    assert says in str(response.json()["detail"])


def test_ingest_with_the_token_runs_the_pipeline_and_stores_the_events(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "ingest.db"))
    store.migrate()
    client = TestClient(create_app(store, token=TOKEN))
    text = (EXAMPLES / "txt" / "homs-twin-car-bombs-nna.txt").read_text(encoding="utf-8")
    body = {
        "articles": [
            {"id": "homs-1", "text": text, "published": "2014-10-01", "source": "NNA"},
            {"html": "<html><body></body></html>"},
        ]
    }
    response = client.post("/api/articles", json=body, headers={"X-Frontwatch-Token": TOKEN})
    assert response.status_code == 200
    outcome = response.json()
    stored = {item["article_id"]: item for item in outcome["stored"]}
    assert stored["homs-1"]["mentions"] >= 1 and stored["homs-1"]["status"] == "new"
    events = client.get("/api/events").json()["items"]
    assert events and all("homs-1" in e["article_ids"] for e in events)
    assert any(e["admin1"] == "Homs" for e in events)
    assert len(outcome["failures"]) + len(stored) == 2
    again = client.post("/api/articles", json=body, headers={"X-Frontwatch-Token": TOKEN}).json()
    assert [item["status"] for item in again["stored"] if item["article_id"] == "homs-1"] == [
        "unchanged"
    ]
    store.close()


def test_the_api_is_read_only_without_a_token(closed) -> None:
    paths = closed.get("/openapi.json").json()["paths"]
    writes = sorted((path, m) for path, ops in paths.items() for m in ops if m != "get")
    assert writes == [("/api/articles", "post")]
    assert closed.delete("/api/events").status_code == 405


def test_token_comes_from_the_environment_when_not_given(monkeypatch) -> None:
    monkeypatch.setenv("FRONTWATCH_TOKEN", "from-env")
    assert token_from_env(None) == "from-env"
    assert token_from_env("explicit") == "explicit"
    monkeypatch.delenv("FRONTWATCH_TOKEN")
    assert token_from_env(None) is None


def test_cors_is_off_by_default(closed) -> None:
    response = closed.get("/api/events", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers


def test_cors_allows_only_the_configured_origins(db: str) -> None:
    client = _client(db, cors_origins=("https://dash.example",))
    allowed = client.get("/api/events", headers={"Origin": "https://dash.example"})
    other = client.get("/api/events", headers={"Origin": "https://evil.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://dash.example"
    assert "access-control-allow-origin" not in other.headers
    preflight = client.options(
        "/api/articles",
        headers={
            "Origin": "https://dash.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert preflight.status_code == 200
    assert "authorization" in preflight.headers["access-control-allow-headers"].lower()


def test_every_response_carries_a_same_origin_content_policy(closed) -> None:
    for path in ("/", "/docs", "/api/events", "/static/style.css"):
        policy = closed.get(path).headers["content-security-policy"]
        assert "default-src 'self'" in policy and "connect-src 'self'" in policy


@pytest.mark.parametrize(
    ("tiles", "origin"),
    [
        (None, None),
        ("https://tile.example.org/{z}/{x}/{y}.png", "https://tile.example.org"),
        ("https://{s}.tiles.example/{z}/{x}/{y}.png", "https://*.tiles.example"),
        ("not a url", None),
    ],
)
def test_a_configured_tile_server_is_the_only_outside_image_origin(tiles, origin) -> None:
    assert tile_origin(tiles) == origin
    images = re.search(r"img-src ([^;]*)", content_security_policy(tiles)).group(1)
    assert images == "'self' data:" + (f" {origin}" if origin else "")


def test_config_tells_the_page_about_tiles_and_ingest(db: str) -> None:
    plain = _client(db).get("/api/config").json()
    tiled = (
        _client(db, tiles_url="https://t.example/{z}/{x}/{y}.png", token="t")
        .get("/api/config")
        .json()
    )
    assert plain["tiles_url"] is None and plain["ingest_enabled"] is False
    assert tiled["tiles_url"].startswith("https://t.example") and tiled["ingest_enabled"] is True
    assert sum(len(subs) for subs in plain["taxonomy"].values()) == 25


def test_docs_page_uses_only_local_assets(closed) -> None:
    html = closed.get("/docs").text
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(
        not re.match(r"(https?:)?//", s) for s in sources if not s.startswith("data:")
    )
    for source in sources:
        if not source.startswith("data:"):
            assert closed.get(f"/{source}").status_code == 200, source
    assert closed.get("/redoc").status_code == 404


def test_openapi_lists_the_contract_endpoints(closed) -> None:
    paths = closed.get("/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/events.geojson", "/api/events.csv", "/api/events/{event_id}",
                 "/api/articles/{article_id}", "/api/stats", "/api/articles"):  # fmt: skip
        assert path in paths
    names = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert names == {"since", "until", "country", "admin1", "event_type", "sub_event_type", "actor",
                     "min_fatalities", "q", "limit", "offset", "sort"}  # fmt: skip


def test_page_and_its_assets_are_served_from_the_package(closed) -> None:
    html = closed.get("/").text
    for source in re.findall(r'(?:src|href)="([^"#]+)"', html):
        if source.startswith(("data:", "api/", "docs")):
            continue
        assert closed.get(f"/{source}").status_code == 200, source
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)


def test_outlines_are_served_as_geojson(closed) -> None:
    outlines = closed.get("/outlines.geojson").json()
    assert outlines["type"] == "FeatureCollection" and len(outlines["features"]) > 100


@pytest.mark.parametrize("folder", ["leaflet", "leaflet.markercluster", "swagger-ui"])
def test_vendored_libraries_ship_with_their_licences(folder: str) -> None:
    files = {p.name for p in (STATIC / "vendor" / folder).iterdir()}
    assert any("LICEN" in name for name in files)


def test_no_script_or_style_in_the_package_points_off_the_machine() -> None:
    own = [
        p
        for p in STATIC.rglob("*")
        if p.suffix in {".js", ".css", ".html"} and "vendor" not in p.parts
    ]
    assert len(own) >= 8
    for path in own:
        text = path.read_text(encoding="utf-8").replace(
            '"http://www.w3.org/2000/svg"', ""
        )  # a name, not a place
        assert not re.search(r"""(["'(])(https?:)?//""", text), path


def test_serve_runs_uvicorn_on_a_new_database_with_the_token_from_the_environment(
    tmp_path: Path,
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    db = tmp_path / "new.db"
    code = f"from frontwatch.web import serve; serve({str(db)!r}, '127.0.0.1', {port})"
    env = {**os.environ, "FRONTWATCH_TOKEN": "from-env"}
    server = subprocess.Popen([sys.executable, "-c", code], env=env, stderr=subprocess.PIPE)
    try:
        config = _poll(f"http://127.0.0.1:{port}/api/config", time.monotonic() + 30)
        assert config["ingest_enabled"] is True
        assert httpx.get(f"http://127.0.0.1:{port}/api/events").json() == {
            "total": 0, "limit": 100, "offset": 0, "items": [],
        }  # fmt: skip
        assert db.exists()
    finally:
        server.terminate()
        server.wait(timeout=10)


def _poll(url: str, deadline: float) -> dict:
    while True:
        try:
            return httpx.get(url, timeout=2).json()
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
