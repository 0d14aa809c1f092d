"""Query parameters of the event endpoints: parsed, validated, and turned into a store filter.

FastAPI validates types and ranges, so a bad value is a 422 naming the parameter,
never a 500 from deep inside the store.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Annotated, Literal

from fastapi import HTTPException, Query

from frontwatch.taxonomy import EVENT_TYPES, SUB_TYPES

EventTypeName = Literal[EVENT_TYPES]  # type: ignore[valid-type]
SubEventTypeName = Literal[SUB_TYPES]  # type: ignore[valid-type]
# The store's sort whitelist (frontwatch.store.query.SORTS); a test keeps the two in step.
SortKey = Literal[
    "event_date",
    "-event_date",
    "fatalities",
    "-fatalities",
    "country",
    "admin1",
    "event_type",
    "-mention_count",
    "id",
]

MAX_PAGE = 1000  # one page of JSON records; larger pulls go through the streamed exports
MAX_TEXT = 200  # longest free-text filter value accepted


@dataclass(frozen=True)
class EventQuery:
    """What the user filters on: the same for the list, the map, the stats and the exports."""

    since: date | None = None
    until: date | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    min_fatalities: int | None = None
    q: str | None = None

    def without_dates(self) -> EventQuery:
        return replace(self, since=None, until=None)


@dataclass(frozen=True)
class Page:
    limit: int = 100
    offset: int = 0
    sort: str = "-event_date"


def _text(description: str):
    return Query(min_length=1, max_length=MAX_TEXT, description=description)


def event_query(
    since: Annotated[
        date | None, Query(description="First event date (YYYY-MM-DD), inclusive")
    ] = None,
    until: Annotated[
        date | None, Query(description="Last event date (YYYY-MM-DD), inclusive")
    ] = None,
    country: Annotated[str | None, _text("Country name, exact (case-insensitive)")] = None,
    admin1: Annotated[str | None, _text("Province / governorate (admin1), exact")] = None,
    event_type: Annotated[
        EventTypeName | None, Query(description="One of the 6 event types")
    ] = None,
    sub_event_type: Annotated[
        SubEventTypeName | None, Query(description="One of the 25 sub-types")
    ] = None,
    actor: Annotated[
        str | None, _text("Actor name: matches actor1, actor2 and associated actors")
    ] = None,
    min_fatalities: Annotated[
        int | None, Query(ge=0, le=10**7, description="At least this many")
    ] = None,
    q: Annotated[str | None, _text("Text search over notes and evidence sentences")] = None,
) -> EventQuery:
    query = EventQuery(
        since, until, country, admin1, event_type, sub_event_type, actor, min_fatalities, q
    )
    _check_date_range(query)
    return query


def _check_date_range(query: EventQuery) -> None:
    if query.since and query.until and query.since > query.until:
        detail = [
            {
                "type": "value_error",
                "loc": ["query", "until"],
                "msg": f"until ({query.until}) is before since ({query.since})",
                "input": str(query.until),
            }
        ]
        raise HTTPException(status_code=422, detail=detail)


def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page size")] = 100,
    offset: Annotated[int, Query(ge=0, le=10**8, description="Rows to skip")] = 0,
    sort: Annotated[
        SortKey, Query(description="Sort key; a leading '-' sorts descending")
    ] = "-event_date",
) -> Page:
    return Page(limit, offset, sort)


def query_fields(query: EventQuery) -> dict:
    """The filter as plain keyword arguments, without the unset ones."""
    return {name: value for name, value in asdict(query).items() if value is not None}
