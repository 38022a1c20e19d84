"""A regex alternation of literal words built as a character trie, for fast scans.

A flat alternation ("Russia|Russian|Ukraine|…") behind a lookbehind makes the regex engine
try every word at every position of the text. As a trie whose top level is a choice of
literal first characters, the engine skips ahead to the next possible first character and
follows one branch per character from there. Longer words are tried first and
backtracking still finds a shorter one, so the first match at a position is the longest
word that lets the rest of the pattern match — as a longest-first flat alternation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any


def literal_trie(words: Iterable[str], after_first: str = "", space: str | None = None) -> str:
    """Regex source matching any of `words` exactly (case as given).

    `after_first` is inserted right after the first character of every word: a zero-width
    check there (such as a lookbehind on the character before the word) keeps the literal
    first character in front, which is what lets the engine skip ahead. `space`, when given,
    is the pattern a space in a word stands for (a run of whitespace, say).
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(trie, after_first, space) or "(?!)"


def _emit(node: Mapping[str, Any], after_first: str | None = None, space: str | None = None) -> str:
    parts = [
        (space if space is not None and ch == " " else re.escape(ch))
        + (after_first or "")
        + _emit(child, None, space)
        for ch, child in sorted(node.items())
        if ch
    ]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return f"(?:{body})?" if "" in node else body
