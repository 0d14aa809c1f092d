"""frontwatch.ingest on local files: kinds, directories, encodings, bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from frontwatch.ingest import Failure, read_inputs
from frontwatch.ingest.decode import decode_text, looks_binary
from frontwatch.ingest.files import first_line_title, sniff_kind
from frontwatch.model import Article
from frontwatch.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SETTINGS = Settings()
REPORT = FIXTURES / "report.txt"

ARABIC_REPORT = (
    "Four civilians were killed in shelling on the town of Maarat al-Numan "
    "(معرة النعمان) in Idlib province on Tuesday, the monitor said. "
    "Rescue workers in Khan Sheikhoun (خان شيخون) said at least nine people were wounded "
    "and taken to the hospital in the city centre, where doctors said the wounded included children.\n"
)
FRENCH_REPORT = (
    "Quatre civils ont été tués mardi dans un bombardement sur le marché de la ville, "
    "a déclaré l'observatoire. Les secouristes ont dégagé les décombres pendant des heures "
    "et évacué les blessés vers l'hôpital le plus proche, selon un témoin présent sur place.\n"
)


def read_all(inputs, settings=SETTINGS, **kwargs):
    return list(read_inputs([str(i) for i in inputs], settings, **kwargs))


def only(results):
    assert len(results) == 1, results
    return results[0]


def test_txt_article_keeps_the_file_text_as_is():
    article = only(read_all([REPORT]))
    assert isinstance(article, Article)
    assert article.text == REPORT.read_text(encoding="utf-8")
    assert article.title == "Shelling kills four in northern town, monitor says"
    assert article.id == Article.id_for(article.text)
    start = article.text.index("Four civilians")
    assert article.text[start : start + 14] == "Four civilians"


def test_reading_the_same_file_twice_gives_the_same_id(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(REPORT.read_bytes())
    first, second, third = read_all([REPORT, REPORT, copy])
    assert first.id == second.id == third.id


def test_published_date_is_set_on_txt():
    article = only(read_all([REPORT], published=date(2019, 3, 12)))
    assert article.published == date(2019, 3, 12)
    assert only(read_all([REPORT])).published is None


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Headline\n\nBody text here.", "Headline"),
        ("  \nHeadline after blank\nBody", "Headline after blank"),
        ("Only one line of text without a headline.", None),
        ("x" * 201 + "\nbody", None),
    ],
)
def test_first_line_title(text, title):
    assert first_line_title(text) == title


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        (ARABIC_REPORT, "cp1256"),
        (FRENCH_REPORT, "latin-1"),
        (ARABIC_REPORT, "utf-8"),
        (ARABIC_REPORT, "utf-8-sig"),
        (FRENCH_REPORT, "utf-16"),
        (ARABIC_REPORT, "iso8859_6"),
        (
            "Четыре мирных жителя погибли во вторник при обстреле рынка, сообщили наблюдатели.\n",
            "cp1251",
        ),
    ],
)
def test_text_in_other_encodings_is_decoded(tmp_path, content, encoding):
    path = tmp_path / "report.txt"
    path.write_bytes(content.encode(encoding))
    article = only(read_all([path]))
    assert isinstance(article, Article), article
    assert article.text == content


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("zeros.html", b"<html>" + b"\x00" * 100, "binary"),
        ("controls.txt", bytes(range(1, 9)) * 50, "binary"),
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\n\t \n", "empty file"),
        ("empty.html", b"", "empty page"),
        ("blank.html", b"   \n", "empty page"),
    ],
)
def test_bad_files_are_failures(tmp_path, name, data, error):
    path = tmp_path / name
    path.write_bytes(data)
    failure = only(read_all([path]))
    assert isinstance(failure, Failure)
    assert failure.input == str(path)
    assert error in failure.error


def test_file_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("Shelling. " * 200, encoding="utf-8")
    failure = only(read_all([path], Settings(max_bytes=1000)))
    assert failure == Failure(str(path), "file too large (2000 bytes > 1000)")


def test_missing_path_is_a_failure_and_the_rest_go_on(tmp_path):
    results = read_all([tmp_path / "nope.txt", REPORT])
    assert results[0] == Failure(str(tmp_path / "nope.txt"), "no such file or directory")
    assert isinstance(results[1], Article)


def test_directory_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zeta report\n\nBody z.", encoding="utf-8")
    (tmp_path / "b" / "a.txt").write_text("Alpha report\n\nBody a.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Top report\n\nBody top.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# not an input kind", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("Hidden\n\nBody.", encoding="utf-8")
    titles = [a.title for a in read_all([tmp_path])]
    assert titles == ["Top report", "Alpha report", "Zeta report"]


def test_directory_without_inputs_is_a_failure(tmp_path):
    (tmp_path / "notes.md").write_text("# notes", encoding="utf-8")
    (failure,) = read_all([tmp_path])
    assert failure.input == str(tmp_path)
    assert failure.error.startswith("no readable files")


def test_unknown_extension_is_sniffed(tmp_path):
    page = tmp_path / "page.download"
    page.write_bytes((FIXTURES / "news_page.html").read_bytes())
    article = only(read_all([page]))
    assert article.source == "The Daily Test"
    assert "<p>" not in article.text


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"WARC/1.0\r\nWARC-Type: warcinfo", "warc"),
        (b"\x1f\x8b\x08\x00", "warc"),
        (b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b"\xef\xbb\xbf  <!DOCTYPE html><html>", "html"),
        (b'{"id": 1, "text": "x"}\n', "jsonl"),
        (b"Plain report text", "txt"),
    ],
)
def test_sniff_kind(head, kind):
    assert sniff_kind(head) == kind


@pytest.mark.parametrize(
    ("data", "binary"),
    [
        (b"plain ascii text\n", False),
        ("نص عربي".encode("cp1256"), False),
        ("texte accentué".encode("utf-16"), False),
        (b"text with a NUL \x00 byte", True),
        (b"\x01\x02\x03\x04 mostly control bytes", True),
        (b"", False),
    ],
)
def test_looks_binary(data, binary):
    assert looks_binary(data) is binary


def test_declared_charset_wins_when_it_decodes():
    html = '<meta charset="windows-1256"><p>حلب</p>'.encode("cp1256")
    assert "حلب" in decode_text(html, "windows-1256")
    assert decode_text(b"\xff\xfe\x00", None) is not None  # utf-16 BOM, not binary
