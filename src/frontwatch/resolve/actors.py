"""The actor dictionary: actor names in news text -> normalised, time-versioned actors.

The data is in ``frontwatch/data/actors/`` (``actors.tsv``: one row per actor
version; ``generic.tsv``: "gunmen", "civilians", ... with a ``{country}``
placeholder). The folder's README describes the format and the sources.

Matching runs over a normalised copy of the text: words are kept with their
offsets, lower-cased, folded to ASCII, stripped of apostrophes and possessive
"'s", and the Arabic article ("al-", "el-", "ash-") is merged into the next
word, so "al-Nusra", "Al Nusra", "Nusra" and "Assad's forces" / "Assad forces"
meet the same key. One precompiled regex (a character trie of every alias key)
finds the leftmost, longest alias; aliases written in capitals ("IS", "SAA")
only match capitals, so "IS" never matches the English "is".
"""

from __future__ import annotations

import bisect
import itertools
import logging
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from frontwatch.model import Actor, Span
from frontwatch.settings import DATA_DIR

log = logging.getLogger(__name__)

SHIPPED_FILES = (DATA_DIR / "actors" / "actors.tsv", DATA_DIR / "actors" / "generic.tsv")
UNKNOWN_COUNTRY = "Unknown"  # fills "{country}" when the caller knows no country

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
_LINKERS = frozenset({"of", "from", "the"})
_ARMED = frozenset({2, 3, 4})  # generic inter codes that can name a named actor's men
SIMPLE, LIST, BREAK = 0, 1, 2  # what separates a word from the one before it

# Row kinds: a named actor, a generic template ("Civilians ({country})"), a group
# noun that only extends a named actor ("{actor}"), or a stop phrase ("{none}").
NAMED, GENERIC, SUFFIX, NONE = "named", "generic", "suffix", "none"


class ActorDataError(ValueError):
    """A dictionary file that cannot be read; the message names file and line."""


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One actor named in the text."""

    span: Span  # the words as found in the text (absolute offsets)
    actor: Actor
    generic: bool  # from the generic table ("gunmen" -> Unidentified Armed Group)


@dataclass(frozen=True, slots=True)
class _Entry:
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
class _Tokens:
    """The normalised words of a text and where each came from."""

    words: list[str]  # normalised, original case kept
    starts: list[int]  # offsets in the text (a merged article starts the word)
    ends: list[int]
    gaps: list[int]  # SIMPLE | LIST | BREAK before each word
    line: str  # lower-cased words: " " across simple gaps, " | " otherwise
    offsets: list[int]  # where each word starts in ``line``


@dataclass(frozen=True, slots=True)
class _Hit:
    first: int  # word indexes, inclusive
    last: int
    actor: Actor | None
    kind: str
    suffixable: bool  # the words can also be a group noun ("troops")
    headed: bool  # the last word is a group noun ("regime forces")


@dataclass(frozen=True, slots=True)
class _Index:
    pattern: re.Pattern[str]
    entries: dict[str, tuple[_Entry, ...]]
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


def _tokenize(text: str, start: int, end: int) -> _Tokens:
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
    return _Tokens(words, starts, ends, gaps, *_line(words, gaps))


def _line(words: list[str], gaps: list[int]) -> tuple[str, list[int]]:
    lows = [word.lower() for word in words]
    pieces = [
        ("" if i == 0 else " " if g == SIMPLE else " | ") + low
        for i, (g, low) in enumerate(zip(gaps, lows, strict=True))
    ]
    piece_ends = itertools.accumulate(map(len, pieces))
    return "".join(pieces), [end - len(low) for end, low in zip(piece_ends, lows, strict=True)]


def _case_ok(mask: tuple[bool, ...], words: Sequence[str]) -> bool:
    return all(word.isupper() for word, upper in zip(words, mask, strict=False) if upper)


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
    tokens = _tokenize(phrase, 0, len(phrase))
    if not tokens.words or any(gap != SIMPLE for gap in tokens.gaps[1:]):
        raise ValueError(f"alias {phrase!r} has no words or has punctuation between words")
    return tokens.line, tuple(w.isupper() and len(w) > 1 for w in tokens.words)


# --- building the index ---------------------------------------------------------------


@dataclass
class _Builder:
    """Collects entries layer by layer; a later layer overrides earlier ones per alias."""

    entries: dict[str, list[_Entry]]
    upper: dict[str, tuple[bool, ...]]
    names: dict[str, Actor]
    templates: dict[str, tuple[re.Pattern[str], int]]
    order: int = 0

    def add_layer(self, paths: Sequence[Path]) -> None:
        layer: dict[str, list[_Entry]] = {}
        for path in paths:
            for n, row in _read_rows(path):
                try:
                    self._add_row(row, layer)
                except ValueError as err:
                    raise ActorDataError(f"{path}:{n}: {err}") from err
        for key, new in layer.items():
            self.entries[key] = [e for e in self.entries.get(key, []) if not _overridden(e, new)]
            self.entries[key].extend(new)

    def _add_row(self, row: dict[str, str], layer: dict[str, list[_Entry]]) -> None:
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
            entry = _Entry(actor, kind, valid_from, valid_to, scope, region, self.order)
            layer.setdefault(key, []).append(entry)
            old = self.upper.get(key, upper)
            self.upper[key] = tuple(a and b for a, b in zip(old, upper, strict=True))
            self.order += 1

    def index(self) -> _Index:
        entries = {k: tuple(v) for k, v in self.entries.items() if v}
        suffixes = frozenset(k for k, v in entries.items() if any(e.kind == SUFFIX for e in v))
        upper = {k: self.upper[k] for k in entries}
        templates = tuple(self.templates.values())
        return _Index(_trie_pattern(entries), entries, upper, suffixes, self.names, templates)


def _overridden(old: _Entry, new: list[_Entry]) -> bool:
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


# --- resolving one match ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Resolver:
    index: _Index
    on: date | None
    country: str | None

    def hit(self, key: str, words: Sequence[str], first: int, last: int) -> _Hit | None:
        entries = self.index.entries.get(key)
        if not entries or not _case_ok(self.index.upper[key], words):
            return None
        entry = self.pick(entries)
        if entry is None:
            return None
        suffixes = self.index.suffixes
        headed = key.rpartition(" ")[2] in suffixes
        return _Hit(first, last, self.actor(entry), entry.kind, key in suffixes, headed)

    def pick(self, entries: tuple[_Entry, ...]) -> _Entry | None:
        named = [e for e in entries if e.kind == NAMED and (not e.scope or self.country in e.scope)]
        if named:
            return self.version(self.lineage(named))
        return next((e for e in entries if e.kind != NAMED), None)

    def lineage(self, named: list[_Entry]) -> list[_Entry]:
        """The versions of one actor: those of the caller's country first, else the first listed."""
        if self.country:
            named = [e for e in named if self.country in e.region] or named
        return [e for e in named if e.region == named[0].region]

    def version(self, versions: list[_Entry]) -> _Entry:
        """Valid on the date (the latest-starting one when several are), else the nearest."""
        if self.on is None:
            return max(versions, key=lambda e: (e.start, -e.order))
        on = self.on
        valid = [e for e in versions if e.distance(on) == 0]
        if valid:
            return max(valid, key=lambda e: (e.start, -e.order))
        return min(versions, key=lambda e: (e.distance(on), e.order))

    def actor(self, entry: _Entry) -> Actor | None:
        actor = entry.actor
        if entry.kind == GENERIC:
            name = actor.name.replace("{country}", self.country or UNKNOWN_COUNTRY)
            return Actor(name, actor.inter, self.country)
        if entry.kind != NAMED:
            return None
        # ACLED codes a state's forces acting in another country as external forces.
        foreign = actor.inter == 1 and self.country and actor.country not in (None, self.country)
        return replace(actor, inter=8) if foreign else actor


# --- scanning a text ------------------------------------------------------------------------


def _scan(resolver: _Resolver, tokens: _Tokens) -> list[_Hit]:
    hits: list[_Hit] = []
    for m in resolver.index.pattern.finditer(tokens.line):
        first = bisect.bisect_left(tokens.offsets, m.start())
        last = bisect.bisect_left(tokens.offsets, m.end()) - 1
        hit = resolver.hit(m.group(), tokens.words[first : last + 1], first, last)
        if hit is None:
            continue
        floor = hits[-1].last if hits else -1
        if hit.kind == NAMED:
            hits.extend(_coordinated(resolver, tokens, hit, m.group(), floor))
        hits.append(hit)
    hits.sort(key=lambda h: (h.first, -h.last))
    return _merge(hits, tokens)


def _coordinated(
    resolver: _Resolver, tokens: _Tokens, hit: _Hit, key: str, floor: int
) -> list[_Hit]:
    """'Russian and Syrian warplanes': the head word 'warplanes' also goes with 'Russian'."""
    if " " not in key:
        return []
    rest, found, i = key.split(" ", 1)[1], [], hit.first - 1
    rest_words = tokens.words[hit.first + 1 : hit.last + 1]
    while i > floor and tokens.gaps[i + 1] != BREAK:
        word = tokens.words[i]
        if word.lower() == "and":
            i -= 1
            continue
        other = resolver.hit(f"{word.lower()} {rest}", [word, *rest_words], i, hit.last)
        if other is None or other.actor is None:
            break
        found.append(other)
        i -= 1
    return found


def _merge(hits: list[_Hit], tokens: _Tokens) -> list[_Hit]:
    """Join a named actor and its group noun ('IS militants', 'members of the Syrian army')."""
    out: list[_Hit] = []
    for hit in hits:
        prev = out[-1] if out else None
        if prev is not None and _extends(prev, hit, tokens):
            out[-1] = replace(prev, last=hit.last)
        elif prev is not None and _absorbs(prev, hit, tokens):
            out[-1] = replace(hit, first=prev.first)
        else:
            out.append(hit)
    return [h for h in out if h.kind in (NAMED, GENERIC)]


def _armed_generic(hit: _Hit) -> bool:
    return hit.kind == GENERIC and hit.actor is not None and hit.actor.inter in _ARMED


def _extends(prev: _Hit, hit: _Hit, tokens: _Tokens) -> bool:
    if prev.kind != NAMED or hit.first != prev.last + 1 or tokens.gaps[hit.first] != SIMPLE:
        return False
    same = hit.actor is not None and prev.actor is not None and hit.actor.name == prev.actor.name
    # "IS militants" is one actor; "regime forces rebel forces" (lost comma) is two.
    return hit.suffixable or same or (_armed_generic(hit) and not prev.headed)


def _absorbs(prev: _Hit, hit: _Hit, tokens: _Tokens) -> bool:
    if hit.kind != NAMED or not (prev.suffixable or _armed_generic(prev)):
        return False
    between = [w.lower() for w in tokens.words[prev.last + 1 : hit.first]]
    simple = all(g == SIMPLE for g in tokens.gaps[prev.last + 1 : hit.first + 1])
    return simple and bool(between) and set(between) <= _LINKERS and between[0] != "the"


def _mention(text: str, tokens: _Tokens, hit: _Hit, actor: Actor) -> ActorMention:
    span = Span.of(text, tokens.starts[hit.first], tokens.ends[hit.last])
    return ActorMention(span, actor, hit.kind == GENERIC)


# --- the public class -----------------------------------------------------------------------------


class ActorDictionary:
    """The shipped actor tables plus user files (same TSV format) that override them.

    ``ActorDictionary(paths)`` reads nothing; call ``load()`` once, then ``find``.
    """

    def __init__(self, paths: Sequence[Path] = ()) -> None:
        self._paths = tuple(Path(p) for p in paths)
        self._index: _Index | None = None

    def load(self) -> ActorDictionary:
        builder = _Builder({}, {}, {}, {})
        builder.add_layer(SHIPPED_FILES)
        for path in self._paths:
            builder.add_layer((path,))
        self._index = builder.index()
        log.info("actor dictionary loaded: %d alias keys", len(self._index.entries))
        return self

    def find(
        self,
        text: str,
        start: int = 0,
        end: int | None = None,
        *,
        on: date | None = None,
        country: str | None = None,
    ) -> list[ActorMention]:
        """Actors named in ``text[start:end]``, in text order.

        ``on``: the event or publication date; picks the actor version valid then
        (the latest version when None). ``country``: where the text is set; it
        fills generic names and selects country-scoped aliases ("the army").
        """
        resolver = _Resolver(self._loaded(), on, country)
        tokens = _tokenize(text, start, len(text) if end is None else end)
        hits = _scan(resolver, tokens)
        return [_mention(text, tokens, h, h.actor) for h in hits if h.actor is not None]

    def get(self, name: str) -> Actor | None:
        """The actor with this canonical name (generic names like 'Civilians (Syria)' too)."""
        index = self._loaded()
        if actor := index.names.get(name.casefold()):
            return actor
        for pattern, inter in index.templates:
            if m := pattern.fullmatch(name):
                country = m.group("country")
                return Actor(name, inter, None if country == UNKNOWN_COUNTRY else country)
        return None

    def _loaded(self) -> _Index:
        if self._index is None:
            raise RuntimeError("ActorDictionary is not loaded: call load() first")
        return self._index
