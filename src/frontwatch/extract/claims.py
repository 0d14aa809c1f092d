"""Who said it: the claimant behind a sentence ("according to X", "X said").

Claimants are matched from the named sources in ``lexicon.json`` (each marked as a
party to the conflict or not) and only count when a reporting verb stands in the same
sentence, so a monitor merely mentioned is not taken for a source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from frontwatch.extract.lexicon import Lexicon

_ACCORDING_TO = re.compile(r"\baccording to\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Claimant:
    name: str
    start: int
    end: int
    party: bool | None


def find_claimant(text: str, start: int, end: int, lexicon: Lexicon) -> Claimant | None:
    """The source a sentence ``text[start:end]`` attributes its content to, if any."""
    sentence = text[start:end]
    if not lexicon.report_verb.search(sentence):
        return None
    best: Claimant | None = None
    for claimant in _specific_first(lexicon):
        match = claimant.pattern.search(sentence)
        if best is not None and claimant.party is None:
            break  # a named source was found: generic "media reports" adds nothing
        if match and _better(match, sentence, best, start):
            party = claimant.party
            if party is None:
                party = bool(lexicon.party_word.search(match.group(0)))
            best = Claimant(claimant.name, start + match.start(), start + match.end(), party)
    return best


def _specific_first(lexicon: Lexicon):
    return sorted(lexicon.claimants, key=lambda c: c.party is None)


def _better(match: re.Match, sentence: str, best: Claimant | None, offset: int) -> bool:
    """Prefer the claimant right after 'according to', then the earliest in the sentence."""
    if best is None:
        return True
    according = _ACCORDING_TO.search(sentence)
    if according and 0 <= match.start() - according.end() <= 2:
        return True
    if according and 0 <= best.start - offset - according.end() <= 2:
        return False
    return match.start() < best.start - offset
