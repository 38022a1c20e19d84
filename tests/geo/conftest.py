from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from strikelog.geo.gazetteer import Gazetteer


@pytest.fixture(scope="session")
def geo_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A cache directory of the session's own (the index is built there once)."""
    path = tmp_path_factory.mktemp("strikelog-cache")
    old = os.environ.get("STRIKELOG_CACHE_DIR")
    os.environ["STRIKELOG_CACHE_DIR"] = str(path)
    yield path
    if old is None:
        os.environ.pop("STRIKELOG_CACHE_DIR", None)
    else:
        os.environ["STRIKELOG_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def gaz(geo_cache: Path) -> Gazetteer:
    return Gazetteer.load([])
