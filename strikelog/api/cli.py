"""`strikelog serve`: the HTTP API and web map over a database (read-only)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import click

from strikelog.api.settings import DEFAULT_MAX_EXTRACT_BYTES, Settings


@click.command()
@click.option(
    "--db", "db", envvar="STRIKELOG_DB", help="SQLite file or postgresql:// URL [env STRIKELOG_DB]."
)
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default)."
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--coarsen-hours",
    default=24.0,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Round coordinates of incidents newer than this many hours (0 disables).",
)
@click.option(
    "--coarsen-degrees",
    default=0.1,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Grid that fresh coordinates are rounded to.",
)
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    help="Allow this origin to call the API from a browser (repeatable; off by default).",
)
@click.option(
    "--tile-url",
    envvar="STRIKELOG_TILE_URL",
    help="XYZ tile URL template for users who are online, e.g. https://…/{z}/{x}/{y}.png "
    "[env STRIKELOG_TILE_URL]; default: country outlines only, no tiles.",
)
@click.option(
    "--tile-attribution",
    envvar="STRIKELOG_TILE_ATTRIBUTION",
    help="Credit line for the tile layer.",
)
@click.option(
    "--max-extract-bytes",
    default=DEFAULT_MAX_EXTRACT_BYTES,
    show_default=True,
    type=click.IntRange(min=1),
    help="Largest body POST /api/extract accepts (larger: 413).",
)
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["debug", "info", "warning", "error"]),
)
def serve(
    db: str | None,
    host: str,
    port: int,
    coarsen_hours: float,
    coarsen_degrees: float,
    cors_origins: tuple[str, ...],
    tile_url: str | None,
    tile_attribution: str | None,
    max_extract_bytes: int,
    log_level: str,
) -> None:
    """Serve the database over HTTP: JSON API (/api, docs at /docs) and the map (/)."""
    import uvicorn

    from strikelog.api.app import create_app, vendor_missing
    from strikelog.store.db import StoreError, resolve_location

    location = resolve_location(db)
    if "://" not in location and not Path(location).is_file():
        raise click.ClickException(
            f"no database at {location}: create one with `strikelog ingest`, "
            "or pass --db / set STRIKELOG_DB"
        )
    settings = Settings(
        coarsen_hours=coarsen_hours,
        coarsen_degrees=coarsen_degrees,
        cors_origins=tuple(cors_origins),
        tile_url=tile_url or None,
        tile_attribution=tile_attribution,
        max_extract_bytes=max_extract_bytes,
    )
    try:
        app = create_app(location, settings=settings)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    missing = vendor_missing()
    if missing:
        click.echo(
            "warning: web assets not built (run scripts/build-web.sh or make web); "
            "the JSON API works, the map and /docs do not.",
            err=True,
        )
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: binding {host}: the API is reachable from other machines.", err=True)
    logging.basicConfig(level=log_level.upper())
    click.echo(
        f"strikelog: serving {location} on http://{_url_host(host)}:{port}/ (API docs at /docs)",
        err=True,
    )
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level=log_level,
        access_log=os.environ.get("STRIKELOG_ACCESS_LOG") == "1",
    )


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
