"""Terminal views of stored records: incident and wave tables, a report with its evidence lit."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from strikelog.models import WEAPON_CLASSES

QUALIFIER_SIGNS = {"at_least": "≥", "more_than": ">", "about": "~", "up_to": "≤", "fewer_than": "<"}
NONE = "–"

# How each kind of evidence span is lit in `strikelog report ID`.
SPAN_STYLES = {
    "figure": "bold black on yellow",
    "incident": "underline",
    "place": "bold cyan",
    "wave": "magenta",
    "victim": "bold red",
    "other_place": "dim cyan",
}


def harm(row: dict[str, Any], name: str) -> str:
    value = row.get(name)
    if value is None:
        return NONE
    return f"{QUALIFIER_SIGNS.get(row.get(f'{name}_qualifier') or '', '')}{value}"


def incidents_table(rows: list[dict[str, Any]], total: int | None = None) -> Table:
    title = f"{len(rows)} incidents" + (
        f" of {total}" if total is not None and total != len(rows) else ""
    )
    table = Table(title=title, title_justify="left")
    for name, justify in (
        ("id", "right"),
        ("date", "left"),
        ("place", "left"),
        ("admin1", "left"),
        ("cc", "left"),
        ("weapon", "left"),
        ("targets", "left"),
        ("killed", "right"),
        ("injured", "right"),
        ("children k/i", "right"),
        ("report", "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for r in rows:
        place = r["place"] or (f"near {r['near']}" if r["near"] else NONE)
        table.add_row(
            str(r["id"]),
            r["date"] or NONE,
            place,
            r["admin1"] or NONE,
            r["country"] or NONE,
            r["weapon"] or NONE,
            ", ".join(r["targets"]) or NONE,
            harm(r, "killed"),
            harm(r, "injured"),
            f"{harm(r, 'children_killed')}/{harm(r, 'children_injured')}",
            str(r["report_id"]),
        )
    return table


def weapon_counts(row: dict[str, Any], kind: str) -> str:
    parts = [
        f"{row[f'{kind}_{w}']} {w.replace('_', ' ')}"
        for w in WEAPON_CLASSES
        if row.get(f"{kind}_{w}") is not None
    ]
    return ", ".join(parts) or NONE


def waves_table(rows: list[dict[str, Any]], total: int | None = None) -> Table:
    title = f"{len(rows)} waves" + (
        f" of {total}" if total is not None and total != len(rows) else ""
    )
    table = Table(title=title, title_justify="left")
    for name in ("id", "date", "period", "attacker → target", "launched", "intercepted", "report"):
        table.add_column(name)
    for r in rows:
        table.add_row(
            str(r["id"]),
            r["date"] or NONE,
            r["period"] or NONE,
            f"{r['attacker'] or '?'} → {r['target_country'] or '?'}",
            weapon_counts(r, "launched"),
            weapon_counts(r, "intercepted"),
            str(r["report_id"]),
        )
    return table


def highlight(text: str, spans: list[dict[str, Any]]) -> Text:
    """The report text with each evidence span styled by its kind (figures on top)."""
    out = Text(text)
    # Wider, weaker kinds first so figures (applied last) win where spans overlap.
    order = ["incident", "wave", "other_place", "place", "victim", "figure"]
    for kind in order:
        for sp in spans:
            if sp["kind"] == kind and 0 <= sp["start"] < sp["end"] <= len(text):
                out.stylize(SPAN_STYLES[kind], sp["start"], sp["end"])
    return out


def report_view(report: dict[str, Any]) -> RenderableType:
    head = Text()
    head.append(report["title"] or report["sha256"], style="bold")
    details = [
        f"report {report['id']}",
        report["published"],
        report["source"],
        report["url"],
        f"version {report['version']}" + ("" if report["is_current"] else " (superseded)"),
    ]
    head.append("\n" + " · ".join(d for d in details if d), style="dim")
    legend = Text("evidence: ")
    for kind, style in SPAN_STYLES.items():
        legend.append(kind.replace("_", " "), style=style)
        legend.append("  ")
    parts: list[RenderableType] = [
        head,
        Text(""),
        highlight(report["text"], report["spans"]),
        Text(""),
        legend,
    ]
    if report["waves"]:
        parts.append(waves_table(report["waves"]))
    if report["incidents"]:
        parts.append(incidents_table(report["incidents"]))
    figures = [sp for sp in report["spans"] if sp["kind"] == "figure"]
    if figures:
        table = Table(title="figures", title_justify="left")
        table.add_column("field")
        table.add_column("span")
        table.add_column("at", justify="right")
        for sp in figures:
            table.add_row(sp["label"], sp["text"], f"{sp['start']}–{sp['end']}")
        parts.append(table)
    for warning in report["warnings"]:
        parts.append(Text(f"⚠ {warning}", style="yellow"))
    return Group(*parts)
