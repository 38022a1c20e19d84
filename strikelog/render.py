"""A readable terminal view of an extraction (`strikelog extract --format table`)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from strikelog.models import HARM_FIELDS, Extraction, Figure, Incident, Wave

_QUALIFIER_SIGNS = {
    "exact": "",
    "at_least": "≥",
    "more_than": ">",
    "about": "~",
    "up_to": "≤",
    "fewer_than": "<",
}
_NONE = "–"


def format_figure(figure: Figure | None) -> str:
    """'≥7', '~40', '3–5', or '–' when the report does not say."""
    if figure is None:
        return _NONE
    if figure.value is None:
        if figure.low is not None and figure.high is not None:
            return f"{figure.low}–{figure.high}"
        if figure.low is not None:
            return f"≥{figure.low}"
        if figure.high is not None:
            return f"≤{figure.high}"
        return "?"
    if figure.low is not None and figure.high is not None and figure.high > figure.low:
        return f"{figure.low}–{figure.high}"  # "between 15 and 20 drones"
    return f"{_QUALIFIER_SIGNS.get(figure.qualifier, '')}{figure.value}"


def render_extraction(extraction: Extraction, origin: str | None = None) -> RenderableType:
    parts: list[RenderableType] = [_heading(extraction, origin)]
    if not extraction.is_attack and not extraction.waves and not extraction.incidents:
        parts.append(Text("  no attack reported", style="dim"))
    if extraction.waves:
        parts.append(_waves_table(extraction.waves))
    totals = _totals_line(extraction)
    if totals is not None:
        parts.append(totals)
    if extraction.incidents:
        parts.append(_incidents_table(extraction.incidents))
    if extraction.other_places:
        names = ", ".join(f"{p.name} ({p.role})" for p in extraction.other_places)
        parts.append(Text(f"  other places: {names}", style="dim"))
    for warning in extraction.warnings:
        parts.append(Text(f"  ⚠ {warning}", style="yellow"))
    parts.append(Text(""))
    return Group(*parts)


def _heading(extraction: Extraction, origin: str | None) -> Text:
    meta = extraction.report
    heading = Text()
    heading.append(meta.title or meta.id, style="bold")
    details = [d for d in (meta.published, meta.url, origin) if d]
    if meta.title:
        details.insert(0, meta.id)
    if details:
        heading.append("  " + " · ".join(details), style="dim")
    return heading


def _waves_table(waves: list[Wave]) -> Table:
    table = Table(title="waves", title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("attacker → target")
    table.add_column("when")
    table.add_column("launched")
    table.add_column("intercepted")
    for wave in waves:
        direction = f"{wave.attacker or '?'} → {wave.target_country or '?'}"
        when = " ".join(x for x in (wave.date, wave.period) if x) or _NONE
        table.add_row(
            direction, when, _weapon_counts(wave.launched), _weapon_counts(wave.intercepted)
        )
    return table


def _weapon_counts(counts: dict[str, Figure | None]) -> str:
    shown = [f"{format_figure(f)} {kind.replace('_', ' ')}" for kind, f in counts.items() if f]
    return ", ".join(shown) or _NONE


def _totals_line(extraction: Extraction) -> Text | None:
    totals = extraction.totals
    found = [(name, getattr(totals, name)) for name in HARM_FIELDS if getattr(totals, name)]
    if not found:
        return None
    line = Text("  totals: ", style="bold")
    line.append(", ".join(f"{format_figure(f)} {name.replace('_', ' ')}" for name, f in found))
    return line


def _incidents_table(incidents: list[Incident]) -> Table:
    table = Table(title="incidents", title_justify="left", show_edge=False, pad_edge=False)
    for column in ("place", "admin1", "killed", "injured", "children k/i", "targets", "weapon"):
        table.add_column(column, justify="right" if column in ("killed", "injured") else "left")
    for incident in incidents:
        table.add_row(
            _place_label(incident),
            (incident.place.admin1 if incident.place else None) or _NONE,
            _harm(incident.killed, incident.casualties),
            format_figure(incident.injured),
            f"{format_figure(incident.children_killed)}/{format_figure(incident.children_injured)}",
            ", ".join(incident.targets) or _NONE,
            incident.weapon or _NONE,
        )
    return table


def _place_label(incident: Incident) -> str:
    if incident.place is None:
        return f"near {incident.near}" if incident.near else "?"
    label = incident.place.name
    if incident.place.precision == "unresolved":
        label += " (unresolved)"
    if incident.near:
        label += f" near {incident.near}"
    return label


def _harm(killed: Figure | None, casualties: Figure | None) -> str:
    if killed is None and casualties is not None:
        return f"{format_figure(casualties)} k+i"
    return format_figure(killed)
