"""resolve: the facts of a whole report → incidents, waves and totals.

Decides where each figure belongs: a report-level total ("across Ukraine", the lead), a
struck place (named in the sentence, carried from "In Kharkiv, …", or named in the next
sentence), an unnamed place near one ("a nearby village"), or nowhere (vague places).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property

from strikelog.frame import CasualtyFact, SentenceFrame, VictimFact, WaveCount
from strikelog.lang.loader import load_lexicon
from strikelog.models import (
    HARM_FIELDS,
    Figure,
    Incident,
    InterceptedOver,
    OtherPlace,
    Place,
    Span,
    Totals,
    Victim,
    Wave,
)
from strikelog.places import CONTEXT, COUNTRY, NEAR, REFERENCE, STRUCK, is_incident_role
from strikelog.prepare import Doc, Sentence
from strikelog.spot.actors import (
    ActorMention,
    country_of,
    is_domestic,
    strikes,
    user_of_weapons,
    usual_attacker,
)
from strikelog.spot.mentions import Mention
from strikelog.trie import literal_trie

_NATIONAL = re.compile(
    r"\b(?:across|nationwide|country|countrywide|regions|provinces|oblasts|nation|"
    r"on\s+the\s+(?:south|north|east|west))\b",
    re.IGNORECASE,
)
_DEFENDER_AFTER = re.compile(
    r"^(?:'s|’s)?\s*(?:air force|air[- ]defen[cs]es?|defen[cs]e ministry|ministry of defen[cs]e|"
    r"military said|emergency services?|general staff|authorities|anti-aircraft|"
    r"defen[cs]e forces|interceptors?)"
)
# "the Defence Forces of Ukraine", "the Air Force of the Armed Forces of Ukraine": it defends
_DEFENDER_BEFORE = re.compile(
    r"\b(?:air\s+force|defen[cs]e\s+forces|armed\s+forces|air\s+defen[cs]es?|"
    r"general\s+staff|ministry\s+of\s+defen[cs]e|defen[cs]e\s+ministry)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "Ukraine downs 17 drones", "Israel says it intercepted": the party right before defends
_INTERCEPTS_AFTER = re.compile(
    r"^\s*(?:says\s+it\s+|said\s+it\s+|has\s+|had\s+)?(?:downs|downed|shoots\s+down|"
    r"shot\s+down|intercepts|intercepted|destroys|destroyed|repels|repelled|repulses|"
    r"repulsed|neutralises|neutralizes|neutralised|neutralized)\b"
)
# "… drones used in Russia's overnight attack": the party whose attack it was
_ATTACK_OF = re.compile(
    r"^(?:'s|’s)\s+(?:[\w-]+\s+){0,2}(?:attack|assault|strike|barrage|bombardment|raid)s?\b"
)
# a party that speaks of the attack: "Russia says", "Lebanese army intelligence reported"
_SPEAKER_AFTER = re.compile(
    r"^(?:\s+[a-z-]+){0,3}?\s*(?:said|says|claimed|claims|reported|reports|announced|"
    r"confirmed|stated)\b"
)
# (a metonym that speaks: "Kyiv said")
_SAID_AFTER = re.compile(r"^\s*(?:said|says|claimed)")
_SPEAKS_AFTER = re.compile(r"^\s*(?:said|says|claimed|reported|announced)\b")
# "40 Ukrainian drones": the party named with the weapon
_WEAPON_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:drones?|missiles?|rockets?|uavs?)\b")
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$")
_LAUNCHED_BY_BEFORE = re.compile(
    r"\b(?:launched|fired|sent|flown|operated)\s+by\s+(?:the\s+)?$"
)
_AND = re.compile(r"\band\b")
_REPORTED_THAT = re.compile(r"\b(?:said|says|reported|reports|announced|confirmed|stated)\s+that\b")
# weapons whose attacks are air attacks (waves); shelling and rockets fired at the front are not
_AIR_CLASSES = frozenset({"drone", "missile", "ballistic_missile", "cruise_missile", "airstrike"})
# "the Novozybkov district administration", "the Izium city council": a local authority
_LOCAL_TITLE = re.compile(r"\s+(?:district|city|town|village|municipal|community)\b", re.I)
_IN_THE_TOWN = re.compile(r"\b(?:in|across|throughout)\s+the\s+(?:city|town|village)\b", re.I)
# a year that dates an event ("in July 2022", "the 2022 strike"), not a comparison ("the most
# since 2022", "by 2030")
_YEAR = re.compile(
    r"(?<!\bsince )(?<!\buntil )(?<!\bby )(?<!\bfrom )(?<!\bborn in )(?<!\bborn )"
    r"(?<!\d)(?<!\d[,.])\b(19[5-9]\d|20[0-4]\d)\b(?![,.]?\d)"
)
_YEAR_CANDIDATE = re.compile(r"(?:19[5-9]|20[0-4])\d")  # every `_YEAR` match holds one
_MONTHS_WRITTEN = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_NAME = re.compile(_MONTHS_WRITTEN)  # every `_IN_MONTH` match holds one
_COMPARED_SINCE = re.compile(
    r"\b(?:since|until|till|from|by|before)\s+(?:the\s+)?(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\s+)?$"
)
_SAID_ON = re.compile(
    r"\b(?:said|says|reported|announced|wrote|stated|told\s+[\w.]+(?:\s+[\w.]+)?|added)\s+"
    r"(?:late\s+|early\s+)?(?:on\s+)?$",
    re.IGNORECASE,
)
_PAST_DAYS = 60  # a dated event this long before publication is a past one
_PAST_DAYS_NO_YEAR = 10  # the same for a day and month the lead does not give
_FUTURE_SLACK_DAYS = 3  # a date this far after publication is last year's
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# a month with no day or year after it: "In April, …", "last March"
_IN_MONTH = re.compile(
    r"\b(?:[Ii]n|[Ll]ast|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-)\s*"
    rf"({_MONTHS_WRITTEN})"
    r"\b(?![\s,]*\d)"
)
_OVER_SEA = re.compile(
    r"\s+(?:[a-z-]+\s+){0,2}(?:over|above)\s+the\s+((?:[A-Z][\w-]+\s+){1,2}Sea)\b"
)
# between a count and the region it was downed over: "UAVs over the territory of the",
# "- over the", "drones over the waters of the"
_OVER_GAP = re.compile(
    r"(?:[a-z-]+\s+){0,3}(?:over|above)(?:\s+the)?"
    r"(?:\s+(?:territory|territories|waters|skies|sky|airspace)\s+of(?:\s+the)?)?"
)
_LIST_JOINER = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+|\s*&\s*)(?:the\s+)?"
    r"(?:(?:nearby|neighbou?ring|adjacent|surrounding|town\s+of|city\s+of|village\s+of)\s+)?"
)
_REGIONAL_TITLE = re.compile(
    r"\s+(?:regional|oblast|region's|provincial|state)\s+(?:military\s+|civil(?:ian)?\s+)?"
    r"(?:administration|governor|government|council|authorities|police|prosecutor)",
    re.I,
)
# "in this region", "in the same city": a place named before
_THIS_PLACE = re.compile(
    r"\b(?:in|on|across|of)\s+(?:this|that|the\s+same)\s+"
    r"(region|province|oblast|governorate|city|town|village|camp)\b"
    r"|\b(?:in|at)\s+the\s+(camp)\b",
    re.IGNORECASE,
)
_REGION_NOUNS = ("region", "province", "oblast", "governorate")
# roles whose place a later "this region" does not mean
# an actor right after these is the agent of the attack, the struck country, or one of two
# sides named together
_AGENT_BEFORE = re.compile(
    r"\b(?:launched|fired|carried\s+out|conducted|sent|shot)\s+by\s+(?:the\s+)?$", re.IGNORECASE
)
_STRUCK_COUNTRY_BEFORE = re.compile(
    r"\b(?:strikes?|attacks?|barrages?)\s+(?:on|against)\s+(?:the\s+)?"
    r"(?:(?:central|northern|southern|eastern|western|north|south|east|west)\s+)?$",
    re.IGNORECASE,
)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:the\s+)?(?:[\w'’-]+\s+)?(?:and\s+)?$", re.IGNORECASE)
# between two places of one list: commas, "and", names the gazetteer lacks, "the city of"
_NAME_LIST_GAP = re.compile(
    r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+(?:city|town|village)\s+of\s+)?"
    r"(?:[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?(?:,\s*(?:and\s+)?|\s+and\s+)"
    r"(?:the\s+(?:city|town|village)\s+of\s+)?)*"
)
_ON_WEEKDAY_OPENER = re.compile(
    r"(?:Earlier\s+)?On\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b,?"
)
# a site, then the preposition that places it: "a gas facility near ", "a bakery in the town of "
_SITE_THEN_PLACE = re.compile(
    r"[\w'’ -]{1,40}?\s(?:in|near|at|outside|on\s+the\s+outskirts\s+of)\s+(?:the\s+)?"
    r"(?:(?:town|city|village)\s+of\s+)?"
)
# a name and nothing more of its phrase: "near Qahtaniyah, " (not "the Russian city of")
_BARE_NAME = re.compile(r"[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2}(?=\s*(?:[,.;]|and\b|on\b|in\b|$))")
_PERFECT_TOLL = re.compile(
    r"\b(?:have|has)\s+(?:now\s+|so\s+far\s+)?(?:been\s+)?(?:killed|died|wounded|injured)\b"
)
# roles of places whose name may hold a site word that was not struck ("from Meiktila Air
# Force Base", "speaking at Kyiv City Hospital")
_NAMES_NO_TARGET = frozenset(
    ("launch site", "speaker location", "organisation name", "meeting venue", "dateline",
     "destination", "departure", "interception area")
)
# roles of places a site placed at stands away from the strike ("its headquarters in Paris")
_ELSEWHERE = _NAMES_NO_TARGET | {"abroad", "organisation seat"}
_NOT_POINTED_BACK = ("dateline", "attribute", "street", "sea or river", "abroad", "actor")
# where a sentence turns to another clause: ", while", ", but", "; "
_CLAUSE_BREAK = re.compile(r",\s+(?:while|whereas|but|and|as)\s|;\s|\s+but\s")
# a line that is a time stamp: "16:45", "14:10 GMT — update"
_STAMP_ON_LINE = (
    r"[^\S\n]*(\d{1,2})[:.](\d{2})(?:[^\S\n]*(?:GMT|UTC|CET|EET|local))?"
    r"[^\S\n]*(?:[—–-][^\n]*)?$"
)
_STAMP_LINE = re.compile("(?m)^" + _STAMP_ON_LINE)
# the same after a line break: the literal first character lets the engine skip ahead, where
# `^` would be tried at every position
_STAMP_AFTER_BREAK = re.compile("(?m)\n" + _STAMP_ON_LINE)
_SAME_STRIKE = re.compile(
    # ("According to the regional police, the bombs … struck around 15:40")
    r"(?:According\s+to\s+[^,.]{1,60},\s+(?:the|this|that)\s+|(?:The|This|That)\s+)"
    r"(?:[\w-]+\s+)?(?:missiles?|strikes?|drones?|attack|blasts?|"
    r"explosions?|bombs?|rockets?|shells?|airstrikes?|impact|shelling|bombing|raids?|"
    r"attacks|debris|wreckage|fragments|strike's|attack's)\b"
)
_BULLETS = ("- ", "• ", "* ", "– ")
_THE_VILLAGE = re.compile(r"\bThe\s+(?:village|hamlet|settlement)\b")
_A_VILLAGE_IN = re.compile(r"\ban?\s+(?:village|hamlet|settlement)\s+in\b", re.I)
_MASSED_WORDS = (
    "massive",
    "massed",
    "combined",
    "large-scale",
    "barrage",
    "wave of",
    "waves of",
    "salvo",
    "onslaught",
)
_MASSED = re.compile(rf"\b(?:{'|'.join(map(re.escape, _MASSED_WORDS))})\b", re.IGNORECASE)
# the same for lowercase text, the word start checked after the first letter: a faster scan
_MASSED_IN_LOWER = re.compile(literal_trie(_MASSED_WORDS, after_first=r"(?<!\w.)") + r"\b")
# fewer `in` scans than one per word before it: each word holds one of these
_MASSED_ANCHORS = ("mass", "combined", "large-scale", "barrage", "wave", "salvo", "onslaught")
_TARGET_BEFORE = re.compile(
    r"\b(?:attacked|attacking|struck|striking|hit|hitting|targeted|targeting|at|on|against|"
    r"into|over|shelled|bombed|pounded)\s+(?:the\s+)?"
    r"(?:(?:northern|southern|eastern|western|central|north|south|east|west)\s+)?$",
    re.IGNORECASE,
)
# a line that is only a time or a date ("01:20", "12.06.2025, 09:14")
_STAMP = re.compile(r"[\d\s:.,/\-–|apmAPMGTUC]{1,30}")
_IN_PLACE = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:in|at|near|outside)\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?"
)
# words that make the second count a part of the first: "100 drones, including 60 Shaheds"
_PART_OF = re.compile(
    # "six missiles — four Iskander-M and two Kh-59": what follows a dash details the count
    r"\b(?:including|of\s+which|of\s+them|of\s+these|among\s+them|out\s+of|of\s+the)\b|[:;(]"
    r"|\s[—–]\s|\s--\s",
    re.IGNORECASE,
)
_CUE_KINDS = frozenset(("hit", "weapon", "site", "cas", "single", "zero", "intercept"))


@dataclass
class PlaceRef:
    """A place mention with its role and geocoded place."""

    start: int
    end: int
    kind: str
    role: str
    place: Place
    sentence: int

    @property
    def key(self) -> str:
        p = self.place
        # an ambiguous town stands at its region's or country's id: keep towns apart by name
        if p.geonameid is not None and not (p.candidates and self.kind == "settlement"):
            return f"g{p.geonameid}"
        return f"n{(p.name or '').lower()}|{p.admin1 or ''}"


@dataclass
class _IncidentBuilder:
    place: Place | None
    near: str | None
    key: str
    kind: str = "settlement"  # the kind of name the report used (settlement, admin1…)
    facts: dict[str, list[CasualtyFact]] = field(default_factory=dict)
    victims: list[VictimFact] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    weapons_fact: list[str] = field(default_factory=list)
    weapons_other: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    weekdays: list[int] = field(default_factory=list)
    dates: list[tuple[int, int, int | None]] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    signal: bool = False  # a harm figure, a site or a hit/weapon word in its own sentence

    def add_sentence(self, s: Sentence) -> None:
        index = s.index
        for x in self.sentences:
            if x.index == index:
                return
        self.sentences.append(s)


def _missile_total(counts: dict[str, Figure | None]) -> None:
    """`missile` counts all missiles: with only ballistic/cruise counts given, their sum."""
    if counts.get("missile") is not None:
        return
    parts = [counts[k] for k in ("ballistic_missile", "cruise_missile") if counts.get(k)]
    known = [f for f in parts if f is not None and f.value is not None]
    if not known or len(known) != len(parts):
        return
    value = sum(f.value for f in known if f.value is not None)
    exact = all(f.qualifier == "exact" for f in known)
    evidence: list[Span] = []
    for f in known:
        evidence.extend(e for e in f.evidence if e not in evidence)
    qualifier = "exact" if exact else (known[0].qualifier if len(known) == 1 else "at_least")
    counts["missile"] = Figure(
        value, qualifier, value if exact else known[0].low, value if exact else None, evidence
    )


@cache
def _separate_event_openers() -> tuple[str, ...]:
    return tuple(p.lower() for p in load_lexicon("scope")["separate_event"]["phrases"])


@cache
def _attack_nouns() -> frozenset[str]:
    return frozenset(p.lower() for p in load_lexicon("actions")["attack_nouns"]["phrases"])


def _listed_together(refs: list[PlaceRef], text: str | None = None) -> bool:
    """Places written as one list: a few characters between them, or a joiner ("El Fasher
    and the nearby Abu Shouk camp")."""
    ordered = sorted(refs, key=lambda r: r.start)
    return all(
        b.start - a.end <= 6 or (text is not None and _LIST_JOINER.fullmatch(text, a.end, b.start))
        for a, b in itertools.pairwise(ordered)
    )


def _targets_out(labels: list[str]) -> list[str]:
    """The target classes of a place: a generic "other" word ("a building", "infrastructure")
    yields to any precise class; a kind of site of its own in "other" (garages, a post office)
    stays beside them."""
    precise = [t for t in labels if t != "generic"]
    if precise:
        return precise
    return ["other"] if labels else []


def _span(doc: Doc, start: int, end: int) -> Span:
    return Span(start, end, doc.text[start:end])


def sentence_span(doc: Doc, s: Sentence) -> Span:
    return Span(s.start, s.end, doc.text[s.start : s.end])


def merge_figures(
    doc: Doc, facts: list[CasualtyFact], entries: list[int] | None = None
) -> Figure | None:
    """One figure from facts about the same thing: updates replace, "more" adds, repeats merge,
    and otherwise the larger figure wins (later reports of a toll are rarely smaller). In a
    live blog whose newest entry comes first (`entries`: where each entry starts), the entries
    are read from the bottom up."""
    current: Figure | None = None
    if entries:
        facts = sorted(
            facts,
            key=lambda f: (-bisect.bisect_right(entries, f.sentence.start), f.sentence.index),
        )
    for f in facts:
        ev = [sentence_span(doc, f.sentence)]
        new = Figure(f.value, f.qualifier, f.low, f.high, ev)
        if current is None or f.update:
            current = new
        elif f.additive and current.value is not None and f.value is not None:
            current = Figure(
                current.value + f.value,
                current.qualifier,
                (current.low or 0) + (f.low or 0),
                None,
                current.evidence + ev,
            )
        elif new.value is not None and current.value == new.value:
            current.evidence.extend(e for e in ev if e not in current.evidence)
        elif (
            current.value is None
            and new.value is not None
            or new.value is not None
            and current.value is not None
            and new.value > current.value
        ):
            current = new
    return current


def _date_for(
    published: str | None,
    weekdays: list[int],
    dates: list[tuple[int, int, int | None]] | None = None,
) -> str | None:
    """The event date: an explicit date in the text, else the last such weekday on or before
    publication, else the publication day ("overnight" ends on the day of the report)."""
    pub: dt.date | None = None
    if published:
        try:
            pub = dt.date.fromisoformat(published[:10])
        except ValueError:
            pub = None
    for month, day, year in dates or []:
        y = year or (pub.year if pub else None)
        if y is None:
            continue
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        if pub and year is None and d > pub:
            d = d.replace(year=y - 1)  # "on 30 December" in a January report
        return d.isoformat()
    if pub is None:
        return None
    if weekdays:
        back = (pub.weekday() - weekdays[0]) % 7
        return (pub - dt.timedelta(days=back)).isoformat()
    return pub.isoformat()


def _year_candidates(text: str) -> list[int]:
    """Where four digits that `_YEAR` could take for a year begin: one quick scan of the
    text, so that the slow pattern (its look-behinds are tried at every position) runs only
    in the sentences that have one.

    As `_YEAR_CANDIDATE.finditer`, but the pattern is tried only where "19" or "20" stands
    (str.find skips ahead faster than the regex engine scans)."""
    match = _YEAR_CANDIDATE.match
    found = []
    for two in ("19", "20"):
        i = text.find(two)
        while i >= 0:
            if match(text, i):
                found.append(i)
            i = text.find(two, i + 1)
    found.sort()
    # finditer's matches do not overlap: a match resumes the scan after its four digits
    out: list[int] = []
    resume = 0
    for i in found:
        if i >= resume:
            out.append(i)
            resume = i + 4
    return out


class Resolver:
    def __init__(
        self,
        doc: Doc,
        frames: list[SentenceFrame],
        mentions: list[Mention],
        places: list[PlaceRef],
        actors: list[ActorMention],
        published: str | None,
    ) -> None:
        self.doc = doc
        self.frames = frames
        self.mentions = mentions
        self.places = places
        self.actors = actors
        self.published = published
        self.incidents: dict[str, _IncidentBuilder] = {}
        self.total_facts: dict[str, list[CasualtyFact]] = {}
        self.warnings: list[str] = []
        self._starts = [m.start for m in mentions]
        self.actors = sorted(actors, key=lambda a: a.start)
        self._sides_cache: dict[int, tuple[str | None, str | None]] = {}
        self._actor_starts = [a.start for a in self.actors]
        self.carried: list[tuple[CasualtyFact, _IncidentBuilder]] = []
        # figures of the headline: report totals only when the body gives none
        self.headline_facts: dict[str, list[CasualtyFact]] = {}
        self.by_sentence: dict[int, list[PlaceRef]] = {}
        for p in places:
            self.by_sentence.setdefault(p.sentence, []).append(p)
        # per sentence, the places `_struck` starts from (roles do not change while resolving)
        self._incident_refs: dict[int, list[PlaceRef]] = {}
        self._opens_same_strike: dict[int, bool] = {}  # paragraph → `_tells_on`'s opening
        self._lead_date: str | None = None  # `_report_date`, once asked
        self._weapon_users: dict[int, str | None] = {}  # sentence → `user_of_weapons`
        starts = [s.start for s in doc.sentences]
        # the sentences with words that point back to a place ("in this region")
        self._pointing_back = {
            bisect.bisect_right(starts, m.start) - 1 for m in mentions if m.kind == "thisplace"
        }
        # the sentences that name a party (those `_actors_in` finds one in)
        self._actor_sentences: set[int] = set()
        for a in self.actors:
            i = bisect.bisect_right(starts, a.start) - 1
            if i >= 0 and a.start < doc.sentences[i].end:
                self._actor_sentences.add(i)

    # -- places --------------------------------------------------------------------------
    def _struck(self, s: Sentence, context: PlaceRef | None = None) -> list[PlaceRef]:
        refs = self._incident_refs.get(s.index)
        if refs is None:
            named = self.by_sentence.get(s.index)
            if not named:
                return []  # most sentences name no place
            refs = self._incident_refs[s.index] = self._incident_places(named)
        # "the Sumy regional administration said": a title names the region, not a new strike
        if (
            context is not None
            and refs
            and all(p.role == CONTEXT for p in refs)
            and all(p.place.admin1 == context.place.admin1 for p in refs)
            and not any(
                p.key != context.key and _LOCAL_TITLE.match(self.doc.text, p.end) for p in refs
            )
        ):
            return [context]
        # a city district stands for its city when the city is named or in context
        towns = [p for p in refs if p.kind in ("settlement", "capital")]
        city = (
            towns[-1]
            if towns
            else (
                context
                if context is not None and context.kind in ("settlement", "capital")
                else None
            )
        )
        if city is None:
            city = self._city_of_districts(refs, s)
        if city is None:
            return refs
        out: list[PlaceRef] = []
        for p in refs:
            q = city if p.kind == "district" else p
            if all(q is not r for r in out):
                out.append(q)
        return out

    def _incident_places(self, named: list[PlaceRef]) -> list[PlaceRef]:
        """The places of a sentence that may be struck (the list is shared: not to change)."""
        refs = [p for p in named if is_incident_role(p.role) and p.kind != COUNTRY]
        for p in refs:
            if p.role != CONTEXT:
                # "… struck their home near Bila Tserkva, the head of the Kyiv Regional
                # Military Administration said": the title beside a struck place is no strike
                # of its own
                return [
                    p
                    for p in refs
                    if p.role != CONTEXT or not _REGIONAL_TITLE.match(self.doc.text, p.end)
                ]
        return refs

    def _city_of_districts(self, refs: list[PlaceRef], s: Sentence) -> PlaceRef | None:
        """ "Residents of the damaged building in Sviatoshynskyi district …", paragraphs after
        the Kyiv strike: the struck town of the district's region named before."""
        districts = [p for p in refs if p.kind == "district" and p.place.admin1]
        if not districts:
            return None
        admin1 = districts[0].place.admin1
        for p in reversed(self.places):
            if (
                p.start < s.start
                and p.kind in ("settlement", "capital")
                and p.place.admin1 == admin1
                and p.key in self.incidents
            ):
                return p
        return None

    def sentence_of(self, ref: PlaceRef) -> Sentence:
        return self.doc.sentences[ref.sentence]

    def _incident(self, ref: PlaceRef) -> _IncidentBuilder:
        if ref.role == NEAR:
            return self._near_incident(ref, _span(self.doc, ref.start, ref.end))
        key = ref.key
        b = self.incidents.get(key)
        if b is None:
            b = _IncidentBuilder(ref.place, None, key, ref.kind)
            self.incidents[key] = b
        elif b.place is not None and b.place is not ref.place:  # the same place has it all
            b.place.evidence.extend(e for e in ref.place.evidence if e not in b.place.evidence)
        return b

    def _near_incident(self, ref: PlaceRef, phrase: Span) -> _IncidentBuilder:
        key = f"near:{ref.key}"
        b = self.incidents.get(key)
        if b is None:
            rp = ref.place
            place = Place(
                name=f"near {rp.name}",
                written=phrase.text,
                admin1=rp.admin1,
                admin2=rp.admin2,
                country=rp.country,
                lat=rp.lat,
                lon=rp.lon,
                precision="admin2" if rp.admin2 else ("admin1" if rp.admin1 else rp.precision),
                confidence=min(rp.confidence, 0.5),
                evidence=[phrase],
            )
            b = _IncidentBuilder(place, rp.name, key)
            self.incidents[key] = b
        return b

    def _attack_signal(self, f: SentenceFrame) -> bool:
        return bool(f.casualties or f.sites or f.hits or f.weapons or f.waves)

    def _near_cue(self, ref: PlaceRef, s: Sentence) -> bool:
        """An attack word, weapon, site or casualty figure within a few words of the place."""
        lo, hi = max(s.start, ref.start - 90), min(s.end, ref.end + 90)
        mentions = self.mentions
        for i in range(bisect.bisect_left(self._starts, lo), len(mentions)):
            m = mentions[i]
            if m.start > hi:
                return False
            if m.kind in _CUE_KINDS:
                return True
        return False

    def _mentions_in(self, start: int, end: int) -> Iterator[Mention]:
        """The mentions that start in text[start:end], in order."""
        for i in range(bisect.bisect_left(self._starts, start), len(self.mentions)):
            if self.mentions[i].start >= end:
                return
            yield self.mentions[i]

    # -- main ------------------------------------------------------------------------------
    def _mark_past(self) -> None:
        """A sentence dated well before publication ("fired Kalibr missiles at the city on 14
        July 2022", in a 2025 report) tells of a past attack, and so do the sentences after it
        in its paragraph until one speaks of now ("overnight", "on Monday", a recent date)."""
        try:
            pub = dt.date.fromisoformat((self.published or "")[:10])
        except ValueError:
            return
        past_paragraph = -1
        text = self.doc.text
        years = _year_candidates(text)
        n_years = len(years)
        for f in self.frames:
            s = f.sentence
            if s.boilerplate:
                continue
            # a month written out, where a month word begins (the pipeline found those in
            # one pass): "In April" needs one
            month_name = f.month_named and _MONTH_NAME.search(text, s.start, s.end) is not None
            if past_paragraph < 0 and not f.dates and not month_name:
                # no date, month or four digits here, and no past paragraph to go on:
                # nothing to mark (most sentences; spares the full test)
                first = bisect.bisect_left(years, s.start)
                if first == n_years or years[first] >= s.end:
                    continue
            old, dated = self._dated_before(f, pub, years, month_name)
            if old and not self._speaks_of_now(f):
                f.historical = True
                past_paragraph = f.sentence.paragraph
            elif (
                f.sentence.paragraph == past_paragraph
                and not dated
                and not self._speaks_of_now(f)
            ):
                f.historical = True
            else:
                past_paragraph = -1

    def _mark_earlier_days(self) -> None:
        """ "On Tuesday, two people were killed by artillery fire in the Bryansk region", in a
        story whose lead tells of Wednesday: an earlier day's attack, told as background."""
        content = [f for f in self.frames if not f.sentence.boilerplate and not f.historical]
        lead = [
            f
            for f in content
            if not f.sentence.headline and (f.casualties or f.hits or f.weapons or f.launches)
        ][:1]
        if not self.published or not lead or not (lead[0].weekdays or lead[0].dates):
            return
        lead_day = _date_for(self.published, lead[0].weekdays, lead[0].dates)
        for f in content:
            if f is lead[0] or not f.weekdays or f.periods or f.dates:
                continue
            if not _ON_WEEKDAY_OPENER.match(self.doc.text, f.sentence.start):
                continue
            day = _date_for(self.published, f.weekdays, [])
            if day is not None and lead_day is not None and day < lead_day:
                f.historical = True

    def _mark_running_tolls(self) -> None:
        """ "… have been exchanging fire since the war began in October. More than 120
        civilians have been killed": a toll in the perfect, with no weapon, hit or time of its
        own, right after a war-to-date sentence goes on with that tally."""
        before: SentenceFrame | None = None
        for f in self.frames:
            if f.sentence.boilerplate:
                continue
            if (
                before is not None
                and before.historical
                and f.casualties
                and not f.historical
                and not f.weapons
                and not f.hits
                and not f.weekdays
                and not f.periods
                and _PERFECT_TOLL.search(self.doc.text, f.sentence.start, f.sentence.end)
            ):
                f.historical = True
            before = f

    def _speaks_of_now(self, f: SentenceFrame) -> bool:
        """A period or weekday of the event, not of the telling ("the office said on
        Wednesday")."""
        for m in self._mentions_in(f.sentence.start, f.sentence.end):
            if m.kind == "period" or (
                m.kind == "weekday"
                and not _SAID_ON.search(self.doc.text, max(0, m.start - 30), m.start)
            ):
                return True
        return False

    def _dated_before(
        self, f: SentenceFrame, pub: dt.date, years: list[int], month_name: bool
    ) -> tuple[bool, bool]:
        """(dated long before `pub`, dated at all). `years`: `_year_candidates` of the text;
        `month_name`: whether a month is written out in the sentence."""
        old = dated = False
        for month, day, year in f.dates:
            dated = True
            if year is not None and 1 <= month <= 12:
                event = dt.date(year, month, min(max(day, 1), 28))
                old = old or (pub - event).days > _PAST_DAYS
            elif 1 <= month <= 12 and day and (month, day) not in self._lead_days:
                # "a strike on a school in central Gaza on September 11", in a September 22
                # report whose lead tells of another day: an earlier attack
                event = dt.date(pub.year, month, min(day, 28))
                if (event - pub).days > _FUTURE_SLACK_DAYS:
                    event = event.replace(year=pub.year - 1)
                old = old or (pub - event).days > _PAST_DAYS_NO_YEAR
        for m in (
            _IN_MONTH.finditer(self.doc.text, f.sentence.start, f.sentence.end)
            if month_name
            else ()
        ):
            # "In April, an assault on the camp killed hundreds" in a June report
            dated = True
            months_before = (pub.month - _MONTHS.index(m.group(1).lower()[:3]) - 1) % 12
            old = old or months_before >= 1
        # `_YEAR` tried only where four digits that it could take begin: every place it
        # matches is one (no digit may stand before a year), and no two of its matches overlap
        text = self.doc.text
        end = f.sentence.end
        for i in range(bisect.bisect_left(years, f.sentence.start), len(years)):
            if years[i] >= end:
                break
            y = _YEAR.match(text, years[i], end)
            if y is None:
                continue
            if _COMPARED_SINCE.search(text, max(0, y.start() - 24), y.start()):
                continue  # "the total since October 2023"
            dated = True
            year = int(y.group(1))
            old = old or year < pub.year - (1 if pub.month <= 2 else 0)
        return old, dated

    @cached_property
    def _lead_days(self) -> set[tuple[int, int]]:
        """(month, day) of the dates the first sentences give: the day the report is about."""
        content = [f for f in self.frames if not f.sentence.boilerplate and not f.sentence.headline]
        if not content:
            return set()
        # the headline and the first paragraph
        lead = [
            f
            for f in self.frames
            if f.sentence.headline or f.sentence.paragraph == content[0].sentence.paragraph
        ]
        return {(m, d) for f in lead for m, d, _ in f.dates}

    def _drop_named_sites(self) -> None:
        """ "a jet from Meiktila Air Force Base": a site that is part of the name of a place
        that was not struck (a launch site, a speaker's town) is no target."""
        for f in self.frames:
            if not f.site_positions:
                continue
            ends = {
                r.end
                for r in self.by_sentence.get(f.sentence.index, [])
                if r.role in _NAMES_NO_TARGET
            }
            if not ends:
                continue
            kept = [(p, lab) for p, lab in f.site_positions if p - 1 not in ends]
            if len(kept) != len(f.site_positions):
                f.site_positions = kept
                f.sites = [lab for _, lab in kept]

    def run(self) -> None:
        self._mark_past()
        self._mark_earlier_days()
        self._mark_running_tolls()
        self._drop_named_sites()
        content = [f for f in self.frames if not f.sentence.boilerplate and not f.historical]
        body = [f for f in content if not f.sentence.headline]
        lead_index = body[0].sentence.index if body else -1
        by_sentence = self.by_sentence
        # the headline repeats the body: its places count only when the body names none
        # (a sentence that names no place has nothing struck: not asked)
        body_places = False
        for f in body:
            if f.sentence.index in by_sentence and self._struck(f.sentence):
                body_places = True
                break
        context: PlaceRef | None = None
        headline: SentenceFrame | None = None
        last_paragraph = -1
        signal_paragraphs = {
            f.sentence.paragraph
            for f in content
            if f.casualties or f.sites or f.hits or f.weapons or f.waves
        }
        pointing_back = self._pointing_back
        for pos, frame in enumerate(content):
            s = frame.sentence
            if s.headline and body_places:
                for fact in frame.casualties:
                    self.headline_facts.setdefault(fact.field, []).append(fact)
                headline = frame
                continue
            if context is not None and self._opens_separate_event(s):
                context = None  # "Meanwhile, a man was killed …": another strike, not the last
            if s.index in by_sentence:
                struck = self._struck(s, context) or self._named_by_this(s)
            elif s.index in pointing_back:
                struck = self._named_by_this(s)
            else:
                struck = []  # no place named, none pointed back to
            if s.paragraph != last_paragraph:
                last_paragraph = s.paragraph
                # a paragraph with no attack word in it ends the place context (a timestamp
                # line of a live post does not)
                if s.paragraph not in signal_paragraphs and not _STAMP.fullmatch(
                    self.doc.text[s.start : s.end]
                ):
                    context = None
            if not struck and not frame.casualties and not frame.sites:
                continue  # nothing placed, nothing to place, no site for the context
            signal = bool(
                frame.casualties or frame.sites or frame.hits or frame.weapons or frame.waves
            )
            cued = (
                [
                    p
                    for p in struck
                    if frame.casualties
                    or (
                        p.role in (STRUCK, NEAR)
                        and (self._near_cue(p, s) or p.start - s.start <= 4)
                    )
                ]
                if struck
                else []
            )
            if cued and len(cued) < len(struck):
                # "Tomyna Balka, Tiahynka, … and the city of Kherson were under enemy fire":
                # the whole list shares the cue its last places stand near
                rest = [p for p in struck if p not in cued and p.role == STRUCK]
                together = sorted(cued + rest, key=lambda p: p.start)
                if rest and all(
                    _NAME_LIST_GAP.fullmatch(self.doc.text, a.end, b.start)
                    for a, b in itertools.pairwise(together)
                ):
                    cued = together
            # places that get targets/weapons from this sentence
            # ("where sirens sounded, the mayor reported no damage": no strike there)
            # ("debris fell in a field without causing damage": the fall hit nothing)
            nothing_hit = frame.no_damage and not (
                any(f.value for f in frame.casualties) or frame.sites
            )
            if frame.no_damage and not nothing_hit:
                # "debris hit a shop in Cherkasy, while the Kyiv and Poltava regions reported
                # no hits": the places of the no-damage clause were not struck
                unhit = [p for p in cued if self._said_unhit(p, s)]
                cued = [p for p in cued if p not in unhit]
                struck = [p for p in struck if p not in unhit]
            if signal and not frame.total_scope and not nothing_hit:
                for ref in cued:
                    b = self._incident(ref)
                    b.add_sentence(s)
                    self._annotate(b, frame, own=True, sites=self._sites_of(ref, cued, frame))
            if struck and nothing_hit:
                context = None  # "fragments fell in a field without causing damage" in X
            elif struck:
                context = struck[-1] if len(struck) == 1 or not cued else cued[-1]
            elif (
                context is not None
                and frame.sites
                and not frame.total_scope
                and (
                    self.sentence_of(context).paragraph == s.paragraph
                    or self._tells_on(s, context)
                    or self._damage_told_on(frame, context)
                )
                and not frame.vague_place
                and not frame.nearby
                and not (frame.waves or frame.launches or (frame.intercepts and frame.weapons))
            ):
                # a wave summary ("air defences intercepted…") says nothing about the place
                # ("destroyed" with no weapon is damage: "shops and a fuel station were
                # destroyed", not drones downed)
                b = self._incident(context)
                b.add_sentence(s)
                self._annotate(b, frame, own=False, sites=self._sites_not_placed(frame))
            if frame.casualties and not nothing_hit:
                # "no casualties or damage" in a region: no strike there, and no figure
                self._place_casualties(frame, s, struck, context, content, pos, lead_index)
            if not struck and frame.vague_place and frame.sites:
                # "Houses in settlements of the region came under fire. The occupiers also
                # damaged a shop": the summary has left the town named before
                context = None
        self._intercepted_over()
        self._summaries_to_totals()
        self._locate_unnamed_village()
        if headline is not None:
            self._headline_only_figures(headline)

    def _named_by_this(self, s: Sentence) -> list[PlaceRef]:
        """ "Drones were downed over the Kherson region … Attacks in this region killed
        one person": the place a "this region" / "the same city" points back to, as struck
        here. Empty when the sentence has no such words or nothing fits."""
        if s.index not in self._pointing_back:
            return []  # no "this region", "the camp" here
        m = _THIS_PLACE.search(self.doc.text, s.start, s.end)
        if m is None:
            return []
        noun = (m.group(1) or m.group(2)).lower()
        kinds = ("admin1",) if noun in _REGION_NOUNS else ("settlement", "capital")
        for index in range(s.index - 1, max(-1, s.index - 4), -1):
            for ref in reversed(self.by_sentence.get(index, [])):
                if ref.kind not in kinds or ref.role in _NOT_POINTED_BACK:
                    continue
                if noun == "camp" and "camp" not in self.doc.text[ref.end : ref.end + 30]:
                    continue  # "in the camp": a place named as a camp
                return [PlaceRef(ref.start, ref.end, ref.kind, STRUCK, ref.place, s.index)]
        return []

    def _said_unhit(self, ref: PlaceRef, s: Sentence) -> bool:
        """Whether the clause of the sentence that names `ref` says nothing was hit (and
        names no hit or site of its own)."""
        left, right = s.start, s.end
        for m in _CLAUSE_BREAK.finditer(self.doc.text, s.start, s.end):
            if m.end() <= ref.start:
                left = m.end()
            elif m.start() >= ref.end:
                right = m.start()
                break
        mentions = list(self._mentions_in(left, right))
        no_damage = [m.start for m in mentions if m.kind == "nodamage"]
        # what comes after "no hits" is what was not hit ("no hits to infrastructure")
        return bool(no_damage) and not any(
            m.kind in ("hit", "site") and m.start < no_damage[0] for m in mentions
        )

    def _locate_unnamed_village(self) -> None:
        """ "bombed a school in a village in Sagaing Region, killing 12 … The village lies
        about 15 kilometres from the town of Kanbalu": the region's strike is near Kanbalu."""
        # only the sentences that name a place near another
        for index in sorted({p.sentence for p in self.places if p.role == NEAR}):
            s = self.doc.sentences[index]
            near = [p for p in self.by_sentence[index] if p.role == NEAR]
            if len(near) != 1 or not _THE_VILLAGE.search(self.doc.text, s.start, s.end):
                continue
            regions = [
                b
                for b in self.incidents.values()
                if b.kind in ("admin1", "admin2")
                and b.sentences
                and b.sentences[0].index < s.index
                and _A_VILLAGE_IN.search(
                    self.doc.text, b.sentences[0].start, b.sentences[0].end
                )
            ]
            if len(regions) != 1:
                continue
            region = regions[0]
            target = self._near_incident(near[0], _span(self.doc, near[0].start, near[0].end))
            for fld, facts in region.facts.items():
                target.facts.setdefault(fld, []).extend(facts)
            target.victims.extend(region.victims)
            target.targets.extend(t for t in region.targets if t not in target.targets)
            for x in region.sentences:
                target.add_sentence(x)
            target.signal = True
            del self.incidents[region.key]

    def _headline_only_figures(self, headline: SentenceFrame) -> None:
        """ "Night drone attack on Kharkiv: 23 killed and wounded", a figure the body never
        repeats: it is the one place's the headline names."""
        places = [p for p in self._struck(headline.sentence) if p.key in self.incidents]
        if len(places) != 1:
            return
        b = self.incidents[places[0].key]
        for fact in headline.casualties:
            if fact.value is None or b.facts.get(fact.field):
                continue
            if any(
                fact.field in (f.field for f in fr.casualties)
                for fr in self.frames
                if not fr.sentence.headline
            ):
                continue  # the body gives this figure somewhere: the headline only repeats it
            b.facts.setdefault(fact.field, []).append(fact)

    def _summaries_to_totals(self) -> None:
        """ "2 people were killed and 14 injured" with no place, then "In Kherson, …",
        "In Antonivka, …": a summary of the parts that follow it, not the last place's."""
        for fact, owner in self.carried:
            if fact.value is None or fact.update:
                continue
            later: dict[str, int] = {}
            for b in self.incidents.values():
                for f in b.facts.get(fact.field, []):
                    if (
                        f is not fact
                        and f.sentence.index > fact.sentence.index
                        and f.value is not None
                    ):
                        later[b.key] = max(later.get(b.key, 0), f.value)
            if owner.key not in later and len(later) >= 2 and sum(later.values()) <= fact.value:
                owner.facts[fact.field].remove(fact)
                self.total_facts.setdefault(fact.field, []).append(fact)

    def _sites_of(self, ref: PlaceRef, cued: list[PlaceRef], frame: SentenceFrame) -> list[str]:
        """ "In Ramat Gan a missile hit a block, and in Holon shrapnel damaged homes": each
        site goes to the place named last before it (or the first place, if none is)."""
        if len(cued) < 2:
            # "struck near Kismayo, AFRICOM said from its headquarters in Stuttgart"
            return self._sites_not_placed(frame, cued)
        out = []
        text = self.doc.text
        for pos, label in frame.site_positions:
            before = [c for c in cued if c.start <= pos]
            owner = before[-1] if before else cued[0]
            after = next((c for c in cued if c.start > pos), None)
            if after is not None and _SITE_THEN_PLACE.fullmatch(text, pos, after.start):
                # "struck a car in Qamishli, a gas facility near al-Malikiyah": the site is
                # where the place written right after it stands
                owner = after
            elif self._at_unlisted_name(pos, ref.sentence):
                continue  # "a gas facility near Qahtaniyah", a name the gazetteer lacks
            # a list of places sharing one predicate ("in Kyiv, Kharkiv and Dnipro")
            # (the site may come before the list: "struck missile sites in Tehran and Isfahan")
            if owner is ref or (
                all(c.sentence == ref.sentence for c in cued) and _listed_together(cued)
            ):
                out.append(label)
        return out

    def _sites_not_placed(
        self, frame: SentenceFrame, struck: list[PlaceRef] | None = None
    ) -> list[str]:
        """The sites of a sentence less those placed at a place it names other than the
        `struck` ones ("UNESCO, speaking from its headquarters in Paris"): what the place
        struck, or the one talked about before, may take."""
        refs = self.by_sentence.get(frame.sentence.index)
        if not refs:
            return frame.sites
        kept = {r.start for r in struck} if struck else set()
        text = self.doc.text
        out = []
        for pos, label in frame.site_positions:
            placed = _SITE_THEN_PLACE.match(text, pos)
            if placed is not None and any(
                r.start == placed.end() and r.start not in kept and r.role in _ELSEWHERE
                for r in refs
            ):
                continue
            out.append(label)
        return out

    def _at_unlisted_name(self, pos: int, sentence: int) -> bool:
        """The site at `pos` is placed at a name that is no place we know nor a party."""
        placed = _SITE_THEN_PLACE.match(self.doc.text, pos)
        if placed is None or not _BARE_NAME.match(self.doc.text, placed.end()):
            return False
        at = placed.end()
        return not any(r.start == at for r in self.by_sentence.get(sentence, [])) and not any(
            a.start == at for a in self.actors
        )

    def _annotate(
        self, b: _IncidentBuilder, frame: SentenceFrame, own: bool, sites: list[str] | None = None
    ) -> None:
        if frame.claim:
            sites = []  # a party's claim ("struck a military airfield") is not a record of damage
        for t in frame.sites if sites is None else sites:
            if t not in b.targets:
                b.targets.append(t)
        (b.weapons_fact if frame.casualties else b.weapons_other).extend(frame.weapons)
        b.weekdays.extend(frame.weekdays)
        b.dates.extend(frame.dates)
        b.periods.extend(frame.periods)
        # a place is struck when its sentence has a harm figure, or an attack word with a
        # weapon or a site ("drones steal the show at Farnborough" is not a strike)
        if own and (
            frame.casualties or frame.strong_hits or (frame.hits and (frame.sites or frame.weapons))
        ):
            b.signal = True

    def _place_casualties(
        self,
        frame: SentenceFrame,
        s: Sentence,
        struck: list[PlaceRef],
        context: PlaceRef | None,
        content: list[SentenceFrame],
        pos: int,
        lead_index: int,
    ) -> None:
        if not frame.casualties:
            return
        is_lead = s.index == lead_index
        for fact in frame.casualties:
            target: _IncidentBuilder | None = None
            named_after = [
                p
                for p in struck
                if 0 <= p.start - fact.number_span[1] <= 30
                and _IN_PLACE.fullmatch(self.doc.text[fact.number_span[1] : p.start])
            ]
            if len(struck) >= 2 and self._shared_by_list(fact, struck):
                # "20 killed in attacks on El Obeid and Kadugli": the places' sum, a total
                self.total_facts.setdefault(fact.field, []).append(fact)
                continue
            if fact.local or (named_after and not frame.total_scope):
                reach = 80 if fact.local else 30  # "10 in a school … in Gaza City"
                after = named_after or [
                    p for p in struck if 0 <= p.start - fact.number_span[1] <= reach
                ]
                if after:
                    target = self._incident(after[0])
            if target is not None:
                pass
            elif (
                frame.total_scope
                or (is_lead and len(struck) != 1)
                or (frame.region_scope and not struck)
            ):
                self.total_facts.setdefault(fact.field, []).append(fact)
                towns = [p for p in struck if p.kind in ("settlement", "capital")]
                if (
                    frame.total_scope
                    and len(towns) == 1
                    and not _NATIONAL.search(self.doc.text, s.start, s.end)
                ):
                    # "A total of 13 people were injured in Dnipro": the town's figure too
                    b = self._incident(towns[0])
                    b.facts.setdefault(fact.field, []).append(fact)
                    if s not in b.sentences:
                        self._annotate(b, frame, own=True)
                    b.add_sentence(s)
                    b.signal = True
                    continue
                if (
                    frame.total_scope
                    and not struck
                    and context is not None
                    and context.kind in ("settlement", "capital")
                    and _IN_THE_TOWN.search(self.doc.text, s.start, s.end)
                ):
                    # "In all, 23 people were killed or wounded in the city": the city's too
                    b = self._incident(context)
                    b.facts.setdefault(fact.field, []).append(fact)
                    b.add_sentence(s)
                continue
            elif frame.nearby and context is not None:
                phrase = self._nearby_span(s)
                target = self._near_incident(context, phrase)
            elif frame.vague_place and not struck:
                continue  # "four more in surrounding areas": a part we cannot place
            elif struck:
                # the place in the same clause: "hits hospital in Chuhuiv; two killed … in
                # Bohodukhiv" puts the two in Bohodukhiv
                n = fact.number_span[0]
                clause_start = self.doc.text.rfind(";", s.start, n) + 1 or s.start
                clause_end = self.doc.text.find(";", n, s.end)
                clause_end = clause_end if clause_end >= 0 else s.end
                inside = [p for p in struck if clause_start <= p.start < clause_end] or struck
                before = [p for p in inside if p.start <= n]
                # "killed two people in Kupiansk and injured three in Izium"
                right_after = [
                    p
                    for p in inside
                    if 0 <= p.start - fact.number_span[1] <= 30
                    and _IN_PLACE.fullmatch(self.doc.text[fact.number_span[1] : p.start])
                ]
                ref = right_after[0] if right_after else (before[-1] if before else inside[0])
                target = self._incident(ref)
            else:
                ahead = self._look_ahead(content, pos, context)
                if ahead is not None:
                    target = self._incident(ahead)
                elif context is not None:
                    target = self._incident(context)
                    if self.sentence_of(context).paragraph != s.paragraph:
                        # a figure the place's own paragraph does not give may be a summary
                        # of the places that follow ("2 killed … In Kherson, … In Antonivka")
                        self.carried.append((fact, target))
            if target is None:
                self.total_facts.setdefault(fact.field, []).append(fact)
                continue
            target.facts.setdefault(fact.field, []).append(fact)
            target.victims.extend(fact.victims)
            target.add_sentence(s)
            target.signal = True
            self._annotate(target, frame, own=False)

    def _shared_by_list(self, fact: CasualtyFact, struck: list[PlaceRef]) -> bool:
        """The figure comes before every struck place of its clause, and they are a list."""
        if fact.local or len(struck) < 2:
            return False
        n = fact.number_span[1]
        end = self.doc.text.find(";", n, fact.sentence.end)
        after = [p for p in struck if p.start >= n and (end < 0 or p.start < end)]
        before = [p for p in struck if p.start < fact.number_span[0]]
        return not before and len(after) >= 2 and _listed_together(after, self.doc.text)

    def _look_ahead(
        self, content: list[SentenceFrame], pos: int, context: PlaceRef | None
    ) -> PlaceRef | None:
        """The victims' place named in the next sentence of the same paragraph ("Among the
        dead were … . The victims were killed when their home in Pohreby …"). With a place
        already in context, only a sentence that points back at the victims moves them."""
        if pos + 1 >= len(content):
            return None
        nxt = content[pos + 1]
        if nxt.sentence.paragraph != content[pos].sentence.paragraph or nxt.casualties:
            return None
        struck = self._struck(nxt.sentence)
        if len(struck) != 1:
            return None
        if nxt.anaphora or (context is None and (nxt.sites or nxt.hits)):
            return struck[0]
        return None

    def _nearby_span(self, s: Sentence) -> Span:
        for m in self.mentions:
            if m.kind == "nearby" and s.start <= m.start < s.end:
                return _span(self.doc, m.start, m.end)
        return sentence_span(self.doc, s)

    # -- waves -----------------------------------------------------------------------------
    def _intercepted_over(self) -> None:
        # (count, region, the sentence of the count it breaks down)
        self.over: list[tuple[WaveCount, PlaceRef, int]] = []
        self.part_totals: set[int] = set()
        used: set[tuple[int, int]] | None = None  # the numbers already read (when asked)
        before: list[WaveCount] = []  # the interceptions of the sentence before
        for frame in self.frames:
            intercepted = (
                [w for w in frame.waves if w.kind == "intercepted"] if frame.waves else []
            )
            if intercepted:
                before = intercepted
            elif before and before[-1].sentence.index == frame.sentence.index - 1:
                # "It was added that one was downed over the Belgorod Region, and eight over
                # the Krasnodar Region": the breakdown of the count just given
                intercepted, before = before, []
            else:
                before = []
                continue
            s = frame.sentence
            # "35 over Crimea and 10 over the Black Sea": a sea is an interception area too
            refs = [
                p
                for p in self.by_sentence.get(s.index, [])
                if p.role in ("interception area", "sea or river")
            ]
            # "destroyed 18 drones over the Kursk region and 7 over the Bryansk region": the
            # first count is a region's part too, and the total is the sum of the parts
            for w in intercepted:
                for ref in refs:
                    gap = self.doc.text[w.number_span[1] : ref.start].lower().strip()
                    if _OVER_GAP.fullmatch(gap):
                        self.over.append((w, ref, w.sentence.index))
                        self.part_totals.add(id(w))
                        break
            if used is None:
                used = {f.number_span for fr in self.frames for f in fr.casualties}
                used |= {w.number_span for fr in self.frames for w in fr.waves}
            for q in self._mentions_in(s.start, s.end):
                if q.kind != "qty" or q.span in used:
                    continue
                sea = _OVER_SEA.match(self.doc.text, q.end)
                if sea is not None and not any(r.start == sea.start(1) for r in refs):
                    # a sea the gazetteer does not hold: kept by its written name
                    place = Place(
                        name=sea.group(1),
                        written=sea.group(1),
                        evidence=[_span(self.doc, sea.start(1), sea.end(1))],
                    )
                    refs.append(
                        PlaceRef(sea.start(1), sea.end(1), "sea", "sea or river", place, s.index)
                    )
                for ref in refs:
                    gap = self.doc.text[q.end : ref.start].lower().strip()
                    if _OVER_GAP.fullmatch(gap):
                        d = q.data
                        wc = WaveCount(
                            "intercepted",
                            intercepted[0].weapon,
                            d.value,
                            d.qualifier,
                            d.low,
                            d.high,
                            s,
                            q.span,
                        )
                        self.over.append((wc, ref, intercepted[0].sentence.index))
                        break

    def _sum_of_parts(self, wave: Wave, wcs: list[WaveCount]) -> None:
        """When the only interception count is itself one region's part, the wave's total is
        the sum of the regions' parts."""
        parts_only = [w for w in wcs if w.kind == "intercepted" and id(w) in self.part_totals]
        if not parts_only or len(wave.intercepted_over) < 2:
            return
        cls = parts_only[0].weapon
        if any(
            w.kind == "intercepted" and w.weapon == cls and id(w) not in self.part_totals
            for w in wcs
        ):
            return  # a stated total stands
        values = [o.figure.value for o in wave.intercepted_over]
        if any(v is None for v in values):
            return
        total = sum(v for v in values if v is not None)
        evidence: list[Span] = []
        for o in wave.intercepted_over:
            evidence.extend(e for e in o.figure.evidence if e not in evidence)
        wave.intercepted[cls] = Figure(total, "exact", total, total, evidence)

    def _actors_in(self, s: Sentence) -> list[ActorMention]:
        lo = bisect.bisect_left(self._actor_starts, s.start)
        hi = bisect.bisect_left(self._actor_starts, s.end)
        return self.actors[lo:hi]

    def _sentence_attacker(self, s: Sentence) -> tuple[str | None, str | None]:
        """(attacker, defender country) from the actors of one sentence (memoised per report)."""
        if s.index not in self._actor_sentences:
            return None, None  # no party named
        known = self._sides_cache.get(s.index)
        if known is None:
            known = self._sides_cache[s.index] = self._find_sentence_sides(s)
        return known

    def _find_sentence_sides(self, s: Sentence) -> tuple[str | None, str | None]:
        attacker = defender = None
        text = self.doc.text
        for a in self._actors_in(s):
            after = text[a.end : a.end + 40].lower()
            before = text[max(s.start, a.start - 40) : a.start]
            if _AGENT_BEFORE.search(before):
                # "ballistic missiles launched by Iran struck …": the agent, whoever came first
                return a.name, defender if defender != a.country else None
            speaks = not a.metonym and self._reports_that(a, s, after)
            if speaks or self._titled_defender(a, s, after):
                defender = defender or a.country
                continue
            if a.metonym and _SAID_AFTER.match(after):
                continue
            if _STRUCK_COUNTRY_BEFORE.search(before):
                defender = defender or a.country  # "missile strikes on central Israel"
                continue
            if _BETWEEN_BEFORE.search(before):
                continue  # "hostilities between Israel and Iran": neither side here
            attacker = attacker or a.name
        return attacker, defender

    def _titled_defender(self, a: ActorMention, s: Sentence, after: str) -> bool:
        """ "Ukraine's air force", "the Defence Forces of Ukraine": the party defends.
        `after`: the lowercase text right after the mention."""
        return bool(
            _DEFENDER_AFTER.match(after)
            or _DEFENDER_BEFORE.search(self.doc.text, max(s.start, a.start - 40), a.start)
        )

    def _reports_that(self, a: ActorMention, s: Sentence, after: str) -> bool:
        """ "Lebanese army intelligence reported that …": the party tells of the attack."""
        return bool(
            _SPEAKER_AFTER.match(after) and _REPORTED_THAT.search(self.doc.text, a.end, s.end)
        )

    def _count_sides(self, wc: WaveCount) -> tuple[str | None, str | None]:
        """(attacker, defender country) for one count: the party named closest before the
        number ("the Houthis fired two missiles"), unless it is the defender."""
        attacker, defender = self._sentence_attacker(wc.sentence)
        s = wc.sentence
        text = self.doc.text
        if wc.kind == "intercepted":
            # "35 drones over Crimea": the country of the skies they were downed in defends
            # (as GeoNames has it: Crimea is Ukraine's)
            areas = {
                p.place.country
                for p in self.by_sentence.get(s.index, [])
                if p.role == "interception area" and p.place.country
            }
            area = areas.pop() if len(areas) == 1 else None
            defender = area or defender
        else:
            area = None
        best = None
        for a in self._actors_in(s):
            after = text[a.end : a.end + 40].lower()
            near = abs(a.start - wc.number_span[0]) <= 80
            if a.start > wc.number_span[1]:
                # "40 Ukrainian drones": the party named with the weapon launched it
                if _WEAPON_AFTER.match(after) and a.start - wc.number_span[1] <= 12:
                    return a.name, defender if defender != a.country or area else None
                if near and _TARGET_BEFORE.search(text[max(s.start, a.start - 24) : a.start]):
                    defender = a.country  # "fired two ballistic missiles at Israel"
                elif near and _FROM_BEFORE.search(text[a.start - 12 : a.start]):
                    attacker = a.name  # "two missiles launched from Yemen"
                    best = a
                elif near and _LAUNCHED_BY_BEFORE.search(
                    text[max(s.start, a.start - 24) : a.start]
                ):
                    best = a  # "eight drones launched by the RSF"
                elif near and _ATTACK_OF.match(after):
                    best = a  # "17 of 18 drones used in Russia's overnight attack"
                continue
            if self._titled_defender(a, s, after) or _INTERCEPTS_AFTER.match(after):
                # "Ukraine downs 17 drones", "Israel says it intercepted a missile"
                defender = defender or a.country
                continue
            if _TARGET_BEFORE.search(text[max(s.start, a.start - 24) : a.start]):
                # "Russia attacked Ukraine with 212 drones": the object is the target (and,
                # further from the count, "launched 31 drones at Ukraine overnight, mostly
                # targeting the south, with air defences destroying 28": still no attacker)
                if near:
                    defender = defender or a.country
                continue
            if _SPEAKS_AFTER.match(after) or (
                self._reports_that(a, s, after)
            ):
                # "Russia says it downed 40 drones", "Lebanese army intelligence reported that
                # the drone launched two missiles": the speaker defends
                defender = defender or a.country
                continue
            best = a
        if best is not None:
            attacker = best.name
        elif attacker is None:
            # (asked once per sentence of the report: a sentence may give several counts)
            if s.index not in self._weapon_users:
                self._weapon_users[s.index] = user_of_weapons(text[s.start : s.end])
            attacker = self._weapon_users[s.index]
        if (
            attacker is not None
            and defender is not None
            and country_of(attacker) == defender
            and not is_domestic(attacker)  # the RSF's drones over El Fasher
        ):
            attacker = self._attacker_of(defender)
        return attacker, defender

    @cached_property
    def _newest_first(self) -> list[int] | None:
        """Where the entries of a live blog start, when its newest entry is on top: time
        stamps that go down the page ("16:45", "14:10", "12:30" …). Read once per report:
        every merge of figures asks."""
        text = self.doc.text
        # the first line's stamp, then those after line breaks (a stamp ends before one)
        first = _STAMP_LINE.match(text)
        stamps = ([first] if first else []) + list(_STAMP_AFTER_BREAK.finditer(text))
        times = [int(m.group(1)) * 60 + int(m.group(2)) for m in stamps]
        if len(times) >= 3 and all(a >= b for a, b in itertools.pairwise(times)):
            # a stamp found after a break starts on the line after it
            return [0 if m is first else m.start() + 1 for m in stamps]
        return None

    def _tells_on(self, s: Sentence, context: PlaceRef) -> bool:
        """A paragraph soon after the place's goes on about the same strike: it opens with
        "The missile …", "The strike …" (and names no place of its own)."""
        if not 0 < s.paragraph - self.sentence_of(context).paragraph <= 2:
            return False
        opens = self._opens_same_strike.get(s.paragraph)  # asked of one paragraph many times
        if opens is None:
            first = next(x for x in self.doc.sentences if x.paragraph == s.paragraph)
            opens = bool(_SAME_STRIKE.match(self.doc.text, first.start))
            self._opens_same_strike[s.paragraph] = opens
        return opens

    def _damage_told_on(self, frame: SentenceFrame, context: PlaceRef) -> bool:
        """A sentence a paragraph or two after the place's tells of damage and names no place
        ("The shop and three nearby houses were damaged"): the same strike's, unless it gives
        a day of its own ("On 11 August, shells struck a hospital" after the 10 August
        strike)."""
        if not frame.hits or not 0 < frame.sentence.paragraph - self.sentence_of(
            context
        ).paragraph <= 2:
            return False
        if self.doc.text[frame.sentence.start : frame.sentence.start + 2] in _BULLETS:
            return False  # a list's items are told each on its own
        if any(
            f.historical or f.total_scope
            for f in self.frames[context.sentence + 1 : frame.sentence.index]
        ):
            return False  # "Dozens have been killed since last month. … military sites destroyed"
        days = {(m, d) for m, d, _ in frame.dates}
        return not days or days <= {(m, d) for m, d, _ in self.frames[context.sentence].dates}

    def _attacker_of(self, target: str | None) -> str | None:
        """Who strikes `target`: a party the report names that usually does ("the
        Iran-backed group fired a missile at Israel", the Houthis named elsewhere), else the
        usual attacker of that country."""
        if target is None:
            return None
        named: dict[str, int] = {}
        for a in self.actors:
            if strikes(a.name, target):
                named[a.name] = named.get(a.name, 0) + 1
        if named:
            return max(named, key=named.__getitem__)  # as Counter.most_common: the first
        return usual_attacker(target)

    def _massed_or_combined(self) -> bool:
        """A sentence launches two weapon classes or names a massed attack."""
        frames = [f for f in self.frames if not f.sentence.boilerplate]
        for f in frames:
            if f.launches and len(f.weapons) >= 2 and len(set(f.weapons)) >= 2:
                return True
        if not self.doc.may_contain(_MASSED_ANCHORS):
            return False
        massed = [start for start, _ in self.doc.spans_ignoring_case(_MASSED_IN_LOWER, _MASSED)]
        return any(f.sentence.start <= pos < f.sentence.end for f in frames for pos in massed)

    def waves(self) -> list[Wave]:
        counts = [
            w
            for f in self.frames
            if not f.sentence.boilerplate and not f.historical
            for w in f.waves
        ]
        if not counts and not self.incidents and not self.total_facts:
            return []  # no count, place or total to make a wave of
        report_attacker, report_target = self._report_sides()
        groups: dict[tuple[str | None, str | None], list[WaveCount]] = {}
        sides_of: dict[int, tuple[str | None, str | None]] = {}
        last_of_class: dict[str, tuple[str | None, str | None]] = {}
        for wc in counts:
            attacker, defender = self._count_sides(wc)
            # the sentence before, or the last count of this weapon ("fired two drones …
            # One of the drones was shot down over the Red Sea")
            before = sides_of.get(wc.sentence.index - 1) or (
                last_of_class.get(wc.weapon) if wc.kind == "intercepted" else None
            )
            sent = wc.sentence
            # a party named in the sentence that is not the defender (for an interception,
            # the country the launch was aimed at defends: "… before it reached Israel")
            defending = {defender, before[1] if before and wc.kind == "intercepted" else None}
            named = any(a.country not in defending for a in self._actors_in(sent))
            if (
                not named
                and before is not None
                and (defender is None or before[1] in (defender, None))
            ):
                # "the group launched a drone at Eilat. The military said the drone was
                # brought down": the same attack, told on
                attacker, defender = before[0], before[1] or defender
            target = defender
            if attacker is None:
                attacker = self._attacker_of(target) if target else report_attacker
            if target is None:
                target = self._target_for(attacker) or report_target
            if attacker is not None and target is not None and target == country_of(attacker):
                # "the group had targeted Ben Gurion Airport with two drones": not its own
                # country; the one it strikes that the report's other counts name
                aimed = [t for (_, t) in sides_of.values() if t and strikes(attacker, t)]
                target = aimed[-1] if aimed else target
            sides_of[wc.sentence.index] = (attacker, target)
            last_of_class[wc.weapon] = (attacker, target)
            groups.setdefault((attacker, target), []).append(wc)
        # every struck country with incidents has a wave too (who attacked it)
        # a combined or massed attack ("attacked with ballistic and cruise missiles and
        # drones", "a massive barrage") makes a wave even without counts
        # (asked only when a struck place or a report total could make such a wave)
        launches = bool(
            any(b.signal and b.place and b.place.country for b in self.incidents.values())
            or (not groups and report_attacker and report_target and self.total_facts)
        ) and (self._massed_or_combined() or self._air_attack_described())
        # a wave with no counts only for a massed or combined air attack
        for b in self.incidents.values() if launches else ():
            c = b.place.country if b.place else None
            if c and b.signal and not any(t == c for (_, t) in groups):
                attacker = (report_attacker if c == report_target else None) or self._attacker_of(c)
                if attacker is not None and not is_domestic(attacker):
                    groups.setdefault((attacker, c), [])
        # "Israeli air strikes killed 20 across the Gaza Strip": no place, still a wave
        if (
            launches
            and not groups
            and report_attacker
            and report_target
            and not is_domestic(report_attacker)
            and self.total_facts
        ):
            groups[(report_attacker, report_target)] = []
        out: list[Wave] = []
        for (attacker, target), wcs in self._split_by_period(groups):
            wave = Wave(attacker=attacker, target_country=target)
            sentences: list[Sentence] = []
            for kind in ("launched", "intercepted"):
                by_cls: dict[str, list[WaveCount]] = {}
                for wc in wcs:
                    if wc.kind == kind:
                        by_cls.setdefault(wc.weapon, []).append(wc)
                target_map = wave.launched if kind == "launched" else wave.intercepted
                for cls, items in by_cls.items():
                    fig = self._wave_figure(items)
                    if fig is not None:
                        target_map[cls] = fig
                        sentences.extend(i.sentence for i in items)
            for wc in wcs:
                launched = wave.launched.get(wc.weapon)
                known = wave.intercepted.get(wc.weapon)
                if wc.all_of and launched is not None and (known is None or known.value is None):
                    # "Iran fired 10 drones … All of the drones were shot down"
                    wave.intercepted[wc.weapon] = Figure(
                        launched.value, launched.qualifier, launched.low, launched.high,
                        [*launched.evidence, sentence_span(self.doc, wc.sentence)],
                    )
            for target_map in (wave.launched, wave.intercepted):
                _missile_total(target_map)
            for wc, ref, anchor in getattr(self, "over", []):
                if any(anchor == x.sentence.index for x in wcs):
                    fig = Figure(
                        wc.value,
                        wc.qualifier,
                        wc.low,
                        wc.high,
                        [sentence_span(self.doc, wc.sentence)],
                    )
                    wave.intercepted_over.append(InterceptedOver(ref.place, fig))
            self._sum_of_parts(wave, wcs)
            seen: set[int] = set()
            for s in sentences:
                if s.index not in seen:
                    seen.add(s.index)
                    wave.evidence.append(sentence_span(self.doc, s))
            if not sentences:
                sentences = [
                    x
                    for b in self.incidents.values()
                    if b.place and b.place.country == target
                    for x in b.sentences
                ]
                wave.period = self._period(sentences, lead=False)
            else:
                wave.period = self._period(sentences)
            wave.date = self._wave_date(sentences)
            out.append(wave)
        # waves with counts first
        out.sort(key=lambda w: -(len(w.launched) + len(w.intercepted)))
        return out

    def _split_by_period(
        self, groups: dict[tuple[str | None, str | None], list[WaveCount]]
    ) -> list[tuple[tuple[str | None, str | None], list[WaveCount]]]:
        """ "93 drones overnight" and "six guided bombs and a missile shortly after 8am" are
        two waves: one attacker, two periods, different weapons. Counts of one weapon class
        stay together ("launched 93 drones overnight … 71 shot down by morning")."""
        if all(len(wcs) < 2 for wcs in groups.values()):
            return list(groups.items())  # one count is one wave
        periods = {f.sentence.index: f.periods[0] for f in self.frames if f.periods}
        out: list[tuple[tuple[str | None, str | None], list[WaveCount]]] = []
        for key, wcs in groups.items():
            parts: dict[str, list[WaveCount]] = {}
            loose: list[WaveCount] = []
            for wc in wcs:
                # only launches fix a wave's period: "shot down 91 … in a morning statement"
                period = periods.get(wc.sentence.index) if wc.kind == "launched" else None
                (parts.setdefault(period, []) if period else loose).append(wc)
            classes = [{wc.weapon for wc in p} for p in parts.values()]
            disjoint = all(a.isdisjoint(b) for a, b in itertools.combinations(classes, 2))
            if len(parts) < 2 or not disjoint:
                out.append((key, wcs))
                continue
            for part in parts.values():
                mine = {wc.weapon for wc in part}
                part.extend(wc for wc in loose if wc.weapon in mine)
            placed = {id(wc) for p in parts.values() for wc in p}
            rest = [wc for wc in loose if id(wc) not in placed]
            first = min(parts.values(), key=lambda p: min(wc.sentence.index for wc in p))
            first.extend(rest)
            out.extend((key, part) for part in parts.values())
        return out

    def _air_attack_described(self) -> bool:
        """ "attacked Odesa with strike drones", "Israeli air strikes killed 32": an attack by
        drones, missiles or aircraft in the plural, not one drone known by its damage and not
        shelling."""
        for f in self.frames:
            if (
                not (f.hits or f.launches)  # (the rarest first)
                or f.sentence.boilerplate
                or f.sentence.headline
                or f.historical
                or not _AIR_CLASSES.issuperset(f.weapons)
            ):
                continue
            for m in self._mentions_in(f.sentence.start, f.sentence.end):
                if (
                    m.kind == "weapon"
                    and m.label in _AIR_CLASSES
                    and self.doc.text[m.start : m.end].lower().endswith("s")
                ):
                    return True
                if (
                    m.kind == "hit"
                    and self.doc.text[m.start : m.end].lower() in _attack_nouns()
                    and any(0 <= m.start - a.end <= 1 for a in self.actors)
                ):
                    return True  # "Israeli strikes on southern Lebanon killed five"
        return False

    def _wave_figure(self, items: list[WaveCount]) -> Figure | None:
        items = self._join_models(items)
        best: WaveCount | None = None
        for it in items:
            if best is None or (
                it.value is not None and (best.value is None or it.value > best.value)
            ):
                best = it
        if best is None:
            return None
        ev = []
        for it in items:
            if it.value == best.value:
                sp = sentence_span(self.doc, it.sentence)
                if sp not in ev:
                    ev.append(sp)
        return Figure(best.value, best.qualifier, best.low, best.high, ev)

    def _join_models(self, items: list[WaveCount]) -> list[WaveCount]:
        """ "40 Kh-101 cruise missiles … and eight Kalibr cruise missiles": counts of one class
        in one sentence, joined by "and" and not one inside the other, add up."""
        by_sentence: dict[int, list[WaveCount]] = {}
        for it in items:
            by_sentence.setdefault(it.sentence.index, []).append(it)
        out: list[WaveCount] = []
        for group in by_sentence.values():
            group.sort(key=lambda w: w.number_span[0])
            joined = group[0]
            for nxt in group[1:]:
                between = self.doc.text[joined.number_span[1] : nxt.number_span[0]]
                if (
                    joined.value is not None
                    and nxt.value is not None
                    and _AND.search(between)
                    and not _PART_OF.search(between)
                ):
                    joined = WaveCount(
                        joined.kind,
                        joined.weapon,
                        joined.value + nxt.value,
                        "exact" if joined.qualifier == nxt.qualifier == "exact" else "at_least",
                        joined.value + nxt.value,
                        None,
                        joined.sentence,
                        (joined.number_span[0], nxt.number_span[1]),
                    )
                else:
                    out.append(joined)
                    joined = nxt
            out.append(joined)
        return out

    def _target_for(self, attacker: str | None) -> str | None:
        if attacker is None:
            return None
        own = country_of(attacker)
        for b in self.incidents.values():
            c = b.place.country if b.place else None
            if c and c != own:
                return c
        from strikelog.lang.loader import load_lexicon

        for target, usual in load_lexicon("actors")["opponents"].items():
            if usual == attacker:
                return str(target)
        return None

    def _report_sides(self) -> tuple[str | None, str | None]:
        """The report's main attacker and target country."""
        # counted in dicts: as Counter.most_common(1), the first of the most named wins
        countries: dict[str, int] = {}
        for b in self.incidents.values():
            if b.place and b.place.country:
                countries[b.place.country] = countries.get(b.place.country, 0) + 1
        target = max(countries, key=countries.__getitem__) if countries else None
        attackers: dict[str, int] = {}
        actor_sentences = self._actor_sentences
        for f in self.frames:
            if not (f.hits or f.weapons or f.launches) or f.sentence.index not in actor_sentences:
                continue  # (a sentence that names no party gives no side)
            att, dfd = self._sentence_attacker(f.sentence)
            if att and (target is None or country_of(att) != target or is_domestic(att)):
                attackers[att] = attackers.get(att, 0) + 1
            if target is None and dfd:
                target = dfd
        attacker = max(attackers, key=attackers.__getitem__) if attackers else None
        if attacker is None and target:
            attacker = usual_attacker(target)
        if target is None and attacker:
            target = self._target_for(attacker)
        return attacker, target

    def _period(self, sentences: list[Sentence], lead: bool = True) -> str | None:
        idx = {s.index for s in sentences}
        for f in self.frames:
            if f.sentence.index in idx and f.periods:
                return f.periods[0]
        if not lead:
            return None
        content = [f for f in self.frames if not f.sentence.boilerplate]
        for f in content[:2]:
            if f.periods:
                return f.periods[0]
        return None

    def _wave_date(self, sentences: list[Sentence]) -> str | None:
        idx = {s.index for s in sentences}
        weekdays: list[int] = []
        dates: list[tuple[int, int, int | None]] = []
        for f in self.frames:
            if f.sentence.index in idx:
                weekdays += f.weekdays
                dates += f.dates
        if not weekdays and not dates:
            return self._report_date()
        return _date_for(self.published, weekdays, dates)

    def _report_date(self) -> str | None:
        """The date the lead gives (its weekday or date), else the publication day."""
        if self._lead_date is None:
            content = [f for f in self.frames if not f.sentence.boilerplate][:3]
            weekdays = [d for f in content for d in f.weekdays]
            dates = [d for f in content for d in f.dates]
            self._lead_date = _date_for(self.published, weekdays, dates)
        return self._lead_date

    # -- output ----------------------------------------------------------------------------
    def _fold_regions(self) -> None:
        """A region named beside struck places inside it is their sum, not a strike of its
        own: "4 dead in Odesa region" with Odesa and Izmail named. Its figures become
        report-level ones, its sites go to the places inside when there is one."""
        towns = [
            b
            for b in self.incidents.values()
            if b.place is not None
            and b.signal
            and (
                b.place.precision in ("settlement", "district")
                # a town the gazetteer lacks, put at its region ("the town of Sodari in North
                # Kordofan state")
                or (b.kind in ("settlement", "district") and b.place.precision != "unresolved")
            )
        ]
        for key, b in list(self.incidents.items()):
            p = b.place
            if p is None or p.precision not in ("admin1", "admin2", "country"):
                continue
            if b.kind not in ("admin1", "admin2"):
                continue  # a town the gazetteer could not pin down is still a town
            if key.startswith("near:"):
                continue
            # "Darfur" (one of three states) resolves to its country: it holds the towns too
            inside = [
                t
                for t in towns
                if t.place is not None
                and t.place.country == p.country
                and (
                    p.precision == "country"
                    or (p.precision == "admin1" and t.place.admin1 == p.admin1)
                    or (p.precision == "admin2" and t.place.admin2 in (p.name, p.admin2))
                )
            ]
            if p.precision == "country" and p.candidates:
                # "Sudan's Darfur region" (five states), then "the market in West Darfur":
                # a state named after the region
                inside += [
                    t
                    for t in self.incidents.values()
                    if t is not b
                    and t.signal
                    and t.place is not None
                    and t.place.precision == "admin1"
                    and t.place.country == p.country
                    and p.name in t.place.name.split()
                ]
            if not inside or not self._is_aggregate(b, inside):
                continue
            for fld, facts in b.facts.items():
                self.total_facts.setdefault(fld, []).extend(facts)
            if len(inside) == 1:
                for t in b.targets:
                    if t not in inside[0].targets:
                        inside[0].targets.append(t)
            del self.incidents[key]

    def _is_aggregate(self, region: _IncidentBuilder, inside: list[_IncidentBuilder]) -> bool:
        """A region's figure sums its towns' when it is at least their sum ("4 dead in Odesa
        region" with 3 in Odesa); a smaller one ("no casualties" at a separate site in the
        region, while a town counts two wounded) is a strike of its own."""
        for fld, facts in region.facts.items():
            # "over 100 killed in Kaduna state", then "120 killed in Tudun Biri village": a
            # lower bound is no smaller sum
            values = [
                f.value
                for f in facts
                if f.value is not None and f.qualifier not in ("at_least", "more_than")
            ]
            parts = [
                max((f.value or 0) for f in t.facts.get(fld, []))
                for t in inside
                if t.facts.get(fld)
            ]
            if values and parts and max(values) < sum(parts):
                return False
        return True

    def _fold_near_into_place(self) -> None:
        """"Four were killed in Mezezo. … The drone targeted a hut near Mezezo town": a
        figureless strike near a place the report has struck is a detail of that strike."""
        for key, b in list(self.incidents.items()):
            if not key.startswith("near:") or any(b.facts.values()):
                continue
            place = self.incidents.get(key[len("near:") :])
            if place is None or not place.signal:
                continue
            for t in b.targets:
                if t not in place.targets:
                    place.targets.append(t)
            place.weapons_fact.extend(b.weapons_fact)
            place.weapons_other.extend(b.weapons_other)
            for sent in b.sentences:
                place.add_sentence(sent)
            del self.incidents[key]

    def build_incidents(self) -> list[Incident]:
        self._fold_near_into_place()
        self._fold_regions()
        self._single_place_totals()
        out = []
        for b in self.incidents.values():
            if not b.signal:
                continue
            inc = Incident(place=b.place, near=b.near)
            for fld in HARM_FIELDS:
                facts = b.facts.get(fld)
                if facts:
                    setattr(inc, fld, self._merge(facts))
            inc.victims = [self._victim(v) for v in b.victims]
            inc.targets = _targets_out(b.targets)
            weapons = b.weapons_fact or b.weapons_other
            inc.weapon = self._pick_weapon(weapons)
            if inc.weapon is None and b.place is not None:
                inc.weapon = self._wave_weapon(b.place.country)
            inc.date = _date_for(self.published, b.weekdays, b.dates) or self._report_date()
            inc.evidence = [
                sentence_span(self.doc, s) for s in sorted(b.sentences, key=lambda s: s.index)
            ]
            out.append(inc)
        return out

    def _merge(self, facts: list[CasualtyFact]) -> Figure | None:
        """`merge_figures` on the report's facts: the live blog's entry order is looked for
        only when there are two facts to order."""
        if not facts:
            return None
        return merge_figures(self.doc, facts, self._newest_first if len(facts) > 1 else None)

    def _wave_weapon(self, country: str | None) -> str | None:
        """The one weapon class the waves against this country name, if only one."""
        classes: set[str] = set()
        for weapon, attacker, defender in self._wave_sides:
            if defender == country or (
                defender is None
                and attacker is not None
                and usual_attacker(country or "") == attacker
            ):
                classes.add(weapon)
        return classes.pop() if len(classes) == 1 else None

    @cached_property
    def _wave_sides(self) -> list[tuple[str, str | None, str | None]]:
        """(weapon class, attacker, defender) of each count of the report (asked per place)."""
        return [
            (w.weapon, *self._sentence_attacker(f.sentence)) for f in self.frames for w in f.waves
        ]

    @staticmethod
    def _pick_weapon(weapons: list[str]) -> str | None:
        if not weapons:
            return None
        if len(weapons) > 1 and len(set(weapons)) > 1:
            weapon, n = Counter(weapons).most_common(1)[0]
            if n > 1:
                return weapon
        return weapons[0]

    def _victim(self, v: VictimFact) -> Victim:
        return Victim(
            age=v.age,
            age_months=v.age_months,
            sex=v.sex,
            outcome=v.outcome,
            child=v.child,
            evidence=[_span(self.doc, *v.span)],
        )

    def _single_place_totals(self) -> None:
        """In a report about one struck place, its totals are that place's figures ("in total
        62 people were wounded"), unless they speak of a whole country or several regions."""
        places = [b for b in self.incidents.values() if b.signal and b.place is not None]
        if len(places) != 1:
            return
        b = places[0]
        first = min(b.sentences, key=lambda s: s.index) if b.sentences else None
        if first is not None and self._opens_separate_event(first):
            # "Three crew were killed in a Houthi strike on a ship. … Following the attack,
            # US-led strikes targeted the airport in Hudaydah": the place has its own attack
            return
        # "three crew killed in a Houthi strike on a ship … US-led strikes hit the airport
        # in Hudaydah": a figure of another party's attack is not the place's
        place_attackers = {self._sentence_attacker(s)[0] for s in b.sentences} - {None}
        for fld, facts in self.total_facts.items():
            local = [
                f
                for f in facts
                if not _NATIONAL.search(self.doc.text[f.sentence.start : f.sentence.end])
                and (
                    not place_attackers
                    or self._sentence_attacker(f.sentence)[0] in place_attackers | {None}
                )
            ]
            for f in local:
                if f not in b.facts.get(fld, []):
                    b.facts.setdefault(fld, []).append(f)
            b.facts.get(fld, []).sort(key=lambda f: f.sentence.index)

    def build_totals(self) -> Totals:
        totals = Totals()
        stated_in_body = any(self.total_facts.values())
        for fld in HARM_FIELDS:
            facts = self.total_facts.get(fld, [])
            if facts and any(self._opens_separate_event(f.sentence) for f in facts):
                placed = [
                    f for b in self.incidents.values() if b.signal for f in b.facts.get(fld, [])
                ]
                if placed:
                    # "In a separate incident, a man was killed" with no place: a part of the
                    # report, not its total (the places' sum or the lead's figure is)
                    facts = [f for f in facts if not self._opens_separate_event(f.sentence)]
            headline = self.headline_facts.get(fld)
            if headline and not stated_in_body:
                placed = [
                    f for b in self.incidents.values() if b.signal for f in b.facts.get(fld, [])
                ]
                if not any(h.value == f.value for h in headline for f in placed):
                    # the headline's figure, unless a place gives the same one in the body
                    # ("two dead" over "killing at least two people in Kyiv")
                    facts = facts + headline
            if facts:
                setattr(totals, fld, self._merge(facts))
        return totals

    def _opens_separate_event(self, s: Sentence) -> bool:
        """The sentence opens with "Meanwhile", "Following the attack", "In a separate …"."""
        return self.doc.text[s.start : s.start + 40].lower().startswith(
            _separate_event_openers()
        )

    def other_places(self, incidents: list[Incident]) -> list[OtherPlace]:
        struck_keys = {i.place.geonameid or i.place.name for i in incidents if i.place}
        out: list[OtherPlace] = []
        seen: set[str] = set()
        for p in self.places:
            key = p.place.geonameid or p.place.name
            if key in struck_keys or p.place.name in seen:
                continue
            if p.role in ("struck", "context") and p.kind != COUNTRY:
                role = "mentioned"
            elif p.role == COUNTRY:
                role = "country"
            elif p.role == REFERENCE:
                role = "reference point"
            else:
                role = p.role
            seen.add(p.place.name)
            out.append(OtherPlace(name=p.place.name, role=role, place=p.place))
        return out
