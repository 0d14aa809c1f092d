"""The gazetteer index: name keys, loading, provinces, countries, point-in-polygon."""

from __future__ import annotations

import time

import pytest

from frontwatch.resolve.placenames import place_key, spelling, tokenize
from frontwatch.resolve.places import Gazetteer
from frontwatch.resolve.shapes import Shape, inside_shape, locate


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer().load()


@pytest.mark.parametrize(
    "spellings",
    [
        ("Idlib", "Idleb", "Edlib", "IDLIB"),
        (
            "Maarat al-Numan",
            "Ma'arrat an-Nu'man",
            "Maarrat al-Nouman",
            "Ma`arrat an Nu`man",
            "Maʿarrat al-Nuʿman",
        ),
        ("Khan Sheikhoun", "Khan Shaykhun", "Khan Shaikhoun", "Khan Sheikhun"),
        ("Deir ez-Zor", "Deir Ezzor", "Dayr az Zawr", "Deir al-Zour", "Deir el-Zour"),
        ("al-Tah", "At Tahh", "At Tāḩ", "Ettah"),
        ("Abu Jarif", "Abu Jurayf"),
        ("al-Samkeh", "Samkah"),
        ("As-Suwayda", "Sweida", "Suwaida"),
        ("Hasakah", "Al-Hasakeh", "Hassakeh", "al-Hasaka"),
        ("Raqqa", "Ar Raqqah", "Raqa", "al-Raqqa"),
        ("Qamishli", "Qamishly", "Kamishli"),
    ],
)
def test_spelling_variants_share_a_key(spellings):
    assert len({place_key(s) for s in spellings}) == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [("Homs", "Hama"), ("Idlib", "Aleppo"), ("Raqqa", "Deir ez-Zor"), ("Tah", "Tat")],
)
def test_different_places_differ(one, other):
    assert place_key(one) != place_key(other)


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("al-Tah", "At Tahh", True),
        ("Qardaha", "Al Qardahah", True),
        ("Abu Jarif", "Abu Jurayf", False),
    ],
)
def test_spelling_is_lighter_than_the_key(one, other, same):
    assert (spelling(one) == spelling(other)) is same


def test_tokenize_keeps_inner_apostrophes_and_drops_possessives():
    words = [t.text for t in tokenize("Aleppo's countryside, Ma'arrat al-Nu'man and Aleppo’s")]
    assert words == ["Aleppo", "countryside", "Ma'arrat", "al", "Nu'man", "and", "Aleppo"]


def test_constructor_does_not_load(tmp_path):
    gazetteer = Gazetteer(tmp_path / "nowhere", user_dir=tmp_path)
    assert not gazetteer.loaded


def test_load_is_fast():
    started = time.perf_counter()
    gazetteer = Gazetteer().load()
    elapsed = time.perf_counter() - started
    assert gazetteer.loaded and elapsed < 3.0  # about 0.7 s on the development machine


@pytest.mark.parametrize(
    ("country", "admin1", "name", "capital"),
    [
        ("Syria", "Idleb", "Idlib", "Idlib"),
        ("SY", "Rif Dimashq", "Rural Damascus", "Duma"),
        ("Syrian Arab Republic", "Deir Ezzor", "Deir ez-Zor", "Deir ez-Zor"),
        ("SYR", "Hasakah", "Al-Hasakeh", "Al Hasakah"),
        ("Iraq", "Ninawa", "Nineveh", "Mosul"),
        ("Yemen", "Hodeidah", "Al Hudaydah", "Al Hudaydah"),
    ],
)
def test_province_at_its_capital(gazetteer, country, admin1, name, capital):
    province = gazetteer.province(country, admin1)
    capital_place = next(
        m.place for m in gazetteer.find(f"Clashes in {capital}.") if m.place.feature == "populated"
    )
    assert (province.name, province.feature) == (name, "admin1")
    assert (province.latitude, province.longitude) == (
        capital_place.latitude,
        capital_place.longitude,
    )


def test_unknown_province_and_country(gazetteer):
    assert gazetteer.province("Syria", "Atlantis") is None
    assert gazetteer.province("Narnia", "Idlib") is None
    assert gazetteer.country("Narnia") is None


@pytest.mark.parametrize(
    ("name", "iso", "canonical"),
    [
        ("Syria", 760, "Syria"),
        ("Türkiye", 792, "Turkey"),
        ("UK", 826, "United Kingdom"),
        ("YE", 887, "Yemen"),
    ],
)
def test_country(gazetteer, name, iso, canonical):
    place = gazetteer.country(name)
    assert (place.name, place.iso, place.feature) == (canonical, iso, "country")


@pytest.mark.parametrize(
    ("lat", "lon", "expected"),
    [
        (35.541, 36.729, ("Syria", "Idlib")),  # At Tahh
        (36.20, 37.16, ("Syria", "Aleppo")),
        (33.57, 36.40, ("Syria", "Rural Damascus")),  # Douma
        (35.34, 40.14, ("Syria", "Deir ez-Zor")),
        (36.34, 43.13, ("Iraq", "Nineveh")),  # Mosul
        (15.35, 44.21, ("Yemen", "Amanat Al Asimah")),  # Sanaa
        (39.93, 32.85, ("Turkey", "Ankara")),
        (0.0, 0.0, None),
    ],
)
def test_admin1_at(gazetteer, lat, lon, expected):
    assert gazetteer.admin1_at(lat, lon) == expected


def test_every_syrian_village_has_a_province(gazetteer):
    syrian = [gazetteer.place(i) for i in range(2000) if gazetteer.place(i).country == "Syria"]
    assert syrian and all(p.admin1 for p in syrian)


SQUARE_WITH_HOLE = Shape(
    "XX", "Square", (0.0, 0.0, 4.0, 4.0),
    ((((0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0), (0.0, 0.0)), ((1.0, 1.0), (3.0, 1.0), (3.0, 3.0), (1.0, 3.0), (1.0, 1.0))),),
)  # fmt: skip


@pytest.mark.parametrize(
    ("lon", "lat", "inside"),
    [(0.5, 0.5, True), (2.0, 2.0, False), (3.5, 2.0, True), (5.0, 2.0, False), (2.0, -0.1, False)],
)
def test_ray_casting_with_holes(lon, lat, inside):
    assert inside_shape(lon, lat, SQUARE_WITH_HOLE) is inside
    assert (locate([SQUARE_WITH_HOLE], lat, lon) is not None) is inside
