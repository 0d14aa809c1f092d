"""The extractor's vocabulary, loaded from the data files in ``frontwatch/data/cues``.

Keywords are data, not code: ``events.tsv`` maps cue patterns to sub-event types and
``lexicon.json`` holds the casualty, victim, claim and background vocabulary.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from frontwatch.settings import DATA_DIR

CUES_DIR = DATA_DIR / "cues"
_FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class Cue:
    sub_event_type: str
    weight: int
    pattern: re.Pattern


@dataclass(frozen=True)
class ClaimantPattern:
    name: str
    pattern: re.Pattern
    party: bool | None
    forces: str | None = None  # a ministry speaking for its own forces: their actor name

    @property
    def generic(self) -> bool:
        """'local sources', 'media reports': a kind of source, not a named one."""
        return self.party is None


@dataclass(frozen=True)
class Lexicon:
    cues: tuple[Cue, ...]
    any_cue: re.Pattern  # all cue patterns in one: a cheap first test per clause
    killed_after: re.Pattern
    killed_before: re.Pattern
    injured_after: re.Pattern
    injured_before: re.Pattern
    person_noun: re.Pattern
    civilian_noun: re.Pattern
    combatant_noun: re.Pattern
    total_noun: re.Pattern
    not_casualty_noun: re.Pattern
    background: re.Pattern
    durative: re.Pattern  # a state lasting weeks or standing: context, no event of a day
    cumulative: re.Pattern
    report_verb: re.Pattern
    speaks_after: re.Pattern  # a reporting verb close after a source's name
    claimants: tuple[ClaimantPattern, ...]
    party_word: re.Pattern

    @classmethod
    def load(cls, directory: Path = CUES_DIR) -> Lexicon:
        words = json.loads((directory / "lexicon.json").read_text(encoding="utf-8"))
        cues = tuple(_read_cues(directory / "events.tsv"))
        return cls(
            cues=cues,
            any_cue=re.compile("|".join(f"(?:{c.pattern.pattern})" for c in cues), _FLAGS),
            killed_after=_compile(words["killed_after"]),
            killed_before=_compile(words["killed_before"]),
            injured_after=_compile(words["injured_after"]),
            injured_before=_compile(words["injured_before"]),
            person_noun=_compile(words["person_nouns"]),
            civilian_noun=_compile(words["civilian_nouns"]),
            combatant_noun=_compile(words["combatant_nouns"]),
            total_noun=_compile(words["total_nouns"]),
            not_casualty_noun=_compile(words["not_casualty_nouns"]),
            background=_compile(words["background"]),
            durative=_compile(words["durative"]),
            cumulative=_compile(words["cumulative"]),
            report_verb=_compile(words["report_verbs"]),
            speaks_after=re.compile(rf"^[\s,'’\w-]{{0,40}}?\b{words['speaking_verbs']}\b", _FLAGS),
            claimants=tuple(_claimant(*row) for row in words["claimant_names"]),
            party_word=_compile(words["party_words"]),
        )


def _compile(pattern: str) -> re.Pattern:
    return re.compile(rf"\b{pattern}\b", _FLAGS)


def _claimant(
    name: str, pattern: str, party: bool | None, forces: str | None = None
) -> ClaimantPattern:
    return ClaimantPattern(name, _compile(pattern), party, forces)


def _read_cues(path: Path) -> list[Cue]:
    cues = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sub_type, weight, pattern = line.split("\t")
        cues.append(Cue(sub_type, int(weight), _compile(pattern)))
    return cues
