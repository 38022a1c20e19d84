"""Exact fact counts and P/R/F1 for a hand-made gold report and prediction."""

from __future__ import annotations

import pytest

from strikelog.evaluate import FAMILIES, PlaceNames, evaluate, flatten, score_report


def fig(value: int, qualifier: str = "exact") -> dict[str, object]:
    return {"value": value, "qualifier": qualifier, "low": value, "high": None, "evidence": []}


def place(name: str, written: str | None = None, admin1: str | None = None) -> dict[str, object]:
    return {"name": name, "written": written or name, "admin1": admin1, "country": "UA"}


def incident(**kw: object) -> dict[str, object]:
    out: dict[str, object] = {
        "place": None,
        "near": None,
        "killed": None,
        "injured": None,
        "children_killed": None,
        "children_injured": None,
        "casualties": None,
        "targets": [],
        "weapon": None,
    }
    out.update(kw)
    return out


GOLD = {
    "id": "r1",
    "published": "2025-01-02",
    "waves": [
        {
            "attacker": "Russia",
            "target_country": "UA",
            "launched": {"drone": 100, "missile": 10, "ballistic_missile": None},
            "intercepted": {"drone": 80, "missile": None},
            "period": "overnight",
        }
    ],
    "totals": {
        "killed": 3,
        "killed_min": True,
        "injured": 10,
        "injured_min": False,
        "children_killed": 1,
        "children_injured": None,
    },
    "incidents": [
        {
            "place": "Kyiv",
            "admin1": "Kyiv",
            "country": "UA",
            "killed": 2,
            "injured": 10,
            "children_killed": 1,
            "children_injured": None,
            "targets": ["residential", "energy"],
            "weapon": "drone",
        },
        {
            "place": "Odesa",
            "admin1": "Odesa Oblast",
            "country": "UA",
            "killed": 1,
            "injured": None,
            "children_killed": None,
            "children_injured": None,
            "targets": ["transport"],
            "weapon": "missile",
        },
        {
            "place": None,
            "near": "Odesa",
            "admin1": "Odesa Oblast",
            "country": "UA",
            "killed": None,
            "injured": None,
            "children_killed": None,
            "children_injured": None,
            "targets": ["agricultural"],
            "weapon": None,
        },
    ],
    "non_strike_places": ["Oslo"],
}

# The output contract (figure objects, place objects), as `strikelog extract --format json` writes.
PRED = {
    "report": {"id": "r1"},
    "waves": [
        {
            "attacker": "russia",  # case does not matter
            "target_country": "UA",
            "launched": {
                "drone": fig(100),
                "missile": fig(12),
                "ballistic_missile": fig(2),
                "cruise_missile": None,
            },
            "intercepted": {"drone": None, "missile": None},
        }
    ],
    "totals": {
        "killed": fig(3),
        "injured": fig(9, "about"),
        "children_killed": None,
        "children_injured": fig(1),
        "casualties": None,
    },
    "incidents": [
        incident(
            place=place("Kiev"),
            killed=fig(2),
            injured=fig(10),
            targets=["residential", "education"],
        ),
        incident(place=place("Odesa", admin1="Odesa Oblast"), killed=fig(1)),
        incident(place=place("Oslo"), killed=fig(1)),
    ],
}

# family: (tp, fp, fn) — worked out by hand in the comments below.
EXPECTED = {
    # gold facts: attacker, target, launched.drone, launched.missile, intercepted.drone
    # tp: attacker, target, drone; missile 12≠10: fp+fn; ballistic 2 extra: fp; intercepted: fn
    "waves": (3, 2, 2),
    # killed tp; injured 9≠10 fp+fn; children_killed missed fn; children_injured extra fp
    "totals": (1, 2, 2),
    # Kiev=Kyiv and Odesa matched; Oslo extra; "near Odesa" missed
    "places": (2, 1, 1),
    # Kyiv killed+injured, Odesa killed tp; Kyiv children_killed fn; Oslo killed fp
    "harm": (3, 1, 1),
    # Kyiv residential tp; education fp; energy, transport, agricultural fn
    "targets": (1, 1, 3),
}


@pytest.fixture(scope="module")
def result():
    gold = flatten(GOLD, "gold.json", strict=True)
    pred = flatten(PRED, "pred.json", strict=False)
    return evaluate([gold], {"r1": pred}, PlaceNames.load())


@pytest.mark.parametrize("family", FAMILIES)
def test_family_counts(result, family):
    t = result.family(family)
    assert (t.tp, t.fp, t.fn) == EXPECTED[family]


def test_family_ratios(result):
    waves = result.family("waves")
    assert waves.precision == pytest.approx(3 / 5)
    assert waves.recall == pytest.approx(3 / 5)
    targets = result.family("targets")
    assert targets.precision == pytest.approx(1 / 2)
    assert targets.recall == pytest.approx(1 / 4)
    assert targets.f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)


def test_overall_micro(result):
    overall = result.overall
    assert (overall.tp, overall.fp, overall.fn) == (10, 7, 9)
    assert overall.precision == pytest.approx(10 / 17)
    assert overall.recall == pytest.approx(10 / 19)
    assert overall.f1 == pytest.approx(20 / 36)


def test_qualifiers_are_a_side_score(result):
    # killed_min true but predicted "exact": wrong; injured_min false and "about": right
    q = result.family("qualifiers")
    assert (q.tp, q.fp, q.fn) == (1, 1, 1)
    assert result.to_dict()["overall"]["tp"] == 10  # not folded in


def test_error_listing_names_each_mistake(result):
    errors = {(e.family, e.kind, e.where): e for e in result.reports[0].errors}
    assert errors[("waves", "wrong", "wave Russia→UA launched.missile")].predicted == 12
    assert ("waves", "extra", "wave Russia→UA launched.ballistic_missile") in errors
    assert ("waves", "missed", "wave Russia→UA intercepted.drone") in errors
    assert ("totals", "wrong", "totals injured") in errors
    oslo = errors[("places", "extra", "incident place")]
    assert oslo.predicted == "Oslo"
    assert oslo.note == "Oslo is a non-strike place"
    assert errors[("places", "missed", "incident place")].gold == "near Odesa"
    assert ("targets", "extra", "Kyiv target") in errors
    assert ("harm", "extra", "Oslo killed") in errors


def test_perfect_prediction_scores_one():
    gold = flatten(GOLD, "gold.json", strict=True)
    same = flatten(GOLD, "pred.json", strict=False)
    result = evaluate([gold], {"r1": same})
    assert result.overall.f1 == 1.0
    assert result.overall.fp == result.overall.fn == 0
    assert result.family("qualifiers").f1 == 1.0


def test_missing_prediction_is_all_false_negatives():
    gold = flatten(GOLD, "gold.json", strict=True)
    result = evaluate([gold], {})
    assert result.missing == ["r1"]
    assert result.overall.tp == result.overall.fp == 0
    # every gold fact: waves 5, totals 3, places 3, harm 4, targets 4
    assert result.overall.fn == 5 + 3 + 3 + 4 + 4
    assert result.overall.recall == 0.0


def test_no_attack_report_with_nothing_predicted_is_perfect():
    gold = flatten({"id": "calm", "waves": [], "totals": {}, "incidents": []}, "g", strict=True)
    empty = flatten(
        {"report": {"id": "calm"}, "waves": [], "totals": {}, "incidents": []}, "p", strict=False
    )
    assert evaluate([gold], {"calm": empty}).overall.f1 == 1.0


def test_casualties_scored_only_when_gold_uses_the_key():
    base = {"id": "c", "waves": [], "incidents": []}
    pred = flatten(
        {"id": "c", "waves": [], "incidents": [], "totals": {"casualties": fig(17)}},
        "p",
        strict=False,
    )
    without = flatten({**base, "totals": {"killed": None}}, "g", strict=True)
    with_key = flatten({**base, "totals": {"casualties": 17}}, "g", strict=True)
    names = PlaceNames.load()
    assert score_report(without, pred, names).tallies["totals"].fp == 0
    assert score_report(with_key, pred, names).tallies["totals"].tp == 1


def test_waves_pair_by_sides_then_overlap():
    gold = flatten(
        {
            "id": "w",
            "totals": {},
            "incidents": [],
            "waves": [
                {
                    "attacker": "Russia",
                    "target_country": "UA",
                    "period": "overnight",
                    "launched": {"drone": 50, "missile": None},
                },
                {
                    "attacker": "Russia",
                    "target_country": "UA",
                    "period": "morning",
                    "launched": {"drone": None, "missile": 4},
                },
                {"attacker": "Ukraine", "target_country": "RU", "intercepted": {"drone": 20}},
            ],
        },
        "g",
        strict=True,
    )
    pred = flatten(
        {
            "id": "w",
            "totals": {},
            "incidents": [],
            "waves": [
                {"attacker": "Ukraine", "target_country": "RU", "intercepted": {"drone": fig(20)}},
                {"attacker": "Russia", "target_country": "UA", "launched": {"missile": fig(4)}},
                {"attacker": "Russia", "target_country": "UA", "launched": {"drone": fig(50)}},
            ],
        },
        "p",
        strict=False,
    )
    t = score_report(gold, pred, PlaceNames.load()).tallies["waves"]
    assert (t.tp, t.fp, t.fn) == (9, 0, 0)


def test_wave_count_minimums_from_gold_lists():
    gold = flatten(
        {
            "id": "m",
            "totals": {},
            "incidents": [],
            "waves": [
                {
                    "attacker": "Russia",
                    "target_country": "UA",
                    "launched": {"glide_bomb": 6},
                    "launched_min": ["glide_bomb"],
                }
            ],
        },
        "g",
        strict=True,
    )
    right = flatten(
        {
            "id": "m",
            "totals": {},
            "incidents": [],
            "waves": [
                {
                    "attacker": "Russia",
                    "target_country": "UA",
                    "launched": {"glide_bomb": fig(6, "at_least")},
                }
            ],
        },
        "p",
        strict=False,
    )
    wrong = flatten(
        {
            "id": "m",
            "totals": {},
            "incidents": [],
            "waves": [
                {"attacker": "Russia", "target_country": "UA", "launched": {"glide_bomb": fig(6)}}
            ],
        },
        "p",
        strict=False,
    )
    names = PlaceNames.load()
    assert score_report(gold, right, names).tallies["qualifiers"].tp == 1
    q = score_report(gold, wrong, names).tallies["qualifiers"]
    assert (q.tp, q.fp, q.fn) == (0, 1, 1)


def test_gold_zero_is_a_fact():
    gold = flatten(
        {"id": "z", "waves": [], "totals": {"children_killed": 0}, "incidents": []},
        "g",
        strict=True,
    )
    silent = flatten({"id": "z", "waves": [], "totals": {}, "incidents": []}, "p", strict=False)
    t = score_report(gold, silent, PlaceNames.load()).tallies["totals"]
    assert (t.tp, t.fp, t.fn) == (0, 0, 1)


def test_stated_qualifiers_are_compared_as_written():
    gold = flatten(
        {
            "id": "q",
            "waves": [
                {
                    "attacker": "Russia",
                    "target_country": "UA",
                    "launched": {"rocket": 40},
                    "launched_qualifier": {"rocket": "about"},
                }
            ],
            "totals": {"injured": 30, "injured_qualifier": "about"},
            "incidents": [],
        },
        "g",
        strict=True,
    )
    pred = flatten(
        {
            "id": "q",
            "waves": [
                {
                    "attacker": "Russia",
                    "target_country": "UA",
                    "launched": {"rocket": fig(40, "about")},
                }
            ],
            "totals": {"injured": fig(30, "up_to")},
            "incidents": [],
        },
        "p",
        strict=False,
    )
    report = score_report(gold, pred, PlaceNames.load())
    q = report.tallies["qualifiers"]
    assert (q.tp, q.fp, q.fn) == (1, 1, 1)  # the rocket's "about" right, injured's wrong
    (error,) = [e for e in report.errors if e.family == "qualifiers"]
    assert (error.where, error.gold, error.predicted) == (
        "totals injured qualifier",
        "about",
        "up_to",
    )


def test_unknown_gold_qualifier_is_an_error():
    from strikelog.evaluate import EvalInputError

    bad = {
        "id": "q",
        "waves": [],
        "totals": {"injured": 3, "injured_qualifier": "roughly"},
        "incidents": [],
    }
    with pytest.raises(EvalInputError, match=r"g\.json: totals\.injured_qualifier: unknown"):
        flatten(bad, "g.json", strict=True)
