"""read_inputs: any mix of files, directories, URLs, feeds, WARC archives and stdin to articles."""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

import httpx

from frontwatch.ingest import files, jsonl, web
from frontwatch.ingest.decode import declared_charset, decode_text
from frontwatch.ingest.failure import Failure, InputError, Result
from frontwatch.ingest.feeds import FetchArticle, read_feed
from frontwatch.ingest.html import host_name, page_article
from frontwatch.ingest.warc import read_warc
from frontwatch.model import Article
from frontwatch.settings import Settings

logger = logging.getLogger(__name__)

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
XML_TYPES = ("application/xml", "text/xml")
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/jsonlines")


@dataclass(frozen=True)
class Context:
    """What every reader needs, built once per ``read_inputs`` call."""

    settings: Settings
    client: web.LazyClient
    stdin: TextIO | None
    published: date | None


def read_inputs(
    inputs: Iterable[str],
    settings: Settings,
    *,
    client: httpx.Client | None = None,
    stdin: TextIO | None = None,
    published: date | None = None,
) -> Iterator[Article | Failure]:
    """Articles from each input in order; an input that cannot be read is a ``Failure`` and
    the others go on. ``published`` overrides or fills every article's date. An HTTP client
    is made only if a URL needs one and none was passed in."""
    context = Context(settings, web.LazyClient(settings, client), stdin, published)
    try:
        for name in inputs:
            yield from _read_logged(name, context)
    finally:
        context.client.close()


def _read_logged(name: str, context: Context) -> Iterator[Result]:
    """Read one input, never raising; log one INFO line for it."""
    articles = failures = 0
    for result in _read_guarded(name, context):
        if isinstance(result, Failure):
            failures += 1
            logger.info("%s", result)
        else:
            articles += 1
        yield result
    logger.info("%s: %d article(s), %d failure(s)", name, articles, failures)


def _read_guarded(name: str, context: Context) -> Iterator[Result]:
    try:
        yield from _read_one(name, context)
    except InputError as error:
        yield Failure(name, str(error))
    except OSError as error:
        yield Failure(name, f"cannot read: {error.strerror or error}")
    except Exception as error:  # a bug in a parser must not stop a batch
        logger.exception("unexpected error reading %s", name)
        yield Failure(name, f"unexpected error: {type(error).__name__}: {error}")


def _read_one(name: str, context: Context) -> Iterator[Result]:
    if name == "-":
        stream = context.stdin if context.stdin is not None else sys.stdin
        return jsonl.read_jsonl(jsonl.text_lines(stream), "stdin", context.published)
    if web.is_url(name):
        return read_url(name, context)
    path = Path(name)
    if path.is_dir():
        return _read_directory(path, context)
    if not path.exists():
        raise InputError("no such file or directory")
    return read_file(path, context)


def _read_directory(root: Path, context: Context) -> Iterator[Result]:
    found = False
    for path in files.files_under(root):
        found = True
        yield from _read_logged(str(path), context)
    if not found:
        raise InputError("no readable files (.txt, .html, .jsonl, .warc, feeds) in directory")


def read_file(path: Path, context: Context) -> Iterator[Result]:
    settings, published = context.settings, context.published
    kind = files.kind_of(path)
    if kind == "jsonl":
        with path.open("rb") as stream:
            yield from jsonl.read_jsonl(
                jsonl.byte_lines(stream, settings.max_bytes), str(path), published
            )
    elif kind == "warc":
        yield from read_warc(path, max_bytes=settings.max_bytes, published=published)
    elif kind == "feed":
        data = files.read_bytes(path, settings.max_bytes)
        yield from read_feed(data, str(path), _article_fetcher(context), published=published)
    else:
        yield _document_article(files.read_bytes(path, settings.max_bytes), kind, None, context)


def read_url(url: str, context: Context) -> Iterator[Result]:
    fetched = web.fetch(url, context.client.get(), context.settings)
    kind = response_kind(fetched)
    if kind == "feed":
        fetcher = _article_fetcher(context)
        yield from read_feed(
            fetched.body, url, fetcher, base_url=fetched.url, published=context.published
        )
    elif kind == "jsonl":
        lines = jsonl.byte_lines(io.BytesIO(fetched.body), context.settings.max_bytes)
        yield from jsonl.read_jsonl(lines, url, context.published)
    elif kind in ("html", "txt"):
        yield _document_article(fetched.body, kind, fetched, context)
    else:
        raise InputError(f"unsupported content type: {fetched.content_type or 'none'}")


def response_kind(fetched: web.Fetched) -> str:
    """Kind of a response by its media type, sniffing the body when the type is vague."""
    media = fetched.content_type
    if media in FEED_TYPES:
        return "feed"
    if media in ("text/html", "application/xhtml+xml"):
        return "html"
    if media == "text/plain":
        return "txt"
    if media in JSONL_TYPES:
        return "jsonl"
    if media in XML_TYPES or not media or media == "application/octet-stream":
        return files.sniff_kind(fetched.body[:2048])
    return "other"


def _document_article(
    data: bytes, kind: str, fetched: web.Fetched | None, context: Context
) -> Article:
    """A single .txt or .html document (a file, or a fetched page)."""
    charset = fetched.charset if fetched else None
    text = decode_text(data, charset or (declared_charset(data) if kind == "html" else None))
    if text is None:
        raise InputError(f"not a text {'page' if fetched else 'file'} (binary content)")
    url = fetched.url if fetched else None
    if kind == "html":
        return page_article(text, url=url, published=context.published)
    empty = "empty page" if fetched else "empty file"
    return files.text_article(
        text, published=context.published, url=url, source=host_name(url), empty=empty
    )


def _article_fetcher(context: Context) -> FetchArticle:
    """Fetch-and-read for feed items: a page's article, or InputError."""

    def fetch_article(url: str) -> Article:
        fetched = web.fetch(url, context.client.get(), context.settings)
        if response_kind(fetched) != "html":
            raise InputError(f"not an HTML page ({fetched.content_type or 'no content type'})")
        return _document_article(fetched.body, "html", fetched, context)

    return fetch_article
