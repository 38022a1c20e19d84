"""`strikelog ingest | incidents | waves | report | export`: the database commands.

Every command takes `--db PATH|URL` (else $STRIKELOG_DB, else ./strikelog.db).
"""

from __future__ import annotations

import csv
import functools
import json
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from strikelog.commands.options import iso_date, published_option, timeout_option
from strikelog.models import Report
from strikelog.store.db import ENV_VAR, Store, StoreError, open_store

DB_HELP = (
    f"Database: an SQLite file or a postgresql:// URL. Default: ${ENV_VAR}, else ./strikelog.db."
)
FAILURES_SHOWN = 20


def db_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", envvar=ENV_VAR, metavar="PATH|URL", help=DB_HELP)(f)


def _open(db: str | None) -> Store:
    try:
        return open_store(db)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


def incident_filter_options(f: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option(
            "--since", callback=iso_date, metavar="YYYY-MM-DD", help="From this date (inclusive)."
        ),
        click.option(
            "--until", callback=iso_date, metavar="YYYY-MM-DD", help="Up to this date (inclusive)."
        ),
        click.option("--country", metavar="CC", help="ISO country code, e.g. UA."),
        click.option("--admin1", metavar="NAME", help="Region (substring, any case): Kharkiv."),
        click.option("--place", metavar="NAME", help="Place name (any case)."),
        click.option(
            "--weapon", metavar="CLASS", help="drone, missile (all missiles), glide_bomb, …"
        ),
        click.option("--target", metavar="CLASS", help="residential, energy, health, …"),
        click.option(
            "--min-killed",
            type=click.IntRange(min=0),
            help="At least this many killed (lowest figure).",
        ),
        click.option("--report", "report_id", type=int, metavar="ID", help="Only this report."),
        click.option("--search", "q", metavar="WORDS", help="Full-text search in the report text."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _incident_filter(kw: dict[str, Any]) -> Any:
    from strikelog.store.query import IncidentFilter

    return IncidentFilter(
        **{
            k: kw.pop(k)
            for k in (
                "since",
                "until",
                "country",
                "admin1",
                "place",
                "weapon",
                "target",
                "min_killed",
                "report_id",
                "q",
            )
        }
    )


# --------------------------------------------------------------------------- ingest


@click.command(name="ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL...")
@db_option
@click.option(
    "--source",
    "source_name",
    metavar="NAME",
    help="Name the source of every report (default: as read).",
)
@click.option("--strict", is_flag=True, help="Stop at the first report that fails.")
@published_option
@timeout_option
@click.option(
    "--max-mb",
    type=click.FloatRange(min=0.001),
    default=20.0,
    show_default=True,
    help="Refuse a single report larger than this many MiB.",
)
@click.option(
    "--parallel/--serial",
    default=True,
    show_default=True,
    help="Extract in a second process while this one stores (--serial: one process).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest(
    inputs: tuple[str, ...],
    db: str | None,
    source_name: str | None,
    strict: bool,
    published: str | None,
    timeout: float,
    max_mb: float,
    parallel: bool,
    quiet: bool,
) -> None:
    """Read reports, extract them and store the results with their evidence.

    PATH is a .txt, .html, .jsonl, an RSS/Atom feed, a Telegram export (result.json) or a
    directory of those; URL is a page or a feed. A text already stored is skipped; a new
    text at a URL already stored becomes its new version. Each report is stored in its own
    transaction: a failure is reported and the rest go on (exit status 1 at the end).
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from strikelog.readers import iter_all
    from strikelog.store.ingest import IngestAborted, IngestStats, default_extractor, ingest_reports

    try:
        extractor = default_extractor()
    except ImportError as exc:
        raise click.ClickException(f"the extraction pipeline cannot be loaded: {exc}") from exc
    # Failures are shown by the progress callback; keep the library's log lines from doubling them.
    logging.getLogger("strikelog.store.ingest").addHandler(logging.NullHandler())
    err = Console(stderr=True)
    store = _open(db)
    reports = _with_published(
        iter_all(inputs, max_bytes=int(max_mb * 1024 * 1024), timeout=timeout), published
    )
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        disable=quiet,
        transient=False,
    )
    task = progress.add_task(_counts(IngestStats()))
    shown_failures = 0

    def on_progress(stats: IngestStats, origin: str) -> None:
        nonlocal shown_failures
        if stats.failed > shown_failures:
            shown_failures = stats.failed
            if stats.failed <= FAILURES_SHOWN:
                progress.console.print(
                    f"[red]failed[/red] {stats.failures[-1].origin}: {stats.failures[-1].reason}",
                    markup=True,
                    highlight=False,
                )
        progress.update(task, description=_counts(stats))

    stats = IngestStats()
    try:
        with progress:
            stats = ingest_reports(
                store,
                reports,
                source=source_name,
                strict=strict,
                progress=on_progress,
                extract=extractor,
                parallel=parallel,
            )
    except IngestAborted as exc:
        _summary(exc.stats, store)
        raise click.ClickException(f"stopped at the first failure (--strict): {exc}") from None
    except KeyboardInterrupt:
        err.print("[yellow]interrupted[/yellow]: every report stored before this point is kept")
        sys.exit(130)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    _summary(stats, store)
    if stats.failed:
        sys.exit(1)


def _with_published(items: Iterable[Any], published: str | None) -> Iterator[Any]:
    for item in items:
        if published and isinstance(item, Report) and not item.published:
            item.published = published
        yield item


def _counts(stats: Any) -> str:
    return (
        f"read [bold]{stats.read}[/bold] · new [green]{stats.new}[/green] · "
        f"duplicate {stats.duplicate} · failed [red]{stats.failed}[/red]"
    )


def _summary(stats: Any, store: Store) -> None:
    versions = f" ({stats.versions} new versions)" if stats.versions else ""
    click.echo(
        f"{stats.read} read: {stats.new} new{versions}, {stats.duplicate} duplicate, "
        f"{stats.failed} failed → {store.display_url}"
    )
    if stats.failed > FAILURES_SHOWN:
        click.echo(f"({stats.failed - FAILURES_SHOWN} more failures not shown)", err=True)


# --------------------------------------------------------------------------- queries


def _limit(value: int) -> int | None:
    return None if value == 0 else value


def _print_rows(
    rows: list[dict[str, Any]], fmt: str, columns: tuple[str, ...], table: Callable[[], Any]
) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow(
                [
                    "" if r.get(c) is None else (";".join(r[c]) if isinstance(r[c], list) else r[c])
                    for c in columns
                ]
            )
    else:
        Console().print(table())


def _format_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json", "csv"]),
        default="table",
        show_default=True,
        help="Output format.",
    )(f)


def _limit_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--limit",
        type=click.IntRange(min=0),
        default=100,
        show_default=True,
        help="At most this many rows (0: all).",
    )(f)


@click.command(name="incidents")
@incident_filter_options
@_format_option
@_limit_option
@click.option(
    "--sort",
    default="-date",
    show_default=True,
    type=click.Choice(["date", "-date", "killed", "-killed", "injured", "-injured", "id", "-id"]),
    help="Order (- for descending).",
)
@db_option
def incidents(fmt: str, limit: int, sort: str, db: str | None, **kw: Any) -> None:
    """List stored incidents (struck places with their harm), filtered."""
    from strikelog.store.export import CSV_COLUMNS
    from strikelog.store.query import count_incidents, query_incidents
    from strikelog.store.view import incidents_table

    flt = _incident_filter(kw)
    with _open(db) as store:
        rows = query_incidents(store, flt, limit=_limit(limit), sort=sort)
        total = count_incidents(store, flt) if fmt == "table" else None
    _print_rows(rows, fmt, CSV_COLUMNS, lambda: incidents_table(rows, total))


def _wave_columns() -> tuple[str, ...]:
    from strikelog.models import WEAPON_CLASSES

    return (
        "id",
        "report_id",
        "date",
        "period",
        "attacker",
        "target_country",
        *[f"launched_{w}" for w in WEAPON_CLASSES],
        *[f"intercepted_{w}" for w in WEAPON_CLASSES],
        "report_url",
        "report_title",
        "report_published",
        "source",
    )


@click.command(name="waves")
@click.option(
    "--since", callback=iso_date, metavar="YYYY-MM-DD", help="From this date (inclusive)."
)
@click.option(
    "--until", callback=iso_date, metavar="YYYY-MM-DD", help="Up to this date (inclusive)."
)
@click.option("--country", metavar="CC", help="Target country (ISO code).")
@click.option("--attacker", metavar="NAME", help="Attacker, e.g. Russia.")
@click.option(
    "--weapon", metavar="CLASS", help="Waves that launched this class (missile: any missile)."
)
@click.option("--report", "report_id", type=int, metavar="ID", help="Only this report.")
@click.option("--search", "q", metavar="WORDS", help="Full-text search in the report text.")
@_format_option
@_limit_option
@click.option(
    "--sort", default="-date", show_default=True, type=click.Choice(["date", "-date", "id", "-id"])
)
@db_option
def waves(fmt: str, limit: int, sort: str, db: str | None, **kw: Any) -> None:
    """List stored attack waves (launched and intercepted, per weapon class)."""
    from strikelog.store.query import WaveFilter, count_waves, query_waves
    from strikelog.store.view import waves_table

    flt = WaveFilter(**kw)
    with _open(db) as store:
        rows = query_waves(store, flt, limit=_limit(limit), sort=sort)
        total = count_waves(store, flt) if fmt == "table" else None
    _print_rows(rows, fmt, _wave_columns(), lambda: waves_table(rows, total))


@click.command(name="report")
@click.argument("report_id", metavar="ID")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Highlight evidence with colours (auto: on a terminal).",
)
@db_option
def report(report_id: str, fmt: str, color: str, db: str | None) -> None:
    """Show a stored report: its text with every evidence span highlighted.

    ID is the report number, its sha256, or the id its input gave.
    """
    from strikelog.store.query import get_report
    from strikelog.store.view import report_view

    with _open(db) as store:
        found = get_report(store, report_id)
    if found is None:
        raise click.ClickException(f"no report {report_id!r} in {store.display_url}")
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    console = Console(
        force_terminal=True if color == "always" else None,
        no_color=color == "never",
        highlight=False,
        soft_wrap=True,
    )
    console.print(report_view(found))


# --------------------------------------------------------------------------- export


@click.command(name="export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "geojson", "acled"]),
    default="csv",
    show_default=True,
    help="csv/geojson/acled: one record per incident; jsonl: one report's extraction per line.",
)
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (default: standard output).",
)
@incident_filter_options
@db_option
def export(fmt: str, out_path: Path | None, db: str | None, **kw: Any) -> None:
    """Export stored incidents (CSV, GeoJSON, ACLED-style CSV) or reports (JSON Lines)."""
    from strikelog.store.export import export as run_export

    flt = _incident_filter(kw)
    with _open(db) as store:
        if out_path is None:
            n = run_export(store, fmt, sys.stdout, flt)
        else:
            n = _export_to_file(functools.partial(run_export, store, fmt, flt=flt), out_path)
    if out_path is not None:
        click.echo(f"{n} records → {out_path}", err=True)


def _export_to_file(write: Callable[..., int], out_path: Path) -> int:
    # Write beside the target and rename: a failed export never leaves half a file.
    directory = out_path.parent if str(out_path.parent) else Path(".")
    if not directory.is_dir():
        raise click.ClickException(f"cannot write {out_path}: folder {directory} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{out_path.name}.", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            n = write(out=handle)
        os.replace(tmp, out_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n
