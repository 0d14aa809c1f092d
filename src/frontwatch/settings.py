"""Settings: one frozen object built once by the caller and passed down."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Settings:
    # ingest: network and size limits for URLs and files
    http_timeout: float = 15.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = "frontwatch/0.1 (+conflict event coding)"
    # data files; None means the copy shipped in the package
    gazetteer_path: Path | None = None
    actor_files: tuple[Path, ...] = ()  # user dictionaries added to the shipped one
    classifier_path: Path | None = None
    default_country: str | None = None  # country focus when the article names none
