"""Hand-written extraction cases (issue 3): news sentences and the events the coding rules say they hold.

The cases live in ``fixtures/extract_cases.jsonl`` (format: ``fixtures/extract_cases.README.md``).
Expected values were coded from ``shared/spec/event-coding.md``, never copied from the
extractor's output. A case the extractor gets wrong today carries ``known_gap`` and runs as a
strict xfail: when a fix makes it pass, the xfail fails, and the marker must be removed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from frontwatch import EXTRACTOR_VERSION
from frontwatch.extract.events import extract_events
from frontwatch.extract.snippets import read_snippets
from frontwatch.model import Article, Claim, Event
from frontwatch.taxonomy import EVENT_TYPE_OF, SUB_TYPES

CASES_PATH = Path(__file__).parent / "fixtures" / "extract_cases.jsonl"
CASE_KEYS = {
    "id",
    "group",
    "published",
    "article",
    "note",
    "n_events",
    "expect_no_event",
    "expect",
    "known_gap",
    "title",
}
EXACT_FIELDS = (
    "event_type",
    "sub_event_type",
    "fatalities",
    "injuries",
    "geo_precision",
    "time_precision",
)
MATCHED_FIELDS = (
    "admin1",
    "country",
    "location",
    "event_date",
    "civilian_targeting",
    "reported_by",
    "claims",
    "side1_only",
)
ACTOR_FIELDS = ("actor1", "actor2")
EXPECT_KEYS = set(EXACT_FIELDS) | set(MATCHED_FIELDS) | set(ACTOR_FIELDS)
MIN_CASES = 170
MIN_CASES_PER_SUB_TYPE = 3
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
ARABIC_ARTICLES = {"al", "el", "an", "ar", "as", "ad", "at", "ash", "az", "ath", "adh"}


def read_cases(path: Path = CASES_PATH) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


CASES = read_cases()


# --- matching one expected event ----------------------------------------------------------


def alternatives(value) -> list:
    """An expected value may list several acceptable values."""
    return value if isinstance(value, list) else [value]


def place_key(name: str) -> str:
    """Spelling-lenient key: no diacritics, Arabic articles or punctuation, doubled letters once."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = [w for w in re.split(r"[^a-z]+", ascii_name) if w and w not in ARABIC_ARTICLES]
    return re.sub(r"(.)\1+", r"\1", "".join(words))


def location_matches(event: Event, wanted) -> bool:
    coded = [event.location, event.place.name if event.place else ""]
    keys = [place_key(name) for name in coded if name]
    return any(place_key(w) in key for w in alternatives(wanted) for key in keys)


def names_contain(name: str | None, wanted) -> bool:
    return bool(name) and any(w.lower() in name.lower() for w in alternatives(wanted))


def reported_by_matches(event: Event, wanted: list) -> bool:
    return all(any(names_contain(n, w) for n in event.reported_by) for w in wanted)


def claim_matches(claim: Claim, wanted: dict) -> bool:
    if (claim.field, claim.value) != (wanted["field"], wanted["value"]):
        return False
    if "claimant" in wanted and not names_contain(claim.claimant, wanted["claimant"]):
        return False
    return "party" not in wanted or claim.party == wanted["party"]


def claims_match(event: Event, wanted: list[dict]) -> bool:
    return all(any(claim_matches(c, w) for c in event.claims) for w in wanted)


MATCHERS = {
    "admin1": lambda e, w: e.place is not None and e.place.admin1 == w,
    "country": lambda e, w: e.place is not None and e.place.country == w,
    "location": location_matches,
    "event_date": lambda e, w: str(e.event_date) in alternatives(w),
    "civilian_targeting": lambda e, w: (e.civilian_targeting == "Civilian targeting") == w,
    "reported_by": reported_by_matches,
    "claims": claims_match,
    # every actor on the acting side (actor1 and its allies) is one of these: no extra side
    "side1_only": lambda e, w: all(any(n.startswith(p) for p in w) for n in side_names(e)[0]),
}


def side_names(event: Event) -> tuple[list[str], list[str]]:
    one = [a.name for a in (event.actor1, *event.assoc_actor_1) if a]
    two = [a.name for a in (event.actor2, *event.assoc_actor_2) if a]
    return one, two


def side_has(side: list[str], prefixes: list[str]) -> bool:
    return all(any(name.startswith(p) for name in side) for p in prefixes)


def actors_match(event: Event, want: dict) -> bool:
    """Sides are order-free, except in Violence against civilians where the victims are actor2."""
    one, two = side_names(event)
    first, second = want.get("actor1", []), want.get("actor2", [])
    in_order = side_has(one, first) and side_has(two, second)
    if want.get("event_type", event.event_type) == VIOLENCE_AGAINST_CIVILIANS:
        return in_order
    return in_order or (side_has(two, first) and side_has(one, second))


def wrong_fields(event: Event, want: dict) -> list[str]:
    """The expected fields this event gets wrong (empty: it matches)."""
    wrong = [f for f in EXACT_FIELDS if f in want and getattr(event, f) != want[f]]
    wrong += [f for f in MATCHED_FIELDS if f in want and not MATCHERS[f](event, want[f])]
    if any(f in want for f in ACTOR_FIELDS) and not actors_match(event, want):
        wrong.append("actors")
    return wrong


# --- describing a miss --------------------------------------------------------------------


def coded_value(event: Event, field: str):
    if field in ("actors", "side1_only"):
        return side_names(event)
    if field in ("admin1", "country"):
        return getattr(event.place, field, None)
    if field == "location":
        return (event.location, event.place.name if event.place else None)
    if field == "claims":
        return [(c.field, c.value, c.claimant, c.party) for c in event.claims]
    return getattr(event, field)


def wanted_value(want: dict, field: str):
    if field == "actors":
        return tuple(want.get(a, []) for a in ACTOR_FIELDS)
    return want[field]


def describe_miss(number: int, want: dict, event: Event | None, wrong: list[str]) -> str:
    if event is None:
        return f"expected event #{number}: no (unmatched) event was extracted"
    details = "; ".join(
        f"{f}: got {coded_value(event, f)!r}, want {wanted_value(want, f)!r}" for f in wrong
    )
    return f"expected event #{number}: closest {event.sub_event_type!r} event differs in {details}"


def closest(events: list[Event], want: dict) -> tuple[Event | None, list[str]]:
    scored = sorted(
        ((wrong_fields(e, want), i) for i, e in enumerate(events)), key=lambda p: len(p[0])
    )
    if not scored:
        return None, ["no events"]
    wrong, index = scored[0]
    return events[index], wrong


def expected_event_problems(events: list[Event], wants: list[dict]) -> list[str]:
    """Each expected event must match its own coded event (greedy, in the order listed)."""
    problems, left = [], list(events)
    for number, want in enumerate(wants, 1):
        event, wrong = closest(left, want)
        if wrong:
            problems.append(describe_miss(number, want, event, wrong))
        else:
            left.remove(event)
    return problems


def case_problems(case: dict, events: list[Event]) -> list[str]:
    if case.get("expect_no_event"):
        return (
            [f"expected no event, got {len(events)}: {[e.notes for e in events]}"] if events else []
        )
    problems = expected_event_problems(events, case["expect"])
    wanted_count = case.get("n_events")
    if wanted_count is not None and len(events) != wanted_count:
        problems.append(f"expected {wanted_count} event(s), got {len(events)}")
    return problems


# --- the cases ----------------------------------------------------------------------------


def as_param(case: dict):
    marks = (
        [pytest.mark.xfail(strict=True, reason=case["known_gap"])] if "known_gap" in case else []
    )
    return pytest.param(case, id=case["id"], marks=marks)


def article_of(case: dict) -> Article:
    # a report with no date ("published": null) resolves no weekday
    published = date.fromisoformat(case["published"]) if case["published"] else None
    return Article(
        id=case["id"], text=case["article"], published=published, title=case.get("title")
    )


@pytest.mark.parametrize("case", [as_param(c) for c in CASES])
def test_extracted_events_match_case(case, resources):
    events = extract_events(article_of(case), resources, EXTRACTOR_VERSION)
    problems = case_problems(case, events)
    assert not problems, "\n".join(problems)


# --- the table itself ---------------------------------------------------------------------


def test_enough_cases_with_unique_ids():
    ids = [case["id"] for case in CASES]
    assert len(ids) >= MIN_CASES
    assert [i for i, n in Counter(ids).items() if n > 1] == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["id"])
def test_case_is_well_formed(case):
    assert set(case) <= CASE_KEYS, set(case) - CASE_KEYS
    assert case["published"] is None or date.fromisoformat(case["published"])
    assert case.get("expect_no_event") or case["expect"], "a case expects events or none"
    assert not (case.get("expect_no_event") and case.get("expect")), "expects both events and none"
    assert "known_gap" not in case or case["known_gap"].strip()
    for want in case.get("expect", []):
        assert set(want) <= EXPECT_KEYS, set(want) - EXPECT_KEYS
        if "sub_event_type" in want:
            assert EVENT_TYPE_OF[want["sub_event_type"]] == want["event_type"]
        for day in alternatives(want.get("event_date", [])):
            date.fromisoformat(day)


def test_every_sub_type_has_its_cases():
    counts = Counter(
        w["sub_event_type"] for c in CASES for w in c.get("expect", []) if "sub_event_type" in w
    )
    thin = {s: counts[s] for s in SUB_TYPES if counts[s] < MIN_CASES_PER_SUB_TYPE}
    assert thin == {}


def test_cases_are_not_classifier_training_text():
    """Measuring on the classifier's own training snippets would hide what it really does."""
    training = {" ".join(s.text.split()).lower() for s in read_snippets()}
    reused = [c["id"] for c in CASES if " ".join(c["article"].split()).lower() in training]
    assert reused == []
