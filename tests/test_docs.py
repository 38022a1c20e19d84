"""Every command has help text and is documented in the README or docs/."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from strikelog.cli import cli

ROOT = Path(__file__).resolve().parents[1]
DOCS = "\n".join(
    p.read_text(encoding="utf-8")
    for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
)


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        full = f"{prefix}{name}"
        out.append((full, cmd))
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, prefix=f"{full} "))
    return out


COMMANDS = _commands(cli)


def test_the_cli_has_the_commands_of_the_design():
    names = {name for name, _ in COMMANDS}
    assert {
        "extract",
        "ingest",
        "incidents",
        "waves",
        "report",
        "export",
        "serve",
        "eval",
        "gazetteer",
    } <= names


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_command_has_help(name, command):
    assert (command.help or command.short_help or "").strip(), f"{name} has no help text"
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_command_is_documented(name, command):
    assert f"strikelog {name}" in DOCS, f"`strikelog {name}` is not in README.md or docs/"
