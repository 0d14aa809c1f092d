"""Fetching http(s) URLs: bounded time, size and redirects, and one clear line per failure."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from frontwatch.ingest.failure import InputError
from frontwatch.settings import Settings

logger = logging.getLogger(__name__)

SCHEMES = ("http", "https")
DNS_FAILURES = (
    "name or service not known",
    "temporary failure in name resolution",
    "nodename nor servname",
    "no address associated",
    "getaddrinfo failed",
)


@dataclass(frozen=True)
class Fetched:
    """One successful response, body read in full."""

    url: str  # after redirects
    body: bytes
    content_type: str  # media type only, lower case: "text/html"
    charset: str | None


def is_url(text: str) -> bool:
    return "://" in text and bool(urlsplit(text).scheme)


def is_http_url(text: str) -> bool:
    return urlsplit(text).scheme.lower() in SCHEMES


def new_client(settings: Settings) -> httpx.Client:
    return httpx.Client(
        timeout=settings.http_timeout,
        follow_redirects=False,
        headers={"User-Agent": settings.user_agent},
    )


class LazyClient:
    """The caller's client, or one made on first use and closed by ``close``."""

    def __init__(self, settings: Settings, client: httpx.Client | None = None) -> None:
        self._settings = settings
        self._client = client
        self._owned: httpx.Client | None = None

    def get(self) -> httpx.Client:
        if self._client is None:
            self._client = self._owned = new_client(self._settings)
        return self._client

    def close(self) -> None:
        if self._owned is not None:
            self._owned.close()
            self._client = self._owned = None


def fetch(url: str, client: httpx.Client, settings: Settings) -> Fetched:
    """GET ``url``, following at most ``settings.max_redirects`` redirects ourselves,
    so the limit and the http(s)-only rule hold whatever client was passed in."""
    for _ in range(settings.max_redirects + 1):
        if not is_http_url(url):
            raise InputError(f"unsupported URL scheme: {urlsplit(url).scheme or 'none'}")
        with _http_errors(url, settings), _get(client, url, settings) as response:
            if not response.is_redirect:
                return _fetched(response, settings.max_bytes)
            url = urljoin(str(response.url), response.headers["location"])
            logger.debug("redirected to %s", url)
    raise InputError(f"too many redirects (more than {settings.max_redirects})")


def _get(client: httpx.Client, url: str, settings: Settings):
    return client.stream("GET", url, timeout=settings.http_timeout, follow_redirects=False)


def _fetched(response: httpx.Response, max_bytes: int) -> Fetched:
    if response.status_code >= 400:
        raise InputError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
    media_type, _, params = response.headers.get("content-type", "").partition(";")
    return Fetched(
        url=str(response.url),
        body=read_body(response, max_bytes),
        content_type=media_type.strip().lower(),
        charset=response.charset_encoding,
    )


def read_body(response: httpx.Response, max_bytes: int) -> bytes:
    """The body, stopping as soon as it passes the limit (the length header may lie or be absent)."""
    declared = int(response.headers.get("content-length") or 0)
    if declared > max_bytes:
        raise InputError(f"response too large ({declared} bytes > {max_bytes})")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"response too large (more than {max_bytes} bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


@contextmanager
def _http_errors(url: str, settings: Settings) -> Iterator[None]:
    """Turn httpx's exceptions into one-line ``InputError`` messages."""
    try:
        yield
    except httpx.TimeoutException:
        raise InputError(f"timed out after {settings.http_timeout:g} s") from None
    except httpx.ConnectError as error:
        raise InputError(connect_error_message(str(error), urlsplit(url).hostname)) from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
        raise InputError(f"invalid URL: {error}") from None
    except httpx.HTTPError as error:
        raise InputError(f"connection failed: {error or type(error).__name__}") from None


def connect_error_message(detail: str, host: str | None) -> str:
    lowered = detail.lower()
    if any(marker in lowered for marker in DNS_FAILURES):
        return f"DNS lookup failed for {host}"
    if "refused" in lowered:
        return "connection refused"
    return f"connection failed: {detail}"
