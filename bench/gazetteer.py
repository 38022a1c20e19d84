"""Gazetteer benchmark: index load time, memory, and place finding speed.

    STRIKELOG_CACHE_DIR=/tmp/sl .venv/bin/python bench/gazetteer.py [--mb 5] [--repeats 3]

Finding speed is reported in MB/s and as a ratio to a baseline measured in the same
run (one `re.findall(r"\\w+")` pass over the same text), so figures from machines of
different speed can be compared; each is the best of a few runs taken in turn. The
index is built first if the cache lacks it.
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from strikelog.geo import cache  # noqa: E402
from strikelog.geo.gazetteer import Gazetteer  # noqa: E402


def rss_mb() -> float:
    """Resident memory now (Linux /proc; else the peak from getrusage)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def texts(folder: str) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / folder).glob("*.txt"))]


def corpus(megabytes: float, parts: list[str]) -> str:
    sample = "\n\n".join(parts)
    if not sample.strip():
        raise SystemExit("no text to benchmark on (dev/reports/*.txt, dev/noplace/*.txt)")
    reps = int(megabytes * 1_000_000 / len(sample.encode("utf-8"))) + 1
    return "\n\n".join([sample] * reps)


def load_only() -> None:
    """Run in a fresh process: load time and memory of the index alone."""
    before = rss_mb()
    started = time.perf_counter()
    gaz = Gazetteer.load()  # kept alive until RSS is read
    load_s = time.perf_counter() - started
    after = rss_mb()
    print(f"index load: {load_s:.3f} s; RSS {after:.0f} MB "
          f"({after - before:.0f} MB for the index, {before:.0f} MB Python + imports; "
          f"{len(gaz.index.places):,} places, {len(gaz.index.keys.ids):,} names)")


def speed(gaz: Gazetteer, name: str, text: str, repeats: int) -> None:
    """Best of REPEATS runs each, baseline and find taken in turn so that both see the
    same machine load."""
    size_mb = len(text.encode("utf-8")) / 1_000_000
    base_s = find_s = float("inf")
    words = mentions = 0
    for _ in range(repeats):
        started = time.perf_counter()
        words = len(re.findall(r"\w+", text))
        base_s = min(base_s, time.perf_counter() - started)
        started = time.perf_counter()
        mentions = len(gaz.find(text))
        find_s = min(find_s, time.perf_counter() - started)
    print(f"{name}: {size_mb:.1f} MB, {words:,} words, {mentions:,} place mentions")
    print(f"  baseline re.findall(\\w+): {size_mb / base_s:6.1f} MB/s")
    print(f"  Gazetteer.find:           {size_mb / find_s:6.1f} MB/s "
          f"({find_s / base_s:.1f}x the baseline's time; best of {repeats})")


def per_report(gaz: Gazetteer, reports: list[str], rounds: int) -> None:
    """find, and resolve on its own, per dev report."""
    found = []
    started = time.perf_counter()
    for _ in range(rounds):
        found = [gaz.find(report) for report in reports]
    find_s = (time.perf_counter() - started) / (rounds * len(reports))
    started = time.perf_counter()
    for _ in range(rounds):
        for report, mentions in zip(reports, found, strict=True):
            gaz.resolve(mentions, countries=["UA", "RU"], text=report)
    resolve_s = (time.perf_counter() - started) / (rounds * len(reports))
    avg_words = sum(len(r.split()) for r in reports) / max(len(reports), 1)
    print(f"per dev report ({avg_words:.0f} words): find {find_s * 1000:.2f} ms, "
          f"resolve {resolve_s * 1000:.2f} ms; find + resolve "
          f"{1 / (find_s + resolve_s):,.0f} reports/s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=5.0, help="MB of text to search")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each timing (best)")
    parser.add_argument("--load-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load_only:
        load_only()
        return

    started = time.perf_counter()
    _index, directory, built = cache.load_or_build()
    if built:
        print(f"index built in {time.perf_counter() - started:.1f} s → {directory}")
    subprocess.run([sys.executable, __file__, "--load-only"], check=True)

    gaz = Gazetteer.load()
    reports = texts("dev/reports")
    speed(gaz, "strike reports (dev/reports, place-dense)", corpus(args.mb, reports),
          args.repeats)
    speed(gaz, "ordinary news (dev/noplace)", corpus(args.mb, texts("dev/noplace")),
          args.repeats)
    per_report(gaz, reports, rounds=20)
    print(f"RSS at end (5 MB texts and their mentions held): {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
