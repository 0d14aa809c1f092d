"""JSONL records from files and stdin: fields, bad lines, line numbers."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from frontwatch.ingest import Failure, read_inputs
from frontwatch.model import Article
from frontwatch.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
RECORDS = FIXTURES / "records.jsonl"
SETTINGS = Settings()


def read(inputs, settings=SETTINGS, **kwargs):
    return list(read_inputs(inputs, settings, **kwargs))


def by_input(results):
    return {r.input: r.error for r in results if isinstance(r, Failure)}


def test_fixture_records_and_failures_by_line():
    results = read([str(RECORDS)])
    articles = [r for r in results if isinstance(r, Article)]
    assert [a.id for a in articles[:2]] == ["r1", "2"]
    assert articles[0] == Article(
        id="r1",
        text="Two soldiers were killed in an ambush near the village on Monday, the army said.",
        url="https://news.example.org/r1",
        title="Ambush kills two",
        published=date(2020, 1, 6),
        source="Example News",
    )
    no_id = articles[2]
    assert no_id.id == Article.id_for(no_id.text)
    assert no_id.published == date(2020, 2, 1)
    failures = by_input(results)
    name = str(RECORDS)
    assert set(failures) == {f"{name}:{n}" for n in (4, 5, 6, 7, 9, 10)}
    assert failures[f"{name}:4"].startswith("invalid JSON")
    assert failures[f"{name}:5"] == "not a JSON object but list"
    assert failures[f"{name}:6"] == 'record has neither "text" nor "html"'
    assert "not an ISO date" in failures[f"{name}:7"]
    assert failures[f"{name}:9"] == 'empty "text"'
    assert failures[f"{name}:10"] == '"text" and "html" must be strings'


def test_stdin_lines_are_named_stdin_line():
    stdin = io.StringIO('{"id": "a", "text": "Shelling hit the town."}\nnot json\n')
    first, second = read(["-"], stdin=stdin)
    assert first.id == "a"
    assert second.input == "stdin:2"


def test_caller_date_overrides_record_dates():
    results = read([str(RECORDS)], published=date(2021, 5, 5))
    dates = {r.published for r in results if isinstance(r, Article)}
    assert dates == {date(2021, 5, 5)}


def test_html_record_is_extracted_and_record_fields_win():
    html = (FIXTURES / "news_page.html").read_text("utf-8")
    record = {"id": "h1", "html": html, "url": "https://t.example/x", "title": "Own title"}
    (article,) = read(["-"], stdin=io.StringIO(json.dumps(record) + "\n"))
    assert article.id == "h1"
    assert article.title == "Own title"
    assert article.source == "The Daily Test"
    assert article.published == date(2019, 3, 12)
    assert "Leave a Reply" not in article.text and "Kafr Nabuda" in article.text


@pytest.mark.parametrize(
    ("record", "error"),
    [
        ({"id": True, "text": "x"}, '"id" must be a non-empty string or an integer'),
        ({"id": "", "text": "x"}, '"id" must be a non-empty string or an integer'),
        ({"text": "x", "title": 5}, '"title" must be a string'),
        ({"text": "x", "published": 20200101}, '"published" is not an ISO date: 20200101'),
        ({"html": "<html><body><nav>Home</nav></body></html>"}, "no article text found"),
        ({"html": "  "}, "empty page"),
    ],
)
def test_bad_records(record, error):
    (failure,) = read(["-"], stdin=io.StringIO(json.dumps(record)))
    assert failure == Failure("stdin:1", error)


def test_invalid_utf8_and_overlong_lines_fail_alone(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = b'{"id": "ok", "text": "A mortar hit the school."}\n'
    path.write_bytes(
        good + b'{"id": "bad", "text": "\xff\xfe"}\n' + b'{"text": "' + b"x" * 500 + b'"}\n' + good
    )
    results = read([str(path)], Settings(max_bytes=200))
    assert [getattr(r, "id", None) for r in results] == ["ok", None, None, "ok"]
    assert results[1].input == f"{path}:2" and "invalid UTF-8" in results[1].error
    assert results[2] == Failure(f"{path}:3", "line too long (more than 200 bytes)")


def test_example_jsonl_has_three_dated_records():
    results = read([str(EXAMPLES / "jsonl" / "articles.jsonl")])
    assert all(isinstance(r, Article) for r in results)
    assert len(results) == 3
    assert all(r.published and r.source and r.title for r in results)
    assert all(r.id.startswith("fakes-") for r in results)
