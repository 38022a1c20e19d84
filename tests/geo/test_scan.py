"""The fast scan of `find`: it looks only at words that may start a name, so the
regexes that pick them must never miss one, and offsets must survive lowercasing."""

from __future__ import annotations

import sys

import pytest

from strikelog.geo.gazetteer import Gazetteer
from strikelog.geo.matcher import _MAYBE_CAPITALISED, _lowered


def _is_word_char(c: str) -> bool:
    return c.isalnum()  # what [^\W_] means for str patterns


def test_every_capital_letter_is_a_candidate() -> None:
    capitals = [chr(i) for i in range(sys.maxunicode + 1)
                if chr(i).isupper() and _is_word_char(chr(i))]
    assert len(capitals) > 1000
    missed = [c for c in capitals if _MAYBE_CAPITALISED.search(f". {c}x") is None]
    assert missed == []


def test_letters_inside_words_are_not_candidates() -> None:
    assert [m.group() for m in _MAYBE_CAPITALISED.finditer("McKyiv said 3Kyiv, Kyiv")] == [
        "McKyiv", "Kyiv"]


def test_lowercasing_keeps_word_edges_and_offsets() -> None:
    # the scan runs on the text, the keys are read from the lowered text at the same
    # offsets: a character must be a word character exactly when its lowercase is
    changed = [hex(i) for i in range(sys.maxunicode + 1)
               if len(chr(i).lower()) == 1
               and _is_word_char(chr(i)) != _is_word_char(chr(i).lower())]
    assert changed == []
    text = "İstanbul, ΣΟΦΙΑΣ and Kyiv"
    assert len(_lowered(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Strikes near foo_Kyiv overnight.", [("Kyiv", "settlement")]),
        ("Kyiv_region was quiet", [("Kyiv", "settlement")]),
        ("Drones over tHe capital.", [("tHe capital", "capital")]),
        ("DRONES OVER THE CAPITAL", [("THE CAPITAL", "capital")]),
        ("Talks in the Hague ended.", [("the Hague", "settlement")]),
        ("no kyiv here, but Kyiv3 and 3Kyiv are not names", []),
        ("Удари по Києву і Київ, київ", [("Київ", "settlement")]),
        ("İstanbul and Kyiv", [("Kyiv", "settlement")]),
    ],
)
def test_edge_texts(gaz: Gazetteer, text: str, expected: list[tuple[str, str]]) -> None:
    mentions = gaz.find(text)
    assert [(m.text, m.kind) for m in mentions] == expected
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_candidate_lists_are_not_shared(gaz: Gazetteer) -> None:
    first, second = gaz.find("Kyiv and Kyiv")
    assert first.candidates == second.candidates
    first.candidates.clear()
    assert second.candidates and gaz.find("Kyiv")[0].candidates == second.candidates
