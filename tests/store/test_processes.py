"""Real processes: a killed ingest loses nothing committed; two ingests share one SQLite file."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from strikelog.store import schema
from strikelog.store.db import open_store

from .factory import kharkiv_extraction, kharkiv_report

WORKER = Path(__file__).with_name("ingest_worker.py")
FIGURES_PER_REPORT = len(kharkiv_extraction(kharkiv_report(0)).figures())


def start_worker(
    db: str,
    first: int,
    last: int,
    delay: float,
    go: Path | None = None,
    parallel: bool = False,
) -> subprocess.Popen[str]:
    extra = [str(go)] if go else []
    env = {**os.environ, "STRIKELOG_TEST_PARALLEL": "1" if parallel else "0"}
    return subprocess.Popen(
        [sys.executable, str(WORKER), db, str(first), str(last), str(delay), *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def read_stored(proc: subprocess.Popen[str], wanted: int) -> list[str]:
    assert proc.stdout is not None
    stored: list[str] = []
    while len(stored) < wanted:
        line = proc.stdout.readline()
        assert line, f"worker ended early: {proc.stderr.read() if proc.stderr else ''}"
        if line.startswith("stored "):
            stored.append(line.split()[1])
    return stored


def check_complete(db: str, committed: list[str]) -> int:
    """Every committed report is there with all its rows; no report is half-written."""
    with open_store(db) as st, st.read() as conn:
        shas = set(conn.execute(sa.select(schema.reports.c.sha256)).scalars())
        assert set(committed) <= shas
        per_report: dict[int, int] = dict(
            conn.execute(
                sa.select(schema.figures.c.report_id, sa.func.count()).group_by(
                    schema.figures.c.report_id
                )
            ).all()
        )
        report_ids = set(conn.execute(sa.select(schema.reports.c.id)).scalars())
        assert set(per_report) == report_ids
        assert set(per_report.values()) == {FIGURES_PER_REPORT}
        waves = conn.execute(sa.select(sa.func.count()).select_from(schema.waves)).scalar_one()
        assert waves == len(shas)
        return len(shas)


def sqlite_integrity(path: str) -> None:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def kill_mid_ingest(db: str, sig: int, parallel: bool = False) -> None:
    open_store(db).close()  # schema ready, so the worker is ingesting when we strike
    proc = start_worker(db, 0, 500, 0.01, parallel=parallel)
    try:
        committed = read_stored(proc, 10)
        proc.send_signal(sig)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode != 0  # it really was stopped mid-run
    stored = check_complete(db, committed)
    assert 10 <= stored < 500


@pytest.mark.parametrize("parallel", [False, True], ids=["serial", "parallel"])
def test_kill_9_loses_nothing_committed_sqlite(tmp_path: Path, parallel: bool) -> None:
    db = str(tmp_path / "k.db")
    kill_mid_ingest(db, signal.SIGKILL, parallel)
    sqlite_integrity(db)
    # The database takes new reports after the crash.
    with open_store(db) as st:
        from strikelog.store.ingest import ingest_reports

        from .factory import extract_any

        assert ingest_reports(st, [kharkiv_report(10_000)], extract=extract_any).new == 1
    sqlite_integrity(db)


@pytest.mark.parametrize("parallel", [False, True], ids=["serial", "parallel"])
def test_ctrl_c_loses_nothing_committed_sqlite(tmp_path: Path, parallel: bool) -> None:
    db = str(tmp_path / "c.db")
    kill_mid_ingest(db, signal.SIGINT, parallel)
    sqlite_integrity(db)


@pytest.mark.postgres
def test_kill_9_loses_nothing_committed_postgres(pg_url: str) -> None:
    kill_mid_ingest(pg_url, signal.SIGKILL)


def test_two_processes_ingest_into_one_sqlite_file(tmp_path: Path) -> None:
    db = str(tmp_path / "two.db")
    go = tmp_path / "go"
    # Overlapping ranges: both race for reports 20..39, starting at the same moment.
    a = start_worker(db, 0, 40, 0.001, go)
    b = start_worker(db, 20, 60, 0.001, go)
    try:
        for proc in (a, b):
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "ready"
        go.touch()
        out_a, err_a = a.communicate(timeout=120)
        out_b, err_b = b.communicate(timeout=120)
    finally:
        # a failed check leaves no worker waiting for the go file
        for proc in (a, b):
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert a.returncode == 0, err_a
    assert b.returncode == 0, err_b
    stats_a = json.loads(out_a.strip().splitlines()[-1])
    stats_b = json.loads(out_b.strip().splitlines()[-1])
    assert stats_a["failed"] == stats_b["failed"] == 0
    assert stats_a["new"] + stats_b["new"] == 60
    assert stats_a["duplicate"] + stats_b["duplicate"] == 20
    assert check_complete(db, []) == 60
    sqlite_integrity(db)
    assert not os.path.exists(db + "-journal")
