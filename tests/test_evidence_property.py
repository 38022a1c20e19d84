"""Every number the pipeline outputs points at the text it came from, for any input.

For each report in dev/reports and examples/, and for texts generated from a small grammar
of attack sentences mixed with boilerplate and unicode noise (curly quotes, non-breaking
spaces, dashes, emoji, Cyrillic, zero-width spaces), `strikelog.extract` must:

- not raise, and give a JSON-serialisable `to_dict()`;
- give every figure at least one evidence span, and every span ``text[start:end] == span.text``;
- give every victim and every place at least one evidence span, each valid;
- keep children ≤ people where both figures are exact.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import strikelog
from strikelog.models import Extraction, Figure, Place, Span

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "dev" / "reports").glob("*.txt")) + sorted(
    (ROOT / "examples").rglob("*.txt")
)


# --------------------------------------------------------------------------- the checks


def _check_span(text: str, span: Span, where: str) -> None:
    assert 0 <= span.start <= span.end <= len(text), f"{where}: span {span} outside the text"
    assert text[span.start : span.end] == span.text, (
        f"{where}: text[{span.start}:{span.end}] is {text[span.start : span.end]!r}, "
        f"span says {span.text!r}"
    )


def _check_spans(text: str, spans: list[Span], where: str, required: bool) -> None:
    if required:
        assert spans, f"{where} has no evidence"
    for span in spans:
        _check_span(text, span, where)


def _check_place(text: str, place: Place | None, where: str) -> None:
    if place is not None:
        _check_spans(text, place.evidence, f"{where}.place", required=True)


def _exact(fig: Figure | None) -> int | None:
    return fig.value if fig is not None and fig.qualifier == "exact" else None


def _check_children(owner: object, where: str) -> None:
    for children, people in (("children_killed", "killed"), ("children_injured", "injured")):
        c, p = _exact(getattr(owner, children)), _exact(getattr(owner, people))
        if c is not None and p is not None:
            assert c <= p, f"{where}: {children} {c} > {people} {p}"


def check_extraction(text: str, extraction: Extraction) -> None:
    json.dumps(extraction.to_dict())  # the contract serialises
    for path, figure in extraction.figures():
        _check_spans(text, figure.evidence, path, required=True)
    for wi, wave in enumerate(extraction.waves):
        _check_spans(text, wave.evidence, f"waves.{wi}", required=False)
        for oi, over in enumerate(wave.intercepted_over):
            _check_place(text, over.place, f"waves.{wi}.intercepted_over.{oi}")
    _check_children(extraction.totals, "totals")
    for ii, incident in enumerate(extraction.incidents):
        where = f"incidents.{ii}"
        _check_spans(text, incident.evidence, where, required=False)
        _check_place(text, incident.place, where)
        for vi, victim in enumerate(incident.victims):
            _check_spans(text, victim.evidence, f"{where}.victims.{vi}", required=True)
        _check_children(incident, where)
    for oi, other in enumerate(extraction.other_places):
        _check_place(text, other.place, f"other_places.{oi}")


# --------------------------------------------------------------------------- real reports


@pytest.mark.skipif(not CORPUS, reason="no reports in dev/reports or examples/")
@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_report(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    check_extraction(text, strikelog.extract(text))


# --------------------------------------------------------------------------- generated texts

PLACES = [
    "Kyiv",
    "Kharkiv",
    "Odesa",
    "Dnipro",
    "Sumy",
    "Kherson",
    "Zaporizhzhia",
    "Lviv",
    "Pohreby",
    "Bila Tserkva",
    "Kryvyi Rih",
    "Belgorod",
    "Kursk",
    "Bryansk",
]
REGIONS = ["Kharkiv region", "Sumy Oblast", "the Odesa region", "Kursk region"]
WEAPONS = [
    ("drone", "drones"),
    ("Shahed drone", "Shahed drones"),
    ("missile", "missiles"),
    ("ballistic missile", "ballistic missiles"),
    ("cruise missile", "cruise missiles"),
    ("glide bomb", "glide bombs"),
    ("rocket", "rockets"),
]
SITES = [
    "apartment block",
    "school",
    "hospital",
    "power plant",
    "railway station",
    "warehouse",
    "church",
    "supermarket",
    "kindergarten",
    "water pumping station",
]
VICTIMS = ["woman", "man", "boy", "girl", "child", "pensioner", "firefighter"]
PERIODS = ["overnight", "on Tuesday morning", "late on Sunday", "during the night", ""]
QUALIFIERS = ["", "at least ", "more than ", "about ", "up to ", "nearly "]
WORDS = [
    "one",
    "two",
    "three",
    "five",
    "seven",
    "eleven",
    "twenty-one",
    "forty",
    "a dozen",
    "dozens of",
    "several",
    "a couple of",
    "one hundred and five",
]
NOISE = [
    "\u00a0",
    "\u2014",
    "\u2013",
    "\u201c",
    "\u201d",
    "\u2019",
    "\u200b",
    "🔴",
    "🚀 ",
    "Київ",
    "Харків — ",
    "\t",
    "\r\n",
    "…",
    "«",
    "»",
    "\ufeff",
]
BOILERPLATE = [
    "Subscribe to our newsletter for daily updates.",
    "Photo: a handout from the regional administration.",
    "Read more: what we know about the air defence shield",
    "© 2025 Example Media. All rights reserved.",
    "🔴 LIVE — follow our coverage",
    "Share this article · Facebook · X · Telegram",
    "Новини України",
    "Updated 10:42 GMT",
]


@st.composite
def amounts(draw: st.DrawFn) -> str:
    qualifier = draw(st.sampled_from(QUALIFIERS))
    if draw(st.booleans()):
        n = draw(st.integers(0, 2000))
        number = f"{n:,}" if draw(st.booleans()) else str(n)
    else:
        number = draw(st.sampled_from(WORDS))
    return qualifier + number


@st.composite
def attack_sentence(draw: st.DrawFn) -> str:
    place = draw(st.sampled_from(PLACES))
    weapon, weapons = draw(st.sampled_from(WEAPONS))
    n, m, k = draw(amounts()), draw(amounts()), draw(amounts())
    age = draw(st.integers(0, 95))
    templates = [
        f"Russia launched {n} {weapons} {draw(st.sampled_from(PERIODS))}, "
        f"and air defences shot down {m} of them.",
        f"{n.capitalize()} people were killed and {m} injured in {place}.",
        f"In {place}, {n} people died, including {k} children, officials said.",
        f"A {age}-year-old {draw(st.sampled_from(VICTIMS))} was killed when a {weapon} hit "
        f"a {draw(st.sampled_from(SITES))} in {place}.",
        f"The attack on {place} wounded {m}, among them {k} children.",
        f"Air defence units destroyed {n} {weapons} over {draw(st.sampled_from(REGIONS))}.",
        f"The death toll in {place} rose to {n}, the governor wrote on Telegram.",
        f"A {weapon} struck a {draw(st.sampled_from(SITES))} near {place}; no one was hurt.",
        f"“{n} killed,” the mayor of {place} said — rescuers are still at work.",
        f"Ukraine said its drones hit a refinery in {draw(st.sampled_from(REGIONS))}.",
    ]
    return draw(st.sampled_from(templates))


@st.composite
def noisy(draw: st.DrawFn, sentence: str) -> str:
    """Swap some spaces for unicode look-alikes and sprinkle noise between words."""
    words = sentence.split(" ")
    out = []
    for word in words:
        out.append(word)
        out.append(draw(st.sampled_from([" "] * 6 + NOISE + ["\u00a0"])))
    return "".join(out).rstrip()


@st.composite
def reports(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        sentence = draw(attack_sentence())
        parts.append(draw(noisy(sentence)) if draw(st.booleans()) else sentence)
        if draw(st.integers(0, 3)) == 0:
            parts.append(draw(st.sampled_from(BOILERPLATE)))
    separator = draw(st.sampled_from([" ", "\n", "\n\n", "\r\n", "\u2028"]))
    return separator.join(parts)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(reports())
def test_generated_report(text: str) -> None:
    check_extraction(text, strikelog.extract(text))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text(text: str) -> None:
    check_extraction(text, strikelog.extract(text))


def test_the_checks_catch_a_bad_span() -> None:
    from strikelog.models import ReportMeta, Totals

    text = "Seven people were killed."
    good = Extraction(
        ReportMeta("x"), totals=Totals(killed=Figure(7, evidence=[Span(0, 5, "Seven")]))
    )
    check_extraction(text, good)
    shifted = Extraction(
        ReportMeta("x"), totals=Totals(killed=Figure(7, evidence=[Span(1, 6, "Seven")]))
    )
    with pytest.raises(AssertionError, match="totals.killed"):
        check_extraction(text, shifted)
    bare = Extraction(ReportMeta("x"), totals=Totals(killed=Figure(7)))
    with pytest.raises(AssertionError, match="no evidence"):
        check_extraction(text, bare)
    too_many = Extraction(
        ReportMeta("x"),
        totals=Totals(
            killed=Figure(1, evidence=[Span(0, 5, "Seven")]),
            children_killed=Figure(2, evidence=[Span(0, 5, "Seven")]),
        ),
    )
    with pytest.raises(AssertionError, match="children_killed 2 > killed 1"):
        check_extraction(text, too_many)
