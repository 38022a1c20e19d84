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
        "already claimed the lives of more than 40,000 people, according to aid agencies."
    )
    assert value(out["totals"]["killed"]) == 9


def test_a_linked_headline_below_the_story_is_no_report(run):
    out = run(
        "A drone hit a petrol station in Kherson on Monday, injuring two people.\n\n"
        "Eleven dead after shelling of a bus stop in Donetsk region - Media"
    )
    assert value(out["totals"]["injured"]) == 2
    assert out["totals"]["killed"] is None


def test_figures_inside_quotation_marks(run):
    out = run(
        'The missile "hit a family home in Kherson, killing “four people, among them a boy, '
        'and wounding two others”", the prosecutor said.'
    )
    totals = out["totals"]
    assert value(totals["killed"]) == 4
    assert value(totals["children_killed"]) == 1
    assert value(totals["injured"]) == 2


def test_an_upper_case_dateline_with_a_colon(run):
    out = run(
        "TEHRAN: A drone struck a fuel depot in Tabriz early on Sunday, state media said, "
        "injuring three workers."
    )
    assert list(_incidents(out)) == ["Tabriz"]
    roles = {p["name"]: p["role"] for p in out["other_places"]}
    assert roles.get("Tehran") == "dateline"


def test_a_barrage_of_rockets_is_no_count_of_one(run):
    out = run("The group said it fired a barrage of Grad rockets at Israel on Monday night.")
    for wave in out["waves"]:
        assert all(f is None or f["value"] != 1 for f in wave["launched"].values())


def test_an_earlier_days_toll_is_no_figure_of_this_attack(run):
    out = run(
        "An Israeli drone struck a car in the village of Yaroun on Sunday, killing one man. "
        "The strike comes a day after Israeli raids killed four people and wounded 12 across "
        "the south. Airstrikes have since killed over 60 people in the area, a monitor said."
    )
    assert value(out["totals"]["killed"]) == 1
    assert out["totals"]["injured"] is None


def test_a_village_in_a_named_township(run):
    out = run(
        "A military jet bombed a monastery in Kyaung Gyi village in Wetlet township on "
        "Tuesday, killing nine people, residents said."
    )
    names = [i["place"]["name"] for i in out["incidents"]]
    assert names == ["Kyaung Gyi"]
    roles = {p["name"]: p["role"] for p in out["other_places"]}
    assert roles.get("Wetlet") == "container"


def test_the_air_base_a_jet_took_off_from_is_no_target(run):
    out = run(
        "A jet from the nearby Magway region's Kyaukpadaung Air Base bombed a clinic in "
        "Pakokku, killing three patients."
    )
    (inc,) = out["incidents"]
    assert inc["targets"] == ["health"]
    roles = {p["name"]: p["role"] for p in out["other_places"]}
    assert roles.get("Kyaukpadaung") == "launch site"


def test_a_tally_after_a_war_to_date_sentence(run):
    out = run(
        "An Israeli strike hit a workshop in Khiam on Friday, wounding two people.\n\n"
        "The two sides have traded fire almost daily since the war began in October. More "
        "than 300 people have been killed, most of them fighters."
    )
    assert value(out["totals"]["injured"]) == 2
    assert out["totals"]["killed"] is None


def test_an_earlier_story_told_again(run):
    out = run(
        "Russian glide bombs hit the Polohy district on Monday, injuring a woman, the governor "
        "said.\n\nAs Ukrinform reported, Zaporizhzhia is still repairing a school hit by a "
        "drone."
    )
    names = [i["place"]["name"] for i in out["incidents"]]
    assert not [n for n in names if n.startswith("Zaporizh")]


def test_the_city_is_named_as_the_report_spells_it(run):
    out = run("A Russian missile hit a shopping centre in Kryvyi Rih, wounding nine people.")
    assert [i["place"]["name"] for i in out["incidents"]] == ["Kryvyi Rih"]


def test_a_trailing_link_title_is_no_story(run):
    out = run(
        "Israeli jets struck a house in Deir al-Balah on Tuesday, killing five people.\n\n"
        "The army said it targeted a militant.\n\n"
        "Rescuers searched the rubble for hours.\n\n"
        "Residents said the family had fled there in the spring.\n\n"
        "Rescuers say 18 killed in strike on shelter in Rafah"
    )
    assert value(out["totals"]["killed"]) == 5


def test_a_school_named_after_a_town_stands_where_the_text_says(run):
    out = run(
        "An Israeli strike on Sunday hit Hebron School in the Nuseirat camp, killing six "
        "people sheltering there, the civil defence agency said."
    )
    roles = {p["name"]: p["role"] for p in out["other_places"]}
    assert roles.get("Hebron") == "attribute"
    assert "Hebron" not in _incidents(out)


def test_a_day_and_month_well_before_the_report_is_an_earlier_attack(run):
    out = run(
        "An Israeli strike on a house in Khan Younis killed four people on Sunday, medics "
        "said.\n\nA strike on a school in Jabalia on September 3 killed 11 people.",
        published="2024-09-22",
    )
    assert value(out["totals"]["killed"]) == 4
    assert [i["place"]["name"] for i in out["incidents"]] == ["Khan Younis"]


def test_arabic_names_as_the_report_spells_them(run):
    out = run("An Israeli airstrike hit a tent camp in Deir al-Balah, killing three people.")
    assert [i["place"]["name"] for i in out["incidents"]] == ["Deir al-Balah"]


def test_a_party_strikes_every_country_it_is_known_to_strike(run):
    out = run("An Israeli drone hit a motorbike in Tyre on Monday, killing its rider.")
    assert [i["place"]["name"] for i in out["incidents"]] == ["Tyre"]


def test_launched_from_the_occupied_region(run):
    out = run(
        "The jets fired missiles from the direction of the occupied Syrian Golan, hitting a "
        "depot near Izraa and wounding two soldiers."
    )
    roles = {p["name"]: p["role"] for p in out["other_places"]}
    assert roles.get("Golan") == "launch site"


def test_minor_injuries_are_no_minors(run):
    out = run(
        "A missile hit a block of flats in Holon, wounding 40 people. Two were in serious "
        "condition, while 38 sustained minor injuries, medics said."
    )
    assert value(out["totals"]["injured"]) == 40
    assert not (out["totals"]["children_injured"] or {}).get("value")


def test_hospitals_the_wounded_were_taken_to_are_not_struck(run):
    out = run(
        "A missile hit a house in Rishon LeZion, wounding nine people. Medics transported 12 "
        "injured people to Wolfson, Sheba and Shamir-Assaf Harofeh hospitals."
    )
    assert "Shamir" not in _incidents(out)


def test_a_toll_of_the_past_week_is_no_figure_of_this_strike(run):
    out = run(
        "A missile struck a car park in Haifa on Friday, injuring eight people. Iran has fired "
        "more than 300 missiles in the past week, killing at least 20 people across Israel."
    )
    assert out["totals"]["killed"] is None
    for wave in out["waves"]:
        assert (wave["launched"].get("missile") or {}).get("value") != 300


def test_the_party_that_launched_is_the_attacker(run):
    out = run(
        "Missile strikes on central Israel killed two people on Saturday, as hostilities "
        "between Israel and Iran surged. The Israel Defense Forces confirmed a new wave of "
        "missile attacks launched by Iran."
    )
    sides = {(w["attacker"], w["target_country"]) for w in out["waves"]}
    assert sides == {("Iran", "IL")}


def test_a_count_glued_to_a_dash(run):
    out = run("SOMALIA –Four people were killed when a drone struck a car near Jilib on Friday.")
    assert value(out["totals"]["killed"]) == 4


def test_towns_the_gazetteer_lacks_written_as_towns(run):
    out = run(
        "A drone strike hit a bus in the Gidan Waya town in Kaduna State on Monday, killing "
        "six passengers."
    )
    assert "Gidan Waya" in _incidents(out)
    out = run(
        "An army drone struck a crowd near a small town called Lemlem on Tuesday, killing "
        "eleven people, witnesses said."
    )
    assert "Lemlem" in _incidents(out)


def test_amhara_by_its_english_name(run):
    out = run("A drone strike in Ethiopia's Amhara region killed seven civilians on Sunday.")
    assert list(_incidents(out)) == ["Amhara"]


def test_martyrdom_is_a_death_toll(run):
    out = run(
        "Missile strikes on the city have resulted in the martyrdom of at least 14 civilians, "
        "with 20 others injured, the army said."
    )
    assert value(out["totals"]["killed"]) == (14, "at_least")
    assert value(out["totals"]["injured"]) == 20


def test_strikes_reported_in_a_list_of_towns(run):
    out = run(
        "A missile killed two people in Kotli overnight. Further strikes were reported in "
        "Muridke and Sialkot, the military said."
    )
    assert {"Kotli", "Muridke", "Sialkot"} <= set(_incidents(out))


def test_other_settlements_are_no_people(run):
    out = run(
        "Over the past day Russian troops shelled Nikopol and 14 other settlements in the "
        "region, resulting in deaths and injuries. Two people died and six more were injured."
    )
    assert value(out["totals"]["killed"]) == 2


def test_meanwhile_starts_another_strike(run):
    out = run(
        "Guided bombs hit private houses in the village of Komyshany, injuring a woman.\n\n"
        "Meanwhile, a 60-year-old man was killed when a shell hit a house in the Dniprovskyi "
        "district."
    )
    inc = _incidents(out).get("Komyshany")
    assert inc is not None and inc["killed"] is None


def test_villages_bombed_are_struck(run):
    out = run(
        "A drone killed a man in Kherson. Russian forces also dropped bombs on the villages "
        "of Tiahynka and Mykilske, the police said."
    )
    assert {"Tiahynka", "Mykilske"} <= set(_incidents(out))


def test_a_long_list_of_places_under_fire(run):
    out = run(
        "Over the past day, Tiahynka, Beryslav, Zolota Balka, Antonivka, Bilozerka and the city "
        "of Kherson were under enemy fire and air strikes, the regional administration said."
    )
    assert {"Tiahynka", "Beryslav", "Antonivka", "Bilozerka", "Kherson"} <= set(_incidents(out))


def test_a_separate_unplaced_incident_is_no_report_total(run):
    out = run(
        "Ukrainian drones killed three people in the Belgorod region on Monday, the governor "
        "said. A drone hit a minibus near Shebekino, killing two women.\n\n"
        "In a separate incident, a man was killed when an explosive was dropped on his car."
    )
    assert value(out["totals"]["killed"]) == 3


def test_an_earlier_weekday_told_as_background(run):
    out = run(
        "A Ukrainian drone attack on Wednesday killed two people in the Kursk region, the "
        "governor said.\n\nOn Tuesday, three people were killed by shelling in the Bryansk "
        "region, local officials said.",
        published="2024-04-10",
    )
    assert value(out["totals"]["killed"]) == 2
    assert "Bryansk Oblast" not in _incidents(out)


def test_each_site_goes_to_the_place_written_after_it(run):
    out = run(
        "Turkish drones struck a bus in Amuda, a gas facility near Qahtaniyah and a bakery in "
        "Hasakah on Saturday, killing four people."
    )
    incidents = _incidents(out)
    assert "energy" not in incidents["Amuda"]["targets"]  # Qahtaniyah's, a name not listed
    assert "transport" in incidents["Amuda"]["targets"]
    assert incidents["Hasakah"]["targets"] == ["commercial"]
    out = run(
        "Drones struck a warehouse in Okhtyrka, a substation near Trostianets and a school in "
        "Lebedyn overnight, injuring two people."
    )
    incidents = _incidents(out)
    assert incidents["near Trostianets"]["targets"] == ["energy"]
    assert "energy" not in incidents["Okhtyrka"]["targets"]


def test_the_hospital_a_source_works_at_is_not_struck(run):
    out = run(
        "A drone struck the cattle market in Dangila, killing six people, said a nurse at the "
        "town's hospital. Rescuers transported the bodies to Tibebe Ghion hospital."
    )
    (inc,) = out["incidents"]
    assert "health" not in inc["targets"]


def test_a_paragraph_on_the_bombs_after_an_attribution(run):
    out = run(
        "Russian guided bombs hit the centre of Kostiantynivka on Monday, killing two people.\n\n"
        "According to the police, the bombs struck a gas pipeline and a row of garages."
    )
    (inc,) = out["incidents"]
    assert "energy" in inc["targets"]


def test_a_party_insisting_it_targeted_a_hideout_is_a_claim(run):
    out = run(
        "An air force strike on a village near Anka in Zamfara State killed 16 civilians, "
        "residents said, as the military insisted it had targeted a bandit hideout."
    )
    (inc,) = out["incidents"]
    assert "military" not in inc["targets"]


def test_another_group_hurt_on_the_way_to_shelter_is_left_out(run):
    out = run(
        "A missile hit a shopping street in Haifa overnight. In total, medics treated 48 people "
        "wounded by shrapnel, three of them seriously, and another 12 people who were hurt on "
        "their way to protected spaces."
    )
    assert value(out["totals"]["injured"]) == 48


def test_as_reported_tells_an_earlier_story(run):
    out = run(
        "Russian shelling of the Kherson district wounded three people on Monday, the "
        "governor said.\n\nAs reported, a Russian drone hit a water pumping station in "
        "Kherson."
    )
    assert "water" not in [t for i in out["incidents"] for t in i["targets"]]


def test_a_village_the_data_lists_only_in_other_regions(run):
    out = run(
        "Russian guided bombs hit houses in the Kherson region on Friday. The police said "
        "Russian forces dropped bombs on the villages of Tiahynka and Vesele, injuring a man."
    )
    place = _incidents(out)["Vesele"]["place"]
    # GeoNames knows Veseles in Zaporizhzhia and Donetsk oblasts only
    assert (place["admin1"], place["precision"]) == ("Kherson Oblast", "admin1")


def test_a_lone_small_namesake_elsewhere_is_a_village_of_the_named_region(run):
    out = run(
        "Junta aircraft bombed villages in Sagaing Region on Monday, a resistance spokesman "
        "said. Four farmers died when a bomb fell on Nyaung Kone village."
    )
    (inc,) = out["incidents"]
    assert inc["place"]["name"] == "Nyaung Kone"
    assert inc["place"]["admin1"] == "Sagaing Region"  # not the Nyaung Gon near Yangon
    assert value(inc["killed"]) == 4


def test_a_township_holds_the_village_struck_in_it(run):
    out = run(
        "Twelve civilians were killed in three air strikes in Pale Township, Sagaing Region, "
        "on Friday. A jet dropped bombs on Nyaung Kone village, killing nine people, a "
        "township official said."
    )
    assert value(out["totals"]["killed"]) == 12  # the township's figure holds the village's
    assert "Pale Township" not in _incidents(out)


def test_a_foreign_namesake_placed_in_a_local_district_is_local(run):
    out = run(
        "An Israeli drone strike on a car in the town of Toul in the Nabatieh district "
        "wounded two men on Friday, the Lebanese health ministry said."
    )
    (inc,) = out["incidents"]
    assert inc["place"]["name"] == "Toul"
    assert inc["place"]["country"] == "LB"  # not Toul in France
    assert value(inc["injured"]) == 2


def test_a_lone_namesake_not_called_a_village_stays_put(run):
    out = run(
        "Israeli jets struck the eastern region of Bekaa on Thursday. A separate air strike "
        "hit a house in the southern district of Marjayoun, wounding one man."
    )
    places = {i["place"]["name"]: i["place"] for i in out["incidents"]}
    assert places["Marjayoun"]["admin1"] != "Bekaa"


def test_drones_deployed_at_an_airport_were_not_launched(run):
    out = run(
        "A drone struck a market in El Fasher on Monday, killing six people. Satellite "
        "pictures show the RSF has deployed at least 30 drones at Nyala airport."
    )
    assert out["waves"] == [] or all(
        w["launched"].get("drone") is None for w in out["waves"]
    )
    assert value(out["totals"]["killed"]) == 6


def test_an_attack_that_came_just_days_after_another_event(run):
    out = run(
        "Shelling killed four people in El Fasher on Tuesday. The attack came just days "
        "after RSF drones struck the airport in Nyala, witnesses said."
    )
    assert list(_incidents(out)) == ["El Fasher"]


def test_the_injury_of_as_a_ministry_states_it(run):
    out = run(
        "An Israeli air strike on the town of Aitaroun led to the martyrdom of two people "
        "and the injury of six others, the health ministry said in a statement."
    )
    assert value(out["totals"]["killed"]) == 2
    assert value(out["totals"]["injured"]) == 6


def test_a_detail_near_the_struck_town_is_the_same_strike(run):
    out = run(
        "A drone strike killed three farmers in Kupiansk on Sunday, the governor said. "
        "The drone hit a barn near Kupiansk, he added."
    )
    assert list(_incidents(out)) == ["Kupiansk"]
    assert value(out["incidents"][0]["killed"]) == 3


def test_the_capital_followed_by_its_name(run):
    out = run(
        "Two people were injured when US warplanes struck a house in the capital Sanaa on "
        "Sunday, the Houthi-run health ministry said."
    )
    assert list(_incidents(out)) == ["Sanaa"]  # not Washington, the capital of the attacker
    assert value(out["totals"]["injured"]) == 2


def test_a_citizen_is_a_person(run):
    out = run(
        "A citizen was injured in an airstrike on a neighbourhood of Hodeidah on Thursday, "
        "the Houthi-run health ministry said."
    )
    assert value(out["totals"]["injured"]) == 1


def test_a_count_whose_outcome_word_is_left_out(run):
    out = run(
        "Russian glide bombs struck the region on Sunday, killing four people in Kupiansk "
        "and two in Balakliia, the governor said."
    )
    incidents = _incidents(out)
    assert value(incidents["Kupiansk"]["killed"]) == 4
    assert value(incidents["Balakliia"]["killed"]) == 2
    assert value(out["totals"]["killed"]) == 6


def test_a_camp_the_data_lacks_inside_a_named_city(run):
    out = run(
        "Israeli jets bombed a family home in the Shati refugee camp in Gaza City before "
        "dawn, killing nine people, medics said."
    )
    (inc,) = out["incidents"]
    assert inc["place"]["name"] == "Shati"
    assert inc["place"]["country"] == "PS"
    assert value(inc["killed"]) == 9


def test_a_toll_another_outlet_gave_earlier_is_no_update(run):
    out = run(
        "An air strike on a school sheltering displaced families in Deir al-Balah killed 14 "
        "people on Tuesday, the civil defence agency said. A local radio station earlier "
        "reported a death toll of 12."
    )
    assert value(out["totals"]["killed"]) == 14


def test_the_target_named_far_before_an_interception_count_is_no_attacker(run):
    out = run(
        "Russia launched 40 drones and three missiles at Ukraine overnight, aiming mostly at "
        "the energy sites of the south and east of the country, with air defences downing "
        "35 drones and all three missiles, the air force said."
    )
    (wave,) = out["waves"]
    assert wave["attacker"] == "Russia"
    assert value(wave["intercepted"]["drone"]) == 35


def test_regions_where_drones_were_destroyed_are_no_strikes(run):
    out = run(
        "Russia attacked Ukraine with 35 drones overnight. Air defence units destroyed 30 "
        "Shahed drones in the Mykolaiv, Kherson and Poltava regions, the air force said."
    )
    assert out["incidents"] == []
    roles = {p["name"]: p["role"] for p in out["other_places"]}
    assert roles.get("Mykolaiv Oblast") == "interception area"


def test_a_regions_lower_bound_holds_a_larger_village_figure(run):
    out = run(
        "A military drone strike in Nigeria's Kaduna state killed more than 30 villagers on "
        "Sunday. Local leaders said 41 people were killed in Tudun Biri village, Kaduna state."
    )
    assert "Kaduna State" not in _incidents(out)  # the state's figure is the village's
    assert value(out["totals"]["killed"]) != 71


def test_the_region_named_before_town_of_holds_the_town(run):
    out = run(
        "Six people were wounded on Saturday when rockets slammed into the Galilee town of "
        "Majd al-Kurum, paramedics said."
    )
    assert list(_incidents(out)) == ["Majd al-Kurum"]
    assert value(out["incidents"][0]["injured"]) == 6


def test_a_foreign_namesake_set_in_a_local_state_by_apposition(run):
    out = run(
        "An army air strike hit the weekly market in Tura, a small town in North Darfur, on "
        "Monday, killing 40 people, a monitoring group said."
    )
    (inc,) = out["incidents"]
    assert inc["place"]["name"] == "Tura"
    assert inc["place"]["country"] == "SD"
    assert value(inc["killed"]) == 40


def test_a_district_figure_holds_its_villages(run):
    out = run(
        "Junta jets bombed villages in Hpapun district on Thursday, killing six people, a "
        "Karen group said. Medics who reached Mae Wai village in Hpapun said a teacher and "
        "her son were among the dead there."
    )
    assert value(out["totals"]["killed"]) == 6  # not 6 + the village's two


def test_the_provinces_of_a_list_are_provinces(run):
    out = run(
        "Pakistani jets bombed targets in the border provinces of Paktika and Khost overnight, "
        "killing five people, a Taliban spokesman said."
    )
    names = [i["place"]["name"] for i in out["incidents"]]
    assert "Khost Province" in names and "Khost" not in names  # the province, not its city


def test_a_dateline_whose_outlet_name_holds_a_number(run):
    out = run(
        "ERBIL (Kurdistan 24) – A drone strike hit a car in Qamishli on Sunday, killing two "
        "men, local security forces said."
    )
    assert list(_incidents(out)) == ["Qamishli"]
    roles = {p["name"]: p["role"] for p in out["other_places"]}
    assert roles.get("Erbil") == "dateline"


def test_another_spelling_in_brackets_is_the_place_not_a_credit(run):
    out = run(
        "A drone struck a vehicle in the city of Qamishlo (Qamishli) on Tuesday, killing "
        "three members of one family, the Asayish said."
    )
    assert list(_incidents(out)) == ["Qamishli"]
    assert value(out["incidents"][0]["killed"]) == 3


def test_a_village_of_a_state_names_the_village_first(run):
    out = run(
        "A military drone struck a crowd in Tudun Biri village of Kaduna state on Sunday, "
        "killing 85 people, officials said."
    )
    assert list(_incidents(out)) == ["Tudun Biri"]
    assert value(out["incidents"][0]["killed"]) == 85


def test_casualties_the_injured_figure_accounts_for(run):
    out = run(
        "A ballistic missile struck a street in Beersheba on Friday, lightly wounding six "
        "people. The city's hospital said it had received six casualties."
    )
    assert value(out["totals"]["injured"]) == 6
    assert out["totals"]["casualties"] is None


def test_drones_downed_in_a_city_whose_debris_hurt_people_there(run):
    out = run(
        "Air defences shot down nine drones in Odesa overnight, but falling debris wounded "
        "three people, the regional governor said."
    )
    assert list(_incidents(out)) == ["Odesa"]
    assert value(out["totals"]["injured"]) == 3

def test_a_post_office_or_garages_stay_beside_a_precise_class(run):
    out = run(
        "Russian artillery shelled Velykyi Burluk on Sunday afternoon, damaging a grocery "
        "shop, a post office and a row of garages. Two men were wounded, the governor said."
    )
    (inc,) = out["incidents"]
    assert set(inc["targets"]) == {"commercial", "other"}


def test_a_generic_building_yields_to_a_precise_class(run):
    out = run(
        "A drone hit a school and a nearby building in Nikopol on Tuesday morning, wounding "
        "a caretaker, the regional governor said."
    )
    (inc,) = out["incidents"]
    assert inc["targets"] == ["education"]


def test_damage_told_a_paragraph_later_is_the_places(run):
    out = run(
        "Russian guided bombs struck the town of Kupiansk on Tuesday afternoon, killing two "
        "people, the regional governor said.\n\n"
        "According to him, one bomb exploded in the town centre. A grocery shop and four "
        "nearby apartment blocks were damaged."
    )
    assert {"commercial", "residential"} <= set(_incidents(out)["Kupiansk"]["targets"])


def test_damage_of_another_day_or_list_item_is_not_carried_over(run):
    out = run(
        "- On 3 May, shelling of the Abu Shouk camp for displaced people killed nine "
        "civilians.\n"
        "- The Saudi Hospital was hit for the third time this month.\n\n"
        "On 5 May, shells struck a hospital and a market, according to local volunteers."
    )
    targets = set(_incidents(out)["Abu Shouk"]["targets"])
    assert not targets & {"health", "commercial"}


def test_a_region_summary_leaves_the_city_named_before(run):
    out = run(
        "Over the past day, Russian troops shelled 35 settlements of the Kherson region, "
        "including the city of Kherson, the regional administration said.\n\n"
        "Private houses in settlements of the region came under fire. The occupiers also "
        "damaged a gas pipeline and a shop."
    )
    kherson = _incidents(out).get("Kherson")
    assert kherson is None or not set(kherson["targets"]) & {"energy", "commercial"}


def test_a_site_placed_at_a_place_abroad_is_not_the_strikes(run):
    out = run(
        "A Russian missile hit an apartment block in Sumy on Sunday, wounding 14 people, the "
        "mayor said. The agency, speaking from its headquarters in Paris, condemned "
        "the attack."
    )
    assert _incidents(out)["Sumy"]["targets"] == ["residential"]


def test_sites_destroyed_are_not_an_interception(run):
    out = run(
        "An army drone hit the livestock market in Umm Ruwaba on Sunday, killing nine people, "
        "local volunteers said. A bakery and a petrol station were destroyed."
    )
    assert {"commercial", "energy"} <= set(_incidents(out)["Umm Ruwaba"]["targets"])


def test_the_speakers_headquarters_abroad_is_not_the_struck_places_site(run):
    out = run(
        "U.S. forces carried out an airstrike against al-Shabaab fighters near Kismayo on "
        "Monday, destroying a bridge, according to a statement issued from its headquarters "
        "in Stuttgart, Germany."
    )
    (inc,) = out["incidents"]
    assert inc["targets"] == ["transport"]


def test_the_hospital_where_the_victims_were_treated_is_not_struck(run):
    out = run(
        "An airstrike hit a livestock market in Mellit on Monday, killing 19 people, a "
        "doctors' group said, citing the town's teaching hospital, where the victims were "
        "taken. Most of the wounded were in the Mellit Rural Hospital, where they were "
        "treated for burns."
    )
    (inc,) = out["incidents"]
    assert inc["targets"] == ["commercial"]


def test_damage_after_a_war_tally_is_not_carried_to_the_place(run):
    out = run(
        "Air strikes hit the town of Saada overnight, killing three people, the rebels said."
        "\n\nThe campaign resumed last month.\n\n"
        "Dozens of people have been killed in the strikes since the start of the year. "
        "Homes have been flattened and military sites destroyed."
    )
    targets = [t for i in out["incidents"] for t in i["targets"]]
    assert "military" not in targets
