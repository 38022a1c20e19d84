from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from strikelog.models import Extraction, Incident, Place, Report
from strikelog.readers import ReadError
from strikelog.store import schema
from strikelog.store.db import Store
from strikelog.store.ingest import IngestAborted, ingest_reports
from strikelog.store.query import IncidentFilter, get_report, query_incidents, store_stats

from .factory import extract_any, kharkiv_extraction, kharkiv_report, odesa_report


@pytest.fixture(autouse=True, params=["parallel", "serial"])
def extraction_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test here runs with the extraction worker process and with one process."""
    defaults = ingest_reports.__kwdefaults__
    assert defaults is not None
    monkeypatch.setitem(defaults, "parallel", request.param == "parallel")


def count(store: Store, table: sa.Table) -> int:
    with store.read() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def test_rows_and_evidence_are_stored(store: Store) -> None:
    report = kharkiv_report(1)
    stats = ingest_reports(store, [report], extract=extract_any, source="unit")
    assert (stats.read, stats.new, stats.duplicate, stats.failed) == (1, 1, 0, 0)
    expected = kharkiv_extraction(report)
    assert count(store, schema.figures) == len(expected.figures())
    with store.read() as conn:
        rows = conn.execute(sa.select(schema.figures)).all()
        text = conn.execute(sa.select(schema.reports.c.text)).scalar_one()
        source = conn.execute(sa.select(schema.sources.c.name)).scalar_one()
    assert source == "unit"
    for f in rows:
        if f.span_start is not None:
            assert text[f.span_start : f.span_end] == f.span_text
    killed = next(f for f in rows if f.path == "incidents.0.killed")
    assert (killed.value, killed.qualifier, killed.low) == (3, "at_least", 3)
    assert killed.owner_table == "incidents"
    assert count(store, schema.victims) == 1
    assert count(store, schema.waves) == 1
    assert count(store, schema.totals) == 1
    assert count(store, schema.other_places) == 1
    assert count(store, schema.warnings) == 1


def test_reingesting_the_same_text_adds_nothing(store: Store) -> None:
    reports = [kharkiv_report(i) for i in range(3)] + [odesa_report(0)]
    first = ingest_reports(store, reports, extract=extract_any)
    before = store_stats(store)
    again = ingest_reports(
        store, [replace(r, origin="elsewhere") for r in reports], extract=extract_any
    )
    assert first.new == 4
    assert (again.new, again.duplicate, again.failed) == (0, 4, 0)
    assert store_stats(store) == before


def test_duplicates_are_not_extracted_again(store: Store, tmp_path: Path) -> None:
    calls = tmp_path / "calls"  # a file, so calls made in the worker process count too

    def counting(report: Report) -> Extraction:
        with calls.open("a") as out:
            out.write(report.sha256 + "\n")
        return extract_any(report)

    ingest_reports(store, [kharkiv_report(1)], extract=counting)
    stats = ingest_reports(store, [kharkiv_report(1), kharkiv_report(1)], extract=counting)
    assert len(calls.read_text().split()) == 1
    assert (stats.new, stats.duplicate) == (0, 2)


def test_the_same_text_twice_in_one_run_is_stored_once(store: Store) -> None:
    # The second copy passes the check before the first is stored (the worker extracts
    # ahead); the unique hash makes it a duplicate, not a failure.
    items = [kharkiv_report(1), kharkiv_report(2), kharkiv_report(1)]
    stats = ingest_reports(store, items, extract=extract_any)
    assert (stats.new, stats.duplicate, stats.failed) == (2, 1, 0)
    assert count(store, schema.reports) == 2


def test_changed_text_at_same_url_is_a_new_version(store: Store) -> None:
    url = "https://news.example/strike"
    old = kharkiv_report(1, url=url)
    ingest_reports(store, [old], extract=extract_any)
    new = replace(kharkiv_report(2, url=url), title="Updated")
    stats = ingest_reports(store, [new], extract=extract_any)
    assert (stats.new, stats.versions) == (1, 1)

    with store.read() as conn:
        rows = conn.execute(
            sa.select(
                schema.reports.c.id,
                schema.reports.c.version,
                schema.reports.c.is_current,
                schema.reports.c.supersedes,
            ).order_by(schema.reports.c.version)
        ).all()
    assert [(r.version, bool(r.is_current)) for r in rows] == [(1, False), (2, True)]
    assert rows[1].supersedes == rows[0].id
    # The old extraction is kept but queries see only the current one.
    assert count(store, schema.incidents) == 2
    current = query_incidents(store, IncidentFilter())
    assert [r["report_id"] for r in current] == [rows[1].id]
    everything = query_incidents(store, IncidentFilter(include_superseded=True))
    assert len(everything) == 2
    shown = get_report(store, rows[0].id)
    assert shown is not None and not shown["is_current"]
    assert [v["version"] for v in shown["versions"]] == [1, 2]
    # The first text again is a duplicate of version 1, not a third version.
    assert ingest_reports(store, [old], extract=extract_any).duplicate == 1


def _explodes(report: Report) -> Extraction:
    if "Report 2." in report.text:
        raise RuntimeError("the resolver fell over")
    return extract_any(report)


def test_a_failing_report_does_not_stop_the_others(store: Store) -> None:
    items: list[Report | ReadError] = [
        kharkiv_report(1),
        ReadError("broken.jsonl:3", "malformed JSON: Expecting value", "json"),
        kharkiv_report(2),
        kharkiv_report(3),
    ]
    stats = ingest_reports(store, items, extract=_explodes)
    assert (stats.read, stats.new, stats.failed) == (4, 2, 2)
    reasons = {f.origin: f.reason for f in stats.failures}
    assert "malformed JSON" in reasons["broken.jsonl:3"]
    assert "the resolver fell over" in reasons["test:2"]
    assert store_stats(store)["reports"] == 2


def test_a_report_whose_rows_fail_midway_leaves_no_trace(store: Store) -> None:
    good = kharkiv_report(1)
    bad = kharkiv_report(2)

    def half_bad(report: Report) -> Extraction:
        ex = extract_any(report)
        if report.sha256 == bad.sha256:  # the worker process gets a copy of `bad`
            # The report row and its waves are written before this incident fails to encode.
            ex.incidents.append(Incident(place=Place(name="X"), targets=[object()]))  # type: ignore[list-item]
        return ex

    stats = ingest_reports(store, [good, bad], extract=half_bad)
    assert (stats.new, stats.failed) == (1, 1)
    assert "cannot store" in stats.failures[0].reason
    assert count(store, schema.reports) == 1
    assert count(store, schema.waves) == 1  # only the good report's wave
    with store.read() as conn:
        shas = conn.execute(sa.select(schema.reports.c.sha256)).scalars().all()
    assert shas == [good.sha256]


def test_strict_stops_at_the_first_failure(store: Store) -> None:
    items = [kharkiv_report(1), kharkiv_report(2), kharkiv_report(3)]
    with pytest.raises(IngestAborted) as info:
        ingest_reports(store, items, extract=_explodes, strict=True)
    assert info.value.failure.origin == "test:2"
    assert (info.value.stats.new, info.value.stats.failed) == (1, 1)
    assert store_stats(store)["reports"] == 1  # report 3 was never read


def test_progress_is_called_for_every_item(store: Store) -> None:
    seen: list[tuple[int, str]] = []
    items: list[Report | ReadError] = [
        kharkiv_report(1),
        ReadError("x.txt", "empty file", "empty"),
        kharkiv_report(1),
    ]
    ingest_reports(
        store,
        items,
        extract=extract_any,
        progress=lambda st, origin: seen.append((st.read, origin)),
    )
    assert seen == [(1, "test:1"), (2, "x.txt"), (3, "test:1")]


def test_non_attack_report_is_stored_without_rows(store: Store) -> None:
    report = Report(text="The council met to discuss the new bus timetable.", url=None)
    stats = ingest_reports(store, [report], extract=extract_any)
    assert stats.new == 1
    shown = get_report(store, report.sha256)
    assert shown is not None
    assert shown["is_attack"] is False
    assert shown["incidents"] == [] and shown["spans"] == []


@pytest.mark.postgres
def test_nul_character_is_a_clean_failure_on_postgres(pg_url: str) -> None:
    from strikelog.store.db import open_store

    with open_store(pg_url) as st:
        bad = Report(text="bad \x00 text", origin="nul.txt")
        stats = ingest_reports(st, [bad, kharkiv_report(1)], extract=extract_any)
        assert (stats.new, stats.failed) == (1, 1)
        assert "database" in stats.failures[0].reason


def test_a_dead_extraction_worker_falls_back_to_this_process(store: Store) -> None:
    parent = os.getpid()

    def dies_in_worker(report: Report) -> Extraction:
        if os.getpid() != parent and "Report 2." in report.text:
            os._exit(3)  # the worker process dies mid-run
        return extract_any(report)

    items = [kharkiv_report(i) for i in range(1, 6)]
    stats = ingest_reports(store, items, extract=dies_in_worker)
    assert (stats.new, stats.failed) == (5, 0)
    assert count(store, schema.reports) == 5
