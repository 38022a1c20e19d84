"""Coordinate coarsening rules, with a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from strikelog.api.coarsen import Coarsener, is_fresh, reference_time, snap

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "degrees", "expected"),
    [
        (50.4501, 0.1, 50.5),
        (30.5234, 0.1, 30.5),
        (-33.871, 0.1, -33.9),
        (36.2304, 0.5, 36.0),
        (49.99, 1, 50),
    ],
)
def test_snap(value: float, degrees: float, expected: float) -> None:
    assert snap(value, degrees) == expected


def test_a_date_counts_from_its_end() -> None:
    # A strike dated yesterday may have happened late last night: still fresh at noon today.
    assert is_fresh(reference_time("2025-03-09"), 24, NOW)
    assert not is_fresh(reference_time("2025-03-08"), 24, NOW)


def test_published_time_is_used_when_there_is_no_date() -> None:
    assert is_fresh(reference_time(None, "2025-03-10T09:00:00+00:00"), 6, NOW)
    assert not is_fresh(reference_time(None, "2025-03-10T05:00:00Z"), 6, NOW)


def test_unknown_age_counts_as_fresh_and_zero_hours_disables() -> None:
    assert is_fresh(reference_time(None, None), 24, NOW)
    assert is_fresh(reference_time("not a date"), 24, NOW)
    assert not is_fresh(reference_time(None), 0, NOW)


def test_coarsener_leaves_old_and_missing_coordinates_alone() -> None:
    coarse = Coarsener(24, 0.1, now=NOW)
    assert coarse.apply(50.4501, 30.5234, reference_time("2025-03-10")) == (50.5, 30.5, True)
    assert coarse.apply(50.4501, 30.5234, reference_time("2025-01-01")) == (50.4501, 30.5234, False)
    assert coarse.apply(None, None, reference_time("2025-03-10")) == (None, None, False)
