"""JSONL records to articles: one record a line, a bad line is a Failure and the rest go on.

A record is ``{"id", "text" | "html", "url"?, "title"?, "published"?, "source"?}``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import BinaryIO

from frontwatch.ingest.failure import Failure, InputError, Result
from frontwatch.ingest.html import page_article, parse_date
from frontwatch.model import Article

OPTIONAL_STRINGS = ("url", "title", "source")


Line = tuple[int, str | InputError]  # line number, text or why it could not be read


def read_jsonl(lines: Iterable[Line], name: str, published: date | None) -> Iterator[Result]:
    """Articles from numbered lines; a failure names "name:LINE" and the rest go on."""
    for number, line in lines:
        if isinstance(line, str) and not line.strip():
            continue
        try:
            if isinstance(line, InputError):
                raise line
            yield record_article(parse_record(line), published)
        except InputError as error:
            yield Failure(f"{name}:{number}", str(error))


def parse_record(line: str) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"invalid JSON: {error.msg} (column {error.colno})") from None
    if not isinstance(record, dict):
        raise InputError(f"not a JSON object but {type(record).__name__}")
    return record


def record_article(record: dict, published: date | None) -> Article:
    """The record's own fields win over what is found in its HTML; the caller's date wins over both."""
    fields = {key: _optional_string(record, key) for key in OPTIONAL_STRINGS}
    record_date = _record_date(record)
    article = _body_article(record, fields["url"])
    return Article(
        id=_record_id(record) or article.id,
        text=article.text,
        url=fields["url"] or article.url,
        title=fields["title"] or article.title,
        published=published or record_date or article.published,
        source=fields["source"] or article.source,
    )


def _body_article(record: dict, url: str | None) -> Article:
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str):
        if not text.strip():
            raise InputError('empty "text"')
        return Article(id=Article.id_for(text), text=text)
    if isinstance(html, str):
        return page_article(html, url=url)
    if text is not None or html is not None:
        raise InputError('"text" and "html" must be strings')
    raise InputError('record has neither "text" nor "html"')


def _record_id(record: dict) -> str | None:
    value = record.get("id")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        raise InputError('"id" must be a non-empty string or an integer')
    return str(value)


def _optional_string(record: dict, key: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise InputError(f'"{key}" must be a string')
    return value or None


def _record_date(record: dict) -> date | None:
    value = record.get("published")
    if value is None or value == "":
        return None
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise InputError(f'"published" is not an ISO date: {value!r}')
    return parsed


def text_lines(stream: Iterable[str]) -> Iterator[Line]:
    """Numbered lines of a text stream (stdin)."""
    yield from enumerate(stream, start=1)


def byte_lines(stream: BinaryIO, max_bytes: int) -> Iterator[Line]:
    """Numbered lines of a binary stream; lines over ``max_bytes`` are skipped, not read."""
    number = 0
    while line := stream.readline(max_bytes + 1):
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(stream, max_bytes)
            yield number, InputError(f"line too long (more than {max_bytes} bytes)")
            continue
        yield number, _utf8(line)


def _skip_rest_of_line(stream: BinaryIO, chunk: int) -> None:
    while (part := stream.readline(chunk)) and not part.endswith(b"\n"):
        pass


def _utf8(line: bytes) -> str | InputError:
    try:
        return line.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return InputError(f"invalid UTF-8 at byte {error.start}")
