"""WARC archives written with warcio: HTML responses become articles with the record's URL."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from frontwatch.ingest import Failure, read_inputs
from frontwatch.model import Article
from frontwatch.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PAGE = (FIXTURES / "news_page.html").read_bytes()
BROKEN = (FIXTURES / "broken.html").read_bytes()


def write_warc(path: Path, records: list[tuple[str, str, str, bytes]], gzip: bool) -> Path:
    """records: (url, status line, content type, body) as HTTP responses, plus one request."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        request = writer.create_warc_record(
            "https://t.example/", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
        )
        writer.write_record(request)
        for url, status, content_type, body in records:
            headers = StatusAndHeaders(
                status, [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)
    return path


RECORDS = [
    ("https://t.example/page", "200 OK", "text/html; charset=utf-8", PAGE),
    ("https://t.example/style.css", "200 OK", "text/css", b"body { color: red }"),
    (
        "https://t.example/gone",
        "404 Not Found",
        "text/html",
        b"<html><body><p>Not found</p></body></html>",
    ),
    ("https://t.example/broken", "200 OK", "text/html", BROKEN),
    ("https://t.example/menu", "200 OK", "text/html", b"<html><body><nav>Home</nav></body></html>"),
]


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_html_responses_become_articles(tmp_path, gzip):
    path = write_warc(tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc"), RECORDS, gzip)
    results = list(read_inputs([str(path)], Settings()))
    assert [type(r).__name__ for r in results] == ["Article", "Article", "Failure"]
    page, broken, menu = results
    assert page.url == "https://t.example/page"
    assert page.source == "The Daily Test"
    assert "Kafr Nabuda" in page.text and "Leave a Reply" not in page.text
    assert broken.url == "https://t.example/broken" and broken.source == "t.example"
    assert menu == Failure(f"{path}#https://t.example/menu", "no article text found")


def test_record_over_the_size_limit_is_a_failure(tmp_path):
    path = write_warc(tmp_path / "big.warc.gz", RECORDS[:1], gzip=True)
    (failure,) = read_inputs([str(path)], Settings(max_bytes=500))
    assert failure.error == "record too large (more than 500 bytes)"


def test_cp1256_record_is_decoded_by_its_header(tmp_path):
    body = "<html><body><article><p>قتل أربعة مدنيين في قصف على سوق المدينة يوم الثلاثاء بحسب المرصد.</p></article></body></html>"
    records = [
        ("https://t.example/ar", "200 OK", "text/html; charset=windows-1256", body.encode("cp1256"))
    ]
    path = write_warc(tmp_path / "ar.warc.gz", records, gzip=True)
    (article,) = read_inputs([str(path)], Settings())
    assert isinstance(article, Article), article
    assert "قتل أربعة مدنيين" in article.text


def test_not_a_warc_file(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_text("this is not an archive\n" * 5, encoding="utf-8")
    (failure,) = read_inputs([str(path)], Settings())
    assert failure.input == str(path)
    assert failure.error.startswith("not a valid WARC file")
