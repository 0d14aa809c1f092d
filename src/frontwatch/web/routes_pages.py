"""The page, its configuration, the province outlines and the offline API docs."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse

from frontwatch.settings import DATA_DIR
from frontwatch.taxonomy import SUB_EVENT_TYPES

STATIC = Path(__file__).parent / "static"
# The gazetteer's province shapes when the package ships them; our simplified copy otherwise.
GAZETTEER_OUTLINES = DATA_DIR / "gazetteer" / "admin1.geojson"
OUTLINES_MAX_BYTES = 3_000_000  # larger than this is too heavy for a page load: use ours
MAP_LIMIT = 2000  # markers the page asks for at most: the deadliest events of the filter

router = APIRouter()


@router.get("/", include_in_schema=False)
def index() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html")


@router.get("/api/config", tags=["page"], summary="What the page needs to start")
def config(request: Request) -> dict:
    state = request.app.state
    return {
        "tiles_url": state.tiles_url,
        "tiles_attribution": state.tiles_attribution,
        "ingest_enabled": bool(state.token),
        "map_limit": MAP_LIMIT,
        "taxonomy": taxonomy(),
    }


def taxonomy() -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for event_type, sub_event_type in SUB_EVENT_TYPES:
        grouped.setdefault(event_type, []).append(sub_event_type)
    return grouped


def outlines_path() -> Path:
    shipped = GAZETTEER_OUTLINES
    if shipped.is_file() and shipped.stat().st_size <= OUTLINES_MAX_BYTES:
        return shipped
    return STATIC / "outlines.geojson"


@router.get("/outlines.geojson", include_in_schema=False)
def outlines() -> FileResponse:
    return FileResponse(outlines_path(), media_type="application/geo+json")


DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Frontwatch API</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="static/vendor/swagger-ui/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="static/js/docs.js"></script></body></html>
"""


@router.get("/docs", include_in_schema=False)
def docs() -> HTMLResponse:
    return HTMLResponse(DOCS_PAGE)
