"""Where the compiled index lives, and when it must be rebuilt.

The index is built once into `<cache>/gazetteer-<strikelog version>-<source hash>/`,
where <cache> is $STRIKELOG_CACHE_DIR or platformdirs' user cache dir for "strikelog".
The hash covers the source packages' versions, the data files, the build code and any
GeoNames dumps the user added, so a change of any of them builds a new index and old
ones are removed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import shutil
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import platformdirs

from strikelog.geo import sources
from strikelog.geo.compile import Progress, compile_index
from strikelog.geo.index import FORMAT_VERSION, TABLE_FILE, CompiledIndex, load_index, save_index

log = logging.getLogger(__name__)

CACHE_ENV = "STRIKELOG_CACHE_DIR"
DUMPS_FILE = "gazetteer-dumps.json"  # the dumps chosen with `gazetteer build --geonames`
_HASHED_FILES = ("data/coverage.toml", "data/aliases.toml", "data/stoplist.txt",
                 "compile.py", "sources.py", "index.py", "normalize.py")


def cache_root() -> Path:
    return Path(os.environ.get(CACHE_ENV) or platformdirs.user_cache_dir("strikelog"))


def configured_dumps() -> list[Path]:
    path = cache_root() / DUMPS_FILE
    if not path.exists():
        return []
    try:
        names = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        log.warning("%s: unreadable (%s); using the packaged data only", path, exc)
        return []
    dumps = []
    for name in names if isinstance(names, list) else []:
        dump = Path(name)
        if dump.is_file():
            dumps.append(dump)
        else:
            log.warning("GeoNames dump %s (from %s) is gone; building without it", dump, path)
    return dumps


def remember_dumps(dumps: Sequence[Path]) -> None:
    root = cache_root()
    root.mkdir(parents=True, exist_ok=True)
    (root / DUMPS_FILE).write_text(
        json.dumps([str(d.resolve()) for d in dumps], indent=1), encoding="utf-8"
    )


def source_hash(dumps: Sequence[Path]) -> str:
    digest = hashlib.sha256(f"format {FORMAT_VERSION}\n".encode())
    for pkg, version in sorted(sources.source_versions().items()):
        digest.update(f"{pkg} {version}\n".encode())
    package = resources.files("strikelog.geo")
    for name in _HASHED_FILES:
        digest.update(name.encode() + b"\n" + package.joinpath(name).read_bytes())
    for dump in dumps:
        stat = dump.stat()
        digest.update(f"dump {dump.resolve()} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def index_dir(dumps: Sequence[Path]) -> Path:
    from strikelog import __version__

    return cache_root() / f"gazetteer-{__version__}-{source_hash(dumps)}"


def load_or_build(dumps: Sequence[Path] | None = None, *, rebuild: bool = False,
                  progress: Progress | None = None) -> tuple[CompiledIndex, Path, bool]:
    """The index for these dumps (default: the remembered ones), built if needed.
    Returns (index, its directory, whether it was built now)."""
    chosen = configured_dumps() if dumps is None else list(dumps)
    target = index_dir(chosen)
    if not rebuild and (target / TABLE_FILE).exists():
        try:
            return load_index(target), target, False
        except (OSError, ValueError, EOFError, KeyError, pickle.UnpicklingError) as exc:
            log.warning("gazetteer index %s unreadable (%s); rebuilding", target, exc)
    index = compile_index(chosen, progress)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".gazetteer-build-", dir=target.parent))
    save_index(index, tmp)
    if target.exists():
        shutil.rmtree(target, ignore_errors=True)
    try:
        os.replace(tmp, target)
    except OSError:  # another process put its build there first: theirs is as good
        shutil.rmtree(tmp, ignore_errors=True)
    _remove_stale(target)
    return index, target, True


def _remove_stale(current: Path) -> None:
    for old in current.parent.glob("gazetteer-*"):
        if old.is_dir() and old != current:
            shutil.rmtree(old, ignore_errors=True)
