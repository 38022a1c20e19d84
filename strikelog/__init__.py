"""strikelog: turn reports of aerial attacks into a sourced, geocoded incident database."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

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
