"""What the API reads from the store, shaped for the page: the one module that calls the store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict

from frontwatch.web.params import EventQuery, Page

EXPORT_BATCH = 2000  # rows per store call while streaming an export
ONE_CALL = 10_000  # a capped request up to this size is one store call (the store's page limit)


def store_filter(query: EventQuery, page: Page | None = None):
    from frontwatch.store import EventFilter

    paging = asdict(page) if page else {"limit": None, "offset": 0}
    return EventFilter(**asdict(query), **paging)


def record_id(record: dict) -> str | None:
    return record.get("event_id_cnty") or record.get("id")


def with_id(record: dict) -> dict:
    """Every record the API returns carries ``id``, the key of GET /api/events/{id}."""
    return {"id": record_id(record), **record}


def list_events(store, query: EventQuery, page: Page) -> dict:
    items = store.events(store_filter(query, page))
    return {
        "total": _total(store, query, page, len(items)),
        "limit": page.limit,
        "offset": page.offset,
        "items": [with_id(r) for r in items],
    }


def _total(store, query: EventQuery, page: Page, returned: int) -> int:
    """A page that is not full ends the list, so its total needs no second scan to count."""
    if 0 < returned < page.limit or (returned == 0 and page.offset == 0):
        return page.offset + returned
    return store.count_events(store_filter(query))


def iter_events(store, query: EventQuery, *, sort: str, limit: int | None = None) -> Iterator[dict]:
    """All matching events (or the first ``limit``) in store-sized pages, for streaming."""
    offset, left = 0, limit
    batch = limit if limit is not None and limit <= ONE_CALL else EXPORT_BATCH
    while left is None or left > 0:
        size = batch if left is None else min(batch, left)
        batch = store.events(store_filter(query, Page(size, offset, sort)))
        yield from (with_id(r) for r in batch)
        if len(batch) < size:
            return
        offset += size
        left = None if left is None else left - size


def event_detail(store, event_id: str) -> dict | None:
    detail = store.event(event_id)
    if detail is None:
        return None
    return {**with_id(detail), "highlights": highlights(detail)}


def highlights(detail: dict) -> list[dict]:
    """Evidence and claim spans per article, the offsets the page wraps in <mark>."""
    spans = []
    for mention in detail.get("mentions") or []:
        article_id = mention.get("article_id")
        for item in (mention.get("evidence") or []) + (mention.get("claims") or []):
            span = _span_of(item, article_id)
            if span:
                spans.append(span)
    unique = {(s["article_id"], s["start"], s["end"], s["field"]): s for s in spans}
    return sorted(unique.values(), key=lambda s: (s["article_id"] or "", s["start"], s["end"]))


def _span_of(item: dict, article_id: str | None) -> dict | None:
    start = item.get("start", item.get("span_start"))
    end = item.get("end", item.get("span_end"))
    if not isinstance(start, int) or not isinstance(end, int) or end <= start:
        return None
    field = item.get("field") or "evidence"
    return {
        "article_id": item.get("article_id", article_id),
        "start": start,
        "end": end,
        "field": field,
    }
