"""INSERTs compiled once per backend and run on the driver's own cursor.

Ingest writes ~10 statements per report; going through SQLAlchemy's execution layer for
each costs more Python time than SQLite spends storing the rows. These run inside the
transaction the SQLAlchemy `Connection` holds (same driver connection), so commit and
rollback stay with the caller.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from strikelog.store import schema as s


class InsertSql:
    """The INSERT of one table for one backend, taking rows as dicts."""

    def __init__(self, table: sa.Table, dialect: sa.Dialect) -> None:
        quote = dialect.identifier_preparer.quote
        # Autoincrement ids are left to the database; other keys (totals.report_id) are data.
        self.columns = [c.name for c in table.columns if not (c.primary_key and c.name == "id")]
        mark = placeholder(dialect)
        self.sql = (
            f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in self.columns)}) "
            f"VALUES ({', '.join(mark for _ in self.columns)})"
        )
        self.returning = dialect.name == "postgresql"
        if self.returning:
            self.sql_returning = self.sql + " RETURNING id"

    def params(self, row: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(row.get(c) for c in self.columns)


def placeholder(dialect: sa.Dialect) -> str:
    return "?" if dialect.paramstyle == "qmark" else "%s"


_CACHE: dict[tuple[str, str], dict[str, InsertSql]] = {}


def statements(conn: Connection) -> dict[str, InsertSql]:
    dialect = conn.dialect
    key = (dialect.name, dialect.paramstyle)
    found = _CACHE.get(key)
    if found is None:
        found = _CACHE[key] = {t.name: InsertSql(t, dialect) for t in s.metadata.sorted_tables}
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


def insert_one(conn: Connection, table: str, row: dict[str, Any]) -> int:
    """Insert a row and return its new id."""
    stmt = statements(conn)[table]
    with _driver_errors(conn, stmt.sql), closing(cursor(conn)) as cur:
        if stmt.returning:
            cur.execute(stmt.sql_returning, stmt.params(row))
            return int(cur.fetchone()[0])
        cur.execute(stmt.sql, stmt.params(row))
        return int(cur.lastrowid)


def insert_many(conn: Connection, table: str, rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    stmt = statements(conn)[table]
    with _driver_errors(conn, stmt.sql), closing(cursor(conn)) as cur:
        cur.executemany(stmt.sql, [stmt.params(r) for r in rows])


def scalar(conn: Connection, sql: str, params: tuple[Any, ...]) -> Any:
    """First column of the first row of a query written with `?` placeholders, or None."""
    if conn.dialect.paramstyle != "qmark":
        sql = sql.replace("?", "%s")
    with _driver_errors(conn, sql), closing(cursor(conn)) as cur:
        cur.execute(sql, params)
        row = cur.fetchone()
        return None if row is None else row[0]


def insert_ids(conn: Connection, table: str, rows: Iterable[dict[str, Any]]) -> list[int]:
    """Insert rows one by one (their ids are needed for child rows)."""
    return [insert_one(conn, table, row) for row in rows]
