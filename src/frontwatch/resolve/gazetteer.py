"""The gazetteer index: shipped place rows, the name-key index, countries, province shapes.

Files (data/gazetteer/, built by scripts/build_gazetteer.py, see its README):
``places.tsv.gz`` one row a place; ``names.tsv.gz`` name key -> row numbers;
``country_keys.tsv.gz`` the keys of each country's places; ``countries.tsv``;
``admin1.geojson``; ``not_places.txt``. A user index (GeoNames dumps added with
:meth:`Gazetteer.add_geonames`) lives in a user data directory and is merged by
:meth:`Gazetteer.load`. File formats: :mod:`frontwatch.resolve.gazetteer_files`.

Rows are kept as raw lines and parsed on demand: loading stays well under two
seconds because nothing is parsed that no text asks for. What every text needs
(country names, per-country key lists) is built at load time; what depends on
the text (parsed rows, id lists, word keys) is cached per instance.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from frontwatch.model import Place
from frontwatch.resolve.gazetteer_files import (
    INDEX_HEADER,
    LOOSE_COUNTRIES,
    ROW_HEADER,
    Country,
    PlaceRow,
    country_codes,
    country_keys,
    read_countries,
    read_country_keys,
    read_lines,
    read_word_list,
    read_word_list_lines,
    row_spellings,
)
from frontwatch.resolve.geonames import add_alternate_names, read_geonames
from frontwatch.resolve.placenames import Memo, content_words, fold, place_key, spelling, token_key
from frontwatch.resolve.shapes import Shape, locate, shapes_from_geojson
from frontwatch.settings import DATA_DIR

if TYPE_CHECKING:
    from frontwatch.resolve.geoparse import PlaceMention

log = logging.getLogger(__name__)

USER_FILE = "gazetteer_user.tsv"
WORD_MEMO_SIZE = 200_000  # entries of each word memo, cleared when full: bounded memory
FUNCTION_WORDS_END = "## end of function words"  # in not_places.txt: words above never start a name
BIG_KINDS = ("country", "admin1")  # shipped ids under a key come in this order, then the rest


def default_user_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local/share"
    return Path(base) / "frontwatch"


class Gazetteer:
    """Place names -> places. ``Gazetteer(path).load()``; then :meth:`find` a text's places."""

    def __init__(self, path: Path | None = None, user_dir: Path | None = None) -> None:
        self.path = path or DATA_DIR / "gazetteer"
        self.user_dir = user_dir
        self._rows: list[str] = []
        self._shipped_rows = 0
        self._index: dict[str, str] = {}
        self._ids: dict[str, tuple[int, ...]] = {}
        self._parsed: dict[int, Place] = {}
        self._spellings: dict[int, frozenset[str]] = {}
        self._row_countries: dict[int, str] = {}
        # Word functions memoised per instance (news repeats its words): key, fold, spelling.
        self.token_key = Memo(token_key, WORD_MEMO_SIZE)
        self.fold = Memo(fold, WORD_MEMO_SIZE)
        self.spelling = Memo(spelling, WORD_MEMO_SIZE)
        self._country_keys: dict[str, list[str]] | None = None
        self._key_buckets: dict[str, dict[tuple[str, int], list[str]]] = {}
        self._country_codes: dict[str, str] = {}
        self.codes_by_name: dict[str, str] = {}
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
        self.english_vocabulary: frozenset[str] = frozenset()
        self.city_demonyms: dict[str, tuple[int, ...]] = {}  # 'damascan' -> Damascus rows

    # -- loading

    def load(self) -> Gazetteer:
        started = time.perf_counter()
        self._rows = read_lines(self.path / "places.tsv.gz")[1:]
        self._shipped_rows = len(self._rows)
        self._index = self._read_index(self.path / "names.tsv.gz")
        self._country_keys = read_country_keys(self.path / "country_keys.tsv.gz")
        self._ids, self._parsed, self._spellings, self._key_buckets = {}, {}, {}, {}
        self._row_countries = {}
        self._merge_user_rows()
        self._load_countries(self.path / "countries.tsv")
        self.shapes = shapes_from_geojson(
            json.loads((self.path / "admin1.geojson").read_text("utf-8"))
        )
        self._load_not_places(self.path / "not_places.txt")
        self.given_names = frozenset(read_word_list(self.path / "given_names.txt"))
        self.english_words = frozenset(read_word_list(self.path / "english_words.txt"))
        self.english_vocabulary = self._optional_words(self.path / "english_vocabulary.txt.gz")
        self.first_token_span = self._first_token_spans()
        self.city_demonyms = self._load_city_demonyms(self.path / "city_demonyms.tsv")
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
        added: dict[str, list[str]] = {}
        for line in self._user_lines():
            row_line, _, keys = line.rpartition("\t")
            row_id = len(self._rows)
            self._rows.append(row_line)
            for key in keys.split("|"):
                self._index[key] = (
                    f"{row_id},{self._index[key]}" if key in self._index else str(row_id)
                )
            added.setdefault(self.row_country(row_id), []).extend(keys.split("|"))
        if self._country_keys is not None:
            for code, keys in added.items():
                listed = self._country_keys.get(code, [])
                self._country_keys[code] = list(dict.fromkeys([*listed, *keys]))

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

    def _load_countries(self, path: Path) -> None:
        self.countries = read_countries(path)
        self._country_codes = country_codes(self.countries)
        self.codes_by_name = {c.name: c.iso2 for c in self.countries.values()}
        self.demonyms = {d.lower(): c.iso2 for c in self.countries.values() for d in c.demonyms}
        self.loose_country_names = frozenset(
            self.countries[c].name for c in LOOSE_COUNTRIES if c in self.countries
        )

    def _load_not_places(self, path: Path) -> None:
        lines = read_lines(path)
        cut = lines.index(FUNCTION_WORDS_END) if FUNCTION_WORDS_END in lines else 0
        self.function_words = frozenset(read_word_list_lines(lines[:cut]))
        entries = read_word_list_lines(lines)
        self.not_places = frozenset(e for e in entries if " " not in e)
        self.blocked_keys = frozenset(place_key(e) for e in entries if " " in e or e.endswith("*"))
        self.blocked_keys |= frozenset(place_key(e.rstrip("*")) for e in entries if e.endswith("*"))

    def _load_city_demonyms(self, path: Path) -> dict[str, tuple[int, ...]]:
        """Demonym -> the row of its city: the most populous town so spelled in its country."""
        found = {}
        for line in read_word_list(path) if path.exists() else []:
            demonym, city, iso2 = line.split("\t")
            spelled = self.spelling(city)
            towns = [
                i
                for i in self.candidates(place_key(city))
                if self.row_country(i) == iso2.upper()
                and self.row_feature(i) == "populated"
                and spelled in self.spellings(i)
            ]
            found[demonym] = tuple(sorted(towns, key=lambda i: -self.place(i).population)[:1])
        return found

    @staticmethod
    def _optional_words(path: Path) -> frozenset[str]:
        """A word list that only sharpens matching: an index without it still works."""
        return frozenset(read_lines(path)[1:]) if path.exists() else frozenset()

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

    def candidates(self, key: str) -> tuple[int, ...]:
        """Row ids named by a key, best prior first (user rows ahead); parsed once per key."""
        ids = self._ids.get(key)
        if ids is None:
            listed = self._index.get(key)
            ids = self._ids[key] = tuple(map(int, listed.split(","))) if listed else ()
        return ids

    def has_key(self, key: str) -> bool:
        return key in self._index

    def keys(self) -> Iterator[str]:
        return iter(self._index)

    def place(self, row_id: int) -> Place:
        place = self._parsed.get(row_id)
        if place is None:
            place = self._parsed[row_id] = self._to_place(self._rows[row_id])
        return place

    def row_country(self, row_id: int) -> str:
        """ISO2 of a row, without parsing the row (cached: common names have many rows)."""
        code = self._row_countries.get(row_id)
        if code is None:
            code = self._row_countries[row_id] = self._rows[row_id].split("\t", 3)[2]
        return code

    def row_feature(self, row_id: int) -> str:
        return self._rows[row_id].split("\t", 8)[7]

    def provinces_among(self, ids: tuple[int, ...]) -> list[str]:
        """Admin1 names of the province rows among a key's candidates. Shipped ids come
        countries first, then provinces, then the rest: the scan stops at the rest."""
        found = []
        for row_id in ids:
            feature = self.row_feature(row_id)
            if feature == "admin1":
                found.append(self.place(row_id).admin1)
            elif feature not in BIG_KINDS and row_id < self._shipped_rows:
                break
        return found

    def country_keys(self, country: str) -> list[str]:
        """Name keys of one country's places (by name or code), for fuzzy matching."""
        if self._country_keys is None:  # an index without its key lists: derive them once
            ids = {key: self.candidates(key) for key in self._index}
            codes = [self.row_country(i) for i in range(len(self._rows))]
            self._country_keys = country_keys(ids, codes)
        code = self.codes_by_name.get(country) or self.country_code(country) or country
        return self._country_keys.get(code, [])

    def fuzzy_choices(self, country: str, key: str, cutoff: float) -> list[str]:
        """Keys of a country's places that could score ``cutoff`` (rapidfuzz ratio) against
        ``key``: same first letter (keys fold vowels and q/k, so misspellings keep it) and a
        length within reach (the Indel distance is at least the length difference)."""
        buckets = self._key_buckets.get(country)
        if buckets is None:
            buckets = self._key_buckets[country] = {}
            for other in self.country_keys(country):
                buckets.setdefault((other[:1], len(other)), []).append(other)
        slack = (100 - cutoff) / 100  # ratio = 100 * (1 - distance / (len1 + len2))
        return [
            other
            for size in range(len(key) // 2, 2 * len(key) + 2)
            if abs(size - len(key)) <= slack * (size + len(key))
            for other in buckets.get((key[:1], size), ())
        ]

    def spellings(self, row_id: int) -> frozenset[str]:
        """Light spellings of all names of a row (see :func:`placenames.spelling`), cached."""
        found = self._spellings.get(row_id)
        if found is None:
            found = self._spellings[row_id] = row_spellings(self._rows[row_id])
        return found

    def plain_names(self, row_id: int) -> list[str]:
        """Names of a row folded, articles dropped ('Al Mushayrifah' -> 'mushayrifah')."""
        row = self.row(row_id)
        return [" ".join(content_words(n)) for n in [row.name, *row.names]]

    def row(self, row_id: int) -> PlaceRow:
        return PlaceRow.from_line(self._rows[row_id])

    def _to_place(self, line: str) -> Place:
        gid, name, code, admin1, admin2, lat, lon, feature, population, _ = line.split("\t", 9)
        country = self.countries.get(code)
        return Place(name=name, country=country.name if country else code,
                     iso=country.numeric if country else None, admin1=admin1 or None,
                     admin2=admin2 or None, latitude=float(lat) if lat else None,
                     longitude=float(lon) if lon else None, feature=feature,
                     population=int(population or 0), geonameid=int(gid) if gid.isdigit() else None)  # fmt: skip

    def country_code(self, name: str) -> str | None:
        """ISO2 of a country name, alias or code ('Syria', 'SY', 'SYR', 'Syrian Arab Republic')."""
        wanted = name.strip()
        return self._country_codes.get(wanted.upper()) or self._country_codes.get(place_key(wanted))

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
        ids = self.candidates(key)
        return [self.place(i) for i in ids if self.row_feature(i) == feature]

    def admin1_at(self, lat: float, lon: float) -> tuple[str, str] | None:
        """(country name, admin1) of the province shape holding the point."""
        found = locate(self.shapes, lat, lon)
        if found is None:
            return None
        country = self.countries.get(found[0])
        return (country.name if country else found[0]), found[1]

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
