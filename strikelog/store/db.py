"""Open a strikelog database (SQLite file or PostgreSQL URL) and bring its schema up to date.

SQLite is tuned for one writer and many readers across processes: WAL journal, a busy
timeout, foreign keys on, and write transactions started with BEGIN IMMEDIATE so two
processes queue for the write lock instead of failing on a stale snapshot.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

DEFAULT_PATH = "strikelog.db"
ENV_VAR = "STRIKELOG_DB"
BUSY_TIMEOUT_MS = 60_000


class StoreError(Exception):
    """The database cannot be opened or used (bad URL, unreachable server, newer schema)."""


@dataclass
class Store:
    engine: Engine
    path: Path | None  # the SQLite file, None for a server database

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name  # "sqlite" | "postgresql"

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    @property
    def display_url(self) -> str:
        """The location without any password, for messages."""
        if self.path is not None:
            return str(self.path)
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection in a read transaction (a consistent snapshot)."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction: committed on exit, rolled back on any exception."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(strikelog_write=True)
            with conn.begin():
                yield conn

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def resolve_location(url_or_path: str | None) -> str:
    """The database location to use: the argument, else $STRIKELOG_DB, else ./strikelog.db."""
    if url_or_path:
        return url_or_path
    return os.environ.get(ENV_VAR) or DEFAULT_PATH


def open_store(url_or_path: str | None = None, *, migrate: bool = True) -> Store:
    """Open (creating if needed) the database and run pending migrations."""
    location = resolve_location(url_or_path)
    if "://" in location:
        url = sa.engine.make_url(_normalise_url(location))
        if url.get_backend_name() == "sqlite":
            store = _open_sqlite(Path(url.database or DEFAULT_PATH))
        elif url.get_backend_name() == "postgresql":
            store = _open_postgresql(url)
        else:
            raise StoreError(
                f"unsupported database URL {location!r}: use a file path or postgresql://"
            )
    else:
        store = _open_sqlite(Path(location))
    if migrate:
        from strikelog.store.migrations import migrate as run_migrations

        try:
            run_migrations(store)
        except sa.exc.DBAPIError as exc:  # unreachable server, not a database file, no rights…
            store.close()
            raise StoreError(f"cannot open database {store.display_url}: {exc.orig}") from exc
        except Exception:
            store.close()
            raise
    return store


def _normalise_url(location: str) -> str:
    # Plain postgresql:// means psycopg 3 here (SQLAlchemy's default driver is psycopg2).
    for prefix in ("postgresql://", "postgres://"):
        if location.startswith(prefix):
            return "postgresql+psycopg://" + location[len(prefix) :]
    return location


def _open_sqlite(path: Path) -> Store:
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file")
    if path.parent and not path.parent.exists():
        raise StoreError(f"cannot create database {path}: folder {path.parent} does not exist")
    engine = sa.create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    sa.event.listen(engine, "connect", _sqlite_on_connect)
    sa.event.listen(engine, "begin", _sqlite_on_begin)
    return Store(engine=engine, path=path)


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let us issue BEGIN ourselves (the driver's implicit BEGIN is always DEFERRED).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    _set_wal(cur)
    # In WAL mode NORMAL survives a crashed or killed process; only power loss can drop
    # the last commits, and never corrupts the file.
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA cache_size = -32000")  # 32 MB: an ingest touches many index pages
    cur.close()


def _set_wal(cur: Any) -> None:
    """Switch to WAL. Two processes opening a new database at once race for the lock that
    switch needs, and SQLite does not wait for it (the busy timeout does not cover it):
    retry until the busy timeout has passed."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cur.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _sqlite_on_begin(conn: Connection) -> None:
    # Straight to the driver: this runs once per transaction, i.e. per ingested report.
    immediate = conn.get_execution_options().get("strikelog_write")
    conn.connection.dbapi_connection.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")  # type: ignore[union-attr]


def _open_postgresql(url: sa.engine.URL) -> Store:
    engine = sa.create_engine(
        url,
        pool_pre_ping=True,
        connect_args={"connect_timeout": 10},
    )
    return Store(engine=engine, path=None)
