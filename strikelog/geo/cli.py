"""`strikelog gazetteer`: build the place index, look names up, find places in text."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TextIO

import click
from rich.console import Console
from rich.table import Table

from strikelog.geo.gazetteer import ATTRIBUTION, Gazetteer


@click.group()
def gazetteer() -> None:
    """Offline gazetteer (GeoNames data, CC BY 4.0)."""


@gazetteer.command()
@click.option("--geonames", "dumps", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A GeoNames country dump (e.g. UA.txt) adding places under 500 "
                   "inhabitants. Repeat for several; remembered for later runs.")
@click.option("--packaged-only", is_flag=True,
              help="Forget dumps given before and build from the packaged data only.")
def build(dumps: tuple[Path, ...], packaged_only: bool) -> None:
    """Build (or rebuild) the place index in the cache."""
    from strikelog.geo import cache, sources

    console = Console(stderr=True)
    chosen = list(dumps) if dumps else ([] if packaged_only else cache.configured_dumps())
    started = time.perf_counter()
    try:
        with console.status("reading sources") as status:
            gaz = Gazetteer.load(chosen, rebuild=True,
                                 progress=lambda step: status.update(f"reading {step}"))
    except sources.GazetteerDataError as exc:
        raise click.ClickException(str(exc)) from exc
    if dumps or packaged_only:
        cache.remember_dumps(chosen)
    meta = gaz.index.meta
    console.print(
        f"[green]built[/] {meta['places']:,} places, {meta['keys']:,} names "
        f"in {time.perf_counter() - started:.1f} s → {gaz.directory}"
    )
    for dump in chosen:
        console.print(f"  with GeoNames dump {dump}")
    console.print(f"[dim]{ATTRIBUTION}[/]")


@gazetteer.command()
@click.argument("name")
def lookup(name: str) -> None:
    """Show the places NAME may mean ("Pohreby", "Kharkiv region", "Kiev")."""
    from strikelog.geo import get_gazetteer

    candidates = get_gazetteer().lookup(name)
    console = Console()
    if not candidates:
        raise click.ClickException(f"no place named {name!r} in the gazetteer")
    table = Table(title=f"{name}: {len(candidates)} candidate(s)")
    for col in ("geonameid", "name", "level", "country", "admin1", "admin2",
                "population", "lat", "lon", "feature"):
        table.add_column(col, justify="right" if col in ("population", "lat", "lon") else "left")
    for c in candidates:
        table.add_row(str(c.geonameid or ""), c.name, c.level, c.country, c.admin1 or "",
                      c.admin2 or "", f"{c.population:,}", _num(c.lat), _num(c.lon),
                      f"{c.feature_class}.{c.feature_code}")
    console.print(table)
    console.print(f"[dim]{ATTRIBUTION}[/]")


@gazetteer.command()
@click.argument("file", type=click.File("r", encoding="utf-8", errors="replace"))
@click.option("--country", "countries", multiple=True, help="Country context (ISO2), in order.")
def find(file: TextIO, countries: tuple[str, ...]) -> None:
    """Show the places found in a text FILE ('-' for standard input) and how they resolve."""
    from strikelog.geo import get_gazetteer

    text = file.read()
    gaz = get_gazetteer()
    mentions = gaz.find(text)
    places = gaz.resolve(mentions, countries=list(countries), text=text)
    table = Table(title=f"{len(mentions)} place mention(s)")
    for col in ("at", "written", "kind", "resolved", "admin1", "country", "precision",
                "confidence", "geonameid"):
        table.add_column(col)
    for m, p in zip(mentions, places, strict=True):
        table.add_row(str(m.start), m.text, m.kind, p.name, p.admin1 or "", p.country or "",
                      p.precision, f"{p.confidence:.2f}", str(p.geonameid or ""))
    Console().print(table)


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"
