"""Write one report and its extraction as rows (inside a transaction the caller holds)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from strikelog.models import HARM_FIELDS, WEAPON_CLASSES, Extraction, Figure, Report, Span
from strikelog.store import rawsql
from strikelog.store import schema as s


@dataclass(frozen=True)
class SaveResult:
    report_id: int
    status: str  # "new" | "version" (new text at a known URL) | "duplicate"


def spans_json(spans: Sequence[Span]) -> str | None:
    if not spans:
        return None
    return json.dumps([[sp.start, sp.end] for sp in spans], separators=(",", ":"))


def lowest(fig: Figure | None) -> int | None:
    """The figure a sum may safely use: its lower bound, else its value."""
    if fig is None:
        return None
    return fig.low if fig.low is not None else fig.value


def ensure_source(
    conn: Connection, name: str, kind: str | None = None, url: str | None = None
) -> int:
    """The id of source `name`, created on first use (safe against a concurrent writer)."""
    found = conn.execute(sa.select(s.sources.c.id).where(s.sources.c.name == name)).scalar()
    if found is not None:
        return int(found)
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        conn.execute(
            pg_insert(s.sources).values(name=name, kind=kind, url=url).on_conflict_do_nothing()
        )
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        conn.execute(
            sqlite_insert(s.sources).values(name=name, kind=kind, url=url).on_conflict_do_nothing()
        )
    return int(conn.execute(sa.select(s.sources.c.id).where(s.sources.c.name == name)).scalar_one())


def find_duplicate(conn: Connection, sha256: str) -> int | None:
    found = rawsql.scalar(conn, "SELECT id FROM reports WHERE sha256 = ?", (sha256,))
    return None if found is None else int(found)


def save_report(
    conn: Connection,
    report: Report,
    extraction: Extraction,
    *,
    source_id: int | None = None,
    sha256: str | None = None,
    checked: bool = False,
) -> SaveResult:
    """Store the report and every row of its extraction; a known text is a duplicate.

    A new text at a URL already stored becomes the next version: the earlier rows stay,
    marked not current, so queries see only the newest extraction. With `checked` the
    caller has just looked the hash up: the lookup is skipped and a text stored since
    fails on the unique sha256 (an `IntegrityError`) instead of returning "duplicate".
    """
    sha = sha256 or report.sha256  # callers that hashed the text already pass it
    if not checked:
        dup = find_duplicate(conn, sha)
        if dup is not None:
            return SaveResult(dup, "duplicate")
    ex = extraction
    # Every id is known before the first INSERT, so each table takes one executemany
    # (and PostgreSQL gets all of them in one pipelined round trip).
    ids = rawsql.reserve_ids(conn, report.url, len(ex.waves), len(ex.incidents))
    version, supersedes = 1, None
    if ids.previous is not None:
        supersedes, version = ids.previous[0], ids.previous[1] + 1
    report_id = ids.report
    report_row = {
        "id": report_id,
        "source_id": source_id,
        "external_id": report.id,
        "url": report.url,
        "title": report.title,
        "published": report.published,
        "language": report.language or "en",
        "text": report.text,
        "sha256": sha,
        "version": version,
        "supersedes": supersedes,
        "is_current": True,
        "origin": report.origin,
        "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "is_attack": ex.is_attack,
    }
    rows = _extraction_rows(
        report_id, ex, ids.waves, ids.incidents, default_date=(report.published or "")[:10] or None
    )
    with rawsql.batch(conn) as batch:
        if supersedes is not None:
            batch.execute(_RETIRE_URL_SQL, (report.url,))
        batch.insert("reports", [report_row])
        for table, table_rows in rows.items():
            batch.insert(table, table_rows)
    return SaveResult(report_id, "version" if supersedes else "new")


_RETIRE_URL_SQL = "UPDATE reports SET is_current = FALSE WHERE url = ? AND is_current"


def _upper(code: str | None) -> str | None:
    """ISO codes are stored upper-case so equality filters can use the index."""
    return code.upper() if code else code


def _harm_values(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in HARM_FIELDS:
        fig: Figure | None = getattr(obj, name)
        out[name] = lowest(fig)
        out[f"{name}_qualifier"] = fig.qualifier if fig is not None else None
    return out


def _extraction_rows(
    report_id: int,
    ex: Extraction,
    wave_ids: list[int],
    incident_ids: list[int],
    *,
    default_date: str | None,
) -> dict[str, list[dict[str, Any]]]:
    """The rows of every extraction table, parents before children, ids filled in."""
    wave_rows = []
    for wi, w in enumerate(ex.waves):
        row: dict[str, Any] = {
            "id": wave_ids[wi],
            "report_id": report_id,
            "ordinal": wi,
            "attacker": w.attacker,
            "target_country": _upper(w.target_country),
            "period": w.period,
            "date": w.date or default_date,
            "evidence": spans_json(w.evidence),
        }
        for kind, figs in (("launched", w.launched), ("intercepted", w.intercepted)):
            for weapon in WEAPON_CLASSES:
                row[f"{kind}_{weapon}"] = lowest(figs.get(weapon))
        wave_rows.append(row)

    incident_rows = []
    for ii, inc in enumerate(ex.incidents):
        p = inc.place
        incident_rows.append(
            {
                "id": incident_ids[ii],
                "report_id": report_id,
                "ordinal": ii,
                "place": p.name if p else None,
                "place_written": p.written if p else None,
                "admin1": p.admin1 if p else None,
                "admin2": p.admin2 if p else None,
                "country": _upper(p.country) if p else None,
                "lat": p.lat if p else None,
                "lon": p.lon if p else None,
                "geonameid": p.geonameid if p else None,
                "precision": p.precision if p else None,
                "confidence": p.confidence if p else None,
                "candidates": json.dumps(p.candidates) if p and p.candidates else None,
                "place_evidence": spans_json(p.evidence) if p else None,
                "near": inc.near,
                "date": inc.date or default_date,
                "weapon": inc.weapon,
                "targets": json.dumps(inc.targets) if inc.targets else None,
                **_harm_values(inc),
                "evidence": spans_json(inc.evidence),
            }
        )

    victim_rows = [
        {
            "incident_id": incident_ids[ii],
            "report_id": report_id,
            "ordinal": vi,
            "age": v.age,
            "age_months": v.age_months,
            "sex": v.sex,
            "outcome": v.outcome,
            "child": v.child,
            "evidence": spans_json(v.evidence),
        }
        for ii, inc in enumerate(ex.incidents)
        for vi, v in enumerate(inc.victims)
    ]
    totals_rows = []
    if any(getattr(ex.totals, n) is not None for n in HARM_FIELDS):
        totals_rows.append({"report_id": report_id, **_harm_values(ex.totals)})

    other_rows = [
        {
            "report_id": report_id,
            "ordinal": oi,
            "name": o.name,
            "role": o.role,
            "place": o.place.name if o.place else None,
            "admin1": o.place.admin1 if o.place else None,
            "country": _upper(o.place.country) if o.place else None,
            "lat": o.place.lat if o.place else None,
            "lon": o.place.lon if o.place else None,
            "geonameid": o.place.geonameid if o.place else None,
            "precision": o.place.precision if o.place else None,
            "evidence": spans_json(o.place.evidence) if o.place else None,
        }
        for oi, o in enumerate(ex.other_places)
    ]

    figure_rows = [
        _figure_row(report_id, path, fig, ex, wave_ids, incident_ids) for path, fig in ex.figures()
    ]
    return {
        "waves": wave_rows,
        "incidents": incident_rows,
        "victims": victim_rows,
        "totals": totals_rows,
        "other_places": other_rows,
        "figures": figure_rows,
        "warnings": [{"report_id": report_id, "message": m} for m in ex.warnings],
    }


def _figure_row(
    report_id: int,
    path: str,
    fig: Figure,
    ex: Extraction,
    wave_ids: list[int],
    incident_ids: list[int],
) -> dict[str, Any]:
    parts = path.split(".")
    label = None
    if parts[0] == "waves":
        owner_table, owner_id = "waves", wave_ids[int(parts[1])]
        field = ".".join(parts[2:])
        if parts[2] == "intercepted_over":
            field = "intercepted_over"
            over = ex.waves[int(parts[1])].intercepted_over[int(parts[3])]
            label = over.place.name
    elif parts[0] == "incidents":
        owner_table, owner_id = "incidents", incident_ids[int(parts[1])]
        field = ".".join(parts[2:])
    else:  # totals.<field>
        owner_table, owner_id, field = "totals", None, ".".join(parts[1:])
    first = fig.evidence[0] if fig.evidence else None
    return {
        "report_id": report_id,
        "owner_table": owner_table,
        "owner_id": owner_id,
        "path": path,
        "field": field,
        "label": label,
        "value": fig.value,
        "qualifier": fig.qualifier,
        "low": fig.low,
        "high": fig.high,
        "span_start": first.start if first else None,
        "span_end": first.end if first else None,
        "span_text": first.text if first else None,
        "more_spans": spans_json(fig.evidence[1:]),
    }
