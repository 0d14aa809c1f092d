"""The actor dictionary: actor names in news text -> normalised, time-versioned actors.

The dictionary files and the index compiled from them are in
:mod:`frontwatch.resolve.actor_data`; this module scans a text against that index
and resolves each match to the actor version valid on a date in a country.

Matching runs over a normalised copy of the text (``actor_data.tokenize``: words
lower-cased, folded to ASCII, the Arabic article merged into the next word). One
precompiled regex (a character trie of every alias key) finds the leftmost,
longest alias; aliases written in capitals ("IS", "SAA") only match capitals, so
"IS" never matches the English "is".
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from frontwatch.model import Actor, Span
from frontwatch.resolve.actor_data import (
    BREAK,
    GENERIC,
    NAMED,
    SHIPPED_FILES,
    SIMPLE,
    ActorDataError,
    Builder,
    Entry,
    Index,
    Tokens,
    tokenize,
)

# Callers of ActorDictionary get its error and its default files from here, not from actor_data.
__all__ = ["SHIPPED_FILES", "UNKNOWN_COUNTRY", "ActorDataError", "ActorDictionary", "ActorMention"]

log = logging.getLogger(__name__)

UNKNOWN_COUNTRY = "Unknown"  # fills "{country}" when the caller knows no country
_LINKERS = frozenset({"of", "from", "the"})
_ARMED = frozenset({2, 3, 4})  # generic inter codes that can name a named actor's men


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One actor named in the text."""

    span: Span  # the words as found in the text (absolute offsets)
    actor: Actor
    generic: bool  # from the generic table ("gunmen" -> Unidentified Armed Group)


@dataclass(frozen=True, slots=True)
class _Hit:
    first: int  # word indexes, inclusive
    last: int
    actor: Actor | None
    kind: str
    suffixable: bool  # the words can also be a group noun ("troops")
    headed: bool  # the last word is a group noun ("regime forces")


# --- resolving one match ----------------------------------------------------------------


def _case_ok(mask: tuple[bool, ...], words: Sequence[str]) -> bool:
    return all(word.isupper() for word, upper in zip(words, mask, strict=False) if upper)


@dataclass(frozen=True, slots=True)
class _Resolver:
    index: Index
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

    def pick(self, entries: tuple[Entry, ...]) -> Entry | None:
        named = [e for e in entries if e.kind == NAMED and (not e.scope or self.country in e.scope)]
        if named:
            return self.version(self.lineage(named))
        return next((e for e in entries if e.kind != NAMED), None)

    def lineage(self, named: list[Entry]) -> list[Entry]:
        """The versions of one actor: those of the caller's country first, else the first listed."""
        if self.country:
            named = [e for e in named if self.country in e.region] or named
        return [e for e in named if e.region == named[0].region]

    def version(self, versions: list[Entry]) -> Entry:
        """Valid on the date (the latest-starting one when several are), else the nearest."""
        if self.on is None:
            return max(versions, key=lambda e: (e.start, -e.order))
        on = self.on
        valid = [e for e in versions if e.distance(on) == 0]
        if valid:
            return max(valid, key=lambda e: (e.start, -e.order))
        return min(versions, key=lambda e: (e.distance(on), e.order))

    def actor(self, entry: Entry) -> Actor | None:
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


def _scan(resolver: _Resolver, tokens: Tokens) -> list[_Hit]:
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
    resolver: _Resolver, tokens: Tokens, hit: _Hit, key: str, floor: int
) -> list[_Hit]:
    """'Russian and Syrian warplanes', 'joint Syrian Russian warplanes': the head word
    'warplanes' also goes with the word before. Not one after a preposition with no 'and':
    in 'in the east of Syria Russian air strikes', 'Syria' ends a place, no second striker."""
    if " " not in key:
        return []
    rest, found, i = key.split(" ", 1)[1], [], hit.first - 1
    rest_words = tokens.words[hit.first + 1 : hit.last + 1]
    joined = False
    while i > floor and tokens.gaps[i + 1] != BREAK:
        word = tokens.words[i]
        if word.lower() == "and":
            joined, i = True, i - 1
            continue
        other = resolver.hit(f"{word.lower()} {rest}", [word, *rest_words], i, hit.last)
        if other is None or other.actor is None or (not joined and _ends_a_place(tokens, i)):
            break
        found.append(other)
        joined, i = False, i - 1
    return found


_PLACE_PREPOSITIONS = frozenset({"in", "of", "into", "across", "from", "near", "throughout"})


def _ends_a_place(tokens: Tokens, i: int) -> bool:
    """Word ``i`` is a place name after a preposition ('of Syria'), not a coordinated actor
    ('in Syrian Russian air strikes': an adjective, 'Syrian', names a striker)."""
    after_preposition = i > 0 and tokens.words[i - 1].lower() in _PLACE_PREPOSITIONS
    return after_preposition and not _ADJECTIVE_ENDING.search(tokens.words[i])


# nationality adjectives: Syrian, Russian, Turkish, Lebanese, Iraqi, French
_ADJECTIVE_ENDING = re.compile(r"(?:an|ish|ese|i|ch)$", re.IGNORECASE)


def _merge(hits: list[_Hit], tokens: Tokens) -> list[_Hit]:
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


def _extends(prev: _Hit, hit: _Hit, tokens: Tokens) -> bool:
    if prev.kind != NAMED or hit.first != prev.last + 1 or tokens.gaps[hit.first] != SIMPLE:
        return False
    same = hit.actor is not None and prev.actor is not None and hit.actor.name == prev.actor.name
    # "IS militants" is one actor; "regime forces rebel forces" (lost comma) is two.
    return hit.suffixable or same or (_armed_generic(hit) and not prev.headed)


def _absorbs(prev: _Hit, hit: _Hit, tokens: Tokens) -> bool:
    if hit.kind != NAMED or not (prev.suffixable or _armed_generic(prev)):
        return False
    between = [w.lower() for w in tokens.words[prev.last + 1 : hit.first]]
    simple = all(g == SIMPLE for g in tokens.gaps[prev.last + 1 : hit.first + 1])
    return simple and bool(between) and set(between) <= _LINKERS and between[0] != "the"


def _mention(text: str, tokens: Tokens, hit: _Hit, actor: Actor) -> ActorMention:
    span = Span.of(text, tokens.starts[hit.first], tokens.ends[hit.last])
    return ActorMention(span, actor, hit.kind == GENERIC)


# --- the public class -----------------------------------------------------------------------------


class ActorDictionary:
    """The shipped actor tables plus user files (same TSV format) that override them.

    ``ActorDictionary(paths)`` reads nothing; call ``load()`` once, then ``find``.
    """

    def __init__(self, paths: Sequence[Path] = ()) -> None:
        self._paths = tuple(Path(p) for p in paths)
        self._index: Index | None = None

    def load(self) -> ActorDictionary:
        builder = Builder({}, {}, {}, {})
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
        tokens = tokenize(text, start, len(text) if end is None else end)
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

    def _loaded(self) -> Index:
        if self._index is None:
            raise RuntimeError("ActorDictionary is not loaded: call load() first")
        return self._index
