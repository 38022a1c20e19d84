"""Gold and prediction inputs: directories, JSON Lines, report texts, and bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from strikelog.commands.eval_cmd import eval_
from strikelog.evaluate import EvalInputError, evaluate, load_gold, load_predictions
from strikelog.models import Extraction, Figure, Incident, Place, ReportMeta, Span, Totals

GOLD_A = {
    "id": "a",
    "published": "2025-03-04",
    "waves": [],
    "totals": {"killed": 2, "injured": None, "children_killed": None, "children_injured": None},
    "incidents": [{"place": "Sumy", "killed": 2, "targets": ["residential"]}],
    "non_strike_places": ["Geneva"],
}
GOLD_B = {
    "id": "b",
    "waves": [],
    "totals": {"killed": None, "injured": 4, "children_killed": None, "children_injured": None},
    "incidents": [],
    "non_strike_places": ["Geneva"],
}


def _extraction(report_id: str, killed: int | None, injured: int | None) -> dict[str, object]:
    """A prediction in the output contract, via the shared dataclasses."""
    span = [Span(0, 4, "Sumy")]
    totals = Totals(
        killed=Figure(killed, evidence=span) if killed is not None else None,
        injured=Figure(injured, evidence=span) if injured is not None else None,
    )
    incidents = []
    if killed is not None:
        incidents.append(
            Incident(
                place=Place("Sumy", written="Sumy", evidence=span),
                killed=Figure(killed, evidence=span),
                targets=["residential"],
            )
        )
    return Extraction(ReportMeta(report_id), totals=totals, incidents=incidents).to_dict()


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    d = tmp_path / "gold"
    d.mkdir()
    (d / "a.json").write_text(json.dumps(GOLD_A), encoding="utf-8")
    (d / "b.json").write_text(json.dumps(GOLD_B), encoding="utf-8")
    return d


def _perfect_and_half(result) -> None:
    a, b = result.reports
    assert a.id == "a" and b.id == "b"
    assert a.tallies["places"].tp == 1 and a.tallies["harm"].tp == 1
    assert (b.tallies["totals"].fp, b.tallies["totals"].fn) == (1, 1)  # 5 ≠ 4: wrong
    assert result.overall.tp == 4  # a: totals, place, harm, target


def test_directory_of_extractions(gold_dir, tmp_path):
    pred = tmp_path / "pred"
    pred.mkdir()
    (pred / "a.json").write_text(json.dumps(_extraction("sha256:x", 2, None)), encoding="utf-8")
    (pred / "b.json").write_text(json.dumps(_extraction("sha256:y", None, 5)), encoding="utf-8")
    (pred / "c.json").write_text("{}", encoding="utf-8")  # no gold: ignored, not read
    golds = load_gold(gold_dir)
    preds = load_predictions(pred, golds)
    assert preds.unused == ["c"]
    # In a directory the file name is the id, whatever report.id says.
    _perfect_and_half(evaluate(golds, preds.by_id))


def test_jsonl_matched_by_report_id(gold_dir, tmp_path):
    pred = tmp_path / "pred.jsonl"
    lines = [_extraction("b", None, 5), _extraction("a", 2, None), _extraction("zzz", 1, 1)]
    pred.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    golds = load_gold(gold_dir)
    preds = load_predictions(pred, golds)
    assert preds.unused == ["zzz"]
    _perfect_and_half(evaluate(golds, preds.by_id))


def test_jsonl_bad_line_names_file_and_line(gold_dir, tmp_path):
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(_extraction("a", 2, None)) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(EvalInputError, match=r"pred\.jsonl:2: not valid JSON"):
        load_predictions(pred, load_gold(gold_dir))


def test_jsonl_duplicate_id_is_an_error(gold_dir, tmp_path):
    pred = tmp_path / "pred.jsonl"
    line = json.dumps(_extraction("a", 2, None))
    pred.write_text(f"{line}\n{line}\n", encoding="utf-8")
    with pytest.raises(EvalInputError, match=r"pred\.jsonl:2: report id 'a' already on .*:1"):
        load_predictions(pred, load_gold(gold_dir))


def test_report_texts_are_extracted_with_gold_metadata(gold_dir, tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text("Sumy: two killed.", encoding="utf-8")
    seen = []

    def fake_extract(report):
        seen.append((report.id, report.published, report.text))
        return Extraction(ReportMeta(report.id), totals=Totals(killed=Figure(2)))

    golds = load_gold(gold_dir)
    preds = load_predictions(reports, golds, extract=fake_extract)
    assert seen == [("a", "2025-03-04", "Sumy: two killed.")]
    assert set(preds.by_id) == {"a"}
    result = evaluate(golds, preds.by_id)
    assert result.missing == ["b"]


def test_report_text_not_utf8_names_the_file(gold_dir, tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(EvalInputError, match=r"a\.txt: not UTF-8"):
        load_predictions(
            reports, load_gold(gold_dir), extract=lambda r: Extraction(ReportMeta("a"))
        )


def test_extraction_failure_names_the_report(gold_dir, tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text("text", encoding="utf-8")

    def broken(report):
        raise RuntimeError("frame stage: boom")

    with pytest.raises(EvalInputError, match=r"a\.txt: extraction failed: RuntimeError: frame"):
        load_predictions(reports, load_gold(gold_dir), extract=broken)


def test_empty_prediction_directory(gold_dir, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(EvalInputError, match="no extractions"):
        load_predictions(empty, load_gold(gold_dir))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "x", ', r"bad\.json: not valid JSON \(line 1"),
        ("[1, 2]", r"bad\.json: expected an object"),
        ('{"id": "x", "totals": {}, "incidents": []}', r"bad\.json: waves: missing"),
        ('{"waves": [], "totals": {}, "incidents": []}', r"bad\.json: id: missing"),
        (
            '{"id": "x", "waves": [], "totals": {"killed": "three"}, "incidents": []}',
            r"bad\.json: totals\.killed: expected a whole number",
        ),
        (
            '{"id": "x", "waves": [], "totals": {"kiled": 3}, "incidents": []}',
            r"bad\.json: totals: unknown key\(s\) 'kiled'",
        ),
        (
            '{"id": "x", "waves": [], "totals": {}, "incidents": [{"place": "Sumy",'
            ' "targets": ["house"]}]}',
            r"bad\.json: incidents\[0\]\.targets\[0\]: unknown target class 'house'",
        ),
        (
            '{"id": "x", "waves": [{"launched": {"drones": 5}}], "totals": {}, "incidents": []}',
            r"bad\.json: waves\[0\]\.launched: unknown key\(s\) 'drones'",
        ),
        (
            '{"id": "x", "waves": [], "totals": {}, "incidents": [{"place": {"name": "Sumy"}}]}',
            r"bad\.json: incidents\[0\]\.place: expected a string or null",
        ),
    ],
)
def test_malformed_gold_names_the_file(tmp_path, content, message):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(EvalInputError, match=message):
        load_gold(bad)


def test_duplicate_gold_ids(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps(GOLD_A), encoding="utf-8")
    (tmp_path / "two.json").write_text(json.dumps(GOLD_A), encoding="utf-8")
    with pytest.raises(EvalInputError, match=r"two\.json: id 'a' already used by .*one\.json"):
        load_gold(tmp_path)


# ------------------------------------------------------------------ the command


@pytest.fixture
def pred_dir(tmp_path: Path) -> Path:
    pred = tmp_path / "pred"
    pred.mkdir()
    (pred / "a.json").write_text(json.dumps(_extraction("a", 2, None)), encoding="utf-8")
    extra = _extraction("b", None, 5)
    extra["incidents"] = [{"place": {"name": "Geneva"}, "killed": None, "targets": []}]
    (pred / "b.json").write_text(json.dumps(extra), encoding="utf-8")
    return pred


def test_cli_table(gold_dir, pred_dir):
    out = CliRunner().invoke(eval_, [str(gold_dir), str(pred_dir)])
    assert out.exit_code == 0, out.output
    assert "overall (micro)" in out.output
    for family in ("waves", "totals", "places", "harm", "targets"):
        assert family in out.output


def test_cli_verbose_lists_errors_per_report(gold_dir, pred_dir):
    out = CliRunner().invoke(eval_, [str(gold_dir), str(pred_dir), "--verbose"])
    assert out.exit_code == 0, out.output
    assert "Geneva is a non-strike place" in out.output
    assert "totals injured: gold 4, predicted 5" in out.output


def test_cli_json(gold_dir, pred_dir):
    out = CliRunner().invoke(eval_, [str(gold_dir), str(pred_dir), "--format", "json", "-v"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["reports"] == 2
    # a: totals, place, harm, target right; b: injured wrong, Geneva extra
    assert data["overall"]["tp"] == 4
    assert data["overall"]["fp"] == 2
    assert data["overall"]["fn"] == 1
    assert data["families"]["places"] == {
        "tp": 1,
        "fp": 1,
        "fn": 0,
        "precision": 0.5,
        "recall": 1.0,
        "f1": 0.6667,
    }
    b = data["per_report"][1]
    assert b["id"] == "b"
    assert {e["kind"] for e in b["errors"]} == {"wrong", "extra"}


def test_cli_fail_under(gold_dir, pred_dir):
    assert (
        CliRunner().invoke(eval_, [str(gold_dir), str(pred_dir), "--fail-under", "0.99"]).exit_code
        == 1
    )
    assert (
        CliRunner().invoke(eval_, [str(gold_dir), str(pred_dir), "--fail-under", "0.5"]).exit_code
        == 0
    )


def test_cli_malformed_gold_is_a_clean_error(tmp_path, pred_dir):
    gold = tmp_path / "g"
    gold.mkdir()
    (gold / "broken.json").write_text(
        '{"id": "a", "waves": 3, "totals": {}, "incidents": []}', encoding="utf-8"
    )
    out = CliRunner().invoke(eval_, [str(gold), str(pred_dir)])
    assert out.exit_code == 1
    assert "Error:" in out.output and "broken.json: waves: expected a list" in out.output
    assert "Traceback" not in out.output


def test_reports_named_by_number_and_hash_pair_with_numbered_gold(tmp_path: Path) -> None:
    # a dataset ships "seed-007.json" for the report "007_<hash>.txt"
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "seed-007.json").write_text(json.dumps({**GOLD_A, "id": "seed-007"}), encoding="utf-8")
    (gold / "seed-008.json").write_text(json.dumps({**GOLD_B, "id": "seed-008"}), encoding="utf-8")
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "007_4be1c09a.txt").write_text(
        "A drone hit a house in Sumy on Monday, killing two people.", encoding="utf-8"
    )
    (reports / "009_77aa.txt").write_text("Nothing happened in Sumy.", encoding="utf-8")
    golds = load_gold(gold)
    preds = load_predictions(reports, golds, extract=lambda r: Extraction(ReportMeta(r.id or "")))
    assert set(preds.by_id) == {"seed-007"}  # no file numbered 008: left missing
    assert preds.unused == ["009_77aa"]


def test_an_exact_name_wins_over_a_number(tmp_path: Path) -> None:
    from strikelog.evaluate import files_for_gold

    files = {"seed-001": tmp_path / "seed-001.txt", "001_x": tmp_path / "001_x.txt"}
    assert files_for_gold({"seed-001"}, files) == {"seed-001": tmp_path / "seed-001.txt"}
    # two files with one number: no guess
    files = {"001_a": tmp_path / "001_a.txt", "001_b": tmp_path / "001_b.txt"}
    assert files_for_gold({"seed-001"}, files) == {}


def test_jsonl_ids_named_by_number_pair_with_numbered_gold(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "seed-007.json").write_text(json.dumps({**GOLD_A, "id": "seed-007"}), encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(_extraction("007_4be1c09a", 2, None)) + "\n", encoding="utf-8")
    preds = load_predictions(pred, load_gold(gold))
    assert set(preds.by_id) == {"seed-007"} and preds.unused == []
