"""The pipeline: read → prepare → spot → frame → resolve → reconcile, one report at a time.

Each stage is a pure function of its input and read-only resources (lexicons, gazetteer),
so the same call runs in one process, a process pool or on Dask workers. A stage that fails
is named in the error together with the report.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from typing import TypeVar

from strikelog.districts import mark_city_districts
from strikelog.errors import StageError
from strikelog.frame import MONTH_HINTS, SentenceFrame, frame_sentence
from strikelog.geo import Gazetteer, get_gazetteer
from strikelog.models import (
    HARM_FIELDS,
    Extraction,
    Incident,
    Place,
    Report,
    ReportMeta,
    Span,
    Totals,
)
from strikelog.places import CONTAINER, COUNTRY, is_incident_role, place_role
from strikelog.prepare import Doc, prepare
from strikelog.reconcile import reconcile
from strikelog.resolve import PlaceRef, Resolver
from strikelog.spot.actors import (
    ActorMention,
    country_of,
    find_actors,
    target_of,
    targets_of,
    usual_attacker,
)
from strikelog.spot.mentions import Mention, spot_with_months
from strikelog.unlisted import unlisted_place_matches

T = TypeVar("T")

NO_ATTACK = "no attack found in this report: no strike, casualty figure or launch count"


def _run(stage: str, report: Report, fn: Callable[[], T]) -> T:
    try:
        return fn()
    except StageError:
        raise
    except Exception as exc:  # noqa: BLE001 - re-raised with the stage and report named
        raise StageError(stage, report, exc) from exc


def _frames(
    doc: Doc, mentions: list[Mention], month_words: list[int] | None = None
) -> list[SentenceFrame]:
    """`month_words`: where the words of MONTH_HINTS occur, if the spot stage found them."""
    starts = [m.start for m in mentions]
    # month words looked for once in the whole text, not sentence by sentence
    months = doc.word_spans(MONTH_HINTS, month_words)
    month_starts = [start for start, _ in months]
    n_months = len(months)
    text = doc.text
    bisect_left = bisect.bisect_left
    frames: list[SentenceFrame] = []
    previous_class: str | None = None
    for s in doc.sentences:
        # the first month word from the sentence start on ends first (they cannot overlap)
        first = bisect_left(month_starts, s.start)
        month_hint = first < n_months and months[first][1] <= s.end
        lo = bisect_left(starts, s.start)
        hi = bisect_left(starts, s.end, lo)
        if lo == hi:
            # no mention: what frame_sentence makes of none, without the call
            frame = SentenceFrame(s)
        else:
            inside = [m for m in mentions[lo:hi] if m.end <= s.end]
            frame = frame_sentence(text, s, inside, previous_class, month_hint)
        frame.month_named = month_hint
        frames.append(frame)
        # "… 80 of them" refers to the sentence right before
        previous_class = frame.waves[-1].weapon if frame.waves else None
    return frames


_ATTACK_AFTER_ACTOR = re.compile(  # matched at the actor's end (so no `^`)
    r"(?:'s|’s)?[^\S\n]+(?:[\w-]+[^\S\n]+){0,3}?(?:drones?|missiles?|strikes?|attacks?|"
    r"air[^\S\n]?strikes?|rockets?|shelling|forces[^\S\n]+(?:launched|attacked|struck|shelled|"
    r"fired)|launched|attacked|struck|shelled|fired|bombed|bombardment|barrage|assault|"
    r"glide[^\S\n]bombs?|artillery)\b",
    re.IGNORECASE,
)


def _country_hints(
    text: str, actors: list[ActorMention], mention_countries: list[str]
) -> list[str]:
    """Countries to prefer when geocoding, the struck country first: the opponent of the
    party named with attack words ("Russian drone strikes" → UA), then the most named."""
    seen: dict[str, int] = {}
    for a in actors:
        seen[a.country] = seen.get(a.country, 0) + 1
    for c in mention_countries:
        seen[c] = seen.get(c, 0) + 2
    order = [c for c, _ in sorted(seen.items(), key=lambda kv: -kv[1])]
    votes: dict[str, int] = {}
    for a in actors:
        if _ATTACK_AFTER_ACTOR.match(text, a.end, a.end + 60):
            target = target_of(a.name)
            if target:
                votes[target] = votes.get(target, 0) + 1
    if votes:
        first = max(votes, key=lambda c: votes[c])
        order = [first, *[c for c in order if c != first]]
    return order


def _places(doc: Doc, actors: list[ActorMention], mentions: list[Mention]) -> list[PlaceRef]:
    gaz = get_gazetteer()
    # a weapon or party name is not a place ("Geran" drones, "Hezbollah")
    taken = [(m.start, m.end) for m in mentions if m.kind == "weapon"]
    taken += [(a.start, a.end) for a in actors if not a.metonym]
    # a longer place wins over a party named inside it: "Port Sudan" is not "Sudan"
    found = gaz.find(doc.text, doc.lower)
    if taken:
        spans = sorted(taken)
        taken_starts = [s for s, _ in spans]
        longest = max(e - s for s, e in spans)
        found = [m for m in found if not _covered(m.start, m.end, spans, taken_starts, longest)]
    starts = [s.start for s in doc.sentences]
    country_mentions = [c.country for m in found if m.kind == "country" for c in m.candidates[:1]]
    resolved: list[Place] = gaz.resolve(
        found, countries=_country_hints(doc.text, actors, country_mentions), text=doc.text
    )
    refs = []
    text = doc.text
    sentences = doc.sentences
    for m, place in zip(found, resolved, strict=True):
        si = bisect.bisect_right(starts, m.start) - 1
        if si < 0:
            continue
        sent = sentences[si]
        if sent.boilerplate:
            continue
        role = place_role(text, m.start, m.end, sent.start, m.kind, actors)
        if not place.evidence:
            place.evidence = [Span(m.start, m.end, text[m.start : m.end])]
        kind = m.kind
        # the character after the name: " area", " district" need a space there
        next_char = text[m.end : m.end + 1]
        spaced = next_char != "\n" and next_char.isspace()  # what [^\S\n] matches
        if (
            kind in ("settlement", "capital")
            and place.admin1
            and spaced
            and _AREA_AFTER.match(text, m.end)
            and _THE_BEFORE.search(text, max(0, m.start - 4), m.start)
        ):
            # "in the Khartoum area": the city and its surroundings, its region at large
            kind = "admin1"
            place = Place(
                name=place.admin1, written=m.text, admin1=place.admin1, country=place.country,
                lat=place.lat, lon=place.lon, precision="admin1",
                confidence=min(place.confidence, 0.5), evidence=place.evidence,
            )
        if kind == "settlement":
            # (an ASCII name can end in a district word only if it ends so lowercased, or
            # in "\n", which `$` may stand before)
            written = m.text
            inside = (
                _DISTRICT_WORD.search(written)
                if not written.isascii()
                or written[-8:].lower().endswith(_DISTRICT_WORDS)
                or written.endswith("\n")
                else None
            )
            suffix = inside or (_TOWN_DISTRICT.match(text, m.end) if spaced else None)
            if suffix:
                name = written[: inside.start()] if inside else written
                if _ADJECTIVE_NAME.search(name):
                    kind = "district"  # "Prymorskyi district": a part of a city, not a village
                else:
                    # "the Starokostiantyniv district": the raion named after the town
                    kind = "admin2"
                    place.name = f"{name} {suffix.group(1).lower()}"
                    place.precision = "admin2"
                    place.geonameid = None
        refs.append(PlaceRef(m.start, m.end, kind, role, place, si))
    refs.extend(_regional_capitals(doc, refs, gaz, actors))
    for r in refs:
        if r.place.country in _SCHOLARLY_TRANSLITERATION:
            r.place.name = _plain_latin(r.place.name)
            if r.kind in ("settlement", "capital"):
                # GeoNames' "Dayr al Balah", "Bayt Lahya": the report's "Deir al-Balah",
                # "Beit Lahia" (one Arabic name, two spellings of its vowels)
                _name_as_written(r, doc.text, _consonant_skeleton)
        elif "ë" in r.place.name and r.place.country in ("RU", "UA", "BY"):
            # GeoNames' "Orël", "Korolëv": newsrooms write "Oryol", "Korolyov"
            r.place.name = r.place.name.replace("ë", "yo").replace("Ë", "Yo")
        elif r.kind in ("settlement", "capital") and r.place.name.isascii():
            # GeoNames' "Zaporizhzhya", "Kryvyy Rih", "Mykolayiv": the report's
            # "Zaporizhzhia", "Kryvyi Rih", "Mykolaiv" (Ukraine's own romanisation)
            _name_as_written(r, doc.text, _y_i_skeleton)
    refs.extend(_unlisted_places(doc, refs, taken, actors))
    refs.extend(_units_named_again(doc, refs, actors))
    if not refs:
        return []
    refs.sort(key=lambda r: r.start)
    refs = _drop_capital_appositions(refs, doc.text)
    _resolve_capitals(refs, gaz)
    _propagate_list_roles(doc.text, refs)
    _mark_foreign(refs, actors, doc.text)
    _longer_unknown_names(refs, doc, actors)
    _mark_containers(refs, doc.text)
    mark_city_districts(refs, doc.text)
    return refs


def _covered(
    start: int, end: int, spans: list[tuple[int, int]], starts: list[int], longest: int
) -> bool:
    """Whether one of `spans` (sorted; `starts` their starts, `longest` the longest one's
    length) overlaps start:end and is no shorter: only those that start less than
    `longest` before `start` and before `end` can overlap it."""
    for i in range(bisect.bisect_left(starts, start - longest), bisect.bisect_left(starts, end)):
        s, e = spans[i]
        if start < e and e - s >= end - start:
            return True
    return False


def _party_attacks(text: str, actors: list[ActorMention]) -> bool:
    """A party named as the subject of an attack: "Russia struck gas facilities"."""
    return any(_PARTY_STRUCK.match(text, a.end) for a in actors if not a.metonym)


# a party, then an attack verb: "Russia struck", "Israeli jets bombed", "Russian forces shelled"
_PARTY_STRUCK = re.compile(
    r"(?:[^\S\n]+(?:forces|troops|army|military|jets|aircraft|warplanes))?[^\S\n]+"
    r"(?:struck|hit|attacked|shelled|bombed|pounded|targeted)\b"
)


def _no_harm(ex: Extraction) -> bool:
    return _only_zeros(ex.totals) and all(_only_zeros(i) for i in ex.incidents)


def _only_zeros(totals: Totals | Incident) -> bool:
    figures = [getattr(totals, f) for f in HARM_FIELDS]
    return all(f is None or f.value == 0 for f in figures)


# a capitalised word that goes on a name the gazetteer did not know ("Mala Vovcha")
_NEXT_NAME_WORD = re.compile(r"[ -]([A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)?)\b")
_NOT_NAME_WORDS = frozenset(
    ("Oblast", "Region", "Province", "District", "Raion", "Governor", "Mayor", "City",
     "Regional", "Military", "Administration", "Council", "Street", "Avenue", "On", "In",
     "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
     # landmarks named after a foreign place are the place's, not a new one
     "Hall", "Square", "Bridge", "Tower", "Palace", "Park", "Airport", "Station", "Road",
     "Cathedral", "Church", "Castle", "Stadium", "Centre", "Center", "House", "Abbey")
)


def _longer_unknown_names(refs: list[PlaceRef], doc: Doc, actors: list[ActorMention]) -> None:
    """ "killed in Mala Vovcha": a foreign "Mala" read out of a local name the gazetteer
    lacks is that whole name, unresolved, in the role the sentence gives it."""
    for r in refs:
        if r.role != "abroad" or r.kind != "settlement":
            continue
        m = _NEXT_NAME_WORD.match(doc.text, r.end)
        if m is None or m.group(1) in _NOT_NAME_WORDS:
            continue
        name = doc.text[r.start : m.end()]
        r.end = m.end()
        r.place = Place(
            name=name, written=name, precision="unresolved", evidence=[Span(r.start, r.end, name)]
        )
        sent = doc.sentences[r.sentence]
        r.role = place_role(doc.text, r.start, r.end, sent.start, "settlement", actors)


def _mark_foreign(refs: list[PlaceRef], actors: list[ActorMention], text: str) -> None:
    """A place outside every country the report's parties belong to is not a strike there
    (a jet scrambled in Poland, a summit in Paris) — unless a party is named for it, or the
    report puts it in a region of a party's country ("the town of Toul in the Nabatieh
    district": a namesake the gazetteer lacks, not Toul in France)."""
    parties: set[str] = set()
    for name, country in {(a.name, a.country) for a in actors}:  # each party once
        parties.add(country)
        # "an Israeli drone hit a house in Sidon": every country the party strikes
        parties.update(targets_of(name))
        for c in (target_of(name), country_of(usual_attacker(country) or "")):
            if c:
                parties.add(c)
    if not parties:
        return
    for r, after in itertools.zip_longest(refs, refs[1:]):
        if (
            is_incident_role(r.role)
            and r.place.country
            and r.place.country not in parties
            and r.kind != COUNTRY
            and not (
                after is not None
                and after.kind in ("admin1", "admin2")
                and after.place.country in parties
                and after.sentence == r.sentence
                and _WRITTEN_INSIDE.fullmatch(text, r.end, after.start)
            )
        ):
            r.role = "abroad"


# city districts bear adjective names ("Prymorskyi", "Kyivskyi", "Sovetsky"); a raion named
# after its town bears the town's name ("Starokostiantyniv district")
_ADJECTIVE_NAME = re.compile(
    r"(?:(?:sk|ck|zk|tsk)(?:yi|iy|y|ii|oy|a|e)|(?:n|r|v|t|l|d)(?:yi|iy|ii|yy|oy))$", re.IGNORECASE
)
_AREA_AFTER = re.compile(r"[^\S\n]+area\b")
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_DISTRICT_WORD = re.compile(r"[^\S\n]+(district|raion|rayon|borough)$", re.IGNORECASE)
_DISTRICT_WORDS = ("district", "raion", "rayon", "borough")
_TOWN_DISTRICT = re.compile(r"[^\S\n]+(district|raion|rayon)\b", re.IGNORECASE)


_CAPITAL_WORDS = ("capital", "centre", "center")
_AFTER_THE_REGIONAL_CAPITAL = (
    r"\s+(?:regional|region's|region’s|provincial|oblast|state)\s+"
    rf"(?:{'|'.join(_CAPITAL_WORDS)})\b"
)
_REGIONAL_CAPITAL = re.compile(r"\bthe" + _AFTER_THE_REGIONAL_CAPITAL, re.IGNORECASE)
# the same in the lowercase text: the literal "the" first lets the regex engine skip ahead
_REGIONAL_CAPITAL_IN_LOWER = re.compile(r"the(?<!\wthe)" + _AFTER_THE_REGIONAL_CAPITAL)
_REGION_WORD_AT_END = re.compile(
    r"\s+(?:Oblast|Region|Province|Governorate|State|Krai|Kray|City)$"
)
_COMMA = re.compile(r",\s*")  # "El Obeid, the capital of …"
_SPACE_OF = re.compile(r"\s+of\b")


# Countries whose GeoNames names carry scholarly transliteration marks ("Khān Yūnis").
_SCHOLARLY_TRANSLITERATION = frozenset(
    ("IL", "PS", "LB", "SY", "YE", "IQ", "SD", "IR", "EG", "JO", "SA", "LY", "AF", "PK", "SO")
)


def _name_as_written(ref: PlaceRef, text: str, skeleton: Callable[[str], str]) -> None:
    """Name the place as the report writes it when that is the same name spelt another way
    (`skeleton` maps both spellings to one form); an upper-case dateline keeps the data's."""
    written = text[ref.start : ref.end]
    if (
        written != ref.place.name
        and written[:1].isupper()
        and not written.isupper()
        and skeleton(written) == skeleton(ref.place.name)
    ):
        ref.place.name = written


def _consonant_skeleton(name: str) -> str:
    """A name's consonants: "Khan Yunis" and "Khan Younis", "Dayr al Balah" and "Deir
    al-Balah" share theirs."""
    # (and its article: GeoNames' "An Nusayrat", the report's "Nuseirat")
    return _ARABIC_ARTICLE.sub("", name.lower()).translate(_VOWELS_AND_MARKS_DROPPED)


_ARABIC_ARTICLE = re.compile(r"^(?:al|an|ar|as|ash|at|ad|az|el|ath|adh)[ -]")
_VOWELS_AND_MARKS_DROPPED = str.maketrans("", "", "aeiouy -'’ʼ‘ʿʾ")


def _y_i_skeleton(name: str) -> str:
    """A name without y, i and apostrophes: two romanisations of one Cyrillic name ("Izyum",
    "Izium"; "Mykolayiv", "Mykolaiv") differ mostly there."""
    return name.lower().translate(_Y_I_DROPPED)


_Y_I_DROPPED = str.maketrans("", "", "yi'’ʼ")


def _plain_latin(name: str) -> str:
    """ "Khān Yūnis" → "Khan Yunis": transliteration marks dropped, as newsrooms and ACLED
    write these names; other scripts are kept as they are."""
    if name.isascii() or not all(
        c.isascii() or unicodedata.name(c, "").startswith("LATIN") or not c.isalpha()
        for c in name
    ):
        return name
    folded = unicodedata.normalize("NFKD", name)
    # the ʿayn and hamza marks too: "‘Amūdā" → "Amuda"
    return "".join(c for c in folded if not unicodedata.combining(c) and c not in "‘ʿʾ")


_UNIT_SUFFIX = re.compile(
    r"[^\S\n]+(?:district|raion|rayon|province|region|oblast|governorate)$", re.IGNORECASE
)


def _units_named_again(
    doc: Doc, refs: list[PlaceRef], actors: list[ActorMention]
) -> list[PlaceRef]:
    """ "the Barmal district … A resident of Barmal said": a unit named by its stem alone
    after the text named it in full (the gazetteer knows the stem only with its suffix)."""
    units: dict[str, PlaceRef] = {}
    for r in refs:
        if r.kind in ("admin1", "admin2"):
            written = doc.text[r.start : r.end]
            stem = _UNIT_SUFFIX.sub("", written)
            if stem != written and stem[:1].isupper():
                units.setdefault(stem, r)
    if not units:
        return []
    taken = sorted((r.start, r.end) for r in refs)
    starts = [s.start for s in doc.sentences]
    text = doc.text
    out = []
    for stem, unit in units.items():
        at = text.find(stem, unit.end)
        while at >= 0:
            end = at + len(stem)
            whole_word = not (at and (text[at - 1].isalnum() or text[at - 1] in "'’-")) and not (
                end < len(text) and (text[end].isalnum() or text[end] in "'’-_")
            )
            si = bisect.bisect_right(starts, at) - 1
            if (
                whole_word
                and not any(s < end and at < e for s, e in taken)
                and not _UNIT_SUFFIX.match(" " + text[end : end + 12].split("\n")[0].strip())
                and si >= 0
                and not doc.sentences[si].boilerplate
            ):
                role = place_role(text, at, end, doc.sentences[si].start, unit.kind, actors)
                out.append(PlaceRef(at, end, unit.kind, role, unit.place, si))
            at = text.find(stem, end)
    out.sort(key=lambda r: r.start)
    return out


def _unlisted_places(
    doc: Doc, refs: list[PlaceRef], taken: list[tuple[int, int]], actors: list[ActorMention]
) -> list[PlaceRef]:
    """Places the gazetteer does not know, kept unresolved rather than dropped."""
    out = []
    starts = [s.start for s in doc.sentences]
    known = [(r.start, r.end) for r in refs] + taken
    for m in unlisted_place_matches(doc.text):
        group, start, end = m.form, m.name_start, m.name_end
        name = doc.text[start:end]
        if group == "d" and not any(
            r.kind in ("admin1", "admin2", "country") and r.start == m.end for r in refs
        ):
            continue  # "in X, Y" only when Y is a region the gazetteer knows
        if group == "e" and not any(r.start == m.end for r in refs):
            continue  # "near X in Y" only when Y is a place the gazetteer knows
        if (
            group == "b"
            and _OF_NAME_AFTER.match(doc.text, m.end)
            and doc.text[max(0, start - 4) : start].lower() == "the "
        ):
            # "the Galilee town of Majd al-Kurum": the town is the name after "of" (but
            # "Tudun Biri village of Kaduna state" names the village first)
            continue
        if any(s < end and start < e for s, e in known) or name.split()[0] in _NOT_NAMES:
            continue
        si = bisect.bisect_right(starts, start) - 1
        if (
            si < 0
            or doc.sentences[si].boilerplate
            or start == doc.sentences[si].start
            and group == "b"
            and name.split()[0] in _NOT_NAMES
        ):
            continue
        sent = doc.sentences[si]
        place = Place(
            name=name, written=name, precision="unresolved", evidence=[Span(start, end, name)]
        )
        # "Pale Township", "Pale township": a unit that holds villages, not one of them
        kind = (
            "admin2"
            if name.rsplit(None, 1)[-1].lower() in _UNIT_NOUNS
            or _UNIT_NOUN_AFTER.match(doc.text, end)
            else "settlement"
        )
        role = place_role(doc.text, start, end, sent.start, "settlement", actors)
        out.append(PlaceRef(start, end, kind, role, place, si))
        known.append((start, end))
    return out


_OF_NAME_AFTER = re.compile(r"[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?[A-Z]")

# Capitalised words that begin sentences or titles, not place names.
_NOT_NAMES = frozenset(
    (
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "This",
        "That",
        "Its",
        "Their",
        "His",
        "Her",
        "Our",
        "Refugee",
        "Displacement",
        "Oil",
        "Fuel",
        "Power",
        "State",
        "Military",
        "Army",
        "Russian",
        "Ukrainian",
        "Israeli",
        "Sudanese",
        "Houthi",
        "Main",
        "Central",
        "Largest",
        "Old",
        "New",
        "Camp",
        "Port",
        "Town",
        "Village",
        "Another",
        "One",
        "Two",
        "Three",
        "Several",
        "Local",
    )
)


def _regional_capitals(
    doc: Doc, refs: list[PlaceRef], gaz: Gazetteer, actors: list[ActorMention]
) -> list[PlaceRef]:
    """ "In the Kherson region, … in the regional capital": the region's main city."""
    out: list[PlaceRef] = []
    if not doc.may_contain(_CAPITAL_WORDS):
        return out
    starts = [s.start for s in doc.sentences]
    for m_start, m_end in doc.spans_ignoring_case(_REGIONAL_CAPITAL_IN_LOWER, _REGIONAL_CAPITAL):
        regions = [
            r
            for r in refs
            if r.start < m_start
            and r.place.admin1
            and r.kind in ("admin1", "settlement", "district")
        ]
        if not regions:
            continue
        admin1 = regions[-1].place.admin1 or ""
        stem = _REGION_WORD_AT_END.sub("", admin1)
        towns = [c for c in gaz.lookup(stem) if c.level == "settlement" and c.admin1 == admin1]
        if not towns:
            continue
        c = towns[0]
        si = bisect.bisect_right(starts, m_start) - 1
        sent = doc.sentences[si]
        written = doc.text[m_start:m_end]
        place = Place(
            name=c.name,
            written=written,
            admin1=c.admin1,
            admin2=c.admin2,
            country=c.country,
            lat=c.lat,
            lon=c.lon,
            geonameid=c.geonameid,
            precision="settlement",
            confidence=0.7,
            evidence=[Span(m_start, m_end, written)],
        )
        role = place_role(doc.text, m_start, m_end, sent.start, "settlement", actors)
        out.append(PlaceRef(m_start, m_end, "settlement", role, place, si))
    return out


def _drop_capital_appositions(refs: list[PlaceRef], text: str) -> list[PlaceRef]:
    """ "El Obeid, the capital of North Kordofan State": the capital named is El Obeid;
    "in the capital Sanaa", "the Yemeni capital, Sanaa": the capital named is Sanaa."""
    out: list[PlaceRef] = []
    for r, after in itertools.zip_longest(refs, refs[1:]):
        if r.kind == "capital" and (
            (
                out
                and _COMMA.fullmatch(text[out[-1].end : r.start])
                and _SPACE_OF.match(text[r.end : r.end + 6])
            )
            or (
                after is not None
                and after.kind == "settlement"
                and _APPOSITION_GAP.fullmatch(text, r.end, after.start)
            )
        ):
            continue
        out.append(r)
    return out


_APPOSITION_GAP = re.compile(r",?[^\S\n]+")  # "the capital Sanaa", "the capital, Sanaa"


def _resolve_capitals(refs: list[PlaceRef], gaz: Gazetteer) -> None:
    """ "the capital" with no country in sight: the capital of the country of the report's
    other places."""
    capitals = [r for r in refs if r.kind == "capital"]
    if not capitals:
        return
    countries = Counter(
        r.place.country for r in refs if r.place.country and r.kind not in ("capital", COUNTRY)
    )
    if not countries:
        return
    common = countries.most_common(1)[0][0]
    for r in capitals:
        bare = (r.place.written or "").lower() in ("the capital", "capital")
        if r.place.precision == "unresolved" or bare:
            # "struck Sanaa airport and a power station in the south of the capital": the
            # country of the place named just before in the sentence, else the report's
            same = [
                q
                for q in refs
                if q.sentence == r.sentence
                and q.end <= r.start
                and q.place.country
                and q.kind not in ("capital", COUNTRY)
            ]
            if r.place.precision != "unresolved" and not same:
                continue  # resolved by the gazetteer from the report's country
            iso = (same[-1].place.country if same else None) or common
            cand = gaz.capital(iso)
            if cand is not None:
                p = r.place
                p.name, p.geonameid, p.lat, p.lon = cand.name, cand.geonameid, cand.lat, cand.lon
                p.country, p.admin1, p.admin2 = cand.country, cand.admin1, cand.admin2
                p.precision, p.confidence = "settlement", 0.6


_LIST_JOIN = re.compile(r"\s*(?:,|and|or|, and|, or|&)\s*")


def _propagate_list_roles(text: str, refs: list[PlaceRef]) -> None:
    """ "launched from Kursk, Oryol and Millerovo": a list shares its first member's role."""
    for a, b in itertools.pairwise(refs):
        if (
            a.sentence == b.sentence
            and not is_incident_role(a.role)
            and a.role != COUNTRY
            and is_incident_role(b.role)
            and _LIST_JOIN.fullmatch(text[a.end : b.start])
        ):
            b.role = a.role


# between a town and the region it lies in: " village in the northern ", ", "
# (or an apposition: "Tura, a small town in North Darfur")
_WRITTEN_INSIDE = re.compile(
    r"(?:[^\S\n]+(?:village|town|city|township|settlement))?"
    r"(?:,[^\S\n]*(?:an?[^\S\n]+(?:[\w-]+[^\S\n]+){0,2}?"
    r"(?:village|town|city|settlement|hamlet)[^\S\n]+(?=in[^\S\n]))?"
    r"(?:in[^\S\n]+(?:the[^\S\n]+)?)?|[^\S\n]+in[^\S\n]+(?:the[^\S\n]+)?)"
    r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)"
    r"(?:ern)?[^\S\n]+)?"
)


_REGION_TOWN_OF = re.compile(
    r"(?:[^\S\n]+(?:region|province|state|governorate|oblast))?"
    r"[^\S\n]+(?:town|village|city|settlement|hamlet)[^\S\n]+of[^\S\n]+"
)
# between a camp, quarter or village the gazetteer lacks and the town it lies in
_SITE_IN_TOWN = re.compile(
    r"[^\S\n]+(?:(?:refugee|displacement|IDP|displaced)[^\S\n]+)?"
    r"(?:camp|neighbou?rhood|quarter|district|area|village|suburb)"
    r"[^\S\n]+(?:in|of)[^\S\n]+(?:the[^\S\n]+)?"
)
_POSSESSIVE_SPACE = re.compile(r"(?:'s|’s)\s+")  # "Sagaing's Nyaung Kone"
_VILLAGE_IN = re.compile(r"[^\S\n]+(?:village|town|hamlet)[^\S\n]+in[^\S\n]+(?:the[^\S\n]+)?")
_UNIT_NOUNS = ("township", "district", "county", "municipality", "commune", "tehsil")
_UNIT_NOUN_AFTER = re.compile(rf"[^\S\n]+(?:{'|'.join(_UNIT_NOUNS)}|sub-?district)\b")


def _mark_containers(refs: list[PlaceRef], text: str) -> None:
    """ "In the Donetsk region, bombs hit Druzhkivka": the region holds the struck town.
    A town the gazetteer lacks ("the Ras Isa fuel port in Hodeidah province") takes the
    region's admin1 and country, at admin1 precision: the coarsest level that is certain."""
    by_sentence: dict[int, list[PlaceRef]] = {}
    for r in refs:
        by_sentence.setdefault(r.sentence, []).append(r)
    relocated: dict[str, PlaceRef] = {}  # written name → the town put in its region
    for group in by_sentence.values():
        for t, r in itertools.pairwise(group):
            if (
                r.kind in ("settlement", "admin2")
                and is_incident_role(t.role)
                and is_incident_role(r.role)
                and _VILLAGE_IN.fullmatch(text, t.end, r.start)
                and _UNIT_NOUN_AFTER.match(text, r.end)
            ):
                # "Oe Htein Kwin village in Tabayin township": the township holds the village
                r.role = CONTAINER
        for r, t in itertools.pairwise(group):
            if (
                r.kind in ("admin1", "admin2")
                and t.kind in ("settlement", "district")
                and is_incident_role(r.role)
                and _REGION_TOWN_OF.fullmatch(text, r.end, t.start)
            ):
                # "the Galilee town of Majd al-Kurum", "the Darfur town of Tawila": the
                # name before "town of" says where the town is
                r.role = CONTAINER
        for t, r in itertools.pairwise(group):
            if (
                t.place.precision == "unresolved"
                and r.kind in ("settlement", "capital")
                and r.place.precision == "settlement"
                and is_incident_role(t.role)
                and is_incident_role(r.role)
                and _SITE_IN_TOWN.fullmatch(text, t.end, r.start)
            ):
                # "a house in the Shati refugee camp in Gaza City": the city holds the camp
                r.role = CONTAINER
                _put_in_town(t.place, r.place)
                relocated.setdefault(text[t.start : t.end], t)
        inner = [
            r
            for r in group
            if r.kind in ("settlement", "district", "capital", "admin2")
            and is_incident_role(r.role)
        ]
        for r in group:
            if r.kind not in ("admin1", "admin2") or not is_incident_role(r.role):
                continue
            for t in inner:
                if t is r or (r.kind == "admin2" and t.kind == "admin2"):
                    continue
                if t.place.admin1 and t.place.admin1 == r.place.admin1:
                    r.role = CONTAINER
                elif t.end < r.start and _WRITTEN_INSIDE.fullmatch(text, t.end, r.start):
                    # "Nyaung Kone village in the northern Sagaing region": the region says
                    # where the town is, whatever town of that name the gazetteer picked
                    r.role = CONTAINER
                    if t.place.admin1 != r.place.admin1:
                        t.place.geonameid, t.place.admin2 = None, None  # not the one picked
                        _put_in_region(t.place, r.place)
                        relocated[text[t.start : t.end]] = t
                elif t.place.precision == "unresolved" and (
                    0 < r.start - t.end <= 60
                    or _POSSESSIVE_SPACE.fullmatch(text[r.end : t.start])
                ):
                    r.role = CONTAINER
                    _put_in_region(t.place, r.place)
                    relocated.setdefault(text[t.start : t.end], t)
    # the town's other mentions ("a resident of Nyaung Kone") are the same town
    for r in refs:
        moved = relocated.get(text[r.start : r.end])
        if moved is not None and r is not moved and r.kind == moved.kind:
            r.place = moved.place


def _put_in_town(site: Place, town: Place) -> None:
    """A camp or quarter the gazetteer lacks stands where the town that holds it does."""
    site.admin1, site.admin2, site.country, site.lat, site.lon = (
        town.admin1, town.admin2, town.country, town.lat, town.lon
    )
    site.precision, site.confidence = "settlement", min(town.confidence, 0.5)


def _put_in_region(town: Place, region: Place) -> None:
    """The town stands where its region does, at admin1 precision: the coarsest level that
    is certain."""
    town.admin1, town.country, town.lat, town.lon = (
        region.admin1, region.country, region.lat, region.lon
    )
    if region.precision == "admin2":
        # "Lay Wah village in Hpapun": the district holds it too, so its figure can be the
        # village's (the region fold asks)
        town.admin2 = region.admin2 or region.name
    town.precision, town.confidence = "admin1", min(region.confidence, 0.5)


def extract_report(report: Report) -> Extraction:
    """Run every stage on one report and return its checked extraction."""
    meta = ReportMeta(
        id=report.id or report.sha256,
        url=report.url,
        title=report.title,
        published=(report.published or None),
        language=report.language,
        source=report.source,
        origin=report.origin,
    )
    published = report.published[:10] if report.published else None
    doc = _run("prepare", report, lambda: prepare(report.text))
    mentions, months = _run("spot", report, lambda: spot_with_months(report.text))
    actors = _run("spot", report, lambda: find_actors(report.text))
    places = _run("spot", report, lambda: _places(doc, actors, mentions))
    frames = _run("frame", report, lambda: _frames(doc, mentions, months))

    def _resolve() -> Extraction:
        r = Resolver(doc, frames, mentions, places, actors, published)
        r.run()
        incidents = r.build_incidents()
        ex = Extraction(
            report=meta, incidents=incidents, totals=r.build_totals(), warnings=r.warnings
        )
        ex.waves = r.waves()
        ex.other_places = r.other_places(incidents)
        return ex

    ex = _run("resolve", report, _resolve)
    ex = _run("reconcile", report, lambda: reconcile(ex))
    counted = any(
        f is not None and f.value is not None
        for w in ex.waves
        for f in (*w.launched.values(), *w.intercepted.values())
    )
    if (
        not counted
        and not any(m.kind == "weapon" for m in mentions)
        and not _party_attacks(report.text, actors)
        and _no_harm(ex)
    ):
        # no weapon named, nobody hurt, nothing launched: "a 24-hour strike by port workers
        # hit container terminals" is no attack
        ex.incidents, ex.totals, ex.waves = [], Totals(), []
    if not ex.incidents and not counted and _only_zeros(ex.totals):
        # "several drones crashed … nobody was hurt" with no place struck and no launch
        # figure: no attack to report (a drone race, a hobby drone's crash)
        ex.totals = Totals()
        ex.waves = []
    if not ex.incidents and not counted and not ex.figures():
        ex.is_attack = False
        ex.waves = []
        ex.warnings.append(NO_ATTACK)
    return ex
