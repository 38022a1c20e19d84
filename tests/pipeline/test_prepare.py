"""prepare: sentences as offsets, boilerplate flagged (never removed)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strikelog.prepare import _LINKED_HEADLINE, _is_linked_headline, prepare

TEXT = (
    "Searches went on through the night for two missing residents.\n"
    "Home > World > Europe\n"
    "KYIV, July 10 (Newswire) - A drone hit a house in Kyiv. Two people were hurt, Mr. "
    "Klymenko said.\n"
    "Related coverage\n"
    "- Drone strike on Lviv kills three\n"
    "- Factbox: the air defence systems Ukraine has\n"
    "The city council said repairs would start on Monday.\n"
    "(Reporting by A. Writer; Editing by B. Editor)\n"
    "© 2025 Newswire. All rights reserved."
)


def test_offsets_are_exact():
    doc = prepare(TEXT)
    for s in doc.sentences:
        assert TEXT[s.start : s.end] == TEXT[s.start : s.end].strip()
        assert s.end > s.start


def test_abbreviations_do_not_split():
    doc = prepare(TEXT)
    texts = [TEXT[s.start : s.end] for s in doc.sentences]
    assert "Two people were hurt, Mr. Klymenko said." in texts


@pytest.mark.parametrize(
    ("line", "boilerplate"),
    [
        ("Home > World > Europe", True),
        ("Related coverage", True),
        ("- Drone strike on Lviv kills three", True),
        ("- Factbox: the air defence systems Ukraine has", True),
        ("The city council said repairs would start on Monday.", False),
        ("Searches went on through the night for two missing residents.", False),
        ("(Reporting by A. Writer; Editing by B. Editor)", True),
        ("© 2025 Newswire.", True),
        ("KYIV, July 10 (Newswire) - A drone hit a house in Kyiv.", False),
    ],
)
def test_boilerplate_lines(line, boilerplate):
    doc = prepare(TEXT)
    flags = {TEXT[s.start : s.end]: s.boilerplate for s in doc.sentences}
    matching = [flag for text, flag in flags.items() if text.startswith(line)]
    assert matching and all(f is boilerplate for f in matching)


def test_a_caption_credit_is_boilerplate_with_its_caption():
    from strikelog.prepare import prepare

    text = "A bomb hit Kharkiv.\n\nPhoto: Firefighters at the building. (Kharkiv city council)\n"
    flags = [s.boilerplate for s in prepare(text).sentences]
    assert flags == [False, True, True]


def test_a_line_with_a_photo_credit_is_a_caption_whatever_it_starts_with():
    from strikelog.prepare import prepare

    text = (
        "Rescuers clear rubble in Sumy, Ukraine, March 3, 2023. NEWSWIRE/Jane Roe\n\n"
        "A missile hit Sumy on Tuesday.\n"
    ).replace("NEWSWIRE/", "REUTERS/")
    flags = [s.boilerplate for s in prepare(text).sentences]
    assert flags == [True, True, False]


def test_an_old_dated_caption_makes_no_wave(run):
    out = run(
        "A soldier looks at drone wreckage in Odesa, Ukraine, May 4, 2022. REUTERS/Jo Bloggs\n\n"
        "Ukraine downs 20 of 24 drones launched in Russia's overnight attack\n\n"
        "Ukraine's air force said it shot down 20 of the 24 drones Russia launched overnight.",
        published="2025-03-01",
    )
    assert [(w["attacker"], w["target_country"]) for w in out["waves"]] == [("Russia", "UA")]


def test_an_agency_credit_in_brackets_makes_a_caption():
    from strikelog.prepare import prepare

    text = (
        "A destroyer fires at an incoming drone (A. Photographer/MoD/Crown Copyright/PA) "
        "(PA Media)\n\nKYIV (Newswire) - A drone hit Odesa.\n"
    )
    flags = [s.boilerplate for s in prepare(text).sentences]
    assert flags[0] is True and flags[-1] is False


@given(
    st.lists(
        st.sampled_from(["Sudan", "UN", "Al", "Jazeera", "St.", "war", " ", " ", "-", "–", "—",
                         ".", ":", "!", '"', "\t", "in", "x"]),
        max_size=14,
    )
)
def test_the_linked_headline_test_is_the_regex_search(pieces: list[str]) -> None:
    # the quick test tries the pattern at the last dash only: same answer as a full search
    line = "".join(pieces).strip()
    assert _is_linked_headline(line) == (_LINKED_HEADLINE.search(line) is not None)
