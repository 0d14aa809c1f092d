"""User gazetteers: GeoNames dumps (allCountries.txt / SY.txt and alternateNamesV2.txt format)."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontwatch.resolve.geonames import read_geonames
from frontwatch.resolve.places import Gazetteer

FIXTURES = Path(__file__).parent / "fixtures" / "geonames"


@pytest.fixture(scope="module")
def user_gazetteer(tmp_path_factory) -> Gazetteer:
    gazetteer = Gazetteer(user_dir=tmp_path_factory.mktemp("user"))
    gazetteer.add_geonames(FIXTURES / "SY.txt", FIXTURES / "alternateNamesV2.txt")
    return gazetteer.load()


def test_dump_rows_are_read_with_their_feature_and_admin_names():
    codes = {"SY.12": "Idlib", "SY.09": "Aleppo", "SY.10": "Hama"}
    rows = {row.geonameid: row for row in read_geonames(FIXTURES / "SY.txt", codes)}
    assert set(rows) == {
        "9900001",
        "9900002",
        "9900004",
        "172354",
    }  # the mountain and the short line are skipped
    assert (rows["9900001"].feature, rows["9900001"].admin1, rows["9900001"].population) == (
        "populated",
        "Idlib",
        1250,
    )
    assert (rows["9900004"].feature, rows["9900004"].admin1) == ("area", "Hama")
    assert {"Kafr Tastiye", "Kfar Tasti"} <= set(rows["9900001"].names)


def test_add_geonames_counts_and_writes_the_user_file(tmp_path):
    gazetteer = Gazetteer(user_dir=tmp_path)
    assert gazetteer.add_geonames(FIXTURES / "SY.txt", FIXTURES / "alternateNamesV2.txt") == 4
    assert gazetteer.user_path.exists() and not gazetteer.loaded


@pytest.mark.parametrize(
    ("text", "name", "place", "admin1"),
    [
        (
            "Shelling hit Kafr Tastiyah in Idlib province.",
            "Kafr Tastiyah",
            "Kafr Tastiyah",
            "Idlib",
        ),
        (
            "Shelling hit Kafr Testieh in Idlib province.",
            "Kafr Testieh",
            "Kafr Tastiyah",
            "Idlib",
        ),  # alternate-names file
        ("Shelling hit كفر تستية in Idlib.", "كفر تستية", "Kafr Tastiyah", "Idlib"),
        (
            "Fighting in Khirbet Wahmiyeh near Aleppo.",
            "Khirbet Wahmiyeh",
            "Khirbat al Wahmiyah",
            "Aleppo",
        ),
        (
            "Clashes on the axis of Al-Taah in Idlib.",
            "Al-Taah",
            "At Tahh",
            "Idlib",
        ),  # name added to a shipped place
    ],
)
def test_user_places_are_found(user_gazetteer, text, name, place, admin1):
    found = [m for m in user_gazetteer.find(text) if m.span.text == name]
    assert found and (found[0].place.name, found[0].place.admin1) == (place, admin1)


@pytest.mark.parametrize("text", ["Fighting in Old Wahmiyah.", "Fighting near Nowhere Village."])
def test_historic_and_unknown_alternates_are_left_out(user_gazetteer, text):
    assert not [
        m
        for m in user_gazetteer.find(text)
        if "Wahmiyah" in m.place.name or "Nowhere" in m.span.text
    ]


def test_adding_again_replaces_rows(tmp_path):
    gazetteer = Gazetteer(user_dir=tmp_path)
    gazetteer.add_geonames(FIXTURES / "SY.txt")
    gazetteer.add_geonames(FIXTURES / "SY.txt", FIXTURES / "alternateNamesV2.txt")
    rows = [
        line
        for line in gazetteer.user_path.read_text("utf-8").splitlines()
        if not line.startswith("#")
    ]
    assert len(rows) == 4


def test_shipped_index_is_untouched_without_user_file(tmp_path):
    gazetteer = Gazetteer(user_dir=tmp_path).load()
    assert not [
        m
        for m in gazetteer.find("Shelling hit Kafr Tastiyah in Idlib province.")
        if m.span.text == "Kafr Tastiyah"
    ]
