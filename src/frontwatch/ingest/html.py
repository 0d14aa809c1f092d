"""HTML pages to articles: main text and metadata with trafilatura, tuned for precision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from lxml.etree import ParserError

from frontwatch.ingest.failure import InputError
from frontwatch.model import Article

# Only the page's own markup (meta tags, <time>), not dates found in the text.
DATE_PARAMS = {"original_date": True, "extensive_search": False}
# A page whose every line is shorter than this is a menu or a list of links, not an article.
MIN_WORDS_IN_A_LINE = 5
BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote", "pre", "td", "br")


@dataclass(frozen=True)
class Page:
    """What trafilatura found on one page."""

    text: str
    title: str | None = None
    published: date | None = None
    sitename: str | None = None
    url: str | None = None


def extract_page(html: str, url: str | None = None) -> Page | None:
    """Main text and metadata; a slower, more forgiving pass only when the fast one finds nothing."""
    document = _extract(html, url, fast=True) or _extract(html, url, fast=False)
    if document is None:
        return None
    return Page(
        text=document.text.strip(),
        title=document.title or None,
        published=parse_date(document.date),
        sitename=document.sitename or None,
        url=document.url or None,
    )


def _extract(html: str, url: str | None, *, fast: bool):
    document = trafilatura.bare_extraction(
        html,
        url=url,
        fast=fast,
        favor_precision=True,
        include_comments=False,
        with_metadata=True,
        date_extraction_params=DATE_PARAMS,
    )
    return document if document is not None and looks_like_prose(document.text or "") else None


def looks_like_prose(text: str) -> bool:
    return any(len(line.split()) >= MIN_WORDS_IN_A_LINE for line in text.splitlines())


def parse_date(value: str | None) -> date | None:
    """An ISO date, or the date part of an ISO timestamp; None when it is not one."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def host_name(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def page_article(html: str, *, url: str | None = None, published: date | None = None) -> Article:
    """An article from a whole page; the caller's date wins over the page's."""
    if not html.strip():
        raise InputError("empty page")
    page = extract_page(html, url)
    if page is None or not page.text:
        raise InputError("no article text found")
    return Article(
        id=Article.id_for(page.text),
        text=page.text,
        url=url or page.url,
        title=page.title,
        published=published or page.published,
        source=page.sitename or host_name(url or page.url),
    )


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed item's content), one block a paragraph."""
    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except ParserError:
        return ""
    for element in root.iter(BLOCK_TAGS):
        element.tail = "\n\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n\n"))
    return "\n\n".join(line for line in lines if line)
