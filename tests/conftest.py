"""Refuse to test compiled modules that no longer match their source."""

from __future__ import annotations

import pytest

from strikelog.build_info import stale_modules


def pytest_configure(config: pytest.Config) -> None:
    if stale := stale_modules():
        raise pytest.UsageError(
            f"compiled module(s) differ from their source: {', '.join(stale)}. "
            "Run `make compile`, or `make pure` to test the Python source."
        )
