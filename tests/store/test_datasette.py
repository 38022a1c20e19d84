"""The SQLite file works as is with Datasette (`datasette strikelog.db`), search box included."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from strikelog.store.db import open_store
from strikelog.store.ingest import ingest_reports

from .factory import extract_any, kharkiv_report, odesa_report


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "strikelog.db"
    with open_store(str(path)) as st:
        ingest_reports(st, [kharkiv_report(1), odesa_report(1)], extract=extract_any)
    return path


def test_datasette_finds_the_search_index_and_searches(db_path: Path) -> None:
    pytest.importorskip("datasette", reason="datasette is a dev dependency")
    from datasette.app import Datasette
    from datasette.utils import detect_fts

    conn = sqlite3.connect(db_path)
    try:
        assert detect_fts(conn, "reports") == "reports_fts"
    finally:
        conn.close()

    async def search() -> tuple[int, list[str], int]:
        ds = Datasette([str(db_path)])
        found = await ds.client.get("/strikelog/reports.json?_search=substation&_shape=array")
        figures = await ds.client.get("/strikelog/figures.json?_shape=array&field=killed")
        return found.status_code, [r["title"] for r in found.json()], len(figures.json())

    status, titles, killed_figures = asyncio.run(search())
    assert status == 200
    assert titles == ["Odesa 1"]
    assert killed_figures == 3  # Kharkiv incident + its total, Belgorod


def test_plain_sqlite3_can_search(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    try:
        rows = conn.execute(
            "select r.title from reports r where r.id in "
            "(select rowid from reports_fts where reports_fts match 'apartment')"
        ).fetchall()
    finally:
        conn.close()
    assert rows == [("Strike on Kharkiv 1",)]
