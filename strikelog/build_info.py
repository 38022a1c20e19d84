"""Which modules a compiled build compiles with mypyc, and whether this copy runs them.

The extraction path is pure Python; `make compile` (or `STRIKELOG_COMPILE=1 pip install .`)
turns the modules below into C extensions, about 1.4 times as fast (docs/speed.md). A
compiled module sits beside its source and wins over it on import, so an edit to the
source would go unseen until the next compile. The build writes the hash of every source
it compiled to `compiled.json`; `stale_modules` compares, and importing strikelog warns
about a difference. This module is never compiled itself (setup.py reads it).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import json
from pathlib import Path

# The modules every report goes through. Not here: package __init__ files (compiled, their
# __path__ comes out wrong), models (its dataclasses are pickled between processes), the
# gazetteer index (pickled), readers, store, API, CLI.
COMPILED_MODULES = (
    "strikelog/frame.py",
    "strikelog/resolve.py",
    "strikelog/pipeline.py",
    "strikelog/prepare.py",
    "strikelog/places.py",
    "strikelog/spot/mentions.py",
    "strikelog/spot/numbers.py",
    "strikelog/spot/actors.py",
    "strikelog/spot/clock.py",
    "strikelog/spot/lexicon_matcher.py",
    "strikelog/geo/gazetteer.py",
    "strikelog/geo/matcher.py",
    "strikelog/geo/resolver.py",
    "strikelog/geo/normalize.py",
    "strikelog/trie.py",
    "strikelog/districts.py",
    "strikelog/unlisted.py",
    "strikelog/reconcile.py",
)
MANIFEST = "strikelog/compiled.json"

_ROOT = Path(__file__).resolve().parent.parent


def source_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _has_extension(module: str) -> bool:
    stem = str(_ROOT / module)[: -len(".py")]
    return any(Path(stem + suffix).exists() for suffix in importlib.machinery.EXTENSION_SUFFIXES)


def compiled_modules() -> list[str]:
    """The modules of COMPILED_MODULES that have a compiled extension beside them."""
    return [m for m in COMPILED_MODULES if _has_extension(m)]


def stale_modules() -> list[str]:
    """Compiled modules whose source differs from the one compiled: edited since the
    build, and Python would still run the compiled copy."""
    compiled = compiled_modules()
    if not compiled:
        return []
    try:
        built = json.loads((_ROOT / MANIFEST).read_text(encoding="utf-8"))["sources"]
    except (OSError, ValueError, KeyError):
        return compiled  # compiled, but nothing says from what
    return [
        m
        for m in compiled
        if not (_ROOT / m).exists() or built.get(m) != source_hash(_ROOT / m)
    ]


def build_name() -> str:
    """'compiled (mypyc)', 'partly compiled' or 'Python': for benchmarks and --version."""
    done = compiled_modules()
    if not done:
        return "Python"
    return "compiled (mypyc)" if len(done) == len(COMPILED_MODULES) else "partly compiled"
