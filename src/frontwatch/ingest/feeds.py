"""RSS and Atom feeds: each item's page is fetched and read; the feed's own text is the fallback."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator
from datetime import date

import feedparser

from frontwatch.ingest.failure import Failure, InputError, Result
from frontwatch.ingest.html import fragment_text, host_name
from frontwatch.ingest.web import is_http_url
from frontwatch.model import Article

logger = logging.getLogger(__name__)

# Shorter item text is a teaser, not an article we can code events from.
MIN_FEED_TEXT_CHARS = 200

FetchArticle = Callable[[str], Article]  # URL -> article, raises InputError


def read_feed(
    data: bytes,
    name: str,
    fetch_article: FetchArticle,
    *,
    base_url: str | None = None,
    published: date | None = None,
) -> Iterator[Result]:
    """One result per feed item; item failures name the item's link (or "name:item N")."""
    parsed = parse_feed(data, base_url)
    feed_title = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        label = entry.get("link") or f"{name}:item {number}"
        try:
            yield entry_article(entry, fetch_article, feed_title, published)
        except InputError as error:
            yield Failure(label, str(error))


def parse_feed(data: bytes, base_url: str | None) -> feedparser.FeedParserDict:
    # A stream, not bytes or str: feedparser would treat a string as a URL or file name to open.
    headers = {"content-location": base_url} if base_url else {}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.get("version"):
            raise InputError(f"not a valid RSS/Atom feed ({parsed.get('bozo_exception')})")
        raise InputError("feed has no items")
    return parsed


def entry_article(
    entry: dict, fetch_article: FetchArticle, feed_title: str | None, published: date | None
) -> Article:
    """The linked page when it can be fetched and read, else the item's own text if long enough."""
    link = entry.get("link") or None
    reason = "item has no http(s) link"
    if link and is_http_url(link):
        try:
            return _with_entry_metadata(fetch_article(link), entry, published)
        except InputError as error:
            reason = f"page not read ({error})"
    text = entry_text(entry)
    if len(text) < MIN_FEED_TEXT_CHARS:
        raise InputError(f"{reason} and the feed's own text is too short ({len(text)} chars)")
    logger.info("%s: %s; using the feed's own text", link or "feed item", reason)
    return _fallback_article(text, entry, feed_title, published)


def _fallback_article(
    text: str, entry: dict, feed_title: str | None, published: date | None
) -> Article:
    link = entry.get("link") or None
    return Article(
        id=Article.id_for(text),
        text=text,
        url=link if link and is_http_url(link) else None,
        title=entry.get("title") or None,
        published=published or entry_date(entry),
        source=entry_source(entry) or host_name(link) or feed_title,
    )


def _with_entry_metadata(article: Article, entry: dict, published: date | None) -> Article:
    """Fill what the page did not say from the feed item."""
    return Article(
        id=article.id,
        text=article.text,
        url=article.url,
        title=article.title or entry.get("title") or None,
        published=published or article.published or entry_date(entry),
        source=article.source or entry_source(entry),
    )


def entry_text(entry: dict) -> str:
    """Full content (content:encoded, Atom content) when present, else the summary."""
    contents = [part.get("value", "") for part in entry.get("content", [])]
    texts = [fragment_text(html) for html in [*contents, entry.get("summary", "")]]
    return max(texts, key=len, default="")


def entry_date(entry: dict) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(*parsed[:3]) if parsed else None


def entry_source(entry: dict) -> str | None:
    source = entry.get("source") or {}
    return source.get("title") or None
