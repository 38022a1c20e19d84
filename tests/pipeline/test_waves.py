"""Wave framing: launched and intercepted counts by weapon class."""

from __future__ import annotations

import pytest

from tests.pipeline.conftest import value


def _wave(out, attacker):
    waves = [w for w in out["waves"] if w["attacker"] == attacker]
    assert waves, out["waves"]
    w = waves[0]
    return (
        {k: value(v) for k, v in w["launched"].items() if v},
        {k: value(v) for k, v in w["intercepted"].items() if v},
        w,
    )


CASES = [
    (
        "According to the air force, Russia launched 40 Kh-101 cruise missiles from strategic "
        "bombers and eight Kalibr cruise missiles from ships in the Black Sea.",
        "Russia",
        {"missile": 48, "cruise_missile": 48},
        {},
    ),
    # "all N" downed: as many were launched
    (
        "The air force said it had destroyed all 31 drones that Russia sent overnight.",
        "Russia",
        {"drone": 31},
        {"drone": 31},
    ),
    (
        "Russia attacked overnight; all 12 missiles were brought down before reaching Kyiv.",
        "Russia",
        {"missile": 12},
        {"missile": 12},
    ),
    # "all but N of M": the difference was downed
    (
        "Air defences brought down all but three of the 44 drones Russia fired overnight.",
        "Russia",
        {"drone": 44},
        {"drone": 41},
    ),
    # a hyphenated word between the count and the weapon, and the launcher inside it
    (
        "Kyiv said its units downed 17 Russia-launched drones during the night attack.",
        "Russia",
        {},
        {"drone": 17},
    ),
    (
        "Russia fired 6 Iranian-designed drones and two missiles at Odesa overnight.",
        "Russia",
        {"drone": 6, "missile": 2},
        {},
    ),
    # "N of them ballistic" with no verb
    (
        "The air force said Russia had launched 210 drones and 18 missiles, 12 of them "
        "ballistic.",
        "Russia",
        {"drone": 210, "missile": 18, "ballistic_missile": 12},
        {},
    ),
    (
        "Russia launched 100 drones, including 60 Shahed drones, the air force said.",
        "Russia",
        {"drone": 100},
        {},
    ),
    (
        "Ukraine's air force said Russia launched 93 Shahed-type and decoy drones overnight, of "
        "which 71 were shot down or suppressed.",
        "Russia",
        {"drone": 93},
        {"drone": 71},
    ),
    (
        "Russia attacked Ukraine overnight with 7 ballistic missiles and 128 drones, the air force "
        "said. Air defences shot down 86 drones; 35 drones were locally lost.",
        "Russia",
        {"drone": 128, "missile": 7, "ballistic_missile": 7},
        {"drone": 86},
    ),
    (
        "The Israeli military said it intercepted two missiles launched from Yemen on Sunday.",
        "Houthis",
        {},
        {"missile": 2},
    ),
    (
        "Russia launched 100 drones at Ukraine overnight. Air defences shot down 80 of them, the "
        "air force said.",
        "Russia",
        {"drone": 100},
        {"drone": 80},
    ),
    (
        "Ukraine's air force said Russia launched 87 drones overnight, 61 of which were shot down.",
        "Russia",
        {"drone": 87},
        {"drone": 61},
    ),
    (
        "Air defences shot down 61 of 87 drones launched by Russia overnight.",
        "Russia",
        {"drone": 87},
        {"drone": 61},
    ),
    (
        "Russia attacked Ukraine overnight with 212 drones and eight missiles, including four "
        "Iskander-M ballistic missiles, the air force said.",
        "Russia",
        {"drone": 212, "missile": 8, "ballistic_missile": 4},
        {},
    ),
    (
        "Russia launched a total of 405 drones and 28 missiles overnight, 15 of which were "
        "ballistic, Ukraine's air force said.",
        "Russia",
        {"drone": 405, "missile": 28, "ballistic_missile": 15},
        {},
    ),
    (
        "Israeli air defences intercepted most of the 40 rockets fired by Hezbollah at northern "
        "Israel on Sunday.",
        "Hezbollah",
        {"rocket": 40},
        {},
    ),
]


@pytest.mark.parametrize(
    ("text", "attacker", "launched", "intercepted"), CASES, ids=[c[0][:40] for c in CASES]
)
def test_wave_counts(run, text, attacker, launched, intercepted):
    got_l, got_i, _ = _wave(run(text), attacker)
    assert got_l == launched
    assert got_i == intercepted


def test_interceptions_over_regions_are_not_strikes(run):
    out = run(
        "Russian air defences destroyed 40 Ukrainian drones over Russian regions overnight:"
        " 12 over Kursk region, 9 over Bryansk region and 5 over Belgorod region."
    )
    _, intercepted, wave = _wave(out, "Ukraine")
    assert intercepted == {"drone": 40}
    assert wave["target_country"] == "RU"
    assert [(o["place"]["admin1"], o["figure"]["value"]) for o in wave["intercepted_over"]] == [
        ("Kursk Oblast", 12),
        ("Bryansk Oblast", 9),
        ("Belgorod Oblast", 5),
    ]
    assert out["incidents"] == []


def test_interceptions_given_only_by_region_sum_up(run):
    out = run(
        "Russia's Defence Ministry said air defences had destroyed 18 drones over the Kursk "
        "region overnight and 7 over the Bryansk region."
    )
    _, intercepted, wave = _wave(out, "Ukraine")
    assert intercepted == {"drone": 25}
    assert [(o["place"]["admin1"], o["figure"]["value"]) for o in wave["intercepted_over"]] == [
        ("Kursk Oblast", 18),
        ("Bryansk Oblast", 7),
    ]


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # an attack by drones or aircraft in the plural is a wave even without counts
        (
            "The enemy attacked Odesa with strike drones during the night. A warehouse caught "
            "fire and four people were killed.",
            [("Russia", "UA")],
        ),
        (
            "Israeli air strikes killed at least 20 people across the Gaza Strip overnight, "
            "the health ministry said.",
            [("Israel", "PS")],
        ),
        (
            "Israeli strikes on southern Lebanon killed five people on Friday, the health "
            "ministry said. A drone strike on a car near Nabatieh killed two men.",
            [("Israel", "LB")],
        ),
        # one drone known by its damage, and shelling, make no wave
        ("In Kherson, a drone dropped explosives on a man, wounding him.", []),
        ("Russian artillery shelled Nikopol, damaging two houses.", []),
    ],
)
def test_count_less_waves(run, text, sides):
    out = run(text)
    assert [(w["attacker"], w["target_country"]) for w in out["waves"]] == sides


def test_one_attacker_two_periods_two_weapons_are_two_waves(run):
    out = run(
        "Russia launched 93 drones overnight, of which 71 were shot down, the air force said. "
        "Russian forces then struck Zaporizhzhia with at least six guided bombs shortly after "
        "8am, hitting an industrial enterprise."
    )
    waves = {w["period"]: w for w in out["waves"]}
    assert set(waves) == {"overnight", "morning"}
    assert value(waves["overnight"]["launched"]["drone"]) == 93
    assert value(waves["overnight"]["intercepted"]["drone"]) == 71
    assert value(waves["morning"]["launched"]["glide_bomb"])[0] == 6


def test_one_weapon_counted_in_two_periods_stays_one_wave(run):
    out = run(
        "Russia launched 120 drones at Ukraine overnight. By morning, air defence had shot "
        "down 98 drones, the air force said."
    )
    assert len(out["waves"]) == 1


@pytest.mark.parametrize(
    ("text", "launched", "intercepted"),
    [
        # weapons counted by their article
        (
            "Russian forces struck Zaporizhzhia with at least six guided bombs and a missile.",
            {"glide_bomb": (6, "at_least"), "missile": 1},
            {},
        ),
        (
            "The Houthis fired two ballistic missiles at Israel. Both missiles were "
            "intercepted, the military said.",
            {"missile": 2, "ballistic_missile": 2},
            {"missile": 2},
        ),
        (
            "A Houthi spokesman said the group had launched a drone at Eilat. The Israeli "
            "military said the drone was brought down over the sea.",
            {"drone": 1},
            {"drone": 1},
        ),
    ],
)
def test_weapons_counted_by_article(run, text, launched, intercepted):
    assert len(run(text)["waves"]) == 1
    got_launched, got_intercepted, _ = _wave(run(text), run(text)["waves"][0]["attacker"])
    assert got_launched == launched
    assert got_intercepted == intercepted


def test_one_drone_known_by_its_damage_makes_no_wave(run):
    assert run("A drone hit a house in Kherson overnight, injuring a woman.")["waves"] == []


def test_a_product_launch_is_no_attack(run):
    out = run(
        "A British start-up launched a small interceptor drone designed to shoot down "
        "attack drones at a fraction of the cost of a missile."
    )
    assert out["waves"] == []


def test_a_range_gives_its_low_end_and_keeps_the_high(run):
    out = run("The mayor said between 15 and 20 Shahed drones had targeted Kharkiv overnight.")
    fig = out["waves"][0]["launched"]["drone"]
    assert (fig["value"], fig["low"], fig["high"]) == (15, 15, 20)


def test_a_count_detailed_after_a_dash_is_not_added_twice(run):
    text = (
        "Russia fired 119 drones and six missiles at Ukraine overnight — four Iskander-M "
        "ballistic missiles and two Kh-59 guided missiles. Air defences brought down 91 of the "
        "drones and both Kh-59s, the air force said in a morning statement."
    )
    launched, intercepted, _ = _wave(run(text), "Russia")
    assert launched == {"drone": 119, "missile": 6, "ballistic_missile": 4}
    assert intercepted == {"drone": 91, "missile": 2}
    assert len(run(text)["waves"]) == 1


def test_an_unnamed_attacker_is_the_named_party_that_strikes_that_country(run):
    out = run(
        "The Houthis' television said Israeli jets struck Sanaa. Hours earlier the Iran-backed "
        "group fired two drones at Israel, the Israeli military said."
    )
    sides = {(w["attacker"], w["target_country"]) for w in out["waves"]}
    assert ("Houthis", "IL") in sides
    assert ("Iran", "IL") not in sides


def test_a_count_before_n_of_them_shot_down_is_the_launch(run):
    out = run(
        "The army said at least five drones had approached Kisangani airport and that three "
        "of them were shot down by air defences."
    )
    launched, intercepted, _ = _wave(out, out["waves"][0]["attacker"])
    assert launched == {"drone": (5, "at_least")}
    assert intercepted == {"drone": 3}


def test_interceptions_over_occupied_crimea_and_a_sea(run):
    out = run(
        "Ukrainian forces attacked Sevastopol overnight, the governor said. The Russian Defence "
        "Ministry said it had destroyed 35 Ukrainian drones over Crimea and 10 over the Black "
        "Sea overnight."
    )
    (wave,) = out["waves"]
    # Crimea is Ukraine's in GeoNames, and so in the annotation guidelines
    assert (wave["attacker"], wave["target_country"]) == ("Ukraine", "UA")
    assert value(wave["intercepted"]["drone"]) == 45
    assert [o["place"]["name"] for o in wave["intercepted_over"]] == ["Crimea", "Black Sea"]


def test_a_bare_count_of_downed_takes_the_weapon_counted_before(run):
    out = run(
        "Ukrainian media reported that 112 drones had been launched at Ukraine overnight and "
        "that 85 had been shot down."
    )
    launched, intercepted, _ = _wave(out, "Russia")
    assert (launched, intercepted) == ({"drone": 112}, {"drone": 85})


def test_a_missile_fired_at_a_car_makes_no_wave_count(run):
    out = run(
        "An Israeli drone fired a missile at a car in the centre of Bint Jbeil, killing its "
        "driver, the news agency said."
    )
    assert all(not w["launched"].get("missile") for w in out["waves"])


def test_a_houthi_attack_told_in_three_places_is_one_wave(run):
    out = run(
        "Israeli warplanes struck Sanaa airport on Saturday, hours after the Iran-backed group "
        "fired a ballistic missile and two drones at Israel, the Houthis' television said. One "
        "of the drones was shot down by the air force over the Red Sea before it reached "
        "Israel. A Houthi spokesman said the group had targeted Ben Gurion Airport with two "
        "drones."
    )
    launched, intercepted, wave = _wave(out, "Houthis")
    assert wave["target_country"] == "IL"
    assert launched == {"drone": 2, "missile": 1, "ballistic_missile": 1}
    assert intercepted == {"drone": 1}
    assert [w["attacker"] for w in out["waves"]].count("Houthis") == 1


def test_a_bare_count_opening_the_next_sentence(run):
    out = run(
        "Overnight, Russia attacked Ukraine with 84 drones, the air force said. Fifty-two were "
        "shot down or jammed."
    )
    launched, intercepted, _ = _wave(out, "Russia")
    assert (launched, intercepted) == ({"drone": 84}, {"drone": 52})


def test_all_but_cites_the_sentence_that_holds_both_numbers(run):
    text = "Russia attacked overnight. Air defences downed all but two of the 25 drones."
    out = run(text)
    (fig,) = [w["intercepted"]["drone"] for w in out["waves"]]
    ev = fig["evidence"][0]
    assert fig["value"] == 23
    assert text[ev["start"] : ev["end"]] == ev["text"]
    assert "all but two of the 25" in ev["text"]


def test_an_air_force_list_of_weapons_counts_every_item(run):
    out = run(
        "Overnight the enemy attacked with 64 means of air attack:\n"
        "- 2 Iskander-M ballistic missiles, launched from the Belgorod region;\n"
        "- 4 Kh-101 cruise missiles;\n"
        "- 58 Shahed-type attack drones from the directions of Kursk and Millerovo.\n"
        "The attack was repelled by the Defence Forces of Ukraine. Air defence shot down 41 "
        "drones and all 4 Kh-101 missiles. Hits of two ballistic missiles were recorded in "
        "Kharkiv."
    )
    assert [(w["attacker"], w["target_country"]) for w in out["waves"]] == [("Russia", "UA")]
    (w,) = out["waves"]
    launched = {k: v["value"] for k, v in w["launched"].items() if v}
    intercepted = {k: v["value"] for k, v in w["intercepted"].items() if v}
    assert launched == {"missile": 6, "ballistic_missile": 2, "cruise_missile": 4, "drone": 58}
    assert intercepted == {"drone": 41, "missile": 4, "cruise_missile": 4}
    roles = {p["name"]: p["role"] for p in out["other_places"]}
    assert roles["Kursk"] == roles["Millerovo"] == "launch site"


def test_the_models_a_launch_included_are_its_parts(run):
    out = run(
        "Russia launched 120 drones and 14 missiles at Ukraine overnight. The missiles "
        "included four Iskander-M ballistic missiles and ten Kh-101 cruise missiles."
    )
    (w,) = out["waves"]
    launched = {k: v["value"] for k, v in w["launched"].items() if v}
    assert launched == {"drone": 120, "missile": 14, "ballistic_missile": 4, "cruise_missile": 10}


def test_pakistani_strikes_in_afghanistan(run):
    out = run(
        "The Taliban government said Pakistani airstrikes had hit villages in the Zurmat "
        "district of Paktia province overnight, killing nine civilians. The wounded were "
        "taken to Gardez, a farmer said."
    )
    assert [(w["attacker"], w["target_country"]) for w in out["waves"]] == [("Pakistan", "AF")]
    (inc,) = out["incidents"]
    assert inc["place"]["country"] == "AF"
    assert inc["killed"]["value"] == 9
    roles = {p["name"]: p["role"] for p in out["other_places"]}
    assert roles.get("Gardez") == "treatment location"


def test_drones_launched_by_a_domestic_party(run):
    out = run(
        "The army said its air defences shot down six drones launched by the RSF over "
        "Omdurman on Monday morning."
    )
    assert [(w["attacker"], w["target_country"]) for w in out["waves"]] == [("RSF", "SD")]


def test_a_ministry_breakdown_over_the_territory_of_regions(run):
    out = run(
        "MOSCOW, May 2. Air defence systems destroyed 31 Ukrainian drones overnight, the "
        "Defence Ministry said: 20 UAVs over the territory of the Kursk Region, nine - over "
        "the territory of the Oryol Region, and two over the Krasnodar Territory.\n"
        "The attack began at 02:00 Moscow time."
    )
    (w,) = out["waves"]
    assert (w["attacker"], w["target_country"]) == ("Ukraine", "RU")
    over = {o["place"]["name"]: o["figure"]["value"] for o in w["intercepted_over"]}
    assert over == {"Kursk Oblast": 20, "Oryol Oblast": 9, "Krasnodar Krai": 2}
    assert not out["incidents"]


def test_a_breakdown_in_the_next_sentence(run):
    out = run(
        "Air defences destroyed 12 Ukrainian drones overnight, the Russian ministry said. It "
        "added that eight were downed over the Bryansk Region and four over the Kaluga Region."
    )
    (w,) = out["waves"]
    over = {o["place"]["name"]: o["figure"]["value"] for o in w["intercepted_over"]}
    assert over == {"Bryansk Oblast": 8, "Kaluga Oblast": 4}


def test_the_party_that_reports_that_a_drone_fired_is_not_its_sender(run):
    out = run(
        "An Israeli drone hit a motorcycle in Nabatieh on Sunday, killing one man. Lebanese army "
        "intelligence reported that the drone fired two guided missiles."
    )
    assert [(w["attacker"], w["target_country"]) for w in out["waves"]] == [("Israel", "LB")]


def test_all_of_the_drones_were_shot_down(run):
    out = run(
        "Iran fired 12 drones and 20 ballistic missiles at Israel overnight. All of the drones "
        "were shot down before reaching Israeli territory, the military said."
    )
    (w,) = out["waves"]
    assert w["intercepted"]["drone"]["value"] == 12
