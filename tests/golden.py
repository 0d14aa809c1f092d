"""Matching coded events against a hand-coded reference (seed gold.json and examples)."""

from __future__ import annotations

import os
from pathlib import Path

from frontwatch.model import Event

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRONTWATCH_SHARED", REPO.parent / "shared")).resolve()


def side_names(event: Event) -> tuple[set[str], set[str]]:
    one = {a.name for a in (event.actor1, *event.assoc_actor_1) if a}
    two = {a.name for a in (event.actor2, *event.assoc_actor_2) if a}
    return one, two


def _side_has(side: set[str], wanted: list[str]) -> bool:
    return all(any(name.startswith(w) for name in side) for w in wanted)


def sides_match(event: Event, wanted_sides: list[list[str]]) -> bool:
    """Each wanted side is covered by one of the event's sides (order carries no meaning)."""
    one, two = side_names(event)
    if len(wanted_sides) == 1:
        return _side_has(one, wanted_sides[0]) or _side_has(two, wanted_sides[0])
    a, b = wanted_sides
    return (_side_has(one, a) and _side_has(two, b)) or (_side_has(one, b) and _side_has(two, a))


def mismatches(event: Event, gold: dict) -> list[str]:
    """The gold fields this event gets wrong (empty: it matches)."""
    wrong = []
    if event.event_type != gold["event_type"]:
        wrong.append("event_type")
    if event.sub_event_type not in gold["sub_event_type"]:
        wrong.append("sub_event_type")
    place = event.place
    if "country" in gold and (place is None or place.country != gold["country"]):
        wrong.append("country")
    if "admin1" in gold and (place is None or place.admin1 != gold["admin1"]):
        wrong.append("admin1")
    if "event_date" in gold and str(event.event_date) not in gold["event_date"]:
        wrong.append("event_date")
    if "actor_sides" in gold and not sides_match(event, gold["actor_sides"]):
        wrong.append("actor_sides")
    for field in ("fatalities", "injuries"):
        if field in gold and getattr(event, field) != gold[field]:
            wrong.append(field)
    if "reported_by" in gold and not set(gold["reported_by"]) <= set(event.reported_by):
        wrong.append("reported_by")
    return wrong


def best_match(events: list[Event], gold: dict) -> tuple[Event | None, list[str]]:
    scored = sorted(((mismatches(e, gold), e) for e in events), key=lambda p: len(p[0]))
    if not scored:
        return None, ["no events"]
    wrong, event = scored[0]
    return event, wrong
