"""Run as a separate process by the crash and concurrency tests.

    python ingest_worker.py DB FIRST LAST DELAY [GO_FILE]

Ingests kharkiv_report(FIRST..LAST-1) with a stand-in extractor that sleeps DELAY seconds,
prints "stored <sha256>" after each commit and a final JSON line with the counts.
With GO_FILE it prints "ready" once the database is open and waits for that file to
exist, so several workers start writing at the same moment. STRIKELOG_TEST_PARALLEL=1
extracts in the worker process.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from store.factory import extract_any, kharkiv_report  # noqa: E402
from strikelog.models import Extraction, Report  # noqa: E402
from strikelog.store.db import open_store  # noqa: E402
from strikelog.store.ingest import IngestStats, ingest_reports  # noqa: E402


def main() -> None:
    db, first, last, delay = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    reports = [kharkiv_report(n) for n in range(first, last)]
    by_origin = {r.origin: r for r in reports}

    def slow(report: Report) -> Extraction:
        time.sleep(delay)
        return extract_any(report)

    def progress(stats: IngestStats, origin: str) -> None:
        print(f"stored {by_origin[origin].sha256}", flush=True)

    with open_store(db) as store:
        if len(sys.argv) > 5:
            print("ready", flush=True)
            go = Path(sys.argv[5])
            deadline = time.monotonic() + 300
            while not go.exists():
                if time.monotonic() > deadline:  # the test that started us is gone
                    sys.exit("no go file after 300 s")
                time.sleep(0.005)
        stats = ingest_reports(
            store,
            reports,
            extract=slow,
            progress=progress,
            parallel=os.environ.get("STRIKELOG_TEST_PARALLEL") == "1",
        )
    print(json.dumps(stats.to_dict()), flush=True)


if __name__ == "__main__":
    main()
