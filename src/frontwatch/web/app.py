"""``create_app``: the FastAPI application around one store."""

from __future__ import annotations

import os
from collections.abc import Sequence
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.staticfiles import StaticFiles

from frontwatch.web import routes_api, routes_ingest, routes_pages
from frontwatch.web.ingestor import Ingestor
from frontwatch.web.locked import LockedStore
from frontwatch.web.routes_pages import STATIC

DEFAULT_ATTRIBUTION = "Tiles: see your tile provider's terms"
CACHEABLE = ("/static/", "/outlines.geojson")  # files of the package: the same until an upgrade


def create_app(
    store,
    *,
    token: str | None = None,
    cors_origins: Sequence[str] = (),
    tiles_url: str | None = None,
    tiles_attribution: str | None = None,
    ingestor: Ingestor | None = None,
) -> FastAPI:
    """The API and the page. Read-only unless ``token`` is set; CORS off unless origins are given."""
    app = FastAPI(
        title="Frontwatch",
        summary="Geolocated, de-duplicated conflict events from news reports (ACLED columns)",
        docs_url=None,  # FastAPI's own docs page loads Swagger from a CDN; /docs serves our copy
        redoc_url=None,
    )
    app.state.store = store if isinstance(store, LockedStore) else LockedStore(store)
    app.state.token = token or None
    app.state.tiles_url = tiles_url
    app.state.tiles_attribution = tiles_attribution or (DEFAULT_ATTRIBUTION if tiles_url else None)
    app.state.ingestor = ingestor or Ingestor(app.state.store)
    for router in (routes_pages.router, routes_api.router, routes_ingest.router):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _add_middleware(app, cors_origins, tiles_url)
    return app


def _add_middleware(app: FastAPI, cors_origins: Sequence[str], tiles_url: str | None) -> None:
    # level 5: within 1% of level 9's size on GeoJSON at a fifth of the time
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=5)
    if cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "X-Frontwatch-Token"],
        )
    policy = content_security_policy(tiles_url)

    @app.middleware("http")
    async def _security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if request.url.path.startswith(CACHEABLE):
            response.headers.setdefault("Cache-Control", "public, max-age=3600")
        return response


def content_security_policy(tiles_url: str | None) -> str:
    """The page may load only from this server (and the tile server the operator chose)."""
    tiles = tile_origin(tiles_url)
    images = "'self' data:" + (f" {tiles}" if tiles else "")
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"img-src {images}; connect-src 'self'; object-src 'none'; base-uri 'self'; "
        "frame-ancestors 'self'"
    )


def tile_origin(tiles_url: str | None) -> str | None:
    if not tiles_url:
        return None
    parts = urlsplit(tiles_url.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def token_from_env(token: str | None) -> str | None:
    return token or os.environ.get("FRONTWATCH_TOKEN") or None
