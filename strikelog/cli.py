"""The `strikelog` command: one click group, thin over the library.

Each subcommand lives in the module of the job it does and is registered here;
heavy imports stay inside the commands so `strikelog --help` is instant.
"""

from __future__ import annotations

import click

from strikelog import __version__
from strikelog.build_info import build_name


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, prog_name="strikelog", message=f"%(prog)s %(version)s ({build_name()} build)"
)
def cli() -> None:
    """strikelog: sourced, geocoded records of aerial attacks from text reports."""


def _register() -> None:
    from strikelog.commands import eval_cmd, extract_cmd

    cli.add_command(extract_cmd.extract)
    cli.add_command(eval_cmd.eval_)
    # Optional surfaces register themselves when their module exists.
    import importlib

    for module_name, attr_names in (
        ("strikelog.geo.cli", ("gazetteer",)),
        ("strikelog.store.cli", ("ingest", "incidents", "waves", "report", "export")),
        ("strikelog.api.cli", ("serve",)),
    ):
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        for attr in attr_names:
            cli.add_command(getattr(module, attr))


_register()


def main() -> None:
    cli()
