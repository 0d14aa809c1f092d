"""WARC archives: every HTML response record becomes an article, its URL from the record."""

from __future__ import annotations

import gzip
import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from frontwatch.ingest.decode import declared_charset, decode_text
from frontwatch.ingest.failure import Failure, InputError, Result
from frontwatch.ingest.html import page_article

logger = logging.getLogger(__name__)


def read_warc(path: Path, *, max_bytes: int, published: date | None = None) -> Iterator[Result]:
    """Articles from the archive's 2xx text/html responses; failures name "path#URL"."""
    if not starts_like_warc(path):
        raise InputError("not a valid WARC file (no WARC header)")
    with path.open("rb") as stream:
        try:
            for record in ArchiveIterator(stream):
                if is_html_response(record):
                    yield _record_result(record, path, max_bytes, published)
        except ArchiveLoadFailed as error:
            raise InputError(f"not a valid WARC file ({error})") from None


def starts_like_warc(path: Path) -> bool:
    """warcio reads almost anything without complaint, so check the first record's header."""
    try:
        with gzip.open(path, "rb") as stream:
            head = stream.read(5)
    except (OSError, EOFError):  # not gzip: a plain .warc
        with path.open("rb") as stream:
            head = stream.read(5)
    return head == b"WARC/"


def is_html_response(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = record.http_headers.get_header("Content-Type") or ""
    status = record.http_headers.get_statuscode() or ""
    if "html" not in content_type.lower():
        return False
    if not status.startswith("2"):
        logger.debug("skipping HTTP %s record", status)
        return False
    return True


def _record_result(record, path: Path, max_bytes: int, published: date | None) -> Result:
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        html = record_html(record, max_bytes)
        return page_article(html, url=url, published=published)
    except InputError as error:
        return Failure(f"{path}#{url}", str(error))


def record_html(record, max_bytes: int) -> str:
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        raise InputError(f"record too large (more than {max_bytes} bytes)")
    text = decode_text(body, _charset(record) or declared_charset(body))
    if text is None:
        raise InputError("not a text record (binary content)")
    return text


def _charset(record) -> str | None:
    content_type = record.http_headers.get_header("Content-Type") or ""
    _, _, charset = content_type.lower().partition("charset=")
    return charset.strip(" \"';") or None
