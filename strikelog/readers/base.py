"""What every reader yields: a `Report`, or a `ReadError` naming the input that failed."""

from __future__ import annotations

from dataclasses import dataclass

from strikelog.models import Report

# One report's raw bytes (a .txt, an HTML page, one JSON line, one message).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# A file that must be parsed whole to reach its reports (Telegram export, feed, JSON array).
DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024
DEFAULT_TIMEOUT = 20.0

# Why an input failed, for callers that count failures by kind.
ERROR_KINDS = (
    "not_found",  # no such file or directory
    "unreadable",  # the OS refused (permissions, a device, …)
    "empty",  # nothing but whitespace
    "binary",  # NUL bytes, a known binary signature, or mostly control characters
    "encoding",  # bytes that no text encoding explains
    "too_large",  # over the byte limit
    "json",  # malformed JSON, or a JSON value that is not a report
    "format",  # not the format its name or content type claims (e.g. an .xml that is no feed)
    "no_text",  # an HTML page or feed item with no article text
    "network",  # connection refused, DNS failure, timeout
    "http",  # an HTTP error status
)


@dataclass(frozen=True)
class ReadError:
    """An input that could not be turned into a report; `origin` says which ("a.jsonl:12")."""

    origin: str
    message: str
    kind: str = "unreadable"

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


ReadResult = Report | ReadError


class ReadFailure(Exception):
    """Raised inside the readers; turned into a `ReadError` before it reaches a caller."""

    def __init__(self, message: str, kind: str = "unreadable") -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind

    def at(self, origin: str) -> ReadError:
        return ReadError(origin=origin, message=self.message, kind=self.kind)


def human_bytes(n: int) -> str:
    """'52,428,800 bytes (50.0 MiB)': exact for the record, rounded for the eye."""
    if n < 1024:
        return f"{n:,} bytes"
    value = n / 1024
    unit = "KiB"
    for bigger in ("MiB", "GiB", "TiB"):
        if value < 1024:
            break
        value /= 1024
        unit = bigger
    return f"{n:,} bytes ({value:.1f} {unit})"


def too_large(size: int | str, limit: int, what: str = "report") -> ReadFailure:
    shown = size if isinstance(size, str) else human_bytes(size)
    return ReadFailure(
        f"{shown} is over the {human_bytes(limit)} limit per {what} (raise it with --max-bytes)",
        "too_large",
    )
