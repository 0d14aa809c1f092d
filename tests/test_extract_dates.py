"""Which words date an incident: the day of the incident, not the day someone spoke of it.

Cross-article dedup reads the evidence: a report whose incident has no date words of its
own carries the report's date, and may follow the incident by days (merge_rules.follow_up).
"""

from __future__ import annotations

from datetime import date

import pytest

from frontwatch import EXTRACTOR_VERSION
from frontwatch.extract.events import extract_events
from frontwatch.model import Article

WEDNESDAY = date(2017, 4, 5)

CASES = [
    # (text, the incident's day, the words that date it or None)
    (
        "Victims of a suspected chemical attack in Khan Sheikhoun in Idlib province showed"
        " symptoms of nerve agent exposure, killing at least 70 people, the World Health"
        " Organization said on Wednesday.",
        WEDNESDAY,  # no day of its own: the report's day stands, and no words date it
        None,
    ),
    (
        "At least 70 people were killed in a suspected chemical attack in Khan Sheikhoun in"
        " Idlib province on Tuesday, the World Health Organization said on Wednesday.",
        date(2017, 4, 4),
        "Tuesday",
    ),
    (
        "The World Health Organization on Wednesday said at least 70 people were killed in a"
        " suspected chemical attack in Khan Sheikhoun in Idlib province on Tuesday.",
        date(2017, 4, 4),
        "Tuesday",
    ),
]


@pytest.mark.parametrize(("text", "day", "words"), CASES)
def test_the_words_that_date_the_incident(text, day, words, resources):
    article = Article(id="d", text=text, published=WEDNESDAY)
    (event,) = [e for e in extract_events(article, resources, EXTRACTOR_VERSION) if e.fatalities]
    dated_by = [text[v.span.start : v.span.end] for v in event.evidence if v.field == "event_date"]
    assert event.event_date == day
    assert dated_by == ([words] if words else [])


def test_a_lead_that_only_says_when_a_source_spoke_gives_no_default_day(resources):
    """The lead's day is the default for undated events, but not the day a source spoke:
    reported on Thursday, 'the WHO said on Wednesday' leaves the incident the report's day."""
    thursday = date(2017, 4, 6)
    text = (
        "Victims of a suspected chemical attack in Khan Sheikhoun in Idlib province showed"
        " symptoms of nerve agent exposure, killing at least 70 people, the World Health"
        " Organization said on Wednesday. Turkish doctors treated dozens of the wounded."
    )
    article = Article(id="lead", text=text, published=thursday)
    (event,) = [e for e in extract_events(article, resources, EXTRACTOR_VERSION) if e.fatalities]
    assert event.event_date == thursday
    assert not [v for v in event.evidence if v.field == "event_date"]
