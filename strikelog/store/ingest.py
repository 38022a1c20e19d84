"""Ingest reports: extract each one and store it in its own transaction.

Idempotent by content hash (a known text is skipped before extraction); a failing
report is counted and logged with its reason and the run goes on, unless `strict`.
Whatever was committed stays committed if the process is interrupted or killed.

Storage is kept cheap so it does not slow extraction down: long-lived connections, the
duplicate check as one SELECT outside any transaction, and INSERTs run on the driver's
cursor (`rawsql`). With `writer_process=True` a forked child stores while this process
extracts the next reports (each still committed alone, in input order, and counted only
once committed); it pays off only when a core is free, so it is opt-in. A writer *thread*
was tried and dropped: its GIL hand-offs against pure-Python extraction slowed the run.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import signal
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection as Connection_

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from strikelog.models import Extraction, Report
from strikelog.readers.base import ReadError
from strikelog.store.db import Store, StoreError
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
    writer_process: bool = False,
) -> IngestStats:
    """Extract and store each report, one transaction each; return the counts.

    `source` names the source of every report (else each report's own `source`).
    With `strict`, the first failure raises `IngestAborted` (earlier reports stay stored,
    nothing after it is). `writer_process` stores in a forked child while this process
    extracts (where fork exists; elsewhere it is ignored).
    """
    extract = extract or default_extractor()
    tally = _Tally(strict, progress)
    writer_process = writer_process and "fork" in mp.get_all_start_methods()
    with store.engine.connect() as reader:
        # The duplicate check is one SELECT, run without a transaction around it (SQLite
        # connections are in autocommit already: see db.py).
        if not store.is_sqlite:
            reader.execution_options(isolation_level="AUTOCOMMIT")
        messages = (_prepare(reader, item, extract) for item in reports)
        if writer_process:
            _run_with_writer_process(store, source, strict, messages, tally)
        else:
            with store.engine.connect() as writer:
                writer.execution_options(strikelog_write=True)
                storer = _Storer(source)
                for message in messages:
                    tally.apply(storer.handle(writer, message))
                    if tally.aborted:
                        break
    if tally.aborted:
        raise IngestAborted(tally.aborted, tally.stats)
    return tally.stats


# --------------------------------------------------------------------------- in order


@dataclass(frozen=True)
class _Event:
    """What became of one input item."""

    kind: str  # new | version | duplicate | failed | fatal
    origin: str
    reason: str | None = None


# Extracting side → storing side: a report to store, or an outcome already known.
_Message = tuple[Report, str, Extraction] | _Event


def _prepare(reader: Connection, item: Report | ReadError, extract: Extractor) -> _Message:
    """Skip a known text, else extract it; any failure becomes an event naming its reason."""
    if isinstance(item, ReadError):
        return _Event("failed", item.origin, item.message)
    origin = origin_of(item)
    sha = item.sha256
    try:
        if find_duplicate(reader, sha) is not None:
            return _Event("duplicate", origin)
    except sa.exc.SQLAlchemyError as exc:
        return _Event("failed", origin, f"database error: {_db_reason(exc)}")
    try:
        return (item, sha, extract(item))
    except Exception as exc:  # any stage may fail on odd input; the run goes on
        log.debug("extraction of %s failed", origin, exc_info=True)
        return _Event("failed", origin, f"extraction failed: {type(exc).__name__}: {exc}")


class _Tally:
    """Counts events in input order and reports them; remembers a strict-mode stop."""

    def __init__(self, strict: bool, progress: ProgressCallback | None) -> None:
        self.strict = strict
        self.progress = progress
        self.stats = IngestStats()
        self.aborted: Failure | None = None

    def apply(self, event: _Event) -> None:
        if event.kind == "fatal":
            raise StoreError(event.reason or "the database writer failed")
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
    """Stores reports one transaction each (in this process or the writer process)."""

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
                result = save_report(conn, report, extraction, source_id=source_id, sha256=sha)
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


# --------------------------------------------------------------------------- writer process

_DONE = None


def _location(store: Store) -> str:
    if store.path is not None:
        return str(store.path)
    return store.engine.url.render_as_string(hide_password=False)


def _run_with_writer_process(
    store: Store,
    source: str | None,
    strict: bool,
    messages: Iterator[_Message],
    tally: _Tally,
) -> None:
    ctx = mp.get_context("fork")
    to_writer_rx, to_writer = ctx.Pipe(duplex=False)
    from_writer, from_writer_tx = ctx.Pipe(duplex=False)
    proc = ctx.Process(
        target=_writer_main,
        args=(
            _location(store),
            source,
            strict,
            to_writer_rx,
            from_writer_tx,
            [to_writer, from_writer],
        ),
        name="strikelog-writer",
        daemon=True,
    )
    proc.start()
    to_writer_rx.close()
    from_writer_tx.close()

    def take(block: bool) -> bool:
        """Apply events from the writer; False once it said it is done."""
        while block or from_writer.poll():
            event = from_writer.recv()
            if event is _DONE:
                return False
            tally.apply(event)
            block = False
        return True

    try:
        for message in messages:
            to_writer.send(message)
            take(block=False)
            if tally.aborted:
                break
        to_writer.send(_DONE)
        while take(block=True):
            pass
    except (EOFError, BrokenPipeError):
        raise StoreError("the database writer process stopped unexpectedly") from None
    finally:
        to_writer.close()  # an interrupted run: the writer sees EOF after what it holds
        proc.join(timeout=60)
        from_writer.close()


def _writer_main(
    location: str,
    source: str | None,
    strict: bool,
    rx: Connection_,
    tx: Connection_,
    parent_ends: list[Connection_],
) -> None:
    """The writer process: store what arrives, answer one event per message, in order."""
    # Ctrl-C reaches the whole process group: let the parent decide; finish what we hold.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for end in parent_ends:
        end.close()
    from strikelog.store.db import open_store

    try:
        store = open_store(location, migrate=False)
        with store.engine.connect() as conn:
            conn.execution_options(strikelog_write=True)
            storer = _Storer(source)
            stopped = False
            while True:
                try:
                    message = rx.recv()
                except EOFError:  # the parent is gone (killed or interrupted)
                    return
                if message is _DONE:
                    break
                if stopped:
                    continue
                event = storer.handle(conn, message)
                tx.send(event)
                stopped = strict and event.kind == "failed"
        tx.send(_DONE)
    except (BrokenPipeError, EOFError):
        return
    except BaseException as exc:  # surfaced in the parent as a StoreError
        with contextlib.suppress(BrokenPipeError, OSError):
            tx.send(
                _Event("fatal", location, f"database writer failed: {type(exc).__name__}: {exc}")
            )


def _db_reason(exc: sa.exc.SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).strip().splitlines()[0]
