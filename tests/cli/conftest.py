from __future__ import annotations

import sys
import types

import pytest
from extract_fakes import fake_extract_report

import strikelog


@pytest.fixture(autouse=True)
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """Every CLI test runs against the fake pipeline (the real one is tested elsewhere)."""
    module = types.ModuleType("strikelog.pipeline")
    module.extract_report = fake_extract_report  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "strikelog.pipeline", module)
    monkeypatch.setattr(strikelog, "pipeline", module, raising=False)
    return module
