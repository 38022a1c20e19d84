"""Named, numbered schema migrations, applied in order when a database is opened.

Each migration runs once, inside the same write transaction that records it in
`schema_version`, so a crash mid-migration leaves the previous schema intact.
When a later migration changes a table, write it as explicit DDL here (never edit
an applied migration): `0001_initial` builds the tables as `schema.py` had them then.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from strikelog.store import schema
from strikelog.store.db import Store, StoreError


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection], None]


def _initial(conn: Connection) -> None:
    tables = [t for t in schema.metadata.sorted_tables if t is not schema.schema_version]
    schema.metadata.create_all(conn, tables=tables)
    if conn.dialect.name == "sqlite":
        _sqlite_fts(conn)
    else:
        conn.exec_driver_sql(
            "CREATE INDEX IF NOT EXISTS ix_reports_text_fts ON reports USING gin "
            f"(to_tsvector('{schema.FTS_PG_CONFIG}', left(text, {schema.FTS_PG_CHARS})))"
        )


def _sqlite_fts(conn: Connection) -> None:
    # External-content FTS5 table kept in step by triggers. content=[reports] (bracket
    # quoted, as sqlite-utils writes it) is how Datasette finds the search index of a table.
    conn.exec_driver_sql(
        "CREATE VIRTUAL TABLE IF NOT EXISTS reports_fts USING fts5("
        "title, text, content=[reports], content_rowid=[id])"
    )
    conn.exec_driver_sql(
        "CREATE TRIGGER IF NOT EXISTS reports_fts_ai AFTER INSERT ON reports BEGIN "
        "INSERT INTO reports_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END"
    )
    conn.exec_driver_sql(
        "CREATE TRIGGER IF NOT EXISTS reports_fts_ad AFTER DELETE ON reports BEGIN "
        "INSERT INTO reports_fts(reports_fts, rowid, title, text) "
        "VALUES ('delete', old.id, old.title, old.text); END"
    )
    conn.exec_driver_sql(
        "CREATE TRIGGER IF NOT EXISTS reports_fts_au AFTER UPDATE OF title, text ON reports BEGIN "
        "INSERT INTO reports_fts(reports_fts, rowid, title, text) "
        "VALUES ('delete', old.id, old.title, old.text); "
        "INSERT INTO reports_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END"
    )


MIGRATIONS: tuple[Migration, ...] = (Migration(1, "0001_initial", _initial),)

LATEST_VERSION = MIGRATIONS[-1].version


def applied_versions(conn: Connection) -> set[int]:
    if not sa.inspect(conn).has_table(schema.schema_version.name):
        return set()
    return {row[0] for row in conn.execute(sa.select(schema.schema_version.c.version))}


def migrate(store: Store) -> list[str]:
    """Apply pending migrations; return the names applied (empty when up to date)."""
    with store.read() as conn:
        done = applied_versions(conn)
    if done and max(done) > LATEST_VERSION:
        raise StoreError(
            f"database {store.display_url} has schema version {max(done)}, newer than this "
            f"strikelog ({LATEST_VERSION}): upgrade strikelog"
        )
    if all(m.version in done for m in MIGRATIONS):
        return []
    applied: list[str] = []
    with store.write() as conn:
        if conn.dialect.name == "postgresql":
            # Two processes opening a fresh database at once: one migrates, one waits.
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(hashtext('strikelog.migrations'))")
        schema.schema_version.create(conn, checkfirst=True)
        done = applied_versions(conn)  # again, under the lock
        for migration in MIGRATIONS:
            if migration.version in done:
                continue
            migration.apply(conn)
            conn.execute(
                schema.schema_version.insert().values(
                    version=migration.version,
                    name=migration.name,
                    applied_at=datetime.now(UTC).isoformat(timespec="seconds"),
                )
            )
            applied.append(migration.name)
    return applied
