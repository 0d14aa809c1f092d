"""What a reader returns for an input it could not read, and how readers signal it."""

from __future__ import annotations

from dataclasses import dataclass

from frontwatch.model import Article


@dataclass(frozen=True)
class Failure:
    """One input (or one record of an input) that could not be read."""

    input: str  # the path / URL / "stdin:LINE" / "file.jsonl:LINE"
    error: str  # one clear line

    def __str__(self) -> str:
        return f"{self.input}: {self.error}"


Result = Article | Failure


class InputError(Exception):
    """Raised inside the readers; the caller turns it into a ``Failure`` and goes on."""
