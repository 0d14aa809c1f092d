"""Counts of events and fatalities per week, province and type (``frontwatch stats``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta


def week_of(day: date) -> str:
    """The Monday that starts the ISO week, as ISO text."""
    return (day - timedelta(days=day.weekday())).isoformat()


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _add(table: dict, key: str, fatalities: int) -> None:
    entry = table.setdefault(key, {"events": 0, "fatalities": 0})
    entry["events"] += 1
    entry["fatalities"] += fatalities


def _listed(table: dict, name: str) -> list[dict]:
    return [{name: key, **table[key]} for key in sorted(table)]


def summarise(rows: Iterable[dict]) -> dict:
    """Totals and per-week / per-admin1 / per-type counts of canonical event rows."""
    total = {"events": 0, "fatalities": 0}
    weeks: dict = {}
    provinces: dict = {}
    types: dict = {}
    for row in rows:
        fatalities = row.get("fatalities") or 0
        total["events"] += 1
        total["fatalities"] += fatalities
        day = _as_date(row.get("event_date"))
        _add(weeks, week_of(day) if day else "unknown", fatalities)
        _add(provinces, row.get("admin1") or "unknown", fatalities)
        _add(types, row.get("event_type") or "unknown", fatalities)
    return {
        "total": total,
        "by_week": _listed(weeks, "week"),
        "by_admin1": _listed(provinces, "admin1"),
        "by_type": _listed(types, "event_type"),
    }
