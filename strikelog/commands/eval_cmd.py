"""`strikelog eval`: score extractions against gold annotations (see docs/eval.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from strikelog.evaluate import Evaluation, Predictions, Tally


@click.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.argument("pred", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="A table for reading, or JSON for scripts.",
)
@click.option(
    "-v", "--verbose", is_flag=True, help="List every missed, extra and wrong fact per report."
)
@click.option(
    "--aliases",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help='A TOML file of extra place-name variants ([aliases] Kyiv = ["Kiev"]).',
)
@click.option(
    "--fail-under",
    type=click.FloatRange(0.0, 1.0),
    help="Exit with status 1 when the overall fact-F1 is below this.",
)
def eval_(
    gold: Path,
    pred: Path,
    output_format: str,
    verbose: bool,
    aliases: Path | None,
    fail_under: float | None,
) -> None:
    """Score predictions PRED against the gold files in GOLD.

    GOLD is a gold JSON file or a directory of them. PRED is a directory of
    <id>.json extractions, a .jsonl of extractions matched by report.id, or a
    directory of <id>.txt reports (no .json in it), which are extracted first.

    Prints precision, recall and F1 per family (waves, totals, places, harm,
    targets) and the overall micro fact-F1.
    """
    from strikelog.evaluate import EvalInputError, PlaceNames, evaluate, load_gold, load_predictions

    try:
        golds = load_gold(gold)
        names = PlaceNames.load(aliases)
        predictions = load_predictions(pred, golds)
    except EvalInputError as exc:
        raise click.ClickException(str(exc)) from exc
    result = evaluate(golds, predictions.by_id, names)

    if output_format == "json":
        out: dict[str, object] = {"gold": str(gold), "predictions": predictions.description}
        out["unused_predictions"] = predictions.unused
        out.update(result.to_dict(per_report=verbose))
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        _show(result, f"{len(golds)} gold reports from {gold}", predictions, verbose)

    if fail_under is not None and result.overall.f1 < fail_under:
        raise click.exceptions.Exit(1)


def _show(result: Evaluation, gold_line: str, predictions: Predictions, verbose: bool) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from strikelog.evaluate import FAMILIES, SIDE_FAMILIES

    console = Console()
    console.print(
        Text(f"gold: {gold_line}\npredictions: {predictions.description}"), soft_wrap=True
    )
    if result.missing:
        console.print(
            Text(f"no prediction for {len(result.missing)} report(s), scored as empty: ")
            + Text(", ".join(result.missing)),
            style="yellow",
            soft_wrap=True,
        )
    if predictions.unused:
        console.print(
            Text(f"{len(predictions.unused)} prediction(s) with no gold, ignored: ")
            + Text(
                ", ".join(predictions.unused[:10]) + (" …" if len(predictions.unused) > 10 else "")
            ),
            style="yellow",
            soft_wrap=True,
        )

    if verbose:
        for report in result.reports:
            if not report.errors:
                continue
            console.rule(Text(f"{report.id}  ({len(report.errors)} wrong facts)"), align="left")
            for error in report.errors:
                console.print(Text(str(error)), soft_wrap=True)

    table = Table(
        title="fact scores",
        title_justify="left",
        caption="* side score: reported apart, not folded into the overall",
        caption_justify="left",
    )
    for column in ("family", "gold facts", "TP", "FP", "FN", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "family" else "right")

    def row(name: str, tally: Tally, style: str | None = None) -> None:
        table.add_row(
            name,
            str(tally.tp + tally.fn),
            str(tally.tp),
            str(tally.fp),
            str(tally.fn),
            f"{tally.precision:.3f}",
            f"{tally.recall:.3f}",
            f"{tally.f1:.3f}",
            style=style,
        )

    for name in FAMILIES:
        row(name, result.family(name))
    row("overall (micro)", result.overall, style="bold")
    table.add_section()
    for name in SIDE_FAMILIES:
        row(f"{name}*", result.family(name), style="dim")
    console.print(table)
