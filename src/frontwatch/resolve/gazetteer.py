"""The gazetteer index: shipped place rows, the name-key index, countries, province shapes.

Files (data/gazetteer/, built by scripts/build_gazetteer.py, see its README):
``places.tsv.gz`` one row a place; ``names.tsv.gz`` name key -> row numbers;
``countries.tsv``; ``admin1.geojson``; ``not_places.txt``. A user index
(GeoNames dumps added with :meth:`Gazetteer.add_geonames`) lives in a user data
directory and is merged by :meth:`Gazetteer.load`.

Rows are kept as raw lines and parsed on demand: loading stays well under two
seconds because nothing is parsed that no text asks for.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from frontwatch.model import Place
from frontwatch.resolve.placenames import (
    KEY_VERSION,
    is_arabic,
    is_latin,
    place_key,
    spelling,
    token_key,
    word_set,
)
from frontwatch.settings import DATA_DIR

if TYPE_CHECKING:
    from frontwatch.resolve.geoparse import PlaceMention

log = logging.getLogger(__name__)

INDEX_HEADER = f"#frontwatch-gazetteer-index\tkey_version={KEY_VERSION}"
ROW_HEADER = (
    "#geonameid\tname\tcountry\tadmin1\tadmin2\tlat\tlon\tfeature\tpopulation\tsource\tnames"
)
MAX_CANDIDATES = 300  # per key: room for every village of a common name, bounded for speed
USER_FILE = "gazetteer_user.tsv"
TOKEN_MEMO_SIZE = 200_000
# Transliterated Arabic/Persian/Turkish names: loose (transliteration-folded) matches only here.
LOOSE_COUNTRIES = word_set("SY IQ YE LB JO PS SA KW OM AE QA BH EG LY SD TN DZ MA IR TR IL AF")
FUNCTION_WORDS_END = "## end of function words"  # in not_places.txt: words above never start a name


@dataclass
class PlaceRow:
    """One place as stored (mutable while building; the runtime hands out frozen ``Place``)."""

    geonameid: str
    name: str
    country: str  # ISO 3166-1 alpha-2
    admin1: str
    admin2: str
    lat: float | None
    lon: float | None
    feature: str
    population: int
    names: list[str] = field(default_factory=list)
    source: str = ""

    def to_line(self) -> str:
        coords = ("" if v is None else f"{v:.4f}" for v in (self.lat, self.lon))
        fields = (self.geonameid, self.name, self.country, self.admin1, self.admin2, *coords,
                  self.feature, str(self.population), self.source, "|".join(self.names))  # fmt: skip
        return "\t".join(f.replace("\t", " ") for f in fields)

    @classmethod
    def from_line(cls, line: str) -> PlaceRow:
        gid, name, country, admin1, admin2, lat, lon, feature, pop, source, names = line.split(
            "\t"
        )[:11]
        return cls(gid, name, country, admin1, admin2, float(lat) if lat else None,
                   float(lon) if lon else None, feature, int(pop or 0), names.split("|") if names else [], source)  # fmt: skip

    def name_keys(self) -> set[str]:
        return {k for k in (place_key(n) for n in [self.name, *self.names]) if len(k) >= 2}


def write_rows(rows: Iterable[PlaceRow], path: Path) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write(ROW_HEADER + "\n")
        handle.writelines(row.to_line() + "\n" for row in rows)


def write_index(keys_by_row: dict[int, set[str]], order: list, path: Path) -> None:
    """``key<TAB>id,id,...`` lines; ids under a key in ``order`` (best prior first), capped."""
    ids_by_key: dict[str, list[int]] = {}
    for row_id, keys in keys_by_row.items():
        for key in keys:
            ids_by_key.setdefault(key, []).append(row_id)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write(INDEX_HEADER + "\n")
        for key in sorted(ids_by_key):
            ids = sorted(ids_by_key[key], key=order.__getitem__)[:MAX_CANDIDATES]
            handle.write(f"{key}\t{','.join(map(str, ids))}\n")


def read_lines(path: Path) -> list[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return handle.read().splitlines()


def read_word_list(path: Path) -> list[str]:
    """Lowercase entries of a one-a-line list, '#' comments skipped."""
    return read_word_list_lines(read_lines(path))


def read_word_list_lines(lines: list[str]) -> list[str]:
    return [line.strip().lower() for line in lines if line.strip() and not line.startswith("#")]


def default_user_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local/share"
    return Path(base) / "frontwatch"


# ---------------------------------------------------------------- province shapes


@dataclass(frozen=True, slots=True)
class Shape:
    country: str
    admin1: str
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat
    polygons: tuple[
        tuple[tuple[tuple[float, float], ...], ...], ...
    ]  # polygon -> rings -> (lon, lat)


def inside_ring(lon: float, lat: float, ring: tuple[tuple[float, float], ...]) -> bool:
    """Ray casting: count the ring's edges crossed by a ray going east from the point."""
    inside = False
    x0, y0 = ring[-1]
    for x1, y1 in ring:
        if (y1 > lat) != (y0 > lat) and lon < (x0 - x1) * (lat - y1) / (y0 - y1) + x1:
            inside = not inside
        x0, y0 = x1, y1
    return inside


def inside_shape(lon: float, lat: float, shape: Shape) -> bool:
    west, south, east, north = shape.bbox
    if not (west <= lon <= east and south <= lat <= north):
        return False
    return any(
        inside_ring(lon, lat, rings[0])
        and not any(inside_ring(lon, lat, hole) for hole in rings[1:])
        for rings in shape.polygons
    )


def shapes_from_geojson(collection: dict) -> list[Shape]:
    shapes = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        rings = tuple(
            tuple(tuple(tuple(p[:2]) for p in ring) for ring in poly) for poly in polygons
        )
        points = [p for poly in rings for p in poly[0]]
        bbox = (
            min(p[0] for p in points),
            min(p[1] for p in points),
            max(p[0] for p in points),
            max(p[1] for p in points),
        )
        props = feature["properties"]
        shapes.append(Shape(props["country"], props["admin1"], bbox, rings))
    return shapes


def locate(shapes: list[Shape], lat: float, lon: float) -> tuple[str, str] | None:
    """(country ISO2, admin1 name) of the shape holding the point, if any."""
    for shape in shapes:
        if inside_shape(lon, lat, shape):
            return shape.country, shape.admin1
    return None


# ---------------------------------------------------------------- countries


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso3: str
    numeric: int
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]


def read_countries(path: Path) -> dict[str, Country]:
    countries = {}
    for line in read_lines(path):
        if line and not line.startswith("#"):
            iso2, iso3, numeric, name, _gid, aliases, demonyms = line.split("\t")
            countries[iso2] = Country(iso2, iso3, int(numeric), name, tuple(filter(None, aliases.split("|"))),
                                      tuple(filter(None, demonyms.split("|"))))  # fmt: skip
    return countries


# ---------------------------------------------------------------- GeoNames dumps

# Feature classes/codes taken from a dump: populated places, provinces, districts, areas.
GEONAMES_FEATURES = {
    "ADM1": "admin1",
    "ADM2": "admin2",
    "AREA": "area",
    "RGN": "area",
    "RGNL": "area",
}
ALTERNATE_SKIP_LANGUAGES = frozenset(
    {"link", "wkdt", "post", "iata", "icao", "faac", "abbr", "unlc", "tcid"}
)


def geonames_feature(feature_class: str, feature_code: str) -> str | None:
    return "populated" if feature_class == "P" else GEONAMES_FEATURES.get(feature_code)


def read_geonames(path: Path, codes: dict[str, str]) -> Iterator[PlaceRow]:
    """Places of a GeoNames dump (19 tab-separated columns), admin codes named through ``codes``."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            feature = geonames_feature(cols[6], cols[7]) if len(cols) >= 19 else None
            if feature is None:
                continue
            country, a1 = cols[8], f"{cols[8]}.{cols[10]}"
            yield PlaceRow(
                geonameid=cols[0], name=cols[1], country=country, admin1=codes.get(a1, ""),
                admin2=codes.get(f"{a1}.{cols[11]}", ""), lat=float(cols[4]), lon=float(cols[5]),
                feature=feature, population=int(cols[14] or 0),
                names=[n for n in {cols[2], *cols[3].split(",")} if usable_name(n) and n != cols[1]],
                source="user-geonames",
            )  # fmt: skip


def usable_name(name: str) -> bool:
    """Latin or Arabic names, not codes: other scripts never occur in English or Arabic news."""
    return len(name) >= 2 and not name.isdigit() and (is_latin(name) or is_arabic(name))


def add_name(row: PlaceRow, name: str) -> None:
    if name not in row.names and name != row.name:
        row.names.append(name)


def add_alternate_names(rows: list[PlaceRow], path: Path) -> None:
    """Join alternateNamesV2.txt (or alternateNames.txt) names onto rows, by geonameid."""
    by_id = {row.geonameid: row for row in rows}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            row = by_id.get(cols[1]) if len(cols) >= 4 else None
            historic = len(cols) > 7 and cols[7] == "1"
            if (
                row
                and not historic
                and cols[2] not in ALTERNATE_SKIP_LANGUAGES
                and usable_name(cols[3])
            ):
                add_name(row, cols[3])


# ---------------------------------------------------------------- the index


class Gazetteer:
    """Place names -> places. ``Gazetteer(path).load()``; then :meth:`find` a text's places."""

    def __init__(self, path: Path | None = None, user_dir: Path | None = None) -> None:
        self.path = path or DATA_DIR / "gazetteer"
        self.user_dir = user_dir
        self._rows: list[str] = []
        self._index: dict[str, str] = {}
        self._parsed: dict[int, Place] = {}
        self._spellings: dict[int, frozenset[str]] = {}
        self._token_keys: dict[str, str] = {}
        self._country_keys: dict[str, list[str]] = {}
        self.countries: dict[str, Country] = {}
        self.shapes: list[Shape] = []
        self.first_token_span: dict[str, int] = {}
        self.not_places: frozenset[str] = frozenset()
        self.function_words: frozenset[str] = frozenset()
        self.blocked_keys: frozenset[str] = frozenset()
        self.demonyms: dict[str, str] = {}
        self.loose_country_names: frozenset[str] = frozenset()
        self.given_names: frozenset[str] = frozenset()
        self.english_words: frozenset[str] = frozenset()

    # -- loading

    def load(self) -> Gazetteer:
        started = time.perf_counter()
        self._rows = read_lines(self.path / "places.tsv.gz")[1:]
        self._index = self._read_index(self.path / "names.tsv.gz")
        self._merge_user_rows()
        self.countries = read_countries(self.path / "countries.tsv")
        self.demonyms = {d.lower(): c.iso2 for c in self.countries.values() for d in c.demonyms}
        self.loose_country_names = frozenset(
            self.countries[c].name for c in LOOSE_COUNTRIES if c in self.countries
        )
        self.shapes = shapes_from_geojson(
            json.loads((self.path / "admin1.geojson").read_text("utf-8"))
        )
        self._load_not_places(self.path / "not_places.txt")
        self.given_names = frozenset(read_word_list(self.path / "given_names.txt"))
        self.english_words = frozenset(read_word_list(self.path / "english_words.txt"))
        self.first_token_span = self._first_token_spans()
        self._parsed, self._spellings, self._country_keys = {}, {}, {}
        log.info(
            "gazetteer: %d places, %d keys in %.2f s",
            len(self._rows),
            len(self._index),
            time.perf_counter() - started,
        )
        return self

    def _read_index(self, path: Path) -> dict[str, str]:
        lines = read_lines(path)
        if lines[0] != INDEX_HEADER:
            log.warning(
                "gazetteer index %s was built with another key version: rebuilding keys", path
            )
            return self._index_from_rows()
        return dict(line.split("\t", 1) for line in lines[1:])

    def _index_from_rows(self) -> dict[str, str]:
        index: dict[str, str] = {}
        for row_id, line in enumerate(self._rows):
            for key in PlaceRow.from_line(line).name_keys():
                index[key] = f"{index[key]},{row_id}" if key in index else str(row_id)
        return index

    def _merge_user_rows(self) -> None:
        """User places go first under their keys, so they win ties with shipped rows."""
        for line in self._user_lines():
            row_line, _, keys = line.rpartition("\t")
            row_id = len(self._rows)
            self._rows.append(row_line)
            for key in keys.split("|"):
                self._index[key] = (
                    f"{row_id},{self._index[key]}" if key in self._index else str(row_id)
                )

    def _user_lines(self) -> list[str]:
        path = self.user_path
        return (
            [line for line in read_lines(path) if line and not line.startswith("#")]
            if path.exists()
            else []
        )

    @property
    def user_path(self) -> Path:
        return (self.user_dir or default_user_dir()) / USER_FILE

    def _load_not_places(self, path: Path) -> None:
        lines = read_lines(path)
        cut = lines.index(FUNCTION_WORDS_END) if FUNCTION_WORDS_END in lines else 0
        self.function_words = frozenset(read_word_list_lines(lines[:cut]))
        entries = read_word_list_lines(lines)
        self.not_places = frozenset(e for e in entries if " " not in e)
        self.blocked_keys = frozenset(place_key(e) for e in entries if " " in e or e.endswith("*"))
        self.blocked_keys |= frozenset(place_key(e.rstrip("*")) for e in entries if e.endswith("*"))

    def _first_token_spans(self) -> dict[str, int]:
        """Longest key (in words) starting with each first word: bounds the longest-match scan."""
        spans: dict[str, int] = {}
        for key in (*self._index, *self.blocked_keys):
            if " " in key:
                words = key.split(" ")
                spans[words[0]] = max(spans.get(words[0], 1), len(words))
        return spans

    @property
    def loaded(self) -> bool:
        return bool(self._rows)

    # -- lookups

    def candidates(self, key: str) -> list[int]:
        ids = self._index.get(key)
        return [int(i) for i in ids.split(",")] if ids else []

    def has_key(self, key: str) -> bool:
        return key in self._index

    def keys(self) -> Iterator[str]:
        return iter(self._index)

    def place(self, row_id: int) -> Place:
        place = self._parsed.get(row_id)
        if place is None:
            place = self._parsed[row_id] = self._to_place(PlaceRow.from_line(self._rows[row_id]))
        return place

    def country_keys(self, country: str) -> list[str]:
        """Name keys of one country's places (by country name), for fuzzy matching; cached."""
        keys = self._country_keys.get(country)
        if keys is None:
            code = self.country_code(country) or country
            rows = {i for i, line in enumerate(self._rows) if line.split("\t", 3)[2] == code}
            keys = [
                k for k, ids in self._index.items() if any(int(i) in rows for i in ids.split(","))
            ]
            self._country_keys[country] = keys
        return keys

    def spellings(self, row_id: int) -> frozenset[str]:
        """Light spellings of all names of a row (see :func:`placenames.spelling`), cached."""
        found = self._spellings.get(row_id)
        if found is None:
            row = self.row(row_id)
            found = self._spellings[row_id] = frozenset(spelling(n) for n in [row.name, *row.names])
        return found

    def row(self, row_id: int) -> PlaceRow:
        return PlaceRow.from_line(self._rows[row_id])

    def _to_place(self, row: PlaceRow) -> Place:
        country = self.countries.get(row.country)
        gid = int(row.geonameid) if row.geonameid.isdigit() else None
        return Place(name=row.name, country=country.name if country else row.country,
                     iso=country.numeric if country else None, admin1=row.admin1 or None,
                     admin2=row.admin2 or None, latitude=row.lat, longitude=row.lon,
                     feature=row.feature, population=row.population, geonameid=gid)  # fmt: skip

    def country_code(self, name: str) -> str | None:
        """ISO2 of a country name, alias or code ('Syria', 'SY', 'SYR', 'Syrian Arab Republic')."""
        wanted = name.strip()
        for country in self.countries.values():
            if wanted.upper() in (country.iso2, country.iso3):
                return country.iso2
        key = place_key(wanted)
        for country in self.countries.values():
            if key in {place_key(n) for n in (country.name, *country.aliases)}:
                return country.iso2
        return None

    def country(self, name: str) -> Place | None:
        code = self.country_code(name)
        if code is None:
            return None
        found = [
            p
            for p in self._feature_places(place_key(self.countries[code].name), "country")
            if p.iso == self.countries[code].numeric
        ]
        return found[0] if found else None

    def province(self, country: str, admin1: str) -> Place | None:
        """The admin1 place (at its capital) of a country, by any of its names ('Idleb', 'Rif Dimashq')."""
        code = self.country_code(country)
        if code is None:
            return None
        numeric = self.countries[code].numeric
        for place in self._feature_places(place_key(admin1), "admin1"):
            if place.iso == numeric:
                return place
        return None

    def _feature_places(self, key: str, feature: str) -> list[Place]:
        return [p for p in map(self.place, self.candidates(key)) if p.feature == feature]

    def admin1_at(self, lat: float, lon: float) -> tuple[str, str] | None:
        """(country name, admin1) of the province shape holding the point."""
        found = locate(self.shapes, lat, lon)
        if found is None:
            return None
        country = self.countries.get(found[0])
        return (country.name if country else found[0]), found[1]

    def token_key(self, token: str) -> str:
        """Key of one word, memoised: news repeats its words."""
        key = self._token_keys.get(token)
        if key is None:
            if len(self._token_keys) > TOKEN_MEMO_SIZE:
                self._token_keys.clear()
            key = self._token_keys[token] = token_key(token)
        return key

    # -- finding places in text

    def find(self, text: str, country: str | None = None) -> list[PlaceMention]:
        """Place mentions of a whole article, resolved in context (see :mod:`geoparse`).

        ``country`` (a name or ISO code, e.g. ``Settings.default_country``) hints the
        article's country when its own words do not settle it.
        """
        from frontwatch.resolve.geoparse import find_places  # geoparse builds on this module

        return find_places(self, text, country)

    # -- user gazetteers

    def add_geonames(self, path: Path, alternate_names: Path | None = None) -> int:
        """Add a GeoNames dump (allCountries.txt / SY.txt format) to the user index; returns rows added."""
        codes = dict(
            line.split("\t", 1) for line in read_lines(self.path / "admin_codes.tsv.gz")[1:]
        )
        rows = list(read_geonames(path, codes))
        if alternate_names is not None:
            add_alternate_names(rows, alternate_names)
        kept = self._write_user_rows(rows)
        if self.loaded:
            self.load()
        return kept

    def _write_user_rows(self, rows: list[PlaceRow]) -> int:
        """Merge into the user file: a geonameid added again replaces its earlier row."""
        path = self.user_path
        path.parent.mkdir(parents=True, exist_ok=True)
        new_ids = {row.geonameid for row in rows}
        old = [line for line in self._user_lines() if line.split("\t", 1)[0] not in new_ids]
        new = [f"{row.to_line()}\t{'|'.join(sorted(row.name_keys()))}" for row in rows]
        path.write_text("\n".join([ROW_HEADER + "\tkeys", *old, *new]) + "\n", encoding="utf-8")
        return len(new)
