"""The examples in the module docstrings stay true."""

from __future__ import annotations

import doctest
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

import strikelog
import strikelog.lang.loader
import strikelog.spot.numbers


def _from_source(module: ModuleType) -> ModuleType:
    """The module run from its .py file: a compiled build (mypyc) keeps no docstrings of
    functions for doctest to find."""
    # by name: a compiled module's __file__ is not where its source is
    source = Path(strikelog.__file__).parent.parent / (module.__name__.replace(".", "/") + ".py")
    source_spec = importlib.util.spec_from_file_location(f"{module.__name__}_doctest", source)
    assert source_spec is not None and source_spec.loader is not None
    loaded = importlib.util.module_from_spec(source_spec)
    sys.modules[source_spec.name] = loaded  # dataclasses look their module up there
    try:
        source_spec.loader.exec_module(loaded)
    finally:
        del sys.modules[source_spec.name]
    return loaded


@pytest.mark.parametrize("module", [strikelog.spot.numbers, strikelog.lang.loader])
def test_docstring_examples(module: ModuleType) -> None:
    result = doctest.testmod(_from_source(module))
    assert result.attempted > 0 and result.failed == 0
