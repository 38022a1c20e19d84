"""Finding place names in text: spellings, region forms, stoplist, offsets."""

from __future__ import annotations

import pytest

from strikelog.geo.gazetteer import Gazetteer


def _only(gaz: Gazetteer, text: str) -> tuple[str, str, list[int | None]]:
    mentions = gaz.find(text)
    assert len(mentions) == 1, [m.text for m in mentions]
    m = mentions[0]
    assert text[m.start : m.end] == m.text
    return m.text, m.kind, [c.geonameid for c in m.candidates]


@pytest.mark.parametrize(
    ("written", "geonameid"),
    [
        ("Kyiv", 703448), ("Kiev", 703448),
        ("Odesa", 698740), ("Odessa", 698740),
        ("Kharkiv", 706483), ("Kharkov", 706483),
        ("Dnipro", 709930), ("Dnepr", 709930), ("Dnipropetrovsk", 709930),
        ("Zaporizhzhia", 687700), ("Zaporizhia", 687700), ("Zaporozhye", 687700),
        ("Mykolaiv", 700569), ("Nikolaev", 700569),
        ("Kryvyi Rih", 703845), ("Kryvyy Rih", 703845),
        ("Kupiansk", 703656), ("Kupyansk", 703656),
    ],
)
def test_transliterations_reach_the_same_place(
    gaz: Gazetteer, written: str, geonameid: int
) -> None:
    text, kind, ids = _only(gaz, f"Drones hit {written} overnight.")
    assert text == written
    assert kind == "settlement"
    assert geonameid in ids


@pytest.mark.parametrize(
    ("written", "admin1"),
    [
        ("Kharkiv region", "Kharkiv Oblast"),
        ("Kharkiv Oblast", "Kharkiv Oblast"),
        ("Kharkivska oblast", "Kharkiv Oblast"),
        ("Sumy province", "Sumy Oblast"),
        ("Kharkov region", "Kharkiv Oblast"),
        ("Zaporizhia Oblast", "Zaporizhzhia Oblast"),
        ("Kiev region", "Kyiv Oblast"),
        ("Bryansk border region", "Bryansk Oblast"),
        ("Kursk region", "Kursk Oblast"),
        ("Gaza Strip", "Gaza Strip"),
        ("Idlib Governorate", "Idlib Governorate"),
    ],
)
def test_region_forms_are_one_admin1_mention(gaz: Gazetteer, written: str, admin1: str) -> None:
    text, kind, _ids = _only(gaz, f"Air defence was active over the {written} at night.")
    assert text == written
    assert kind == "admin1"
    assert gaz.find(f"over the {written}")[0].candidates[0].admin1 == admin1


def test_kyiv_region_is_the_oblast_not_the_city(gaz: Gazetteer) -> None:
    (m,) = gaz.find("in the Kyiv region")
    assert [c.name for c in m.candidates] == ["Kyiv Oblast"]


def test_district_form(gaz: Gazetteer) -> None:
    (m, _kyiv) = gaz.find("A drone hit a house in the Desnianskyi district of Kyiv.")
    assert m.text == "Desnianskyi district"
    assert m.kind == "district"
    assert 8520167 in [c.geonameid for c in m.candidates]


def test_plural_region_list(gaz: Gazetteer) -> None:
    mentions = gaz.find("Strikes hit the Kharkiv, Sumy and Poltava regions.")
    assert [(m.text, m.kind) for m in mentions] == [
        ("Kharkiv", "admin1"), ("Sumy", "admin1"), ("Poltava regions", "admin1")]
    assert mentions[0].candidates[0].name == "Kharkiv Oblast"


@pytest.mark.parametrize(
    ("text", "country"),
    [("Shelling went on in the capital.", None),
     ("The capital was attacked.", None),
     ("Explosions shook the Ukrainian capital.", "UA")],
)
def test_the_capital(gaz: Gazetteer, text: str, country: str | None) -> None:
    (m,) = gaz.find(text)
    assert m.kind == "capital"
    assert m.candidates == []
    assert m.capital_country == country


@pytest.mark.parametrize(
    "text",
    [
        "Energy ministers met.", "Union leaders spoke.", "Peace talks stalled.",
        "Hero of the Year.", "Nova Poshta delayed parcels.", "Mir handed out meals.",
        "Bar owners complained.", "the energy of the bar in peace",
        "Western leaders called for calm.", "In May and June the Centre said so.",
        "Vladimir Putin did not comment.", "Olena Zelenska visited a school.",
    ],
)
def test_ordinary_words_are_not_places(gaz: Gazetteer, text: str) -> None:
    assert gaz.find(text) == []


def test_lowercase_name_is_not_a_place(gaz: Gazetteer) -> None:
    assert gaz.find("a kyiv-style cake") == []


def test_countries_and_territories(gaz: Gazetteer) -> None:
    text = ("Ukraine, Russia, Israel, Lebanon, Sudan, Yemen, Myanmar, Burma, Syria, Iran, "
            "the West Bank, Crimea, Donbas")
    found = {m.text: (m.kind, m.candidates[0].country) for m in gaz.find(text)}
    assert found["Burma"] == ("country", "MM")
    assert found["West Bank"] == ("admin1", "PS")
    assert found["Crimea"] == ("admin1", "UA")
    assert found["Donbas"] == ("admin1", "UA")
    assert len(found) == 13


def test_sentence_punctuation_splits_names(gaz: Gazetteer) -> None:
    mentions = gaz.find("Guns fired near Kharkiv. Region officials said little.")
    assert [m.text for m in mentions] == ["Kharkiv"]


def test_mentions_sorted_non_overlapping_with_offsets(gaz: Gazetteer) -> None:
    text = "KYIV, Ukraine — Strikes on Kryvyi Rih, Kharkiv’s outskirts and the Sumy region."
    mentions = gaz.find(text)
    assert [m.text for m in mentions] == ["KYIV", "Ukraine", "Kryvyi Rih", "Kharkiv", "Sumy region"]
    for a, b in zip(mentions, mentions[1:], strict=False):
        assert a.end <= b.start
    assert all(text[m.start : m.end] == m.text for m in mentions)


@pytest.mark.parametrize(
    "text", ["", "   ", "\x00\x01\x02", "<html><body></body></html>", "İstanbul İİİ"]
)
def test_odd_input_does_not_break(gaz: Gazetteer, text: str) -> None:
    for m in gaz.find(text):
        assert text[m.start : m.end] == m.text


def test_lookup_and_capital(gaz: Gazetteer) -> None:
    assert {c.geonameid for c in gaz.lookup("Pohreby")} >= {696760, 690152, 696762}
    assert gaz.lookup("kharkiv region")[0].level == "admin1"
    assert gaz.lookup("Nowhereville") == []
    capital = gaz.capital("UA")
    assert capital is not None and capital.geonameid == 703448
    assert gaz.capital("XX") is None
