"""Clock times that fix the period of an event: "shortly after 8am" is morning.

Only times with an a.m./p.m. marker count: a bare "17:40" is more often a live-blog stamp
(when the entry was posted) than the time of the attack.
"""

from __future__ import annotations

import re
from functools import cache

from strikelog.lang.loader import load_lexicon
from strikelog.spot.lexicon_matcher import phrase_form


@cache
def _clock() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str], tuple[str, ...]]:
    data = load_lexicon("times")["clock"]
    markers = "|".join(re.escape(m) for m in sorted(data["am"] + data["pm"], key=len, reverse=True))
    pattern = re.compile(
        r"\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?[^\S\n]?(?P<x>" + markers + r")(?![\w])",
        re.IGNORECASE,
    )
    # what every clock time holds, in a form the regex engine scans several times faster
    # (a plain digit first, no word boundary): most reports have none, and so no full scan
    hint = re.compile(r"\d(?:[:.]\d\d)?[^\S\n]?(?:" + markers + ")", re.IGNORECASE)
    return pattern, hint, frozenset(m.lower() for m in data["pm"]), tuple(data["hours"])


@cache
def clock_keys() -> tuple[str, ...]:
    """Strings of the search form (`lexicon_matcher.search_form`) one of which every clock
    time holds — when that search form is ASCII (a non-ASCII digit is a digit too)."""
    data = load_lexicon("times")["clock"]
    markers = dict.fromkeys(phrase_form(m).strip() for m in data["am"] + data["pm"])
    return tuple(f"{d}{gap}{m}" for d in "0123456789" for gap in ("", " ") for m in markers)


def clock_periods(text: str, keys_found: bool | None = None) -> list[tuple[int, int, str]]:
    """(start, end, period) for every "8am", "11 p.m.", "10:30 a.m." in `text`.

    `keys_found`: whether a string of `clock_keys` is in the text's ASCII search form, when
    the caller has looked."""
    pattern, hint, pm, hours = _clock()
    out: list[tuple[int, int, str]] = []
    if keys_found is False or keys_found is None and hint.search(text) is None:
        return out
    for m in pattern.finditer(text):
        hour = int(m["h"]) % 12 + (12 if m["x"].lower() in pm else 0)
        out.append((m.start(), m.end(), hours[hour]))
    return out
