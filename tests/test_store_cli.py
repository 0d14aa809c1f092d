"""``frontwatch serve`` options reach ``serve()``: the CORS origins, repeatable."""

from __future__ import annotations

import argparse

import pytest

from frontwatch import cli_store


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    cli_store.add_commands(parser.add_subparsers(), ingest_into=None, open_store=None)
    return parser.parse_args(argv)


@pytest.mark.parametrize(
    ("options", "origins"),
    [
        ([], []),
        (["--cors", "https://a.example"], ["https://a.example"]),
        (["--cors", "https://a.example", "--cors", "http://b.example:8080"],
         ["https://a.example", "http://b.example:8080"]),
    ],
)  # fmt: skip
def test_serve_passes_every_cors_origin(monkeypatch, options, origins) -> None:
    calls = []
    monkeypatch.setattr("frontwatch.web.serve", lambda *a, **kw: calls.append((a, kw)))
    args = _parse(["serve", "--db", "x.db", *options])
    assert args.handler(args) == 0
    ((positional, keywords),) = calls
    assert positional[0] == "x.db" and keywords["cors_origins"] == origins
