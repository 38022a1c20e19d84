"""English quantities: (text, expected) tables for `strikelog.spot.numbers`.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strikelog.spot.numbers import Quantity, find_quantities, parse_number


def only(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def check_spans(text: str, found: list[Quantity]) -> None:
    last_end = 0
    for q in found:
        assert text[q.start : q.end] == q.text
        assert q.start <= q.num_start < q.num_end <= q.end
        assert q.start >= last_end, "quantities overlap or are out of order"
        last_end = q.end


# ---- plain counts: (text, number as written, value) ----------------------------------------
COUNTS = [
    ("Rescuers found 7 bodies.", "7", 7),
    ("The air force counted 405 drones.", "405", 405),
    ("Power was cut to 1,200 homes.", "1,200", 1200),
    ("Power was cut to 12,500,000 homes.", "12,500,000", 12500000),
    ("Power was cut to 1 200 homes.", "1 200", 1200),
    ("Power was cut to 1\u00a0200 homes.", "1\u00a0200", 1200),
    ("Power was cut to 1\u202f200 homes.", "1\u202f200", 1200),
    ("Crews evacuated 1.5 million people.", "1.5 million", 1500000),
    ("Crews evacuated 2 million people.", "2 million", 2000000),
    ("Medics treated seven people.", "seven", 7),
    ("Seven people died in the blast.", "Seven", 7),
    ("SEVEN PEOPLE DIED IN THE BLAST", "SEVEN", 7),
    ("Medics treated eleven people.", "eleven", 11),
    ("They shot down twenty-seven drones.", "twenty-seven", 27),
    ("They shot down twenty seven drones.", "twenty seven", 27),
    ("Russia fired four hundred and five drones.", "four hundred and five", 405),
    ("Russia fired one hundred and twelve drones.", "one hundred and twelve", 112),
    ("Russia fired a hundred drones.", "a hundred", 100),
    ("Russia fired a thousand drones.", "a thousand", 1000),
    ("Nearby, three thousand homes lost heat.", "three thousand", 3000),
    ("Only one person was hurt.", "one", 1),
    ("One of the missiles hit a school.", "One", 1),
    ("Officials named one of the victims.", "one", 1),
    ("The strike left zero survivors.", "zero", 0),
    ("“Nine people,” the governor wrote.", "Nine", 9),
    ("(Three more were found later.)", "Three", 3),
]


@pytest.mark.parametrize(("text", "written", "value"), COUNTS)
def test_counts(text: str, written: str, value: int) -> None:
    q = only(text)
    assert text[q.num_start : q.num_end] == written
    assert (q.value, q.qualifier, q.low, q.high) == (value, "exact", value, value)
    assert not q.is_age and not q.vague


# ---- a dozen: a round figure, so "about" -----------------------------------------------------
ROUND = [
    ("They launched a dozen drones.", "a dozen", 12),
    ("They launched two dozen drones.", "two dozen", 24),
    ("They launched 3 dozen drones.", "3 dozen", 36),
    ("They launched half a dozen drones.", "half a dozen", 6),
    ("They launched a couple of drones.", "a couple of", 2),
]


@pytest.mark.parametrize(("text", "written", "value"), ROUND)
def test_round_figures_are_about(text: str, written: str, value: int) -> None:
    q = only(text)
    assert (q.text, q.value, q.qualifier) == (written, value, "about")


def test_explicit_qualifier_beats_round_figure() -> None:
    q = only("At least a dozen shells landed.")
    assert (q.text, q.value, q.qualifier, q.low) == ("At least a dozen", 12, "at_least", 12)


# ---- qualifiers: (text, whole text, qualifier, value, low, high) -----------------------------
QUALIFIED = [
    ("at least 7 died", "at least 7", "at_least", 7, 7, None),
    ("At least seven died", "At least seven", "at_least", 7, 7, None),
    ("no fewer than 9 died", "no fewer than 9", "at_least", 9, 9, None),
    ("a minimum of 4 died", "a minimum of 4", "at_least", 4, 4, None),
    ("more than 20 drones", "more than 20", "more_than", 20, 21, None),
    ("over 100 drones", "over 100", "more_than", 100, 101, None),
    ("upwards of 50 drones", "upwards of 50", "more_than", 50, 51, None),
    ("in excess of 60 drones", "in excess of 60", "more_than", 60, 61, None),
    ("well over 300 drones", "well over 300", "more_than", 300, 301, None),
    ("about 30 drones", "about 30", "about", 30, None, None),
    ("around 30 drones", "around 30", "about", 30, None, None),
    ("approximately 30 drones", "approximately 30", "about", 30, None, None),
    ("roughly 30 drones", "roughly 30", "about", 30, None, None),
    ("some 30 drones", "some 30", "about", 30, None, None),
    ("an estimated 1,500 people", "an estimated 1,500", "about", 1500, None, None),
    ("nearly 50 people", "nearly 50", "about", 50, None, 50),
    ("almost fifty people", "almost fifty", "about", 50, None, 50),
    ("close to 40 people", "close to 40", "about", 40, None, 40),
    ("up to 20 missiles", "up to 20", "up_to", 20, None, 20),
    ("as many as 20 missiles", "as many as 20", "up_to", 20, None, 20),
    ("fewer than 5 casualties", "fewer than 5", "fewer_than", 5, None, 4),
    ("less than 5 casualties", "less than 5", "fewer_than", 5, None, 4),
    ("under 10 casualties", "under 10", "fewer_than", 10, None, 9),
    ("At\u00a0least 3 died", "At\u00a0least 3", "at_least", 3, 3, None),
    ("at least one person", "at least one", "at_least", 1, 1, None),
    ("more than 2000 people", "more than 2000", "more_than", 2000, 2001, None),
]


@pytest.mark.parametrize(("text", "whole", "qualifier", "value", "low", "high"), QUALIFIED)
def test_qualifiers(
    text: str, whole: str, qualifier: str, value: int, low: int | None, high: int | None
) -> None:
    q = only(text)
    assert (q.text, q.qualifier, q.value, q.low, q.high) == (whole, qualifier, value, low, high)
    assert text[q.num_start : q.num_end].lower().strip() not in ("", "at least")


# ---- vague amounts: (text, number as written, low, high) -------------------------------------
VAGUE = [
    ("dozens of people were hurt", "dozens", 24, None),
    ("dozens more were evacuated", "dozens", 24, None),
    ("hundreds lost power", "hundreds", 200, None),
    ("thousands lost power", "thousands", 2000, None),
    ("tens of thousands lost power", "tens of thousands", 20000, None),
    ("hundreds of thousands lost power", "hundreds of thousands", 200000, None),
    ("several regions were hit", "several", 3, None),
    ("a few houses burned", "a few", 2, None),
    ("a number of drones got through", "a number of", 2, None),
    ("multiple waves of drones", "multiple", 2, None),
    ("scores of windows shattered", "scores of", 40, None),
    ("numerous buildings burned", "numerous", 3, None),
    ("a handful of drones got through", "a handful of", 2, 5),
    ("several hundred drones", "several hundred", 300, None),
    ("a few dozen drones", "a few dozen", 24, None),
]


@pytest.mark.parametrize(("text", "written", "low", "high"), VAGUE)
def test_vague(text: str, written: str, low: int, high: int | None) -> None:
    q = only(text)
    assert text[q.num_start : q.num_end] == written
    assert (q.value, q.vague, q.qualifier, q.low, q.high) == (None, True, "at_least", low, high)


# ---- ranges: (text, whole text, low, high) ----------------------------------------------------
RANGES = [
    ("10 to 15 people were hurt", "10 to 15", 10, 15),
    ("10-15 people were hurt", "10-15", 10, 15),
    ("10–15 people were hurt", "10–15", 10, 15),
    ("10 – 15 people were hurt", "10 – 15", 10, 15),
    ("between 10 and 15 people were hurt", "between 10 and 15", 10, 15),
    ("two or three drones got through", "two or three", 2, 3),
    ("10 to 15 thousand people fled", "10 to 15 thousand", 10000, 15000),
    ("between five and six hundred homes", "between five and six hundred", 500, 600),
    ("1,200-1,500 homes lost power", "1,200-1,500", 1200, 1500),
    ("some 10 to 15 drones", "some 10 to 15", 10, 15),
]


@pytest.mark.parametrize(("text", "whole", "low", "high"), RANGES)
def test_ranges(text: str, whole: str, low: int, high: int) -> None:
    q = only(text)
    assert (q.text, q.value, q.qualifier, q.low, q.high) == (whole, None, "about", low, high)
    assert not q.is_age


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("The toll rose from 10 to 15.", [10, 15]),  # a change, not a range
        ("The toll rose by 3 to 15.", [3, 15]),
        ("Seven to five.", [7, 5]),  # falling numbers are no range
    ],
)
def test_changes_are_not_ranges(text: str, values: list[int]) -> None:
    assert [q.value for q in find_quantities(text)] == values


# ---- not quantities at all ----------------------------------------------------------------------
NOT_QUANTITIES = [
    # ordinals
    "the first strike",
    "a second wave",
    "the 3rd attack",
    "on the 21st floor",
    "the twenty-first attack",
    # years, dates and times
    "in 2024",
    "the 2022 invasion",
    "between 2022 and 2024",
    "from 2022-2023",
    "on 12 May",
    "on May 12",
    "on 22 October",
    "on 22 Oct.",
    "from 10 to 15 May",
    "on 12–15 May",
    "at 4:30",
    "at 04:30",
    "at 0300 GMT",
    "at 10 pm",
    "at 10 a.m.",
    "since the 1990s",
    "in the ’90s",
    "the 12.05.2024 raid",
    "open 24/7",
    # money, shares, measures, durations
    "15% of homes",
    "15 percent of homes",
    "15 per cent of homes",
    "$5 million in damage",
    "UAH 5,000 in aid",
    "5 million dollars",
    "30 km from the border",
    "3,000 metres up",
    "for 24 hours",
    "for three days",
    "three times a day",
    "snow of up to 15 centimetres",
    "multiple rocket launchers",
    "a 4.5 magnitude quake",
    # hyphenated durations and compounds
    "the two-year-long conflict",
    "a three-day siege",
    "a 24-hour curfew",
    "a five-storey block",
    "a one-off strike",
    "two-thirds of the city",
    # weapon models and codes
    "a Su-34 jet",
    "a Kh-101 missile",
    "the S-300 system",
    "a KN-23 missile",
    "F-16 jets",
    "a Tu-95 bomber",
    "a MiG-31K jet",
    "a Shahed-136 drone",
    "an Iskander-M missile",
    "a 9M723 missile",
    "Tu-22M3 bombers",
    "flight MH17",
    "the G7 summit",
    "Article 5 of the treaty",
    "call #3",
    # "one" that is not a count, and articles
    "no one was hurt",
    "No one was hurt",
    "the one that hit",
    "they helped one another",
    "someone called",
    "a drone hit",
    "an attack began",
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == [], [q.text for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("In March 12 people died.", 12),  # a month, not a date
        ("12 may be hurt", 12),  # "may" is a verb
        ("the toll stands at 4", 4),
    ],
)
def test_near_misses_that_are_counts(text: str, value: int) -> None:
    assert only(text).value == value


# ---- ages: (text, whole text, age_years, age_months, decade) ---------------------------------
AGES = [
    ("a 36-year-old woman", "36-year-old", 36, None, False),
    ("a 36-year old woman", "36-year old", 36, None, False),
    ("a 36 year old woman", "36 year old", 36, None, False),
    ("a 12-year-old girl", "12-year-old", 12, None, False),
    ("a 70-year-old man", "70-year-old", 70, None, False),
    ("the boy was 12 years old", "12 years old", 12, None, False),
    ("the man, 40 years of age", "40 years of age", 40, None, False),
    ("a twelve-year-old boy", "twelve-year-old", 12, None, False),
    ("her six-month-old baby", "six-month-old", 0, 6, False),
    ("a baby 6 months old", "6 months old", 0, 6, False),
    ("an 18-month-old toddler", "18-month-old", 1, 18, False),
    ("a 12-month-old boy", "12-month-old", 1, 12, False),
    ("a six-week-old baby", "six-week-old", 0, 1, False),
    ("a 3-week-old baby", "3-week-old", 0, 0, False),
    ("a girl aged 12", "aged 12", 12, None, False),
    ("a girl, age 12,", "age 12", 12, None, False),
    ("died at the age of 90", "at the age of 90", 90, None, False),
    ("a couple in their 60s", "in their 60s", 60, None, True),
    ("a man in his 70s", "in his 70s", 70, None, True),
    ("a woman in her early 30s", "in her early 30s", 30, None, True),
    ("a woman in her late forties", "in her late forties", 40, None, True),
    ("a couple in their 60’s", "in their 60’s", 60, None, True),
]


@pytest.mark.parametrize(("text", "whole", "years", "months", "decade"), AGES)
def test_ages(text: str, whole: str, years: int, months: int | None, decade: bool) -> None:
    q = only(text)
    assert q.is_age and not q.vague
    assert (q.text, q.age_years, q.age_months, q.decade) == (whole, years, months, decade)


def test_decade_bounds() -> None:
    q = only("a man in his 70s")
    assert (q.value, q.low, q.high) == (70, 70, 79)


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("A man, 45, was killed.", [45]),
        ("Olena Marchuk, 61, was hurt.", [61]),
        ("The dead include Petro Savchuk, 58, a farmer.", [58]),
        ("A nurse, 29.", [29]),
        ("The driver (52) was hurt.", [52]),
        ("two boys aged 5 and 7 were killed", [5, 7]),
        ("girls aged 4, 9 and 11", [4, 9, 11]),
    ],
)
def test_apposition_and_listed_ages(text: str, ages: list[int]) -> None:
    found = find_quantities(text)
    assert [q.age_years for q in found if q.is_age] == ages


@pytest.mark.parametrize(
    "text",
    [
        "Share | Comments (4)",  # page furniture, not a person
        "Kharkiv, 45, and Sumy, 12.",  # places in a tally
        "In Kharkiv, 45, were hurt.",
        "The drones (45) came from the east.",
    ],
)
def test_bare_numbers_that_are_not_ages(text: str) -> None:
    assert not any(q.is_age for q in find_quantities(text))


def test_age_list_stops_at_a_count() -> None:
    found = find_quantities("a man aged 45 and 12 others were hurt")
    assert [(q.value, q.is_age) for q in found] == [(45, True), (12, False)]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("10-12-year-old boys", 10, 12),
        ("children 5 to 7 years old", 5, 7),
        ("adults aged between 20 and 30", 20, 30),
    ],
)
def test_age_ranges(text: str, low: int, high: int) -> None:
    q = only(text)
    assert (q.is_age, q.low, q.high, q.value) == (True, low, high, None)


def test_count_and_age_side_by_side() -> None:
    found = find_quantities("Two 12-year-olds and a 70-year-old were hurt.")
    assert [(q.text, q.is_age) for q in found] == [
        ("Two", False),
        ("12-year-olds", True),
        ("70-year-old", True),
    ]


def test_sentence_with_everything() -> None:
    text = (
        "At least seven people, including two children, died after Russia launched "
        "405 drones and 28 missiles overnight on 22 October; a 36-year-old woman and "
        "her six-month-old son were among them, and dozens more were hurt."
    )
    found = find_quantities(text)
    check_spans(text, found)
    assert [(q.text, q.value, q.is_age) for q in found] == [
        ("At least seven", 7, False),
        ("two", 2, False),
        ("405", 405, False),
        ("28", 28, False),
        ("36-year-old", 36, True),
        ("six-month-old", 6, True),
        ("dozens", None, False),
    ]


# ---- parse_number ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("four hundred and five", 405),
        ("four hundred five", 405),
        ("Twenty-Seven", 27),
        ("27", 27),
        ("1,200", 1200),
        ("1 200", 1200),
        ("1\u00a0200", 1200),
        ("two dozen", 24),
        ("a dozen", 12),
        ("a hundred", 100),
        ("one million two hundred thousand", 1200000),
        ("1.5 million", 1500000),
        ("1.15 million", 1150000),
        ("twelve hundred", 1200),
        ("dozens", None),
        ("several", None),
        ("a", None),
        ("4.5", None),
        ("seven apples", None),
        ("", None),
    ],
)
def test_parse_number(words: str, value: int | None) -> None:
    assert parse_number(words) == value


# ---- robustness --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n", "7", "seven", "at least", "between 10 and", "10-", "-10", "\x00\x01", "İ 7"],
)
def test_odd_inputs_do_not_break(text: str) -> None:
    check_spans(text, find_quantities(text))


WORDS = st.sampled_from(
    [
        "at least", "7", "seven", "1,200", "12-year-old", "dozens", "of", "people", "in",
        "their", "60s", "to", "-", "–", "10", "15", "May", "2024", "Su-34", "one", "no",
        "between", "and", "aged", ",", "(", ")", "\u00a0", "a", "hundred", "%", "km",
    ]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=25), st.sampled_from([" ", "", "\u00a0"]))
def test_spans_always_hold(words: list[str], sep: str) -> None:
    text = sep.join(words)
    check_spans(text, find_quantities(text))
