"""Where figures belong and when: struck places vs other places, context, dates."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.pipeline.conftest import value


def _incidents(out):
    return {(i["place"]["name"] if i["place"] else None, i["near"]): i for i in out["incidents"]}


def test_speaker_venue_and_launch_site_are_not_strikes(run):
    out = run(
        "Russian drones hit an apartment block in Kharkiv overnight, injuring four people. "
        "Speaking in Brussels, the foreign minister called for more air defence. "
        "The drones were launched from the Kursk region, the air force said. "
        "A summit with European leaders in Rome is planned for next week."
    )
    names = [i["place"]["name"] for i in out["incidents"]]
    assert names == ["Kharkiv"]
    roles = {p["name"]: p["role"] for p in out["other_places"]}
    assert roles["Brussels"] == "speaker location"
    assert roles["Rome"] == "meeting venue"
    assert any(r == "launch site" for r in roles.values())


def test_context_carries_to_the_next_sentence(run):
    out = run(
        "In Zaporizhzhia, a guided bomb hit an industrial site. Three workers were injured "
        "and a warehouse burned down, the regional governor said."
    )
    (inc,) = out["incidents"]
    assert inc["place"]["admin1"] == "Zaporizhzhia Oblast"
    assert value(inc["injured"]) == 3
    assert set(inc["targets"]) >= {"industrial", "commercial"}
    assert inc["weapon"] == "glide_bomb"


def test_the_capital_is_the_struck_country_capital(run):
    out = run(
        "Russian missiles struck the capital overnight, killing two people, Ukraine's "
        "air force said."
    )
    assert [i["place"]["name"] for i in out["incidents"]] == ["Kyiv"]


def test_a_nearby_village(run):
    out = run(
        "A missile hit a house in the village of Pohreby, north of Kyiv, killing three people. "
        "A man in a nearby village later died of his wounds."
    )
    inc = _incidents(out)
    assert value(inc[("Pohreby", None)]["killed"]) == 3
    near = [i for (name, near), i in inc.items() if near == "Pohreby"]
    assert near and value(near[0]["killed"]) == 1


@pytest.mark.parametrize(
    "text, admin1",
    [
        ("Shelling of the Kharkiv region killed one man, the governor said.", "Kharkiv Oblast"),
        ("A drone struck a farm in Odesa Oblast, injuring two people.", "Odesa Oblast"),
        ("A glide bomb hit a school in the Sumy province, injuring a teacher.", "Sumy Oblast"),
    ],
)
def test_region_forms(run, text, admin1):
    out = run(text)
    assert [i["place"]["admin1"] for i in out["incidents"]] == [admin1]
    assert out["incidents"][0]["place"]["precision"] == "admin1"


def test_transliterations_resolve_to_one_place(run):
    a = run("A missile struck Kiev, killing one person.")["incidents"][0]["place"]
    b = run("A missile struck Kyiv, killing one person.")["incidents"][0]["place"]
    assert a["geonameid"] == b["geonameid"]


@pytest.mark.parametrize(
    "text, published, period, date",
    [
        (
            "Russia launched 50 drones at Ukraine overnight, the air force said.",
            "2025-10-22",
            "overnight",
            "2025-10-22",
        ),
        (
            "Russia launched 50 drones at Ukraine on Wednesday evening, the air force said.",
            "2025-10-24",
            "evening",
            "2025-10-22",
        ),
        (
            "On 12 July, Russia launched 50 drones at Ukraine, the air force said.",
            "2025-07-14",
            None,
            "2025-07-12",
        ),
        (
            "Russia launched 50 drones at Ukraine late Tuesday, the air force said.",
            "2025-10-22",
            "evening",
            "2025-10-21",
        ),
    ],
)
def test_period_and_date(run, text, published, period, date):
    wave = run(text, published=published)["waves"][0]
    assert wave["period"] == period
    assert wave["date"] == date


@pytest.mark.parametrize(
    "site, target",
    [
        ("a kindergarten", "education"),
        ("a maternity hospital", "health"),
        ("an electrical substation", "energy"),
        ("a grain terminal", "agricultural"),
        ("a railway station", "transport"),
        ("a supermarket", "commercial"),
        ("an Orthodox church", "religious"),
        ("a water pumping station", "water"),
        ("a private house", "residential"),
    ],
)
def test_site_classes(run, site, target):
    out = run(f"A Russian drone hit {site} in Mykolaiv overnight, injuring one person.")
    assert target in out["incidents"][0]["targets"]


def test_evidence_is_the_sentence_in_the_text(run):
    text = (
        "Officials said the toll was rising. In Odesa, a drone struck a port warehouse, "
        "killing two workers, the governor said."
    )
    out = run(text)
    fig = out["incidents"][0]["killed"]
    for span in fig["evidence"]:
        assert text[span["start"] : span["end"]] == span["text"]
        assert "killing two workers" in span["text"]


def test_a_place_the_gazetteer_lacks_is_kept_unresolved(run):
    out = run("US air strikes on the Ras Isa fuel port in Yemen killed 38 people.")
    (inc,) = out["incidents"]
    assert inc["place"]["name"] == "Ras Isa"
    assert inc["place"]["precision"] == "unresolved"
    assert value(inc["killed"]) == 38


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        (
            "Army warplanes bombed a market in Kabkabiya, North Darfur, killing 12 people.",
            "Kabkabiya",
            "North Darfur State",
        ),
        (
            "Military jets bombed a monastery in Sagaing region's Lin Ta Lu village, killing 23 "
            "civilians.",
            "Lin Ta Lu",
            "Sagaing Region",
        ),
    ],
)
def test_unlisted_towns_take_their_region(run, text, name, admin1):
    (inc,) = run(text)["incidents"]
    assert (inc["place"]["name"], inc["place"]["admin1"]) == (name, admin1)
    assert inc["place"]["precision"] == "admin1"


def test_transliteration_marks_are_dropped_from_arabic_names(run):
    (inc,) = run("An Israeli strike on a tent in Khan Younis killed five people.")["incidents"]
    # GeoNames' "Khān Yūnis", named as the report spells it
    assert inc["place"]["name"] == "Khan Younis"
    assert inc["place"]["name"].isascii()
    (inc,) = run("An Israeli strike on a tent in Khan Yunis killed five people.")["incidents"]
    assert inc["place"]["name"] == "Khan Yunis"


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "In Lutsk, where air raid sirens sounded for three hours, the mayor reported no "
            "damage.",
            [],
        ),
        (
            "A game between Kryvbas and Dnipro-1 was halted for an hour because of an air raid "
            "alert.",
            [],
        ),
        ("A drone hit a house in Sumy, but there was no damage to the school nearby.", ["Sumy"]),
    ],
)
def test_alerts_and_no_damage_are_no_strike(run, text, places):
    assert [i["place"]["name"] for i in run(text)["incidents"]] == places


def test_a_river_named_after_a_city_is_not_the_city(run):
    out = run(
        "In Nikopol, which lies across the Dnipro River from Enerhodar, shelling wounded a "
        "71-year-old man, the governor said."
    )
    incidents = _incidents(out)
    assert list(incidents) == [("Nikopol", None)]
    assert value(incidents[("Nikopol", None)]["injured"]) == 1


def test_sites_before_a_list_of_places_go_to_each(run):
    out = run(
        "Israeli jets struck missile production sites and command centres in Tehran and "
        "Isfahan overnight, Iranian media said."
    )
    targets = {k[0]: set(i["targets"]) for k, i in _incidents(out).items()}
    assert targets["Tehran"] == targets["Isfahan"] == {"industrial", "military"}


@pytest.mark.parametrize(
    ("clock", "period"),
    [("shortly after 8am", "morning"), ("at 3 p.m.", "day"), ("shortly before 11 p.m.", "evening"),
     ("at 2:30 a.m.", "overnight")],
)
def test_clock_times_give_the_period(run, clock, period):
    out = run(f"Russia launched 40 drones at Ukraine {clock}, the air force said.")
    assert out["waves"][0]["period"] == period


def test_a_neighbourhood_named_with_its_city_is_the_city(run):
    out = run(
        "In Kharkiv, Russian drones struck two districts overnight. A couple in their 60s died "
        "when fire engulfed their flat in a high-rise in Saltivka."
    )
    assert [k[0] for k in _incidents(out)] == ["Kharkiv"]


def test_a_suburb_town_is_not_a_district(run):
    out = run(
        "Iranian missiles hit Tel Aviv overnight. In Holon, shrapnel damaged several homes, "
        "and in Ramat Gan a missile struck a residential block."
    )
    assert {"Holon", "Ramat Gan"} <= {k[0] for k in _incidents(out)}


def test_a_repeated_strike_this_year_is_still_this_strike(run):
    out = run(
        "Russian missiles struck western Ukraine overnight. In the Ivano-Frankivsk region, the "
        "Burshtyn thermal power plant was damaged for the eighth time this year; no one was "
        "injured."
    )
    assert ("Burshtyn", None) in _incidents(out)


def test_a_street_named_after_a_town_is_not_the_town(run):
    out = run(
        "In Horlivka, a shell exploded near a grocery shop on Pushkin Street, killing a man, "
        "the head of the city said."
    )
    assert [k[0] for k in _incidents(out)] == ["Horlivka"]


def test_fire_from_the_territory_of_a_region_is_a_launch_site(run):
    out = run(
        "In Sumy, a guided bomb destroyed two houses. Shelling was recorded along the border, "
        "including from the territory of the Kursk region."
    )
    roles = {p["name"]: p["role"] for p in out["other_places"]}
    assert roles.get("Kursk Oblast") == "launch site"
    assert [k[0] for k in _incidents(out)] == ["Sumy"]


def test_the_capital_is_the_capital_of_the_place_just_named(run):
    out = run(
        "Sirens sounded in Tel Aviv and Jerusalem overnight. Israeli warplanes later struck "
        "Sanaa airport and a power station in the south of the capital, Houthi media said."
    )
    assert [k[0] for k in _incidents(out)] == ["Sanaa"]


def test_hurt_on_the_way_to_a_shelter_is_no_strike(run):
    out = run(
        "Paramedics said a 70-year-old woman was slightly hurt when she fell on her way to a "
        "shelter in Ramat Gan. A missile hit a house in Holon, injuring two."
    )
    assert [k[0] for k in _incidents(out)] == ["Holon"]
    assert value(out["totals"]["injured"]) == 2


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # a measured distance and a direction: near the town
        (
            "A drone struck a minibus about 20 kilometres north of Debre Markos in the Amhara "
            "region, killing nine passengers.",
            "near",
        ),
        ("An airstrike on a village 10 miles west of Kyaukme killed 11 people.", "near"),
        # a direction alone puts the strike at the town
        ("An airstrike hit tents west of Khan Younis, killing 13 people.", "place"),
    ],
)
def test_a_measured_distance_from_a_town_is_near_it(run, text, key):
    (incident,) = run(text)["incidents"]
    assert (incident["near"] is not None) == (key == "near")


def test_a_dateline_with_a_colon_is_no_strike(run):
    out = run(
        "ISLAMABAD, May 8: A woman and her two daughters were killed when a mortar shell struck "
        "their home in Kotli district late on Wednesday, officials said."
    )
    roles = {p["name"]: p["role"] for p in out["other_places"]}
    assert roles.get("Islamabad") == "dateline"


def test_a_raion_named_after_a_town_is_not_a_city_district(run):
    out = run(
        "In Ivano-Frankivsk, debris damaged an apartment block. Two more people were hurt by "
        "falling debris in the Starokostiantyniv district of the Khmelnytskyi region."
    )
    names = {i["place"]["name"]: i["place"]["precision"] for i in out["incidents"]}
    assert names.get("Starokostiantyniv district") == "admin2"


def test_a_city_district_stands_for_its_city(run):
    out = run(
        "Russian drones attacked Odesa overnight. Hits on port infrastructure and on a "
        "residential area of the Prymorskyi district were recorded."
    )
    assert [k[0] for k in _incidents(out)] == ["Odesa"]


def test_habitual_attacks_and_company_names_give_no_sites(run):
    out = run(
        "A Russian missile damaged a church in Odesa on Sunday. Odesa has seen near-nightly "
        "attacks on its port and energy facilities. The depot in Korosten was not damaged, "
        "according to Ukrainian Railways."
    )
    targets = {k[0]: set(i["targets"]) for k, i in _incidents(out).items()}
    assert targets == {"Odesa": {"religious"}}


def test_a_capital_that_appointed_an_official_is_no_strike(run):
    out = run(
        "The head of the Odessa regional administration appointed by Kiev said a port facility "
        "had been damaged in the city by drones and two workers were injured."
    )
    assert "Kyiv" not in {k[0] for k in _incidents(out)}


def test_a_regional_title_beside_a_struck_place_is_no_strike(run):
    out = run(
        "A married couple were killed overnight when a Russian drone struck their home in a "
        "village near Bila Tserkva, the head of the Kyiv Regional Military Administration said."
    )
    (incident,) = out["incidents"]
    assert incident["near"] is not None and value(incident["killed"]) == 2


def test_a_paragraph_opening_with_the_missile_tells_on_the_same_strike(run):
    out = run(
        "A Russian missile struck a busy market in Kryvyi Rih on Friday, killing nine people."
        "\n\nThe missile hit between rows of stalls. Nearby apartment buildings and a bank "
        "branch were damaged."
    )
    (incident,) = out["incidents"]
    assert set(incident["targets"]) == {"commercial", "residential"}


def test_an_unnamed_village_later_located_near_a_town(run):
    out = run(
        "A military jet bombed a school in a village in Sagaing Region on Monday, killing 12 "
        "people, including eight children.\n\nThe village lies about 15 kilometres from the "
        "town of Kanbalu, residents said. A second strike hit a monastery in Kanbalu town, "
        "wounding five people."
    )
    by_near = {(i["near"] is not None): i for i in out["incidents"]}
    assert value(by_near[True]["killed"]) == 12
    assert value(by_near[False]["injured"]) == 5


def test_the_plant_points_back_at_the_refinery(run):
    out = run(
        "A Ukrainian drone attack set off a fire at an oil refinery in Novoshakhtinsk overnight; "
        "nobody was hurt at the plant, the governor said."
    )
    (incident,) = out["incidents"]
    assert incident["targets"] == ["energy"]


def test_a_camp_named_as_the_place_is_no_site(run):
    out = run(
        "Four people were killed when an Israeli strike hit a group of people near a water "
        "distribution point in Nuseirat refugee camp."
    )
    (incident,) = out["incidents"]
    assert incident["targets"] == ["water"]


def test_no_casualties_or_damage_in_a_region_is_no_strike(run):
    out = run(
        "Drone wreckage fell on a private house in Podolsk, injuring a woman. In the Kaluga "
        "region, the governor said there were no casualties or damage."
    )
    assert [k[0] for k in _incidents(out)] == ["Podolsk"]


def test_regions_of_a_list_are_regions_where_drones_were_downed(run):
    out = run(
        "Russia sent drones at Ukraine overnight; they were destroyed over the regions of "
        "Sumy, Poltava and Kyiv, the air force said."
    )
    assert not out["incidents"]
    roles = {p["name"]: p["role"] for p in out["other_places"]}
    assert roles == {
        "Sumy Oblast": "interception area",
        "Poltava Oblast": "interception area",
        "Kyiv Oblast": "interception area",
    }


def test_this_region_points_back_to_the_region_named_before(run):
    out = run(
        "Russian drones attacked southern Ukraine overnight. Six drones were shot down over the "
        "Mykolaiv region, the governor said. Shelling in this region killed two people and "
        "wounded five during the day, he added."
    )
    (inc,) = out["incidents"]
    assert inc["place"]["name"] == "Mykolaiv Oblast"
    assert (inc["killed"]["value"], inc["injured"]["value"]) == (2, 5)


def test_a_capitalised_city_alone_on_its_line_is_a_dateline(run):
    out = run(
        "Drone debris kills two in Kursk region\n\nMOSCOW\n\nDebris of a Ukrainian drone "
        "fell on a house in the Kursk region overnight, killing two people, the governor said."
    )
    assert [i["place"]["name"] for i in out["incidents"]] == ["Kursk Oblast"]
    assert {p["name"]: p["role"] for p in out["other_places"]}["Moscow"] == "dateline"


def test_the_hospital_that_counts_the_dead_is_not_struck(run):
    out = run(
        "An air strike on a tent in al-Mawasi killed three people, according to Nasser "
        "Hospital in Khan Younis, where the bodies were taken."
    )
    roles = {p["name"]: p["role"] for p in out["other_places"]}
    assert "Khan Younis" not in [i["place"]["name"] for i in out["incidents"]]
    assert roles.get("Khan Younis") == "treatment location"


def test_a_unit_named_again_by_its_stem_is_the_same_unit(run):
    out = run(
        "Pakistani airstrikes hit houses in the Barmal district of Paktika province overnight, "
        "the Taliban said.\n\nA teacher in Barmal said the bodies of two men were pulled "
        "from the rubble."
    )
    (inc,) = out["incidents"]
    assert inc["place"]["name"] == "Barmal District"
    assert inc["killed"]["value"] == 2


def test_a_town_the_gazetteer_lacks_near_a_known_region(run):
    out = run(
        "A military jet bombed a hamlet near Dogon Daji in Zamfara State on Friday, killing "
        "eight villagers, residents said."
    )
    (inc,) = out["incidents"]
    assert inc["near"] == "Dogon Daji" or inc["place"]["name"] == "Dogon Daji"
    assert inc["killed"]["value"] == 8


def test_the_gulf_named_after_a_port_is_water(run):
    out = run(
        "US strikes hit a radar site in Hodeidah on Sunday. The Houthis have fired missiles at "
        "ships in the Gulf of Aden and the Red Sea in solidarity with Gaza."
    )
    assert [i["place"]["name"] for i in out["incidents"]] == ["Hodeidah"]  # as the report spells it
    roles = {p["name"]: p["role"] for p in out["other_places"]}
    assert roles["Aden"] == "sea or river"


def test_a_village_in_a_named_region_is_placed_in_that_region(run):
    out = run(
        "A military jet dropped two bombs on Nyaung Kone village in the northern Sagaing "
        "region on Tuesday, killing six people. A resident of Nyaung Kone said nine homes "
        "burned."
    )
    (inc,) = out["incidents"]
    assert inc["place"]["admin1"] == "Sagaing Region"
    assert inc["killed"]["value"] == 6


def test_a_local_total_in_one_town_is_the_towns(run):
    out = run(
        "Russian attacks killed four people across Ukraine over the past day, governors said. "
        "A total of 11 people, including a 9-year-old girl, were injured in Kryvyi Rih when a "
        "missile hit a school, the mayor said."
    )
    (inc,) = out["incidents"]
    assert (inc["injured"]["value"], inc["children_injured"]["value"]) == (11, 1)


def test_a_foreign_word_read_out_of_an_unknown_local_name(run):
    out = run(
        "Russian troops dropped explosives from a drone on a yard in Mala Vovcha, Kharkiv "
        "Oblast, killing a 60-year-old man, the governor said."
    )
    (inc,) = out["incidents"]
    assert inc["place"]["name"] == "Mala Vovcha"
    assert inc["place"]["admin1"] == "Kharkiv Oblast"
    assert inc["killed"]["value"] == 1


def test_an_arabic_town_written_without_its_article(run):
    out = run(
        "Turkish drones struck a car in Qamishli on Saturday, killing two men, the "
        "Kurdish-led administration said."
    )
    (inc,) = out["incidents"]
    assert inc["place"]["geonameid"] == 173377  # Al Qāmishlī


def test_the_area_of_a_city_holds_the_towns_named_in_it(run):
    out = run(
        "At least 30 people were killed in attacks in the Khartoum area on Sunday, medics said. "
        "Shelling hit a market in Omdurman, where 25 people died. Airstrikes elsewhere resulted "
        "in the deaths of three civilians in Bahri."
    )
    assert out["totals"]["killed"]["value"] == 30
    killed = {i["place"]["name"]: i["killed"]["value"] for i in out["incidents"]}
    assert killed["Omdurman"] == 25


def test_a_part_of_the_toll_in_a_site_of_a_named_town(run):
    out = run(
        "Israeli strikes killed at least 20 people across the Gaza Strip on Monday, including "
        "eight in a school sheltering displaced families in Deir al-Balah, medics said."
    )
    assert out["totals"]["killed"]["value"] == 20
    (inc,) = out["incidents"]
    assert inc["killed"]["value"] == 8
    assert "education" in inc["targets"]


# Real-copy phrasings (session 3), each with the incidents it must give: (text, published,
# the incident place names, sorted).
INCIDENT_PLACES = [
    # "the northern region of X" is the region
    ("Russia attacked Ukraine overnight. A drone fell on a farm in the northern region of "
     "Chernihiv, injuring a tractor driver.", None, ["Chernihiv Oblast"]),
    # the places of a clause that says nothing was hit were not struck
    ("Russia attacked Ukraine with drones overnight. Debris damaged a warehouse in Uman, while "
     "the governors of the Vinnytsia and Zhytomyr regions reported no hits or casualties.",
     None, ["Uman"]),
    # a strike last week, or in an earlier month, is background
    ("A drone hit a house in Chernihiv overnight, injuring two. The attack came a week after a "
     "missile hit a hospital in Sumy last week and killed nine people.", None, ["Chernihiv"]),
    ("RSF drones hit a fuel depot in Kosti on Tuesday, killing four workers.\n\nIn March, an "
     "RSF drone attack on a market in Kassala killed 12 people.", "2025-06-11", ["Kosti"]),
    # a capital that presses its allies is an actor
    ("KYIV, May 3 (Newswire) - Russian drones killed two people in Odesa overnight, officials "
     "said, as Kyiv pressed its allies for more air defence systems.", None, ["Odesa"]),
    # a city district later in the story is the city struck before
    ("A Russian missile hit a high-rise in Kyiv overnight, killing four people. In Irpin, "
     "debris fell in a field without causing damage.\n\nResidents of the damaged building in "
     "the Obolonskyi district described a loud blast.", None, ["Kyiv"]),
    # a place inside an organisation's name is no strike
    ("Junta jets bombed a village in Chin State on Monday, killing five people, the Chin Human "
     "Rights Organisation said. The Chin National Front said two children died.", None,
     ["Chin State"]),
    # a list of impact sites; a collapsed building is a hit
    ("Iran fired about 40 missiles at Israel on Tuesday night. Missiles made impacts at three "
     "sites across Israel: in Holon, Rehovot and Ashdod, paramedics said.\n\nSearches went on "
     "for people trapped under a collapsed building in Holon.", None,
     ["Ashdod", "Holon", "Rehovot"]),
    # a party that struck makes an attack without a weapon word; an ordinal "since" is no toll
    ("Russia struck power plants overnight. The operator said its plants in the Lviv and Rivne "
     "regions had been hit, the third attack on its assets since September.", None,
     ["Lviv Oblast", "Rivne Oblast"]),
    # GeoNames' "Orël" as newsrooms write it
    ("A Ukrainian drone hit a boiler house in Oryol overnight, the governor said. Nobody was "
     "hurt.", None, ["Oryol"]),
]


@pytest.mark.parametrize(
    ("text", "published", "places"), INCIDENT_PLACES, ids=[c[0][:40] for c in INCIDENT_PLACES]
)
def test_incident_places_in_real_copy_phrasings(run, text, published, places):
    out = run(text, published) if published else run(text)
    assert sorted(i["place"]["name"] for i in out["incidents"]) == places


def _dates_by_flat_alternation(text: str) -> list[tuple[int, int, int | None]]:
    """find_dates as first written: month names as a flat, longest-first alternation."""
    import re

    from strikelog.lang.loader import load_lexicon

    months = {k.lower(): int(v) for k, v in load_lexicon("times")["months"].items()}
    names = "|".join(sorted(months, key=len, reverse=True))
    rx = re.compile(
        rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{names})\.?"
        rf"|(?P<m2>{names})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b)(?:,?\s+(?P<y>(?:19|20)\d\d))?",
        re.IGNORECASE,
    )
    out = []
    for m in rx.finditer(text):
        day = int(m.group("d1") or m.group("d2"))
        if 1 <= day <= 31:
            year = int(m.group("y")) if m.group("y") else None
            out.append((months[(m.group("m1") or m.group("m2")).lower()], day, year))
    return out


@given(
    st.lists(
        st.sampled_from(["May", "may", "Sept", "September", "sep", "Jun", "June", "of", "12",
                         "3rd", "31", "2025", "1999", ",", ".", " ", " ", "Oct.", "x", "in"]),
        max_size=12,
    )
)
def test_find_dates_is_the_flat_alternation(pieces: list[str]) -> None:
    from strikelog.frame import find_dates

    text = "".join(pieces)
    assert find_dates(text, 0, len(text)) == _dates_by_flat_alternation(text)
