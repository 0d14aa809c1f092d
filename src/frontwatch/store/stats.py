"""Counts of events and fatalities per week, province and type (``frontwatch stats``).

The database groups (three narrow GROUP BY queries over the filtered events); Python
only folds days into weeks and missing keys into "unknown". Grouping by day rather than
week keeps the SQL the same on both backends and lets SQLite walk the date index
instead of sorting: there are about as many days as weeks x 7, far fewer than events.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

UNKNOWN = "unknown"
# table name -> the column its rows are grouped by
GROUPS = {"by_day": "event_date", "by_admin1": "admin1", "by_type": "event_type"}


def week_of(day: date | str | None) -> str:
    """The Monday that starts the ISO week, as ISO text ("unknown" without a date)."""
    if not day:
        return UNKNOWN
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return (day - timedelta(days=day.weekday())).isoformat()


def group_queries(where: str, *, steer: bool = False) -> dict[str, str]:
    """(key, events, fatalities) per group of the events ``where`` selects.

    ``steer`` (SQLite, with filters): a unary plus hides the grouping column's index, so
    the filter's index finds the rows and a small sort groups them. Otherwise SQLite
    walks the whole grouping index to skip the sort, looking up every row to filter it.
    """
    plus = "+" if steer and where else ""
    return {
        name: (
            f"SELECT e.{column} AS key, COUNT(*) AS events,"
            f" COALESCE(SUM(e.fatalities), 0) AS fatalities FROM events e{where}"
            f" GROUP BY {plus}e.{column}"
        )
        for name, column in GROUPS.items()
    }


def _folded(rows: Iterable[tuple], key_of: Callable[[object], str]) -> dict[str, list[int]]:
    table: dict[str, list[int]] = {}
    for key, events, fatalities in rows:
        entry = table.setdefault(key_of(key), [0, 0])
        entry[0] += int(events)
        entry[1] += int(fatalities)  # PostgreSQL's SUM of BIGINT is a Decimal
    return table


def _listed(table: dict[str, list[int]], name: str) -> list[dict]:
    return [
        {name: key, "events": n, "fatalities": dead} for key, (n, dead) in sorted(table.items())
    ]


def summarise(groups: dict[str, Iterable[tuple]]) -> dict:
    """Totals and per-week / per-admin1 / per-type tables from ``group_queries``' rows."""
    types = _folded(groups["by_type"], lambda key: key or UNKNOWN)
    return {
        "total": {
            "events": sum(n for n, _ in types.values()),
            "fatalities": sum(dead for _, dead in types.values()),
        },
        "by_week": _listed(_folded(groups["by_day"], week_of), "week"),
        "by_admin1": _listed(_folded(groups["by_admin1"], lambda key: key or UNKNOWN), "admin1"),
        "by_type": _listed(types, "event_type"),
    }
