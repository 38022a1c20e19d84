"""frame: the mentions of one sentence → facts (casualty facts, wave counts, victims).

A number is used by at most one fact, and an age is never a count. Facts keep the span of
their number and the sentence they came from; resolve decides where they belong.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass, field
from functools import cache

from strikelog.lang.loader import load_lexicon
from strikelog.prepare import Sentence
from strikelog.spot.mentions import MONTH_HINTS, Mention
from strikelog.spot.numbers import Quantity
from strikelog.trie import literal_trie

_WORD = re.compile(r"[\w'’-]+|[^\w\s]")
# "were killed, and a neighbour …": a passive verb has no object to its right
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_APPOSITION = re.compile(
    r"(?:\s+(?:in|at|on|near)\s+[^,.;]{1,40})?,\s*(?:an?|the)\s+(?:[\w-]+\s+){0,2}", re.I
)
_PARTITIVE = re.compile(r"\b(?:one|two|three|some|most|several)\s+of\s+(?:them|whom)\b", re.I)
# "seven of those killed were children"
_OF_THOSE = re.compile(r"\s+of\s+(?:those|the|them)\s+", re.I)
_WERE = re.compile(r"\s+(?:were|are)\s+(?:all\s+)?", re.I)
# "damaged for the eighth time this year": this attack, one of several, not a past toll
_REPEATED = re.compile(r"\btimes?\s+$", re.I)
_ORDINAL_SINCE = re.compile(
    r",\s+(?:the|its|a)\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"\d+(?:st|nd|rd|th)|latest|largest|biggest|heaviest|deadliest)\s+[^,.;]*$",
    re.I,
)
_ELLIPTIC_AND = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:were\s+|have\s+been\s+|had\s+been\s+)?[\w-]+\s+and\s+",
    re.I,
)
# weapons counted by their article ("a missile", "both drones")
_ALL_BEFORE = re.compile(r"\ball\s+(?:of\s+)?(?:the\s+|these\s+|those\s+)?$", re.IGNORECASE)
_ADJECTIVE_USE = re.compile(r"\b(?:a|an|the)\s+$", re.IGNORECASE)
_LIST_ITEM = re.compile(r"[-–•*]\s")
_HITS_OF = re.compile(r"\b(?:hits|impacts)\s+(?:of|by)\s+$", re.IGNORECASE)
# ("WAFA earlier reported a death toll of 10": a figure since replaced, not an update)
_FIRST_FIGURE = re.compile(
    r"\b(?:initially|at\s+first|originally|previously|"
    r"earlier\s+(?:reported|said|put|gave|cited|announced|stated))\b",
    re.I,
)
_MADE_UP_OF = re.compile(
    r"\b(?:included|includ(?:es|ing)|comprised|consisted\s+of|were\s+made\s+up\s+of)\b"
)
_LIST_GOES_ON = re.compile(r"(?:\s+and\s|,\s*(?:and\s+)?(?:an?|the|one|two|three)\s)")
# who told it, after a comma: ", relatives said", ", according to the mayor"
_ATTRIBUTION = re.compile(
    r",\s+(?:(?:[\w'’-]+\s+){1,4}(?:said|says|say|told|reported|added|wrote)\b|according\s+to\b)"
)
# a sentence that sums up the figures as they now stand
_RECAP = re.compile(
    r"[\"“'‘]?(?:thus|so|as\s+of\s+now|as\s+of\s+this\s+(?:morning|evening|hour)|"
    r"in\s+total|in\s+all|overall|altogether)\b,?\s",
    re.IGNORECASE,
)
_ALL_BUT_BEFORE = re.compile(r"\ball\s+but\s+$", re.IGNORECASE)
_ARTICLE_BEFORE = re.compile(r"\b(?P<art>an?|one|both|the)\s+(?:[\w-]+\s+){0,2}$", re.I)
_LAUNCHED_BEFORE = re.compile(r"\b(?:launched|fired|launching|firing)\s+(?:[\w-]+\s+){0,3}$", re.I)
# ... at a place or a country, not at a car: "fired a missile at a car" is a strike known by
# its damage, no launch count
_AIMED_AT = re.compile(
    r"\s+(?:(?:had|has)\s+been\s+|was\s+|were\s+)?(?:launched\s+|fired\s+)?"
    # ("a ballistic missile and two drones at Israel")
    r"(?:[\w-]+\s+|and\s+[\w-]+\s+[\w-]+\s+)?"
    r"(?:at|towards?|against|into|over)\s+(?:the\s+(?:region|city|country|capital|port|"
    r"[A-Z])|[A-Z])"
)
_LAUNCHED_AFTER = re.compile(r"\s+(?:had\s+been|has\s+been|was|were)\s+(?:launched|fired)\b", re.I)
_DETAIL_AFTER = re.compile(r"\s*(?:[—–:]|--)\s")
_OF_THEM_AFTER = re.compile(r"\s+of\s+(?:them|these|those|which)\b", re.I)
_OF_THEM_NAMED = re.compile(r"\s+of\s+(?:them|whom)\s+(?:(?:was|is)\s+)?an?\s", re.I)
_NOMINAL_BEFORE = re.compile(r"\bof\s+(?:the|those)\s+$", re.I)
_BARE_COUNT_VERB = re.compile(r"\s+(?:had|have|has)\s+been\s+|\s+(?:were|was)\s+", re.I)
_NEGATED = re.compile(r"\b(?:not|n't|never|neither|nor)\s+(?:\w+ly\s+)?$", re.I)
# between a count's place and the next count of the same outcome: " people in Kharkiv and "
_PLACE_THEN_JOIN = re.compile(
    r"(?:\s+[\w-]+){0,2}?\s+(?:in|at)\s+(?:the\s+)?[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*){0,3}"
    r"(?:\s+(?:district|region|province|governorate|state|oblast|area|town|city|village))?"
    r"(?:,\s*and|,|\s+and|\s+while)\s+"
)
_CLAUSE_BREAK = re.compile(r"[,;.]|\band\b")
# what follows such a count: " in Izium", " more in the Sahar District", " others in Sumy"
_COUNT_IN_PLACE = re.compile(
    r"\s+(?:(?:more|others?|people|persons|civilians)\s+)?(?:in|at)\s+(?:the\s+)?[A-Z]"
)
# a victim list right after the verb: "killed a couple and …", "wounding a man and …"
_PERSON_FIRST = re.compile(r"\s+(?:an?|one|the|his|her|their|two|three|both)\s", re.IGNORECASE)
# "including 12 in Khan Younis", "12 of them in Kharkiv"
_LOCAL_PART = re.compile(
    r"\b(?:including|among them|of whom|of them)\s+(?P<n>[\w,-]+)\s+(?:(?:people|of them)\s+)?"
    r"(?:were\s+)?(?:in|at)\s+(?:the\s+)?"
    # "including 10 in a school sheltering displaced families in Gaza City"
    r"(?:an?\s+[^,;.]{0,60}?\s+in\s+(?:the\s+)?)?[A-Z]",
)
_MORE_LOCAL_PART = re.compile(
    r"[^,;.]*?(?:,|\band)\s+(?P<n>[\w-]+)\s+(?:(?:people|more)\s+)?(?:in|at)\s+(?:the\s+)?[A-Z]"
)
_INCLUDED_CLAUSE = re.compile(
    r",?\s*(?:including|among\s+them|among\s+whom|of\s+whom|two\s+of\s+them)\s+[^,;]+,",
    re.IGNORECASE,
)
# "killed 12 people - eight men, three women and a child -": the list after a dash
_DETAIL = re.compile(r"(?:\s+[\w-]+){0,2}?\s*(?:[-—–:]|\()\s")
_INCLUDING = re.compile(r"\b(?:including|among them|among whom|incl\.)\s", re.IGNORECASE)
_SINGLE_CHILD_CUE = re.compile(
    r"(?:including|among them|among whom|incl\.)\s+(?:a|an|one)\s+(?:[\w-]+\s+){0,2}$"
)
_CHILD_GROUP_CUE = re.compile(
    r"(?:including|among them|among whom|of whom|incl\.|of them|among those)\W*$"
)
# compiled once, not looked up in the re module's cache each time: the framer runs them per
# quantity or person
_COMMA_BEFORE = re.compile(r"[,;(—–]\s*$")
_OF_THEM_GAP = re.compile(r"\s+of\s+(?:them|whom)\s+(?:(?:were|are|was)\s+)?")
_TOLL = re.compile(r"toll", re.IGNORECASE)
_OF_THE_GAP = re.compile(r"\s+of\s+(?:the|these|those)\s+")
_JOINED_TAIL = re.compile(
    r"\s*(?:and\s*(?:her|his|their|its)?|,\s*(?:and\s+)?(?:her|his|their|its))\s*"
)
_A_OR_ONE_BEFORE = re.compile(r"\b(?:an?|one)\s+$")
_OF_THEM_LOW = re.compile(r"\s*(?:of them|of these|of those|of which)\b")
_OF_WHICH_LOW = re.compile(r"\s*(?:of which|of them)\s+(?:(?:were|was|are)\s+)?([a-z-]+)")
_OF_WHICH_BEFORE = re.compile(
    r"\b(?:of\s+which|of\s+them|of\s+these|of\s+those)\s*,?\s*$", re.IGNORECASE
)
_WERE_GAP = re.compile(r"\s+(?:were|was|are)\s+(?:[\w-]+\s+){0,2}")
_OF_THE_LOW = re.compile(r"\s*of\s+(?:the|these|those)\b")
_AND_BEFORE = re.compile(r"\band\s+$")
_PART_OF_BEFORE = re.compile(
    r"\b(?:most|many|some|several|half|majority|part|dozens|all but \w+|none)\s+of\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)


@dataclass
class VictimFact:
    outcome: str
    child: bool
    sex: str | None
    age: int | None
    age_months: int | None
    span: tuple[int, int]
    adult: bool = False  # known to be grown-up: "a man", "a 58-year-old", "a couple"


@dataclass(init=False)  # the __init__ written out, as `SentenceFrame`'s
class CasualtyFact:
    field: str  # killed | injured | casualties | children_killed | children_injured
    value: int | None
    qualifier: str
    low: int | None
    high: int | None
    sentence: Sentence
    number_span: tuple[int, int]
    update: bool = False  # "the toll rose to 11": the latest figure wins
    additive: bool = False  # "four more people": adds to what the place had
    local: bool = False  # "including 12 in Khan Younis": belongs to the place named after it
    victims: list[VictimFact] = dataclasses.field(default_factory=list)

    def __init__(
        self,
        field: str,
        value: int | None,
        qualifier: str,
        low: int | None,
        high: int | None,
        sentence: Sentence,
        number_span: tuple[int, int],
        update: bool = False,
        additive: bool = False,
        local: bool = False,
        victims: list[VictimFact] | None = None,
    ) -> None:
        self.field = field
        self.value = value
        self.qualifier = qualifier
        self.low = low
        self.high = high
        self.sentence = sentence
        self.number_span = number_span
        self.update = update
        self.additive = additive
        self.local = local
        self.victims = [] if victims is None else victims


@dataclass
class WaveCount:
    kind: str  # launched | intercepted
    weapon: str  # weapon class
    value: int | None
    qualifier: str
    low: int | None
    high: int | None
    sentence: Sentence
    number_span: tuple[int, int]
    over_place: int | None = None  # index of the place mention for "12 over Kursk region"
    all_of: bool = False  # "all of the drones were shot down": as many as were launched


# init=False and an __init__ of its own, as for `Mention`: a compiled build (docs/speed.md)
# compiles this one, where the dataclass-made one would run interpreted.
@dataclass(init=False)
class SentenceFrame:
    sentence: Sentence
    casualties: list[CasualtyFact] = field(default_factory=list)
    waves: list[WaveCount] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)
    site_positions: list[tuple[int, str]] = field(default_factory=list)
    claim: bool = False
    no_damage: bool = False  # "the mayor reported no damage"
    historical: bool = False
    hits: int = 0
    strong_hits: int = 0
    launches: int = 0
    intercepts: int = 0
    periods: list[str] = field(default_factory=list)
    weekdays: list[int] = field(default_factory=list)
    dates: list[tuple[int, int, int | None]] = field(default_factory=list)  # (month, day, year)
    month_named: bool = False  # a month word begins in the sentence
    total_scope: bool = False
    region_scope: bool = False
    vague_place: bool = False
    nearby: bool = False
    anaphora: bool = False

    def __init__(self, sentence: Sentence) -> None:
        self.sentence = sentence
        self.casualties = []
        self.waves = []
        self.weapons = []
        self.sites = []
        self.site_positions = []
        self.claim = False
        self.no_damage = False
        self.historical = False
        self.hits = 0
        self.strong_hits = 0
        self.launches = 0
        self.intercepts = 0
        self.periods = []
        self.weekdays = []
        self.dates = []
        self.month_named = False
        self.total_scope = False
        self.region_scope = False
        self.vague_place = False
        self.nearby = False
        self.anaphora = False


@dataclass(frozen=True)
class _Words:
    left: frozenset[str]
    right: frozenset[str]
    weapon_gap: frozenset[str]
    weapon_gap_endings: tuple[str, ...]
    determiners: frozenset[str]
    additive: frozenset[str]
    non_persons: frozenset[str]
    child_age_limit: int


@cache
def _stationed() -> tuple[frozenset[str], re.Pattern[str]]:
    """The launch verbs that may only station weapons, and what follows the weapon then:
    " (UAVs) at Nyala airport", " to an air base in Crimea"."""
    lex = load_lexicon("actions")["stationed"]
    sites = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in lex["sites"])
    return frozenset(lex["verbs"]), re.compile(
        r"\s*(?:\([^)]{0,20}\)\s*)?(?:at|to|in)\s+(?:the\s+|an?\s+)?"
        rf"(?:[\w'’-]+\s+){{0,3}}?(?:{sites})\b",
        re.IGNORECASE,
    )


@cache
def _words() -> _Words:
    lex = load_lexicon("framing")
    vic = load_lexicon("victims")
    return _Words(
        left=frozenset(lex["gaps"]["count_to_outcome"]),
        right=frozenset(lex["gaps"]["outcome_to_count"]),
        weapon_gap=frozenset(lex["gaps"]["count_to_weapon"]),
        weapon_gap_endings=tuple(lex["gaps"].get("count_to_weapon_endings", [])),
        determiners=frozenset(lex["victims"]["determiners"]),
        additive=frozenset(lex["gaps"]["additive"]),
        non_persons=frozenset(vic["non_persons"]["words"]),
        child_age_limit=int(vic["rules"]["child_age_limit"]),
    )


def _first_of(seg: str, markers: tuple[str, ...]) -> int:
    """Where the first of `markers` stands in `seg` (its length when none does)."""
    found = [i for i in (seg.find(m) for m in markers) if i >= 0]
    return min(found, default=len(seg))


def _gap_words(text: str, start: int, end: int, skip: list[tuple[int, int]]) -> list[str] | None:
    """Words between start and end, without the skipped spans; None when end < start."""
    if end < start:
        return None
    if not skip:
        return _WORD.findall(text[start:end].lower())
    pieces = []
    cursor = start
    for s, e in sorted(skip):
        if e <= start or s >= end:
            continue
        pieces.append(text[cursor : max(cursor, s)])
        cursor = max(cursor, e)
    pieces.append(text[cursor:end])
    return _WORD.findall(" ".join(pieces).lower())


_IGNORED_GAP_MARKS = frozenset(",()–—-\"“”«»‘")


def _only(
    words: list[str] | None, allowed: frozenset[str], limit: int, endings: tuple[str, ...] = ()
) -> bool:
    """Whether `words` hold at most `limit` words, each allowed, or a hyphenated word with
    one of `endings` ("Russia-launched")."""
    if words is None:
        return False
    # punctuation and quotation marks: "killed “three people, …”, the ministry said"
    content = [w for w in words if w not in _IGNORED_GAP_MARKS]
    return len(content) <= limit and all(
        w in allowed or (w.endswith(endings) and w[0] != "-") for w in content
    )


def _weapon_gap(words: list[str] | None, w: _Words) -> bool:
    """Whether the words between a count and a weapon noun leave the count the weapon's:
    "40 more attack drones", "29 Russia-launched drones"."""
    return _only(words, w.weapon_gap, 3, w.weapon_gap_endings)


def _grown_up_by_word(person: Mention) -> bool:
    """ "man", "woman": a grown-up by the word itself; "employee", "resident" leave the age
    open."""
    return bool(person.data.get("adult") and person.data.get("sex"))


def _figure_of(q: Quantity) -> tuple[int | None, str, int | None, int | None]:
    if q.value is None and q.low is not None and q.high is not None and not q.vague:
        # "between 15 and 20 drones": the low end is the figure, the high end its bound
        return q.low, "at_least", q.low, q.high
    return q.value, q.qualifier, q.low, q.high


# "among the 23 injured are seven children"
_AMONG_COUNTED_BEFORE = re.compile(
    r"\bamong\s+(?:the|those)\s+[\w,-]+\s+(?:people\s+)?(?:injured|wounded|hurt|dead|killed)\s+"
    r"(?:are|were|is|was|included|include)\s+$",
    re.IGNORECASE,
)
# between "was wounded" and "died": the wounding's circumstances, then "later", "but" …
_THEN_DIED_GAP = re.compile(
    r"[,\s]*(?:(?:in|during|by|at)\s+(?:the|an?)\s+[\w-]+(?:\s+[\w-]+)?[,\s]*)?"
    r"(?:(?:and|but|later|then|subsequently|has|had|eventually)[,\s]+)*"
)
_CASUALTY_TERM_KINDS = frozenset(("cas", "single", "zero", "among"))
# the kinds wave or casualty framing needs (with no weapon class from the sentence before)
_COUNTED_KINDS = _CASUALTY_TERM_KINDS | {"weapon", "subset"}


class _SentenceFramer:
    def __init__(
        self, text: str, sentence: Sentence, mentions: list[Mention], kinds: set[str]
    ) -> None:
        self.text = text
        self.sentence = sentence
        self.m = mentions
        self.kinds = kinds  # of the mentions: to skip the framings that cannot apply
        self.used: set[int] = set()  # ids of quantity mentions already used
        self.things: dict[int, bool] = {}  # by quantity id: whether it counts things
        self.by_kind: dict[str, list[Mention]] = {}  # `_of` one kind, gathered once
        self.w = _words()
        self.frame = SentenceFrame(sentence)

    # -- helpers -------------------------------------------------------------------------
    def _of(self, kind: str) -> list[Mention]:
        """The mentions of `kind`, in order (a list to read, not to change)."""
        found = self.by_kind.get(kind)
        if found is None:
            found = self.by_kind[kind] = [m for m in self.m if m.kind == kind]
        return found

    def _persons_between(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.m if m.kind in ("person", "pair") and start <= m.start < end]

    def _next_person(self, pos: int, limit_words: int = 2) -> Mention | None:
        for m in self.m:
            if m.kind == "person" and m.start >= pos:
                gap = _gap_words(self.text, pos, m.start, [])
                if (
                    gap is not None
                    and len(gap) <= limit_words
                    and all(w not in (",", ";") for w in gap)
                ):
                    return m
                return None
        return None

    def _qty_ok(self, q: Mention) -> bool:
        return id(q) not in self.used and q.kind == "qty" and not self._counts_things(q)

    def _counts_things(self, q: Mention) -> bool:
        """ "killing about 40 cows": a count of animals or objects, not of people."""
        known = self.things.get(id(q))
        if known is None:
            nxt = _WORD.findall(self.text[q.end : q.end + 24].lower())
            known = self.things[id(q)] = bool(nxt) and (
                nxt[0] in self.w.non_persons or " ".join(nxt[:3]) in self.w.non_persons
            )
        return known

    def _weapon_follows(self, q: Mention) -> bool:
        for m in self.m:
            if m.kind in ("weapon", "subset") and m.start >= q.end:
                gap = _gap_words(self.text, q.end, m.start, [])
                return _weapon_gap(gap, self.w)
        return False

    # -- casualties ----------------------------------------------------------------------
    def children_groups(self) -> list[tuple[Mention, Mention, tuple[int, int]]]:
        """ "including two children", "among them three minors", "two of them children"."""
        out = []
        for q in self._of("qty"):
            if not self._qty_ok(q):
                continue
            named = _OF_THEM_NAMED.match(self.text, q.end)
            if named and _COMMA_BEFORE.search(
                self.text[max(self.sentence.start, q.start - 3) : q.start]
            ):
                # "injured two people, one of them an 11-year-old boy": the one is a child
                person = self._next_person(named.end(), 2)
                if person is not None and (
                    person.label == "child" or self._aged_child_before(person)
                ):
                    out.append((q, person, (q.start, person.end)))
                    continue
            person = self._next_person(q.end, 3)
            if person is None or person.label != "child":
                continue
            before = self.text[max(self.sentence.start, q.start - 24) : q.start].lower()
            cue = _CHILD_GROUP_CUE.search(before) or _AMONG_COUNTED_BEFORE.search(
                self.text, max(self.sentence.start, q.start - 50), q.start
            )
            if cue and cue.re is _AMONG_COUNTED_BEFORE:
                out.append((q, person, (cue.start(), person.end)))
            elif cue:
                out.append((q, person, (q.start - len(before) + cue.start(), person.end)))
            elif _OF_THEM_GAP.fullmatch(self.text[q.end : person.start]) and _COMMA_BEFORE.search(
                self.text[max(self.sentence.start, q.start - 3) : q.start]
            ):
                # "62 people were wounded, 12 of them children"
                out.append((q, person, (q.start, person.end)))
        return out

    def single_child_groups(self) -> list[tuple[int, int]]:
        """ "including a child", "among them a 9-year-old boy": one child."""
        out = []
        for p in self._of("person"):
            if p.label != "child" and not self._aged_child_before(p):
                continue
            before = self.text[max(self.sentence.start, p.start - 40) : p.start].lower()
            if _SINGLE_CHILD_CUE.search(before):
                out.append((p.start, p.end))
        return out

    def casualty_terms(self) -> list[tuple[int, int, dict[str, set[str]]]]:
        """Casualty phrases grouped by span: {capability: {outcome}}."""
        groups: dict[tuple[int, int], dict[str, set[str]]] = {}
        for m in self.m:
            if m.kind in _CASUALTY_TERM_KINDS:
                if m.kind != "zero" and _NEGATED.search(self.text, max(0, m.start - 16), m.start):
                    continue  # "his father was not hurt": no casualty
                outcome, _, position = m.label.partition(":")
                cap = position if m.kind == "cas" else m.kind
                groups.setdefault((m.start, m.end), {}).setdefault(cap, set()).add(outcome)
        # drop terms inside a longer term ("killed" inside "killed and injured")
        spans = sorted(groups, key=lambda s: (s[0], -s[1]))
        kept: list[tuple[int, int]] = []
        for s in spans:
            if kept and s[0] >= kept[-1][0] and s[1] <= kept[-1][1]:
                continue
            kept.append(s)
        return [(s, e, groups[(s, e)]) for s, e in kept]

    def _add(
        self,
        fld: str,
        q: Mention,
        *,
        update: bool,
        additive: bool,
        victims: list[VictimFact] | None = None,
    ) -> CasualtyFact:
        value, qualifier, low, high = _figure_of(q.data)
        fact = CasualtyFact(
            fld,
            value,
            qualifier,
            low,
            high,
            self.sentence,
            q.span,
            update=update,
            additive=additive,
            victims=victims or [],
        )
        self.frame.casualties.append(fact)
        self.used.add(id(q))
        return fact

    def _no_child_among(self, made: CasualtyFact, persons: list[Mention]) -> None:
        """ "killed two men", "three women were injured": grown-ups by the word (not "two
        employees", whose ages the word leaves open), so no child among them."""
        if (
            persons
            and made.field in ("killed", "injured")
            and made.qualifier == "exact"
            and all(_grown_up_by_word(p) for p in persons)
        ):
            self.frame.casualties.append(
                CasualtyFact(
                    f"children_{made.field}", 0, "exact", 0, 0, self.sentence, made.number_span
                )
            )

    def _is_update(self, start: int, end: int) -> bool:
        clause = max(self.sentence.start, start - 60, self.text.rfind(";", 0, start) + 1)
        if _FIRST_FIGURE.search(self.text, clause, end):
            return False  # "the toll initially stood at four": the figure since replaced
        return (
            "update" in self.kinds
            and any(m.kind == "update" and start <= m.start < end for m in self.m)
        ) or bool(_TOLL.search(self.text[start:end]))

    def _additive(self, words: list[str] | None) -> bool:
        return bool(words) and any(w in self.w.additive for w in words or [])

    def frame_casualties(self) -> None:
        if self.kinds.isdisjoint(_CASUALTY_TERM_KINDS):
            return  # every casualty fact hangs on a casualty term
        s0, s1 = self.sentence.start, self.sentence.end
        child_groups = self.children_groups()
        child_skip = [g[2] for g in child_groups]
        child_qtys = {id(g[0]) for g in child_groups}
        terms = self.casualty_terms()
        qtys = [q for q in self._of("qty") if id(q) not in child_qtys]
        prev_end = s0
        for idx, (ts, te, caps) in enumerate(terms):
            next_start = terms[idx + 1][0] if idx + 1 < len(terms) else s1
            made: CasualtyFact | None = None
            made_enum = False
            if "zero" in caps:
                for outcome in caps["zero"]:
                    fields = ("killed", "injured") if outcome == "both" else (outcome,)
                    for fld in fields:
                        self.frame.casualties.append(
                            CasualtyFact(fld, 0, "exact", 0, 0, self.sentence, (ts, te))
                        )
                prev_end = te
                continue
            if "among" in caps:
                self._frame_among(ts, te, self._pick(caps["among"]), prev_end, next_start)
                prev_end = te
                continue
            # count before the outcome: "27 people were injured", "seven others wounded"
            if "after_count" in caps:
                for q in reversed([q for q in qtys if prev_end <= q.start and q.end <= ts]):
                    if not self._qty_ok(q) or self._weapon_follows(q):
                        continue
                    if self._enumerated_before(prev_end, q.start):
                        break
                    part = self._part_of(q, qtys)
                    if part is not None:
                        # "three of the four dead were in Odesa": the part is the fact here
                        self.used.add(id(q))
                        q = part
                    skip = [p.span for p in self._persons_between(q.end, ts)] + child_skip
                    # "Eleven people, including a pregnant woman, were wounded": inside the 11
                    skip += [
                        (m.start(), m.end())
                        for m in _INCLUDED_CLAUSE.finditer(self.text, q.end, ts)
                    ]
                    gap = _gap_words(self.text, q.end, ts, skip)
                    if gap in (["of", "the"], ["of", "those"], ["of", "them"]):
                        break  # "two of the wounded died": a part of a group, said later
                    if _only(gap, self.w.left, 8):
                        outcome = self._pick(caps["after_count"])
                        persons = self._persons_between(q.end, ts)
                        child = bool(persons) and all(p.label == "child" for p in persons)
                        fld = (
                            f"children_{outcome}" if child and outcome != "casualties" else outcome
                        )
                        made = self._add(
                            fld,
                            q,
                            update=self._is_update(prev_end, ts),
                            additive=self._additive(gap),
                        )
                        if fld == outcome:
                            self._no_child_among(made, persons)
                    break
            # count after the outcome: "killing 7", "the death toll rose to 11"
            if made is None and "before_count" in caps:
                for q in [q for q in qtys if te <= q.start < next_start]:
                    if not self._qty_ok(q) or self._weapon_follows(q):
                        continue
                    gap = _gap_words(self.text, te, q.start, [])
                    if _only(gap, self.w.right, 6) or self._toll_update(ts, te, q):
                        outcome = self._pick(caps["before_count"])
                        person = self._next_person(q.end, 2)
                        child = person is not None and person.label == "child"
                        fld = (
                            f"children_{outcome}" if child and outcome != "casualties" else outcome
                        )
                        made = self._add(
                            fld, q, update=self._is_update(ts, q.end), additive=self._additive(gap)
                        )
                        if person is not None and fld == outcome:
                            self._no_child_among(made, [person])
                    break
                if (
                    made is None
                    # "one of the wounded, a 70-year-old woman, died": a noun, not a verb
                    and not (
                        _NOMINAL_BEFORE.search(self.text, max(0, ts - 12), ts)
                        and self.text[te : te + 1] == ","
                    )
                    and (
                        not _PASSIVE_BEFORE.search(self.text, max(0, ts - 24), ts)
                        # "were killed — a man aged 68 and a woman aged 70 —": who they were
                        or _DETAIL_AFTER.match(self.text, te)
                    )
                    and (
                        not any(te <= q.start < next_start for q in qtys if self._qty_ok(q))
                        or _PERSON_FIRST.match(self.text, te)
                    )
                ):
                    # "injuring a 15-year-old boy and a 43-year-old man", "killed a couple and
                    # their four children"
                    outcome = self._pick(caps["before_count"])
                    if outcome != "casualties":
                        made_enum = self._frame_enumeration(
                            te, next_start, outcome, (ts, te), right=True
                        )
            # named victims: "a 40-year-old man was killed", "a couple in their 60s died"
            if (
                made is None
                and not made_enum
                and ("single" in caps or "after_count" in caps)
                # "carried a wounded child", "a dead body": an adjective, the words before
                # are no victim
                and not _ADJECTIVE_USE.search(self.text, max(s0, ts - 5), ts)
            ):
                outcome = self._pick(caps.get("single") or caps["after_count"])
                if outcome == "injured" and self._died_after(te, idx, terms):
                    outcome = "killed"  # "a worker, who was seriously injured, died later"
                if outcome != "casualties":
                    self._frame_enumeration(prev_end, ts, outcome, (ts, te))
            if made is not None:
                self._attach_children(made, child_groups, te, next_start)
                self._detail_of(made, ts, te, next_start)
                self._elided_parts(made, qtys, te, next_start)
            prev_end = te
        self._leftover_children(child_groups, terms)
        self._shared_qualifier()

    def _elided_parts(
        self, made: CasualtyFact, qtys: list[Mention], term_end: int, next_start: int
    ) -> None:
        """"killing three people in Kharkiv and two in Izium", "two were injured in Kyiv and
        one in Bucha": the outcome word left out before the next place's count is the first
        one's (each count goes with its place)."""
        if made.field not in ("killed", "injured"):
            return
        last = max(made.number_span[1], term_end)
        for q in qtys:
            if q.start <= last or q.start >= next_start:
                continue
            if id(q) in self.used or not self._qty_ok(q) or self._weapon_follows(q):
                break
            if not (
                _PLACE_THEN_JOIN.fullmatch(self.text, last, q.start)
                and _COUNT_IN_PLACE.match(self.text, q.end)
            ):
                break
            if next_start < self.sentence.end and not _CLAUSE_BREAK.search(
                self.text, q.end, next_start
            ):
                break  # "and 12 in the Donetsk region were wounded": its own outcome word
            self._add(made.field, q, update=False, additive=False)
            last = q.end

    def _died_after(
        self, te: int, idx: int, terms: list[tuple[int, int, dict[str, set[str]]]]
    ) -> bool:
        """The next term says the one just injured died: "who was wounded in the attack, later
        died in hospital" is one death, not an injury too."""
        if idx + 1 >= len(terms):
            return False
        ns, _, caps = terms[idx + 1]
        return "killed" in caps.get("single", ()) and bool(
            _THEN_DIED_GAP.fullmatch(self.text, te, ns)
        )

    def _shared_qualifier(self) -> None:
        """ "At least 38 civilians were killed and 210 injured": the bound covers the second
        figure too, which has no verb of its own ("and injuring 37" has, and keeps its own)."""
        facts = [f for f in self.frame.casualties if f.field in ("killed", "injured")]
        for a, b in itertools.pairwise(facts):
            if (
                a.qualifier in ("at_least", "more_than")
                and b.qualifier == "exact"
                and a.field != b.field
                and _ELLIPTIC_AND.fullmatch(self.text, a.number_span[1], b.number_span[0])
            ):
                b.qualifier, b.high = a.qualifier, None

    def _detail_of(self, made: CasualtyFact, ts: int, te: int, next_start: int) -> None:
        """ "Two people were killed — a man aged 68 and a woman aged 70 —": the detail names
        the victims of the figure; when it names all of them, their ages settle the children."""
        if made.field not in ("killed", "injured") or not _DETAIL_AFTER.match(self.text, te):
            return
        n = len(self.frame.casualties)
        if not self._frame_enumeration(te, next_start, made.field, (ts, te), right=True):
            return
        new = self.frame.casualties[n:]
        del self.frame.casualties[n:]
        whole = [f for f in new if f.field == made.field and f.value == made.value]
        if not whole:
            return
        made.victims = made.victims or whole[0].victims
        self.frame.casualties += [f for f in new if f.field == f"children_{made.field}"]

    def _leftover_children(
        self,
        groups: list[tuple[Mention, Mention, tuple[int, int]]],
        terms: list[tuple[int, int, dict[str, set[str]]]],
    ) -> None:
        """ "87 people were injured, 48 of them hospitalised, including 9 children": a group
        no figure took goes to the people figure before it; "seven of those killed were
        children" names its outcome."""
        for ts, te, caps in terms:
            q = next(
                (
                    q
                    for q in reversed(self._of("qty"))
                    if q.end < ts and _OF_THOSE.fullmatch(self.text, q.end, ts)
                ),
                None,
            )
            person = self._next_person(te, 4)
            if (
                q is None
                or id(q) in self.used
                or person is None
                or person.label != "child"
                or not _WERE.fullmatch(self.text, te, person.start)
                or not self._qty_ok(q)
            ):
                continue
            outcome = self._pick(set().union(*caps.values()))
            if outcome in ("killed", "injured"):
                self._add(f"children_{outcome}", q, update=False, additive=False)
        for q, _person, _span in groups:
            if id(q) in self.used:
                continue
            before = [
                f
                for f in self.frame.casualties
                if f.field in ("killed", "injured") and f.number_span[1] <= q.start
            ]
            if before and _INCLUDING.search(self.text, before[-1].number_span[1], q.start):
                fact = before[-1]
                self._add(f"children_{fact.field}", q, update=fact.update, additive=fact.additive)

    def _toll_update(self, ts: int, te: int, q: Mention) -> bool:
        """ "the death toll from Tuesday's strike on Odesa rose to 11": a toll phrase, then an
        update verb right before the number, in one clause."""
        if "toll" not in self.text[ts:te].lower() and "number of" not in self.text[ts:te].lower():
            return False
        between = self.text[te : q.start]
        if len(between) > 90 or any(c in between for c in ";"):
            return False
        for m in self.m:
            if m.kind == "update" and te <= m.start and m.end <= q.start:
                rest = _gap_words(self.text, m.end, q.start, [])
                if rest is not None and len(rest) <= 1:
                    return True
        return False

    def _part_of(self, q: Mention, qtys: list[Mention]) -> Mention | None:
        for p in qtys:
            if (
                p.end <= q.start
                and self._qty_ok(p)
                and _OF_THE_GAP.fullmatch(self.text[p.end : q.start])
            ):
                return p
        return None

    def _enumerated_before(self, start: int, qstart: int) -> bool:
        """A person named before the count and joined to it: "A mother and her two children"."""
        persons = [
            p
            for p in self.m
            if p.kind in ("person", "pair") and start <= p.start and p.end <= qstart
        ]
        if not persons:
            return False
        tail = self.text[persons[-1].end : qstart].lower()
        # (", and around 15 people were injured" starts a clause: a comma joins a list only
        # with a possessive, "a man, his wife and their two children")
        return bool(_JOINED_TAIL.fullmatch(tail))

    @staticmethod
    def _pick(outcomes: set[str]) -> str:
        for o in ("casualties", "killed", "injured"):
            if o in outcomes:
                return o
        return min(outcomes)

    def _count_children(self, start: int, end: int) -> int:
        """Children named in an enumeration: child nouns, or persons aged under 18."""
        seg = self.text[start:end]
        stop = _first_of(seg, (";", " who ", " when ", " both ", " all of "))
        n = 0
        for p in self._of("person"):
            if start <= p.start < start + stop and (
                p.label == "child" or self._aged_child_before(p)
            ):
                if p.data["plural"]:
                    return 0  # "children" with no number: not countable here
                n += 1
        persons = self._of("person")
        for a in self._of("age"):
            q: Quantity = a.data
            if (
                start <= a.start < start + stop
                and q.text.lower().endswith("old")
                and self._child_age(q)
                and _A_OR_ONE_BEFORE.search(self.text[max(start, a.start - 5) : a.start])
                and not any(0 <= p.start - a.end <= 3 for p in persons)
            ):
                n += 1  # "including a 12-year-old": a child, named by the age alone
        return n

    def _aged_child_before(self, p: Mention) -> bool:
        for a in self._of("age"):
            if 0 <= p.start - a.end <= 3:
                return self._child_age(a.data)
        return False

    def _child_age(self, q: Quantity) -> bool:
        """An age under the child limit, not a decade ("in their 60s")."""
        return q.age_years is not None and q.age_years < self.w.child_age_limit and not q.decade

    def _attach_local_parts(self, fact: CasualtyFact, before: int) -> None:
        """ "killed 45 people across Gaza, including 12 in Khan Younis": the part in a named
        place is that place's figure."""
        m = _LOCAL_PART.search(self.text, fact.number_span[1], before)
        while m is not None:
            q = next((x for x in self._of("qty") if x.start == m.start("n")), None)
            if q is None or not self._qty_ok(q):
                break
            part = self._add(fact.field, q, update=False, additive=False)
            part.local = True
            # "… and two in Odesa": the list goes on
            m = _MORE_LOCAL_PART.match(self.text, q.end, before)

    def _attach_children(self, fact: CasualtyFact, groups, after: int, before: int) -> None:
        self._attach_local_parts(fact, before)
        if fact.field not in ("killed", "injured"):
            return
        cue = _INCLUDING.search(self.text, fact.number_span[1], before) or _DETAIL.match(
            self.text, fact.number_span[1]
        )
        if cue is not None and not any(
            id(q) not in self.used and cue.end() <= q[0].start < before for q in groups
        ):
            kids = self._count_children(cue.end(), before)
            if kids:
                self.frame.casualties.append(
                    CasualtyFact(
                        f"children_{fact.field}",
                        kids,
                        "exact",
                        kids,
                        kids,
                        self.sentence,
                        (cue.start(), before),
                        update=fact.update,
                        additive=fact.additive,
                    )
                )
        for q, _person, _span in groups:
            if id(q) in self.used:
                continue
            if fact.number_span[0] - 60 <= q.start < before:
                self._add(f"children_{fact.field}", q, update=fact.update, additive=fact.additive)

    def _frame_among(self, ts: int, te: int, outcome: str, prev_end: int, next_start: int) -> None:
        # "two children were among the dead" / "children were among the injured"
        left = [m for m in self.m if prev_end <= m.start < ts and m.kind in ("qty", "person")]
        persons = [m for m in left if m.kind == "person"]
        named = [
            p
            for p in persons
            if not p.data["plural"]
            and re.search(
                r"\b(?:an?|one|the|her|his|their)\s+(?:[\w-]+\s+){0,2}$",
                self.text[max(prev_end, p.start - 30) : p.start],
                re.IGNORECASE,
            )
        ]
        # "A 9-year-old girl was among those injured": one person, counted as a part
        n = len(self.frame.casualties)
        if (
            named
            and outcome in ("killed", "injured")
            and self._frame_enumeration(prev_end, ts, outcome, (ts, te))
        ):
            for fact in self.frame.casualties[-2:]:
                if fact.field == outcome:
                    fact.qualifier, fact.high = "at_least", None
            # the named are some of the dead: their being adults says nothing of the rest
            self._drop_zero_children(n)
            return
        if persons and persons[-1].label == "child" and outcome != "casualties":
            qs = [
                q
                for q in left
                if q.kind == "qty" and q.end <= persons[-1].start and self._qty_ok(q)
            ]
            fld = f"children_{outcome}"
            if qs:
                self._add(fld, qs[-1], update=False, additive=False)
            else:
                p = persons[-1]
                self.frame.casualties.append(
                    CasualtyFact(fld, None, "at_least", 1, None, self.sentence, p.span)
                )
            return
        # "Two police officers were among the wounded": a part of the people hurt
        counted = [
            q
            for q in left
            if q.kind == "qty" and self._qty_ok(q) and persons and q.end <= persons[-1].start
        ]
        if counted and outcome in ("killed", "injured"):
            fact = self._add(outcome, counted[-1], update=False, additive=False)
            fact.qualifier, fact.high = "at_least", None
            return
        # "Among the dead were a 36-year-old mother, her baby and a 12-year-old girl"
        if outcome in ("killed", "injured"):
            right_qty = [
                q for q in self._of("qty") if te <= q.start < next_start and self._qty_ok(q)
            ]
            if right_qty:
                person = self._next_person(right_qty[0].end, 2)
                if person is not None and person.label == "child":
                    self._add(f"children_{outcome}", right_qty[0], update=False, additive=False)
                    return
            n = len(self.frame.casualties)
            if self._frame_enumeration(te, next_start, outcome, (ts, te), right=True):
                # "among" names some of the dead: adults named say nothing of the others
                self._drop_zero_children(n)
                if "includ" in self.text[ts:te].lower():
                    # "the dead included a girl": some of the dead, the count of children open
                    for f in self.frame.casualties[n:]:
                        if f.field.startswith("children_"):
                            f.qualifier, f.high = "at_least", None

    def _drop_zero_children(self, n: int) -> None:
        """Forget the "no child among them" facts framed since casualties[n]."""
        self.frame.casualties[n:] = [
            f
            for f in self.frame.casualties[n:]
            if not (f.field.startswith("children_") and f.value == 0)
        ]

    def _frame_enumeration(
        self, start: int, end: int, outcome: str, term: tuple[int, int], right: bool = False
    ) -> bool:
        """Count named victims in text[start:end]: persons, pairs, counted persons, ages."""
        window = [
            m
            for m in self.m
            if start <= m.start and m.end <= end and m.kind in ("person", "pair", "qty", "age")
        ]
        if not right:
            # the subject ends at the verb; start after the last clause break
            seg = self.text[start:end]
            cut = max(
                seg.rfind(";"),
                seg.rfind(" when "),
                seg.rfind(" after "),
                seg.rfind(" and "),
                seg.rfind(" while "),
                seg.rfind(" as "),
            )
            if cut >= 0 and seg[cut : cut + 5] == " and ":
                # keep "a man and his son" together: only cut at "and" after a verb
                cut = max(
                    seg.rfind(";"), seg.rfind(" when "), seg.rfind(" after "), seg.rfind(" while ")
                )
            if cut >= 0:
                window = [m for m in window if m.start >= start + cut]
        else:
            # stop at the end of the noun phrase list
            seg = self.text[start:end]
            stop = _first_of(seg, (" when ", " who ", ";", " after ", " while ", " but "))
            said = _ATTRIBUTION.search(seg)
            if said is not None:
                stop = min(stop, said.start())  # "…, aged 2, 5 and 9, relatives said"
            window = [m for m in window if m.end <= start + stop]
        # "four members of one family — a married couple and their two children — were
        # killed": the part between dashes details the group before it, it adds no one
        head, detail = self._split_detail(window)
        victims, count, exact, used_q = self._count_victims(head, start, outcome)
        if not right and _PARTITIVE.search(self.text, start, term[0]):
            exact = False  # "one of them, a 31-year-old man, is in serious condition": a part
        if detail:
            d_victims, d_count, d_exact, d_used = self._count_victims(detail, start, outcome)
            used_q += d_used
            if not victims or (d_exact and d_count == count):
                victims, count, exact = d_victims or victims, d_count or count, d_exact
            elif any(v.child for v in d_victims):
                extra = sum(1 for v in d_victims if v.child) - sum(1 for v in victims if v.child)
                victims = victims + [v for v in d_victims if v.child][: max(0, extra)]
        return self._enumerated(victims, count, exact, used_q, start, term, outcome, right)

    def _split_detail(self, window: list[Mention]) -> tuple[list[Mention], list[Mention]]:
        counted = [m for m in window if m.kind in ("qty", "pair", "person")]
        if not counted:
            return window, []
        first_end = counted[0].end
        last = window[-1].end
        mark = re.search(
            r"\s[—–]\s|\s--\s|\s\(|:\s|,?\s+(?:including|among\s+them)\s",
            self.text[first_end:last],
        )
        if mark is None:
            return window, []
        cut = first_end + mark.start()
        return [m for m in window if m.start < cut], [m for m in window if m.start >= cut]

    def _count_victims(
        self, window: list[Mention], start: int, outcome: str
    ) -> tuple[list[VictimFact], int, bool, list[Mention]]:
        victims: list[VictimFact] = []
        count = 0
        exact = True
        pending_age: Mention | None = None
        last_group: list[VictimFact] = []
        used_q: list[Mention] = []
        i = 0
        while i < len(window):
            m = window[i]
            if m.kind == "age":
                nxt = window[i + 1] if i + 1 < len(window) else None
                q_age: Quantity = m.data
                noun_after = (
                    nxt is not None and nxt.kind in ("person", "pair") and (nxt.start - m.end <= 3)
                )
                if (
                    not noun_after
                    and q_age.text.lower().endswith("old")
                    and re.search(
                        r"\b(?:an?|the|one)\s+$", self.text[max(0, m.start - 6) : m.start]
                    )
                ):
                    # "killed a 17-year-old": the age is the person
                    v = VictimFact(outcome, False, None, None, None, m.span)
                    self._set_age(v, q_age)
                    victims.append(v)
                    last_group = [v]
                    count += 1
                    i += 1
                    continue
                # "a 12-year-old girl": the age goes with the noun after it
                before_noun = (
                    nxt is not None
                    and nxt.kind in ("person", "pair")
                    and nxt.start - m.end <= 3
                    and m.data.text.lower().endswith("old")
                )
                if (
                    not before_noun
                    and last_group
                    and last_group[-1].age is None
                    and not pending_age
                    and m.start - last_group[-1].span[1] <= 12
                ):
                    for v in last_group:  # "a couple in their 60s": both
                        self._set_age(v, m.data)
                else:
                    pending_age = m
            elif m.kind == "qty":
                nxt = window[i + 1] if i + 1 < len(window) else None
                if re.search(r"\bof\s+$", self.text[max(0, m.start - 4) : m.start]):
                    i += 2 if nxt is not None and nxt.kind == "person" else 1
                    continue  # "members of one family": no one more
                if nxt is not None and nxt.kind == "person" and self._qty_ok(m):
                    q: Quantity = m.data
                    if q.value is None:
                        exact = False
                    else:
                        child = nxt.label == "child"
                        last_group = [
                            VictimFact(
                                outcome,
                                child,
                                nxt.data["sex"],
                                None,
                                None,
                                (m.start, nxt.end),
                                # counted groups ("two employees") are not named people: the
                                # annotators leave their children figure open, but "two men"
                                # and "two women" are grown-ups by the word itself
                                adult=_grown_up_by_word(nxt),
                            )
                            for _ in range(min(q.value, 50))
                        ]
                        victims.extend(last_group)
                        count += q.value
                    used_q.append(m)
                    i += 2
                    continue
            elif m.kind == "pair":
                last_group = [
                    VictimFact(outcome, False, None, None, None, m.span, adult=m.data["adult"])
                    for _ in range(m.data["count"])
                ]
                victims.extend(last_group)
                count += m.data["count"]
                if pending_age is not None:
                    for v in victims[-m.data["count"] :]:
                        self._set_age(v, pending_age.data)
                    pending_age = None
            elif m.kind == "person":
                before = _gap_words(self.text, max(start, m.start - 16), m.start, [])
                # "a worker", "a farm worker", "an off-duty soldier"
                words = before or []
                det = bool(words) and (
                    words[-1] in self.w.determiners
                    or (len(words) >= 2 and words[-2] in self.w.determiners)
                )
                aged = pending_age is not None and m.start - pending_age.end <= 12
                # "a man and woman": the determiner goes with both nouns
                det = det or (
                    not m.data["plural"]
                    and len(last_group) == 1
                    and self.text[last_group[0].span[1] : m.start].strip() == "and"
                )
                if m.data["plural"] and not aged:
                    exact = False if not det else exact
                    i += 1
                    continue
                if not (det or aged):
                    i += 1
                    continue
                if (
                    last_group
                    and len(last_group) == 1
                    # a role named, then who it was: "the driver, a man, died" — not a
                    # list of people ("a man, a woman and a child", "a nurse, a patient")
                    and last_group[0].sex is None
                    and not last_group[0].child
                    and (m.data["sex"] is not None or m.label == "child")
                    and not _LIST_GOES_ON.match(self.text, m.end)
                    and re.fullmatch(
                        r",\s*(?:an?|the)\s+(?:[\w-]+\s+){0,2}",
                        self.text[last_group[0].span[1] : m.start],
                    )
                ):
                    # "the driver, a man, died": one person named twice
                    if last_group[0].sex is None:
                        last_group[0].sex = m.data["sex"]
                    last_group[0].child = last_group[0].child or m.label == "child"
                    last_group[0].adult = last_group[0].adult or m.data["adult"]
                    i += 1
                    continue
                v = VictimFact(
                    outcome,
                    m.label == "child",
                    m.data["sex"],
                    None,
                    None,
                    m.span,
                    adult=m.data["adult"],
                )
                if aged and pending_age is not None:
                    self._set_age(v, pending_age.data)
                    pending_age = None
                victims.append(v)
                last_group = [v]
                count += 1
            i += 1
        return victims, count, exact, used_q

    def _enumerated(
        self,
        victims: list[VictimFact],
        count: int,
        exact: bool,
        used_q: list[Mention],
        start: int,
        term: tuple[int, int],
        outcome: str,
        right: bool,
    ) -> bool:
        if not victims and not right:
            tail = _gap_words(self.text, max(start, term[0] - 20), term[0], [])
            if tail and tail[-1] in ("another", "one"):
                victims.append(VictimFact(outcome, False, None, None, None, term))
                count = 1
        if not victims:
            return False
        if len(victims) == 1 and not right:
            self._apposition(victims[0], term[1])
        for used in used_q:
            self.used.add(id(used))
        span = (
            min(term[0], *(v.span[0] for v in victims)),
            max(term[1], *(v.span[1] for v in victims)),
        )
        children = sum(1 for v in victims if v.child)
        qualifier = "exact" if exact else "at_least"
        self.frame.casualties.append(
            CasualtyFact(
                outcome, count, qualifier, count, None, self.sentence, span, victims=victims
            )
        )
        if children or (exact and all(v.child or v.adult for v in victims)):
            # every victim a known grown-up ("a 40-year-old man", "a driver"): no child;
            # "a neighbour" or "a passer-by" leaves the children figure open
            self.frame.casualties.append(
                CasualtyFact(
                    f"children_{outcome}",
                    children,
                    qualifier,
                    children,
                    None if not exact else children,
                    self.sentence,
                    span,
                )
            )
        return True

    def _apposition(self, victim: VictimFact, after: int) -> None:
        """ "One person was killed, an elderly man who …": the noun after the verb says who."""
        for m in self.m:
            if m.start < after or m.kind not in ("person", "age"):
                continue
            if not _APPOSITION.fullmatch(self.text, after, m.start):
                return
            if m.kind == "age":
                self._set_age(victim, m.data)
                continue
            victim.child = victim.child or m.label == "child"
            victim.adult = victim.adult or m.data["adult"]
            victim.sex = victim.sex or m.data["sex"]
            return

    def _set_age(self, v: VictimFact, q: Quantity) -> None:
        v.age = q.age_years
        v.age_months = q.age_months
        if q.age_years is not None and not q.decade:
            v.child = q.age_years < self.w.child_age_limit
        if q.age_years is not None:
            v.adult = q.age_years >= self.w.child_age_limit

    # -- waves ---------------------------------------------------------------------------
    def frame_waves(self, previous_class: str | None = None) -> None:
        if not previous_class and self.kinds.isdisjoint(("weapon", "subset")):
            return  # no weapon counted here, nor one the sentence before counted
        actions = [m for m in self.m if m.kind in ("launch", "intercept", "lost")]
        weapons = [m for m in self.m if m.kind in ("weapon", "subset")]
        if not weapons and not previous_class:
            return
        has_attack_cue = (
            bool(actions)
            or "hit" in self.kinds
            # "- 6 Kh-101 cruise missiles;" under "- 3 Iskander-M missiles, launched from …"
            or (
                previous_class is not None
                and (
                    _LIST_ITEM.match(self.text, self.sentence.start) is not None
                    # "The missiles included nine Iskander-Ms and 15 Kh-101s."
                    or _MADE_UP_OF.search(self.text, self.sentence.start, self.sentence.end)
                    is not None
                )
            )
        )
        # "Russia launched 100 drones. Air defences shot down 80 of them."
        last_cls: str | None = previous_class
        qtys = [q for q in self._of("qty") if self._qty_ok(q)]
        for qi, q in enumerate(qtys):
            if not self._qty_ok(q):
                continue
            if _HITS_OF.search(self.text, max(self.sentence.start, q.start - 12), q.start):
                continue  # "hits of two ballistic missiles were recorded": neither fired nor downed
            cls = None
            wm = None
            for w in weapons:
                if w.start >= q.end:
                    gap = _gap_words(self.text, q.end, w.start, [])
                    if _weapon_gap(gap, self.w):
                        cls, wm = w.label, w
                    break
            low = self.text[q.end : q.end + 40].lower()
            # (both patterns, and the "of the" one below, need an "of")
            has_of = "of" in low
            of_them = _OF_THEM_LOW.match(low) if has_of else None
            # "of which 15 were ballistic", "45 missiles, 32 of them ballistic"
            of_which = _OF_WHICH_LOW.match(low) if has_of else None
            if of_which:
                sub = of_which.group(1)
                lex = load_lexicon("weapons")["subset_words"]
                if sub in lex:
                    cls = lex[sub]
                else:
                    of_which = None  # "four of them in a grave condition": no weapon part
            if (
                cls is None
                and last_cls
                # ("… and that 85 had been shot down"; "Fifty-two were shot down" after a
                # sentence that counted the drones)
                and (qi > 0 or q.start - self.sentence.start <= 2)
                and _BARE_COUNT_VERB.match(self.text, q.end)
                and any(a.kind == "intercept" and a.start >= q.end for a in actions)
            ):
                # "112 drones had been launched … and that 85 had been shot down"
                cls = last_cls
            if (
                cls is None
                and last_cls
                and (
                    of_them
                    or _OF_WHICH_BEFORE.search(
                        self.text[max(self.sentence.start, q.start - 20) : q.start]
                    )
                )
            ):
                # "93 drones, of which 71 were shot down"
                cls = last_cls
            subset = bool(of_which)
            if wm is not None:
                # "two of the missiles were Iskander-M ballistic missiles": the subset class
                for w2 in weapons:
                    if w2.start > wm.end:
                        if (
                            has_of
                            and _WERE_GAP.fullmatch(self.text[wm.end : w2.start])
                            and _OF_THE_LOW.match(low)
                        ):
                            cls = w2.label
                            subset = True
                        break
            # "61 of 87 drones": the first number is intercepted, the second launched
            if cls is None and qi + 1 < len(qtys):
                nxt = qtys[qi + 1]
                between = self.text[q.end : nxt.start].strip().lower()
                if between in ("of", "of the", "of all", "out of", "out of the"):
                    for w in weapons:
                        if w.start >= nxt.end:
                            gap = _gap_words(self.text, nxt.end, w.start, [])
                            if _weapon_gap(gap, self.w):
                                cls = w.label
                            break
                    all_but = _ALL_BUT_BEFORE.search(
                        self.text, max(self.sentence.start, q.start - 12), q.start
                    )
                    if cls is not None and all_but:
                        # "all but two of the 30 drones": 28 were downed, 30 came
                        self._all_but(q, nxt, all_but.start(), cls)
                        last_cls = cls
                        continue
                    if cls is not None:
                        self._wave(q, "intercepted", cls)
                        self._wave(nxt, "launched", cls)
                        last_cls = cls
                        continue
            if cls is None:
                continue
            if cls not in _wave_classes():
                continue
            kind = self._action_for(q, actions, has_attack_cue or subset, wm)
            if kind is None:
                continue
            if kind == "launched" and q.data.value == 1 and not actions:
                continue  # "one drone struck an installation": a hit, known by its damage
            self._wave(q, kind, cls)
            if kind == "intercepted" and _ALL_BEFORE.search(
                self.text, max(self.sentence.start, q.start - 16), q.start
            ):
                # "shot down all 29 drones", "all 30 missiles were destroyed": as many came
                self._wave(q, "launched", cls)
            last_cls = cls if wm is not None else last_cls
        self._article_counts(actions, weapons, previous_class)

    def _article_counts(
        self, actions: list[Mention], weapons: list[Mention], previous_class: str | None
    ) -> None:
        """Weapons counted by an article, never by a figure: "six guided bombs and a
        missile", "the group launched a drone at Eilat", "both missiles were intercepted",
        "the drone was brought down" (the one launched just before)."""
        counted = {w.weapon for w in self.frame.waves}
        intercepted = [a for a in actions if a.kind == "intercept"]
        for w in weapons:
            cls = w.label
            if cls not in _wave_classes() or w.kind != "weapon":
                continue
            art = _ARTICLE_BEFORE.search(self.text, max(self.sentence.start, w.start - 24), w.start)
            if art is None or any(
                wc.number_span[0] <= w.start <= wc.number_span[1] + 30 and wc.weapon == cls
                for wc in self.frame.waves
            ):
                continue
            word = art.group("art").lower()
            if word != "the" and " of " in self.text[art.end("art") - 1 : w.start]:
                continue  # "a barrage of rockets", "a swarm of drones": no count
            if (
                word == "the"
                and _ALL_BEFORE.search(self.text, max(self.sentence.start, art.start() - 8),
                                       art.start())
                and any(a.start >= w.end and a.start - w.end <= 30 for a in intercepted)
            ):
                # "All of the drones were shot down": the launched count, whatever it was
                self.frame.waves.append(
                    WaveCount(
                        "intercepted", cls, None, "exact", None, None, self.sentence,
                        (art.start(), w.end), all_of=True,
                    )
                )
                continue
            value = 2 if word == "both" else 1
            # coordinated with a counted weapon: "six guided bombs and a missile", "brought
            # down 91 of the drones and both Kh-59s"
            after_count = [
                wc
                for wc in self.frame.waves
                if 0 < art.start() - wc.number_span[1] <= 40
                and _AND_BEFORE.search(self.text[wc.number_span[1] : art.start()])
            ]
            if word == "both" and after_count:
                kind = after_count[-1].kind
            elif word in ("a", "an", "one"):
                if cls in counted:
                    continue
                if after_count:
                    kind = after_count[-1].kind
                elif (
                    _LAUNCHED_BEFORE.search(
                        self.text, max(self.sentence.start, art.start() - 40), art.start()
                    )
                    or _LAUNCHED_AFTER.match(self.text, w.end)
                ) and _AIMED_AT.match(self.text, w.end):
                    # aimed at somewhere: "a start-up launched a small interceptor drone" is
                    # a product, not an attack
                    kind = "launched"  # "launched a drone at", "a missile had been launched"
                else:
                    continue
            else:  # the / both: an interception of what was launched
                if not any(a.start >= w.end and a.start - w.end <= 30 for a in intercepted):
                    continue
                if word == "the" and previous_class != cls:
                    continue
                kind = "intercepted"
            self.frame.waves.append(
                WaveCount(
                    kind, cls, value, "exact", value, value, self.sentence, (art.start(), w.end)
                )
            )

    def _action_for(
        self, q: Mention, actions: list[Mention], attack_cue: bool, weapon: Mention | None = None
    ) -> str | None:
        if _PART_OF_BEFORE.search(self.text[max(self.sentence.start, q.start - 30) : q.start]):
            return "launched"  # "intercepted most of the 40 rockets": 40 were fired
        if weapon is not None and not any(a.end <= q.start for a in actions):
            # "40 rockets fired by Hezbollah", "drones launched from Kursk": the participle
            # right after the weapon says what the number is (unless a verb before governs
            # it: "intercepted two missiles launched from Yemen")
            for a in actions:
                if a.start >= weapon.end:
                    gap = _gap_words(self.text, weapon.end, a.start, [])
                    if a.kind == "launch" and gap is not None and len(gap) <= 1:
                        return "launched"
                    break
        before = [a for a in actions if a.end <= q.start]
        after = [a for a in actions if a.start >= q.end]
        stationing_verbs, stationed_at = _stationed()
        if (
            weapon is not None
            and before
            and self.text[before[-1].start : before[-1].end].lower() in stationing_verbs
            and stationed_at.match(self.text, weapon.end, self.sentence.end)
        ):
            return None  # "had deployed 43 drones at Nyala airport": where they stand
        # "of them, 380 were shot down": a following passive intercept verb is closest
        if after and after[0].kind == "lost":
            gap = _gap_words(self.text, q.end, after[0].start, [])
            between_q = any(m.kind == "qty" and q.end <= m.start < after[0].start for m in self.m)
            if gap is not None and len(gap) <= 6 and not between_q and ";" not in gap:
                return None  # "25 decoys were locally lost": neither launched nor downed
        if after and after[0].kind == "intercept":
            gap = _gap_words(self.text, q.end, after[0].start, [])
            between_q = any(m.kind == "qty" and q.end <= m.start < after[0].start for m in self.m)
            if gap is not None and len(gap) <= 5 and not between_q:
                return "intercepted"
        if before:
            a = before[-1]
            if a.kind == "lost":
                return None
            return "intercepted" if a.kind == "intercept" else "launched"
        if after:
            if after[0].kind == "lost":
                return None
            if after[0].kind == "intercept" and any(
                m.kind == "qty"
                and q.end <= m.start < after[0].start
                and _OF_THEM_AFTER.match(self.text, m.end)
                for m in self.m
            ):
                # "five drones approached … and three of them were shot down": the five came
                return "launched"
            return "intercepted" if after[0].kind == "intercept" else "launched"
        return "launched" if attack_cue else None

    def _all_but(self, q: Mention, whole: Mention, start: int, cls: str) -> None:
        """ "downed all but two of the 30 drones": the downed figure is the difference, its
        evidence the whole phrase; the launched figure is the second number."""
        missed, came = q.data.value, whole.data.value
        if missed is not None and came is not None and 0 <= missed <= came:
            downed = came - missed
            self.frame.waves.append(
                WaveCount(
                    "intercepted", cls, downed, "exact", downed, downed, self.sentence,
                    (start, whole.end),
                )
            )
        self.used.add(id(q))
        self._wave(whole, "launched", cls)

    def _wave(self, q: Mention, kind: str, cls: str) -> None:
        value, qualifier, low, high = _figure_of(q.data)
        self.frame.waves.append(
            WaveCount(kind, cls, value, qualifier, low, high, self.sentence, q.span)
        )
        self.used.add(id(q))


# -- everything else ---------------------------------------------------------------------
@cache
def _generic_other() -> frozenset[str]:
    return frozenset(load_lexicon("sites")["generic_other"]["words"])


def _annotate(f: SentenceFrame, mentions: list[Mention]) -> None:
    """What the sentence's words say beside counts: weapons, sites, claims, hits, periods…"""
    for m in mentions:
        if m.kind == "weapon":
            f.weapons.append(m.label)
        elif m.kind == "site":
            # a generic "other" word ("a building") yields to a precise class at its place
            label = "generic" if m.label == "other" and m.data in _generic_other() else m.label
            f.sites.append(label)
            f.site_positions.append((m.start, label))
        elif m.kind == "claim":
            f.claim = True
        elif m.kind == "nodamage":
            f.no_damage = True
        elif m.kind == "hit":
            f.hits += 1
            if m.label == "strong":
                f.strong_hits += 1
        elif m.kind == "launch":
            f.launches += 1
        elif m.kind == "intercept":
            f.intercepts += 1
        elif m.kind == "period":
            f.periods.append(m.label)
            # "late Tuesday", "early on Sunday": the day inside the period phrase
            for word in str(m.data).split():
                if word in _weekdays():
                    f.weekdays.append(_weekdays()[word])
        elif m.kind == "weekday":
            f.weekdays.append(int(m.label))
        elif m.kind == "total":
            f.total_scope = True
        elif m.kind == "region":
            f.region_scope = True
        elif m.kind == "vague":
            f.vague_place = True
        elif m.kind == "nearby":
            f.nearby = True
        elif m.kind == "anaphora":
            f.anaphora = True


# "since Israel resumed its offensive on Tuesday": a tally over several days
_SINCE_EVENT = re.compile(
    r"\bsince\b(?:\s+[\w'’-]+){0,6}?\s+(?:began|resumed|started|launched|broke\s+out|"
    r"escalated|erupted|collapsed)\b",
    re.IGNORECASE,
)
# "As Ukrinform reported, the city is restoring a dormitory hit by a drone": an earlier story
_AS_REPORTED = re.compile(
    r"As\s+(?:(?:[A-Z][\w.-]*|we|the\s+agency)\s+){1,3}(?:previously\s+|earlier\s+|already\s+)?"
    r"(?:reported|wrote)\b|As\s+(?:previously\s+|earlier\s+|already\s+)?reported\b"
)
_RUNNING_TOTAL = re.compile(
    r"\b(?:bringing|raising|taking|pushing)\s+the\s+(?:overall\s+|cumulative\s+|total\s+)?"
    r"(?:total|toll|death\s+toll|number)\b(?=[^.;]*\b(?:since|to\s+date|so\s+far|overall|"
    r"war|conflict)\b)",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_MONTH_HINT = re.compile(rf"\b(?:{'|'.join(MONTH_HINTS)})", re.IGNORECASE)


@cache
def _date_regex() -> tuple[re.Pattern[str], dict[str, int]]:
    months = {k.lower(): int(v) for k, v in load_lexicon("times")["months"].items()}
    # as a trie: a flat alternation of the names is tried name by name at every position
    names = literal_trie(months)
    # "12 July", "12 July 2025", "July 12", "July 12, 2025"
    rx = re.compile(
        rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{names})\.?"
        rf"|(?P<m2>{names})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b)(?:,?\s+(?P<y>(?:19|20)\d\d))?",
        re.IGNORECASE,
    )
    return rx, months


def find_dates(text: str, start: int, end: int) -> list[tuple[int, int, int | None]]:
    rx, months = _date_regex()
    out: list[tuple[int, int, int | None]] = []
    if _DIGIT.search(text, start, end) is None:
        return out  # every date has its day in digits
    for m in rx.finditer(text, start, end):
        month = months[(m.group("m1") or m.group("m2")).lower()]
        day = int(m.group("d1") or m.group("d2"))
        year = int(m.group("y")) if m.group("y") else None
        if 1 <= day <= 31:
            out.append((month, day, year))
    return out


@cache
def _weekdays() -> dict[str, int]:
    return {k.lower(): int(v) for k, v in load_lexicon("times")["weekdays"].items()}


@cache
def _wave_classes() -> frozenset[str]:
    return frozenset(load_lexicon("weapons")["wave_classes"]["classes"])


_FRAMED_KINDS = frozenset(
    (
        "qty",
        "cas",
        "single",
        "zero",
        "among",
        "weapon",
        "subset",
        "site",
        "launch",
        "intercept",
        "hit",
        "period",
        "weekday",
        "total",
        "region",
        "vague",
        "nearby",
        "cumulative",
    )
)


def frame_sentence(
    text: str,
    sentence: Sentence,
    mentions: list[Mention],
    previous_class: str | None = None,
    month_hint: bool | None = None,
) -> SentenceFrame:
    """Facts of one sentence. Wave counts are framed first so "405 drones" is never a toll.
    `previous_class` is the weapon class the sentence before counted ("… 80 of them").
    `month_hint`: whether a word of MONTH_HINTS begins in the sentence, when the caller
    has looked for them in the whole text at once."""
    kinds = {m.kind for m in mentions}
    if kinds.isdisjoint(_FRAMED_KINDS):
        return SentenceFrame(sentence)  # nothing here can make a fact or a cue
    framer: _SentenceFramer | None = None
    if previous_class or not kinds.isdisjoint(_COUNTED_KINDS):
        framer = _SentenceFramer(text, sentence, mentions, kinds)
        frame = framer.frame
    else:
        # nothing to count here and no weapon counted before (wave and casualty framing
        # would return at once): the words only annotate the frame, no framer needed
        frame = SentenceFrame(sentence)
    _annotate(frame, mentions)
    if month_hint is None:
        month_hint = _MONTH_HINT.search(text, sentence.start, sentence.end) is not None
    if month_hint:
        frame.dates = find_dates(text, sentence.start, sentence.end)
    if framer is not None:
        framer.frame_waves(previous_class)
        framer.frame_casualties()
    low = text[sentence.start : sentence.end].lower()
    running = (
        _RUNNING_TOTAL.search(text, sentence.start, sentence.end)
        # (an `or` chain: far quicker than any() over a generator)
        if "bringing" in low or "raising" in low or "taking" in low or "pushing" in low
        else None
    )
    not_harm = [m.start for m in mentions if m.kind == "notharm"] if "notharm" in kinds else []
    if running is not None:
        # "72 were killed in the past day, bringing the total since 2023 to 61,000": the day's
        # figures stand, the running total does not
        frame.casualties = [f for f in frame.casualties if f.number_span[0] < running.start()]
    elif not_harm and _another_group_hurt_otherwise(text, frame.casualties, not_harm[0]):
        # "treated 64 people wounded by blasts, and another 19 who were hurt on their way to
        # protected spaces": only the group added last is no harm of the strike
        last = max(f.number_span[0] for f in frame.casualties if f.number_span[0] < not_harm[0])
        frame.casualties = [f for f in frame.casualties if f.number_span[0] != last]
    elif (
        not_harm  # "hurt when she fell on her way to a shelter"
        or (
            "cumulative" in kinds
            and any(
                m.kind == "cumulative"
                and not _REPEATED.search(text, max(0, m.start - 8), m.start)
                # "…, the fourth attack on its assets since October": an ordinal, no toll
                and not _ORDINAL_SINCE.search(text, max(sentence.start, m.start - 50), m.start)
                for m in mentions
            )
        )
        or ("since" in low and _SINCE_EVENT.search(text, sentence.start, sentence.end))
        or (low.startswith("as ") and _AS_REPORTED.match(text, sentence.start))
    ):
        # "more than 400 killed since the war began", "when a Houthi drone killed a man in
        # Tel Aviv in July 2024": not this attack's figures, sites or places
        frame.casualties = []
        frame.waves = []
        frame.historical = True
    if frame.casualties and _RECAP.match(text, sentence.start):
        # "Thus, one person was killed and two were injured": the tally that now stands
        for fact in frame.casualties:
            # not a part of it ("11 were injured, six of them are in hospital")
            # nor one added to it ("and another 19 people")
            if not _OF_THEM_AFTER.match(text, fact.number_span[1]) and not fact.additive:
                fact.update = True
    if frame.casualties and _another_strike().search(low):
        # "Another strike hit a building in the city, killing five": more for the place
        for fact in frame.casualties:
            fact.additive = fact.additive or not fact.update
    return frame


def _another_group_hurt_otherwise(text: str, facts: list[CasualtyFact], not_harm_at: int) -> bool:
    """The figure right before the not-harm words is "another"/"more" people, added to a
    figure of the strike before it."""
    before = [f for f in facts if f.number_span[0] < not_harm_at]
    if len({f.number_span for f in before}) < 2:
        return False
    last = max(before, key=lambda f: f.number_span[0])
    start = last.number_span[0]
    return last.additive or bool(_ANOTHER_BEFORE.search(text, max(0, start - 12), start))


_ANOTHER_BEFORE = re.compile(r"\b(?:another|other|further|additional)\s+$", re.IGNORECASE)


@cache
def _another_strike() -> re.Pattern[str]:
    lex = load_lexicon("framing")["another_strike"]
    openers = "|".join(re.escape(w) for w in sorted(lex["openers"], key=len, reverse=True))
    nouns = "|".join(re.escape(w) for w in sorted(lex["nouns"], key=len, reverse=True))
    return re.compile(rf"\b(?:{openers})\s+(?:[\w-]+\s+)?(?:{nouns})\b")
