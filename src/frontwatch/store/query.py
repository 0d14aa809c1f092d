"""Event queries built once for both backends: filters, a sort whitelist, pagination.

SQL is written with ``?`` placeholders; the PostgreSQL store renders them as ``%s``.
Values always travel as parameters, never inside the SQL text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from frontwatch.store import search

# sort key -> ORDER BY; "-" prefix means descending. Missing values sort last in both
# backends (they disagree on NULL order by default); the id keeps pages stable.
SORTS = {
    "event_date": "(e.event_date IS NULL), e.event_date ASC, e.id ASC",
    "-event_date": "(e.event_date IS NULL), e.event_date DESC, e.id ASC",
    "fatalities": "e.fatalities ASC, e.id ASC",
    "-fatalities": "e.fatalities DESC, e.id ASC",
    "country": "(e.country IS NULL), e.country ASC, (e.admin1 IS NULL), e.admin1 ASC, e.id ASC",
    "admin1": "(e.admin1 IS NULL), e.admin1 ASC, e.id ASC",
    "event_type": "e.event_type ASC, e.id ASC",
    "-mention_count": "e.mention_count DESC, e.id ASC",
    "id": "e.id ASC",
}
MAX_LIMIT = 10_000


@dataclass(frozen=True)
class EventFilter:
    since: date | None = None
    until: date | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    min_fatalities: int | None = None
    q: str | None = None  # words searched in notes and in the evidence sentences
    limit: int | None = None
    offset: int = 0
    sort: str = "-event_date"


def _equal(column: str, value: object) -> tuple[str, list]:
    return f"LOWER({column}) = LOWER(?)", [value]


def where_clause(
    f: EventFilter, dialect: str = "sqlite", *, page: bool = False
) -> tuple[str, list]:
    """The WHERE part (or "") and its parameters; text search differs by backend.

    ``page``: the clauses pick one page in sort order rather than count every match.
    """
    parts: list[tuple[str, list]] = []
    if f.since:
        parts.append(("e.event_date >= ?", [f.since]))
    if f.until:
        parts.append(("e.event_date <= ?", [f.until]))
    for column, value in (
        ("e.country", f.country),
        ("e.admin1", f.admin1),
        ("e.event_type", f.event_type),
        ("e.sub_event_type", f.sub_event_type),
    ):
        if value:
            parts.append(_equal(column, value))
    if f.actor:
        parts.append(search.actor_clause(f.actor, probe=page and dialect == "sqlite"))
    if f.min_fatalities is not None:
        parts.append(("e.fatalities >= ?", [f.min_fatalities]))
    if f.q:
        parts.append(search.text_clause(f.q, dialect))
    if not parts:
        return "", []
    return " WHERE " + " AND ".join(sql for sql, _ in parts), [p for _, ps in parts for p in ps]


def order_clause(sort: str) -> str:
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; choose one of {', '.join(sorted(SORTS))}")
    return " ORDER BY " + SORTS[sort]


def page_clause(f: EventFilter) -> tuple[str, list]:
    limit = MAX_LIMIT if f.limit is None else max(0, min(f.limit, MAX_LIMIT))
    return " LIMIT ? OFFSET ?", [limit, max(0, f.offset)]


def events_query(f: EventFilter, dialect: str = "sqlite") -> tuple[str, list]:
    """One page of the events' rows, in order.

    The page is picked by id first (the inner query reads only what the filters and the
    sort need, often an index alone) and only its rows are read whole: sorting every
    match with all its columns was most of the cost of a deep page.
    """
    where, params = where_clause(f, dialect, page=True)
    order = order_clause(f.sort)
    page, page_params = page_clause(f)
    ids = "SELECT e.id FROM events e" + where + order + page
    return f"SELECT e.* FROM events e WHERE e.id IN ({ids}){order}", params + page_params


def count_query(f: EventFilter, dialect: str = "sqlite") -> tuple[str, list]:
    where, params = where_clause(f, dialect)
    return "SELECT COUNT(*) FROM events e" + where, params
