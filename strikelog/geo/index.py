"""The compiled gazetteer: a flat place table and name keys → places.

Places are rows of parallel arrays (geonameid, lat, lon, population, country, admin1
row, admin2 row, level, feature code), so the whole index loads from one pickle in a
few tens of milliseconds and stays small in memory. A key (a normalised name: lowercase
words joined by one space) has a number; per number the index lists the rows the key
may mean, best prior first.

Why no Aho-Corasick automaton: with ~200,000 keys pyahocorasick's trie took 0.75 s to
load and 120 MB (measured, docs/gazetteer.md); every key is whole words, so a hash of
keys probed word by word finds the same matches in one pass (strikelog.geo.matcher).
"""

from __future__ import annotations

import math
import pickle
from array import array
from dataclasses import dataclass
from pathlib import Path

from strikelog.geo.sources import LEVELS

# Mention kinds: the place levels plus "capital" ("the capital").
KINDS = (*LEVELS, "capital")
FORMAT_VERSION = 3
TABLE_FILE = "index.pickle"
NO_ROW = -1


@dataclass
class PlaceTable:
    """Parallel arrays, one entry per place row."""

    geonameid: array  # 'q'
    lat: array  # 'd', NaN when unknown
    lon: array  # 'd'
    population: array  # 'q'
    country: array  # 'H' → countries
    admin1: array  # 'i' row or NO_ROW
    admin2: array  # 'i' row or NO_ROW
    level: array  # 'B' → LEVELS
    feature: array  # 'H' → features
    # a tuple, not a list: the garbage collector stops scanning a tuple of strings, and
    # would go through a list of 60,000 names at every full collection
    names: tuple[str, ...]
    countries: list[str]
    features: list[str]  # "P.PPL", "A.ADM1"

    def __len__(self) -> int:
        return len(self.geonameid)


@dataclass
class RowLists:
    """One list of place rows per key number, stored flat (CSR)."""

    offsets: array  # 'I', one more than there are keys
    rows: array  # 'i'

    def of(self, key_id: int) -> array:
        return self.rows[self.offsets[key_id] : self.offsets[key_id + 1]]


NO_KIND = 255  # a key that means a place only with a suffix ("Kharkivska" + " oblast")


@dataclass
class KeyTable:
    """Per key number: its length, the kind it has alone, and three row lists: what it
    means alone, as the stem of an admin1 form ("Kharkiv region") and as the stem of an
    admin2/district form ("Desnianskyi district"). The key strings themselves live only
    in the automaton (a match's key is the matched normal-form text)."""

    length: array  # 'H', characters in the key
    kind: array  # 'B' → KINDS, or NO_KIND
    bare: RowLists
    admin1_stem: RowLists
    admin2_stem: RowLists
    capital_country: dict[int, str]  # key number → ISO2 ("the Ukrainian capital" → "UA")
    preferred: dict[int, int]  # key number → row an alias in aliases.toml names
    ids: dict[str, int]  # key → number
    multi_word: dict[str, int]  # first (two) words of multi-word keys → most words of such a key


@dataclass
class CompiledIndex:
    places: PlaceTable
    keys: KeyTable
    admin1_suffixes: list[str]
    admin2_suffixes: list[str]
    admin_modifiers: list[str]
    row_of_gid: dict[int, int]
    capital_rows: dict[str, int]  # ISO2 → row of its capital
    country_rows: dict[str, int]
    admin_rows: dict[str, int]  # GeoNames admin code → row
    meta: dict[str, object]


def multi_word_firsts(keys: list[str]) -> dict[str, int]:
    """First word, and first two words, of multi-word keys → most words such a key has."""
    out: dict[str, int] = {}
    for key in keys:
        words = key.split(" ")
        if len(words) > 1:
            for prefix in (words[0], " ".join(words[:2])):
                out[prefix] = max(out.get(prefix, 0), len(words))
    return out


def save_index(index: CompiledIndex, directory: Path) -> None:
    """Write the index into DIRECTORY (which the caller then moves into place)."""
    directory.mkdir(parents=True, exist_ok=True)
    p, k = index.places, index.keys
    payload = {
        "format": FORMAT_VERSION,
        "meta": index.meta,
        "places": {
            name: getattr(p, name).tobytes()
            for name in ("geonameid", "lat", "lon", "population", "country", "admin1", "admin2",
                         "level", "feature")
        },
        "place_names": "\n".join(p.names),
        "countries": p.countries,
        "features": p.features,
        "key_arrays": {"length": k.length.tobytes(), "kind": k.kind.tobytes()},
        "row_lists": {
            name: (getattr(k, name).offsets.tobytes(), getattr(k, name).rows.tobytes())
            for name in ("bare", "admin1_stem", "admin2_stem")
        },
        "suffixes": (index.admin1_suffixes, index.admin2_suffixes, index.admin_modifiers),
        # one string, split on load: twice as fast to read as a pickled dict
        "keys": "\n".join(sorted(k.ids, key=k.ids.__getitem__)),
        "multi_word": k.multi_word,
        "capital_country": k.capital_country,
        "preferred": k.preferred,
        "admin_codes": index.admin_rows,
        "capital_rows": index.capital_rows,
    }
    with (directory / TABLE_FILE).open("wb") as fh:
        pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)


_PLACE_TYPES = {
    "geonameid": "q", "lat": "d", "lon": "d", "population": "q", "country": "H",
    "admin1": "i", "admin2": "i", "level": "B", "feature": "H",
}



def _array(typecode: str, data: bytes) -> array:
    out = array(typecode)
    out.frombytes(data)
    return out


def load_index(directory: Path) -> CompiledIndex:
    """Read an index written by save_index. Raises ValueError if it is not one."""
    with (directory / TABLE_FILE).open("rb") as fh:
        payload = pickle.load(fh)
    if not isinstance(payload, dict) or payload.get("format") != FORMAT_VERSION:
        raise ValueError(f"{directory}: not a gazetteer index of format {FORMAT_VERSION}")
    arrays = {n: _array(t, payload["places"][n]) for n, t in _PLACE_TYPES.items()}
    places = PlaceTable(
        **arrays,
        names=tuple(payload["place_names"].split("\n")),
        countries=payload["countries"],
        features=payload["features"],
    )
    lists = {
        name: RowLists(_array("I", offsets), _array("i", rows))
        for name, (offsets, rows) in payload["row_lists"].items()
    }
    key_list = payload["keys"].split("\n")
    keys = KeyTable(
        length=_array("H", payload["key_arrays"]["length"]),
        kind=_array("B", payload["key_arrays"]["kind"]),
        capital_country=payload["capital_country"],
        preferred=payload["preferred"],
        ids=dict(zip(key_list, range(len(key_list)), strict=True)),
        multi_word=payload["multi_word"],
        **lists,
    )
    admin1_suffixes, admin2_suffixes, admin_modifiers = payload["suffixes"]
    country_level = LEVELS.index("country")
    country_rows = {
        places.countries[places.country[r]]: r
        for r in range(len(places))
        if places.level[r] == country_level
    }
    return CompiledIndex(
        places=places,
        keys=keys,
        admin1_suffixes=admin1_suffixes,
        admin2_suffixes=admin2_suffixes,
        admin_modifiers=admin_modifiers,
        row_of_gid=dict(zip(places.geonameid, range(len(places)), strict=True)),
        capital_rows=payload["capital_rows"],
        country_rows=country_rows,
        admin_rows=payload["admin_codes"],
        meta=payload["meta"],
    )


def coord(value: float) -> float | None:
    return None if math.isnan(value) else value
