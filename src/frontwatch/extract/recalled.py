"""Past events a report recalls (spec section 1): never merged into the day's news.

A recalled event with a day of its own ("on Tuesday", or "a day after" the news's day)
becomes an event of that day; one that cannot be dated ("since 2011", "days after a
bombing") is dropped, and a later sentence that tells its toll again is dropped with it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from frontwatch.extract.casualties import KILLED
from frontwatch.extract.mentions import Mention
from frontwatch.text.dates import DateMention

# a toll this high, told twice in one article, is the same incident told again
DISTINCTIVE_TOLL = 10
RECALLED = "recalled"  # DateMention.kind of a day counted back from the news's day
_PAST_YEAR = re.compile(
    r"\b(?:in|since|during|of)\s+(?:(?:early|mid|late)[- ]?)?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+)?((?:19|20)\d\d)\b"
)
# "..., a day after an air strike killed 12", "one week after a suicide bomber ...": the
# clause opens on how long before the news its event happened
_COUNTED_BACK = re.compile(
    r"(a|one|two|three|four|five|six|\d)\s+(day|days|week|weeks)\s+after\s", re.IGNORECASE
)
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def recalled_day(mention: Mention) -> DateMention | None:
    """The day of a recalled event told as 'a day after' / 'two weeks after' the news,
    counted back from the day the same sentence gives its news ('killed 12 on Tuesday, a
    day after ...'); with no such day the recalled event stays undated."""
    if not mention.background or has_own_day(mention):
        return None
    offset = mention.clause.start - mention.sentence.start
    counted = _COUNTED_BACK.match(mention.sentence.text, offset)
    anchor = _news_day(mention)
    if counted is None or anchor is None:
        return None
    number, unit = counted.group(1).lower(), counted.group(2).lower()
    days = int(number) if number.isdigit() else _COUNTS[number]
    weeks = unit.startswith("week")
    back = timedelta(days=days * 7 if weeks else days)
    told = counted.group(0).rstrip()
    start = mention.clause.start
    return DateMention(start, start + len(told), told, anchor - back, 2 if weeks else 1, RECALLED)


def _news_day(mention: Mention) -> date | None:
    """The day the sentence gives before the recalled clause ('resumed on Wednesday, ...')."""
    days = [d for d in mention.dates if d.start < mention.clause.start and d.precision == 1]
    return days[-1].date if days else None


def is_undated_background(mention: Mention, own_date, published: date | None) -> bool:
    """'since 2011', 'liberated the city in 2016': past events we cannot date to a day."""
    past = _PAST_YEAR.search(mention.clause.text)
    old_year = bool(past and published and int(past.group(1)) < published.year)
    counted_back = own_date is not None and own_date.kind == RECALLED
    return (mention.background or old_year) and not (has_own_day(mention) or counted_back)


def distinctive_tolls(mention: Mention) -> set[int]:
    return {f.value for f in mention.figures if f.kind == KILLED and f.value >= DISTINCTIVE_TOLL}


def retells(mention: Mention, recalled: set[int]) -> bool:
    """'... resumed Wednesday, days after a bombing killed more than 120 evacuees. [...] A
    massive explosion struck near buses carrying evacuees, killing more than 120': a later
    sentence with the toll of a recalled, undated event and no day of its own tells that
    event again, not a new one of the report's day."""
    tolls = distinctive_tolls(mention)
    if not tolls or not tolls <= recalled:
        return False
    return not has_own_day(mention)


def has_own_day(mention: Mention) -> bool:
    return any(
        mention.clause.start <= d.start < mention.clause.end and d.precision == 1
        for d in mention.dates
    )
