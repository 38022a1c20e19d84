"""Clock times that fix the period of an event: "shortly after 8am" is morning.

Only times with an a.m./p.m. marker count: a bare "17:40" is more often a live-blog stamp
(when the entry was posted) than the time of the attack.
"""

from __future__ import annotations

import re
from functools import cache

from strikelog.lang.loader import load_lexicon


@cache
def _clock() -> tuple[re.Pattern[str], frozenset[str], tuple[str, ...]]:
    data = load_lexicon("times")["clock"]
    markers = sorted(data["am"] + data["pm"], key=len, reverse=True)
    pattern = re.compile(
        r"\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?[^\S\n]?(?P<x>"
        + "|".join(re.escape(m) for m in markers)
        + r")(?![\w])",
        re.IGNORECASE,
    )
    return pattern, frozenset(m.lower() for m in data["pm"]), tuple(data["hours"])


def clock_periods(text: str) -> list[tuple[int, int, str]]:
    """(start, end, period) for every "8am", "11 p.m.", "10:30 a.m." in `text`."""
    pattern, pm, hours = _clock()
    out = []
    for m in pattern.finditer(text):
        hour = int(m["h"]) % 12 + (12 if m["x"].lower() in pm else 0)
        out.append((m.start(), m.end(), hours[hour]))
    return out
