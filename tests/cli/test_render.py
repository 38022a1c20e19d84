"""The table view's figure notation."""

from __future__ import annotations

import pytest

from strikelog.models import Figure
from strikelog.render import format_figure


@pytest.mark.parametrize(
    ("figure", "shown"),
    [
        (None, "–"),
        (Figure(7, "exact", 7, 7), "7"),
        (Figure(7, "at_least", 7, None), "≥7"),
        (Figure(40, "about", None, None), "~40"),
        # "between 15 and 20 drones": the low end is the figure, the range is shown
        (Figure(15, "at_least", 15, 20), "15–20"),
        (Figure(None, "at_least", 24, None), "≥24"),
    ],
)
def test_format_figure(figure, shown):
    assert format_figure(figure) == shown
