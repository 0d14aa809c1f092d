"""Local files: which kind a path is, directories in order, bounded reads, plain-text articles."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from frontwatch.ingest.decode import decode_text
from frontwatch.ingest.failure import InputError
from frontwatch.model import Article

# Longest suffix first, so ".warc.gz" wins over ".gz".
KIND_BY_SUFFIX = {
    ".warc.gz": "warc",
    ".warc": "warc",
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)\b", re.I)
MAX_TITLE_CHARS = 200


def kind_by_name(name: str) -> str | None:
    lowered = name.lower()
    return next((kind for suffix, kind in KIND_BY_SUFFIX.items() if lowered.endswith(suffix)), None)


def sniff_kind(head: bytes) -> str:
    """Kind of a document from its first bytes, for names that do not say."""
    if head.startswith((b"WARC/", b"\x1f\x8b")):
        return "warc"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1024]
    if FEED_ROOT.search(start):
        return "feed"
    if start.startswith(b"<"):
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    return "txt"


def kind_of(path: Path) -> str:
    known = kind_by_name(path.name)
    if known:
        return known
    with path.open("rb") as handle:
        return sniff_kind(handle.read(2048))


def files_under(root: Path) -> Iterator[Path]:
    """Readable files below ``root`` in sorted order; hidden and unknown kinds skipped."""
    for path in sorted(root.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
        if not hidden and path.is_file() and kind_by_name(path.name):
            yield path


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The whole file, refusing files over the size limit before reading them."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"file too large ({size} bytes > {max_bytes})")
    return path.read_bytes()


def read_text(path: Path, max_bytes: int, declared: str | None = None) -> str:
    text = decode_text(read_bytes(path, max_bytes), declared)
    if text is None:
        raise InputError("not a text file (binary content)")
    return text


def first_line_title(text: str) -> str | None:
    """The first line when it is short and more text follows, like a headline."""
    stripped = text.strip()
    first = stripped.split("\n", 1)[0].strip()
    if first and len(first) <= MAX_TITLE_CHARS and first != stripped:
        return first
    return None


def text_article(
    text: str,
    *,
    published: date | None,
    url: str | None = None,
    source: str | None = None,
    empty: str = "empty file",
) -> Article:
    """A plain-text article; the text is kept as is so offsets stay faithful."""
    if not text.strip():
        raise InputError(empty)
    return Article(
        id=Article.id_for(text),
        text=text,
        url=url,
        title=first_line_title(text),
        published=published,
        source=source,
    )
