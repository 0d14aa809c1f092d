"""Counts in article text: figures, number words and vague quantities (spec section 3).

``find_quantities`` returns the counts a casualty figure could be: "40 members",
"at least 7", "between 10 and 15", "about 200", "dozens". It leaves out what only
looks like a count: years ("in 2016", "2011-2018"), clock times, dates ("5
April"), ordinals, percentages, money, durations and distances ("two days",
"10 km"), ages ("a boy, 12,", "a 12-year-old"), and numbers inside names or
codes ("Resolution 2254", "Su-24", "Route 4", "M5").

Each quantity carries the conservative (lowest) figure: "between 10 and 15" ->
10 (high 15); vague words take the spec's values ("several" 3, "dozens" 12,
"hundreds" 100). "from 10 to 15" is a change, not a range: two quantities.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from frontwatch.text.dates import MONTH_PATTERN, word_alternation


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    text: str  # offsets into the text passed in (absolute, even with start/end)
    value: int  # the conservative (lowest) figure
    high: int | None  # upper end of a range, else None
    vague: bool  # came from a vague word ("dozens", "several")
    approx: bool  # "about", "nearly", "at least", "more than", "up to" ...


def _words(spaced: str) -> list[str]:
    """A word list written as one string (keeps long vocabularies readable)."""
    return spaced.split()


_UNITS = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
)
_UNIT_VALUES = {word: value for value, word in enumerate(_UNITS)}
_TENS_VALUES = {
    w: 10 * i
    for i, w in enumerate(_words("twenty thirty forty fifty sixty seventy eighty ninety"), 2)
}
_SCALE_VALUES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_NUMBER_WORD = "|".join([*_UNIT_VALUES, *_TENS_VALUES, *_SCALE_VALUES, "hundred", "dozen"])
_VAGUE_VALUES = {"tens of thousands": 10_000, "hundreds of thousands": 100_000}
_VAGUE_VALUES.update({"tens": 10, "scores": 10, "dozens": 12, "hundreds": 100, "thousands": 1000})
# quantifiers that count only before a plural noun ("several civilians")
_SMALL_VAGUE_VALUES = {"a few": 3, "several": 3, "many": 3, "some": 3, "a couple of": 2}
_SMALL_VAGUE_VALUES["a handful of"] = 3

_WORDS_NUMBER = (
    r"(?i:(?:(?:an?|half\s+an?)\s+(?=(?:hundred|thousand|million|dozen)\b))?"
    rf"\b(?:{_NUMBER_WORD})\b"
    r"(?:(?:\s*-\s*|\s+|(?:(?<=hundred)|(?<=thousand)|(?<=million))\s+and\s+)"
    rf"(?:{_NUMBER_WORD})\b)*)"
)
_DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w]|[.,:/]\d|\s*%)"
    r"(?:\s+(?i:hundred|thousand|million|billion)\b)?"
)
# a figure must not start inside a token: "M5", "Su-24", "$5", "1.5", "10:30"
_FIRST_NUMBER = rf"(?:(?<![\w\-./$#£€:+]){_DIGITS}|{_WORDS_NUMBER})"
_NEXT_NUMBER = rf"(?:{_DIGITS}|{_WORDS_NUMBER})"
# words that make a figure approximate; "more than 50" still codes 50 (the lowest figure)
_APPROX_PHRASES = (
    *_words("about around approximately nearly almost roughly some over under estimated"),
    *("more than", "at least", "up to", "as many as", "close to", "an estimated", "upwards of"),
    *("in excess of", "well over", "just over", "no fewer than", "no less than"),
    *("fewer than", "less than"),
)
_APPROX = "|".join(phrase.replace(" ", r"\s+") for phrase in _APPROX_PHRASES)
_VAGUE = "|".join(
    w.replace(" ", r"\s+")
    for w in sorted([*_VAGUE_VALUES, *_SMALL_VAGUE_VALUES], key=len, reverse=True)
)
# every word a quantity can begin with: approximators, "between", number and vague words
_FIRST_WORDS = [
    *(phrase.split()[0] for phrase in _APPROX_PHRASES),
    *_UNIT_VALUES,
    *_TENS_VALUES,
    *_SCALE_VALUES,
    *_words("hundred dozen a an half between"),
    *(phrase.split()[0] for phrase in [*_VAGUE_VALUES, *_SMALL_VAGUE_VALUES]),
]


# The lookbehind and lookahead reject most positions at once: the full pattern is
# tried only where a figure or one of the first words begins.
_QUANTITY = re.compile(
    rf"(?<![A-Za-z])(?=\d|(?i:{word_alternation(_FIRST_WORDS)})\b)"
    rf"(?:(?P<approx>\b(?i:{_APPROX})\s+)?"
    rf"(?:(?i:between)\s+(?P<b1>{_NEXT_NUMBER})\s+(?i:and)\s+(?P<b2>{_NEXT_NUMBER})"
    rf"|(?P<n1>{_FIRST_NUMBER})(?:(?:\s*[-–]\s*|\s+(?i:to|or)\s+)(?P<n2>{_NEXT_NUMBER}))?)"
    rf"|\b(?P<vague>(?i:{_VAGUE}))\b)"
)

_TIME_AND_MEASURE_UNITS = (
    r"years?|yrs?|months?|weeks?|days?|hours?|hrs|minutes?|mins?|seconds?|times|decades?"
    r"|centur(?:y|ies)|km|kms|kilomet(?:er|re)s?|met(?:er|re)s?|m|miles?|kg|kilo(?:gram)?s?"
    r"|tons?|tonnes?|feet|foot|ft|inch(?:es)?|acres?|hectares?|degrees?|sq|square"
)
_REJECT_AFTER = re.compile(
    r"\s*(?:%|(?i:per\s*cent|percent|pc)\b)"
    rf"|[\s-]+(?i:{_TIME_AND_MEASURE_UNITS})\b"
    r"|\s*(?i:a\.m\.|p\.m\.|am|pm|o'clock|gmt|utc|h)(?!\w)"
    r"|\s*(?i:dollars?|euros?|pounds?|liras?|usd|syp)\b"
    rf"|\s+(?:of\s+)?(?:{MONTH_PATTERN})"
    r"|\s*[-./]\d"
    r"|\s+\d{1,2}[-./]\d{1,2}[-./]\d{2,4}"  # "1449 09.04.2017": a clock time before a date
)
_CODE_NOUNS = (
    r"Resolution|Route|Road|Highway|Brigade|Division|Regiment|Battalion|Unit|Article|No|Nos"
    r"|Number|Room|Building|Gate|Camp|Base|Station|Sector|Zone|Block|Flight|Hill|Phase|Chapter"
    r"|Section|Checkpoint|Paragraph|Page|Vol|Volume|Channel|Views|URL|Decree|Law|Protocol"
    r"|Platform|Tower|Point|Squad|Level|Lane|Street|Apartment|Plot|Item|Version|Model"
)
_REJECT_BEFORE = re.compile(
    rf"(?:(?<![\w])(?:{MONTH_PATTERN})\s+"
    rf"|\b(?:{_CODE_NOUNS}|(?i:resolution|route|highway|article|page|aged?|number|no\.))\.?\s*#?"
    r"|[$£€]\s*)$"
)
_YEAR_CONTEXT_BEFORE = re.compile(
    r"\b(?i:in|since|until|till|during|by|from|before|after|early|late|mid|summer|winter"
    r"|spring|autumn|fall|year|between|through|throughout)\s+$"
)
_AGE_BETWEEN_COMMAS = re.compile(r",\s*$")
_CLOCK_AFTER_AT = re.compile(r"\bat\s+$")
_APPROX_AFTER = re.compile(
    r"(?:\s+[A-Za-z'-]+){0,2}?\s+at\s+least\b|\s+or\s+more\b|\s*\+|-plus\b|\s+plus\b", re.IGNORECASE
)
_FROM_BEFORE = re.compile(r"\b(?i:from)\s+$")
_WORD_AT = re.compile(r"\s*([A-Za-z][\w'’-]*)")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")
_SCALE_AFTER = re.compile(r"\s+(?i:(hundred|thousand|million|dozen))s?\b")
_DIGITS_PHRASE = re.compile(
    r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?: (hundred|thousand|million|billion))?"
)
_NUMERIC_DATE = re.compile(r"\d{1,4}[-./]\d{1,2}[-./]\d{1,4}")

# words after "one" that make it a pronoun or a phrase, not a count
_ONE_NOT_COUNT_AFTER = frozenset(
    _words(
        "another day time way side hand more another other by thing point or and to who "
        "that which is was has had have said says will would can could may might must "
        "should in on at for as but if so than then after before while when where with "
        "without never also"
    )
)
_ONE_NOT_COUNT_BEFORE = frozenset(_words("no any every each the this that which someone anyone"))
_NOT_PLURAL = frozenset(
    _words(
        "was is has does this his its thus us yes as always whereas perhaps less unless "
        "across news series species basis crisis analysis towards afterwards besides "
        "specimen regimen abdomen omen acumen"
    )
)
_IRREGULAR_PLURALS = frozenset(_words("people children police personnel staff"))
_BARE_SCALES = frozenset(_words("hundred thousand million billion dozen"))
_SINGULAR_ENDINGS = ("ss", "us", "is", "'s", "’s")
_PARTITIVE_TARGETS = frozenset(_words("them those whom us these"))
_STOP_AFTER_QUANTIFIER = frozenset(
    _words(
        "the a an and or to in on at for with by from was were is are had have has been "
        "that which who than as of more other"
    )
)
_PARTICIPLES = frozenset(_words("killed dead wounded injured died were more"))
_UNIT_NOUN = re.compile(rf"(?i:{_TIME_AND_MEASURE_UNITS})")


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Counts in ``text[start:end]``, left to right, with absolute offsets."""
    end = len(text) if end is None else end
    found: list[Quantity] = []
    for match in _QUANTITY.finditer(text, start, end):
        for quantity in _quantities_of(text, match, end):
            # a quantity may reach past its match ("several hundred")
            if not found or quantity.start >= found[-1].end:
                found.append(quantity)
    return found


def parse_number(words: str) -> int | None:
    """The value of a figure or number words: "forty-five" 45, "1,200" 1200,
    "a hundred" 100, "2.5 million" 2500000, "a dozen" 12; None if not a number."""
    cleaned = " ".join(words.lower().replace("-", " ").split())
    digits = _DIGITS_PHRASE.fullmatch(cleaned)
    if digits:
        return _digits_value(digits)
    return _words_value(cleaned.split())


def _digits_value(match: re.Match[str]) -> int | None:
    whole, fraction, scale_word = match.groups()
    scale = 100 if scale_word == "hundred" else _SCALE_VALUES.get(scale_word or "", 1)
    value = float(whole.replace(",", "") + (fraction or "")) * scale
    return int(round(value)) if value == round(value) else None


def _words_value(tokens: list[str]) -> int | None:
    if tokens[:3] == ["half", "a", "dozen"] and len(tokens) == 3:
        return 6
    if len(tokens) > 1 and tokens[0] in ("a", "an"):
        tokens = ["one", *tokens[1:]]
    total, current, last = 0, 0, ""
    for token in tokens:
        step = _word_step(token, current, last)
        if step is None:
            return None
        add_total, current, last = step
        total += add_total
    return None if last in ("", "and") else total + current


def _word_step(token: str, current: int, last: str) -> tuple[int, int, str] | None:
    """One word of a number phrase: (amount moved to the total, running value, kind)."""
    if token in _UNIT_VALUES and last in ("", "tens", "hundred", "scale", "and"):
        if last == "tens" and _UNIT_VALUES[token] >= 10:
            return None  # "twenty twelve"
        return 0, current + _UNIT_VALUES[token], "unit"
    if token in _TENS_VALUES and last in ("", "hundred", "scale", "and"):
        return 0, current + _TENS_VALUES[token], "tens"
    if token == "hundred" and last in ("", "unit") and current < 100:
        return 0, (current or 1) * 100, "hundred"
    if token == "dozen" and last in ("", "unit", "tens"):
        return 0, (current or 1) * 12, "hundred"
    if token in _SCALE_VALUES and last in ("", "unit", "tens", "hundred"):
        return (current or 1) * _SCALE_VALUES[token], 0, "scale"
    if token == "and" and last in ("hundred", "scale"):
        return 0, current, "and"
    return None


def _quantities_of(text: str, match: re.Match[str], end: int) -> Iterator[Quantity]:
    if match["vague"]:
        yield from _vague_quantity(text, match, end)
    elif match["b1"]:
        yield from _range(text, match, "b1", "b2", end)
    elif match["n2"] and not _FROM_BEFORE.search(
        text, max(0, match.start("n1") - 6), match.start("n1")
    ):
        yield from _range(text, match, "n1", "n2", end)
    else:
        yield from _single(text, match, "n1", end)
        if match["n2"]:  # "from 10 to 15": two figures
            yield from _single(text, match, "n2", end, approx=False)


def _range(text: str, match: re.Match[str], low: str, high: str, end: int) -> Iterator[Quantity]:
    low_value, high_value = _figure(match[low]), _figure(match[high])
    if low_value is None or high_value is None or high_value <= low_value:
        yield from _single(text, match, low, end)
        yield from _single(text, match, high, end, approx=False)
        return
    if _excluded(text, match.start(low), match.end(high), match[low], low_value):
        return
    if _is_year(text, match.start(high), match.end(high), match[high], high_value):
        return  # "2011-2018"
    approx = bool(match["approx"]) or _approx_after(text, match.end(high), end)
    yield _quantity(text, match.start(), match.end(high), low_value, high_value, False, approx)


def _single(
    text: str, match: re.Match[str], group: str, end: int, approx: bool = True
) -> Iterator[Quantity]:
    start, stop = match.start(group), match.end(group)
    raw = match[group]
    value = _figure(raw)
    while value is None and " " in raw.strip():  # "five six": keep the part that parses
        raw = raw.rsplit(None, 1)[0]
        value, stop = _figure(raw), start + len(raw)
    if value is None or _excluded(text, start, stop, raw, value):
        return
    if raw.strip().lower() == "one" and not _one_is_count(text, start, stop):
        return
    prefixed = approx and bool(match["approx"]) and group in ("n1", "b1")
    first = match.start() if prefixed else start
    is_approx = prefixed or _approx_after(text, stop, end)
    yield _quantity(text, first, stop, value, None, False, is_approx)


def _figure(raw: str) -> int | None:
    if _NUMERIC_DATE.match(raw):
        return None
    return parse_number(raw)


def _quantity(
    text: str, start: int, end: int, value: int, high: int | None, vague: bool, approx: bool
) -> Quantity:
    return Quantity(start, end, text[start:end], value, high, vague, approx)


def _excluded(text: str, start: int, stop: int, raw: str, value: int) -> bool:
    """True when the figure is a date, time, year, measure, age or part of a name."""
    if raw.lower() in _BARE_SCALES:
        return True  # "$5 million": the scale word left over from an excluded figure
    before = text[max(0, start - 30) : start]
    if _NUMERIC_DATE.match(text, start) or _REJECT_BEFORE.search(before):
        return True
    if _REJECT_AFTER.match(text, stop) or ("." in raw and not _SCALE_AFTER.search(raw)):
        return True  # a measure or a date follows, or a bare decimal ("1.5")
    if _AGE_BETWEEN_COMMAS.search(before) and text.startswith(",", stop) and value < 120:
        return True  # "a boy, 12, was killed"
    if _CLOCK_AFTER_AT.search(before) and _is_clock(raw):
        return True  # "Sat 04 Oct 2014 at 1514"
    return _is_year(text, start, stop, raw, value)


def _is_clock(raw: str) -> bool:
    return len(raw) == 4 and raw.isdigit() and int(raw[:2]) < 24 and int(raw[2:]) < 60


def _is_year(text: str, start: int, stop: int, raw: str, value: int) -> bool:
    """A bare four-digit figure in 1900-2039 is a year unless it counts a plural
    noun ("2000 people") and no preposition points at a year ("since 2011")."""
    if not (len(raw) == 4 and raw.isdigit() and 1900 <= value <= 2039):
        return False
    if _YEAR_CONTEXT_BEFORE.search(text, max(0, start - 12), start):
        return True
    word = _WORD_AT.match(text, stop)
    return not (word and _is_plural(word.group(1)))


def _is_plural(word: str) -> bool:
    lower = word.lower()
    if lower in _IRREGULAR_PLURALS:
        return True
    if lower in _NOT_PLURAL or len(lower) < 3:
        return False
    if lower.endswith("men"):  # gunmen, tribesmen, women
        return True
    return len(lower) > 3 and lower.endswith("s") and not lower.endswith(_SINGULAR_ENDINGS)


def _one_is_count(text: str, start: int, stop: int) -> bool:
    """ "one civilian", "one of the": a count; "one day", "no one", "one another": not."""
    previous = _WORD_BEFORE.search(text, max(0, start - 15), start)
    if previous and previous.group(1).lower() in _ONE_NOT_COUNT_BEFORE:
        return False
    following = _WORD_AT.match(text, stop)
    if following is None:
        return False  # "one," / "one." : the pronoun
    return following.group(1).lower() not in _ONE_NOT_COUNT_AFTER


def _approx_after(text: str, stop: int, end: int) -> bool:
    return _APPROX_AFTER.match(text, stop, end) is not None


def _vague_quantity(text: str, match: re.Match[str], end: int) -> Iterator[Quantity]:
    word = " ".join(match["vague"].lower().split())
    start, stop = match.start("vague"), match.end("vague")
    if word not in _SMALL_VAGUE_VALUES:
        if _big_vague_counts(text, stop, word):
            yield _quantity(text, start, stop, _VAGUE_VALUES[word], None, True, False)
        return
    value = _SMALL_VAGUE_VALUES[word]
    scale = _SCALE_AFTER.match(text, stop, end)
    if scale:  # "several hundred", "a few dozen"
        value *= parse_number(scale.group(1)) or 1
        yield _quantity(text, start, scale.end(), value, None, True, False)
    elif _counts_plural_noun(text, start, stop, word):
        yield _quantity(text, start, stop, value, None, True, False)


def _counts_plural_noun(text: str, start: int, stop: int, word: str) -> bool:
    """The quantifier is followed by a plural noun (within three words) that is
    not a unit of time or measure: "several civilians", "some Syrian army members"."""
    previous = _WORD_BEFORE.search(text, max(0, start - 10), start)
    if word == "many" and previous and previous.group(1).lower() in ("how", "so", "too", "as"):
        return False
    return _plural_follows(text, stop, 3)


def _plural_follows(text: str, position: int, words: int) -> bool:
    for _ in range(words):
        following = _WORD_AT.match(text, position)
        if following is None:
            return False  # punctuation or a figure in between
        word = following.group(1).lower()
        if word == "of":
            return _partitive_counts(text, following.end())
        if _UNIT_NOUN.fullmatch(word):
            return False
        if _is_plural(word):
            return True
        if word in _STOP_AFTER_QUANTIFIER:
            return False
        position = following.end()
    return False


def _partitive_counts(text: str, position: int) -> bool:
    """ "of them", "of the victims", "of their fighters"."""
    following = _WORD_AT.match(text, position)
    if following is None:
        return False
    word = following.group(1).lower()
    if word in _PARTITIVE_TARGETS:
        return True
    if word in ("the", "their", "its", "his", "her", "our"):
        return _plural_follows(text, following.end(), 3)
    return _plural_follows(text, position, 3)  # "dozens of Islamic State fighters"


def _big_vague_counts(text: str, stop: int, word: str) -> bool:
    """ "dozens", "hundreds of civilians": a count unless it measures time or
    distance ("hundreds of years"); "tens" and "scores" need "of", a plural or a
    participle after them ("tens injured")."""
    following = _WORD_AT.match(text, stop)
    next_word = following.group(1).lower() if following else ""
    if next_word == "of":
        return _partitive_counts(text, following.end())
    if _UNIT_NOUN.fullmatch(next_word):
        return False
    if word in ("tens", "scores"):
        return next_word in _PARTICIPLES or _is_plural(next_word)
    return True
