"""`find_actors` finds what one scan with the regex of every actor name finds."""

import random
import re
from collections.abc import Iterable
from pathlib import Path

from strikelog.spot.actors import _actor_matches, actor_table

ROOT = Path(__file__).resolve().parents[2]


def _spans(matches: Iterable[re.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def test_same_matches_as_one_regex_on_pieced_texts() -> None:
    table = actor_table()
    pieces = [*table.entries, " ", "-", "x", "a", "al", "military", "para", " junta", ".", "\n"]
    rng = random.Random(3)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 20)))
        assert _spans(_actor_matches(text)) == _spans(table.regex.finditer(text)), text


def test_same_matches_as_one_regex_on_dev_reports() -> None:
    table = actor_table()
    paths = sorted((ROOT / "dev").rglob("*.txt")) + sorted((ROOT / "examples").rglob("*.txt"))
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert _spans(_actor_matches(text)) == _spans(table.regex.finditer(text)), path
