"""The actor dictionary's data: the time-versioned actor TSV files and the index built from them.

The data is in ``frontwatch/data/actors/`` (``actors.tsv``: one row per actor
version; ``generic.tsv``: "gunmen", "civilians", ... with a ``{country}``
placeholder). The folder's README describes the format and the sources.

This module reads and checks those files (every error names file and line) and
compiles them, shipped tables first and user files over them, into one
:class:`Index`. It is kept apart from :mod:`frontwatch.resolve.actors`, which
scans news text against a built index and picks the actor version for a date
and country: the file format and the rules that build the index change for
other reasons than the matching does.

The word normalisation lives here too, because an alias key *is* the normalised
alias: the scanner runs the same :func:`tokenize` over the text so both sides
meet the same key. Words are kept with their offsets, lower-cased, folded to
ASCII, stripped of apostrophes and possessive "'s", and the Arabic article
("al-", "el-", "ash-") is merged into the next word, so "al-Nusra", "Al Nusra",
"Nusra" and "Assad's forces" / "Assad forces" meet the same key.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from frontwatch.model import Actor
from frontwatch.settings import DATA_DIR

SHIPPED_FILES = (DATA_DIR / "actors" / "actors.tsv", DATA_DIR / "actors" / "generic.tsv")

_TOKEN_SPLIT = re.compile(r"((?:[A-Za-z]\.){2,}|\w+(?:['’ʼ‘`´ʻ]\w+)*)")
_APOSTROPHES = re.compile("[’ʼ‘`´ʻ]")
_POSSESSIVE = re.compile(r"'s$", re.IGNORECASE)
_SIMPLE_GAP = re.compile(r"[ \t\u00a0\-‐‑–—'’]*")  # spaces, dashes, "rebels' " apostrophes
_LIST_GAP = re.compile(r"[ \t\u00a0]*[,/&][ \t\u00a0]*")
_SCOPE = re.compile(r"\[([^\]]*)\]\s*")
_HYPHENS = "-‐‑–"
_ARTICLES = frozenset({"al", "el"})
# Sun-letter forms count as the article only when hyphen-joined ("ash-Sham"), so
# the English "as", "at", "an" stay words.
_SUN_ARTICLES = frozenset({"an", "ar", "as", "ash", "ad", "adh", "az", "at", "ath"})
SIMPLE, LIST, BREAK = 0, 1, 2  # what separates a word from the one before it

# Row kinds: a named actor, a generic template ("Civilians ({country})"), a group
# noun that only extends a named actor ("{actor}"), or a stop phrase ("{none}").
NAMED, GENERIC, SUFFIX, NONE = "named", "generic", "suffix", "none"


class ActorDataError(ValueError):
    """A dictionary file that cannot be read; the message names file and line."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One alias of one actor version."""

    actor: Actor  # for GENERIC rows the name holds "{country}"
    kind: str
    valid_from: date | None
    valid_to: date | None
    scope: frozenset[str]  # countries a scoped alias ("[Syria] army") is limited to
    region: frozenset[str]  # the scope, else the actor's country
    order: int  # file order: earlier rows win ties

    @property
    def start(self) -> date:
        return self.valid_from or date.min

    def distance(self, on: date) -> int:
        """Days between ``on`` and this version's validity (0 when valid)."""
        if self.valid_from and on < self.valid_from:
            return (self.valid_from - on).days
        if self.valid_to and on > self.valid_to:
            return (on - self.valid_to).days
        return 0


@dataclass(frozen=True, slots=True)
class Tokens:
    """The normalised words of a text and where each came from."""

    words: list[str]  # normalised, original case kept
    starts: list[int]  # offsets in the text (a merged article starts the word)
    ends: list[int]
    gaps: list[int]  # SIMPLE | LIST | BREAK before each word
    line: str  # lower-cased words: " " across simple gaps, " | " otherwise
    offsets: list[int]  # where each word starts in ``line``


@dataclass(frozen=True, slots=True)
class Index:
    """The compiled dictionary: built once by :class:`Builder`, read by every scan."""

    pattern: re.Pattern[str]
    entries: dict[str, tuple[Entry, ...]]
    upper: dict[str, tuple[bool, ...]]  # per key: words that must be capitals
    suffixes: frozenset[str]
    names: dict[str, Actor]
    templates: tuple[tuple[re.Pattern[str], int], ...]


# --- normalisation ---------------------------------------------------------------


def _normalize(word: str) -> str:
    if word.isascii() and word.isalnum():
        return word
    if not word.isascii():  # fold diacritics and apostrophe look-alikes
        word = unicodedata.normalize("NFKD", _APOSTROPHES.sub("'", word))
        word = "".join(c for c in word if not unicodedata.combining(c))
    word = word.replace(".", "")
    if "'" in word:
        word = _POSSESSIVE.sub("", word).replace("'", "")
    return word


def _gap_kind(gap: str) -> int:
    if gap == " " or _SIMPLE_GAP.fullmatch(gap):
        return SIMPLE
    return LIST if _LIST_GAP.fullmatch(gap) else BREAK


def _is_article(word: str, after: str) -> bool:
    low = word.lower()
    return low in _ARTICLES or (low in _SUN_ARTICLES and after[:1] in _HYPHENS)


def tokenize(text: str, start: int, end: int) -> Tokens:
    parts = _TOKEN_SPLIT.split(text[start:end])  # gap, word, gap, word, ..., gap
    words, starts, ends, gaps = [], [], [], []
    pos, gap, article = start + len(parts[0]), BREAK, None  # article: (start, gap before it)
    for word, after in zip(parts[1::2], parts[2::2], strict=True):
        if len(word) <= 3 and _is_article(word, after):
            article = (pos, gap)
        else:
            first = pos
            if article is not None:
                first = article[0] if gap == SIMPLE else pos
                gap, article = max(gap, article[1]), None
            words.append(_normalize(word))
            starts.append(first)
            ends.append(pos + len(word))
            gaps.append(gap)
        pos += len(word) + len(after)
        gap = _gap_kind(after)
    return Tokens(words, starts, ends, gaps, *_line(words, gaps))


def _line(words: list[str], gaps: list[int]) -> tuple[str, list[int]]:
    lows = [word.lower() for word in words]
    pieces = [
        ("" if i == 0 else " " if g == SIMPLE else " | ") + low
        for i, (g, low) in enumerate(zip(gaps, lows, strict=True))
    ]
    piece_ends = itertools.accumulate(map(len, pieces))
    return "".join(pieces), [end - len(low) for end, low in zip(piece_ends, lows, strict=True)]


# --- reading the data files --------------------------------------------------------


def _read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row of a TSV file; '#' lines are comments."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise ActorDataError(f"{path}: cannot read actor file: {err}") from err
    numbered = [(n, ln) for n, ln in enumerate(lines, 1) if ln.strip() and not ln.startswith("#")]
    if not numbered:
        return
    header = numbered[0][1].split("\t")
    if missing := {"name", "aliases", "inter"} - set(header):
        raise ActorDataError(f"{path}: header lacks column(s) {', '.join(sorted(missing))}")
    for n, line in numbered[1:]:
        cells = line.split("\t")
        if len(cells) > len(header):
            raise ActorDataError(f"{path}:{n}: {len(cells)} cells for {len(header)} columns")
        yield n, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))


def _date(value: str) -> date | None:
    return date.fromisoformat(value.strip()) if value.strip() else None


def _parse_row(row: dict[str, str]) -> tuple[Actor, str, date | None, date | None]:
    name = row["name"].strip()
    if not name:
        raise ValueError("empty name")
    kind = {"{actor}": SUFFIX, "{none}": NONE}.get(name) or (
        GENERIC if "{country}" in name else NAMED
    )
    inter = int(row["inter"]) if row["inter"].strip() or kind in (NAMED, GENERIC) else 0
    if kind in (NAMED, GENERIC) and not 1 <= inter <= 8:
        raise ValueError(f"inter {inter} is not 1-8")
    valid_from, valid_to = _date(row.get("valid_from", "")), _date(row.get("valid_to", ""))
    if valid_from and valid_to and valid_to < valid_from:
        raise ValueError("valid_to is before valid_from")
    country = row.get("country", "").strip() or None
    return Actor(name, inter, country), kind, valid_from, valid_to


def _split_top(text: str) -> list[str]:
    """Split on '|' outside parentheses."""
    parts, depth, current = [], 0, []
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            raise ValueError(f"unbalanced ')' in {text!r}")
        if ch == "|" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    if depth:
        raise ValueError(f"unbalanced '(' in {text!r}")
    return [*parts, "".join(current)]


def _expand(alias: str) -> list[str]:
    """'(Syrian|Syria's) (army|troops)' -> the four phrases."""
    open_at = alias.find("(")
    if open_at < 0:
        return [" ".join(alias.split())]
    depth = 0
    for close_at in range(open_at, len(alias)):
        depth += (alias[close_at] == "(") - (alias[close_at] == ")")
        if depth == 0:
            break
    head, tail = alias[:open_at], alias[close_at + 1 :]
    choices = _split_top(alias[open_at + 1 : close_at])
    return [phrase for choice in choices for phrase in _expand(head + choice + tail)]


def _aliases(cell: str) -> Iterator[tuple[frozenset[str], str]]:
    for alias in _split_top(cell):
        scope, alias = frozenset(), alias.strip()
        if m := _SCOPE.match(alias):
            scope = frozenset(c.strip() for c in m.group(1).split(",") if c.strip())
            alias = alias[m.end() :]
        for phrase in _expand(alias):
            if phrase:
                yield scope, phrase


def _key(phrase: str) -> tuple[str, tuple[bool, ...]]:
    tokens = tokenize(phrase, 0, len(phrase))
    if not tokens.words or any(gap != SIMPLE for gap in tokens.gaps[1:]):
        raise ValueError(f"alias {phrase!r} has no words or has punctuation between words")
    return tokens.line, tuple(w.isupper() and len(w) > 1 for w in tokens.words)


# --- building the index ---------------------------------------------------------------


@dataclass
class Builder:
    """Collects entries layer by layer; a later layer overrides earlier ones per alias."""

    entries: dict[str, list[Entry]]
    upper: dict[str, tuple[bool, ...]]
    names: dict[str, Actor]
    templates: dict[str, tuple[re.Pattern[str], int]]
    order: int = 0

    def add_layer(self, paths: Sequence[Path]) -> None:
        layer: dict[str, list[Entry]] = {}
        for path in paths:
            for n, row in _read_rows(path):
                try:
                    self._add_row(row, layer)
                except ValueError as err:
                    raise ActorDataError(f"{path}:{n}: {err}") from err
        for key, new in layer.items():
            self.entries[key] = [e for e in self.entries.get(key, []) if not _overridden(e, new)]
            self.entries[key].extend(new)

    def _add_row(self, row: dict[str, str], layer: dict[str, list[Entry]]) -> None:
        actor, kind, valid_from, valid_to = _parse_row(row)
        phrases = list(_aliases(row["aliases"]))
        if kind == NAMED:
            self.names[actor.name.casefold()] = actor
            if not set("():") & set(actor.name):  # the name as it can appear in text
                phrases.append((frozenset(), actor.name))
        elif kind == GENERIC:
            self.templates[actor.name] = (_template_pattern(actor.name), actor.inter)
        for scope, phrase in phrases:
            key, upper = _key(phrase)
            region = scope or frozenset({actor.country} - {None})
            entry = Entry(actor, kind, valid_from, valid_to, scope, region, self.order)
            layer.setdefault(key, []).append(entry)
            old = self.upper.get(key, upper)
            self.upper[key] = tuple(a and b for a, b in zip(old, upper, strict=True))
            self.order += 1

    def index(self) -> Index:
        entries = {k: tuple(v) for k, v in self.entries.items() if v}
        suffixes = frozenset(k for k, v in entries.items() if any(e.kind == SUFFIX for e in v))
        upper = {k: self.upper[k] for k in entries}
        templates = tuple(self.templates.values())
        return Index(_trie_pattern(entries), entries, upper, suffixes, self.names, templates)


def _overridden(old: Entry, new: list[Entry]) -> bool:
    """A user row replaces shipped rows of the same alias, country and table."""
    return any(old.region == e.region and (old.kind == NAMED) == (e.kind == NAMED) for e in new)


def _template_pattern(template: str) -> re.Pattern[str]:
    head, _, tail = template.partition("{country}")
    return re.compile(re.escape(head) + "(?P<country>.+)" + re.escape(tail))


def _trie_pattern(keys: Sequence[str] | dict[str, object]) -> re.Pattern[str]:
    """One regex for all keys: a character trie, so a failed branch costs one comparison."""
    root: dict[str, dict] = {}
    for key in keys:
        node = root
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}
    return re.compile(r"(?<!\w)" + _render(root))


def _render(node: dict[str, dict]) -> str:
    # Continuations come before the end-of-key branch: the longest alias wins.
    alts = [re.escape(ch) + _render(child) for ch, child in sorted(node.items()) if ch]
    if "" in node:
        alts.append(r"(?!\w)")
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
