"""`strikelog gazetteer lookup|find|build` over the session's index."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from strikelog.geo.cli import gazetteer
from strikelog.geo.gazetteer import Gazetteer


def test_lookup_shows_candidates(gaz: Gazetteer) -> None:
    result = CliRunner().invoke(gazetteer, ["lookup", "Pohreby"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "696760" in result.output and "Kyiv Oblast" in result.output
    assert "GeoNames" in result.output


def test_lookup_unknown_name_is_an_error(gaz: Gazetteer) -> None:
    result = CliRunner().invoke(gazetteer, ["lookup", "Nowhereville"])
    assert result.exit_code != 0
    assert "Nowhereville" in result.output


def test_find_in_a_file(gaz: Gazetteer, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("A missile hit Pohreby, Kyiv region. The capital was quiet.",
                      encoding="utf-8")
    result = CliRunner().invoke(gazetteer, ["find", str(report), "--country", "UA"],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Pohreby" in result.output and "settlement" in result.output


def test_build_with_a_broken_dump_names_it(gaz: Gazetteer, tmp_path: Path) -> None:
    dump = tmp_path / "UA.txt"
    dump.write_text("only\tthree\tcolumns\n", encoding="utf-8")
    result = CliRunner().invoke(gazetteer, ["build", "--geonames", str(dump)])
    assert result.exit_code != 0
    assert "UA.txt" in result.output
