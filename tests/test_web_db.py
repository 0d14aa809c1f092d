"""The databases the web tests serve: real example articles, stored through the real store.

``hand_coded_db`` stores events coded by hand from sentences of examples/txt (each
evidence span points at the real sentence). The other web test modules import the
builders from here; the tests below check the builders' own promises.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from frontwatch.model import Actor, Article, Claim, Event, Evidence, Place, Span
from frontwatch.store import open_store
from frontwatch.taxonomy import disorder_type, event_type_of

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SYRIA = 760


def place(name: str, admin1: str, lat: float, lon: float) -> Place:
    return Place(name, "Syria", SYRIA, admin1, None, lat, lon, geonameid=None)


@dataclass(frozen=True)
class Coded:
    """One event read off one sentence of an example article."""

    file: str
    needle: str  # words of the sentence that carries the event
    sub_event_type: str
    event_date: date
    place: Place | None
    fatalities: int = 0
    injuries: int = 0
    actor1: str | None = None
    actor2: str | None = None
    claimant: str | None = None


IS = "Islamic State (Syria)"
SAA = "Military Forces of Syria (2000-2024)"
CIV = "Civilians (Syria)"
HAND_CODED = (
    Coded("homs-twin-car-bombs-nna", "Twin car bomb explosions", "Remote explosive/landmine/IED",
          date(2014, 10, 1), place("Homs", "Homs", 34.7324, 36.7137), 18, 40, None, CIV, "SANA"),
    Coded("idlib-air-strikes-ahram", "killed 19 people including six children outside the city of Saraqeb",
          "Air/drone strike", date(2014, 9, 21), place("Saraqib", "Idlib", 35.8645, 36.8006), 19, 0,
          SAA, CIV, "Syrian Observatory for Human Rights"),
    # the same strike in a second copy of the report (JSONL): one event, two mentions
    Coded("jsonl:fakes-1923848231", "killed 19 people including six children outside the city of Saraqeb",
          "Air/drone strike", date(2014, 9, 21), place("Saraqib", "Idlib", 35.8645, 36.8006), 19, 0,
          SAA, CIV, "Syrian Observatory for Human Rights"),
    Coded("idlib-clashes-manar", "Thirteen militants of the so-called Islamic State", "Armed clash",
          date(2013, 9, 23), place("Hazano", "Idlib", 36.1139, 36.6572), 13, 0, IS, "Unidentified Armed Group (Syria)"),
    Coded("hasakeh-motorcycle-bomb-dailysabah", "A motorcycle bomber killed at least 16 civilians",
          "Suicide bomb", date(2016, 7, 5), place("Al Hasakah", "Al Hasakah", 36.5024, 40.7477), 16, 0, IS, CIV),
    Coded("aleppo-suicide-bombing-alaraby", "A suicide bomber from al-Qaedas Syrian affiliate",
          "Suicide bomb", date(2015, 7, 6), place("Aleppo", "Aleppo", 36.2021, 37.1343), 25, 0,
          "Al Nusrah Front", SAA, "a monitoring group"),
    Coded("raqqa-heneyda-air-strike-jordantimes", "At least 15 civilians including four children were killed",
          "Air/drone strike", date(2017, 4, 8), place("Hunayda", "Ar Raqqah", 35.9333, 38.7333), 15, 17,
          None, CIV, "Syrian Observatory for Human Rights"),
    Coded("rif-dimashq-jayrud-strikes-asharqalawsat", "Thirty civilians were killed on Saturday",
          "Air/drone strike", date(2016, 7, 2), place("Jayrud", "Rif Dimashq", 33.8067, 36.7406), 30, 0, SAA, CIV),
    Coded("daraa-izraa-rocket-attacks-sana", "Three civilians were injured in terrorist organizations rocket attacks",
          "Shelling/artillery/missile attack", date(2016, 8, 21), place("Izra", "Daraa", 32.8569, 36.2497), 0, 3,
          None, CIV, "SANA"),
    # no place coded: stored and listed, but not on the map
    Coded("deir-ez-zor-sheitaat-executions-reuters", "The Islamic State militant group has executed 700 members",
          "Attack", date(2014, 8, 16), None, 700, 0, IS, CIV, "Syrian Observatory for Human Rights"),
)  # fmt: skip


def example_article(name: str) -> Article:
    if name.startswith("jsonl:"):
        return jsonl_article(name.removeprefix("jsonl:"))
    text = (EXAMPLES / "txt" / f"{name}.txt").read_text(encoding="utf-8")
    title = text.splitlines()[0].strip()
    return Article(
        Article.id_for(text),
        text,
        url=f"https://example.org/{name}",
        title=title,
        source=name.rsplit("-", 1)[1],
    )


def jsonl_article(record_id: str) -> Article:
    lines = (EXAMPLES / "jsonl" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    record = next(r for r in map(json.loads, lines) if r["id"] == record_id)
    published = date.fromisoformat(record["published"])
    return Article(record["id"], record["text"], None, record["title"], published, record["source"])


def sentence_span(text: str, needle: str) -> Span:
    at = text.index(needle)
    start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1, 0)
    found = re.compile(r"\.(\s|$)").search(text, at)
    end = found.start() + 1 if found else len(text)
    return Span.of(text, start, end)


def actor(name: str | None) -> Actor | None:
    if name is None:
        return None
    inter = 7 if name.startswith("Civilians") else 1 if name.startswith("Military") else 2
    return Actor(name, inter, "Syria")


def hand_event(article: Article, coded: Coded) -> Event:
    span = sentence_span(article.text, coded.needle)
    claims = ()
    if coded.claimant and coded.fatalities:
        claims = (Claim("fatalities", coded.fatalities, coded.claimant, span),)
    return Event(
        article_id=article.id,
        event_type=event_type_of(coded.sub_event_type),
        sub_event_type=coded.sub_event_type,
        disorder_type=disorder_type(coded.sub_event_type),
        event_date=coded.event_date,
        actor1=actor(coded.actor1),
        actor2=actor(coded.actor2),
        place=coded.place,
        location=coded.place.name if coded.place else "",
        geo_precision=1 if coded.place else None,
        fatalities=coded.fatalities,
        injuries=coded.injuries,
        claims=claims,
        evidence=(Evidence("event", span),),
        notes=span.text,
        source=article.source or "",
        confidence=0.9,
        extractor_version="hand-coded",
    )


def hand_coded_db(path: Path | str) -> str:
    """A store (SQLite path or PostgreSQL URL) holding the hand-coded events, article by article."""
    store = open_store(str(path))
    store.migrate()
    try:
        for coded in HAND_CODED:
            article = example_article(coded.file)
            store.save_article(article, [hand_event(article, coded)])
    finally:
        store.close()
    return str(path)


@pytest.mark.parametrize("coded", HAND_CODED, ids=lambda c: c.file)
def test_every_coded_sentence_is_in_its_article(coded: Coded) -> None:
    article = example_article(coded.file)
    span = sentence_span(article.text, coded.needle)
    assert coded.needle in span.text
    assert article.text[span.start : span.end] == span.text
    assert span.text.endswith(".")


def test_hand_coded_db_stores_one_canonical_event_per_coded_event(tmp_path: Path) -> None:
    records = stored_events(hand_coded_db(tmp_path / "hand.db"))
    assert len(records) == len(HAND_CODED) - 1  # the two copies of the Saraqib strike merged
    assert max(r["mention_count"] for r in records) == 2
    assert (
        sum(r["latitude"] is not None for r in records)
        == sum(c.place is not None for c in HAND_CODED) - 1
    )


def ingested_db(path: Path) -> str:
    """The example articles read, extracted and stored by the real pipeline."""
    from frontwatch import pipeline
    from frontwatch.ingest import Failure
    from frontwatch.settings import Settings

    settings = Settings()
    resources = pipeline.load_resources(settings)
    inputs = [
        str(EXAMPLES / "txt"),
        str(EXAMPLES / "html"),
        str(EXAMPLES / "jsonl" / "articles.jsonl"),
    ]
    store = open_store(str(path))
    store.migrate()
    try:
        for result in pipeline.run_inputs(inputs, settings, resources):
            if isinstance(result, Failure):
                store.record_failure(result.input, result.error)
            else:
                store.save_article(result.article, result.events)
    finally:
        store.close()
    return str(path)


def stored_events(url: str) -> list[dict]:
    store = open_store(url)
    try:
        return store.events()
    finally:
        store.close()


def example_db(path: Path) -> str:
    """What the browser tests serve: the examples as the real pipeline stores them."""
    return ingested_db(path)


def test_the_copies_of_one_report_give_one_event_per_incident(tmp_path: Path) -> None:
    # the examples hold some articles twice or three times (txt, html, jsonl): each incident
    # they tell must come out once, however weakly it is coded (no toll, no actor, a province)
    records = stored_events(ingested_db(tmp_path / "copies.db"))
    keys = [
        (r["event_date"], r["location"], r["sub_event_type"], r["fatalities"], r["actor1"])
        for r in records
    ]
    doubled = sorted({k for k in keys if keys.count(k) > 1}, key=str)
    assert not doubled, doubled


def test_the_ingested_examples_give_located_events_of_several_types(tmp_path: Path) -> None:
    records = stored_events(ingested_db(tmp_path / "ingested.db"))
    located = [r for r in records if r["latitude"] is not None]
    assert len(located) >= 10
    assert len({r["event_type"] for r in located}) >= 3
    assert any(r["mention_count"] > 1 for r in records)  # the txt and html copies merged
