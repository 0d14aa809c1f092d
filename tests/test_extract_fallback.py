"""The classifier fallback: a clause with a toll and no cue word takes the snippet
classifier's guess, but only a guess that a toll can be (``extract/records.py``)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pytest

from frontwatch import EXTRACTOR_VERSION
from frontwatch.extract.events import extract_events
from frontwatch.model import Article

TEXT = "Five people were killed in the village of Kafr Nabl on Monday, a monitor said."


@dataclass(frozen=True)
class _Guess:
    sub_event_type: str


@dataclass(frozen=True)
class _FixedClassifier:
    """Always guesses one sub-type: isolates the fallback's decision from the model."""

    sub_event_type: str

    def classify(self, text: str) -> _Guess:
        return _Guess(self.sub_event_type)


CASES = [
    # (the classifier's guess, the event's sub-type)
    ("Air/drone strike", "Air/drone strike"),  # a lethal guess stands
    ("Government regains territory", "Armed clash"),  # no word of taking ground
    ("Non-state actor overtakes territory", "Armed clash"),
    ("Agreement", "Armed clash"),  # people killed are no strategic development
    ("Peaceful protest", "Armed clash"),
]


@pytest.mark.parametrize(("guess", "expected"), CASES)
def test_a_toll_without_a_cue_takes_only_a_lethal_guess(guess, expected, resources):
    forced = replace(resources, classifier=_FixedClassifier(guess))
    article = Article(id="f", text=TEXT, published=date(2016, 5, 3))
    (event,) = extract_events(article, forced, EXTRACTOR_VERSION)
    assert (event.sub_event_type, event.fatalities) == (expected, 5)
