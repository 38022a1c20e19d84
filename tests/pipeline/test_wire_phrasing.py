"""Phrasings met in real wire and local copy (each test text written for this file)."""

from __future__ import annotations

from tests.pipeline.conftest import value


def _incidents(out):
    return {i["place"]["name"]: i for i in out["incidents"]}


def test_wounded_then_died_is_one_death(run):
    out = run(
        "Drones struck the Bilhorod-Dnistrovskyi district overnight, the governor said. "
        "A warehouse guard, who was badly injured, later died in the regional hospital."
    )
    assert value(out["totals"]["killed"]) == 1
    assert out["totals"]["injured"] is None
    (inc,) = out["incidents"]
    assert "health" not in inc["targets"]  # where he died, not a hospital hit


def test_among_the_counted_wounded_are_children(run):
    out = run(
        "A drone hit a crowded bus station in Kherson on Monday. Among the 19 wounded were "
        "five children and two nurses, the city council said."
    )
    assert value(out["totals"]["injured"]) == 19
    assert value(out["totals"]["children_injured"]) == 5


def test_region_of_several_states_is_named_as_written(run):
    out = run(
        "A drone strike on a livestock market in Sudan's Kordofan region killed 14 people on "
        "Friday. The market lies in the town of Umm Sumeima in North Kordofan state, "
        "residents said."
    )
    incidents = _incidents(out)
    assert "North Kordofan State" not in incidents  # "Kordofan" is three states
    assert value(out["totals"]["killed"]) == 14


def test_state_named_after_a_region_takes_the_regions_figures(run):
    out = run(
        "Six people were killed and 30 injured in Sudan's Darfur region on Saturday, aid "
        "workers said. The drone hit a fuel depot in West Darfur, near the border."
    )
    incidents = _incidents(out)
    assert list(incidents) == ["West Darfur State"]
    assert value(incidents["West Darfur State"]["killed"]) == 6


def test_a_wars_theatre_is_no_strike(run):
    out = run(
        "A missile fired by the rebels set a tanker ablaze in the Gulf of Aden on Tuesday, "
        "wounding three sailors. The group says it acts over the war between Israel and Hamas "
        "in Gaza."
    )
    assert "Gaza Strip" not in _incidents(out)
    roles = {p["name"]: p["role"] for p in out["other_places"]}
    assert roles.get("Gaza Strip") == "conflict"


def test_a_later_strike_elsewhere_does_not_take_the_lead_figures(run):
    out = run(
        "Two sailors were killed and five hurt when a missile struck a bulk carrier off the "
        "coast on Wednesday, the shipping company said.\n\n"
        "Following the attack, coalition jets bombed the airport in Hodeidah, rebel television "
        "reported."
    )
    assert value(out["totals"]["killed"]) == 2
    for inc in out["incidents"]:
        assert inc["killed"] is None and inc["injured"] is None


def test_the_conflicts_own_toll_is_no_figure(run):
    out = run(
        "A drone hit a market in El Obeid on Sunday, killing nine people. The conflict has "
        "already claimed the lives of tens of thousands, according to aid agencies."
    )
    assert value(out["totals"]["killed"]) == 9


def test_a_linked_headline_below_the_story_is_no_report(run):
    out = run(
        "A drone hit a petrol station in Kherson on Monday, injuring two people.\n"
        "Read also\n"
        "Eleven dead after shelling of a bus stop in Donetsk region - Media"
    )
    assert value(out["totals"]["injured"]) == 2
    assert out["totals"]["killed"] is None
