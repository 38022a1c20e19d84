"""Command-line options that several commands share, defined once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import click

from strikelog.readers.base import DEFAULT_TIMEOUT


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Click callback: a YYYY-MM-DD date, normalised, or a clear error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2025-10-22") from None


def published_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--published",
        callback=iso_date,
        metavar="YYYY-MM-DD",
        help="Publication date for reports that carry none (dates like 'overnight' resolve "
        "from it).",
    )(f)


def timeout_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--timeout",
        type=click.FloatRange(min=0.1),
        default=DEFAULT_TIMEOUT,
        show_default=True,
        help="Seconds to wait for a URL.",
    )(f)
