"""Decide which place each mention means, using the whole report.

Each candidate gets a score: a prior (population, capital) plus evidence from the
report — the conflict's countries, a qualifier written next to the name ("Pohreby,
Kyiv region", "Desnianskyi district of Kyiv"), a reference place ("north of Kyiv"),
admin units the report names elsewhere, and nearness to places already placed.
When the best two are too close to call, nothing is guessed: the place is given at the
finest level all close candidates share (their admin1, else their country), with their
geonameids kept as candidates.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from strikelog.geo.gazetteer import Candidate, Gazetteer, PlaceMention
from strikelog.geo.index import NO_ROW
from strikelog.models import Place, Span

# Scores (log10 population is the scale: 1.0 = ten times the inhabitants).
MARGIN = 1.0  # a lead smaller than this is a tie
HINT_FIRST = 2.0  # candidate in the report's main country (= 100 times the inhabitants)
HINT_OTHER = 1.5  # in another party's country
OUTSIDE_HINTS = 0.0  # "Berlin" stays Berlin in a report on Ukraine
UNIT_FORM = 2.0  # "Desnianskyi district": the writer named a unit
OWN_NAME = 1.0  # written as the place's own GeoNames name, not a foreign alternate
QUALIFIER = 6.0  # "Pohreby, Kyiv region"
QUALIFIER_NEAR = 3.0  # "Pohreby near Brovary" (qualifier is a settlement)
REFERENCE_KM = 120.0  # "north of Kyiv": candidates within this distance
REFERENCE = 4.0
CO_MENTIONED_ADMIN1 = 2.0
PROXIMITY_KM = 100.0
PROXIMITY = 1.5
ALIAS = 1.5  # the place an alias in aliases.toml names ("Sloviansk" → Slovyansk)
UNKNOWN_POPULATION = 500  # GeoNames' 0 means "not known", not "empty"
# a lone candidate this small outside the one region a report names may be a namesake of
# a village there the data lacks (villages share names across a country)
LONE_VILLAGE = 5000

# What stands between a name and a qualifier that places it: ", " "(" " in the " " of ".
_QUALIFIER_GAP = re.compile(r"\s*(?:,|\(|\bin\b|\bof\b|–|—|-)\s*(?:the\s+)?", re.IGNORECASE)
# What stands between a name and a reference place: "north of", "20 km from", "near".
_REFERENCE_GAP = re.compile(
    r"\s*,?\s*(?:(?:about|some|around)\s+)?(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
    r"(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|"
    r"north-west|south-east|south-west)(?:ern)?\s+(?:of\s+)?|from\s+|outside\s+|near\s+|"
    r"close\s+to\s+|on\s+the\s+outskirts\s+of\s+)(?:the\s+)?",
    re.IGNORECASE,
)
_VILLAGE_AFTER = re.compile(r"[^\S\n]+village\b", re.IGNORECASE)
_VILLAGE_BEFORE = re.compile(r"\bvillage[^\S\n]+(?:of[^\S\n]+)?$", re.IGNORECASE)
_FINER = {"settlement": 4, "district": 3, "admin2": 2, "admin1": 1, "country": 0}


@dataclass(slots=True)
class _Scored:
    cand: Candidate
    score: float


def resolve(gaz: Gazetteer, mentions: list[PlaceMention], *, countries: Sequence[str] = (),
            text: str | None = None) -> list[Place]:
    hints = [c.upper() for c in countries if c]
    mentioned = _mentioned_countries(mentions)
    admin1_rows = _co_mentioned_admin1(gaz, mentions, hints)
    qualifiers = _qualifiers(mentions, text)

    first = [_score(gaz, m, hints, mentioned, admin1_rows, qualifiers, anchors=[])
             for m in mentions]
    decided = [bool(s) and _decided(s) for s in first]
    anchors = [s[0].cand for s, d in zip(first, decided, strict=True)
               if d and s[0].cand.level == "settlement"]
    places = []
    for mention, scored, sure in zip(mentions, first, decided, strict=True):
        if scored and not sure and anchors:
            scored = _score(gaz, mention, hints, mentioned, admin1_rows, qualifiers, anchors)
            sure = _decided(scored)
        places.append(_place(gaz, mention, scored, hints, mentioned, sure, admin1_rows, text))
    return places


# ------------------------------------------------------------------- context

def _mentioned_countries(mentions: list[PlaceMention]) -> list[str]:
    out: list[str] = []
    for m in mentions:
        if m.kind == "country" and m.candidates and m.candidates[0].country not in out:
            out.append(m.candidates[0].country)
    return out


def _co_mentioned_admin1(gaz: Gazetteer, mentions: list[PlaceMention], hints: list[str]
                         ) -> set[int]:
    """Rows of the admin1 (and admin2) units the report names on their own; an admin2
    ("Brovary district") also names its admin1."""
    rows = set()
    for m in mentions:
        if m.kind in ("admin1", "admin2", "district"):
            cands = [c for c in m.candidates if not hints or c.country in hints] or m.candidates
            if len(cands) == 1 and cands[0].feature_class == "A":
                rows.add(cands[0].row)
                rows.add(gaz.admin1_of(cands[0]))
    return rows


@dataclass
class _Context:
    qualifier: list[PlaceMention] = field(default_factory=list)
    reference: list[PlaceMention] = field(default_factory=list)


def _qualifiers(mentions: list[PlaceMention], text: str | None) -> dict[str, _Context]:
    """Per key: the mentions written right after it that place it. Collected over all
    occurrences of a name, so "Pohreby, Kyiv region" also places a later "Pohreby"."""
    out: dict[str, _Context] = {}
    if text is None:
        return out
    for m, nxt in zip(mentions, mentions[1:], strict=False):
        if nxt.start - m.end > 40 or nxt.kind == "capital":
            continue
        gap = text[m.end : nxt.start]
        if _QUALIFIER_GAP.fullmatch(gap) and (
            _FINER[nxt.kind] < _FINER.get(m.kind, 4)
            or nxt.kind in ("admin1", "admin2", "country")
            or m.kind in ("district", "admin2")  # "Desnianskyi district of Kyiv"
        ):
            _context_of(out, m.key).qualifier.append(nxt)
        elif _REFERENCE_GAP.fullmatch(gap):
            _context_of(out, m.key).reference.append(nxt)
    return out


def _context_of(contexts: dict[str, _Context], key: str) -> _Context:
    ctx = contexts.get(key)
    if ctx is None:
        ctx = contexts[key] = _Context()
    return ctx


_NO_CONTEXT = _Context()  # for a key with none: read only


# ------------------------------------------------------------------- scoring

def _score(gaz: Gazetteer, m: PlaceMention, hints: list[str], mentioned: list[str],
           admin1_rows: set[int], qualifiers: dict[str, _Context],
           anchors: list[Candidate]) -> list[_Scored]:
    if not m.candidates:
        return []
    ctx = qualifiers.get(m.key, _NO_CONTEXT)
    # what is the same for every candidate, looked up once (the sums below keep their order:
    # a float sum in another order may differ in its last bit)
    unit_form = m.kind in ("admin1", "admin2", "district")
    preferred = m.preferred
    first_hint = hints[0] if hints else None
    places = gaz.index.places
    out = []
    for c in m.candidates:
        score = math.log10(max(c.population, UNKNOWN_POPULATION))  # the prior
        if c.feature_code == "PPLC":
            score += 1.0
        if preferred is not None and c.geonameid == preferred:
            score += ALIAS
        if unit_form and c.feature_class == "A":
            score += UNIT_FORM
        if gaz.own_key(c) == m.key:
            score += OWN_NAME
        if first_hint is not None:
            if c.country == first_hint:
                score += HINT_FIRST
            elif c.country in hints:
                score += HINT_OTHER
            else:
                score += OUTSIDE_HINTS
        elif c.country in mentioned:
            score += HINT_OTHER
        for q in ctx.qualifier:
            score += _qualifier_bonus(gaz, c, q)
        for r in ctx.reference:
            score += _reference_bonus(c, r)
        level = c.level
        if admin1_rows and level != "admin1" and level != "country":
            # gaz.admin1_of and gaz.admin2_of, for a candidate that is not an admin1
            if places.admin1[c.row] in admin1_rows:
                score += CO_MENTIONED_ADMIN1
            admin2 = (c.row if (level == "admin2" or level == "district")
                      and c.feature_class == "A" else places.admin2[c.row])
            if admin2 in admin1_rows:
                score += CO_MENTIONED_ADMIN1
        if anchors:
            near = min((_km(c, a) for a in anchors if a.row != c.row), default=math.inf)
            if near < PROXIMITY_KM:
                score += PROXIMITY * (1 - near / PROXIMITY_KM)
        out.append(_Scored(c, score))
    if len(out) > 1:
        out.sort(key=_by_score, reverse=True)
    return out


_by_score = operator.attrgetter("score")


def _qualifier_bonus(gaz: Gazetteer, c: Candidate, q: PlaceMention) -> float:
    best = 0.0
    for qc in q.candidates:
        if q.kind == "country":
            if c.country == qc.country:
                best = max(best, QUALIFIER / 2)
        elif qc.level == "admin1":
            if gaz.admin1_of(c) == qc.row:
                best = max(best, QUALIFIER)
        elif qc.level in ("admin2", "district") and qc.feature_class == "A":
            if gaz.admin2_of(c) == qc.row:
                best = max(best, QUALIFIER)
            elif gaz.admin1_of(c) == gaz.admin1_of(qc):
                best = max(best, QUALIFIER_NEAR)
        elif gaz.admin1_of(c) == gaz.admin1_of(qc) and gaz.admin1_of(c) != NO_ROW:
            # "Desnianskyi district of Kyiv", "Pohreby near Brovary"
            best = max(best, QUALIFIER_NEAR + (1.0 if c.level == "district" else 0.0))
    return best


def _reference_bonus(c: Candidate, r: PlaceMention) -> float:
    if not r.candidates:
        return 0.0
    ref = r.candidates[0]  # the reference is usually the well-known place
    km = _km(c, ref)
    return REFERENCE * (1 - km / REFERENCE_KM) if km < REFERENCE_KM else 0.0


def _km(a: Candidate, b: Candidate) -> float:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _decided(scored: list[_Scored]) -> bool:
    return len(scored) == 1 or scored[0].score - scored[1].score >= MARGIN


# -------------------------------------------------------------------- output

def _place(gaz: Gazetteer, m: PlaceMention, scored: list[_Scored], hints: list[str],
           mentioned: list[str], decided: bool, admin1_rows: set[int] | None = None,
           text: str | None = None) -> Place:
    """The place of mention M from its scored candidates (`decided`: `_decided(scored)`)."""
    evidence = [Span(m.start, m.end, m.text)]
    if m.kind == "capital":
        return _capital(gaz, m, hints, mentioned, evidence)
    if not scored:
        return Place(name=m.text, written=m.text, precision="unresolved", evidence=evidence)
    best = scored[0]
    if len(scored) == 1 and best.cand.population < LONE_VILLAGE and _called_village(m, text):
        # "Nyaung Kone village" in a report on Sagaing, where the data knows one small
        # Nyaung Kone, near Yangon: a village of the named region it does not list
        unlisted = _unlisted_village(gaz, m, [best.cand], admin1_rows or set(), evidence)
        if unlisted is not None:
            return unlisted
    if decided:
        lead = best.score - scored[1].score if len(scored) > 1 else 4.0
        confidence = min(0.95, 0.55 + 0.1 * lead)
        return _from_candidate(best.cand, m, confidence, evidence)
    tied = [s.cand for s in scored if best.score - s.score < MARGIN]
    # a city and the admin1 named after it ("Berlin", "Geneva"): the city is meant
    inner = {gaz.admin1_of(c) for c in tied if c.level != "admin1"}
    tied = [c for c in tied if not (c.level == "admin1" and c.row in inner)] or tied
    if len(tied) == 1:
        return _from_candidate(tied[0], m, 0.7, evidence)
    # "the villages of Tiahynka and Vesele" in a report on the Kherson region, where the
    # data knows only Veseles elsewhere: a village of that region it does not list
    unlisted = _unlisted_village(gaz, m, tied, admin1_rows or set(), evidence)
    if unlisted is not None:
        return unlisted
    return _coarse(gaz, m, tied, evidence)


def _called_village(m: PlaceMention, text: str | None) -> bool:
    """The report calls M a village: "Nyaung Kone village", "the village of Kfarjouz"."""
    if text is None:
        return False
    return bool(_VILLAGE_AFTER.match(text, m.end) or _VILLAGE_BEFORE.search(
        text, max(0, m.start - 20), m.start))


def _unlisted_village(gaz: Gazetteer, m: PlaceMention, tied: list[Candidate],
                      admin1_rows: set[int], evidence: list[Span]) -> Place | None:
    """M as a village of the one region the report names that the data does not list
    (admin1 precision, named as written), when every candidate lies outside that region."""
    named = _named_region_lacking(gaz, m, tied, admin1_rows)
    if named is None:
        return None
    place = _from_candidate(named, m, 0.5, evidence, precision="admin1")
    place.name, place.geonameid = m.text, None
    place.candidates = [c.geonameid for c in tied if c.geonameid is not None]
    return place


def _named_region_lacking(gaz: Gazetteer, m: PlaceMention, tied: list[Candidate],
                          admin1_rows: set[int]) -> Candidate | None:
    """The one region the report names, when the tied settlements all lie outside it."""
    if m.kind != "settlement" or any(c.level != "settlement" for c in tied):
        return None
    regions = [gaz.candidate(r) for r in admin1_rows if r != NO_ROW]
    regions = [r for r in regions if r is not None and r.level == "admin1"]
    if len(regions) != 1 or regions[0].country not in {c.country for c in tied}:
        return None
    if any(gaz.admin1_of(c) == regions[0].row for c in tied):
        return None
    return regions[0]


def _from_candidate(c: Candidate, m: PlaceMention, confidence: float,
                    evidence: list[Span], precision: str | None = None) -> Place:
    return Place(
        name=c.name,
        written=m.text,
        admin1=c.admin1,
        admin2=c.admin2 if c.level not in ("admin1", "country") else None,
        country=c.country,
        lat=c.lat,
        lon=c.lon,
        geonameid=c.geonameid,
        precision=precision or c.level,
        confidence=confidence,
        evidence=evidence,
    )


def _coarse(gaz: Gazetteer, m: PlaceMention, tied: list[Candidate], evidence: list[Span]
            ) -> Place:
    """Close candidates: the finest level they all share, never one of them."""
    ids = [c.geonameid for c in tied if c.geonameid is not None]
    admin1s = {gaz.admin1_of(c) for c in tied}
    countries = {c.country for c in tied}
    if len(admin1s) == 1 and NO_ROW not in admin1s and all(c.level != "admin1" for c in tied):
        unit = gaz.candidate(admin1s.pop())
        place = _from_candidate(unit, m, 0.6, evidence, precision="admin1")
        place.name = tied[0].name
    elif len(countries) == 1:
        unit_c = gaz.country(countries.pop())
        if unit_c is None:
            return Place(name=m.text, written=m.text, candidates=ids, evidence=evidence)
        place = _from_candidate(unit_c, m, 0.5, evidence, precision="country")
        # "Kordofan", three states: the name written, not the first state's
        place.name = tied[0].name if len({c.name for c in tied}) == 1 else m.text
    else:
        place = Place(name=m.text, written=m.text, precision="unresolved", evidence=evidence)
    place.candidates = ids
    return place


def _capital(gaz: Gazetteer, m: PlaceMention, hints: list[str], mentioned: list[str],
             evidence: list[Span]) -> Place:
    if m.capital_country:
        iso, confidence = m.capital_country, 0.95
    elif hints:
        iso, confidence = hints[0], 0.8
    elif mentioned:
        iso, confidence = mentioned[0], 0.6
    else:
        return Place(name=m.text, written=m.text, precision="unresolved", evidence=evidence)
    cand = gaz.capital(iso)
    if cand is None:
        return Place(name=m.text, written=m.text, precision="unresolved", evidence=evidence)
    return _from_candidate(cand, m, confidence, evidence)


