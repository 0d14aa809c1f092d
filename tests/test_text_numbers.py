"""Counts, number words and vague quantities (spec section 3).

Some texts are from the seed sample article and from FA-KES (Abu Salem et al.,
ICWSM 2019, CC BY 4.0), where punctuation is often stripped.
"""

from __future__ import annotations

import pytest

from frontwatch.text.numbers import find_quantities, parse_number

PARSE_CASES = [
    ("two", 2),
    ("Seven", 7),
    ("forty-five", 45),
    ("twenty one", 21),
    ("one hundred and twenty", 120),
    ("a hundred", 100),
    ("a dozen", 12),
    ("two dozen", 24),
    ("half a dozen", 6),
    ("two thousand five hundred", 2500),
    ("three million", 3_000_000),
    ("1,200", 1200),
    ("300000", 300_000),
    ("2.5 million", 2_500_000),
    ("40", 40),
    ("2.5", None),
    ("twenty twelve", None),
    ("and", None),
    ("several", None),
    ("", None),
]


@pytest.mark.parametrize(("words", "expected"), PARSE_CASES)
def test_parse_number(words: str, expected: int | None) -> None:
    assert parse_number(words) == expected


# (text, [(matched text, value, high, vague, approx), ...])
FIND_CASES = [
    # figures and number words
    ("The attack claimed the lives of 40 members", [("40", 40, None, False, False)]),
    (
        "kill 7 gunmen at least, and injured 9 others",
        [("7", 7, None, False, True), ("9", 9, None, False, False)],
    ),
    (
        "the lives of two members of the army and injured 4 others",
        [("two", 2, None, False, False), ("4", 4, None, False, False)],
    ),
    ("brought four car bombs to Maarat al-Numan", [("four", 4, None, False, False)]),
    ("More than 230000 people have been killed", [("More than 230000", 230000, None, False, True)]),
    ("killing 1,200 people", [("1,200", 1200, None, False, False)]),
    ("one hundred and twenty bodies", [("one hundred and twenty", 120, None, False, False)]),
    ("twenty one civilians", [("twenty one", 21, None, False, False)]),
    ("forty-five fighters", [("forty-five", 45, None, False, False)]),
    ("a dozen soldiers", [("a dozen", 12, None, False, False)]),
    ("2.5 million refugees", [("2.5 million", 2_500_000, None, False, False)]),
    ("2000 people fled", [("2000", 2000, None, False, False)]),
    # approximations
    ("about 200 gunmen from Turkistan Islamic Party", [("about 200", 200, None, False, True)]),
    ("the death toll at at least 70", [("at least 70", 70, None, False, True)]),
    ("nearly 50 air strikes", [("nearly 50", 50, None, False, True)]),
    ("up to 15 people", [("up to 15", 15, None, False, True)]),
    ("Some 120 Daesh terror group extremists", [("Some 120", 120, None, False, True)]),
    ("well over 1000 civilians", [("well over 1000", 1000, None, False, True)]),
    ("more than a dozen fighters", [("more than a dozen", 12, None, False, True)]),
    ("50 or more fighters", [("50", 50, None, False, True)]),
    # ranges: value is the lower figure
    ("between 10 and 15 people", [("between 10 and 15", 10, 15, False, False)]),
    ("10 to 15 people", [("10 to 15", 10, 15, False, False)]),
    ("10-15 people", [("10-15", 10, 15, False, False)]),
    ("two or three rockets", [("two or three", 2, 3, False, False)]),
    ("at least 10 to 15 dead", [("at least 10 to 15", 10, 15, False, True)]),
    (
        "the toll rose from 10 to 15",
        [("10", 10, None, False, False), ("15", 15, None, False, False)],
    ),
    # vague quantities
    ("dozens of people were wounded", [("dozens", 12, None, True, False)]),
    ("Dozens killed in air strikes", [("Dozens", 12, None, True, False)]),
    ("Hundreds of civilians died", [("Hundreds", 100, None, True, False)]),
    ("thousands of Syrians fled", [("thousands", 1000, None, True, False)]),
    ("tens of thousands of people", [("tens of thousands", 10000, None, True, False)]),
    (
        "60 Terrorists Killed Tens Injured",
        [("60", 60, None, False, False), ("Tens", 10, None, True, False)],
    ),
    ("scores of terrorists", [("scores", 10, None, True, False)]),
    ("killed several Nusra Front fighters", [("several", 3, None, True, False)]),
    ("Some Syrian army members withdrew", [("Some", 3, None, True, False)]),
    ("supported with many armored vehicles", [("many", 3, None, True, False)]),
    ("a few civilians were hurt", [("a few", 3, None, True, False)]),
    ("wounding several others", [("several", 3, None, True, False)]),
    ("several hundred people", [("several hundred", 300, None, True, False)]),
    ("some of the victims were children", [("some", 3, None, True, False)]),
    # "one" only as a count
    ("One civilian was killed", [("One", 1, None, False, False)]),
    ("one of the fighters", [("one", 1, None, False, False)]),
    ("One mother and her child have died", [("One", 1, None, False, False)]),
    # not counts
    ("one day later no one answered and they blamed one another", []),
    ("in 2016", []),
    ("Since 2011 thousands of people died", [("thousands", 1000, None, True, False)]),
    ("between 2011 and 2013", []),
    ("the 2011-2018 war", []),
    ("at 10:30 local time", []),
    ("the blast at 10 a.m. and 5 pm", []),
    ("Sat 04 Oct 2014 at 1514 Regional NNA", []),
    ("on 5 April the army", []),
    ("on April 5 the army", []),
    ("Last updated at Apr 232017", []),
    ("24.08.2013 Syrian state media", []),
    ("01-06-2016 Over 20 Nusra Terrorists", [("Over 20", 20, None, False, True)]),
    ("the first wave and the 2nd attack", []),
    ("50 percent of homes and 30% of shops", []),
    ("UN Security Council Resolution 2254", []),
    ("Su-24 and F-16 jets and T-72 tanks", []),
    ("on Route 4 and the M5 highway", []),
    ("a boy, 12, was killed", []),
    ("a 12-year-old girl and a boy aged 9", []),
    ("a six-year war and a 48-hour truce", []),
    ("over two days and 10 km away", []),
    ("for some time in some kind of shelter", []),
    ("a few days ago and hundreds of years", []),
    ("how many people", []),
    ("$5 million in aid", []),
]


@pytest.mark.parametrize(("text", "expected"), FIND_CASES)
def test_find_quantities(text: str, expected: list[tuple]) -> None:
    found = find_quantities(text)
    assert [(q.text, q.value, q.high, q.vague, q.approx) for q in found] == expected
    assert all(text[q.start : q.end] == q.text for q in found)


def test_offsets_are_absolute_within_a_window() -> None:
    text = "Intro with 3 rockets. Then 40 members died and 80 others were hurt. Outro 9 times."
    start = text.index("Then")
    end = text.index("Outro")
    found = find_quantities(text, start, end)
    assert [(q.start, q.end, q.value) for q in found] == [
        (text.index("40"), text.index("40") + 2, 40),
        (text.index("80"), text.index("80") + 2, 80),
    ]


def test_seed_article_figures() -> None:
    text = (
        "Russian Reconciliation Center in Syria announced that about 200 gunmen from Turkistan "
        "Islamic Party in Syria supported with many armored vehicles and car bombs carried out an "
        "attack on sites of the Syrian army in Idlib on Wednesday. The attack claimed the lives of "
        "40 members of the Syrian army and injured 80 others according to the Russian "
        "Reconciliation Center."
    )
    assert [(q.text, q.value) for q in find_quantities(text)] == [
        ("about 200", 200),
        ("many", 3),
        ("40", 40),
        ("80", 80),
    ]


def test_fakes_article_with_dateline_and_headline() -> None:
    text = (
        "Sun 10 Jul 2016 29 Syria Rebels Dead in Fighting for Key Aleppo Road. At least 29 Syrian "
        "rebels were killed in clashes with regime troops overnight during a failed bid to reopen "
        "the oppositions key supply route into Aleppo city a monitor said Sunday."
    )
    assert [(q.text, q.value, q.approx) for q in find_quantities(text)] == [
        ("29", 29, False),
        ("At least 29", 29, True),
    ]
