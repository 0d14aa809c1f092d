"""Who said it: the claimant behind a sentence ("according to X", "X said").

Claimants are matched from the named sources in ``lexicon.json`` (each marked as a
party to the conflict or not). A source only counts when it is the one speaking: a
reporting verb follows it closely ("the Observatory said", "SANA reported") or
"according to" / "told" / "cited" comes right before it. An army that is merely the
subject of the news ("Syrian army units killed...") is not a claimant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from frontwatch.extract.lexicon import ClaimantPattern, Lexicon

_SPEAKS_BEFORE = re.compile(
    r"(?:according to|told|cited|quoting|quoted|citing|reported by|said by|to)\s+$", re.IGNORECASE
)
_GAP = 40


@dataclass(frozen=True, slots=True)
class Claimant:
    name: str
    start: int
    end: int
    party: bool | None
    forces: str | None = None  # the actor a military spokesman speaks for


def find_claimant(text: str, start: int, end: int, lexicon: Lexicon) -> Claimant | None:
    """The source a sentence ``text[start:end]`` attributes its content to, if any."""
    if not lexicon.report_verb.search(text, start, end):
        return None
    speaking = [c for c in _candidates(text, start, end, lexicon) if _speaks(text, c, lexicon)]
    named = [c for c in speaking if not c[0].generic] or speaking
    if not named:
        return None
    pattern, match = min(named, key=lambda c: c[1].start())
    party = _is_party(pattern, match, lexicon)
    return Claimant(pattern.name, match.start(), match.end(), party, pattern.forces)


def _candidates(text: str, start: int, end: int, lexicon: Lexicon):
    for pattern in lexicon.claimants:
        for match in pattern.pattern.finditer(text, start, end):
            yield pattern, match


def _speaks(text: str, candidate, lexicon: Lexicon) -> bool:
    _, match = candidate
    before = text[max(0, match.start() - _GAP) : match.start()]
    after = text[match.end() : match.end() + _GAP + 20]
    return bool(_SPEAKS_BEFORE.search(before) or lexicon.speaks_after.match(after))


def _is_party(pattern: ClaimantPattern, match: re.Match, lexicon: Lexicon) -> bool:
    if pattern.party is not None:
        return pattern.party
    return bool(lexicon.party_word.search(match.group(0)))
