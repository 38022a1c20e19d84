"""Where reports come from (a file, a directory, a URL, stdin) and which reader handles them."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from strikelog.models import Report
from strikelog.readers.base import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_FILE_BYTES,
    DEFAULT_TIMEOUT,
    ReadError,
    ReadFailure,
    ReadResult,
    human_bytes,
    too_large,
)
from strikelog.readers.decode import binary_kind, declared_html_charset, decode_bytes
from strikelog.readers.detect import (
    BY_CONTENT_TYPE,
    BY_EXTENSION,
    FORMATS,
    Format,
    looks_like_html,
    sniff,
)
from strikelog.readers.feed import iter_feed
from strikelog.readers.fetch import fetch, is_url
from strikelog.readers.html import html_to_text
from strikelog.readers.jsonfile import iter_json_document, load_json
from strikelog.readers.jsonl import iter_jsonl

STDIN_NAME = "<stdin>"
_HEAD_BYTES = 64 * 1024
_READ_CHUNK = 64 * 1024
_CONTAINERS = frozenset({"json", "feed", "jsonl"})


@dataclass(frozen=True)
class ReadOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    timeout: float = DEFAULT_TIMEOUT
    format: Format | None = None  # force a format instead of detecting it

    def __post_init__(self) -> None:
        if self.max_bytes <= 0 or self.max_file_bytes <= 0:
            raise ValueError("byte limits must be positive")
        if self.format is not None and self.format not in FORMATS:
            raise ValueError(f"unknown format {self.format!r}; one of {', '.join(FORMATS)}")


def iter_reports(
    source: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    format: Format | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[ReadResult]:
    """Yield every report in `source`, or a `ReadError` for each part that cannot be read.

    `source` is a file, a directory (read recursively), an http(s) URL, or "-" for stdin
    (`stdin` overrides `sys.stdin.buffer`). Input problems never raise: a missing file, an
    unreachable URL, a binary file, a malformed JSON line each come out as a `ReadError`
    whose `origin` names the input ("reports.jsonl:12"), and reading goes on. Only wrong
    arguments (a non-positive limit, an unknown format) raise `ValueError`.
    """
    options = ReadOptions(max_bytes, max_file_bytes, timeout, format)
    yield from _iter_source(source, options, stdin)


def iter_all(sources: Iterable[str | os.PathLike[str]], **options: object) -> Iterator[ReadResult]:
    """`iter_reports` over several sources, in order."""
    for source in sources:
        yield from iter_reports(source, **options)  # type: ignore[arg-type]


def _iter_source(
    source: str | os.PathLike[str], options: ReadOptions, stdin: BinaryIO | None
) -> Iterator[ReadResult]:
    if isinstance(source, str) and source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        results = _iter_stream(
            stream, STDIN_NAME, options.format, options, explicit=options.format is not None
        )
        yield from _guarded(results, STDIN_NAME)
        return
    if isinstance(source, str) and is_url(source):
        yield from _guarded(_iter_url(source, options), source)
        return
    path = Path(source)
    name = os.fspath(source)
    if path.is_dir():
        yield from _iter_directory(path, options)
    elif not path.exists():
        yield ReadError(name, "no such file or directory", "not_found")
    else:
        yield from _guarded(_iter_file(path, name, options), name)


def _guarded(results: Iterator[ReadResult], name: str) -> Iterator[ReadResult]:
    """Turn a failure of a whole input into one `ReadError` naming it."""
    try:
        yield from results
    except ReadFailure as failure:
        yield failure.at(name)
    except OSError as exc:
        yield ReadError(name, f"cannot read: {exc.strerror or exc}", "unreadable")


def _iter_directory(root: Path, options: ReadOptions) -> Iterator[ReadResult]:
    found = False
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if filename.startswith(".") or Path(filename).suffix.lower() not in BY_EXTENSION:
                continue
            found = True
            path = Path(dirpath) / filename
            yield from _guarded(_iter_file(path, str(path), options), str(path))
    if not found:
        known = ", ".join(sorted(BY_EXTENSION))
        message = f"no report files in this directory (looked for {known})"
        yield ReadError(str(root), message, "empty")


def _iter_file(path: Path, name: str, options: ReadOptions) -> Iterator[ReadResult]:
    size = path.stat().st_size
    by_name = options.format or BY_EXTENSION.get(path.suffix.lower())
    # Refuse an oversized file before reading a byte of it.
    if by_name in ("text", "html") and size > options.max_bytes:
        raise too_large(size, options.max_bytes)
    if by_name in ("json", "feed") and size > options.max_file_bytes:
        raise too_large(size, options.max_file_bytes, what="file")
    if size == 0 and path.is_file():
        raise ReadFailure("empty file (0 bytes)", "empty")
    with path.open("rb") as stream:
        yield from _iter_stream(stream, name, by_name, options, explicit=options.format is not None)


def _iter_stream(
    stream: BinaryIO,
    name: str,
    by_name: Format | None,
    options: ReadOptions,
    *,
    explicit: bool = False,
    url: str | None = None,
    declared: str | None = None,
) -> Iterator[ReadResult]:
    head = _read_up_to(stream, _HEAD_BYTES)
    if not head:
        raise ReadFailure("empty input (0 bytes)", "empty")
    _refuse_binary(head)
    fmt = _choose_format(by_name, head, explicit)
    body = io.BufferedReader(_Replay(head, stream))
    if fmt == "jsonl":
        yield from iter_jsonl(body, name, options.max_bytes)
    elif fmt == "json":
        doc = load_json(_read_limited(body, options.max_file_bytes, "file"))
        yield from iter_json_document(doc, name, options.max_bytes)
    elif fmt == "feed":
        data = _read_limited(body, options.max_file_bytes, "file")
        yield from iter_feed(data, name, options.max_bytes)
    elif fmt == "html":
        data = _read_limited(body, options.max_bytes, "report")
        yield html_report(data, name, url=url, declared=declared or declared_html_charset(head))
    else:
        data = _read_limited(body, options.max_bytes, "report")
        yield Report(text=decode_bytes(data, declared), url=url, origin=name)


def html_report(
    data: bytes, origin: str, url: str | None = None, declared: str | None = None
) -> Report:
    """One HTML page's bytes → a report of its article text, title and date."""
    page = html_to_text(decode_bytes(data, declared), url=url)
    if not page.text.strip():
        raise ReadFailure("no article text in this HTML page", "no_text")
    return Report(
        text=page.text,
        url=url,
        title=page.title,
        published=page.published,
        source=page.sitename,
        origin=origin,
    )


def _choose_format(by_name: Format | None, head: bytes, explicit: bool) -> Format:
    if explicit and by_name is not None:
        return by_name
    if by_name is None:
        return sniff(head)
    if by_name == "text" and looks_like_html(head):
        return "html"  # a page saved as .txt: its spans must refer to the readable text
    if by_name == "json" and sniff(head) == "jsonl":
        return "jsonl"
    return by_name


def _iter_url(url: str, options: ReadOptions) -> Iterator[ReadResult]:
    def limit_for(content_type: str) -> int:
        fmt = options.format or BY_CONTENT_TYPE.get(content_type)
        return options.max_bytes if fmt in ("text", "html") else options.max_file_bytes

    fetched = fetch(url, options.timeout, limit_for)
    by_type = options.format or BY_CONTENT_TYPE.get(fetched.content_type)
    head = fetched.content[:_HEAD_BYTES]
    if by_type is None or (by_type == "text" and not options.format):
        by_type = sniff(head)
    elif by_type == "feed" and not options.format and sniff(head) == "html":
        by_type = "html"
    if by_type not in _CONTAINERS and len(fetched.content) > options.max_bytes:
        raise too_large(len(fetched.content), options.max_bytes)
    yield from _iter_stream(
        io.BytesIO(fetched.content),
        url,
        by_type,
        options,
        explicit=True,
        url=fetched.url,
        declared=fetched.charset,
    )


def _refuse_binary(head: bytes) -> None:
    kind = binary_kind(head)
    if kind is not None:
        raise ReadFailure(f"binary input: looks like {kind}, not text", "binary")
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in head and not utf16:
        raise ReadFailure("binary input: contains NUL bytes, not text", "binary")


def _read_up_to(stream: BinaryIO, n: int) -> bytes:
    """Read n bytes or until EOF, even from a pipe that returns short reads."""
    parts: list[bytes] = []
    remaining = n
    while remaining > 0:
        # Bounded reads: read(n) allocates n bytes up front, and n may be the 20 MiB limit.
        chunk = stream.read(min(remaining, _READ_CHUNK))
        if not chunk:
            break
        parts.append(chunk)
        remaining -= len(chunk)
    return b"".join(parts)


def _read_limited(stream: BinaryIO, limit: int, what: str) -> bytes:
    data = _read_up_to(stream, limit + 1)
    if len(data) > limit:
        raise too_large(f"more than {human_bytes(limit)}", limit, what=what)
    return data


class _Replay(io.RawIOBase):
    """A raw stream that gives back the sniffed head, then the rest of the source."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        return n
