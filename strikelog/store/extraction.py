"""Rebuild a stored report's extraction in the JSON contract of DESIGN §3 (for export/API)."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from strikelog.models import HARM_FIELDS, WAVE_KEYS
from strikelog.store import schema as s
from strikelog.store.query import spans_with_text

R, INC, W, F = s.reports, s.incidents, s.waves, s.figures

_INTERCEPT_KEYS = ("drone", "missile")


def load_extraction(conn: Connection, report_id: int) -> dict[str, Any] | None:
    """The stored extraction of one report, as `Extraction.to_dict()` gave it (plus db ids)."""
    rep = conn.execute(
        sa.select(R, s.sources.c.name.label("source"))
        .select_from(R.outerjoin(s.sources, R.c.source_id == s.sources.c.id))
        .where(R.c.id == report_id)
    ).first()
    if rep is None:
        return None
    text: str = rep.text
    figs: dict[str, dict[str, Any]] = {}
    labels: dict[str, str | None] = {}
    for f in conn.execute(sa.select(F).where(F.c.report_id == report_id).order_by(F.c.id)):
        evidence = []
        if f.span_start is not None:
            evidence.append({"start": f.span_start, "end": f.span_end, "text": f.span_text})
        evidence += spans_with_text(f.more_spans, text)
        figs[f.path] = {
            "value": f.value,
            "qualifier": f.qualifier,
            "low": f.low,
            "high": f.high,
            "evidence": evidence,
        }
        labels[f.path] = f.label

    waves = []
    for w in conn.execute(sa.select(W).where(W.c.report_id == report_id).order_by(W.c.ordinal)):
        prefix = f"waves.{w.ordinal}"
        launched = {k: figs.get(f"{prefix}.launched.{k}") for k in WAVE_KEYS}
        intercepted = {k: figs.get(f"{prefix}.intercepted.{k}") for k in _INTERCEPT_KEYS}
        for path, fig in figs.items():
            for kind, target in (("launched", launched), ("intercepted", intercepted)):
                head = f"{prefix}.{kind}."
                if path.startswith(head):
                    target[path[len(head) :]] = fig
        over = [
            {"place": {"name": labels[p]}, "figure": fig}
            for p, fig in sorted(figs.items(), key=lambda kv: _ordinal_key(kv[0]))
            if p.startswith(f"{prefix}.intercepted_over.")
        ]
        waves.append(
            {
                "id": w.id,
                "attacker": w.attacker,
                "target_country": w.target_country,
                "period": w.period,
                "date": w.date,
                "launched": launched,
                "intercepted": intercepted,
                "intercepted_over": over,
                "evidence": spans_with_text(w.evidence, text),
            }
        )

    victims_by_incident: dict[int, list[dict[str, Any]]] = {}
    for v in conn.execute(
        sa.select(s.victims).where(s.victims.c.report_id == report_id).order_by(s.victims.c.ordinal)
    ):
        victims_by_incident.setdefault(v.incident_id, []).append(
            {
                "age": v.age,
                "age_months": v.age_months,
                "sex": v.sex,
                "outcome": v.outcome,
                "child": bool(v.child),
                "evidence": spans_with_text(v.evidence, text),
            }
        )

    incidents = []
    for i in conn.execute(
        sa.select(INC).where(INC.c.report_id == report_id).order_by(INC.c.ordinal)
    ):
        prefix = f"incidents.{i.ordinal}"
        place = None
        if i.place is not None:
            place = {
                "name": i.place,
                "written": i.place_written,
                "admin1": i.admin1,
                "admin2": i.admin2,
                "country": i.country,
                "lat": i.lat,
                "lon": i.lon,
                "geonameid": i.geonameid,
                "precision": i.precision,
                "confidence": i.confidence,
                "candidates": _json_list(i.candidates),
                "evidence": spans_with_text(i.place_evidence, text),
            }
        inc: dict[str, Any] = {"id": i.id, "place": place, "near": i.near}
        inc.update({n: figs.get(f"{prefix}.{n}") for n in HARM_FIELDS})
        inc.update(
            {
                "victims": victims_by_incident.get(i.id, []),
                "targets": _json_list(i.targets),
                "weapon": i.weapon,
                "date": i.date,
                "evidence": spans_with_text(i.evidence, text),
            }
        )
        incidents.append(inc)

    others = [
        {
            "name": o.name,
            "role": o.role,
            "place": None
            if o.place is None
            else {
                "name": o.place,
                "admin1": o.admin1,
                "country": o.country,
                "lat": o.lat,
                "lon": o.lon,
                "geonameid": o.geonameid,
                "precision": o.precision,
                "evidence": spans_with_text(o.evidence, text),
            },
        }
        for o in conn.execute(
            sa.select(s.other_places)
            .where(s.other_places.c.report_id == report_id)
            .order_by(s.other_places.c.ordinal)
        )
    ]
    warnings = list(
        conn.execute(
            sa.select(s.warnings.c.message)
            .where(s.warnings.c.report_id == report_id)
            .order_by(s.warnings.c.id)
        ).scalars()
    )
    return {
        "report": {
            "id": rep.sha256,
            "db_id": rep.id,
            "external_id": rep.external_id,
            "url": rep.url,
            "title": rep.title,
            "published": rep.published,
            "language": rep.language,
            "source": rep.source,
            "version": rep.version,
        },
        "is_attack": bool(rep.is_attack),
        "waves": waves,
        "totals": {n: figs.get(f"totals.{n}") for n in HARM_FIELDS},
        "incidents": incidents,
        "other_places": others,
        "warnings": warnings,
    }


def _ordinal_key(path: str) -> tuple[int, ...]:
    return tuple(int(p) for p in path.split(".") if p.isascii() and p.isdigit())


def _json_list(value: str | None) -> list[Any]:
    return json.loads(value) if value else []
