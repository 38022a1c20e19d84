"""Report totals against the figures of its places."""

from __future__ import annotations

from tests.pipeline.conftest import value


def test_lead_total_and_local_parts(run):
    out = run(
        "At least 9 people were killed in Russian strikes across Ukraine overnight, officials "
        "said. In Kharkiv, four people were killed when a missile hit a residential building. "
        "In Odesa, three people died after drones struck the port. In Dnipro, a woman was "
        "killed and two people were injured."
    )
    assert value(out["totals"]["killed"]) == (9, "at_least")
    killed = {i["place"]["name"]: value(i["killed"]) for i in out["incidents"]}
    assert killed == {"Kharkiv": 4, "Odesa": 3, "Dnipro": 1}
    assert out["warnings"] == []


def test_the_same_figure_in_lead_and_body_is_counted_once(run):
    out = run(
        "Nine people were killed in a missile strike on Dnipro on Tuesday. The missile hit a "
        "five-storey building in the city centre, killing nine people, the mayor said."
    )
    assert value(out["totals"]["killed"]) == 9
    (inc,) = out["incidents"]
    assert value(inc["killed"]) == 9
    assert len(inc["killed"]["evidence"]) == 2  # both sentences back the one figure


def test_parts_above_the_total_give_a_warning(run):
    out = run(
        "Five people were killed in Russian attacks on Kharkiv and Sumy, officials said. In "
        "Kharkiv, four people died. In Sumy, three people died when a drone hit a bus."
    )
    assert value(out["totals"]["killed"]) == 5
    assert any("more than the reported total" in w for w in out["warnings"])


def test_no_total_stated_is_the_sum_of_places(run):
    out = run(
        "A drone hit a house in Sumy, killing two people. In Okhtyrka, a missile struck a "
        "school and killed one teacher."
    )
    assert value(out["totals"]["killed"]) == 3


def test_the_headline_repeats_the_body(run):
    out = run(
        "Russian drone hits bus near Putyvl, five killed\n\n"
        "A Russian drone struck a bus on a road outside Putyvl on Saturday, killing five "
        "people and injuring nine, regional officials said.\n"
        "The bus was taking residents from border villages to Sumy when it was hit."
    )
    assert [i["place"]["name"] for i in out["incidents"]] == ["Putyvl"]
    assert value(out["totals"]["killed"]) == 5
    assert value(out["totals"]["injured"]) == 9


def test_parts_named_inside_a_total(run):
    out = run(
        "Russian attacks killed 9 people across Ukraine overnight, including four in Kharkiv, "
        "two in Odesa and one in Sumy, officials said."
    )
    assert value(out["totals"]["killed"]) == 9
    killed = {i["place"]["name"]: value(i["killed"]) for i in out["incidents"]}
    assert killed == {"Kharkiv": 4, "Odesa": 2, "Sumy": 1}


def test_a_place_named_right_after_the_number(run):
    out = run(
        "In the Kharkiv region, Russian strikes killed two people in Kupiansk and injured "
        "three in Izium, the governor said."
    )
    harm = {
        i["place"]["admin1"] + ":" + i["place"]["written"]: (
            value(i["killed"]),
            value(i["injured"]),
        )
        for i in out["incidents"]
    }
    assert harm == {"Kharkiv Oblast:Kupiansk": (2, None), "Kharkiv Oblast:Izium": (None, 3)}


def test_a_date_line_before_the_headline_is_not_the_headline(run):
    out = run(
        "SUMY PROVINCE | 21 May 2025\n\n"
        "94 attacks in a day on Sumy border communities, 19 casualties\n\n"
        "Russian troops shelled Velyka Pysarivka, where two council employees were killed.\n\n"
        "Overall the attacks left 19 people killed or wounded across the province.\n\n"
        "In Sumy itself, drone debris hit a hospital. No one was hurt."
    )
    sumy = [i for i in out["incidents"] if i["place"]["name"] == "Sumy"][0]
    assert sumy["casualties"] is None
    assert out["totals"]["casualties"]["value"] == 19


def test_in_all_in_the_city_is_the_city_figure_too(run):
    out = run(
        "A drone hit a depot in Lozova, where no one was hurt. In Kharkiv, Russian drones "
        "struck two districts overnight. In all, 23 people were killed or wounded in the "
        "city, the mayor said."
    )
    kharkiv = [i for i in out["incidents"] if i["place"]["name"] == "Kharkiv"][0]
    assert kharkiv["casualties"]["value"] == 23


def test_a_figure_only_the_headline_gives_is_its_place(run):
    out = run(
        "Drone attack on Odesa: five injured\n\n"
        "Russian drones hit the port of Odesa overnight, the governor said. A warehouse caught "
        "fire and a grain terminal was damaged in Izmail."
    )
    injured = {i["place"]["name"]: value(i["injured"]) for i in out["incidents"]}
    assert injured["Odesa"] == 5


def test_a_strike_years_before_publication_is_history(run):
    out = run(
        "A court in Kyiv sentenced a Russian officer in absentia over the July 2022 missile "
        "strike on Vinnytsia, prosecutors said on Wednesday.\n\n"
        "His submarine fired Kalibr missiles at the city on 14 July 2022. The strike hit an "
        "office building, killing 28 civilians, including three children.",
        published="2025-11-13",
    )
    assert out["waves"] == [] and out["incidents"] == []
    assert out["totals"]["killed"] is None


def test_a_year_of_comparison_or_birth_is_not_a_past_date(run):
    out = run(
        "Russia launched 500 drones at Ukraine overnight, more than in any attack of 2024. In "
        "Horlivka, a man born in 1967 died when a shell hit a shop.",
        published="2025-11-13",
    )
    assert value(out["waves"][0]["launched"]["drone"]) == 500
    assert value(out["totals"]["killed"]) == 1


def test_counts_of_a_past_attack_cited_in_a_debate_make_no_wave(run):
    out = run(
        "MPs pressed the government on Tuesday to spend more on air defence. One MP cited the "
        "Iranian attack on Israel in April 2024, when more than 300 drones and missiles were "
        "fired.",
        published="2025-06-03",
    )
    assert out["waves"] == [] and not out["is_attack"]


def test_racing_drones_are_no_weapons(run):
    out = run(
        "Several racing drones crashed into the gates at the national cup on Sunday, and one "
        "hit the safety net above the stands. Nobody was hurt, the organisers said."
    )
    assert not out["is_attack"]
    assert out["waves"] == [] and out["totals"]["injured"] is None


def test_a_labour_strike_is_no_attack(run):
    out = run(
        "A 24-hour strike by port workers hit container terminals in Antwerp on Wednesday, "
        "leaving 40 ships waiting at anchor, the port authority said."
    )
    assert not out["is_attack"] and out["incidents"] == []


def test_a_figure_before_a_list_of_places_is_their_total(run):
    out = run(
        "At least 20 civilians were killed in attacks on El Obeid and Kadugli, OCHA said. A "
        "drone hit the market of El Obeid, the capital of North Kordofan State, killing 14. "
        "Shelling of Kadugli killed six civilians."
    )
    killed = {i["place"]["name"]: value(i["killed"]) for i in out["incidents"]}
    assert killed == {"El Obeid": 14, "Kadugli": 6}
    assert value(out["totals"]["killed"]) == (20, "at_least")


def test_no_one_killed_in_the_report_is_no_one_killed_at_each_place(run):
    out = run(
        "Russian missiles and drones slammed into Ukraine's second-largest city overnight, "
        "wounding 17 people. No one was killed, officials said.\n\n"
        "In Kharkiv, two missiles struck a printing works, injuring 15. In Chuhuiv, a woman "
        "and her son were injured when their house burned."
    )
    killed = [value(i["killed"]) for i in out["incidents"]]
    assert len(killed) == 2 and killed == [0, 0]


def test_strikes_on_the_south_are_a_total(run):
    out = run(
        "In Bint Jbeil, an Israeli drone hit a car, killing its driver. Lebanon's health "
        "ministry said Israeli strikes on the south had killed three people and wounded four."
    )
    assert value(out["totals"]["killed"]) == 3
    killed = {i["place"]["name"]: value(i["killed"]) for i in out["incidents"]}
    assert list(killed.values()) == [1]


def test_a_live_blog_newest_first_is_read_from_the_bottom(run):
    out = run(
        "LIVE: Missile strike on Dnipro\n\n"
        "16:45\nThe governor says nine people are now confirmed dead after this morning's "
        "missile strike on Dnipro.\n\n"
        "14:10\nRescuers pulled two more bodies from the rubble in Dnipro, bringing the toll "
        "to seven dead.\n\n"
        "11:05\nA missile hit a bus depot in Dnipro. Four people were killed."
    )
    assert value(out["totals"]["killed"]) == 9


def test_the_body_figure_with_its_bound_beats_the_headline(run):
    out = run(
        "Russian drones hit Kyiv high-rise, two dead\n\n"
        "Russia launched 212 drones at Ukraine overnight, killing at least two people in Kyiv, "
        "officials said."
    )
    assert value(out["totals"]["killed"]) == (2, "at_least")


def test_a_report_level_zero_never_undercuts_a_place(run):
    out = run(
        "A drone struck a school near Kyiv; no one was hurt.\n"
        "In Kyiv, one person died, including one child, officials said."
    )
    totals = out["totals"]
    assert totals["killed"]["value"] >= totals["children_killed"]["value"]
