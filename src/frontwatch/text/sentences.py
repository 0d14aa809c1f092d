"""Sentence and paragraph splitting for news text.

Rule based and fast: a newline always ends a sentence; inside a line a
sentence ends at ``.``, ``!``, ``?`` or an ellipsis (with any closing quotes or
brackets) followed by space and a word that can open a sentence. Known
abbreviations ("Mr.", "Gen.", "No. 5", "U.S. officials", "10 a.m. local time"),
initials ("John F. Kennedy") and decimals ("2.5") do not end one. A dateline at
the start of an article ("Wed 05 Apr 2017", "Damascus, SANA -", "BEIRUT
(Reuters) -") becomes a sentence of its own, so the title or first sentence
that follows it starts cleanly.
"""

from __future__ import annotations

import re

from frontwatch.model import Span
from frontwatch.text.dates import locate_dateline


def _words(spaced: str) -> list[str]:
    """A word list written as one string (keeps long vocabularies readable)."""
    return spaced.split()


# Titles always precede a name: never the end of a sentence.
_TITLES = frozenset(
    _words(
        "mr mrs ms messrs dr gen lt col maj capt cpt sgt cpl pvt brig adm cmdr cdr gov "
        "sen rep prof rev st mt ft pres amb hon sheikh sh fr sr jr"
    )
)
# These precede a number ("No. 5", "Jan. 12"): they end a sentence only when no
# number follows.
_BEFORE_NUMBERS = frozenset(
    _words("no nos art arts p pp vol fig jan feb mar apr jun jul aug sep sept oct nov dec")
)
# After these (and after dotted acronyms like "U.S." or single initials) a
# capitalised word is usually a name ("U.S. State Department"), so they end a
# sentence only when the next word is a typical sentence opener.
_SOFT_ABBREVIATIONS = frozenset(_words("inc co corp ltd etc vs approx est govt dept"))
_SENTENCE_OPENERS = frozenset(
    _words(
        "the a an in on at it he she they we i but and however meanwhile this that "
        "these those there his her their its according after before since while when "
        "earlier later also some many several both one two three four five six seven "
        "eight nine ten what who where why how if as for from by with no not our my "
        "your"
    )
)
_TERMINATOR = re.compile(r"(?:[.!?]+|…)[\"'”’»)\]]*(?=\s)")
_NEXT_WORD = re.compile(r"\s+[\"'“‘«(\[]*(\S)([\w'’-]*)")
_DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_LINE = re.compile(r"[^\n\r]+")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_NEWLINE = re.compile(r"\n")
_PARAGRAPH_BODY = re.compile(r"\S(?:.*\S)?", re.DOTALL)
# "Damascus, SANA -", "BEIRUT (Reuters) -", "Provinces, Dec 21, 2013 (SANA)-"
_WIRE_DATELINE = re.compile(
    r"[A-Z][\w'’.-]*(?:[ ,]+[A-Z][\w'’.-]*){0,3},?[^\n]{0,20}?\s*"
    r"(?:\((?:SANA|AP|AFP|Reuters|ST|MENA|NNA|IRNA|Xinhua|TASS|dpa|AA|UPI)\)|SANA|MENA)"
    r"\s*[-–—_]+"
)
_LEADING_LIST_MARKER = re.compile(r"\s*\d{1,2}$")
# "... Over 20 Dead MOSCOW (Sputnik) The terrorists fired ...": a wire dateline inside a
# line starts the story; the words before it since the last sentence are page furniture
# (a related article's title, a photo credit) with no full stop of their own.
_INNER_WIRE_DATELINE = re.compile(
    r"\b[A-Z]{3,}(?:[ -][A-Z]{3,})?,?\s*\((?:Sputnik|SANA|AP|AFP|Reuters|MENA|NNA|IRNA|Xinhua|"
    r"TASS|dpa|AA|UPI|Anadolu)\)\s*[-–—]?\s*"
)

# "... Latakia June 6 2015 (Reuters) Two people were killed ...": a photo caption ends in
# its agency credit, often with no full stop; the story's first sentence follows it.
_CAPTION_CREDIT = re.compile(
    r"\((?:(?:With|Photo|File)\s+)?(?:AFP|AP|AA|IHA|DHA|EPA|Reuters|Anadolu|Getty|Xinhua)"
    r"(?:\s+(?:Photo|Images|and\s+\w+))*\)(?=\s+[\"“]?[A-Z0-9])"
)
_CREDIT_NEXT = re.compile(r"\s*" + _CAPTION_CREDIT.pattern)


def split_sentences(text: str) -> list[Span]:
    """Sentences of ``text`` as spans (offsets into ``text``), whitespace-stripped."""
    cuts = _dateline_cuts(text)
    sentences: list[Span] = []
    for line in _LINE.finditer(text):
        start = line.start()
        line_cuts = [c for c in cuts if line.start() < c < line.end()]
        for cut in sorted(line_cuts + _boundaries(text, line.start(), line.end())):
            _append_stripped(sentences, text, start, cut)
            start = cut
        _append_stripped(sentences, text, start, line.end())
    return sentences


def paragraphs(text: str) -> list[Span]:
    """Paragraphs: blocks between blank lines; in text with no blank line at all,
    every line is a paragraph (scraped pages often use single newlines)."""
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else _NEWLINE
    found: list[Span] = []
    start = 0
    for gap in separator.finditer(text):
        _append_stripped(found, text, start, gap.start())
        start = gap.end()
    _append_stripped(found, text, start, len(text))
    return found


def _append_stripped(spans: list[Span], text: str, start: int, end: int) -> None:
    body = _PARAGRAPH_BODY.search(text, start, end)
    if body is not None:
        spans.append(Span(body.start(), body.end(), body.group(0)))


def _dateline_cuts(text: str) -> list[int]:
    """Offsets where the dateline starts and ends, and where wire datelines at
    the start of a line ("Aleppo, SANA -") end."""
    cuts: list[int] = []
    dateline = locate_dateline(text)
    if dateline is not None:
        cuts += [dateline.start, dateline.end]
    for line in _LINE.finditer(text):
        wire = _WIRE_DATELINE.match(text, line.start(), line.end())
        if wire is not None:
            cuts.append(wire.end())
    for inner in _INNER_WIRE_DATELINE.finditer(text):
        cuts += [inner.start(), inner.end()]
    cuts += [credit.end() for credit in _CAPTION_CREDIT.finditer(text)]
    return cuts


def before_wire_dateline(text: str, sentence: Span) -> bool:
    """The sentence is page furniture cut off by a wire dateline inside its line: it has
    no closing punctuation and the dateline follows right after it."""
    if sentence.text.rstrip("\"'”’)").endswith((".", "!", "?")):
        return False
    after = sentence.end + text[sentence.end : sentence.end + 1].isspace()  # one space
    return _INNER_WIRE_DATELINE.match(text, after) is not None


def is_photo_caption(text: str, sentence: Span) -> bool:
    """The sentence ends in a photo credit ("... August 1 2016 (Reuters Photo)"), or one
    stands right after it: it describes a picture, and its date is the picture's."""
    # only where a credit can stand (a sentence is cut right after one): its last bracket,
    # or the first word after it, "... in Manbij on June 24 2016. (AFP) The Raqa ..."
    last_bracket = text.rfind("(", sentence.start, sentence.end)
    if last_bracket >= 0:
        ending = _CAPTION_CREDIT.match(text, last_bracket)
        if ending is not None and ending.end() == sentence.end:
            return True
    return _CREDIT_NEXT.match(text, sentence.end) is not None


def _boundaries(text: str, start: int, end: int) -> list[int]:
    """Offsets inside one line where a sentence ends (just after its punctuation)."""
    found = []
    for match in _TERMINATOR.finditer(text, start, end):
        if _ends_sentence(text, start, match):
            found.append(match.end())
    return found


def _ends_sentence(text: str, line_start: int, match: re.Match[str]) -> bool:
    following = _NEXT_WORD.match(text, match.end())
    if following is None:
        return False
    first_char, rest = following.group(1), following.group(2)
    if first_char.islower():
        return False  # "approx. five", "e.g. the" and punctuation-stripped run-ons
    if not match.group(0).startswith("."):
        return True  # "?" and "!" end a sentence whenever a new one can start
    token = _token_before(text, line_start, match.start())
    return _period_ends_sentence(token, text, line_start, match, first_char + rest)


def _period_ends_sentence(
    token: str, text: str, line_start: int, match: re.Match[str], next_word: str
) -> bool:
    word = token.lower()
    if word in _TITLES:
        return False
    if word in _BEFORE_NUMBERS:
        return not next_word[0].isdigit()
    if word in _SOFT_ABBREVIATIONS or _DOTTED_ACRONYM.fullmatch(token) or _is_initial(token):
        return next_word.lower() in _SENTENCE_OPENERS
    # "1. Ghouta: ..." is a numbered list item, not a sentence ending in "1"
    return not (token.isdigit() and _LEADING_LIST_MARKER.fullmatch(text, line_start, match.start()))


def _token_before(text: str, line_start: int, end: int) -> str:
    space = max(text.rfind(" ", line_start, end), text.rfind("\t", line_start, end))
    return text[max(space + 1, line_start) : end].lstrip("\"'“‘«([")


def _is_initial(token: str) -> bool:
    return len(token) == 1 and token.isupper()
