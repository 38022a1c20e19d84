"""Plain text, encodings, and the inputs that must be refused with a clear message."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from strikelog.models import Report
from strikelog.readers import ReadError, iter_reports


def read_all(source: str | Path, **options: object) -> list[Report | ReadError]:
    return list(iter_reports(source, **options))  # type: ignore[arg-type]


def only_report(source: str | Path, **options: object) -> Report:
    results = read_all(source, **options)
    assert len(results) == 1, results
    assert isinstance(results[0], Report), results[0]
    return results[0]


def only_error(source: str | Path, **options: object) -> ReadError:
    results = read_all(source, **options)
    assert len(results) == 1, results
    assert isinstance(results[0], ReadError), results[0]
    return results[0]


def test_text_file_keeps_text_and_names_origin(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Two drones hit a grain silo near the river.\n", encoding="utf-8")
    report = only_report(path)
    assert report.text == "Two drones hit a grain silo near the river.\n"
    assert report.origin == str(path)
    assert report.id is None and report.published is None


def test_crlf_and_lone_cr_become_newlines_before_anything_else(tmp_path: Path) -> None:
    path = tmp_path / "dos.txt"
    path.write_bytes(b"First line.\r\nSecond line.\rThird line.\r\n")
    report = only_report(path)
    assert report.text == "First line.\nSecond line.\nThird line.\n"
    start = report.text.index("Second")
    assert report.text[start : start + 6] == "Second"


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfA shell landed on a barn.")
    assert only_report(path).text == "A shell landed on a barn."


def test_utf16_with_bom_is_text_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Сирени звучали всю ніч.".encode("utf-16"))
    assert only_report(path).text == "Сирени звучали всю ніч."


def test_cp1251_cyrillic_is_detected(tmp_path: Path) -> None:
    text = (
        "Вночі ворожі дрони атакували місто. Двоє людей загинули, ще п'ятеро поранені, "
        "серед них дитина. Пошкоджено житловий будинок і школу.\n"
    )
    path = tmp_path / "cyr.txt"
    path.write_bytes(text.encode("cp1251"))
    assert only_report(path).text == text


def test_latin1_is_detected(tmp_path: Path) -> None:
    text = "The drone hit a café near the rivière; the dépôt was damaged, officials said.\n"
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("latin-1"))
    assert only_report(path).text == text


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG"),
        (b"%PDF-1.7\n" + bytes(50), "PDF"),
        (b"some text\x00\x00\x01\x02 more", "NUL"),
        (bytes(range(1, 32)) * 40, "control characters"),
    ],
)
def test_binary_input_is_refused_by_name(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(content)
    error = only_error(path)
    assert error.kind == "binary"
    assert error.origin == str(path)
    assert words in error.message
    assert str(error).startswith(f"{path}: binary input")


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_or_blank_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    error = only_error(path)
    assert error.kind == "empty"
    assert "empty" in error.message


def test_50mb_text_is_refused_before_it_is_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: 50 MiB long, no time spent writing
        handle.truncate(50 * 1024 * 1024)
    opened: list[Path] = []
    real_open = Path.open

    def watching_open(self: Path, *args: object, **kwargs: object) -> object:
        opened.append(self)
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", watching_open)
    error = only_error(path)
    assert error.kind == "too_large"
    assert "52,428,800 bytes (50.0 MiB)" in error.message
    assert "20.0 MiB" in error.message
    assert path not in opened


class EndlessText(io.RawIOBase):
    """A stdin that would go on for ever; counts what was taken from it."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.taken = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        n = min(len(buffer), self.limit - self.taken)
        buffer[:n] = b"a" * n
        self.taken += n
        return n


def test_oversized_stdin_stops_reading_at_the_limit() -> None:
    stream = EndlessText(limit=50 * 1024 * 1024)
    error = only_error("-", stdin=stream, max_bytes=1024 * 1024)
    assert error.kind == "too_large"
    assert error.origin == "<stdin>"
    assert "more than 1,048,576 bytes" in error.message
    assert stream.taken <= 1024 * 1024 + 1 + 64 * 1024


def test_text_from_stdin() -> None:
    report = only_report("-", stdin=io.BytesIO(b"Sirens sounded over the port.\r\n"))
    assert report.text == "Sirens sounded over the port.\n"
    assert report.origin == "<stdin>"


def test_missing_file_is_an_error_not_an_exception(tmp_path: Path) -> None:
    error = only_error(tmp_path / "absent.txt")
    assert error.kind == "not_found"
    assert error.origin.endswith("absent.txt")


def test_unreadable_file_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("words")

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    error = only_error(path)
    assert error.kind == "unreadable"
    assert "Permission denied" in error.message


def test_wrong_arguments_raise() -> None:
    with pytest.raises(ValueError, match="positive"):
        read_all("-", max_bytes=0)
    with pytest.raises(ValueError, match="unknown format"):
        read_all("-", format="docx")
