"""JSON Lines, .json files and Telegram Desktop exports."""

from __future__ import annotations

import io
import json
from pathlib import Path

from strikelog.models import Report
from strikelog.readers import ReadError, iter_reports


def read_all(source: str | Path, **options: object) -> list[Report | ReadError]:
    return list(iter_reports(source, **options))  # type: ignore[arg-type]


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_reads_every_field(tmp_path: Path) -> None:
    line = {
        "id": "r-17",
        "text": "A missile struck a depot.\r\nNo one was hurt.",
        "url": "https://example.org/a",
        "title": "Depot hit",
        "published": "2025-10-22",
        "source": "Example Daily",
        "language": "en",
    }
    path = write_lines(tmp_path / "r.jsonl", [json.dumps(line)])
    [report] = read_all(path)
    assert isinstance(report, Report)
    assert report.text == "A missile struck a depot.\nNo one was hurt."
    assert (report.id, report.url, report.title) == ("r-17", "https://example.org/a", "Depot hit")
    assert (report.published, report.source, report.language) == (
        "2025-10-22",
        "Example Daily",
        "en",
    )
    assert report.origin == f"{path}:1"


def test_bad_jsonl_lines_are_named_and_the_rest_still_read(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "mixed.jsonl",
        [
            '{"id": 1, "text": "First report."}',
            '{"text": "broken',
            "",
            '{"text": "Fourth line report."}',
            "[1, 2]",
            '{"title": "no text"}',
            '{"text": 42}',
            '{"text": "   "}',
            '{"text": "Last report.", "id": "z"}',
        ],
    )
    results = read_all(path)
    kinds = [(r.origin, type(r).__name__) for r in results]
    assert kinds == [
        (f"{path}:1", "Report"),
        (f"{path}:2", "ReadError"),
        (f"{path}:4", "Report"),
        (f"{path}:5", "ReadError"),
        (f"{path}:6", "ReadError"),
        (f"{path}:7", "ReadError"),
        (f"{path}:8", "ReadError"),
        (f"{path}:9", "Report"),
    ]
    errors = [r for r in results if isinstance(r, ReadError)]
    assert "malformed JSON" in errors[0].message
    assert "expected a JSON object, got an array" in errors[1].message
    assert 'missing "text"' in errors[2].message
    assert '"text" must be a string, got a number' in errors[3].message
    assert errors[4].kind == "empty"
    reports = [r for r in results if isinstance(r, Report)]
    assert [r.id for r in reports] == ["1", None, "z"]


def test_overlong_jsonl_line_is_refused_and_the_next_one_read(tmp_path: Path) -> None:
    big = json.dumps({"text": "x" * 5000})
    path = write_lines(tmp_path / "big.jsonl", [big, '{"text": "small one"}'])
    first, second = read_all(path, max_bytes=1000)
    assert isinstance(first, ReadError) and first.kind == "too_large"
    assert first.origin == f"{path}:1"
    assert "5,0" in first.message  # the size of the line is named
    assert isinstance(second, Report) and second.text == "small one"


def test_jsonl_line_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "enc.jsonl"
    path.write_bytes(b'{"text": "ok"}\n{"text": "caf\xe9"}\n')
    first, second = read_all(path)
    assert isinstance(first, Report)
    assert isinstance(second, ReadError) and second.kind == "encoding"


def test_empty_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "none.jsonl"
    path.write_text("\n\n")
    [error] = read_all(path)
    assert isinstance(error, ReadError) and error.kind == "empty"


def test_jsonl_from_stdin_is_sniffed() -> None:
    stdin = io.BytesIO(b'{"text": "one"}\n{"text": "two"}\n')
    results = read_all("-", stdin=stdin)
    assert [r.text for r in results if isinstance(r, Report)] == ["one", "two"]
    assert [r.origin for r in results] == ["<stdin>:1", "<stdin>:2"]


def test_json_array_and_single_object(tmp_path: Path) -> None:
    array = tmp_path / "many.json"
    array.write_text(json.dumps([{"text": "alpha"}, {"nope": 1}, {"text": "gamma"}]))
    results = read_all(array)
    assert [type(r).__name__ for r in results] == ["Report", "ReadError", "Report"]
    assert results[1].origin == f"{array}[1]"
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"text": "solo", "id": "s"}, indent=2))
    [report] = read_all(single)
    assert isinstance(report, Report) and report.id == "s"


def test_malformed_json_file_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{\n  "messages": [\n    {"id": 1,,}\n  ]\n}\n')
    [error] = read_all(path)
    assert isinstance(error, ReadError) and error.kind == "json"
    assert "line 3" in error.message


def telegram_export() -> dict[str, object]:
    return {
        "name": "Oblast News",
        "type": "public_channel",
        "id": 1234,
        "messages": [
            {"id": 10, "type": "service", "date": "2025-10-21T20:00:00", "text": ""},
            {
                "id": 11,
                "type": "message",
                "date": "2025-10-22T07:12:00",
                "text": [
                    "Overnight the ",
                    {"type": "bold", "text": "enemy"},
                    " launched 40 drones at ",
                    {"type": "hashtag", "text": "#Sumy"},
                    ".",
                ],
            },
            {"id": 12, "type": "message", "date": "2025-10-22T07:30:00", "text": ""},
            {"id": 13, "type": "message", "date": "2025-10-22T08:05:00", "text": "All clear."},
            {"id": 14, "type": "message", "date": "2025-10-22T09:00:00", "text": {"odd": 1}},
        ],
    }


def test_telegram_export_one_report_per_text_message(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(json.dumps(telegram_export(), ensure_ascii=False, indent=1))
    results = read_all(path)
    assert [type(r).__name__ for r in results] == ["Report", "Report", "ReadError"]
    first, second, error = results
    assert isinstance(first, Report) and isinstance(second, Report)
    assert first.text == "Overnight the enemy launched 40 drones at #Sumy."
    assert first.id == "Oblast News/11"
    assert first.source == "Oblast News"
    assert first.published == "2025-10-22T07:12:00"
    assert first.origin == f"{path}#11"
    assert second.id == "Oblast News/13"
    assert isinstance(error, ReadError) and error.origin == f"{path}#14"


def test_telegram_export_is_sniffed_without_an_extension(tmp_path: Path) -> None:
    path = tmp_path / "export"
    path.write_text(json.dumps(telegram_export(), indent=2))
    results = read_all(path)
    assert [r.id for r in results if isinstance(r, Report)] == ["Oblast News/11", "Oblast News/13"]


def test_telegram_export_without_text_messages(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"name": "Quiet", "messages": [{"id": 1, "type": "service"}]}))
    [error] = read_all(path)
    assert isinstance(error, ReadError) and error.kind == "empty"
