"""One event per day and per place (spec section 1), when one sentence lists several.

"Clashes in Sukhnah on Monday and Tuesday killed 9" is two events, one per day;
"air strikes on the towns of Ariha and Saraqeb killed 6" is two, one per town. A
toll reported for all of them together is split evenly, the remainder going to the
first (spec section 3).
"""

from __future__ import annotations

import re
from dataclasses import replace

from frontwatch.extract.casualties import INJURED, KILLED
from frontwatch.model import Event, Evidence, Span

# what may stand between two items of one list: "Monday and Tuesday", "Ariha, Saraqeb"
_LIST_GAP = re.compile(
    r"^\s*(?:,\s*(?:and\s+)?|and\s+|as well as\s+)(?:on\s+|in\s+)?"
    r"(?:the\s+(?:towns?|villages?|cities|city|neighbou?rhoods?|districts?)\s+of\s+)?$",
    re.IGNORECASE,
)


def split_listed(event: Event, group, text: str) -> list[Event]:
    """The event itself, or one event per listed day or place of its toll's clause."""
    clause = _toll_clause(group)
    if clause is None:
        return [event]
    days = _listed(_in_clause([d for d in clause.dates if d.precision == 1], clause), text)
    if len(days) > 1:
        return _per_item(event, days, _with_day)
    named = _in_clause(_precise(clause.places), clause)
    places = _listed(named, text)
    distinct = len(places) > 1 and len({p.place.name for p in places}) == len(places)
    if (
        distinct
        and _placed_by_list(group, places)
        and not _toll_placed_elsewhere(clause, named, places)
    ):
        return _per_item(event, places, _with_place, _told_per_place(group, clause, places))
    return [event]


def _told_per_place(group, clause, places: list) -> list[tuple[int, int]] | None:
    """'Four were killed in Hamadaniye and Salah-Eddin ... a girl was killed in Hamadaniye
    ... 3 people were killed in Salah-Eddin': the (killed, injured) the report gives for
    each listed place on its own, when it gives them for every place; else None."""
    told = []
    for place in places:
        own = [
            m
            for m in group.mentions
            if m is not clause and m.figures and _names_only(m, place, places)
        ]
        if not own:
            return None
        told.append(tuple(_first_of(own[0].figures, kind) for kind in (KILLED, INJURED)))
    return told


def _names_only(mention, place, listed: list) -> bool:
    """The clause names this listed place and none of the others."""
    named = {p.place for p in _in_clause(mention.places, mention)}
    return named & {p.place for p in listed} == {place.place}


def _first_of(figures, kind: str) -> int:
    return next((f.value for f in figures if f.kind == kind and not f.part), 0)


def _placed_by_list(group, listed: list) -> bool:
    """A headline listing 'Damascus, Aleppo, Quneitra and Hasaka' whose event the body
    places in Aleppo city is that Aleppo event: the list is not its places."""
    own = getattr(group.place, "place", group.place)
    return own is None or any(p.place == own for p in listed)


def _toll_placed_elsewhere(clause, named: list, listed: list) -> bool:
    """'The toll from rocket attacks in Aleppo rose to 8; more casualties in Idleb and
    Damascus': a place named before the toll, outside the list after it, holds the toll."""
    toll = next((f.span.start for f in clause.figures), None)
    if toll is None or _start(listed[0]) < toll:
        return False
    return any(p not in listed and _start(p) < toll for p in named)


def _toll_clause(group):
    return next((m for m in group.mentions if m.figures), None)


def _in_clause(items, mention) -> list:
    clause = mention.clause
    return [i for i in items if clause.start <= _start(i) < clause.end]


def _precise(places) -> list:
    return [p for p in places if p.precision == 1 and p.place.feature == "populated"]


def _start(item) -> int:
    span = getattr(item, "span", None)
    return span.start if span is not None else item.start


def _end(item) -> int:
    span = getattr(item, "span", None)
    return span.end if span is not None else item.end


def _listed(items: list, text: str) -> list:
    """The longest run of items joined only by commas and 'and'."""
    items = sorted(items, key=_start)
    best: list = []
    run: list = []
    for item in items:
        if run and _LIST_GAP.match(text[_end(run[-1]) : _start(item)]):
            run.append(item)
        else:
            run = [item]
        best = run if len(run) > len(best) else best
    return best


def _shares(total: int, parts: int) -> list[int]:
    base, rest = divmod(total, parts)
    return [base + (1 if i < rest else 0) for i in range(parts)]


def _per_item(event: Event, items: list, apply, told=None) -> list[Event]:
    """One event per item; the toll split evenly unless ``told`` gives each item's own
    (killed, injured) adding up to no more than the event's toll."""
    killed = _shares(event.fatalities, len(items))
    hurt = _shares(event.injuries, len(items))
    if told and sum(k for k, _ in told) <= event.fatalities:
        killed, hurt = [k for k, _ in told], [h for _, h in told]
    return [
        apply(replace(event, fatalities=k, injuries=h), item)
        for item, k, h in zip(items, killed, hurt, strict=True)
    ]


def _with_day(event: Event, day) -> Event:
    evidence = [e for e in event.evidence if e.field != "event_date"]
    evidence.append(Evidence("event_date", Span(day.start, day.end, day.text)))
    return replace(
        event, event_date=day.date, time_precision=day.precision, evidence=tuple(evidence)
    )


def _with_place(event: Event, mention) -> Event:
    evidence = [e for e in event.evidence if e.field != "location"]
    evidence.append(Evidence("location", mention.span))
    return replace(
        event,
        place=mention.place,
        location=mention.phrase,
        geo_precision=mention.precision,
        evidence=tuple(evidence),
    )
