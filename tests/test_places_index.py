"""The gazetteer's build-time tables and per-instance memos: row spellings, per-country key
lists, double names, country codes, province rows, bounded word memos."""

from __future__ import annotations

import shutil

import pytest

from frontwatch.resolve.gazetteer_files import PlaceRow, country_keys, row_spellings
from frontwatch.resolve.placenames import Memo, place_key, spelling
from frontwatch.resolve.places import Gazetteer
from frontwatch.settings import DATA_DIR


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer().load()


def row(name: str, names: list[str], country: str = "SY") -> PlaceRow:
    return PlaceRow("1", name, country, "Idlib", "", 35.9, 36.6, "populated", 0, names)


@pytest.mark.parametrize(
    ("name", "names"),
    [("At Tahh", ["al-Tah", "Ettah"]), ("Saraqib", ["Saraqeb", "سراقب"]), ("Binnish", [])],
)
def test_row_lines_carry_their_spellings(name, names):
    place = row(name, names)
    line = place.to_line()
    assert row_spellings(line) == place.spellings() == {spelling(n) for n in [name, *names]}
    old_line = "\t".join(line.split("\t")[:11])  # a user file written before the column existed
    assert row_spellings(old_line) == place.spellings()
    assert PlaceRow.from_line(line) == place


def test_double_names_are_keyed_by_their_parts():
    keys = row("Hims - Hamah", ["حمص - حماة"]).name_keys()
    assert {place_key("Hims"), place_key("Hamah")} <= keys
    assert place_key("Hims Hamah") not in keys


def test_country_keys_list_each_key_under_the_countries_of_its_rows():
    index = {"saraqab": [0, 1], "mosal": [2], "london": [3]}
    found = country_keys(index, ["SY", "SY", "IQ", "GB"])
    assert found == {"SY": ["saraqab"], "IQ": ["mosal"]}  # edit distance only in the region


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Syria", "SY"),
        ("SY", "SY"),
        ("SYR", "SY"),
        ("Syrian Arab Republic", "SY"),
        ("Türkiye", "TR"),
        ("Narnia", None),
    ],
)
def test_country_codes_come_from_one_table(gazetteer, name, code):
    assert gazetteer.country_code(name) == code


def test_provinces_among_a_keys_candidates(gazetteer):
    assert gazetteer.provinces_among(gazetteer.candidates(place_key("Idlib"))) == ["Idlib"]
    assert gazetteer.provinces_among(gazetteer.candidates(place_key("Saraqib"))) == []


def test_fuzzy_choices_share_the_first_letter_and_a_length_within_reach(gazetteer):
    key = place_key("Sarqaib")
    choices = gazetteer.fuzzy_choices("Syria", key, 85)
    assert place_key("Saraqib") in choices
    assert all(
        c[0] == key[0] and abs(len(c) - len(key)) <= 0.15 * (len(c) + len(key)) for c in choices
    )
    assert set(choices) <= set(gazetteer.country_keys("Syria"))


def test_an_index_without_key_lists_derives_them(tmp_path, gazetteer):
    data = tmp_path / "gazetteer"
    shutil.copytree(DATA_DIR / "gazetteer", data, ignore=shutil.ignore_patterns("country_keys*"))
    derived = Gazetteer(data, user_dir=tmp_path).load()
    assert set(derived.country_keys("Yemen")) == set(gazetteer.country_keys("Yemen"))


def test_word_memos_stay_bounded():
    calls: list[str] = []

    def shout(word: str) -> str:
        calls.append(word)
        return word.upper()

    memo = Memo(shout, size=3)
    words = ["a", "b", "a", "c", "d", "e", "a"]
    assert [memo(w) for w in words] == [w.upper() for w in words]
    assert len(memo.found) <= 3 and calls.count("a") == 2  # memoised, then forgotten when full
