"""Dates in article text (spec section 4).

Three kinds of mention:

- ``absolute``: "5 April 2017", "April 5, 2017", "2017-04-05", "24.08.2013",
  "in April 2017" (only the month: precision 3), "early April" (precision 2),
  "5 April" (the year comes from the publication date).
- ``relative``: weekday names, "yesterday", "last week", "two days ago" ...,
  resolved against the publication date. Without one they are not returned:
  a date is never invented.
- ``dateline``: the article's own date near its start ("Wed 05 Apr 2017",
  "Posted on April 19 2017", "Damascus, Dec 29, 2013 (SANA) -").

Weekday names resolve to the most recent such day on or before publication
("on Wednesday" in a Thursday article is the day before; "Thursday dawn" in a
Thursday article is that day); "last Thursday" is a week back.

Numeric dates: dotted and dashed forms ("24.08.2013", "01-06-2016") are read
day first, as the outlets that use them do; slashed forms ("5/4/2017") only
when one reading is impossible (a part above 12) or both readings agree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

PRECISION_DAY = 1
PRECISION_WEEK = 2  # a week or a few days is known: the midpoint is coded
PRECISION_MONTH = 3  # only the month is known: its middle is coded


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    date: dt.date
    precision: int
    kind: str  # "absolute" | "relative" | "dateline"


def _words(spaced: str) -> list[str]:
    """A word list written as one string (keeps long vocabularies readable)."""
    return spaced.split()


_MONTH_NAMES = _words(
    "january february march april may june july august september october november december"
)
_MONTH_NUMBER = {name: i for i, name in enumerate(_MONTH_NAMES, start=1)}
_MONTH_NUMBER.update({name[:3]: i for name, i in list(_MONTH_NUMBER.items())})
_MONTH_NUMBER["sept"] = 9
_WEEKDAY_NAMES = _words("monday tuesday wednesday thursday friday saturday sunday")
_WEEKDAY_NUMBER = {name: i for i, name in enumerate(_WEEKDAY_NAMES)}
_WEEKDAY_ABBREVIATIONS = _words("mon tue tues wed thu thur thurs fri sat sun")
# the words for day parts that may follow or precede a weekday name
_DAY_PARTS = "dawn|dusk|morning|afternoon|evening|night|noon|midnight"
# how far into the future of publication a year-less date may fall before it
# is read as last year's ("talks resume on 5 May" in a 1 May article is fine)
_FUTURE_SLACK = dt.timedelta(days=7)
_DATELINE_HEAD = 300  # a dateline sits within the first characters


def word_alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` factored by common prefixes ("Ma(?:rch|y)"):
    the engine then follows one branch per letter instead of trying every word,
    which keeps scanning long texts fast."""
    trie: dict[str, dict] = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(c) + _trie_pattern(child) for c, child in sorted(node.items()) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _cased_forms(words: list[str], lowercase_too: bool = True) -> set[str]:
    """Title and upper case forms of ``words`` (and lower case if allowed)."""
    forms = {form for w in words for form in (w.title(), w.upper())}
    return forms | set(words) if lowercase_too else forms


# "may" and "march" are also common words: accept them only capitalised
_MONTH_FORMS = _cased_forms(["may", "march"], lowercase_too=False)
_MONTH_FORMS |= _cased_forms([m for m in _MONTH_NAMES if m not in ("may", "march")])
_MONTH_FORMS |= _cased_forms([m[:3] for m in _MONTH_NAMES] + ["sept"], lowercase_too=False)
MONTH_PATTERN = rf"(?:{word_alternation(_MONTH_FORMS)})\b\.?"
_MONTH = rf"(?P<mon>{MONTH_PATTERN})"
_WEEKDAY_FULL = word_alternation(_cased_forms(_WEEKDAY_NAMES))
_WEEKDAY_ANY = word_alternation(
    _cased_forms(_WEEKDAY_NAMES + _WEEKDAY_ABBREVIATIONS, lowercase_too=False)
)
_WEEKDAY_PREFIX = rf"(?:(?<!\w)\(?(?:{_WEEKDAY_ANY})\b\.?\)?,?\s+)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY_RANGE_END = r"(?:\s*[-–]\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)?"

_DAY_MONTH = re.compile(
    rf"(?<!\w)(?=[\d(]|{_WEEKDAY_ANY}){_WEEKDAY_PREFIX}"
    rf"\b{_DAY}{_DAY_RANGE_END}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?"
)
# "April 5, 2017", "Apr 5 2017", "April 5"; "Apr 092017" has the year glued on
_MONTH_DAY = re.compile(
    rf"(?<!\w)(?=\(|{_WEEKDAY_ANY}|{MONTH_PATTERN}){_WEEKDAY_PREFIX}"
    rf"\b{_MONTH}\s+{_DAY}{_DAY_RANGE_END}(?:(?:,\s*|\s+|(?<=\d\d)){_YEAR}|(?!\d))"
)
_ISO = re.compile(r"(?<![\d.-])(?P<year>(?:19|20)\d{2})-(?P<mnum>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)")
_DAY_FIRST_NUMERIC = re.compile(
    r"(?<![\d./-])(?P<day>[0-3]?\d)(?P<sep>[.-])(?P<mnum>[01]?\d)(?P=sep)"
    r"(?P<year>(?:19|20)\d{2})(?!\d)"
)
_SLASHED = re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d{2})(?!\d)")
_MONTH_YEAR = re.compile(
    rf"(?<!\w)(?=(?i:early|mid|late|the|end|beginning|start|middle)\b|{MONTH_PATTERN})"
    r"(?:\b(?P<mod>(?i:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of))[\s-]+)?"
    rf"(?<!\d\s)\b{_MONTH}(?:,?\s+{_YEAR})?"  # not the month of an impossible "30 Feb"
)
_MODIFIER_DAY = {"early": 5, "beginning": 5, "start": 5, "mid": 15, "middle": 15}
_MODIFIER_DAY.update({"late": 25, "end": 25})
# a month named alone ("in April") is a date only after one of these words
_MONTH_ALONE_AFTER = frozenset(_words("in during since until till through throughout of from last"))

# words that may open a weekday phrase: "last Thursday", "late on Tuesday", "at dawn on Sunday"
_WEEKDAY_LEADS = word_alternation(
    _words("last next this past early late at overnight") + _DAY_PARTS.split("|")
)
_WEEKDAY_RELATIVE = re.compile(
    rf"(?<!\w)(?=(?i:{_WEEKDAY_LEADS})\b|{_WEEKDAY_FULL})"
    r"(?:\b(?P<mod>(?i:last|next|this|past))\s+)?"
    r"(?:\b(?i:(?:early|late|overnight)\s+(?:on\s+)?"
    rf"|(?:at\s+)?(?:{_DAY_PARTS})\s+(?:(?:on|of)\s+)?))?"
    rf"\b(?P<wd>{_WEEKDAY_FULL})(?:'s|’s|s)?\b"
    rf"(?:,?\s+(?i:{_DAY_PARTS})\b)?"
)
# fixed offsets in days from publication, with the precision they carry
_DAY_OFFSET_WORDS = re.compile(
    r"(?<!\w)(?=(?i:the|yesterday|last|earlier|today|tonight|overnight|this|past)\b)"
    r"(?i:(?P<before_yesterday>the\s+day\s+before\s+yesterday)"
    rf"|(?P<yesterday>yesterday(?:\s+(?:{_DAY_PARTS}))?|last\s+night)"
    r"|(?P<today>(?:earlier\s+)?today|tonight|overnight|this\s+(?:morning|afternoon|evening))"
    r"|(?P<last_week>last\s+week|the\s+previous\s+week)"
    r"|(?P<this_week>(?:earlier\s+)?this\s+week)"
    r"|(?P<past_week>(?:the\s+)?past\s+week)"
    r"|(?P<last_month>last\s+month|the\s+previous\s+month)"
    r"|(?P<this_month>(?:earlier\s+)?this\s+month)"
    r"|(?P<past_day>(?:the\s+)?(?:past|last)\s+(?:24|twenty[-\s]four)\s+hours))\b"
)
_SMALL_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_SMALL_COUNTS.update({"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10})
_SMALL_COUNTS.update({"a few": 3, "few": 3, "several": 3})
_AGO = re.compile(
    r"(?<!\w)(?P<n>\d{1,2}|(?i:a\s+few|few|several|an?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten))"
    r"\s+(?P<unit>(?i:day|week|month))s?\s+(?i:ago)\b"
)

_DATELINE_PREFIX = re.compile(
    r"(?i)(?:posted\s+on|published(?:\s+on)?|(?:last\s+)?updated(?:\s+(?:at|on))?"
    r"|date\s+of\s+publication)[:\s]*$"
)
# a clock time or an "(updated ...)" note right after the dateline's date
_DATELINE_SUFFIX = re.compile(
    r"(?:,?\s+(?:at\s+)?(?:[01]\d|2[0-3]):?[0-5]\d"
    r"(?:\s*(?:[AaPp]\.?[Mm]\.?|GMT|UTC)(?!\w))?(?!\d))?"
    r"(?:\s*\(updated[^)]{0,40}\))?"
)
_WORD_BEFORE = re.compile(r"(\w+)\W*$")
_SENTENCE_WORDS_BEFORE = frozenset(
    _words("on in since from until till by of before after between and to during than through the")
)


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every date mention in ``text``, left to right, resolved to a calendar day."""
    candidates = list(_absolute_dates(text, published))
    if published is not None:
        candidates.extend(_relative_dates(text, published))
    dateline = locate_dateline(text)
    if dateline is not None:
        candidates.append(dateline)
    return _without_overlaps(candidates)


def find_dateline(text: str) -> dt.date | None:
    """The article's own date, from a dateline near its start, if it has one."""
    mention = locate_dateline(text)
    return mention.date if mention else None


def locate_dateline(text: str) -> DateMention | None:
    """The dateline near the start of ``text`` with its prefix and clock time."""
    for mention in _full_dates(text, 0, min(len(text), _DATELINE_HEAD)):
        start = _dateline_start(text, mention.start)
        if start is None:
            continue
        suffix = _DATELINE_SUFFIX.match(text, mention.end)
        end = suffix.end() if suffix else mention.end
        return DateMention(start, end, text[start:end], mention.date, PRECISION_DAY, "dateline")
    return None


def _dateline_start(text: str, start: int) -> int | None:
    """Where a dateline begins, or None when the date reads as part of a sentence."""
    before = text[max(0, start - 40) : start]
    prefix = _DATELINE_PREFIX.search(before)
    if prefix:
        return start - len(before) + prefix.start()
    word = _WORD_BEFORE.search(before)
    if word and word.group(1).lower() in _SENTENCE_WORDS_BEFORE:
        return None  # "on 21 August 2013": the date of something, not of the article
    return start


def _full_dates(text: str, start: int, end: int) -> list[DateMention]:
    """Dates with day, month and year between ``start`` and ``end``, in order."""
    found = [m for m in _absolute_dates(text, None, start, end) if m.precision == PRECISION_DAY]
    return sorted(found, key=lambda m: (m.start, -m.end))


def _absolute_dates(
    text: str, published: dt.date | None, start: int = 0, end: int | None = None
) -> Iterator[DateMention]:
    end = len(text) if end is None else end
    for match in _DAY_MONTH.finditer(text, start, end):
        yield from _named_month_date(match, published)
    for match in _MONTH_DAY.finditer(text, start, end):
        yield from _named_month_date(match, published)
    for match in _ISO.finditer(text, start, end):
        yield from _numeric_date(match, int(match["mnum"]), int(match["day"]))
    for match in _DAY_FIRST_NUMERIC.finditer(text, start, end):
        yield from _numeric_date(match, int(match["mnum"]), int(match["day"]))
    for match in _SLASHED.finditer(text, start, end):
        yield from _slashed_date(match)
    for match in _MONTH_YEAR.finditer(text, start, end):
        yield from _month_only_date(text, match, published)


def _mention(match: re.Match[str], day: dt.date, precision: int, kind: str) -> DateMention:
    return DateMention(match.start(), match.end(), match.group(0), day, precision, kind)


def _month_of(match: re.Match[str]) -> int:
    return _MONTH_NUMBER[match["mon"].rstrip(".").lower()]


def _named_month_date(match: re.Match[str], published: dt.date | None) -> Iterator[DateMention]:
    month, first = _month_of(match), int(match["day"])
    last = int(match["day2"]) if match["day2"] else first
    if last < first:
        return
    day, precision = (first + last) // 2, (PRECISION_DAY if last == first else PRECISION_WEEK)
    if match["year"]:
        found = _safe_date(int(match["year"]), month, day)
    elif published is not None:
        found = _infer_year(month, day, published)
    else:
        found = None  # no year and nothing to take one from
    if found is not None:
        yield _mention(match, found, precision, "absolute")


def _numeric_date(match: re.Match[str], month: int, day: int) -> Iterator[DateMention]:
    found = _safe_date(int(match["year"]), month, day)
    if found is not None:
        yield _mention(match, found, PRECISION_DAY, "absolute")


def _slashed_date(match: re.Match[str]) -> Iterator[DateMention]:
    a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
    readings = {_safe_date(year, a, b), _safe_date(year, b, a)} - {None}
    if len(readings) == 1:  # one reading only: the other is impossible or the same
        yield _mention(match, readings.pop(), PRECISION_DAY, "absolute")


def _month_only_date(
    text: str, match: re.Match[str], published: dt.date | None
) -> Iterator[DateMention]:
    modifier = next((w for w in (match["mod"] or "").lower().split() if w in _MODIFIER_DAY), "")
    if not modifier and not match["year"] and not _after_month_word(text, match.start()):
        return
    day = _MODIFIER_DAY.get(modifier, 15)
    precision = PRECISION_WEEK if modifier else PRECISION_MONTH
    month = _month_of(match)
    if match["year"]:
        found = _safe_date(int(match["year"]), month, day)
    elif published is not None:  # the year whose month has begun by publication
        found = _infer_year(month, 1, published)
        found = found.replace(day=day) if found else None
    else:
        found = None
    if found is not None:
        yield _mention(match, found, precision, "absolute")


def _after_month_word(text: str, start: int) -> bool:
    word = _WORD_BEFORE.search(text, max(0, start - 20), start)
    return bool(word) and word.group(1).lower() in _MONTH_ALONE_AFTER


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, published: dt.date) -> dt.date | None:
    """The year-less date in the publication's year, or the year before if it
    would fall in the future (beyond a few days' slack)."""
    for year in (published.year, published.year - 1):
        found = _safe_date(year, month, day)
        if found is not None and found <= published + _FUTURE_SLACK:
            return found
    return None


def _relative_dates(text: str, published: dt.date) -> Iterator[DateMention]:
    for match in _WEEKDAY_RELATIVE.finditer(text):
        day = _resolve_weekday(match["wd"], (match["mod"] or "").lower(), published)
        yield _mention(match, day, PRECISION_DAY, "relative")
    for match in _DAY_OFFSET_WORDS.finditer(text):
        day, precision = _resolve_offset_words(match.lastgroup or "", published)
        yield _mention(match, day, precision, "relative")
    for match in _AGO.finditer(text):
        yield _resolve_ago(match, published)


def _resolve_weekday(name: str, modifier: str, published: dt.date) -> dt.date:
    wanted = _WEEKDAY_NUMBER[name.lower()]
    if modifier == "next":
        return published + dt.timedelta(days=(wanted - published.weekday() - 1) % 7 + 1)
    back = (published.weekday() - wanted) % 7
    if back == 0 and modifier in ("last", "past"):
        back = 7
    return published - dt.timedelta(days=back)


def _resolve_offset_words(group: str, published: dt.date) -> tuple[dt.date, int]:
    days_back = {"before_yesterday": 2, "yesterday": 1, "today": 0, "past_day": 0}
    if group in days_back:
        return published - dt.timedelta(days=days_back[group]), PRECISION_DAY
    if group == "last_week":
        return published - dt.timedelta(days=7), PRECISION_WEEK
    if group == "this_week":  # midpoint of Monday .. publication
        return published - dt.timedelta(days=published.weekday() // 2), PRECISION_WEEK
    if group == "past_week":  # midpoint of the seven days before publication
        return published - dt.timedelta(days=4), PRECISION_WEEK
    if group == "last_month":
        return _months_back(published, 1), PRECISION_MONTH
    return published.replace(day=15), PRECISION_MONTH  # this_month


def _months_back(published: dt.date, months: int) -> dt.date:
    index = published.year * 12 + published.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 15)


def _resolve_ago(match: re.Match[str], published: dt.date) -> DateMention:
    raw = " ".join(match["n"].lower().split())
    count = int(raw) if raw.isdigit() else _SMALL_COUNTS[raw]
    vague = raw in ("a few", "few", "several")
    unit = match["unit"].lower()
    if unit == "month":
        return _mention(match, _months_back(published, count), PRECISION_MONTH, "relative")
    days = count * (7 if unit == "week" else 1)
    precision = PRECISION_WEEK if unit == "week" or vague else PRECISION_DAY
    return _mention(match, published - dt.timedelta(days=days), precision, "relative")


def _without_overlaps(candidates: list[DateMention]) -> list[DateMention]:
    """Left to right; of overlapping mentions keep the one starting first, then
    the longest (the dateline wins over the bare date inside it)."""
    chosen: list[DateMention] = []
    order = sorted(candidates, key=lambda m: (m.start, -m.end, m.kind != "dateline"))
    for mention in order:
        if chosen and mention.start < chosen[-1].end:
            continue
        chosen.append(mention)
    return chosen
