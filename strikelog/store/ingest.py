"""Ingest reports: extract each one and store it in its own transaction.

Idempotent by content hash (a known text is skipped before extraction); a failing
report is counted and logged with its reason and the run goes on, unless `strict`.
Whatever was committed stays committed if the process is interrupted or killed.

Storage is kept cheap so it does not slow extraction down: long-lived connections, the
duplicate check as one indexed SELECT outside any transaction (inside it the unique
sha256 catches a race), and each table's rows as one statement (`rawsql`).

With `parallel=True` a forked worker process extracts the next reports while this
process stores the previous ones (each still committed alone, in input order, and counted
only once committed). On two cores storage then costs almost nothing; the worker inherits
the loaded lexicons and gazetteer, and if it dies its reports are extracted here instead.
It replaces a forked *writer* process (the reverse split), so the connection, commits and
progress stay here; a writer *thread* lost to GIL hand-offs against pure-Python extraction.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import queue
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection as Connection_

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
    parallel: bool = False,
) -> IngestStats:
    """Extract and store each report, one transaction each; return the counts.

    `source` names the source of every report (else each report's own `source`).
    With `strict`, the first failure raises `IngestAborted` (earlier reports stay stored,
    nothing after it is). `parallel` extracts in a forked worker process while this one
    stores (where fork exists; elsewhere it is ignored): `extract` then runs in the worker,
    so its side effects stay there.
    """
    extract = extract or default_extractor()
    tally = _Tally(strict, progress)
    parallel = parallel and "fork" in mp.get_all_start_methods()
    with store.engine.connect() as reader, store.engine.connect() as writer:
        # The duplicate check is one SELECT, run without a transaction around it (SQLite
        # connections are in autocommit already: see db.py).
        if not store.is_sqlite:
            reader.execution_options(isolation_level="AUTOCOMMIT")
        writer.execution_options(strikelog_write=True)
        storer = _Storer(source)
        checked = (_check(reader, item) for item in reports)
        if parallel:
            messages: Iterator[_Message] = _extract_in_worker(checked, extract)
        else:
            messages = (_extract(item, extract) for item in checked)
        try:
            for message in messages:
                tally.apply(storer.handle(writer, message))
                if tally.aborted:
                    break
        finally:
            close = getattr(messages, "close", None)
            if close is not None:
                close()  # stops the worker now, also on Ctrl-C
    if tally.aborted:
        raise IngestAborted(tally.aborted, tally.stats)
    return tally.stats


# --------------------------------------------------------------------------- in order


@dataclass(frozen=True)
class _Event:
    """What became of one input item."""

    kind: str  # new | version | duplicate | failed
    origin: str
    reason: str | None = None


# Extracting side → storing side: a report to store, or an outcome already known.
_Message = tuple[Report, str, Extraction] | _Event


def _check(reader: Connection, item: Report | ReadError) -> _Event | Report:
    """A failed read or a known text becomes its event; a report to extract stays."""
    if isinstance(item, ReadError):
        return _Event("failed", item.origin, item.message)
    try:
        if find_duplicate(reader, item.sha256) is not None:
            return _Event("duplicate", origin_of(item))
    except sa.exc.SQLAlchemyError as exc:
        return _Event("failed", origin_of(item), f"database error: {_db_reason(exc)}")
    return item


def _extract(item: _Event | Report, extract: Extractor) -> _Message:
    if isinstance(item, _Event):
        return item
    return _as_message(item, _run_extractor(item, extract))


def _run_extractor(report: Report, extract: Extractor) -> Extraction | str:
    """The extraction, or why it failed."""
    try:
        return extract(report)
    except Exception as exc:  # any stage may fail on odd input; the run goes on
        log.debug("extraction of %s failed", origin_of(report), exc_info=True)
        return f"extraction failed: {type(exc).__name__}: {exc}"


def _as_message(report: Report, result: Extraction | str) -> _Message:
    if isinstance(result, str):
        return _Event("failed", origin_of(report), result)
    return (report, report.sha256, result)


class _Tally:
    """Counts events in input order and reports them; remembers a strict-mode stop."""

    def __init__(self, strict: bool, progress: ProgressCallback | None) -> None:
        self.strict = strict
        self.progress = progress
        self.stats = IngestStats()
        self.aborted: Failure | None = None

    def apply(self, event: _Event) -> None:
        stats = self.stats
        stats.read += 1
        if event.kind == "failed":
            failure = Failure(event.origin, event.reason or "failed")
            stats.failed += 1
            if len(stats.failures) < MAX_FAILURES_KEPT:
                stats.failures.append(failure)
            log.warning("%s: %s", failure.origin, failure.reason)
            if self.strict and self.aborted is None:
                self.aborted = failure
        elif event.kind == "duplicate":
            stats.duplicate += 1
        else:
            stats.new += 1
            stats.versions += event.kind == "version"
        if self.progress:
            self.progress(stats, event.origin)


class _Storer:
    """Stores reports one transaction each."""

    def __init__(self, source: str | None) -> None:
        self.source = source
        self._source_ids: dict[str, int] = {}

    def handle(self, conn: Connection, message: _Message) -> _Event:
        if isinstance(message, _Event):
            return message
        report, sha, extraction = message
        origin = origin_of(report)
        name = self.source or report.source
        try:
            with conn.begin():
                source_id = None
                if name:
                    source_id = self._source_ids.get(name) or ensure_source(conn, name)
                result = save_report(
                    conn, report, extraction, source_id=source_id, sha256=sha, checked=True
                )
            if name and source_id is not None:
                self._source_ids[name] = source_id  # only once committed
            return _Event(result.status, origin)
        except sa.exc.IntegrityError as exc:
            # Another process stored the same text (or URL version) between check and insert.
            with conn.begin():
                if find_duplicate(conn, sha) is not None:
                    return _Event("duplicate", origin)
            return _Event("failed", origin, f"database refused the report: {_db_reason(exc)}")
        except sa.exc.SQLAlchemyError as exc:
            return _Event("failed", origin, f"database error: {_db_reason(exc)}")
        except (ValueError, TypeError, IndexError) as exc:  # malformed extraction (a bad span…)
            return _Event("failed", origin, f"cannot store extraction: {type(exc).__name__}: {exc}")


# --------------------------------------------------------------------------- worker process

# Reports sent ahead to the worker: enough that it never waits for this process.
LOOKAHEAD = 4


def _extract_in_worker(items: Iterator[_Event | Report], extract: Extractor) -> Iterator[_Message]:
    """Messages in input order, the reports extracted by a forked worker process."""
    worker = _ExtractionWorker(extract)
    pending: deque[_Event | Report] = deque()  # input order; reports are at the worker
    in_flight = 0
    try:
        for item in items:
            if isinstance(item, Report):
                worker.submit(item)
                in_flight += 1
            pending.append(item)
            # Hand on what is ready; wait for the worker only when it holds enough.
            while pending and (not isinstance(pending[0], Report) or in_flight >= LOOKAHEAD):
                head = pending.popleft()
                if isinstance(head, Report):
                    in_flight -= 1
                    yield _as_message(head, worker.result(head))
                else:
                    yield head
        while pending:
            head = pending.popleft()
            yield head if isinstance(head, _Event) else _as_message(head, worker.result(head))
    finally:
        worker.stop()


class _ExtractionWorker:
    """A forked process extracting the reports it is sent, answering in the same order.

    Reports go out through a sender thread, so this process never blocks on a full pipe
    while the worker blocks on sending a big result back. If the worker dies, the
    reports it held (and any later ones) are extracted in this process.
    """

    def __init__(self, extract: Extractor) -> None:
        self.extract = extract
        ctx = mp.get_context("fork")
        requests_rx, self._requests = ctx.Pipe(duplex=False)
        self._results, results_tx = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(
            target=_worker_main,
            args=(extract, requests_rx, results_tx, [self._requests, self._results]),
            name="strikelog-extract",
            daemon=True,
        )
        self._proc.start()
        requests_rx.close()
        results_tx.close()
        self._alive = True
        self._outbox: queue.SimpleQueue[Report | None] = queue.SimpleQueue()
        self._sender = threading.Thread(target=self._send_all, name="strikelog-send", daemon=True)
        self._sender.start()

    def _send_all(self) -> None:
        while (report := self._outbox.get()) is not None:
            try:
                self._requests.send(report)
            except (OSError, ValueError):  # the worker is gone: result() notices
                return

    def submit(self, report: Report) -> None:
        if self._alive:
            self._outbox.put(report)

    def result(self, report: Report) -> Extraction | str:
        """The outcome of the oldest submitted report (which is `report`)."""
        if self._alive:
            try:
                return self._results.recv()
            except (EOFError, OSError):
                self._alive = False
                log.warning("the extraction worker stopped; extracting in this process")
        return _run_extractor(report, self.extract)

    def stop(self) -> None:
        self._outbox.put(None)
        self._sender.join(timeout=5)
        self._requests.close()  # the worker reads EOF once it has finished what it holds
        self._results.close()
        if self._proc.is_alive():
            self._proc.terminate()  # interrupted or aborted: what it holds is not wanted
        self._proc.join(timeout=10)


def _worker_main(
    extract: Extractor, rx: Connection_, tx: Connection_, parent_ends: list[Connection_]
) -> None:
    """The worker process: extract what arrives, send back one outcome each, in order."""
    # Ctrl-C reaches the whole process group: the parent decides and stops us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for end in parent_ends:
        end.close()
    while True:
        try:
            report = rx.recv()
        except (EOFError, OSError):  # the parent is done, interrupted or killed
            return
        result = _run_extractor(report, extract)
        try:
            tx.send(result)
        except (BrokenPipeError, OSError):
            return
        except Exception as exc:  # an extraction that does not pickle
            tx.send(f"extraction failed: cannot pass it on: {type(exc).__name__}: {exc}")


def _db_reason(exc: sa.exc.SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).strip().splitlines()[0]
