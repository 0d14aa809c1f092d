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
from frontwatch.merge_rules import DISTINCTIVE_TOLL  # told twice in one article: one incident
from frontwatch.taxonomy import EVENT_TYPE_OF
from frontwatch.text.dates import DateMention

RECALLED = "recalled"  # DateMention.kind of a day counted back from the news's day
_PAST_YEAR = re.compile(
    r"\b(?:in|since|during|of)\s+(?:(?:early|mid|late)[- ]?)?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+)?((?:19|20)\d\d)\b"
)
# "..., a day after an air strike killed 12", "one week after a suicide bomber ...": the
# clause opens on how long before the news its event happened
_COUNTED_BACK = re.compile(
    r"(a|one|two|three|four|five|six|\d+)\s+(day|days|week|weeks)\s+after\s", re.IGNORECASE
)
_COUNT_WORDS = ("a", "one", "two", "three", "four", "five", "six")  # index = count, "a" = 1


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
    days = int(number) if number.isdigit() else max(1, _COUNT_WORDS.index(number))
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


def remember(recalled: dict, mention: Mention) -> None:
    """Keep a dropped recalled event's distinctive tolls, to know it when told again."""
    recalled.update(dict.fromkeys(_distinctive_tolls(mention), mention))


def _distinctive_tolls(mention: Mention) -> set[int]:
    return {f.value for f in mention.figures if f.kind == KILLED and f.value >= DISTINCTIVE_TOLL}


def retells(mention: Mention, recalled: dict) -> bool:
    """'... resumed Wednesday, days after a bombing killed more than 120 evacuees. [...] A
    massive explosion struck near buses carrying evacuees, killing more than 120': a later
    sentence with the toll of a recalled, undated event, no day of its own, and no other
    place or kind of act, tells that event again, not a new one of the report's day."""
    tolls = _distinctive_tolls(mention)
    if not tolls or not tolls <= recalled.keys() or has_own_day(mention):
        return False
    return all(_same_story(mention, recalled[toll]) for toll in tolls)


def _same_story(mention: Mention, before: Mention) -> bool:
    own = {
        p.place for p in mention.places if mention.clause.start <= p.span.start < mention.clause.end
    }
    places_fit = not own or bool(own & {p.place for p in before.places})
    kinds = {EVENT_TYPE_OF[m.cue.sub_event_type] for m in (mention, before) if m.cue is not None}
    return places_fit and len(kinds) <= 1


def has_own_day(mention: Mention) -> bool:
    return any(
        mention.clause.start <= d.start < mention.clause.end and d.precision == 1
        for d in mention.dates
    )
