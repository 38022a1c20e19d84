"""Ingest reports: extract each one and store it in its own transaction.

Idempotent by content hash (a known text is skipped before extraction); a failing
report is counted and logged with its reason and the run goes on, unless `strict`.
Whatever was committed stays committed if the process is interrupted or killed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa

from strikelog.models import Extraction, Report
from strikelog.readers.base import ReadError
from strikelog.store.db import Store
from strikelog.store.save import ensure_source, find_duplicate, save_report

log = logging.getLogger(__name__)

Extractor = Callable[[Report], Extraction]
# Called after every item with the running counts and the origin just handled.
ProgressCallback = Callable[["IngestStats", str], None]

MAX_FAILURES_KEPT = 1000


@dataclass(frozen=True)
class Failure:
    origin: str
    reason: str


@dataclass
class IngestStats:
    read: int = 0  # items seen, failed reads included
    new: int = 0  # reports stored (first versions and new versions)
    versions: int = 0  # of `new`: changed text at a URL already stored
    duplicate: int = 0  # text already stored
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)  # the first MAX_FAILURES_KEPT

    def to_dict(self) -> dict[str, object]:
        return {
            "read": self.read,
            "new": self.new,
            "versions": self.versions,
            "duplicate": self.duplicate,
            "failed": self.failed,
            "failures": [{"origin": f.origin, "reason": f.reason} for f in self.failures],
        }


class IngestAborted(Exception):
    """`strict` mode met a failure; nothing after it was read."""

    def __init__(self, failure: Failure, stats: IngestStats) -> None:
        super().__init__(f"{failure.origin}: {failure.reason}")
        self.failure = failure
        self.stats = stats


def default_extractor() -> Extractor:
    from strikelog.pipeline import extract_report

    return extract_report


def origin_of(report: Report) -> str:
    return report.origin or report.url or report.id or report.sha256[:19]


def ingest_reports(
    store: Store,
    reports: Iterable[Report | ReadError],
    *,
    source: str | None = None,
    strict: bool = False,
    progress: ProgressCallback | None = None,
    extract: Extractor | None = None,
) -> IngestStats:
    """Extract and store each report; return the counts.

    `source` names the source of every report (else each report's own `source`).
    With `strict`, the first failure raises `IngestAborted` (earlier reports stay stored).
    """
    extract = extract or default_extractor()
    stats = IngestStats()
    source_ids: dict[str, int] = {}

    def fail(origin: str, reason: str) -> None:
        stats.failed += 1
        failure = Failure(origin, reason)
        if len(stats.failures) < MAX_FAILURES_KEPT:
            stats.failures.append(failure)
        log.warning("%s: %s", origin, reason)
        if progress:
            progress(stats, origin)
        if strict:
            raise IngestAborted(failure, stats)

    for item in reports:
        stats.read += 1
        if isinstance(item, ReadError):
            fail(item.origin, item.message)
            continue
        report = item
        origin = origin_of(report)
        status = _ingest_one(store, report, source or report.source, extract, source_ids, fail)
        if status == "duplicate":
            stats.duplicate += 1
        elif status in ("new", "version"):
            stats.new += 1
            stats.versions += status == "version"
        if status is not None and progress:
            progress(stats, origin)
    return stats


def _ingest_one(
    store: Store,
    report: Report,
    source_name: str | None,
    extract: Extractor,
    source_ids: dict[str, int],
    fail: Callable[[str, str], None],
) -> str | None:
    """Store one report; return its status, or None after calling `fail`."""
    origin = origin_of(report)
    try:
        with store.read() as conn:
            if find_duplicate(conn, report.sha256) is not None:
                return "duplicate"
    except sa.exc.SQLAlchemyError as exc:
        fail(origin, f"database error: {_db_reason(exc)}")
        return None
    try:
        extraction = extract(report)
    except Exception as exc:  # any stage may fail on odd input; the run goes on
        log.debug("extraction of %s failed", origin, exc_info=True)
        fail(origin, f"extraction failed: {type(exc).__name__}: {exc}")
        return None
    try:
        with store.write() as conn:
            source_id = None
            if source_name:
                source_id = source_ids.get(source_name) or ensure_source(conn, source_name)
            result = save_report(conn, report, extraction, source_id=source_id)
        if source_name and source_id is not None:
            source_ids[source_name] = source_id  # only once committed
        return result.status
    except sa.exc.IntegrityError as exc:
        # Another process stored the same text (or URL version) between our check and insert.
        with store.read() as conn:
            if find_duplicate(conn, report.sha256) is not None:
                return "duplicate"
        fail(origin, f"database refused the report: {_db_reason(exc)}")
    except sa.exc.SQLAlchemyError as exc:
        fail(origin, f"database error: {_db_reason(exc)}")
    except (ValueError, TypeError, IndexError) as exc:  # malformed extraction (e.g. bad span)
        fail(origin, f"cannot store extraction: {type(exc).__name__}: {exc}")
    return None


def _db_reason(exc: sa.exc.SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).strip().splitlines()[0]
