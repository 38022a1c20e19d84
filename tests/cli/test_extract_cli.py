"""`strikelog extract` through click's CliRunner, against the fake pipeline (conftest)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from strikelog.commands.extract_cmd import extract


def run(*args: str, stdin: str | bytes | None = None) -> Result:
    return CliRunner().invoke(extract, list(args), input=stdin, catch_exceptions=False)


def jsonl_file(path: Path, texts: list[str], with_ids: bool = True) -> Path:
    lines = []
    for i, text in enumerate(texts):
        record: dict[str, str] = {"text": text}
        if with_ids:
            record["id"] = f"r{i}"
        lines.append(json.dumps(record))
    path.write_text("\n".join(lines) + "\n")
    return path


def test_one_report_gives_one_json_object(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Overnight 40 drones flew in; 3 killed.")
    result = run(str(path))
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert isinstance(out, dict)
    assert out["report"]["id"].startswith("sha256:")
    figure = out["waves"][0]["launched"]["drone"]
    assert figure["value"] == 40
    span = figure["evidence"][0]
    assert path.read_text()[span["start"] : span["end"]] == span["text"] == "40 drones"
    assert out["totals"]["killed"]["qualifier"] == "at_least"


def test_several_reports_give_a_json_array_in_input_order(tmp_path: Path) -> None:
    first, second = tmp_path / "1.txt", tmp_path / "2.txt"
    first.write_text("First: 5 drones.")
    second.write_text("Second: 7 drones.")
    result = run(str(first), str(second), "--format", "json")
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert [o["waves"][0]["launched"]["drone"]["value"] for o in out] == [5, 7]


def test_jsonl_output_keeps_input_ids_and_order(tmp_path: Path) -> None:
    path = jsonl_file(tmp_path / "in.jsonl", ["4 drones", "no attack at all", "9 drones"])
    result = run(str(path), "--format", "jsonl")
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["report"]["id"] for line in lines] == ["r0", "r1", "r2"]
    assert lines[1]["is_attack"] is False and lines[1]["waves"] == []


def test_bad_line_is_named_on_stderr_and_the_rest_go_on(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        '{"id": "a", "text": "2 drones"}\n{"id": "b", "text": \n{"id": "c", "text": "3 drones"}\n'
    )
    result = run(str(path), "--format", "jsonl")
    assert result.exit_code == 1
    assert [json.loads(x)["report"]["id"] for x in result.stdout.splitlines()] == ["a", "c"]
    assert f"error: {path}:2: malformed JSON" in result.stderr
    assert "1 of 3 inputs failed" in result.stderr


def test_fail_fast_stops_at_the_first_failure(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"id": "a", "text": "2 drones"}\nnot json\n{"id": "c", "text": "3 drones"}\n')
    result = run(str(path), "--format", "jsonl", "--fail-fast")
    assert result.exit_code == 1
    assert [json.loads(x)["report"]["id"] for x in result.stdout.splitlines()] == ["a"]


def test_no_attack_is_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "calm.txt"
    path.write_text("The council met to discuss the budget.")
    result = run(str(path))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["is_attack"] is False
    assert result.stderr == ""


def test_missing_and_binary_inputs_fail_but_others_are_extracted(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("6 drones")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    result = run(str(tmp_path / "absent.txt"), str(binary), str(good))
    assert result.exit_code == 1
    assert json.loads(result.stdout)["waves"][0]["launched"]["drone"]["value"] == 6
    assert "absent.txt: no such file or directory" in result.stderr
    assert f"{binary}: binary input: looks like a PNG image" in result.stderr
    assert "2 of 3 inputs failed" in result.stderr


def test_all_inputs_unreadable_prints_no_json(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nothing.txt"))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "1 of 1 input failed" in result.stderr


def test_extraction_failure_names_the_report_and_goes_on(tmp_path: Path) -> None:
    path = jsonl_file(tmp_path / "in.jsonl", ["1 drones", "make it explode", "2 drones"])
    result = run(str(path), "--format", "jsonl")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 2
    assert f"{path}:2: extraction failed: RuntimeError: the fake pipeline blew up" in result.stderr


def test_published_fills_only_missing_dates(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id": "x", "text": "1 drones"}\n'
        '{"id": "y", "text": "2 drones", "published": "2025-01-05"}\n'
    )
    result = run(str(path), "--format", "jsonl", "--published", "2025-10-22")
    dates = [json.loads(x)["report"]["published"] for x in result.stdout.splitlines()]
    assert dates == ["2025-10-22", "2025-01-05"]


def test_published_must_be_a_date() -> None:
    result = CliRunner().invoke(extract, ["-", "--published", "22/10/2025"], input="x")
    assert result.exit_code == 2
    assert "not a date like 2025-10-22" in result.stderr


def test_stdin_is_read_when_no_input_is_given() -> None:
    result = run("--format", "jsonl", stdin='{"id": "s1", "text": "8 drones"}\n')
    assert result.exit_code == 0
    assert json.loads(result.stdout)["report"]["id"] == "s1"


def test_max_bytes_option(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 1000)
    result = run(str(path), "--max-bytes", "1k")
    assert result.exit_code == 1
    assert "5,000 bytes" in result.stderr and "1,024 bytes" in result.stderr
    assert CliRunner().invoke(extract, [str(path), "--max-bytes", "lots"]).exit_code == 2


def test_table_view_shows_waves_incidents_and_warnings(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Overnight 40 drones flew in; 3 killed.")
    result = run(str(path), "--format", "table")
    assert result.exit_code == 0
    out = result.stdout
    for expected in ("waves", "Russia → UA", "40 drone", "incidents", "Testville", "Test Oblast"):
        assert expected in out
    assert "≥3" in out and "residential" in out and "pid=" in out


def test_table_view_of_a_report_without_attack(tmp_path: Path) -> None:
    path = tmp_path / "calm.txt"
    path.write_text("A quiet day.")
    assert "no attack reported" in run(str(path), "--format", "table").stdout


def test_process_pool_keeps_input_order(tmp_path: Path) -> None:
    texts = [f"{i} drones" for i in range(150)]  # three batches, so order is really tested
    texts[70] = "not json-breaking but no attack"
    path = jsonl_file(tmp_path / "many.jsonl", texts)
    result = run(str(path), "--format", "jsonl", "--workers", "2")
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x["report"]["id"] for x in lines] == [f"r{i}" for i in range(150)]
    assert lines[70]["is_attack"] is False
    assert lines[149]["waves"][0]["launched"]["drone"]["value"] == 149
    pids = {w for x in lines for w in x["warnings"]}
    assert f"pid={os.getpid()}" not in pids  # the work ran in the pool, not here


def test_process_pool_passes_read_errors_through_in_order(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"id": "a", "text": "1 drones"}\n{oops\n{"id": "c", "text": "2 drones"}\n')
    result = run(str(path), "--format", "jsonl", "--workers", "2")
    assert result.exit_code == 1
    assert [json.loads(x)["report"]["id"] for x in result.stdout.splitlines()] == ["a", "c"]
    assert f"{path}:2: malformed JSON" in result.stderr


def test_workers_and_dask_together_are_refused() -> None:
    result = CliRunner().invoke(extract, ["-", "--workers", "2", "--dask", "tcp://x:1"], input="")
    assert result.exit_code == 2
    assert "either --workers or --dask" in result.stderr


def test_dask_missing_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import now fails
    result = CliRunner().invoke(extract, ["-", "--dask", "tcp://127.0.0.1:1"], input="3 drones")
    assert result.exit_code == 1
    assert "pip install 'strikelog[dask]'" in result.stderr


def test_dask_cluster_keeps_input_order(tmp_path: Path) -> None:
    distributed = pytest.importorskip("dask.distributed")
    path = jsonl_file(tmp_path / "many.jsonl", [f"{i} drones" for i in range(100)])
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        result = run(str(path), "--format", "jsonl", "--dask", cluster.scheduler_address)
    assert result.exit_code == 0, result.stderr
    ids = [json.loads(x)["report"]["id"] for x in result.stdout.splitlines()]
    assert ids == [f"r{i}" for i in range(100)]


def test_missing_pipeline_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import strikelog

    monkeypatch.setitem(sys.modules, "strikelog.pipeline", None)
    monkeypatch.delattr(strikelog, "pipeline", raising=False)
    result = CliRunner().invoke(extract, ["-"], input="x")
    assert result.exit_code == 1
    assert "the extraction pipeline cannot be loaded" in result.stderr
