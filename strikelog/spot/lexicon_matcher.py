"""One compiled, word-bounded, case-insensitive matcher per phrase list.

Recognisers read their phrases from the lexicons and ask this matcher for hits; they never
hold phrase strings themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class PhraseHit:
    start: int
    end: int
    phrase: str  # the lexicon phrase (lowercase) that matched
    labels: tuple[str, ...]  # what the lexicon says about it


def _variants(phrase: str, plural: bool) -> list[str]:
    phrase = phrase.lower().strip()
    out = [phrase]
    if plural and not phrase.endswith("s"):
        if phrase.endswith("y") and not phrase.endswith(("ay", "ey", "oy", "uy")):
            out.append(phrase[:-1] + "ies")
        elif phrase.endswith(("sh", "ch", "x")):
            out.append(phrase + "es")
        else:
            out.append(phrase + "s")
    return out


class PhraseMatcher:
    """Find lexicon phrases in text; longest phrase wins at each position."""

    def __init__(self, entries: Iterable[tuple[str, str]], *, plural: bool = False) -> None:
        table: dict[str, list[str]] = {}
        for phrase, label in entries:
            for v in _variants(phrase, plural):
                labels = table.setdefault(v, [])
                if label not in labels:
                    labels.append(label)
        self._labels = {k: tuple(v) for k, v in table.items()}
        alternation = "|".join(
            re.escape(p).replace(r"\ ", r"[\s\u00a0]+")
            for p in sorted(self._labels, key=len, reverse=True)
        )
        # (?<![\w-]) / (?![\w-]): "S-300" is one word; "drone" is not found in "drones-maker".
        self._regex = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[PhraseHit]:
        for m in self._regex.finditer(text, start, len(text) if end is None else end):
            key = re.sub(r"[\s\u00a0]+", " ", m.group(0).lower())
            yield PhraseHit(m.start(), m.end(), key, self._labels.get(key, ()))
