"""Place roles: is a place mention struck, a speaker's location, a venue, a launch site…?

Reads the place mentions the gazetteer found and the words around them; decides nothing
about geocoding (that is the gazetteer's job).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from strikelog.lang.loader import load_lexicon
from strikelog.spot.actors import ActorMention
from strikelog.spot.lexicon_matcher import may_contain

STRUCK = "struck"
CONTEXT = "context"  # "Kharkiv governor said…": the place the sentence is about
REFERENCE = "reference"  # "north of Kyiv": a point of reference
COUNTRY = "country"
NEAR = "near"  # "a village near Nizhyn", "outside Putyvl": an unnamed place near this one
CONTAINER = "container"  # "Izium in the Kharkiv region": the region around a struck town


@dataclass(frozen=True)
class _Rules:
    before: re.Pattern[str]  # a non-strike phrase ending right before the place
    before_roles: dict[str, str]
    after: re.Pattern[str]
    venue: re.Pattern[str]
    directions: re.Pattern[str]
    # every match of `before`, `venue` and `directions` holds one of these literal words (at
    # the end, for `before`): a test with `endswith` or `in` spares most searches
    before_endings: tuple[str, ...]
    venue_words: tuple[str, ...]
    direction_words: tuple[str, ...]
    late_words: tuple[str, ...]  # venue_words and direction_words (in `_shortest` form)


@cache
def _rules() -> _Rules:
    scope = load_lexicon("scope")
    roles = {" ".join(p.lower().split()): r for p, r in scope["non_strike_before"].items()}
    before = "|".join(re.escape(p) for p in sorted(roles, key=len, reverse=True))
    after = "|".join(
        re.escape(p.lower())
        for p in sorted(scope["non_strike_after"]["phrases"], key=len, reverse=True)
    )
    venue_words = "|".join(re.escape(w) for w in scope["venue_words"]["words"])
    directions = "|".join(re.escape(w) for w in scope["directions"]["words"])
    return _Rules(
        before=re.compile(rf"(?:^|[^\w'’-])({before})$"),
        before_roles=roles,
        after=re.compile(rf"^({after})(?![\w])"),
        # a venue word earlier in the same clause: "a summit with Putin in Budapest"
        venue=re.compile(rf"\b(?:{venue_words})\b[^.;:!?]*\b(?:in|at)\s+(?:the\s+)?$"),
        directions=re.compile(
            rf"\b(?:{directions})(?:\s+of)?\s+(?:the\s+)?(?:(?:city|capital|town|village)\s+"
            rf"(?:of\s+)?)?$"
        ),
        before_endings=tuple(roles),
        venue_words=tuple(scope["venue_words"]["words"]),
        direction_words=tuple(scope["directions"]["words"]),
        late_words=_shortest((*scope["venue_words"]["words"], *scope["directions"]["words"])),
    )


def _shortest(words: tuple[str, ...]) -> tuple[str, ...]:
    """WORDS without those that hold another ("meeting" holds "meet"): a text holds one of
    these exactly when it holds one of WORDS, and there are fewer to look for."""
    return tuple(w for w in words if not any(o != w and o in w for o in words))


_DISTANCE_BEFORE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:kilomet\w*|km|miles?|mi)\s*$|"
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|several)\s+"
    r"(?:kilomet\w*|miles?)\s*$",
    re.IGNORECASE,
)
_DISTANCE_FROM_PLACE = re.compile(
    r"\b(?:\d+(?:[.,]\d+)?|a\s+few|several|\w+)\s*(?:kilomet\w*|km|miles?)\s+"
    r"(?:\w+\s+)?(?:from|of|outside)\s+(?:the\s+(?:town|city|village|centre|center)\s+of\s+)?$",
    re.IGNORECASE,
)
_DISTANCE_WORDS = ("km", "kilomet", "mile")  # one of them is in every match of the two above
_STREET_AFTER = re.compile(
    r"[^\S\n]+(?:Street|St\.|Avenue|Ave\.|Boulevard|Blvd\.|Lane|Highway|Prospekt|"
    r"Prospect|Embankment)\b"
)
_WATER_AFTER = re.compile(r"[^\S\n]+(?:River|river|Sea|Lake|Reservoir|reservoir)\b")
# "the Gulf of Aden", "the Sea of Azov": the water named after the place
_WATER_OF_BEFORE = re.compile(r"\b(?:Gulf|Sea|Bay|Strait|Straits)\s+of\s+$")
_WATER_BODY = re.compile(r"\b(?:Sea|Ocean|River|Gulf|Strait|Bay|Lake|Channel)$")
_WATER_WORDS = ("Sea", "Ocean", "River", "Gulf", "Strait", "Bay", "Lake", "Channel")
_PLACE_NOUN_TAIL = re.compile(
    r"\s(?:the\s+)?(?:[\w-]+\s+)?(?:town|city|village|settlement|port\s+city|port|"
    r"urban-type\s+settlement|community|regions?|provinces?|districts?)\s+of\s+$"
)
# "the capital remained under ballistic missile warning": an alert, not a strike
_UNDER_ALERT = re.compile(
    r"^(?:remained|was|were|is|stayed|has\s+been)\s+under\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:alert|warning|threat|alarm)",
)
_UNDER_ALERT_WORDS = ("remained", "was", "were", "is", "stayed", "has")  # its first words
# "transferred to the children's regional hospital in Belgorod"
_TREATED_IN = re.compile(
    r"\b(?:taken|transferred|brought|rushed|admitted|evacuated|airlifted|transported)\s+to\s+"
    r"(?:the\s+|a\s+)?[^.;!?]{0,50}\b(?:hospital|clinic|medical\s+(?:centre|center|facility)|"
    r"hospitals)\s+in\s+$",
    re.IGNORECASE,
)
# "according to Nasser Hospital in Khan Younis": the hospital that counts, where it stands
_HOSPITAL_AS_SOURCE = re.compile(
    r"\b(?:according\s+to|provided\s+by|released\s+by|figures\s+from|officials\s+at|"
    r"staff\s+at|doctors\s+at|a\s+spokesperson\s+for|a\s+spokesman\s+for)\s+(?:the\s+)?"
    r"(?:[\w'’-]+\s+){0,4}(?:hospital|clinic|medical\s+(?:centre|center|complex))\s+in\s+$",
    re.IGNORECASE,
)
_TAKEN_TO_LIST = re.compile(
    r"\b(?:taken|transferred|brought|rushed|evacuated|evacuating|airlifted|transported|"
    r"transporting)\s+(?:[^.;!?]{0,40}\s)?to\s+(?:[\w'’-]+,?\s+(?:and\s+)?){0,6}$"
)
_HOSPITAL_AFTER = re.compile(
    r"[^.;!?\n]{0,40}?\b(?:hospitals?|medical\s+cent(?:re|er)s?|clinics?|infirmary)\b",
    re.IGNORECASE,
)
_TREATED_IN_WORDS = ("hospital", "clinic", "medical")  # one of them is in every match above
_WHERE_TAKEN_AFTER = re.compile(
    r",\s+where\s+(?:the\s+)?(?:bodies|dead|wounded|injured|casualties|victims)\s+"
    r"(?:were|had\s+been)\s+(?:taken|brought|transferred|rushed)"
)
_FROM_TO = re.compile(r"\bfrom\s+[^.;:!?]{1,50}?\s+to\s+(?:the\s+)?$", re.IGNORECASE)
_SIRENS = re.compile(
    r"\b(?:sirens?|air[- ]raid\s+alerts?|alarms?|alerts?)\s+(?:(?:sounded|wailed|went\s+off|"
    r"were\s+heard|blared|rang\s+out|were\s+declared|was\s+declared)\s+)?(?:in|over|across)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_SIRENS_WORDS = ("siren", "alarm", "alert")  # one of them is in every match
# the words of the four tests above
_EARLY_WORDS = (*_DISTANCE_WORDS, *_SIRENS_WORDS, *_TREATED_IN_WORDS, "from")
# "destroyed 28 Shahed attack drones in Odesa, Kherson … regions": where they were downed
_DOWNED_IN = re.compile(
    r"\b(?:shot\s+down|downed|destroyed|intercepted|neutrali[sz]ed)\s+(?:all\s+)?"
    r"(?:\d+|[a-z]+-?[a-z]*)\s+(?:[\w-]+\s+){0,3}?(?:drones|uavs|missiles|shaheds|rockets)"
    r"\s+in\s+(?:the\s+)?$"
)
# "KYIV, July 10 (Reuters) -", "SHOSTKA, Ukraine —": where the reporter files from
_DATELINE = re.compile(
    # ("ERBIL (Kurdistan 24) –": an outlet's name may hold a digit or a space)
    r"^(?:,[^\n]{0,45}?)?\s*(?:\([A-Za-z][\w .&'-]{0,24}\)\s*)?(?:--|—|–|-)\s"
    # "ISLAMABAD, May 8: A woman …", "KYIV, Oct 5. Russia …": an upper-case name, a date
    r"|^,\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,\s*\d{4})?\s*[:.]\s"
)
_LINE_END = re.compile(r"[^\S\n]*(?:\n|$)")
_NEAR_NOUN = re.compile(
    r"\b(?:near|close\s+to|not\s+far\s+from)\s+"
    r"(?:the\s+(?:town|city|village)\s+of\s+)?$",
    re.IGNORECASE,
)
_NEAR_NOUN_WORDS = ("near", "close", "far")  # one of them is in every match
# "Pohreby, north of Kyiv", "Pohreby near Kyiv": the place before is the one meant
_NAMED_BEFORE = re.compile(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*,?\s*$")
_STRIKE_CUE_BEFORE = re.compile(
    r"\b(?:in|on|at|near|struck|hit|hitting|targeted|targeting|attacked|shelled|bombed|pounded|"
    r"of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$"
)
_TITLE_AFTER = re.compile(  # matched at the name's end (so no `^`)
    r"(?:'s|’s)?\s*(?:regional\s+|city\s+|military\s+|oblast\s+|district\s+)*(?:governor|mayor|officials?|"
    r"administration|head|authorities|police|MP|council|emergency\s+services?)\b",
    re.IGNORECASE,
)


_ATTRIBUTE_AFTER = re.compile(r"-[a-z]")
# a name that goes on into an organisation's: "Chin National Front", "El Fasher Resistance
# Committees", "Sudan Doctors Network" (titles such as "City Council" are CONTEXT, above)
_ORGANISATION_AFTER = re.compile(
    r"(?:[^\S\n]+[A-Z][\w'’-]*){0,3}?[^\S\n]+(?:Organi[sz]ations?|Front|Committees?|Network|"
    r"Movement|Brigades?|Alliance|Society|Association|Foundation|Institute|University|"
    r"Airlines|Independent|Times|Post|Herald|Tribune|Agency|Party|Union|Club|Observatory)\b"
)
_UNNAMED_PLACE_END = re.compile(r"\b(?:village|town|settlement|road|area)s?\s*$")
_DISTANCE_FROM = re.compile(r"\b(?:kilomet\w*|km|miles?)\s+from\s")
_POSSESSIVE = re.compile(r"^(?:'s|’s)\b")
# a building named after a place, then where it stands: "Kafr Qasim School in the camp"
_BUILDING_NAMED_ELSEWHERE = re.compile(
    r"[^\S\n]+(?:[A-Z][\w'’-]+[^\S\n]+){0,2}?(?:School|Hospital|Mosque|Church|Market|Stadium|"
    r"University|College|Clinic|Tower|Mall|Hotel|Bakery)s?\b[”\"’']?,?[^\S\n]+(?:in|at)[^\S\n]+"
    r"(?:the[^\S\n]+)?[A-Z]"
)
_AIR_BASE_AFTER = re.compile(
    # ("Mandalay region's Meiktila Air Base": the region holds the base)
    r"(?:(?:'s|’s)[^\S\n]+[A-Z][\w-]*(?:[^\S\n]+[A-Z][\w-]*)?)?[^\S\n]+(?:air[^\S\n]+(?:force[^\S\n]+)?base|airbase|airfield|air[^\S\n]+field)\b",
    re.IGNORECASE,
)
_FROM_BEFORE = re.compile(r"\bfrom\b[^.;:!?,]{0,40}$")
_OCCUPIED_TAIL = re.compile(r"\s+(?:the\s+)?(?:[\w]+-)?(?:occupied|annexed)(?:\s+[a-z]+)?$")
_WAR_WORDS = ("war", "conflict")
_WAR_IN = re.compile(r"\b(?:war|conflict)\b[^.;:!?,]{0,50}\b(?:in|on|over)\s+(?:the\s+)?$")
_PREPOSITION_END = re.compile(r"\b(?:in|on|at|near|of)\s+$")
_PREPOSITIONS = ("in", "on", "at", "near", "of")


def place_role(
    text: str, start: int, end: int, sentence_start: int, kind: str, actors: list[ActorMention]
) -> str:
    """The role of the place mention text[start:end] in its sentence."""
    if kind == "country":
        return COUNTRY
    # the character after the name: the patterns read after it need a certain one
    next_char = text[end : end + 1]
    spaced = next_char != "\n" and next_char.isspace()  # what [^\S\n] matches
    if (
        # (a name that ends with a water word, or "\n" which `$` may stand before)
        (text.endswith(_WATER_WORDS, start, end) or text[end - 1 : end] == "\n")
        and _WATER_BODY.search(text[start:end])
        or spaced
        and _WATER_AFTER.match(text, end)
        or text.find("of", max(0, start - 12), start) >= 0
        and _WATER_OF_BEFORE.search(text, max(0, start - 12), start)
    ):
        return "sea or river"  # "across the Dnipro River": the river, not the city
    if spaced and _STREET_AFTER.match(text, end):
        return "street"  # "a shop on Pushkin Street": a street of the town, not Pushkin
    if text.startswith(" time", end) and not text[end + 5 : end + 6].isalpha():
        return "attribute"  # "9:00 a.m. Moscow time"
    if (
        text[start - 1 : start] in ("/", "(")
        and text[end : end + 1] in (")", "/")
        # "Qamishlo (Qamishli)": another spelling of the place named before, not a credit
        and ("/" in (text[start - 1], text[end]) or text[start:end].isupper())
    ):
        return "attribute"  # "(dpa/NAN)", "(AFP/KYIV)": an agency credit
    if _BUILDING_NAMED_ELSEWHERE.match(text, end):
        # "shelling of Kafr Qasim School in the Al Shati refugee camp": the school's name
        return "attribute"
    if next_char == "-" and _ATTRIBUTE_AFTER.match(text, end, end + 2):
        return "attribute"  # "the Moscow-installed governor", "a Kyiv-based group"
    rules = _rules()
    before = text[max(sentence_start, start - 60) : start].lower()
    # the patterns that end in `$` are searched only when the words they need are there
    # (`plain`: no character that a case-insensitive pattern takes for another letter)
    plain = before.isascii()
    # "from the Russian-occupied town of Enerhodar" reads as "from Enerhodar"
    before_stripped = before.rstrip()
    if before_stripped.endswith("of"):
        before_stripped = _PLACE_NOUN_TAIL.sub(" ", before).rstrip()
    elif "occupied" in before_stripped[-30:] or "annexed" in before_stripped[-30:]:
        # "from the direction of the occupied Syrian Golan" reads as "from the direction of"
        before_stripped = _OCCUPIED_TAIL.sub("", before_stripped).rstrip()
    # most windows hold none of the words of the next four tests: one test spares them
    early = may_contain(before, _EARLY_WORDS, plain)
    if (
        early
        and may_contain(before, _DISTANCE_WORDS, plain)
        and _DISTANCE_FROM_PLACE.search(before)
    ):
        return NEAR  # "lies about 15 kilometres from the town of Kanbalu"
    if early and may_contain(before, _SIRENS_WORDS, plain) and _SIRENS.search(before):
        return "air alert"
    if (
        kind in ("admin1", "admin2")
        and before_stripped.endswith((" in", " in the"))
        and _DOWNED_IN.search(before)
    ):
        # (a region only: "shot down 12 drones in Kyiv, but debris injured two" is the
        # city's own strike)
        return "interception area"
    if (
        early
        and may_contain(before, _TREATED_IN_WORDS, plain)
        and (_TREATED_IN.search(before) or _HOSPITAL_AS_SOURCE.search(before))
    ):
        return "treatment location"
    if _HOSPITAL_AFTER.match(text, end) and _TAKEN_TO_LIST.search(
        text[max(sentence_start, start - 120) : start].lower()
    ):
        # "transported 21 injured to Wolfson, Sheba and Shamir hospitals": a hospital's name
        return "treatment location"
    if next_char == "," and _WHERE_TAKEN_AFTER.match(text, end):
        return "treatment location"  # "… Hospital in Khan Younis, where the bodies were taken"
    if early and may_contain(before, ("from",), plain) and _FROM_TO.search(before):
        return "destination"  # "taking residents from border villages to Sumy"
    if _AIR_BASE_AFTER.match(text, end) and _FROM_BEFORE.search(before):
        return "launch site"  # "a jet from the nearby Mandalay region's Meiktila Air Base"
    hit = (
        rules.before.search(before_stripped)
        if before_stripped.endswith(rules.before_endings)
        else None
    )
    if hit is None and before_stripped.endswith(" the"):
        # "from the territory of the Kursk region" reads as "from the territory of"
        trimmed = before_stripped[:-4].rstrip()
        if trimmed.endswith(rules.before_endings):
            hit = rules.before.search(trimmed)
    if hit:
        return rules.before_roles[hit.group(1)]
    if may_contain(before, _WAR_WORDS, plain) and _WAR_IN.search(before):
        return "conflict"  # "the war between Israel and Hamas in Gaza": no strike named
    # the same for the venue and direction words (which are tested as if `plain`)
    late = may_contain(before, rules.late_words)
    if late and may_contain(before, rules.venue_words) and rules.venue.search(before):
        return "meeting venue"
    if (start == 0 or text[start - 1] == "\n") and (
        _DATELINE.match(text[end : end + 40])
        # "MOSCOW" alone on its line, above the story
        or (text[start:end].isupper() and _LINE_END.match(text, end))
        # "BEIRUT: The Lebanese health ministry said …"
        or (text[start:end].isupper() and text.startswith(": ", end))
    ):
        return "dateline"
    direction = (
        rules.directions.search(before)
        if late and may_contain(before, rules.direction_words)
        else None
    )
    cue = direction or (
        _NEAR_NOUN.search(before) if may_contain(before, _NEAR_NOUN_WORDS, plain) else None
    )
    if cue:
        # "Pohreby, north of Kyiv": a named place located by another
        head = text[max(sentence_start, start - 60) : start][: cue.start()]
        if _NAMED_BEFORE.search(head.rstrip(" ,") + " ") and not _UNNAMED_PLACE_END.search(head):
            return REFERENCE
        # "a village near Nizhyn", "15 km from Kanbalu" are near it; "an area west of Khan
        # Younis" is put at it
        # ... but "20 kilometres north of Debre Markos" is a measured way off: near it
        if (
            direction
            and not _DISTANCE_FROM.search(cue.group(0))
            and not _DISTANCE_BEFORE.search(before[: len(before) - len(cue.group(0))])
        ):
            return STRUCK
        return NEAR
    after = text[end : end + 70].lower().lstrip()
    if after.startswith(_UNDER_ALERT_WORDS) and _UNDER_ALERT.match(after):
        return "air alert"
    metonym = False  # a party's name: "Moscow said"
    for m in actors:
        if m.start == start and m.metonym:
            metonym = True
            break
    if metonym and _POSSESSIVE.match(text[end : end + 3]):
        return "actor"  # "Washington's campaign"
    # (`\s+$` needs a space at the end, and the word before it)
    in_before = (
        before[-1:].isspace()
        and before.rstrip().endswith(_PREPOSITIONS)
        and _PREPOSITION_END.search(before) is not None
    )
    if not in_before and (metonym or rules.after.match(after)):
        return "actor"
    if _TITLE_AFTER.match(text, end, end + 40):
        return CONTEXT
    if next_char == " " and _ORGANISATION_AFTER.match(text, end):
        return "organisation name"  # "the Chin Human Rights Organisation", "Kyiv Independent"
    return STRUCK


def is_incident_role(role: str) -> bool:
    return role in (STRUCK, CONTEXT, NEAR)
