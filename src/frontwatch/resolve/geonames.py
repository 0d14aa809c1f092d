"""Reading GeoNames dumps (allCountries.txt / SY.txt, alternateNamesV2.txt) for the user index."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from frontwatch.resolve.gazetteer_files import PlaceRow
from frontwatch.resolve.placenames import is_arabic, is_latin

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
