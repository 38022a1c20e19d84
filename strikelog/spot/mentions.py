"""spot: a prepared `Doc` → typed mentions with spans.

Each recogniser reads its lexicon through a `PhraseMatcher`; this module only turns hits into
`Mention`s and removes overlaps. Quantities come from `spot.numbers`, places from the gazetteer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from typing import Any

from strikelog.lang.loader import load_lexicon
from strikelog.spot.clock import clock_keys, clock_periods
from strikelog.spot.lexicon_matcher import (
    PhraseIndex,
    may_contain,
    phrase_form,
    search_form,
)
from strikelog.spot.numbers import Quantity, find_quantities, trigger_keys


def _backwards(words: Iterable[str]) -> str:
    """An alternation of `words` spelt backwards, for a pattern matched on reversed text."""
    return "|".join(re.escape(w[::-1]) for w in words)


# The tests on the words before a site read the text before it backwards: one match
# anchored at the site replaces a search that tries every position of the window. Each
# pattern is a forward pattern ending in `$` reversed (`$` may also stand before a final
# newline, hence the leading `\n?`); the comment gives the forward form.

# "taken to the Shebekino central district hospital": where the wounded went, not a target
# \b(?:taken|…)\s+(?:to|into)\s+(?:the\s+|a\s+)?[^.;,!?]{0,40}$
_TAKEN_TO_VERBS = (
    "taken",
    "transferred",
    "brought",
    "rushed",
    "admitted",
    "evacuated",
    "moved",
    "airlifted",
    "carried",
    "transported",
    "ferried",
)
_TAKEN_OBJECTS = ("bodies", "dead", "wounded", "injured", "victims", "them", "him", "her")
_TAKEN_TO_VERBS_BACKWARDS = tuple(w[::-1] for w in _TAKEN_TO_VERBS)
_TAKEN_TO_BACKWARDS = re.compile(
    rf"\n?[^.;,!?]{{0,40}}(?:\s+eht|\s+a)?\s+(?:ot|otni)"
    # ("transported the bodies to …")
    rf"(?:\s+(?:{_backwards(_TAKEN_OBJECTS)})(?:\s+eht)?)?\s+(?:{_backwards(_TAKEN_TO_VERBS)})\b",
    re.IGNORECASE,
)
# \b(?:<site_not_target.before>)\s+(?:(?:<determiner>)\s+){0,3}$
_DETERMINERS = (
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "our",
    "local",
    "nearby",
    "regional",
    "city",
    "town's",
    "city's",
    "children's",
    "central",
    "district",
)


# a site word capitalised after a capitalised word: a name ("Ukrainian Railways")
# (a plural: "Railways", "Airlines"; "the Kharkiv Tractor Plant" is a site)
_PROPER_SITE = re.compile(r"[a-z,]\s+[A-Z][\w'’-]+\s+[A-Z][a-z]+s$")
_CAMP_NAMES = frozenset(("refugee camp", "camp", "refugee camps", "camps"))
_NAMED_CAMP = re.compile(r"\b(?:in|at|near)\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+$")
# "a blackout that affected five settlements and a hospital", "cutting power to homes and a
# school": sites that lost power, not sites hit
_OUTAGE_BEFORE = re.compile(
    r"\b(blackouts?|outages?|without\s+(?:power|electricity|heating|water)|"
    r"(?:power|electricity|heating|water)(?:\s+supply)?\s+to|de-?energi[sz]ed)\b[^.;:!?]{0,60}$",
    re.IGNORECASE,
)
# ("left without power after a drone hit a substation": the substation was hit)
_HIT_BETWEEN = re.compile(
    r"\b(?:after|when|hit|hits|struck|strikes?|damag\w*|destroy\w*|attack\w*|shell\w*)\b",
    re.IGNORECASE,
)
# one of these is in every match of _OUTAGE_BEFORE (" to " and "without" need a power word)
_OUTAGE_BACKWARDS = tuple(
    w[::-1] for w in ("blackout", "outage", "power", "electricity", "heating", "water", "energi")
)
# "died in the regional hospital", "succumbed to his wounds at a hospital"
_DIED_AT_BEFORE = re.compile(
    r"\b(?:died|dies|dying|succumbed[^.;!?]{0,30}?)\s+(?:later\s+)?"
    r"(?:in|at|on\s+the\s+way\s+to)\s+(?:(?:the|a|an|local|regional|city|district|central)\s+){0,3}$",
    re.IGNORECASE,
)
_MINOR_HARM_NOUNS = frozenset(
    ("injuries", "injury", "wounds", "wound", "burns", "cuts", "damage", "bruises", "trauma")
)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")


# Not frozen, for speed: a frozen dataclass's __init__ costs about four times as much and a
# report makes dozens of mentions. Equality and hashing stay as a frozen one's; never assign.
# The __init__ is written out: a compiled build (docs/speed.md) compiles it, where the
# dataclass-made one would run interpreted (tests/compiled checks it against the fields).
@dataclass(unsafe_hash=True, init=False)
class Mention:
    kind: str  # qty | age | cas | zero | single | person | pair | weapon | subset | site | launch
    #            | intercept | hit | actor | period | weekday | update | total | vague | nearby
    #            | anaphora | nonstrike | strikecue | direction | place | among
    start: int
    end: int
    label: str = ""  # outcome, class, role… depending on kind
    data: Any = None  # Quantity, PlaceMention, dict of attributes

    def __init__(self, kind: str, start: int, end: int, label: str = "", data: Any = None) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.label = label
        self.data = data

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass(frozen=True)
class _Recognisers:
    # one automaton for the phrase lists: casualty, weapon, subset, action, cue, site, person
    phrases: PhraseIndex
    person_attrs: dict[str, dict[str, Any]]
    pairs: dict[str, int]
    adult_pairs: frozenset[str]
    site_not_after: frozenset[str]
    site_not_before: frozenset[str]
    anaphoric_sites: frozenset[str]
    site_not_target_before_backwards: re.Pattern[str]
    site_not_target_after: re.Pattern[str]


@cache
def recognisers() -> _Recognisers:
    cas = load_lexicon("casualties")
    vic = load_lexicon("victims")
    weap = load_lexicon("weapons")
    sites = load_lexicon("sites")
    acts = load_lexicon("actions")
    times = load_lexicon("times")
    scope = load_lexicon("scope")

    cas_entries: list[tuple[str, str]] = []
    for position in ("after_count", "before_count"):
        for outcome, phrases in cas[position].items():
            cas_entries += [(p, f"cas:{outcome}:{position}") for p in phrases]
    for outcome, phrases in cas["zero"].items():
        cas_entries += [(p, f"zero:{outcome}") for p in phrases]
    for outcome, phrases in cas["singular"].items():
        cas_entries += [(p, f"single:{outcome}") for p in phrases]
    cas_entries += [(p, "update:") for p in cas["update"]["phrases"]]
    for outcome, phrases in cas["among"].items():
        cas_entries += [(p, f"among:{outcome}") for p in phrases]

    person_entries = [(p, "person:") for p in vic["persons"]]
    person_entries += [(p, "pair:") for p in vic["pairs"]]

    weapon_entries = [(p, f"weapon:{cls}") for cls, ps in weap["classes"].items() for p in ps]
    subset_entries = [(p, f"subset:{cls}") for p, cls in weap["subset_words"].items()]
    site_entries = [(p, f"site:{cls}") for cls, ps in sites["classes"].items() for p in ps]

    action_entries = [(p, "launch:") for p in acts["launch"]["phrases"]]
    action_entries += [(p, "intercept:") for p in acts["intercept"]["phrases"]]
    action_entries += [(p, "hit:") for p in acts["hit"]["phrases"]]
    action_entries += [(p, "hit:strong") for p in acts["hit_strong"]["phrases"]]
    action_entries += [(p, "lost:") for p in acts["lost"]["phrases"]]
    action_entries += [(p, "notattack:") for p in acts["not_attack"]["phrases"]]
    action_entries += [(p, "notweapon:") for p in acts["not_weapon"]["phrases"]]
    action_entries += [(p, "notweapon:show") for p in acts["show_drones"]["phrases"]]

    cue_entries: list[tuple[str, str]] = []
    for period, phrases in times["period"].items():
        cue_entries += [(p, f"period:{period}") for p in phrases]
    cue_entries += [(d, f"weekday:{i}") for d, i in times["weekdays"].items()]
    cue_entries += [(p, "total:") for p in scope["total"]["phrases"]]
    cue_entries += [(p, "region:") for p in scope["region"]["phrases"]]
    cue_entries += [(p, "vague:") for p in scope["vague_place"]["phrases"]]
    cue_entries += [(p, "nearby:") for p in scope["nearby"]["phrases"]]
    cue_entries += [(p, "anaphora:") for p in scope["anaphora"]["phrases"]]
    cue_entries += [(p, "claim:") for p in scope["claim"]["phrases"]]
    cue_entries += [(p, "cumulative:") for p in scope["cumulative"]["phrases"]]
    cue_entries += [(p, "notharm:") for p in scope["not_strike_harm"]["phrases"]]
    cue_entries += [(p, "nodamage:") for p in scope["no_damage"]["phrases"]]
    cue_entries += [(p, "thisplace:") for p in scope["this_place"]["phrases"]]
    not_target_after = scope["site_not_target"]["after"]

    return _Recognisers(
        phrases=PhraseIndex(
            {
                "casualty": (cas_entries, False),
                "weapon": (weapon_entries, True),
                "subset": (subset_entries, False),
                "action": (action_entries, False),
                "cue": (cue_entries, False),
                "site": (site_entries, True),
                "person": (person_entries, False),
            },
            # looked for in the same pass: where a quantity may begin, and the words the
            # tests on the words after and before a site need
            substrings={
                "quantity": trigger_keys(),
                "clock": clock_keys(),
                "site_not_target_after": [phrase_form(w) for w in not_target_after],
                "taken_to": _TAKEN_TO_VERBS,
                "month": MONTH_HINTS,
            },
        ),
        person_attrs={k.lower(): v for k, v in vic["persons"].items()},
        pairs={k.lower(): int(v) for k, v in vic["pairs"].items()},
        adult_pairs=frozenset(w.lower() for w in vic.get("adult_pairs", {}).get("words", [])),
        site_not_after=frozenset(sites["not_site_after"]["words"]),
        site_not_before=frozenset(sites["not_site_before"]["words"]),
        anaphoric_sites=frozenset(w.lower() for w in sites.get("anaphoric", {}).get("words", [])),
        site_not_target_before_backwards=re.compile(
            rf"\n?\s+(?:(?:{_backwards(_DETERMINERS)})\s+){{0,3}}"
            rf"(?:{_backwards(scope['site_not_target']['before'])})\b",
            re.IGNORECASE,
        ),
        # (after a comma too: "the hospital, where the casualties were treated")
        site_not_target_after=re.compile(
            r"^,?(?:\s+[\w'-]+){0,3}?,?\s+(?:"
            + "|".join(re.escape(w) for w in scope["site_not_target"]["after"])
            + r")\b",
            re.IGNORECASE,
        ),
    )


# spaces, then a word: letters and digits (str.isalnum, as `[^\W_]`), hyphens, apostrophes
_SPACES_THEN_WORD = re.compile(r" *((?:[^\W_]|['-])*)")


def _word_after(text: str, pos: int) -> str:
    m = _SPACES_THEN_WORD.match(text, pos)
    return m.group(1).lower() if m else ""


def _word_before_backwards(text: str, pos: int, backwards: str) -> str:
    """ `_word_before`, read from `backwards`: the text before `pos` reversed (or its end)."""
    m = _SPACES_THEN_WORD.match(backwards)
    if m is None or m.end() == len(backwards) < pos:
        return _word_before(text, pos)  # the word may go on before the window
    return m.group(1)[::-1].lower()


def _word_before(text: str, pos: int) -> str:
    j = pos
    while j > 0 and text[j - 1] == " ":
        j -= 1
    k = j
    while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "-'"):
        k -= 1
    return text[k:j].lower()


def _starts_inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `pos` is inside one of `spans` (start included, end not)."""
    for s, e in spans:  # noqa: SIM110 - a loop is much faster than any() over a generator
        if s <= pos < e:
            return True
    return False


def _within_longer(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) lies inside one of `spans` that is longer than it."""
    for s, e in spans:  # noqa: SIM110 - as in _starts_inside
        if s <= start and end <= e and e - s > end - start:
            return True
    return False


# labels of a phrase hit → (kind, rest) of each ("kind:rest"), split once per labels tuple
_LABEL_PARTS: dict[tuple[str, ...], tuple[tuple[str, str], ...]] = {}


def _label_parts(labels: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    parts = _LABEL_PARTS.get(labels)
    if parts is None:
        parts = _LABEL_PARTS[labels] = tuple(
            (kind, rest) for kind, _, rest in (label.partition(":") for label in labels)
        )
    return parts


# a person phrase → (kind, label, data) of each of its mentions, made once per phrase (the
# data is only ever read)
_PERSON_PARTS: dict[str, tuple[tuple[str, str, dict[str, Any]], ...]] = {}


def _person_parts(
    rec: _Recognisers, key: str, labels: tuple[str, ...]
) -> tuple[tuple[str, str, dict[str, Any]], ...]:
    parts: list[tuple[str, str, dict[str, Any]]] = []
    for label in labels:
        if label.partition(":")[0] == "pair":
            parts.append(
                ("pair", "", {"count": rec.pairs[key], "adult": key in rec.adult_pairs})
            )
            continue
        attrs = rec.person_attrs.get(key, {})
        plural = key.endswith("s") or key in ("people", "children", "men", "women")
        parts.append(
            (
                "person",
                "child" if attrs.get("child") else "adult",
                {
                    "sex": attrs.get("sex"),
                    "plural": plural,
                    "word": key,
                    "adult": bool(attrs.get("adult")),
                },
            )
        )
    found = _PERSON_PARTS[key] = tuple(parts)
    return found


# a sentence may name a date only where one of these begins a word, in any case (frame.py)
MONTH_HINTS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def spot(text: str) -> list[Mention]:
    """All non-place mentions in `text`, sorted by start. Overlaps between kinds are kept."""
    return spot_with_months(text)[0]


def spot_with_months(text: str) -> tuple[list[Mention], list[int]]:
    """`spot`'s mentions, and where the words of MONTH_HINTS occur in `text` (anywhere, not
    only at a word start; in order), found in the same pass (valid as the text's offsets only
    where its lowercase has them)."""
    rec = recognisers()
    hits, key_starts = rec.phrases.find_all(text)
    # the search form of ASCII text, or of text whose only non-ASCII characters are not word
    # characters (quotes, dashes), is ASCII
    plain_form = search_form(text).isascii()
    mentions: list[Mention] = []
    quantity_keys = key_starts["quantity"] if plain_form else None
    for q in find_quantities(text, quantity_keys):
        mentions.append(Mention("age" if q.is_age else "qty", q.start, q.end, "", q))
    parts_of = _LABEL_PARTS.get
    # "went on strike", "heart attack": the attack words inside are no attack; "racing drones
    # crashed into the gates": a sports drone, and what it hits in its sentence. Both come
    # from the action list, and casualty spans from the casualty list: gathered as the
    # mentions are made, not by passes over all mentions
    not_attack: list[tuple[int, int]] = []
    drop_kinds = False  # whether a notattack or notweapon mention was made
    casualty_spans: list[tuple[int, int]] = []
    for phrase_list in ("casualty", "weapon", "subset", "action", "cue"):
        # one mention per label of a hit ("kind:rest")
        for start, end, phrase, labels in hits[phrase_list]:
            for kind, rest in parts_of(labels) or _label_parts(labels):
                mentions.append(Mention(kind, start, end, rest, phrase))
                if kind in _SPECIAL_KINDS:
                    if kind == "cas" or kind == "single":
                        casualty_spans.append((start, end))
                        continue
                    drop_kinds = True
                    if kind == "notattack":
                        not_attack.append((start, end))
                    elif rest == "show":
                        # a drone show: its drones are show drones from the first line on
                        not_attack.append((0, len(text)))
                    else:
                        stop = _SENTENCE_END.search(text, end)
                        not_attack.append((start, stop.start() if stop else len(text)))
    clock_found = bool(key_starts["clock"]) if plain_form else None
    mentions.extend(
        Mention("period", s, e, p, p) for s, e, p in clock_periods(text, clock_found)
    )
    if drop_kinds:
        mentions = [
            m for m in mentions
            if m.kind not in ("notattack", "notweapon")
            and not (
                m.kind in ("hit", "weapon") and any(s <= m.start < e for s, e in not_attack)
            )
        ]
    # the tests on the words after and before a site run only in a report that has their words
    # (looked for in the search form of ASCII text; other text keeps every test)
    ascii_text = text.isascii()
    not_target_after = not ascii_text or bool(key_starts["site_not_target_after"])
    taken_to = not ascii_text or bool(key_starts["taken_to"])
    # sites and persons are read from the hits, and a mention made only for what is kept
    not_target_before = rec.site_not_target_before_backwards.match
    weapon_spans = [(s, e) for s, e, _, _ in hits["weapon"]]
    # where a capitalised site word starts: one right after another capitalised site word
    # is the head of a name ("Bashair University Hospital" is a hospital, "Kharkiv Tractor
    # Plant" a plant)
    capital_sites = {s for s, _, _, _ in hits["site"] if text[s].isupper()}
    for start, end, phrase, labels in hits["site"]:
        if end + 1 in capital_sites and text[start].isupper() and text[end] == " ":
            continue
        # "taken to hospital" is a casualty phrase, not a struck hospital
        if casualty_spans and _starts_inside(start, casualty_spans):
            continue
        if weapon_spans and _within_longer(start, end, weapon_spans):
            continue  # "uncrewed surface vessels": the weapon, not a vessel hit
        before_backwards = text[max(0, start - 60) : start][::-1]
        if (
            not_target_before(before_backwards)
            or (
                taken_to
                and may_contain(
                    before_backwards.lower(), _TAKEN_TO_VERBS_BACKWARDS, before_backwards.isascii()
                )
                and _TAKEN_TO_BACKWARDS.match(before_backwards)
            )
            or (not_target_after and rec.site_not_target_after.match(text[end : end + 40]))
        ):
            continue
        if (
            "site:health" in labels
            and ("eid" in before_backwards or "bmuccus" in before_backwards)  # read backwards
            and _DIED_AT_BEFORE.search(text, max(0, start - 60), start)
        ):
            continue  # "an employee … died in the hospital": where he died, not a target
        if may_contain(before_backwards.lower(), _OUTAGE_BACKWARDS, before_backwards.isascii()):
            outage = _OUTAGE_BEFORE.search(text, max(0, start - 60), start)
            if outage is not None and not _HIT_BETWEEN.search(text, outage.end(1), start):
                continue  # lost power, not hit
        if _word_after(text, end) in rec.site_not_after:
            continue
        word_before = _word_before_backwards(text, start, before_backwards)
        if word_before in rec.site_not_before:
            continue
        if word_before == "the" and phrase in rec.anaphoric_sites:
            continue  # "nobody was hurt at the plant": the refinery named before
        if phrase in _CAMP_NAMES and _NAMED_CAMP.search(text, max(0, start - 30), start):
            continue  # "in Nuseirat refugee camp": the camp is the place, not a site hit
        if (
            # the pattern's last word, a capitalised plural, ends the site: look only then
            text[end - 1] == "s"
            and not text[start:end].islower()
            and _PROPER_SITE.search(text, max(0, start - 30), end)
        ):
            continue  # "according to Ukrainian Railways": a company's name, not a site
        for kind, rest in parts_of(labels) or _label_parts(labels):
            mentions.append(Mention(kind, start, end, rest, phrase))
    person_parts = _PERSON_PARTS.get
    for start, end, key, labels in hits["person"]:
        if key == "minor" and _word_after(text, end) in _MINOR_HARM_NOUNS:
            continue  # "85 sustained minor injuries": an adjective, no child
        if key == "other":
            after = _word_after(text, end)
            if len(after) > 3 and after.endswith("s") and after not in rec.person_attrs:
                continue  # "Kherson and 18 other settlements": an adjective, no one
        parts = person_parts(key) or _person_parts(rec, key, labels)
        for kind, label, data in parts:
            mentions.append(Mention(kind, start, end, label, data))
    # by start, the longest first, ties kept in order: two stable sorts on attributes are
    # quicker than one on a (start, -end) made for each mention
    mentions.sort(key=_END, reverse=True)
    mentions.sort(key=_START)
    return mentions, key_starts["month"]


_START = attrgetter("start")
# the kinds of phrase mentions that `spot` gathers spans of as it makes them
_SPECIAL_KINDS = frozenset(("cas", "single", "notattack", "notweapon"))
_END = attrgetter("end")


def quantities_only(mentions: list[Mention]) -> list[Quantity]:
    return [m.data for m in mentions if m.kind in ("qty", "age")]
