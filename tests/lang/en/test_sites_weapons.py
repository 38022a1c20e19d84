"""Site and weapon lexicons (strikelog/lang/en/sites.toml, weapons.toml) on report-like sentences.

Each sentence is written for this test in the style of wire copy, official statements and local
news from several conflicts; the expected value is the exact set of classes spotted.
"""

from __future__ import annotations

import re

import pytest

from strikelog.lang.loader import load_lexicon
from strikelog.spot.mentions import spot

SITE_CLASSES = {
    "residential", "energy", "education", "health", "industrial", "transport", "commercial",
    "government", "religious", "cultural", "military", "agricultural", "water", "telecom", "other",
}
WEAPON_CLASSES = {
    "drone", "missile", "ballistic_missile", "cruise_missile", "rocket", "glide_bomb",
    "artillery", "airstrike",
}


def _labels(text: str, kind: str) -> set[str]:
    return {m.label for m in spot(text) if m.kind == kind}


SITE_CASES: list[tuple[str, set[str]]] = [
    # Ukraine, regional and city officials
    ("A drone damaged a gas distribution station near Nizhyn.", {"energy"}),
    ("Debris damaged a mobile phone tower outside Chernihiv.", {"telecom"}),
    ("Coverage was lost after a phone tower was hit.", {"telecom"}),
    ("The strike knocked out a mobile base station in the village.", {"telecom"}),
    ("A missile hit a grain terminal in Izmail.", {"transport", "agricultural"}),
    ("Guided bombs hit the private sector of the Industrial district.", {"residential"}),
    ("Several private houses caught fire after the attack.", {"residential"}),
    ("Windows were blown out in a high-rise on Peremohy Avenue.", {"residential"}),
    ("Debris broke windows in the administrative building of the enterprise.", {"industrial"}),
    ("The plant's administrative building caught fire.", {"industrial"}),
    ("A drone hit the Kharkiv Tractor Plant overnight.", {"industrial"}),
    ("The wounded lay in the yard of Bashair University Hospital.", {"health"}),
    ("A drone hit the district administrative building overnight.", {"government"}),
    ("A nine-storey building was partly destroyed.", {"residential"}),
    ("The blast damaged a student dormitory.", {"residential", "education"}),
    ("Russian shelling hit a kindergarten in Kherson.", {"education"}),
    ("A boarding school was evacuated after the strike.", {"education"}),
    ("A fuel depot was on fire after the drone attack.", {"energy"}),
    ("Firefighters put out a blaze at an oil depot.", {"energy"}),
    ("The drone struck a power substation in Rylsk.", {"energy"}),
    ("Missiles hit the Trypilska thermal power plant.", {"energy"}),
    ("A combined heat and power plant was badly damaged.", {"energy"}),
    ("Russia targeted the Dnipro hydroelectric dam.", {"energy", "water"}),
    ("A gas compressor station in the region was struck.", {"energy"}),
    ("Port infrastructure in Odesa was damaged.", {"transport"}),
    ("The attack destroyed grain silos at a farm.", {"agricultural"}),
    ("A railway depot in Lozova was hit.", {"transport"}),
    ("Drones attacked a locomotive depot overnight.", {"transport"}),
    ("A guided bomb hit a bus station.", {"transport"}),
    ("Cars burned in a car park by the mall.", {"transport", "commercial"}),
    ("A petrol station was destroyed.", {"energy", "commercial"}),
    ("The drone hit a shopping centre in the city centre.", {"commercial"}),
    ("A Nova Poshta terminal was damaged by the blast wave.", {"commercial"}),
    # post offices are "other", pharmacies shops, in the annotation guidelines (dev/README.md)
    ("A post office and a pharmacy were damaged.", {"other", "commercial"}),
    ("The missile struck the Epicentr hypermarket.", {"commercial"}),
    ("Shrapnel damaged a church and a museum.", {"religious", "cultural"}),
    ("The Orthodox cathedral lost its windows.", {"religious"}),
    ("A water pumping station stopped working after the strike.", {"water"}),
    ("A cell tower and a power line were damaged.", {"telecom", "energy"}),
    ("A guided bomb hit an enterprise on the outskirts.", {"industrial"}),
    ("Drones targeted a defence plant producing shells.", {"industrial"}),
    ("A missile hit a military enlistment office in Poltava.", {"military"}),
    ("Russia struck a territorial recruitment centre.", {"military"}),
    ("A market and a bakery were hit by artillery.", {"commercial"}),
    ("The debris fell on agricultural fields.", {"agricultural"}),
    # Russia, governors and the Defence Ministry
    ("Drones set fire to a refinery in Novoshakhtinsk.", {"energy"}),
    ("An oil terminal in Novorossiysk was attacked.", {"energy", "transport"}),
    ("The ministry said strikes hit a military airfield.", {"military"}),
    ("A fire broke out at an ammunition depot near Toropets.", {"military"}),
    ("An oil pumping station stopped operating.", {"energy"}),
    ("A drone crashed into an air base in Crimea.", {"military"}),
    # Gaza, Lebanon, Yemen, Iran and Israel
    # a school turned shelter is a school (as the annotators code it)
    ("An air strike hit a school sheltering displaced families.", {"education"}),
    ("Two strikes hit tents in a displacement camp.", {"residential"}),
    ("The strike hit a tent camp in al-Mawasi.", {"residential"}),
    ("Shells landed on a displacement shelter in Gaza City.", {"residential"}),
    ("A water desalination plant stopped working.", {"water"}),
    ("People were killed at a water distribution point.", {"water"}),
    ("The strike hit a mosque in Deir al-Balah.", {"religious"}),
    ("Jets struck a Hezbollah military compound.", {"military"}),
    ("The ports of Hodeidah and the Ras Kanatib power station were struck.",
     {"transport", "energy"}),
    ("US strikes hit the Ras Isa fuel port.", {"energy", "transport"}),
    ("The missile caused damage at a hospital in Beersheba.", {"health"}),
    ("Strikes hit nuclear sites and missile production sites.", {"industrial"}),
    # Sudan, Myanmar, Syria
    ("RSF drones hit fuel depots at Port Sudan's southern port.", {"energy", "transport"}),
    ("A drone struck a displacement camp near El Fasher.", {"residential"}),
    ("Shells hit the Saudi Hospital compound.", {"health"}),
    ("The junta bombed a monastery in Kanbalu town.", {"religious"}),
    ("A jet dropped bombs on a pagoda.", {"religious"}),
    ("The drone struck a vegetable market in Ariha.", {"commercial"}),
    ("An airstrike destroyed a bakery in Idlib.", {"commercial"}),
    ("Barrel bombs hit a clinic in the village.", {"health"}),
    ("The strike hit a school in Sagaing region.", {"education"}),
    ("Soldiers shelled a madrasa in the town.", {"education", "religious"}),
]

WEAPON_CASES: list[tuple[str, set[str]]] = [
    ("Russia launched 93 Shahed-type drones overnight.", {"drone"}),
    ("The force said 25 Geran-2 drones were shot down.", {"drone"}),
    ("Among them were Gerbera decoys.", {"drone"}),
    ("A jet-powered Geran-3 was downed near Kyiv.", {"drone"}),
    ("A Lancet drone hit an artillery piece.", {"drone", "artillery"}),
    ("FPV drones attacked a car in Kherson.", {"drone"}),
    ("Sea drones hit a landing ship in Sevastopol.", {"drone"}),
    ("Naval drones and uncrewed surface vessels were destroyed.", {"drone"}),
    ("Russia fired eight Kh-101 missiles from bombers.", {"cruise_missile", "missile"}),
    ("Two Kh-555 and a Kh-22 were launched.", {"cruise_missile"}),
    ("A Kh-32 missile hit the building.", {"cruise_missile", "missile"}),
    ("The Kh-59/69 guided air missiles were fired from Su-34 aircraft.",
     {"missile", "airstrike"}),
    ("Six Kalibr missiles were launched from the Black Sea.", {"cruise_missile"}),
    # a model followed by a generic noun gives both; the frame counts the model's class
    ("The attack used Iskander-M ballistic missiles.", {"ballistic_missile"}),
    ("An Iskander-K cruise missile was shot down.", {"cruise_missile"}),
    ("North Korean KN-23 missiles were used in the attack.", {"ballistic_missile", "missile"}),
    ("Three Kinzhal missiles were launched from MiG-31K jets.",
     {"ballistic_missile", "airstrike"}),
    ("A Zircon missile hit Kyiv.", {"cruise_missile", "missile"}),
    ("Russian forces fired S-300 missiles at Kharkiv.", {"missile"}),
    ("An Oniks anti-ship missile struck the port.", {"cruise_missile", "missile"}),
    ("Ukraine used ATACMS to hit the air base.", {"ballistic_missile"}),
    ("Storm Shadow missiles struck the headquarters.", {"cruise_missile", "missile"}),
    ("A Neptune missile hit the refinery.", {"cruise_missile"}),
    ("A Flamingo missile struck the plant.", {"cruise_missile"}),
    ("Russian aircraft dropped guided aerial bombs on the town.", {"airstrike", "glide_bomb"}),
    ("Two KAB-500 bombs hit the village.", {"glide_bomb"}),
    ("A FAB-1500 with UMPK fell near the school.", {"glide_bomb"}),
    ("Glide bombs hit Kostiantynivka.", {"glide_bomb"}),
    ("The town was shelled with Grad rockets and Uragan MLRS.", {"rocket"}),
    ("A Tornado-S strike hit the district.", {"rocket"}),
    ("HIMARS strikes hit the depot.", {"rocket"}),
    ("Mortar fire and tank shelling continued all day.", {"artillery"}),
    ("Artillery hit the village twice.", {"artillery"}),
    ("An air raid killed four people.", {"airstrike"}),
    ("Israeli warplanes and fighter jets struck Baalbek.", {"airstrike"}),
    ("The Houthis launched a Palestine-2 missile at Tel Aviv.", {"ballistic_missile"}),
    ("A Samad-3 drone was intercepted.", {"drone"}),
    ("The Zulfiqar missile was fired at Eilat.", {"ballistic_missile"}),
    ("Iran fired Fattah-1 and Kheibar Shekan missiles.", {"ballistic_missile", "missile"}),
    ("Emad and Ghadr missiles were launched at Israel.", {"ballistic_missile"}),
    ("Hezbollah fired Burkan rockets at the base.", {"rocket"}),
    ("The group fired Falaq-1 and Katyusha rockets.", {"rocket"}),
    ("RSF suicide drones struck the city.", {"drone"}),
    ("A Y-12 aircraft dropped bombs on the village.", {"airstrike"}),
    ("A Mi-35 helicopter gunship fired on the village.", {"airstrike"}),
    ("Regime helicopters dropped barrel bombs.", {"airstrike", "glide_bomb"}),
    ("The military dropped bombs from a motorised paraglider.", {"airstrike"}),
    ("A Shahed drone and a ballistic missile hit the city.", {"drone", "ballistic_missile"}),
]

# Ordinary news with site-like or weapon-like words: nothing may be spotted.
NEGATIVE_CASES: list[str] = [
    "The union asked for a higher base salary for nurses.",
    "The company launched a new energy drink in March.",
    "The new school year starts on 1 September.",
    "The home minister met the police commissioner.",
    "The firm increased its market share in Poland.",
    "He set up a shell company in Cyprus.",
    "Fire brigade volunteers held a charity run.",
    "The study was published in The Lancet on Friday.",
    "She spoke as well as she could about the field of medicine.",
    "The International Criminal Court issued a warrant.",
    "Settlers moved into the West Bank last year.",
    "Energy prices rose again in the winter.",
    "Private sector growth slowed in the second quarter.",
    "The Qassam Brigades released a video statement.",
    "A grad student won the physics prize.",
    "The Electoral College meets in December.",
    "Netanyahu spoke at the White House on Monday.",
    "The airline ordered jet fuel for its new aircraft.",
    "Plant operator Energoatom said radiation levels were normal.",
    "Grid operator Ukrenergo scheduled outages for Tuesday.",
    "A fruit market vendor described the blast to reporters.",
    "The pupils had been sent home before the alert.",
]


@pytest.mark.parametrize(("text", "expected"), SITE_CASES, ids=lambda v: str(v)[:40])
def test_site_classes(text: str, expected: set[str]) -> None:
    assert _labels(text, "site") == expected


@pytest.mark.parametrize(("text", "expected"), WEAPON_CASES, ids=lambda v: str(v)[:40])
def test_weapon_classes(text: str, expected: set[str]) -> None:
    assert _labels(text, "weapon") == expected


@pytest.mark.parametrize("text", NEGATIVE_CASES, ids=lambda v: v[:40])
def test_ordinary_news_gives_no_site_or_weapon(text: str) -> None:
    found = [(m.kind, text[m.start : m.end]) for m in spot(text) if m.kind in ("site", "weapon")]
    assert found == []


def test_there_are_enough_cases() -> None:
    assert len(SITE_CASES) >= 60
    assert len(WEAPON_CASES) >= 40
    assert len(NEGATIVE_CASES) >= 15


def test_site_span_covers_the_longest_phrase() -> None:
    text = "A drone hit a combined heat and power plant overnight."
    sites = [m for m in spot(text) if m.kind == "site"]
    assert [text[m.start : m.end] for m in sites] == ["combined heat and power plant"]


def test_port_is_held_back_in_a_city_name() -> None:
    text = "Drones struck a hotel in Port Sudan, witnesses said."
    assert [(m.label, text[m.start : m.end]) for m in spot(text) if m.kind == "site"] == [
        ("commercial", "hotel")
    ]


def test_source_is_not_a_struck_site() -> None:
    # "the hospital said" names who speaks, not what was hit
    assert _labels("Five bodies were brought in, the hospital said.", "site") == set()
    assert _labels("A missile hit the hospital, officials said.", "site") == {"health"}


# -- the lexicon files themselves ---------------------------------------------------------------


def test_site_classes_are_the_contract_classes() -> None:
    assert set(load_lexicon("sites")["classes"]) == SITE_CLASSES


def test_weapon_classes_are_the_contract_classes() -> None:
    lex = load_lexicon("weapons")
    assert set(lex["classes"]) == WEAPON_CLASSES
    assert set(lex["subset_words"].values()) <= WEAPON_CLASSES
    assert set(lex["parents"]) | set(lex["parents"].values()) <= WEAPON_CLASSES
    assert set(lex["wave_classes"]["classes"]) <= WEAPON_CLASSES


@pytest.mark.parametrize("name", ["sites", "weapons"])
def test_no_phrase_is_listed_twice_in_one_class(name: str) -> None:
    for cls, phrases in load_lexicon(name)["classes"].items():
        seen: set[str] = set()
        doubles = [p for p in phrases if p.lower() in seen or seen.add(p.lower())]
        assert doubles == [], f"{name}.{cls}: {doubles}"


@pytest.mark.parametrize("name", ["sites", "weapons"])
def test_phrases_are_trimmed_and_single_spaced(name: str) -> None:
    for cls, phrases in load_lexicon(name)["classes"].items():
        bad = [p for p in phrases if p != p.strip() or "  " in p or not p]
        assert bad == [], f"{name}.{cls}: {bad}"


def test_guard_words_are_single_lowercase_words() -> None:
    lex = load_lexicon("sites")
    for key in ("not_site_after", "not_site_before"):
        words = lex[key]["words"]
        bad = [w for w in words if not re.fullmatch(r"[a-z][a-z'-]*", w)]
        assert bad == [], f"{key}: {bad}"
        assert len(words) == len(set(words)), f"{key} lists a word twice"


def _every_phrase(name: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for cls, phrases in load_lexicon(name)["classes"].items():
        for p in phrases:
            out.setdefault(p.lower(), set()).add(cls)
    return out


@pytest.mark.parametrize(("name", "kind"), [("sites", "site"), ("weapons", "weapon")])
def test_every_phrase_is_found_with_all_its_classes(name: str, kind: str) -> None:
    # A phrase with a character that breaks the word boundary, or one shadowed by a guard word,
    # would silently never match.
    missed = []
    for phrase, classes in _every_phrase(name).items():
        text = f"Overnight a strike hit {phrase} , officials said."
        start = text.index(phrase)
        found = {m.label for m in spot(text)
                 if m.kind == kind and m.start == start and m.end == start + len(phrase)}
        if found != classes:
            missed.append((phrase, sorted(classes), sorted(found)))
    assert missed == []


def test_generic_other_words_are_other_phrases() -> None:
    lex = load_lexicon("sites")
    others = set(lex["classes"]["other"])
    assert set(lex["generic_other"]["words"]) <= others


def test_a_site_word_inside_a_weapon_name_is_no_site() -> None:
    # the sea drones are the weapon; the vessel and the boat are not struck sites
    text = "Uncrewed surface vessels and an unmanned boat attacked the bay before dawn."
    assert _labels(text, "site") == set()
    assert _labels(text, "weapon") == {"drone"}
    # a longer site phrase holding a weapon word stays a site
    assert _labels("A drone factory was hit in the night.", "site") == {"industrial"}


def test_a_site_that_lost_power_is_not_hit() -> None:
    text = "A transformer caught fire, causing a blackout that affected two villages and a clinic."
    assert _labels(text, "site") == {"energy"}
    text = "The strike cut power to homes and a school in the district."
    assert _labels(text, "site") == set()
    # the site named after the cause is hit
    text = "The town was left without power after a drone hit a substation."
    assert _labels(text, "site") == {"energy"}
