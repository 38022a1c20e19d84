"""The examples in the module docstrings stay true."""

from __future__ import annotations

import doctest
from types import ModuleType

import pytest

import strikelog.lang.loader
import strikelog.spot.numbers


@pytest.mark.parametrize("module", [strikelog.spot.numbers, strikelog.lang.loader])
def test_docstring_examples(module: ModuleType) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
