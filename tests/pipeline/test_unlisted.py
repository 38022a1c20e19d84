"""`unlisted_place_matches` finds what one scan with `UNLISTED_PLACE` finds."""

import random
from pathlib import Path

import pytest

from strikelog.unlisted import UNLISTED_PLACE, unlisted_place_matches

ROOT = Path(__file__).resolve().parents[2]

PIECES = [
    "the village of Ras Isa", "town of Al-Foo Bar", "Abu Shouk camp", "Ras Isa fuel  port",
    "Kharkiv oil\nrefinery", " in al-Mawasi", " near ash-Shifa Hospital",
    "in Kabkabiya, North Darfur", "at Foo Bar-al-Baz,\n Region", " in ", "in  El-Fasher, Darfur",
    ", ", "Camp", " camp ", "Ras", "-", "’", "Foo’s", "power station", " IDP camp",
    "downtown of X", "on az-Zawiya", " at ", "Near X, Y", "hamlet of A-B C", ".", "\n",
    "Zamzam displacement camp, North", "in A,B", "in Abc, Def village", " ", "x", "Word", "the ",
]


def _expected(text: str) -> list[tuple[str, int, int, int, int]]:
    return [
        (m.lastgroup or "", m.start(), m.start(m.lastgroup), m.end(m.lastgroup), m.end())
        for m in UNLISTED_PLACE.finditer(text)
    ]


def _found(text: str) -> list[tuple[str, int, int, int, int]]:
    return [tuple(m) for m in unlisted_place_matches(text)]  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    [
        "Drones hit the village of Ras Isa and the Abu Shouk camp, officials said.",
        "Shelling in al-Mawasi and near ash-Shifa killed two; in Kabkabiya, North Darfur, too.",
        "in Kabkabiya,North Darfur",  # no space after the comma: not form d
        "the village of Ras Isa camp",  # one match, the earlier form
        "",
    ],
)
def test_same_matches_as_the_one_regex(text: str) -> None:
    assert _found(text) == _expected(text)


def test_same_matches_on_pieced_texts() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30)))
        assert _found(text) == _expected(text), text


def test_same_matches_on_dev_reports() -> None:
    paths = sorted((ROOT / "dev").rglob("*.txt")) + sorted((ROOT / "examples").rglob("*.txt"))
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert _found(text) == _expected(text), path


@pytest.mark.parametrize(
    "text",
    [
        "Foo camp " * 2000,  # one long run holding many anchors: read once, not once each
        "the village of Foo " * 2000,
        "in al-Foo " * 2000,
        "in Foo, Bar " * 2000,
        ("Foo " * 300 + ", ") * 20,
    ],
)
def test_same_matches_in_long_runs(text: str) -> None:
    assert _found(text) == _expected(text)
