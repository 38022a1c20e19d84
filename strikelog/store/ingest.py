"""Ingest reports: extract each one and store it in its own transaction.

Idempotent by content hash (a known text is skipped before extraction); a failing
report is counted and logged with its reason and the run goes on, unless `strict`.
Whatever was committed stays committed if the process is interrupted or killed.

Extraction (pure Python) runs in the calling thread while a writer thread stores the
previous reports, so database waits (disk, server round trips, SQLite's C code) overlap
with extraction instead of adding to it. The writer handles every outcome in input order:
counts and progress calls come out in the same order as the input.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import TracebackType

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
QUEUE_SIZE = 32  # extracted reports waiting for the writer


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


# What the extracting thread hands to the writer, in input order.
@dataclass(frozen=True)
class _Extracted:
    report: Report
    sha256: str
    extraction: Extraction


@dataclass(frozen=True)
class _Known:
    origin: str


_Item = _Extracted | _Known | Failure
_DONE = object()


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
    writer = _Writer(store, source, strict, progress)
    with writer, store.engine.connect() as reader:
        for item in reports:
            if writer.stopped:
                break
            if isinstance(item, ReadError):
                writer.put(Failure(item.origin, item.message))
                continue
            writer.put(_prepare(reader, item, extract))
    return writer.stats


def _prepare(reader: Connection, report: Report, extract: Extractor) -> _Item:
    """Skip a known text, else extract it; failures become a `Failure` for the writer."""
    origin = origin_of(report)
    sha = report.sha256
    try:
        with reader.begin():
            if find_duplicate(reader, sha) is not None:
                return _Known(origin)
    except sa.exc.SQLAlchemyError as exc:
        return Failure(origin, f"database error: {_db_reason(exc)}")
    try:
        return _Extracted(report, sha, extract(report))
    except Exception as exc:  # any stage may fail on odd input; the run goes on
        log.debug("extraction of %s failed", origin, exc_info=True)
        return Failure(origin, f"extraction failed: {type(exc).__name__}: {exc}")


class _Writer:
    """A thread that stores items one transaction each, keeping the counts."""

    def __init__(
        self, store: Store, source: str | None, strict: bool, progress: ProgressCallback | None
    ) -> None:
        self.store = store
        self.source = source
        self.strict = strict
        self.progress = progress
        self.stats = IngestStats()
        self.error: BaseException | None = None
        self._queue: queue.Queue[object] = queue.Queue(maxsize=QUEUE_SIZE)
        self._stop = threading.Event()
        self._source_ids: dict[str, int] = {}
        self._thread = threading.Thread(target=self._run, name="strikelog-writer", daemon=True)

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def __enter__(self) -> _Writer:
        self._thread.start()
        return self

    def put(self, item: _Item) -> None:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is not None:
            # Interrupted: finish the transaction in hand, leave the queue.
            self._stop.set()
        while self._thread.is_alive():  # a stopped writer no longer drains the queue
            try:
                self._queue.put(_DONE, timeout=0.1)
                break
            except queue.Full:
                continue
        self._thread.join()
        if exc_type is None and self.error is not None:
            raise self.error

    def _run(self) -> None:
        try:
            with self.store.engine.connect() as conn:
                conn = conn.execution_options(strikelog_write=True)
                while True:
                    item = self._queue.get()
                    if item is _DONE or self._stop.is_set():
                        return
                    self._handle(conn, item)  # type: ignore[arg-type]
        except BaseException as exc:  # surfaced in the calling thread
            self.error = exc
            self._stop.set()

    def _handle(self, conn: Connection, item: _Item) -> None:
        stats = self.stats
        stats.read += 1
        if isinstance(item, Failure):
            self._fail(item)
            return
        if isinstance(item, _Known):
            stats.duplicate += 1
            origin = item.origin
        else:
            origin = origin_of(item.report)
            status = self._store(conn, item)
            if isinstance(status, Failure):
                self._fail(status)
                return
            if status == "duplicate":
                stats.duplicate += 1
            else:
                stats.new += 1
                stats.versions += status == "version"
        if self.progress:
            self.progress(stats, origin)

    def _fail(self, failure: Failure) -> None:
        stats = self.stats
        stats.failed += 1
        if len(stats.failures) < MAX_FAILURES_KEPT:
            stats.failures.append(failure)
        log.warning("%s: %s", failure.origin, failure.reason)
        if self.progress:
            self.progress(stats, failure.origin)
        if self.strict:
            raise IngestAborted(failure, stats)

    def _store(self, conn: Connection, item: _Extracted) -> str | Failure:
        report = item.report
        origin = origin_of(report)
        name = self.source or report.source
        try:
            with conn.begin():
                source_id = None
                if name:
                    source_id = self._source_ids.get(name) or ensure_source(conn, name)
                result = save_report(
                    conn, report, item.extraction, source_id=source_id, sha256=item.sha256
                )
            if name and source_id is not None:
                self._source_ids[name] = source_id  # only once committed
            return result.status
        except sa.exc.IntegrityError as exc:
            # Another process stored the same text (or URL version) between check and insert.
            with conn.begin():
                if find_duplicate(conn, item.sha256) is not None:
                    return "duplicate"
            return Failure(origin, f"database refused the report: {_db_reason(exc)}")
        except sa.exc.SQLAlchemyError as exc:
            return Failure(origin, f"database error: {_db_reason(exc)}")
        except (ValueError, TypeError, IndexError) as exc:  # malformed extraction (a bad span…)
            return Failure(origin, f"cannot store extraction: {type(exc).__name__}: {exc}")


def _db_reason(exc: sa.exc.SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).strip().splitlines()[0]
