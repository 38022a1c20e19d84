"""City districts that reports name like towns ("a high-rise in Saltivka").

A neighbourhood named in a report that also names its city is a part of that city, not a
place of its own: the list per city is data (`geo/data/city_districts.toml`), because
GeoNames holds some neighbourhoods as populated places (Kharkiv's Saltivka, Kyiv's Obolon)
and nothing in the gazetteer tells them from a suburb town (Holon beside Tel Aviv).
"""

from __future__ import annotations

import tomllib
from functools import cache

from strikelog.geo.sources import data_text
from strikelog.resolve import PlaceRef


@cache
def _districts() -> dict[tuple[str, str], frozenset[str]]:
    data = tomllib.loads(data_text("city_districts.toml"))
    return {
        (country, city): frozenset(n.lower() for n in names)
        for country, cities in data.items()
        for city, names in cities.items()
    }


def mark_city_districts(refs: list[PlaceRef], text: str) -> None:
    """Give `kind = "district"` to places the report names inside a city it also names."""
    table = _districts()
    cities = {
        (r.place.country, r.place.name)
        for r in refs
        if r.kind in ("settlement", "capital") and r.place.country
    }
    names = [table[c] for c in cities if c in table]
    if not names:
        return
    for r in refs:
        if r.kind not in ("settlement", "unlisted"):
            continue
        written = text[r.start : r.end].lower()
        if any(written in n or r.place.name.lower() in n for n in names):
            r.kind = "district"
