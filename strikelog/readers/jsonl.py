"""JSON Lines: one report per line; a bad line is one `ReadError` and reading goes on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from strikelog.readers.base import ReadError, ReadFailure, ReadResult, too_large
from strikelog.readers.records import report_from_mapping

_CHUNK = 1 << 20


def iter_jsonl(stream: BinaryIO, name: str, max_bytes: int) -> Iterator[ReadResult]:
    """Yield one result per non-blank line; memory stays within one line of `max_bytes`."""
    lineno = 0
    seen_any = False
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            break
        lineno += 1
        origin = f"{name}:{lineno}"
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            size = len(raw) + _skip_rest_of_line(stream)
            seen_any = True
            yield too_large(size, max_bytes).at(origin)
            continue
        if lineno == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        seen_any = True
        try:
            yield report_from_mapping(_parse_line(raw), origin, max_bytes)
        except ReadFailure as failure:
            yield failure.at(origin)
    if not seen_any:
        yield ReadError(name, "empty input: no JSON lines", "empty")


def _parse_line(raw: bytes) -> object:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReadFailure(
            f"not UTF-8 (byte {exc.start}); JSON Lines must be UTF-8", "encoding"
        ) from None
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise ReadFailure(f"malformed JSON: {exc.msg} (column {exc.colno})", "json") from None


def _skip_rest_of_line(stream: BinaryIO) -> int:
    """Read past the end of an over-long line in bounded chunks; return the bytes skipped."""
    skipped = 0
    while True:
        chunk = stream.readline(_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped
