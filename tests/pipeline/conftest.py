from __future__ import annotations

from typing import Any

import pytest

import strikelog


def value(fig: dict[str, Any] | None) -> Any:
    """A figure as its value, or (value, qualifier) when it is not exact."""
    if fig is None:
        return None
    return fig["value"] if fig["qualifier"] == "exact" else (fig["value"], fig["qualifier"])


@pytest.fixture(scope="session")
def run():
    def _run(text: str, published: str | None = "2025-10-22") -> dict[str, Any]:
        return strikelog.extract(text, published=published).to_dict()

    return _run
