"""Stats for the page counted by the database (GROUP BY), not by reading every row.

Stopgap: ``Store.stats`` reads every matching row into Python (2-3 s for 100,000 events),
too slow for a timeline that redraws on each filter. Until the store counts in SQL,
this module asks SQL stores for the four columns the counts need (not ``SELECT *``), with
the store's own WHERE builder, and folds them into exactly ``Store.stats``'s shape (a test
holds the two equal): one narrow scan serves all four tables, about 5x faster than
``Store.stats`` at 100,000 events. (GROUP BY day, province, type was slower: SQLite sorts
nearly one group per row.) Any other store falls back to ``Store.stats``.
"""

from __future__ import annotations

from datetime import date, timedelta

SQL_DIALECTS = ("sqlite", "postgres")
COLUMNS = "SELECT e.event_date AS day, e.admin1, e.event_type, e.fatalities FROM events e{where}"


def supports_sql(store) -> bool:
    return getattr(store, "dialect", None) in SQL_DIALECTS and callable(
        getattr(store, "_execute", None)
    )


def stats(store, event_filter) -> dict:
    if not supports_sql(store):
        return store.stats(event_filter)
    from frontwatch.store.query import where_clause

    where, params = where_clause(event_filter)
    return fold(store._execute(COLUMNS.format(where=where), params).fetchall())


def week_of(day: date | str | None) -> str:
    """The Monday that starts the ISO week, as ISO text ("unknown" without a date)."""
    if day is None:
        return "unknown"
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return (day - timedelta(days=day.weekday())).isoformat()


def fold(rows: list[tuple]) -> dict:
    """(day, province, type, fatalities) rows into totals and per-week / province / type tables."""
    total = [0, 0]
    weeks: dict[str, list[int]] = {}
    provinces: dict[str, list[int]] = {}
    types: dict[str, list[int]] = {}
    week_cache: dict = {}  # many events share a day: compute each day's week once
    for day, admin1, event_type, fatalities in rows:
        dead = fatalities or 0
        week = week_cache.get(day) or week_cache.setdefault(day, week_of(day))
        for table, key in ((weeks, week), (provinces, admin1), (types, event_type)):
            entry = table.setdefault(key or "unknown", [0, 0])
            entry[0] += 1
            entry[1] += dead
        total[0] += 1
        total[1] += dead
    return {
        "total": {"events": total[0], "fatalities": total[1]},
        "by_week": _listed(weeks, "week"),
        "by_admin1": _listed(provinces, "admin1"),
        "by_type": _listed(types, "event_type"),
    }


def _listed(table: dict, name: str) -> list[dict]:
    return [
        {name: key, "events": n, "fatalities": dead} for key, (n, dead) in sorted(table.items())
    ]
