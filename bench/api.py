"""Latency of the HTTP API under load, on a database of >= 10,000 incidents.

Seeds made-up reports (strikelog.api.sample) into a fresh SQLite file, starts
`strikelog serve` in a subprocess on a free loopback port, and drives it from this process
with a bounded client (N requests per endpoint, a few concurrent). Prints p50/p95 per
endpoint and the ratio to /api/health measured in the same run (the baseline: the same
server, network path and client, no database work).

    .venv/bin/python bench/api.py [--reports 2900] [--requests 300] [--concurrency 4]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from strikelog.api.localserver import free_port  # noqa: E402
from strikelog.api.sample import random_samples, save_samples  # noqa: E402
from strikelog.store.db import open_store  # noqa: E402
from strikelog.store.query import count_incidents  # noqa: E402

ENDPOINTS: tuple[tuple[str, dict[str, str | int]], ...] = (
    ("/api/health", {}),
    ("/api/incidents", {}),
    ("/api/incidents", {"country": "UA", "sort": "-killed", "limit": 50}),
    ("/api/incidents", {"region": "kharkiv", "weapon": "drone", "offset": 500}),
    ("/api/incidents/1", {}),
    ("/api/series/daily", {}),
)


def seed(path: Path, reports: int) -> int:
    with open_store(str(path)) as store:
        save_samples(store, random_samples(reports, seed=1, days=365))
        return count_incidents(store)


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    code = "from strikelog.api.cli import serve; serve()"
    args = ["--db", str(db), "--port", str(port), "--log-level", "warning"]
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


def measure(
    base: str, path: str, params: dict[str, str | int], requests: int, concurrency: int
) -> list[float]:
    """Latency in ms of `requests` GETs, `concurrency` at a time (each thread its own client)."""
    per_worker = [
        requests // concurrency + (1 if i < requests % concurrency else 0)
        for i in range(concurrency)
    ]

    def worker(count: int) -> list[float]:
        out = []
        with httpx.Client(base_url=base, timeout=60) as client:
            for _ in range(count):
                t0 = time.perf_counter()
                resp = client.get(path, params=params)
                out.append((time.perf_counter() - t0) * 1000)
                if resp.status_code != 200:
                    raise SystemExit(f"{path} {params}: HTTP {resp.status_code} {resp.text[:200]}")
        return out

    with ThreadPoolExecutor(concurrency) as pool:
        return [ms for chunk in pool.map(worker, per_worker) for ms in chunk]


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--reports", type=int, default=3100, help="made-up reports (about 3.5 incidents each)"
    )
    parser.add_argument("--requests", type=int, default=300, help="requests per endpoint")
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        incidents = seed(db, args.reports)
        took = time.perf_counter() - t0
        print(f"seeded {incidents} incidents from {args.reports} reports in {took:.1f} s")
        if incidents < 10_000:
            print("warning: fewer than 10,000 incidents; raise --reports")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = start_server(db, port)
        try:
            wait_ready(base, proc)
            for path, params in ENDPOINTS:  # warm-up: imports, caches, connection pools
                measure(base, path, params, 2 * args.concurrency, args.concurrency)
            results: dict[tuple[str, tuple[tuple[str, str | int], ...]], list[float]] = {}
            for path, params in ENDPOINTS:
                results[(path, tuple(params.items()))] = measure(
                    base, path, params, args.requests, args.concurrency
                )
            t0 = time.perf_counter()
            geo = measure(base, "/api/incidents.geojson", {}, max(10, args.requests // 20), 2)
            geo_wall = time.perf_counter() - t0
        finally:
            proc.terminate()
            proc.wait(timeout=10)

    baseline = results[("/api/health", ())]
    base_p50, base_p95 = pct(baseline, 50), pct(baseline, 95)
    print(f"{args.requests} requests per endpoint, {args.concurrency} concurrent, loopback, SQLite")
    print(f"{'endpoint':<62} {'p50 ms':>8} {'p95 ms':>8} {'p50/health':>11} {'p95/health':>11}")
    for (path, query), values in results.items():
        name = path + ("?" + "&".join(f"{k}={v}" for k, v in query) if query else "")
        p50, p95 = pct(values, 50), pct(values, 95)
        print(f"{name:<62} {p50:8.1f} {p95:8.1f} {p50 / base_p50:11.1f} {p95 / base_p95:11.1f}")
    name = f"/api/incidents.geojson (all {incidents})"
    p50, p95 = pct(geo, 50), pct(geo, 95)
    print(
        f"{name:<62} {p50:8.1f} {p95:8.1f} {p50 / base_p50:11.1f} {p95 / base_p95:11.1f}"
        f"   ({len(geo)} requests, 2 concurrent, {geo_wall:.1f} s)"
    )


if __name__ == "__main__":
    main()
