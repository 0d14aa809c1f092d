"""The first acceptance case: the seed page and its hand coding (shared/samples/seed)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from frontwatch.ingest import Failure, read_inputs
from frontwatch.pipeline import run_articles
from frontwatch.settings import Settings
from golden import SHARED, best_match

SEED = SHARED / "samples" / "seed"
GOLD = json.loads((SEED / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_events(resources):
    items = list(read_inputs([str(SEED / "article.txt")], Settings(), published=date(2019, 11, 28)))
    assert not any(isinstance(i, Failure) for i in items)
    (result,) = run_articles(items, resources)
    return result.article, result.events


@pytest.mark.parametrize("gold", GOLD["required"], ids=lambda g: g["label"][:40])
def test_required_event_found(seed_events, gold):
    _, events = seed_events
    event, wrong = best_match(events, gold)
    assert wrong == [], f"closest event {event} differs in {wrong}"


@pytest.mark.parametrize("gold", GOLD["expected"], ids=lambda g: g["label"][:40])
def test_expected_event_found(seed_events, gold):
    _, events = seed_events
    event, wrong = best_match(events, gold)
    assert wrong == [], f"closest event {event} differs in {wrong}"


def test_no_evidence_from_boilerplate(seed_events):
    article, events = seed_events
    for event in events:
        for evidence in event.evidence:
            assert evidence.span.text == article.text[evidence.span.start : evidence.span.end]
            for phrase in GOLD["never_evidence"]:
                assert phrase.lower() not in evidence.span.text.lower()


def test_idlib_event_placed_at_named_villages(seed_events):
    _, events = seed_events
    idlib = [
        e for e in events if e.event_type == "Battles" and e.place and e.place.admin1 == "Idlib"
    ]
    assert idlib, "no Idlib battle"
    main = max(idlib, key=lambda e: e.fatalities)
    assert main.place.name in {"At Tahh", "Abu Jurayf"}
    assert main.geo_precision in (1, 2)


def test_every_event_has_id_version_and_evidence(seed_events):
    _, events = seed_events
    ids = [e.id for e in events]
    assert len(ids) == len(set(ids))
    for event in events:
        assert event.extractor_version
        assert any(ev.field == "sentence" for ev in event.evidence)
