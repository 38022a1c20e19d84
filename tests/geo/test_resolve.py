"""Resolving mentions with the report's context; ambiguity is said, never guessed."""

from __future__ import annotations

import pytest

from strikelog.geo.gazetteer import Gazetteer, PlaceMention


def _resolve(gaz: Gazetteer, text: str, countries: list[str]) -> dict[str, object]:
    mentions = gaz.find(text)
    places = gaz.resolve(mentions, countries=countries, text=text)
    assert len(places) == len(mentions)
    return {p.written: p for p in places}


@pytest.mark.parametrize(
    ("text", "geonameid", "admin1"),
    [
        ("A missile hit Pohreby, Kyiv region, at dawn.", 696760, "Kyiv Oblast"),
        ("A missile hit Pohreby in the Poltava region.", 690152, "Poltava Oblast"),
        ("A missile hit Pohreby (Cherkasy Oblast) at dawn.", 696762, "Cherkasy Oblast"),
        ("The village of Pohreby, north of Kyiv, burned.", 696760, "Kyiv Oblast"),
        ("Pohreby was struck; Brovary district officials said so.", 696760, "Kyiv Oblast"),
    ],
)
def test_homonym_resolved_by_context(
    gaz: Gazetteer, text: str, geonameid: int, admin1: str
) -> None:
    place = _resolve(gaz, text, ["UA", "RU"])["Pohreby"]
    assert place.geonameid == geonameid
    assert place.admin1 == admin1
    assert place.precision == "settlement"


def test_homonym_without_context_is_not_guessed(gaz: Gazetteer) -> None:
    place = _resolve(gaz, "Pohreby was struck overnight.", ["UA"])["Pohreby"]
    assert place.precision == "country"
    assert place.country == "UA"
    assert set(place.candidates) >= {696760, 690152, 696762}
    assert place.geonameid not in place.candidates
    assert place.confidence < 0.8


def test_country_context_decides(gaz: Gazetteer) -> None:
    assert _resolve(gaz, "Strikes on Moscow.", ["RU"])["Moscow"].country == "RU"
    assert _resolve(gaz, "Talks in Berlin.", ["UA", "RU"])["Berlin"].country == "DE"


@pytest.mark.parametrize(
    ("text", "countries", "geonameid"),
    [
        ("Explosions were heard in the capital.", ["UA", "RU"], 703448),
        ("Explosions were heard in the capital.", ["SD"], 379252),
        ("Blasts rocked the Lebanese capital.", ["IL"], 276781),
    ],
)
def test_capital_uses_country_context(gaz: Gazetteer, text: str, countries: list[str],
                                      geonameid: int) -> None:
    (place,) = _resolve(gaz, text, countries).values()
    assert place.geonameid == geonameid
    assert place.precision == "settlement"


def test_capital_without_context_is_unresolved_but_kept(gaz: Gazetteer) -> None:
    (place,) = _resolve(gaz, "Explosions were heard in the capital.", []).values()
    assert place.precision == "unresolved"
    assert place.written == "the capital"


def test_unknown_place_is_kept(gaz: Gazetteer) -> None:
    mention = PlaceMention(start=0, end=9, text="Nowhereia", key="nowhereia", kind="settlement",
                           candidates=[])
    (place,) = gaz.resolve([mention], countries=["UA"])
    assert place.precision == "unresolved"
    assert place.name == "Nowhereia"
    assert place.evidence[0].text == "Nowhereia"


def test_region_and_country_levels(gaz: Gazetteer) -> None:
    places = _resolve(gaz, "Shelling in the Kharkiv region and across Ukraine.", ["UA"])
    region, country = places["Kharkiv region"], places["Ukraine"]
    assert (region.precision, region.admin1, region.country) == ("admin1", "Kharkiv Oblast", "UA")
    assert region.lat is not None and 48.5 < region.lat < 51
    assert (country.precision, country.country) == ("country", "UA")


def test_territory_spanning_units_gives_country(gaz: Gazetteer) -> None:
    place = _resolve(gaz, "Fighting in Donbas went on.", ["UA"])["Donbas"]
    assert place.precision == "country"
    assert len(place.candidates) == 2


def test_place_fields_are_filled(gaz: Gazetteer) -> None:
    place = _resolve(gaz, "A drone hit Kharkiv.", ["UA"])["Kharkiv"]
    assert place.to_dict()["geonameid"] == 706483
    assert place.admin2 and place.country == "UA"
    assert 0.5 < place.confidence <= 1
