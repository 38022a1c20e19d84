"""strikelog: turn reports of aerial attacks into a sourced, geocoded incident database."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

from strikelog.build_info import stale_modules

__version__ = "0.1.0"

if _stale := stale_modules():
    # Python would run the compiled copies and not the edited sources
    warnings.warn(
        f"strikelog: compiled module(s) differ from their source (edited since compiling): "
        f"{', '.join(_stale)}; run `make compile` (or `make pure` to run the Python source)",
        RuntimeWarning,
        stacklevel=2,
    )

if TYPE_CHECKING:
    from strikelog.models import Extraction


def extract(
    text: str,
    published: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Extraction:
    """Extract waves, totals, incidents and places from one report's text."""
    from strikelog.models import Report
    from strikelog.pipeline import extract_report

    return extract_report(Report(text=text, published=published, url=url, title=title))


__all__ = ["extract", "__version__"]
