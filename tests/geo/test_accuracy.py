"""Pinned floors: geonameid and admin1 accuracy on dev/places/mentions.tsv, and false
places per 1,000 words of news text that names no place. Floors are the measured
figures (docs/gazetteer.md); a change that lowers them fails here."""

from __future__ import annotations

from pathlib import Path

from strikelog.geo.evaluation import false_places, read_mentions, score_mentions
from strikelog.geo.gazetteer import Gazetteer

ROOT = Path(__file__).resolve().parents[2]
GEONAMEID_FLOOR = 0.99
ADMIN1_FLOOR = 0.99
FALSE_PLACES_PER_1000_WORDS_CEILING = 0.5


def _noplace_texts() -> list[str]:
    paths = sorted((ROOT / "dev" / "noplace").glob("*.txt"))
    paths.append(Path(__file__).with_name("data") / "noplace.txt")
    return [p.read_text(encoding="utf-8") for p in paths]


def test_mention_accuracy(gaz: Gazetteer) -> None:
    rows = read_mentions(ROOT / "dev" / "places" / "mentions.tsv")
    assert len(rows) >= 300
    score = score_mentions(gaz, rows)
    assert score.geonameid_accuracy >= GEONAMEID_FLOOR, score.misses
    assert score.admin1_accuracy >= ADMIN1_FLOOR, score.misses


def test_false_place_rate(gaz: Gazetteer) -> None:
    found, words, mentions = false_places(gaz, _noplace_texts())
    assert words >= 1000
    assert found * 1000 / words <= FALSE_PLACES_PER_1000_WORDS_CEILING, mentions
