from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from strikelog.store import schema
from strikelog.store.db import Store, StoreError, open_store
from strikelog.store.migrations import LATEST_VERSION, MIGRATIONS, migrate

TABLES = {
    "schema_version",
    "sources",
    "reports",
    "waves",
    "incidents",
    "victims",
    "totals",
    "other_places",
    "figures",
    "warnings",
}


def test_open_creates_every_table_and_records_migrations(store: Store) -> None:
    with store.read() as conn:
        names = set(sa.inspect(conn).get_table_names())
        versions = conn.execute(sa.select(schema.schema_version)).all()
    assert names >= TABLES
    assert [(v.version, v.name) for v in versions] == [(m.version, m.name) for m in MIGRATIONS]


def test_reopening_applies_nothing_again(db_url: str) -> None:
    open_store(db_url).close()
    with open_store(db_url, migrate=False) as st:
        assert migrate(st) == []
        with st.read() as conn:
            count = conn.execute(sa.select(sa.func.count()).select_from(schema.schema_version))
            assert count.scalar_one() == len(MIGRATIONS)


def test_database_from_a_newer_strikelog_is_refused(db_url: str) -> None:
    with open_store(db_url) as st, st.write() as conn:
        conn.execute(
            schema.schema_version.insert().values(
                version=LATEST_VERSION + 1, name="9999_future", applied_at="2099-01-01"
            )
        )
    with pytest.raises(StoreError, match="newer"):
        open_store(db_url)


def test_sqlite_pragmas(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "x.db")) as st, st.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert (conn.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0) >= 10_000


def test_location_defaults_to_env_then_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STRIKELOG_DB", raising=False)
    with open_store(None) as st:
        assert st.path == Path("strikelog.db")
    assert (tmp_path / "strikelog.db").exists()
    monkeypatch.setenv("STRIKELOG_DB", str(tmp_path / "env.db"))
    open_store(None).close()
    assert (tmp_path / "env.db").exists()
    # An explicit location wins over the environment.
    open_store(str(tmp_path / "arg.db")).close()
    assert (tmp_path / "arg.db").exists()


def test_bad_locations_give_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "missing" / "x.db"))
    with pytest.raises(StoreError, match="directory"):
        open_store(str(tmp_path))
    with pytest.raises(StoreError, match="unsupported"):
        open_store("mysql://localhost/x")


def test_unreachable_postgres_is_a_store_error() -> None:
    # Port 1 on loopback: nothing listens there.
    with pytest.raises(StoreError, match="cannot open"):
        open_store("postgresql://nobody:x@127.0.0.1:1/nothing")


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreError):
        open_store(str(path))
    assert path.read_bytes() == before


def test_sqlite_file_opens_with_plain_sqlite3_and_fts(tmp_path: Path) -> None:
    from strikelog.models import Extraction, Report, ReportMeta
    from strikelog.store.ingest import ingest_reports

    path = tmp_path / "s.db"
    with open_store(str(path)) as st:
        report = Report(text="A transformer substation burned after the strike.", title="Fire")
        ingest_reports(st, [report], extract=lambda r: Extraction(report=ReportMeta(id=r.sha256)))
    conn = sqlite3.connect(path)
    try:
        hits = conn.execute(
            "select r.title from reports_fts f join reports r on r.id = f.rowid "
            "where reports_fts match 'substation'"
        ).fetchall()
        assert hits == [("Fire",)]
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()
