"""Named places the gazetteer does not hold, in forms that can only be places: where they
are written ("the village of Ras Isa", "Abu Shouk camp", "in al-Mawasi", "in Kabkabiya,
North Darfur"). What they are is the pipeline's business (`pipeline._unlisted_places`).

`UNLISTED_PLACE` states the forms as one regex. Scanning a text with it tries every position
(no form has a literal prefix), so `unlisted_place_matches` finds the same matches another
way: each form holds a word it cannot do without ("village", "camp", "al-", a comma), found
by `str.find`, which skips ahead far faster; every character of a form before its comma is
a word character, a space, a hyphen or an apostrophe, so the form is searched for only in
the run of such characters around that word.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import NamedTuple

_NAME = r"[A-Z][\w'’-]+(?:[ -](?:al-|el-|as-|ad-)?[A-Z][\w'’-]+){0,2}"
# "the village of Ras Isa"
# ("a small town called Sasit")
_VILLAGE_OF = rf"\b(?:village|town|settlement|hamlet)\s+(?:of|called|named)\s+(?P<a>{_NAME})"
# "Abu Shouk camp", "the Ras Isa fuel port"
_NAMED_SITE = (
    rf"\b(?P<b>{_NAME})\s+(?:refugee\s+|displacement\s+|IDP\s+)?"
    r"(?:camp|fuel\s+port|oil\s+port|refinery|oil\s+refinery|power\s+station|village|"
    r"township|town)\b"
)
# Arabic names the gazetteer may not list, after "in"/"on": "in al-Mawasi"
_ARABIC_NAME = (
    r"\b(?:in|on|at|near)\s+(?P<c>(?:al|el|as|ad|ash|an|ar|at|az)-[A-Z][\w'’-]+"
    r"(?:\s+[A-Z][\w'’-]+)?)"
)
# a name followed by its region: "in Kabkabiya, North Darfur" (the caller checks the region)
_NAME_BEFORE_COMMA = rf"\b(?:in|at|near)\s+(?P<d>{_NAME})"
_COMMA_THEN_CAPITAL = r",\s+(?=[A-Z])"
# "a village near Anka in Zamfara State" (the caller checks the place after "in")
_NEAR_NAME_IN = rf"\b(?:near|outside)\s+(?P<e>{_NAME})\s+in\s+(?=[A-Z])"

UNLISTED_PLACE = re.compile(
    f"{_VILLAGE_OF}|{_NAMED_SITE}|{_ARABIC_NAME}|{_NAME_BEFORE_COMMA}{_COMMA_THEN_CAPITAL}"
    f"|{_NEAR_NAME_IN}"
)

# The words each form holds; a form's word stands where the checks beside it say.
_VILLAGE_WORDS = ("village", "town", "settlement", "hamlet")  # after \b, before \s
_SITE_WORDS = ("camp", "port", "refinery", "station", "village", "township", "town")  # after \s, \b
_NEAR_WORDS = ("near", "outside")  # after \b, before \s
# every word once, shortest first; for one that begins with another, the longest such
_ALL_WORDS = tuple(sorted(set(_VILLAGE_WORDS + _SITE_WORDS + _NEAR_WORDS), key=len))
_BEGINS_WITH = {
    w: max(o for o in _ALL_WORDS if o != w and w.startswith(o))
    for w in _ALL_WORDS
    if any(o != w and w.startswith(o) for o in _ALL_WORDS)
}

_RUN = re.compile(r"[\w'’\s-]*")  # the characters of a form (before its comma)
_RUN_LOOKBACK = 200  # characters read back at a time for the start of a run


class UnlistedMatch(NamedTuple):
    form: str  # "a" … "e": the group of `UNLISTED_PLACE` that matched
    start: int
    name_start: int
    name_end: int
    end: int


def _is_word_char(text: str, i: int) -> bool:
    """Whether text[i] is what `\\w` matches (False off the text)."""
    if 0 <= i < len(text):
        c = text[i]
        return c.isalnum() or c == "_"
    return False


def _is_space(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isspace()


_ARTICLES = frozenset(("al", "el", "as", "ad", "an", "ar", "at", "az"))
# the hyphen of "al-Mawasi": found by a pattern with a literal first character, which the
# regex engine skips ahead to
_HYPHEN_THEN_CAPITAL = re.compile(r"-[A-Z]")


def _articles(text: str) -> list[int]:
    """Sorted offsets of the articles of form c ("al" of " al-Mawasi"): after a space, before
    a hyphen and a capital."""
    found = []
    for m in _HYPHEN_THEN_CAPITAL.finditer(text):
        at = m.start()
        if text[at - 2 : at] in _ARTICLES and _is_space(text, at - 3):
            found.append(at - 2)
        elif text[at - 3 : at] == "ash" and _is_space(text, at - 4):
            found.append(at - 3)
    return found


def _occurrences(text: str) -> dict[str, list[int]]:
    """The offsets of each word of the forms in TEXT, each word looked for once: a word
    that begins with a shorter one ("township", "town") among that one's offsets."""
    found: dict[str, list[int]] = {}
    for word in _ALL_WORDS:
        shorter = _BEGINS_WITH.get(word)
        if shorter is not None:
            found[word] = [at for at in found[shorter] if text.startswith(word, at)]
            continue
        offsets = found[word] = []
        at = text.find(word)
        while at >= 0:
            offsets.append(at)
            at = text.find(word, at + 1)
    return found


def _word_before_space(
    occurrences: dict[str, list[int]], text: str, words: tuple[str, ...], capital: bool = False
) -> list[int]:
    """Sorted offsets of `words` after no word character and before a space (and, with
    `capital`, a capital letter after it: "near Anka in …")."""
    found = []
    for word in words:
        size = len(word)
        for at in occurrences[word]:
            before = text[at - 1] if at else ""
            if before.isalnum() or before == "_" or not text[at + size : at + size + 1].isspace():
                continue
            if capital and not text[at + size + 1 : at + size + 2].isupper():
                continue
            found.append(at)
    found.sort()
    return found


def _word_after_space(
    occurrences: dict[str, list[int]], text: str, words: tuple[str, ...]
) -> list[int]:
    """Sorted offsets of `words` after a space and before no word character."""
    found = []
    for word in words:
        size = len(word)
        for at in occurrences[word]:
            if not at or not text[at - 1].isspace():
                continue
            after = text[at + size : at + size + 1]
            if not (after.isalnum() or after == "_"):
                found.append(at)
    found.sort()
    return found


def _run_start(text: str, at: int, pos: int) -> int:
    """Where the run of form characters that reaches `at` starts, or `pos` if it starts
    before."""
    end = at
    while True:
        lo = max(pos, end - _RUN_LOOKBACK)
        back = _RUN.match(text[lo:end][::-1]).end()  # type: ignore[union-attr]  # `*` matches
        if back < end - lo or lo == pos:
            return end - back
        end = lo


class _Form:
    """One form: its leftmost match from a position, looked for only in the runs that hold
    one of its words."""

    def __init__(self, name: str, pattern: re.Pattern[str], text: str, anchors: list[int]):
        self.name = name
        self.pattern = pattern
        self.text = text
        self.anchors = anchors
        self.next: UnlistedMatch | None = None
        self.done = not anchors
        # the end of the run last read: a long run holding many anchors is read once
        self.run_from = self.run_end = 0

    def first_from(self, pos: int) -> UnlistedMatch | None:
        if self.done or self.next is not None and self.next.start >= pos:
            return self.next
        text = self.text
        i = bisect.bisect_left(self.anchors, pos)
        while i < len(self.anchors):
            at = self.anchors[i]
            if not self.run_from <= at < self.run_end:
                self.run_from = at
                self.run_end = _RUN.match(text, at).end()  # type: ignore[union-attr]
            run_end = self.run_end
            m = self.pattern.search(text, _run_start(text, at, pos), run_end)
            if m is not None:
                self.next = UnlistedMatch(self.name, m.start(), m.start(1), m.end(1), m.end())
                return self.next
            i = bisect.bisect_left(self.anchors, run_end, i + 1)
        self.done, self.next = True, None
        return None


class _NameBeforeComma(_Form):
    """Form d, whose run ends at its comma: the comma is its word."""

    def __init__(self, text: str) -> None:
        self.ends = {m.start(): m.end() for m in _COMMA_THEN_CAPITAL_RE.finditer(text)}
        super().__init__("d", _NAME_BEFORE_COMMA_RE, text, list(self.ends))

    def first_from(self, pos: int) -> UnlistedMatch | None:
        if self.done or self.next is not None and self.next.start >= pos:
            return self.next
        text = self.text
        for i in range(bisect.bisect_left(self.anchors, pos), len(self.anchors)):
            comma = self.anchors[i]
            # the name must end at the comma: the first one after the form's start
            m = self.pattern.search(text, _run_start(text, comma, pos), comma + 1)
            if m is not None:
                self.next = UnlistedMatch("d", m.start(), m.start(1), m.end(1), self.ends[comma])
                return self.next
        self.done, self.next = True, None
        return None


_VILLAGE_OF_RE = re.compile(_VILLAGE_OF)
_NAMED_SITE_RE = re.compile(_NAMED_SITE)
_ARABIC_NAME_RE = re.compile(_ARABIC_NAME)
_NAME_BEFORE_COMMA_RE = re.compile(_NAME_BEFORE_COMMA + r"(?=,)")
_COMMA_THEN_CAPITAL_RE = re.compile(_COMMA_THEN_CAPITAL)
_NEAR_NAME_IN_RE = re.compile(_NEAR_NAME_IN)


def unlisted_place_matches(text: str) -> Iterator[UnlistedMatch]:
    """What `UNLISTED_PLACE.finditer(text)` finds, in its order: at each position the first
    form that matches there, the scan going on after the match."""
    words = _occurrences(text)
    forms = [
        _Form("a", _VILLAGE_OF_RE, text, _word_before_space(words, text, _VILLAGE_WORDS)),
        _Form("b", _NAMED_SITE_RE, text, _word_after_space(words, text, _SITE_WORDS)),
        _Form("c", _ARABIC_NAME_RE, text, _articles(text)),
        _NameBeforeComma(text),
        _Form("e", _NEAR_NAME_IN_RE, text, _word_before_space(words, text, _NEAR_WORDS, True)),
    ]
    pos = 0
    while True:
        best: UnlistedMatch | None = None
        for form in forms:
            m = form.first_from(pos)
            if m is not None and (best is None or m.start < best.start):
                best = m  # at the same start the earlier form wins, as in the alternation
        if best is None:
            return
        yield best
        pos = best.end
