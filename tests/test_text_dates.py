"""Dates: absolute, relative to publication, and datelines (spec section 4).

Some texts are from the seed sample article and from FA-KES (Abu Salem et al.,
ICWSM 2019, CC BY 4.0).
"""

from __future__ import annotations

from datetime import date

import pytest

from frontwatch.text.dates import find_dateline, find_dates

THU = date(2019, 11, 28)  # the seed article's publication day, a Thursday
D = date

# (text, published, [(matched text, date, precision, kind), ...])
CASES = [
    # weekdays resolve to the most recent such day on or before publication
    (
        "carried out an attack on sites of the Syrian army in Idlib on Wednesday.",
        THU,
        [("Wednesday", D(2019, 11, 27), 1, "relative")],
    ),
    (
        "An official military source stated Thursday dawn large numbers of gunmen",
        THU,
        [("Thursday dawn", D(2019, 11, 28), 1, "relative")],
    ),
    ("the raid on Friday", THU, [("Friday", D(2019, 11, 22), 1, "relative")]),
    ("Monday's strikes", THU, [("Monday's", D(2019, 11, 25), 1, "relative")]),
    ("in Tuesdays attack", THU, [("Tuesdays", D(2019, 11, 26), 1, "relative")]),
    ("last Thursday", THU, [("last Thursday", D(2019, 11, 21), 1, "relative")]),
    ("last Tuesday", THU, [("last Tuesday", D(2019, 11, 26), 1, "relative")]),
    ("talks resume next Monday", THU, [("next Monday", D(2019, 12, 2), 1, "relative")]),
    ("on Wednesday night", THU, [("Wednesday night", D(2019, 11, 27), 1, "relative")]),
    ("late on Tuesday", THU, [("late on Tuesday", D(2019, 11, 26), 1, "relative")]),
    ("at dawn on Sunday", THU, [("at dawn on Sunday", D(2019, 11, 24), 1, "relative")]),
    ("overnight Saturday", THU, [("overnight Saturday", D(2019, 11, 23), 1, "relative")]),
    ("clashes on SATURDAY", THU, [("SATURDAY", D(2019, 11, 23), 1, "relative")]),
    # fixed offsets
    ("yesterday", THU, [("yesterday", D(2019, 11, 27), 1, "relative")]),
    ("Yesterday morning", THU, [("Yesterday morning", D(2019, 11, 27), 1, "relative")]),
    (
        "the day before yesterday",
        THU,
        [("the day before yesterday", D(2019, 11, 26), 1, "relative")],
    ),
    ("today", THU, [("today", THU, 1, "relative")]),
    ("tonight", THU, [("tonight", THU, 1, "relative")]),
    ("this morning", THU, [("this morning", THU, 1, "relative")]),
    ("killed in clashes overnight", THU, [("overnight", THU, 1, "relative")]),
    ("last night", THU, [("last night", D(2019, 11, 27), 1, "relative")]),
    ("two days ago", THU, [("two days ago", D(2019, 11, 26), 1, "relative")]),
    ("3 days ago", THU, [("3 days ago", D(2019, 11, 25), 1, "relative")]),
    ("a few days ago", THU, [("a few days ago", D(2019, 11, 25), 2, "relative")]),
    ("a week ago", THU, [("a week ago", D(2019, 11, 21), 2, "relative")]),
    ("last week", THU, [("last week", D(2019, 11, 21), 2, "relative")]),
    ("earlier this week", THU, [("earlier this week", D(2019, 11, 27), 2, "relative")]),
    ("last month", THU, [("last month", D(2019, 10, 15), 3, "relative")]),
    ("last month", D(2020, 1, 10), [("last month", D(2019, 12, 15), 3, "relative")]),
    ("in the past 24 hours", THU, [("the past 24 hours", THU, 1, "relative")]),
    # absolute dates
    ("on 5 April 2017", THU, [("5 April 2017", D(2017, 4, 5), 1, "absolute")]),
    ("on the 5th of April 2017", None, [("5th of April 2017", D(2017, 4, 5), 1, "absolute")]),
    ("on April 5, 2017", None, [("April 5, 2017", D(2017, 4, 5), 1, "absolute")]),
    ("on Aug. 21 2013", None, [("Aug. 21 2013", D(2013, 8, 21), 1, "absolute")]),
    ("on 2017-04-05", None, [("2017-04-05", D(2017, 4, 5), 1, "absolute")]),
    (
        "on Wednesday, 21 August 2013",
        None,
        [("Wednesday, 21 August 2013", D(2013, 8, 21), 1, "absolute")],
    ),
    ("on 5 April", D(2017, 4, 7), [("5 April", D(2017, 4, 5), 1, "absolute")]),
    ("on April 5", D(2017, 4, 7), [("April 5", D(2017, 4, 5), 1, "absolute")]),
    ("on 20 December", D(2017, 1, 4), [("20 December", D(2016, 12, 20), 1, "absolute")]),
    ("on March 25", D(2017, 4, 2), [("March 25", D(2017, 3, 25), 1, "absolute")]),
    ("in April 2017", None, [("April 2017", D(2017, 4, 15), 3, "absolute")]),
    ("in August 2013", None, [("August 2013", D(2013, 8, 15), 3, "absolute")]),
    ("in April", D(2017, 6, 1), [("April", D(2017, 4, 15), 3, "absolute")]),
    ("evicted the army last August", D(2016, 10, 3), [("August", D(2016, 8, 15), 3, "absolute")]),
    ("last August", D(2017, 2, 3), [("August", D(2016, 8, 15), 3, "absolute")]),
    ("in early April", D(2017, 6, 1), [("early April", D(2017, 4, 5), 2, "absolute")]),
    ("since mid-April 2016", None, [("mid-April 2016", D(2016, 4, 15), 2, "absolute")]),
    ("in late July", D(2016, 8, 2), [("late July", D(2016, 7, 25), 2, "absolute")]),
    ("fighting on 1-5 March 2017", None, [("1-5 March 2017", D(2017, 3, 3), 2, "absolute")]),
    ("on 25/4/2017", None, [("25/4/2017", D(2017, 4, 25), 1, "absolute")]),
    ("on 5/5/2017", None, [("5/5/2017", D(2017, 5, 5), 1, "absolute")]),
    # never invented: no publication date, no year, or ambiguous
    ("on Wednesday yesterday last week two days ago", None, []),
    ("on 5 April", None, []),
    ("on 5/4/2017", None, []),
    ("you may march on 30 Feb 2017", None, []),
    ("He may go. They march.", THU, []),
    # datelines
    (
        "Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent use WHO.",
        None,
        [("Wed 05 Apr 2017", D(2017, 4, 5), 1, "dateline")],
    ),
    (
        "Posted on April 19 2017 by Asharq Al-Awsat English",
        None,
        [("Posted on April 19 2017", D(2017, 4, 19), 1, "dateline")],
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_find_dates(text: str, published: date | None, expected: list[tuple]) -> None:
    found = find_dates(text, published)
    assert [(m.text, m.date, m.precision, m.kind) for m in found] == expected
    assert all(text[m.start : m.end] == m.text for m in found)


def test_seed_article_dates() -> None:
    text = (
        "An official military source stated Thursday dawn large numbers of gunmen carried out a "
        "violent attack on sites of the Syrian army south and southeast Idlib. Russian "
        "Reconciliation Center in Syria announced that about 200 gunmen carried out an attack on "
        "sites of the Syrian army in Idlib on Wednesday. The gunmen attempted to advance for the "
        "first time since the Syrian army liberated the city in 2016."
    )
    found = find_dates(text, THU)
    assert [(m.text, m.date) for m in found] == [
        ("Thursday dawn", D(2019, 11, 28)),
        ("Wednesday", D(2019, 11, 27)),
    ]


def test_dateline_in_an_article_body_resolves_relative_days() -> None:
    text = "Sun 10 Jul 2016 At least 29 Syrian rebels were killed overnight a monitor said Sunday."
    published = find_dateline(text)
    found = find_dates(text, published)
    assert published == D(2016, 7, 10)
    assert [(m.text, m.date, m.kind) for m in found] == [
        ("Sun 10 Jul 2016", D(2016, 7, 10), "dateline"),
        ("overnight", D(2016, 7, 10), "relative"),
        ("Sunday", D(2016, 7, 10), "relative"),
    ]


DATELINE_CASES = [
    ("Wed 05 Apr 2017 Syria attack symptoms", D(2017, 4, 5)),
    ("Thu Sep 5 2013 Car bomb kills four in Damascus.", D(2013, 9, 5)),
    ("Date of publication 2 October 2016 At least 25 civilians", D(2016, 10, 2)),
    ("Sunday 25 August 2013 Irans foreign minister said", D(2013, 8, 25)),
    ("Thursday 31 July 2014 10:59 Syrian Coalition: FSA", D(2014, 7, 31)),
    ("(Monday) 3 May 2016 The army restored security", D(2016, 5, 3)),
    ("Posted on May 5, 2016 by staff", D(2016, 5, 5)),
    ("Published July 5 2015 U.S.-led coalition aircraft", D(2015, 7, 5)),
    ("Last updated at Apr 092017 At least 15 civilians", D(2017, 4, 9)),
    ("23 February 2015 The Sawaiq al-Rahman Brigade", D(2015, 2, 23)),
    ("24.08.2013 Syrian state media accused rebels", D(2013, 8, 24)),
    ("02.10.2017Get short URL 191 A total of 24", D(2017, 10, 2)),
    ("01-06-2016 Over 20 Nusra Terrorists Killed in Hama.", D(2016, 6, 1)),
    ("Sat 04 Oct 2014 at 1514 Regional NNA - U.S.-led raids", D(2014, 10, 4)),
    ("25/4/2017 Air strikes hit Idlib", D(2017, 4, 25)),
    ("2017-04-05 Air strikes hit Idlib", D(2017, 4, 5)),
    (
        "20 dead in Syria barrel bomb attack in Aleppo NGO AFP Monday 16 Jun 2014 Syrian regime",
        D(2014, 6, 16),
    ),
    (
        "10 civilians killed 15 injured in terrorist rocket attacks on Aleppo 6 September 2016 SANA reporter",
        D(2016, 9, 6),
    ),
    ("Governorates, Dec 29, 2013 (SANA) - Army units on Sunday destroyed", D(2013, 12, 29)),
    # no dateline
    ("Damascus, SANA - Army units on Sunday destroyed terrorists dens", None),
    ("1. Ghouta: On August 21 2013 the Assad regime fired rockets", None),
    ("5/4/2017 Air strikes hit Idlib", None),
    ("Syrian forces on Tuesday seized a rebel-held neighbourhood", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), DATELINE_CASES)
def test_find_dateline(text: str, expected: date | None) -> None:
    assert find_dateline(text) == expected
