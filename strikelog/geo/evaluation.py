"""Figures for the gazetteer: geonameid and admin1 accuracy over a list of written
mentions (dev/places/mentions.tsv), and false places per 1,000 words of place-free text."""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from strikelog.geo.gazetteer import Gazetteer

_WORD = re.compile(r"\w+")


@dataclass
class MentionScore:
    total: int = 0
    found: int = 0
    geonameid_right: int = 0
    admin1_right: int = 0
    by_case: Counter[str] = field(default_factory=Counter)
    by_case_right: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    @property
    def geonameid_accuracy(self) -> float:
        return self.geonameid_right / self.total if self.total else 0.0

    @property
    def admin1_accuracy(self) -> float:
        return self.admin1_right / self.total if self.total else 0.0


def read_mentions(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def score_mentions(gaz: Gazetteer, rows: Iterable[dict[str, str]]) -> MentionScore:
    score = MentionScore()
    for row in rows:
        score.total += 1
        score.by_case[row["case"]] += 1
        sentence = row["sentence"]
        mentions = gaz.find(sentence)
        places = gaz.resolve(mentions, countries=row["countries"].split(","), text=sentence)
        hit = next((p for m, p in zip(mentions, places, strict=True)
                    if m.text == row["mention"]), None)
        if hit is None:
            score.misses.append(f"not found: {row['mention']!r} in {sentence!r}")
            continue
        score.found += 1
        if str(hit.geonameid) == row["geonameid"]:
            score.geonameid_right += 1
            score.by_case_right[row["case"]] += 1
        else:
            score.misses.append(
                f"{row['mention']!r}: got {hit.geonameid} {hit.name} ({hit.admin1}, "
                f"{hit.precision}), want {row['geonameid']} ({row['admin1']})"
            )
        if (hit.admin1 or "") == row["admin1"]:
            score.admin1_right += 1
    return score


def false_places(gaz: Gazetteer, texts: Iterable[str]) -> tuple[int, int, list[str]]:
    """(place mentions found, words read, the mentions) over texts that name no place."""
    found: list[str] = []
    words = 0
    for text in texts:
        words += len(_WORD.findall(text))
        found.extend(m.text for m in gaz.find(text))
    return len(found), words, found
