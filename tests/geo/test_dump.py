"""A GeoNames country dump adds villages: more homonyms, and honest ambiguity."""

from __future__ import annotations

from pathlib import Path

import pytest

from strikelog.geo import sources
from strikelog.geo.gazetteer import Gazetteer

# Two made-up villages named Pohreby in Kyiv Oblast (ids outside GeoNames' range), in
# the 19 columns of a GeoNames dump.
ROWS = [
    ["990000001", "Pohreby", "Pohreby", "Pogreby,Погреби", "50.30", "31.20", "P", "PPL", "UA", "",
     "13", "", "", "", "0", "", "150", "Europe/Kyiv", "2024-01-01"],
    ["990000002", "Pohreby", "Pohreby", "Pogreby", "49.95", "30.10", "P", "PPL", "UA", "",
     "13", "", "", "", "310", "", "160", "Europe/Kyiv", "2024-01-01"],
    ["990000003", "Mala Testivka", "Mala Testivka", "", "50.00", "30.00", "P", "PPL", "UA", "",
     "13", "", "", "", "40", "", "160", "Europe/Kyiv", "2024-01-01"],
]


@pytest.fixture(scope="module")
def with_dump(tmp_path_factory: pytest.TempPathFactory, geo_cache: Path) -> Gazetteer:
    dump = tmp_path_factory.mktemp("dump") / "UA.txt"
    dump.write_text("\n".join("\t".join(r) for r in ROWS) + "\n", encoding="utf-8")
    return Gazetteer.load([dump])


def test_dump_adds_small_villages(with_dump: Gazetteer) -> None:
    (cand,) = with_dump.lookup("Mala Testivka")
    assert (cand.geonameid, cand.admin1, cand.population) == (990000003, "Kyiv Oblast", 40)


def test_three_in_the_same_oblast_give_the_oblast(with_dump: Gazetteer) -> None:
    text = "A missile hit Pohreby, Kyiv region, at dawn."
    (pohreby, region) = with_dump.resolve(with_dump.find(text), countries=["UA"], text=text)
    assert pohreby.precision == "admin1"
    assert pohreby.admin1 == "Kyiv Oblast"
    assert set(pohreby.candidates) == {696760, 990000001, 990000002}
    assert pohreby.lat is not None and pohreby.lat == region.lat


@pytest.mark.parametrize(
    ("content", "message"),
    [("a\tb\tc\n", "19"), (b"\xff\xfe\x00bad", "UTF-8")],
)
def test_bad_dump_is_named(tmp_path: Path, content: str | bytes, message: str) -> None:
    dump = tmp_path / "XX.txt"
    if isinstance(content, bytes):
        dump.write_bytes(content)
    else:
        dump.write_text(content, encoding="utf-8")
    with pytest.raises(sources.GazetteerDataError, match=message) as err:
        sources.read_geonames_dump(dump, sources.load_coverage())
    assert "XX.txt" in str(err.value)
