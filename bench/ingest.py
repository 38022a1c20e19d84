"""Is storage the bottleneck of `strikelog ingest`? Ratios measured in one run.

    .venv/bin/python bench/ingest.py [--n 200] [--rounds 2] [--json]

The same N reports (the dev set and seeds, repeated with a distinct closing line so
every text is new) go through:
  1. extraction only                      (baseline)
  2. extraction + ingest into SQLite      ratio = (1) / (2); target ≥ 0.8
  3. ingest of ready extractions          storage cost per report, SQLite
  4. 2 with extraction in a forked worker process (`ingest --parallel`, the CLI default);
     the plain ones are `ingest --serial`
  5. 2, 3 and 4 into PostgreSQL when STRIKELOG_TEST_PG_URL is set (in a private schema)
and the database size per 1,000 reports. Timings are the best of --rounds rounds,
phases interleaved so load from other processes hits all of them alike.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from strikelog.models import Extraction, Report  # noqa: E402
from strikelog.store.db import Store, open_store  # noqa: E402
from strikelog.store.ingest import ingest_reports  # noqa: E402


def load_reports(n: int) -> list[Report]:
    texts = [p.read_text() for p in sorted((ROOT / "dev" / "reports").glob("*.txt"))]
    shared = ROOT.parent / "shared" / "seeds"
    texts += [p.read_text() for p in sorted(shared.glob("*.txt"))] if shared.is_dir() else []
    if not texts:
        sys.exit("no reports found under dev/reports")
    out = []
    for i in range(n):
        text = texts[i % len(texts)] + f"\n\n(Archive copy {i}.)"
        out.append(Report(text=text, published="2025-10-22", origin=f"bench:{i}"))
    return out


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process)."""
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - start, time.process_time() - cpu


@contextmanager
def sqlite_store() -> Iterator[Store]:
    with tempfile.TemporaryDirectory() as tmp:
        st = open_store(os.path.join(tmp, "bench.db"))
        try:
            yield st
        finally:
            st.close()


@contextmanager
def pg_store(base: str) -> Iterator[Store]:
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    conninfo = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    st = open_store(f"{base}{sep}options={quote(f'-csearch_path={schema}')}")
    try:
        yield st
    finally:
        st.close()
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def db_size(st: Store) -> int:
    with st.read() as conn:
        if st.is_sqlite:
            assert st.path is not None
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            return st.path.stat().st_size
        return int(
            conn.exec_driver_sql(
                "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relkind = 'r'"
            ).scalar_one()
        )


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--n", type=int, default=200, help="reports per phase")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()

    from strikelog.pipeline import extract_report

    reports = load_reports(args.n)
    extract_report(Report(text=reports[0].text + " warm-up"))  # load lexicons and gazetteer
    ready: dict[str, Extraction] = {}

    def extract_only() -> None:
        for r in reports:
            ready[r.sha256] = extract_report(r)

    def ready_extraction(r: Report) -> Extraction:
        return ready[r.sha256]

    pg_url = os.environ.get("STRIKELOG_TEST_PG_URL")
    # (name, store factory, parallel)
    backends: list[tuple[str, Callable[[], Any], bool]] = [
        ("sqlite", sqlite_store, False),
        ("sqlite_parallel", sqlite_store, True),
    ]
    if pg_url:
        backends.append(("postgresql", lambda: pg_store(pg_url), False))
        backends.append(("postgresql_parallel", lambda: pg_store(pg_url), True))

    best: dict[str, float] = {}
    sizes: dict[str, int] = {}

    def keep(name: str, seconds: tuple[float, float]) -> None:
        for suffix, value in zip(("", "_cpu"), seconds, strict=True):
            best[name + suffix] = min(value, best.get(name + suffix, float("inf")))

    for _ in range(args.rounds):
        keep("extract", timed(extract_only))
        for name, make, parallel in backends:
            store_all = partial(ingest_reports, reports=reports, parallel=parallel)
            if not parallel:  # storage alone: no extraction to overlap with
                with make() as st:
                    keep(f"{name}_storage", timed(partial(store_all, st, extract=ready_extraction)))
                    sizes[name] = db_size(st)
            with make() as st:
                keep(f"{name}_ingest", timed(partial(store_all, st, extract=extract_report)))

    n = len(reports)
    figures: dict[str, Any] = {
        "reports": n,
        "extract_reports_per_s": round(n / best["extract"], 1),
    }
    for name, _, _ in backends:
        figures[f"{name}_ratio_ingest_vs_extract"] = round(
            best["extract"] / best[f"{name}_ingest"], 3
        )
        # CPU of this process only: steadier on a shared machine; excludes the PG server.
        figures[f"{name}_cpu_ratio_ingest_vs_extract"] = round(
            best["extract_cpu"] / best[f"{name}_ingest_cpu"], 3
        )
        if f"{name}_storage" in best:
            figures[f"{name}_storage_ms_per_report"] = round(1000 * best[f"{name}_storage"] / n, 2)
            figures[f"{name}_mb_per_1000_reports"] = round(sizes[name] / n * 1000 / 1e6, 2)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    rate = figures["extract_reports_per_s"]
    print(f"{n} reports, best of {args.rounds} rounds; extraction only: {rate} reports/s")
    for name, _, _ in backends:
        ratio = figures[f"{name}_ratio_ingest_vs_extract"]
        cpu_ratio = figures[f"{name}_cpu_ratio_ingest_vs_extract"]
        line = f"{name:>19}: ingest/extract throughput {ratio:.3f} (CPU {cpu_ratio:.3f})"
        if f"{name}_storage_ms_per_report" in figures:
            line += (
                f" · storage {figures[f'{name}_storage_ms_per_report']} ms/report · "
                f"{figures[f'{name}_mb_per_1000_reports']} MB per 1,000 reports"
            )
        print(line)
    print("target: ingest/extract throughput ≥ 0.8; CPU counts this process only")


if __name__ == "__main__":
    main()
