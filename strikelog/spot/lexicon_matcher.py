"""Aho-Corasick phrase lists: word-bounded, case-insensitive, one pass over the text.

Recognisers read their phrases from the lexicons and ask this matcher for hits; they never
hold phrase strings themselves. The text is searched in a normal form of the same length
(lowercase, every character that cannot be part of a word turned into a space), so offsets
are the original text's and a phrase " … " wrapped in spaces can only match whole words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

import ahocorasick

# Characters that belong to words: letters, digits, "_", hyphen, apostrophes.
_NOT_WORD = re.compile(r"[^\w'’-]")
# The same for ASCII text, as a byte table: a translate is far faster than a regex sub.
_ASCII_NOT_WORD_TO_SPACE = bytes(
    c if c < 128 and (chr(c).isalnum() or chr(c) in "_'-") else 32 for c in range(256)
)
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


@dataclass(frozen=True)
class PhraseHit:
    start: int
    end: int
    phrase: str  # the lexicon phrase (lowercase) that matched
    labels: tuple[str, ...]  # what the lexicon says about it


def _variants(phrase: str, plural: bool) -> list[str]:
    phrase = " ".join(phrase.lower().replace("’", "'").split())
    out = [phrase]
    if plural and not phrase.endswith("s"):
        if phrase.endswith("y") and not phrase.endswith(("ay", "ey", "oy", "uy")):
            out.append(phrase[:-1] + "ies")
        elif phrase.endswith(("sh", "ch", "x")):
            out.append(phrase + "es")
        else:
            out.append(phrase + "s")
    return out


@lru_cache(maxsize=8)
def search_form(text: str) -> str:
    """Lowercase, apostrophes unified, non-word characters as spaces, padded: same offsets + 1."""
    return " " + phrase_form(text) + " "


def phrase_form(text: str) -> str:
    """`search_form` without the padding: for a phrase, what an `in` test on a search form
    looks for."""
    low = text.lower()
    if len(low) != len(text):  # a few characters lowercase to two (e.g. "İ"): keep them
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return _word_characters_only(low.replace("’", "'"))


def _word_characters_only(text: str) -> str:
    """Every character that cannot be part of a word turned into a space."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_NOT_WORD_TO_SPACE).decode("ascii")
    # each non-ASCII character becomes one "?" and so a space; put back the runs of them
    # that hold word characters (accented or Cyrillic letters), same length
    replaced = text.encode("ascii", "replace")
    masked = replaced.translate(_ASCII_NOT_WORD_TO_SPACE).decode("ascii")
    pieces = []
    pos = 0
    for start, end in _non_ascii_runs(text, replaced):
        run = _NOT_WORD.sub(" ", text[start:end])
        if not run.isspace():
            pieces += [masked[pos:start], run]
            pos = end
    if not pieces:
        return masked
    pieces.append(masked[pos:])
    return "".join(pieces)


# Up to this many "?" in a text's ASCII encoding, its runs of non-ASCII characters are found
# from them; past it (Cyrillic text, say) a regex scan is quicker.
_FEW_REPLACED = 64


def _non_ascii_runs(text: str, replaced: bytes) -> list[tuple[int, int]]:
    """The spans of `_NON_ASCII_RUN` in `text`; `replaced` is its ASCII encoding with "?"
    for every other character. Where few characters are not ASCII, finding the "?" is far
    quicker than a regex scan, which tries the character class at every position."""
    if replaced.count(b"?") > _FEW_REPLACED:
        return [m.span() for m in _NON_ASCII_RUN.finditer(text)]
    runs: list[tuple[int, int]] = []
    at = replaced.find(b"?")
    while at >= 0:
        if text[at] != "?":
            if runs and runs[-1][1] == at:
                runs[-1] = (runs[-1][0], at + 1)
            else:
                runs.append((at, at + 1))
        at = replaced.find(b"?", at + 1)
    return runs


def may_contain(low: str, words: Iterable[str], plain: bool = True) -> bool:
    """Whether one of `words` (lowercase) is in `low` (lowercased text): a cheap test before
    a pattern that needs one of them. Always True when not `plain`, for text with a
    character that a case-insensitive pattern may take for an ASCII letter."""
    if not plain:
        return True
    for w in words:  # noqa: SIM110 - a loop is much faster than any() over a generator
        if w in low:
            return True
    return False


def _phrase_table(entries: Iterable[tuple[str, str]], plural: bool) -> dict[str, list[str]]:
    """Search key (the normal form of a phrase) → the labels the lexicon gives it."""
    table: dict[str, list[str]] = {}
    for phrase, label in entries:
        for v in _variants(phrase, plural):
            # what the normal form of the text would read for this phrase
            key = " ".join(_NOT_WORD.sub(" ", v).split())
            if not key:
                continue
            labels = table.setdefault(key, [])
            if label not in labels:
                labels.append(label)
    return table


Hit = tuple[int, int, str, tuple[str, ...]]  # start, end, phrase, labels
_START = itemgetter(0)


def _leftmost_longest(hits: list[Hit]) -> list[Hit]:
    """The hits that stay when each overlap keeps its leftmost, then longest, hit. `hits`
    come in the automaton's order, by end: reversed, a stable sort by start puts the longest
    of a start first, without a key made for each hit (two hits of one list never share
    both start and end)."""
    hits.reverse()
    hits.sort(key=_START)
    out = []
    pos = -1
    for hit in hits:
        if hit[0] < pos:
            continue
        pos = hit[1]
        out.append(hit)
    return out


class PhraseMatcher:
    """Find lexicon phrases in text; the longest phrase wins where phrases overlap."""

    def __init__(self, entries: Iterable[tuple[str, str]], *, plural: bool = False) -> None:
        table = _phrase_table(entries, plural)
        self._automaton = ahocorasick.Automaton()
        for key, labels in table.items():
            self._automaton.add_word(f" {key} ", (key, tuple(labels)))
        self._empty = not table
        if not self._empty:
            self._automaton.make_automaton()

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[PhraseHit]:
        if self._empty:
            return
        form = search_form(text)
        stop = len(text) if end is None else end
        hits: list[Hit] = []
        for last, (key, labels) in self._automaton.iter(form, start, min(len(form), stop + 2)):
            # `last` is the index of the closing space; the phrase ends one before it
            e = last - 1
            s = e - len(key)
            if s >= start and e <= stop:
                hits.append((s, e, key, labels))
        for s, e, key, labels in _leftmost_longest(hits):
            yield PhraseHit(s, e, key, labels)


class PhraseIndex:
    """Several phrase lists in one automaton: one pass over the text finds the hits of
    every list, each list resolved on its own (the longest phrase of that list wins).
    The same pass finds where plain substrings of the search form occur (`substrings`), for
    callers that would otherwise scan the whole text for them one by one."""

    def __init__(
        self,
        lists: Mapping[str, tuple[Iterable[tuple[str, str]], bool]],
        substrings: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        """`lists`: name → (phrase, label) entries and whether plurals are added;
        `substrings`: name → strings as a search form has them, found anywhere (no word
        bounds)."""
        self.names = tuple(lists)
        self.substring_names = tuple(substrings or {})
        # an owner is (list index, length of the key + 1, key, labels): the length spares a
        # len() per hit; a substring's list index comes after the phrase lists' and its
        # labels are None
        merged: dict[str, list[tuple[int, int, str, tuple[str, ...] | None]]] = {}
        for index, (entries, plural) in enumerate(lists.values()):
            for key, labels in _phrase_table(entries, plural).items():
                merged.setdefault(f" {key} ", []).append((index, len(key) + 1, key, tuple(labels)))
        for index, strings in enumerate((substrings or {}).values(), start=len(self.names)):
            for string in dict.fromkeys(strings):
                if string:
                    merged.setdefault(string, []).append((index, len(string) + 1, string, None))
        self._automaton = ahocorasick.Automaton()
        for word, owners in merged.items():
            self._automaton.add_word(word, tuple(owners))
        if merged:
            self._automaton.make_automaton()
        self._empty = not merged

    def find(self, text: str) -> dict[str, list[Hit]]:
        """Hits per list name, sorted by start, leftmost-longest and non-overlapping."""
        return self.find_all(text)[0]

    def find_all(self, text: str) -> tuple[dict[str, list[Hit]], dict[str, list[int]]]:
        """`find`'s hits, and per substring name where its strings start in `text` (-1 for
        one that starts on the search form's leading pad), in the automaton's order."""
        phrase_lists = len(self.names)
        per_list: list[list[Hit]] = [[] for _ in self.names]
        per_substring: list[list[int]] = [[] for _ in self.substring_names]
        if not self._empty:
            for last, owners in self._automaton.iter(search_form(text)):
                for index, n, key, labels in owners:
                    if labels is not None:
                        # `last` is the index of the closing space; the phrase ends before it
                        per_list[index].append((last - n, last - 1, key, labels))
                    else:
                        # the form is the text padded by one: text offset = form offset - 1
                        per_substring[index - phrase_lists].append(last - n + 1)
        hits = {
            name: _leftmost_longest(hits) for name, hits in zip(self.names, per_list, strict=True)
        }
        return hits, dict(zip(self.substring_names, per_substring, strict=True))
