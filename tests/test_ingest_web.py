"""URLs and feeds against a real HTTP server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import socket
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from frontwatch.ingest import Failure, read_inputs
from frontwatch.ingest.web import LazyClient, connect_error_message
from frontwatch.model import Article
from frontwatch.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SETTINGS = Settings(http_timeout=0.5, max_bytes=20_000, max_redirects=3)
ARABIC_PAGE = (
    '<html><head><meta charset="windows-1256"></head><body><article>'
    "<p>قتل أربعة مدنيين في قصف على سوق المدينة يوم الثلاثاء بحسب المرصد السوري.</p>"
    "</article></body></html>"
)


def fixture_bytes(name: str, base: str = "") -> bytes:
    return (FIXTURES / name).read_text("utf-8").replace("{base}", base).encode("utf-8")


def routes(base: str) -> dict[str, tuple[int, dict[str, str], bytes]]:
    """path -> (status, headers, body)."""
    html = {"Content-Type": "text/html; charset=utf-8"}
    return {
        "/page.html": (200, html, fixture_bytes("news_page.html")),
        "/plain.txt": (200, {"Content-Type": "text/plain"}, fixture_bytes("report.txt")),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/hop": (301, {"Location": "/page.html"}, b""),
        "/to-ftp": (302, {"Location": "ftp://127.0.0.1/file"}, b""),
        "/big": (200, html, b"<p>" + b"x" * 30_000 + b"</p>"),
        "/feed.rss": (
            200,
            {"Content-Type": "application/rss+xml"},
            fixture_bytes("feed.rss", base),
        ),
        "/feed.atom": (
            200,
            {"Content-Type": "application/atom+xml"},
            fixture_bytes("feed.atom", base),
        ),
        "/feed.xml": (200, {"Content-Type": "text/xml"}, fixture_bytes("feed.rss", base)),
        "/image.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n\x00\x00"),
        "/nul.html": (200, html, b"<html>\x00\x00\x00\x01\x02</html>"),
        "/empty.html": (200, html, b""),
        "/arabic.html": (200, {"Content-Type": "text/html"}, ARABIC_PAGE.encode("cp1256")),
        "/error": (500, html, b"<p>Internal error</p>"),
        "/records": (200, {"Content-Type": "application/x-ndjson"}, fixture_bytes("records.jsonl")),
    }


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        if self.path == "/slow":
            time.sleep(1.0)
        if self.path == "/big-stream":
            return self._stream_without_length()
        status, headers, body = self.server.routes.get(self.path, (404, {}, b"Not found"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _stream_without_length(self):
        """A body with no Content-Length header: only counting the bytes can stop it."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        for _ in range(50):
            self.wfile.write(b"<p>" + b"y" * 1000 + b"</p>")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def base():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    url = f"http://127.0.0.1:{server.server_address[1]}"
    server.routes = routes(url)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def dead_url():
    """A port on 127.0.0.1 with nothing listening."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/page.html"


def read(inputs, settings=SETTINGS, **kwargs):
    return list(read_inputs(inputs, settings, **kwargs))


def test_page_url(base):
    (article,) = read([f"{base}/page.html"])
    assert isinstance(article, Article), article
    assert article.url == f"{base}/page.html"
    assert article.source == "The Daily Test"
    assert article.published == date(2019, 3, 12)
    assert "Kafr Nabuda" in article.text and "Related Articles" not in article.text


def test_redirect_is_followed_and_the_final_url_kept(base):
    (article,) = read([f"{base}/hop"])
    assert article.url == f"{base}/page.html"


def test_plain_text_url_uses_the_host_as_source(base):
    (article,) = read([f"{base}/plain.txt"], published=date(2019, 3, 12))
    assert article.text == (FIXTURES / "report.txt").read_text("utf-8")
    assert (article.source, article.published) == ("127.0.0.1", date(2019, 3, 12))


def test_jsonl_url_failures_name_url_and_line(base):
    results = read([f"{base}/records"])
    assert [getattr(r, "id", None) for r in results[:2]] == ["r1", "2"]
    assert Failure(f"{base}/records:6", 'record has neither "text" nor "html"') in results


def test_declared_windows_1256_page_is_decoded(base):
    (article,) = read([f"{base}/arabic.html"])
    assert isinstance(article, Article), article
    assert "قتل أربعة مدنيين" in article.text


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/error", "HTTP 500 Internal Server Error"),
        ("/loop", "too many redirects (more than 3)"),
        ("/to-ftp", "unsupported URL scheme: ftp"),
        ("/big", "response too large (30007 bytes > 20000)"),
        ("/big-stream", "response too large (more than 20000 bytes)"),
        ("/slow", "timed out after 0.5 s"),
        ("/image.png", "unsupported content type: image/png"),
        ("/nul.html", "not a text page (binary content)"),
        ("/empty.html", "empty page"),
    ],
)
def test_url_failures(base, path, error):
    (failure,) = read([f"{base}{path}"])
    assert failure == Failure(f"{base}{path}", error)


def test_dead_url_and_the_next_input_still_read(base, dead_url):
    failure, article = read([dead_url, f"{base}/page.html"])
    assert failure == Failure(dead_url, "connection refused")
    assert isinstance(article, Article)


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x", "file:///etc/passwd"])
def test_only_http_urls(url):
    (failure,) = read([url])
    assert failure.error.startswith("unsupported URL scheme")


def test_rss_feed_items_fetched_or_fall_back(base):
    page, fallback, failure = read([f"{base}/feed.rss"])
    assert page.url == f"{base}/page.html" and page.source == "The Daily Test"
    assert "Kafr Nabuda" in page.text
    assert fallback.url == f"{base}/missing"
    assert fallback.text.startswith("TEST CITY, 13 March 2019")
    assert "\n\nOne official said" in fallback.text
    assert (fallback.title, fallback.published) == ("Ceasefire talks stall", date(2019, 3, 13))
    assert failure.input == f"{base}/missing-too"
    assert "HTTP 404" in failure.error and "too short" in failure.error


def test_atom_feed_with_a_relative_link(base):
    page, fallback = read([f"{base}/feed.atom"])
    assert page.url == f"{base}/page.html"
    assert fallback.url == f"{base}/missing"
    assert fallback.published == date(2019, 3, 13)


def test_feed_served_as_plain_xml_is_sniffed(base):
    results = read([f"{base}/feed.xml"])
    assert [type(r).__name__ for r in results] == ["Article", "Article", "Failure"]


def test_feed_file_with_links_to_the_server(base, tmp_path):
    path = tmp_path / "local.rss"
    path.write_bytes(fixture_bytes("feed.rss", base))
    page, _, failure = read([str(path)])
    assert page.url == f"{base}/page.html"
    assert failure.input == f"{base}/missing-too"


def test_feed_item_pointing_at_a_dead_server_falls_back(dead_url, tmp_path):
    path = tmp_path / "dead.rss"
    path.write_bytes(fixture_bytes("feed.rss", dead_url.removesuffix("/page.html")))
    _, fallback, failure = read([str(path)])
    assert fallback.text.startswith("TEST CITY")
    assert "connection refused" in failure.error


def test_passed_client_is_used_and_left_open(base):
    with httpx.Client() as client:
        (article,) = read([f"{base}/page.html"], client=client)
        assert isinstance(article, Article)
        assert not client.is_closed


def test_bundled_feed_falls_back_to_its_own_text():
    results = read([str(EXAMPLES / "feed" / "feed.xml")], Settings())
    assert len(results) == 14 and all(isinstance(r, Article) for r in results)
    assert all(r.url is None and r.published and r.source for r in results)
    html_ids = {a.id for a in read([str(EXAMPLES / "html")], Settings())}
    assert {r.id for r in results} == html_ids  # the same article from feed and page is one


@pytest.mark.parametrize(
    ("detail", "message"),
    [
        ("[Errno -2] Name or service not known", "DNS lookup failed for news.example"),
        ("[Errno -3] Temporary failure in name resolution", "DNS lookup failed for news.example"),
        ("[Errno 111] Connection refused", "connection refused"),
        ("[Errno 113] No route to host", "connection failed: [Errno 113] No route to host"),
    ],
)
def test_connect_error_message(detail, message):
    assert connect_error_message(detail, "news.example") == message


def test_feed_without_items_and_not_a_feed(tmp_path):
    empty = tmp_path / "empty.rss"
    empty.write_text('<rss version="2.0"><channel><title>x</title></channel></rss>', "utf-8")
    junk = tmp_path / "junk.xml"
    junk.write_text("this is not xml at all", "utf-8")
    first, second = read([str(empty), str(junk)])
    assert first == Failure(str(empty), "feed has no items")
    assert second.input == str(junk) and second.error.startswith("not a valid RSS/Atom feed")


def test_lazy_client_is_made_once_and_closed_only_when_owned():
    owned = LazyClient(SETTINGS)
    made = owned.get()
    assert owned.get() is made
    owned.close()
    assert made.is_closed
    with httpx.Client() as passed:
        borrowed = LazyClient(SETTINGS, passed)
        assert borrowed.get() is passed
        borrowed.close()
        assert not passed.is_closed
