"""Bytes to text: tell text from binary, and find the encoding when it is not UTF-8."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

SNIFF_BYTES = 8192
# Bytes that do not occur in text (everything below 0x20 but tab, newlines, form feed, escape).
CONTROL_BYTES = bytes(set(range(32)) - {9, 10, 12, 13, 27}) + b"\x7f"
MAX_CONTROL_SHARE = 0.05
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Legacy encodings of the news this project reads (Arabic, Western and Eastern European,
# Cyrillic, Greek, Turkish). Left unrestricted, detection takes mostly-English text with a few
# Arabic or accented words for mac_iceland or cp775.
LEGACY_ENCODINGS = [
    "cp1256",
    "iso8859_6",
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
]
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_:.-]+)""", re.I)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 KB mean this is not text."""
    head = data[:SNIFF_BYTES]
    if not head or head.startswith(UTF16_BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, CONTROL_BYTES))
    return controls / len(head) > MAX_CONTROL_SHARE


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document names for itself in its first 2 KB."""
    match = META_CHARSET.search(data[:2048]) or re.search(rb'encoding="([\w.:-]+)"', data[:200])
    return match.group(1).decode("ascii") if match else None


def decode_text(data: bytes, declared: str | None = None) -> str | None:
    """Text of ``data``; None when it looks binary.

    Order: a byte-order mark, the declared charset, UTF-8, then detection
    (windows-1256 Arabic or latin-1 pages are common in this domain).
    """
    if looks_binary(data):
        return None
    for encoding in _candidates(data, declared):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return _detected(data)


def _candidates(data: bytes, declared: str | None) -> list[str]:
    if data.startswith(codecs.BOM_UTF8):
        return ["utf-8-sig"]
    if data.startswith(UTF16_BOMS):
        return ["utf-16"]
    return [declared, "utf-8"] if declared else ["utf-8"]


def _detected(data: bytes) -> str:
    best = charset_normalizer.from_bytes(data, cp_isolation=LEGACY_ENCODINGS).best()
    best = best or charset_normalizer.from_bytes(data).best()
    if best is not None:
        return str(best)
    # Detection gave up on something that is not binary: keep every byte readable.
    return data.decode("cp1252", errors="replace")
