"""Ingest's SQL, compiled once per backend and run on the driver's own cursor.

A report is ~10 statements; going through SQLAlchemy's execution layer for each costs more
Python time than SQLite spends storing the rows. These run inside the transaction the
SQLAlchemy `Connection` holds (same driver connection), so commit and rollback stay with
the caller.

Ids are reserved before the first INSERT (`reserve_ids`), so every table of a report is
one `executemany` and nothing waits for a generated id. On PostgreSQL the INSERTs then go
in one pipeline (psycopg 3): one round trip for them all instead of one per statement.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from strikelog.store import schema as s


class InsertSql:
    """The INSERT of one table for one backend, taking rows as dicts."""

    def __init__(self, table: sa.Table, dialect: sa.Dialect, *, with_id: bool) -> None:
        quote = dialect.identifier_preparer.quote
        # Without `with_id` the autoincrement id is left to the database.
        self.columns = [
            c.name for c in table.columns if with_id or not (c.primary_key and c.name == "id")
        ]
        mark = placeholder(dialect)
        self.sql = (
            f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in self.columns)}) "
            f"VALUES ({', '.join(mark for _ in self.columns)})"
        )

    def params(self, row: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(map(row.get, self.columns))


def placeholder(dialect: sa.Dialect) -> str:
    return "?" if dialect.paramstyle == "qmark" else "%s"


_CACHE: dict[tuple[str, str, bool], dict[str, InsertSql]] = {}


def statements(conn: Connection, *, with_id: bool) -> dict[str, InsertSql]:
    dialect = conn.dialect
    key = (dialect.name, dialect.paramstyle, with_id)
    found = _CACHE.get(key)
    if found is None:
        found = _CACHE[key] = {
            t.name: InsertSql(t, dialect, with_id=with_id) for t in s.metadata.sorted_tables
        }
    return found


def cursor(conn: Connection) -> Any:
    return conn.connection.driver_connection.cursor()  # type: ignore[union-attr]


@contextmanager
def _driver_errors(conn: Connection, sql: str) -> Iterator[None]:
    """Raise driver errors as SQLAlchemy's (IntegrityError, DataError…), as callers expect."""
    base = conn.dialect.loaded_dbapi.Error
    try:
        yield
    except base as exc:
        raise sa.exc.DBAPIError.instance(sql, None, exc, base) from exc


def scalar(conn: Connection, sql: str, params: tuple[Any, ...]) -> Any:
    """First column of the first row of a query written with `?` placeholders, or None."""
    row = first_row(conn, sql, params)
    return None if row is None else row[0]


def first_row(conn: Connection, sql: str, params: tuple[Any, ...]) -> tuple[Any, ...] | None:
    if conn.dialect.paramstyle != "qmark":
        sql = sql.replace("?", "%s")
    with _driver_errors(conn, sql), closing(cursor(conn)) as cur:
        cur.execute(sql, params)
        row = cur.fetchone()
        return None if row is None else tuple(row)


@dataclass(frozen=True)
class ReservedIds:
    report: int
    waves: list[int]
    incidents: list[int]
    previous: tuple[int, int] | None  # (id, version) of the newest report at the same URL


# SQLite: the caller holds the write lock (BEGIN IMMEDIATE), so max(id) + 1… stay free
# until it commits; an id given explicitly is stored as is.
_RESERVE_SQLITE = (
    "SELECT (SELECT coalesce(max(id), 0) FROM reports), (SELECT coalesce(max(id), 0) FROM waves), "
    "(SELECT coalesce(max(id), 0) FROM incidents)"
)
# PostgreSQL: taken from the tables' own sequences (safe with any number of writers).
_RESERVE_PG = (
    "SELECT nextval(pg_get_serial_sequence('reports', 'id')), "
    "ARRAY(SELECT nextval(pg_get_serial_sequence('waves', 'id')) FROM generate_series(1, %s)), "
    "ARRAY(SELECT nextval(pg_get_serial_sequence('incidents', 'id')) FROM generate_series(1, %s)), "
    "(SELECT ARRAY[id, version] FROM reports WHERE url = %s ORDER BY version DESC LIMIT 1)"
)
_FIND_URL = "SELECT id, version FROM reports WHERE url = ? ORDER BY version DESC LIMIT 1"


def reserve_ids(conn: Connection, url: str | None, n_waves: int, n_incidents: int) -> ReservedIds:
    """Ids for a report and its waves and incidents, and the report it supersedes (by URL)."""
    if conn.dialect.name == "postgresql":
        with _driver_errors(conn, _RESERVE_PG), closing(cursor(conn)) as cur:
            cur.execute(_RESERVE_PG, (n_waves, n_incidents, url))
            report, waves, incidents, previous = cur.fetchone()
        return ReservedIds(
            int(report), list(waves), list(incidents), tuple(previous) if previous else None
        )
    row = first_row(conn, _RESERVE_SQLITE, ())
    assert row is not None
    last_report, last_wave, last_incident = row
    prev = first_row(conn, _FIND_URL, (url,)) if url else None
    return ReservedIds(
        last_report + 1,
        list(range(last_wave + 1, last_wave + 1 + n_waves)),
        list(range(last_incident + 1, last_incident + 1 + n_incidents)),
        (int(prev[0]), int(prev[1])) if prev else None,
    )


class Batch:
    """Statements of one report, sent together (a pipeline on PostgreSQL)."""

    def __init__(self, conn: Connection, cur: Any) -> None:
        self.conn = conn
        self.cur = cur
        self.mark = placeholder(conn.dialect)

    def execute(self, sql: str, params: tuple[Any, ...]) -> None:
        if self.mark != "?":
            sql = sql.replace("?", self.mark)
        with _driver_errors(self.conn, sql):
            self.cur.execute(sql, params)

    def insert(self, table: str, rows: Sequence[dict[str, Any]]) -> None:
        """Insert rows (dicts by column name); rows carrying "id" keep it."""
        if not rows:
            return
        stmt = statements(self.conn, with_id="id" in rows[0])[table]
        with _driver_errors(self.conn, stmt.sql):
            if len(rows) == 1:
                self.cur.execute(stmt.sql, stmt.params(rows[0]))
            else:
                self.cur.executemany(stmt.sql, [stmt.params(r) for r in rows])


@contextmanager
def batch(conn: Connection) -> Iterator[Batch]:
    driver = conn.connection.driver_connection
    pipelined = conn.dialect.name == "postgresql"
    # Errors of a pipeline surface when it is synced, on leaving the block.
    with (
        _driver_errors(conn, "pipeline"),
        closing(cursor(conn)) as cur,
        driver.pipeline() if pipelined else nullcontext(),  # type: ignore[union-attr]
    ):
        yield Batch(conn, cur)
