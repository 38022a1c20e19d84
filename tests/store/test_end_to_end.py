"""The real pipeline through `strikelog ingest` into a database, then queries and exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from strikelog.store import cli as store_cli
from strikelog.store import schema
from strikelog.store.db import open_store

pytest.importorskip("strikelog.pipeline")

REPORTS = [
    {
        "id": "e2e-1",
        "published": "2025-06-02",
        "url": "https://news.example/odesa",
        "text": "Russian forces launched 52 drones and three missiles at Ukraine overnight, the "
        "air force said, adding that 40 drones were shot down. In Odesa, a drone hit a nine-storey "
        "apartment building, killing two people and injuring five, including a child, the "
        "regional governor said.",
    },
    {
        "id": "e2e-2",
        "published": "2025-06-03",
        "text": "A guided aerial bomb struck the centre of Kramatorsk on Tuesday afternoon, "
        "killing at least four civilians. Eleven more were wounded, the local military "
        "administration reported. A school and several shops were damaged.",
    },
    {
        "id": "e2e-3",
        "published": "2025-06-04",
        "text": "The city council approved a new budget for road repairs on Monday.",
    },
]


def test_ingest_query_export_with_the_real_pipeline(tmp_path: Path, db_url: str) -> None:
    source = tmp_path / "wire.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in REPORTS) + "\n")
    runner = CliRunner(env={"COLUMNS": "200"})
    result = runner.invoke(
        store_cli.ingest, [str(source), "--db", db_url, "-q", "--source", "wire"]
    )
    assert result.exit_code == 0, result.output
    assert "3 new" in result.output

    # Every stored figure points at the words it came from.
    with open_store(db_url) as st, st.read() as conn:
        texts = dict(conn.execute(sa.select(schema.reports.c.id, schema.reports.c.text)).all())
        figures = conn.execute(sa.select(schema.figures)).all()
    assert len(texts) == 3 and figures
    for f in figures:
        if f.span_start is not None:
            assert texts[f.report_id][f.span_start : f.span_end] == f.span_text

    out = runner.invoke(
        store_cli.incidents, ["--db", db_url, "--format", "json", "--min-killed", "1"]
    )
    rows = json.loads(out.output)
    assert {r["place"] for r in rows} >= {"Odesa", "Kramatorsk"}
    assert all(r["source"] == "wire" for r in rows)

    waves = json.loads(runner.invoke(store_cli.waves, ["--db", db_url, "--format", "json"]).output)
    assert any(w["launched_drone"] == 52 for w in waves)

    acled = runner.invoke(store_cli.export, ["--db", db_url, "--format", "acled"]).output
    by_place = {r["location"]: r for r in csv.DictReader(io.StringIO(acled))}
    assert by_place["Kramatorsk"]["fatalities"] == "4"
    assert by_place["Kramatorsk"]["event_date"] == "2025-06-03"

    shown = runner.invoke(store_cli.report, ["e2e-1", "--db", db_url, "--color", "always"]).output
    assert "\x1b[" in shown and "Odesa" in shown

    again = runner.invoke(store_cli.ingest, [str(source), "--db", db_url, "-q"])
    assert "0 new" in again.output and "3 duplicate" in again.output
