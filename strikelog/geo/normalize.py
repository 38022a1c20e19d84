"""One normal form for place names and for the text they are searched in.

Both sides are lowercased and every non-word character becomes a space, so that
"Ivano-Frankivsk", "Kharkiv's" and "Dnipropetrovs'k" meet their keys. The text form
keeps every character at its offset (one character in, one out), so a match in the
normal form is a span of the original text.
"""

from __future__ import annotations

import re

_NON_WORD = re.compile(r"[\W_]")
_SPACES = re.compile(r"\s+")
# Apostrophe-like marks inside transliterated names ("Kharkivs’ka", "Solom”yans’kyy").
_APOSTROPHES = re.compile(r"['’ʼ‘`ʹ”″]")


def name_key(name: str) -> str:
    """The key of a name: lowercase words separated by single spaces."""
    return _SPACES.sub(" ", _NON_WORD.sub(" ", name.lower())).strip()


def name_keys(name: str) -> set[str]:
    """Keys of a name, with and without its apostrophes ("Dnipropetrovs'k" → both)."""
    keys = {name_key(name), name_key(_APOSTROPHES.sub("", name))}
    keys.discard("")
    return keys


def search_form(text: str) -> str:
    """The text as the matcher reads it: same length, lowercase, non-words as spaces,
    padded with one space on each side so that every key " name " is word-bounded."""
    lowered = text.lower()
    if len(lowered) != len(text):
        # a few characters lowercase to two ("İ"); keep those as they are
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return " " + _NON_WORD.sub(" ", lowered) + " "
