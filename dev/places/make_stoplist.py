"""List place names that are also frequent English words, as stoplist candidates.

Run:  .venv/bin/python dev/places/make_stoplist.py > /tmp/candidates.txt
Needs `wordfreq` (a development tool only; not used at run time). Every candidate is
read by a person before it goes into strikelog/geo/data/stoplist.txt.
"""

from __future__ import annotations

import sys
from collections import defaultdict

from wordfreq import zipf_frequency

from strikelog.geo import sources
from strikelog.geo.normalize import name_key

MIN_ZIPF = 3.0  # single words: about once per million words or more often
MIN_ZIPF_PHRASE = 3.5  # multi-word names ("As Seen", "Forest Hills")
KEEP_POPULATION = 100_000  # every name of a place this large stays a place


def main() -> None:
    coverage = sources.load_coverage()
    aliases = sources.load_aliases()
    countries = sources.read_countries(aliases)
    units, rows = sources.read_subdivisions(countries, aliases, coverage)
    settlements = sources.read_settlements(coverage, rows, units)
    largest: dict[str, int] = defaultdict(int)
    important: set[str] = set()
    for place in settlements:
        for name in place.names:
            key = name_key(name)
            largest[key] = max(largest[key], place.population)
            if place.population >= KEEP_POPULATION:
                important.add(key)
    for unit in [*countries.values(), *units.values()]:
        for name in unit.bare_names | unit.stems:
            largest[name_key(name)] = max(largest[name_key(name)], 0)
        if unit.level in ("country", "admin1"):
            important |= {name_key(n) for n in unit.bare_names}
    for key in sorted(largest):
        if key in important:
            continue
        zipf = zipf_frequency(key, "en")
        if zipf >= (MIN_ZIPF if " " not in key else MIN_ZIPF_PHRASE):
            sys.stdout.write(f"{key}\t{zipf:.2f}\t{largest[key]}\n")


if __name__ == "__main__":
    main()
