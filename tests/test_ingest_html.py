"""HTML pages: article text without boilerplate, metadata, broken pages; the bundled examples."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from frontwatch.ingest import Failure, read_inputs
from frontwatch.ingest.html import fragment_text, host_name, page_article, parse_date
from frontwatch.model import Article
from frontwatch.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
EXAMPLES = ROOT / "examples"
HTML_EXAMPLES = sorted((EXAMPLES / "html").glob("*.html"))
SETTINGS = Settings()

BOILERPLATE = (
    "Related Articles",
    "Most read",
    "Leave a Reply",
    "Your email address",
    "Required fields",
    "Post Comment",
    "Back to top",
    "All rights reserved",
    "Share this article",
    "Skip to content",
    "Subscribe",
    "Sign in",
    "Newsletter",
)
MENU = ("Home", "World", "Middle East", "Politics", "Business", "Opinion", "Sport", "Multimedia")


def read_one(path: Path, **kwargs):
    results = list(read_inputs([str(path)], SETTINGS, **kwargs))
    assert len(results) == 1, results
    return results[0]


def example_txt(html_path: Path) -> tuple[str, str]:
    """Title and body of the same example's .txt twin (title line, blank line, text)."""
    title, _, body = (
        (EXAMPLES / "txt" / f"{html_path.stem}.txt").read_text("utf-8").partition("\n\n")
    )
    return title, body.strip()


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 20]


def test_there_are_fourteen_html_examples():
    assert len(HTML_EXAMPLES) == 14


@pytest.mark.parametrize("path", HTML_EXAMPLES, ids=lambda p: p.stem)
def test_example_page_gives_the_article_and_no_boilerplate(path):
    article = read_one(path)
    assert isinstance(article, Article), article
    title, body = example_txt(path)
    flat = " ".join(article.text.split())
    for sentence in sentences(body):
        assert sentence in flat
    assert flat == body  # nothing added: the whole text is the article
    for phrase in BOILERPLATE:
        assert phrase not in article.text
    lines = {line.strip() for line in article.text.splitlines()}
    assert not lines & set(MENU)
    assert article.title == title
    assert article.source and article.published


@pytest.mark.parametrize("path", HTML_EXAMPLES[:3], ids=lambda p: p.stem)
def test_example_page_metadata_matches_its_meta_tags(path):
    html = path.read_text("utf-8")
    published = re.search(r'article:published_time" content="([\d-]{10})', html).group(1)
    site = re.search(r'og:site_name" content="([^"]+)"', html).group(1)
    article = read_one(path)
    assert article.published == date.fromisoformat(published)
    assert article.source == site


def test_caller_date_wins_over_the_page_date():
    article = read_one(HTML_EXAMPLES[0], published=date(2020, 1, 1))
    assert article.published == date(2020, 1, 1)


def test_fixture_page_boilerplate_removed():
    article = read_one(FIXTURES / "news_page.html")
    assert article.text.startswith("KAFR NABUDA, 12 March 2019")
    assert "rubble of two houses" in article.text
    assert article.published == date(2019, 3, 12)
    assert article.source == "The Daily Test"
    for phrase in ("Related Articles", "Flooding closes", "Leave a Reply", "Back to top", "Region"):
        assert phrase not in article.text


def test_broken_html_still_gives_its_text():
    article = read_one(FIXTURES / "broken.html")
    assert isinstance(article, Article), article
    assert "killing seven people and wounding about twenty" in article.text
    assert "No group immediately said" in article.text
    assert "Back to top" not in article.text


def test_page_without_an_article_is_a_failure():
    path = FIXTURES / "no_article.html"
    assert read_one(path) == Failure(str(path), "no article text found")


def test_same_page_twice_is_one_article():
    first, second = read_inputs([str(HTML_EXAMPLES[1])] * 2, SETTINGS)
    assert first.id == second.id == Article.id_for(first.text)


def test_url_gives_the_source_when_the_page_names_none():
    html = (FIXTURES / "broken.html").read_text("utf-8")
    article = page_article(html, url="https://www.news.example.org/story/1")
    assert article.source == "news.example.org"
    assert article.url == "https://www.news.example.org/story/1"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-07-21", date(2016, 7, 21)),
        ("2016-07-21T09:00:00+00:00", date(2016, 7, 21)),
        ("21 July 2016", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.reuters.com/a", "reuters.com"),
        ("http://sana.sy/en/?p=1", "sana.sy"),
        (None, None),
    ],
)
def test_host_name(url, host):
    assert host_name(url) == host


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("<p>One.</p><p>Two &amp; three.</p>", "One.\n\nTwo & three."),
        ("Plain   summary text", "Plain summary text"),
        ("<div><p>A</p>\n<ul><li>b</li><li>c</li></ul></div>", "A\n\nb\n\nc"),
        ("", ""),
    ],
)
def test_fragment_text(fragment, text):
    assert fragment_text(fragment) == text
