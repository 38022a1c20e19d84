"""Ingest reports: extract each one and store it in its own transaction.

Idempotent by content hash (a known text is skipped before extraction); a failing
report is counted and logged with its reason and the run goes on, unless `strict`.
Whatever was committed stays committed if the process is interrupted or killed.

Storage is kept cheap rather than hidden: two long-lived connections (one for the
duplicate check, one for writes, so no pool round trip per report) and INSERTs run on the
driver's cursor (`rawsql`). A writer thread was tried and dropped: its many short GIL
hand-offs against the pure-Python extraction made the whole run slower, not faster.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Connection

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
    """`strict` mode met a failure; nothing after it was stored."""

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
    """Extract and store each report, one transaction each; return the counts.

    `source` names the source of every report (else each report's own `source`).
    With `strict`, the first failure raises `IngestAborted` (earlier reports stay stored).
    """
    extract = extract or default_extractor()
    run = _Run(source, strict, progress)
    with store.engine.connect() as reader, store.engine.connect() as writer:
        writer.execution_options(strikelog_write=True)
        for item in reports:
            run.stats.read += 1
            if isinstance(item, ReadError):
                run.fail(Failure(item.origin, item.message))
                continue
            run.handle(reader, writer, item, extract)
    return run.stats


class _Run:
    """The counts of one ingest run and what to do with each report."""

    def __init__(self, source: str | None, strict: bool, progress: ProgressCallback | None) -> None:
        self.source = source
        self.strict = strict
        self.progress = progress
        self.stats = IngestStats()
        self._source_ids: dict[str, int] = {}

    def fail(self, failure: Failure) -> None:
        stats = self.stats
        stats.failed += 1
        if len(stats.failures) < MAX_FAILURES_KEPT:
            stats.failures.append(failure)
        log.warning("%s: %s", failure.origin, failure.reason)
        if self.progress:
            self.progress(stats, failure.origin)
        if self.strict:
            raise IngestAborted(failure, stats)

    def handle(
        self, reader: Connection, writer: Connection, report: Report, extract: Extractor
    ) -> None:
        origin = origin_of(report)
        sha = report.sha256
        try:
            with reader.begin():
                known = find_duplicate(reader, sha) is not None
        except sa.exc.SQLAlchemyError as exc:
            self.fail(Failure(origin, f"database error: {_db_reason(exc)}"))
            return
        if known:
            status = "duplicate"
        else:
            try:
                extraction = extract(report)
            except Exception as exc:  # any stage may fail on odd input; the run goes on
                log.debug("extraction of %s failed", origin, exc_info=True)
                self.fail(Failure(origin, f"extraction failed: {type(exc).__name__}: {exc}"))
                return
            result = self._store(writer, report, sha, extraction)
            if isinstance(result, Failure):
                self.fail(result)
                return
            status = result
        stats = self.stats
        if status == "duplicate":
            stats.duplicate += 1
        else:
            stats.new += 1
            stats.versions += status == "version"
        if self.progress:
            self.progress(stats, origin)

    def _store(
        self, conn: Connection, report: Report, sha: str, extraction: Extraction
    ) -> str | Failure:
        origin = origin_of(report)
        name = self.source or report.source
        try:
            with conn.begin():
                source_id = None
                if name:
                    source_id = self._source_ids.get(name) or ensure_source(conn, name)
                result = save_report(conn, report, extraction, source_id=source_id, sha256=sha)
            if name and source_id is not None:
                self._source_ids[name] = source_id  # only once committed
            return result.status
        except sa.exc.IntegrityError as exc:
            # Another process stored the same text (or URL version) between check and insert.
            with conn.begin():
                if find_duplicate(conn, sha) is not None:
                    return "duplicate"
            return Failure(origin, f"database refused the report: {_db_reason(exc)}")
        except sa.exc.SQLAlchemyError as exc:
            return Failure(origin, f"database error: {_db_reason(exc)}")
        except (ValueError, TypeError, IndexError) as exc:  # malformed extraction (a bad span…)
            return Failure(origin, f"cannot store extraction: {type(exc).__name__}: {exc}")


def _db_reason(exc: sa.exc.SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).strip().splitlines()[0]
