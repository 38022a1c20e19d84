"""The search form keeps word characters of any script and only them, at the same offsets."""

import random

from strikelog.spot.lexicon_matcher import _NOT_WORD, _word_characters_only, phrase_form


def _by_regex(text: str) -> str:
    return _NOT_WORD.sub(" ", text)


def test_same_as_the_regex_for_any_mix_of_scripts() -> None:
    rng = random.Random(5)
    alphabet = "ab ?’“”é-İıБж\u00a0_.'x"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert _word_characters_only(text) == _by_regex(text), text


def test_many_characters_outside_ascii() -> None:
    for text in ("Б" * 100 + "?" * 70, "?" * 65 + "é", "é" * 65, "Київ?" * 30):
        assert _word_characters_only(text) == _by_regex(text)


def test_phrase_form() -> None:
    assert phrase_form("Drones hit “Kyiv’s” centre") == "drones hit  kyiv's  centre"
