"""The gazetteer's file formats: place rows, the name-key index, per-country key lists, countries.

Written by scripts/build_gazetteer.py (and by ``Gazetteer.add_geonames`` for the user
file), read by :class:`~frontwatch.resolve.gazetteer.Gazetteer`. Everything that
costs time per row (name keys, light spellings) is computed here, at build time,
so that loading and the first pass over new text stay fast.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from frontwatch.resolve.placenames import KEY_VERSION, place_key, spelling, word_set

INDEX_HEADER = f"#frontwatch-gazetteer-index\tkey_version={KEY_VERSION}"
COUNTRY_KEYS_HEADER = f"#frontwatch-country-keys\tkey_version={KEY_VERSION}"
ROW_HEADER = "#geonameid\tname\tcountry\tadmin1\tadmin2\tlat\tlon\tfeature\tpopulation\tsource\tnames\tspellings"  # fmt: skip
SPELLINGS_COLUMN = 11
MAX_CANDIDATES = 300  # per key: room for every village of a common name, bounded for speed
# Transliterated Arabic/Persian/Turkish names: loose (transliteration-folded) matches only here,
# and only their names are compared by edit distance with unknown words.
LOOSE_COUNTRIES = word_set("SY IQ YE LB JO PS SA KW OM AE QA BH EG LY SD TN DZ MA IR TR IL AF")


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
                  self.feature, str(self.population), self.source, "|".join(self.names),
                  "|".join(sorted(self.spellings())))  # fmt: skip
        return "\t".join(f.replace("\t", " ") for f in fields)

    @classmethod
    def from_line(cls, line: str) -> PlaceRow:
        gid, name, country, admin1, admin2, lat, lon, feature, pop, source, names = line.split(
            "\t"
        )[:11]
        return cls(gid, name, country, admin1, admin2, float(lat) if lat else None,
                   float(lon) if lon else None, feature, int(pop or 0), names.split("|") if names else [], source)  # fmt: skip

    def name_keys(self) -> set[str]:
        """Keys of all names; a double name ('Hims - Hamah', a pair of villages) is keyed by
        its parts, so that a list of towns ('Homs Hama') does not read as one place."""
        parts = (part for name in [self.name, *self.names] for part in name.split(" - "))
        return {k for k in map(place_key, parts) if len(k) >= 2}

    def spellings(self) -> frozenset[str]:
        """Light spellings of all names (see :func:`placenames.spelling`): exact-match tests."""
        return frozenset(spelling(n) for n in [self.name, *self.names])


def row_spellings(line: str) -> frozenset[str]:
    """Spellings of a stored row line: its last column, or computed for rows written without it."""
    columns = line.split("\t")
    if len(columns) > SPELLINGS_COLUMN:
        return frozenset(columns[SPELLINGS_COLUMN].split("|"))
    return PlaceRow.from_line(line).spellings()


def write_rows(rows: Iterable[PlaceRow], path: Path) -> None:
    with gzip_writer(path) as handle:
        handle.write(ROW_HEADER + "\n")
        handle.writelines(row.to_line() + "\n" for row in rows)


def ids_by_key(keys_by_row: dict[int, set[str]], order: list) -> dict[str, list[int]]:
    """Key -> row ids, best prior (``order``) first, capped at MAX_CANDIDATES."""
    found: dict[str, list[int]] = {}
    for row_id, keys in keys_by_row.items():
        for key in keys:
            found.setdefault(key, []).append(row_id)
    return {k: sorted(ids, key=order.__getitem__)[:MAX_CANDIDATES] for k, ids in found.items()}


def write_index(index: dict[str, list[int]], path: Path) -> None:
    """``key<TAB>id,id,...`` lines under a header naming the key version."""
    with gzip_writer(path) as handle:
        handle.write(INDEX_HEADER + "\n")
        for key in sorted(index):
            handle.write(f"{key}\t{','.join(map(str, index[key]))}\n")


def country_keys(index: dict[str, list[int]], countries: list[str]) -> dict[str, list[str]]:
    """Country ISO2 -> the keys naming one of its places (``countries`` holds each row's ISO2)."""
    found: dict[str, list[str]] = {}
    for key in sorted(index):
        for code in {countries[i] for i in index[key]} & LOOSE_COUNTRIES:
            found.setdefault(code, []).append(key)
    return found


def write_country_keys(keys: dict[str, list[str]], path: Path) -> None:
    """``ISO2<TAB>key|key|...`` lines: the choices of edit-distance matching, per country."""
    with gzip_writer(path) as handle:
        handle.write(COUNTRY_KEYS_HEADER + "\n")
        handle.writelines(f"{code}\t{'|'.join(keys[code])}\n" for code in sorted(keys))


def read_country_keys(path: Path) -> dict[str, list[str]] | None:
    """The per-country key lists, or None when missing or built with another key version."""
    if not path.exists():
        return None
    lines = read_lines(path)
    if not lines or lines[0] != COUNTRY_KEYS_HEADER:
        return None
    return {code: keys.split("|") for code, keys in (line.split("\t", 1) for line in lines[1:])}


def gzip_writer(path: Path) -> io.TextIOWrapper:
    """A UTF-8 text writer into a gzip file with no timestamp inside: a rebuild of unchanged
    data gives the same bytes, so the repository only sees real changes."""
    raw = gzip.GzipFile(path, "wb", compresslevel=9, mtime=0)
    return io.TextIOWrapper(raw, encoding="utf-8")


def read_lines(path: Path) -> list[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return handle.read().splitlines()


def read_word_list(path: Path) -> list[str]:
    """Lowercase entries of a one-a-line list, '#' comments skipped."""
    return read_word_list_lines(read_lines(path))


def read_word_list_lines(lines: list[str]) -> list[str]:
    return [line.strip().lower() for line in lines if line.strip() and not line.startswith("#")]


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


def country_codes(countries: dict[str, Country]) -> dict[str, str]:
    """Every way to name a country -> its ISO2: codes (upper case) and name keys."""
    codes: dict[str, str] = {}
    for country in countries.values():
        for name in (country.name, *country.aliases):
            codes.setdefault(place_key(name), country.iso2)
    for country in countries.values():
        codes[country.iso2] = codes[country.iso3] = country.iso2
    return codes
