"""The read-only API: events (JSON, GeoJSON, CSV), one event, articles, stats, failures."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import StreamingResponse

from frontwatch.web import downloads, geojson, reads
from frontwatch.web.params import EventQuery, Page, SortKey, event_query, page_params

router = APIRouter(prefix="/api", tags=["events"])

Filters = Annotated[EventQuery, Depends(event_query)]
Paging = Annotated[Page, Depends(page_params)]
MAP_LIMIT_MAX = 20000  # the most markers one GeoJSON request returns when asked for a cap
Id = Annotated[str, Path(min_length=1, max_length=128)]


def store_of(request: Request):
    return request.app.state.store


Store = Annotated[object, Depends(store_of)]


@router.get("/events", summary="Canonical events, filtered, sorted and paginated")
def events(store: Store, query: Filters, page: Paging) -> dict:
    return reads.list_events(store, query, page)


@router.get("/events.geojson", summary="The filtered events as a GeoJSON FeatureCollection")
def events_geojson(
    store: Store,
    query: Filters,
    limit: Annotated[
        int | None, Query(ge=1, le=MAP_LIMIT_MAX, description="Cap; none = all")
    ] = None,
    sort: Annotated[SortKey, Query()] = "-event_date",
    fields: Annotated[
        Literal["all", "map"], Query(description="'map': only what a marker needs")
    ] = "all",
) -> StreamingResponse:
    slim = fields == "map"
    records = reads.iter_events(store, query, sort=sort, limit=limit)
    features = (geojson.feature(r, slim=slim) for r in records)
    if slim:  # the map draws located events only; the export keeps every row
        features = (f for f in features if f["geometry"])
    members = _collection_members(store, query, limit)
    chunks = geojson.collection_chunks(features, members)
    return StreamingResponse(
        chunks, media_type="application/geo+json", headers=_attachment(slim, "geojson")
    )


def _collection_members(store, query: EventQuery, limit: int | None) -> dict:
    total = store.count_events(reads.store_filter(query))
    return {"total": total, "truncated": limit is not None and total > limit}


def _attachment(inline: bool, ext: str) -> dict:
    return (
        {} if inline else {"Content-Disposition": f'attachment; filename="frontwatch-events.{ext}"'}
    )


@router.get("/events.csv", summary="The filtered events as CSV (ACLED columns first)")
def events_csv(
    store: Store,
    query: Filters,
    sort: Annotated[SortKey, Query()] = "event_date",
) -> StreamingResponse:
    records = reads.iter_events(store, query, sort=sort)
    chunks = downloads.csv_chunks(records)
    return StreamingResponse(
        chunks, media_type="text/csv; charset=utf-8", headers=_attachment(False, "csv")
    )


@router.get("/events/{event_id}", summary="One event with its mentions, evidence, claims, sources")
def event(store: Store, event_id: Id) -> dict:
    detail = reads.event_detail(store, event_id)
    if detail is None:
        raise HTTPException(status_code=404, detail=f"no event {event_id!r}")
    return detail


@router.get("/articles/{article_id}", summary="One stored article with its text", tags=["articles"])
def article(store: Store, article_id: Id) -> dict:
    found = store.article(article_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no article {article_id!r}")
    return found


@router.get("/stats", summary="Totals, and events and fatalities per week, province and event type")
def stats(store: Store, query: Filters) -> dict:
    return store.stats(reads.store_filter(query))


@router.get("/failures", summary="Inputs that could not be read or extracted", tags=["articles"])
def failures(store: Store) -> dict:
    items = store.failures()
    return {"total": len(items), "items": items}
