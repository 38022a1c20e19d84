"""Turn store rows (plain dicts from `strikelog.store.query`) into API response models.

Every coordinate leaves the API through `_place`, where the coarsening setting applies.
"""

from __future__ import annotations

from typing import Any

from strikelog.api import schemas as m
from strikelog.api.coarsen import Coarsener, reference_time
from strikelog.models import HARM_FIELDS, WEAPON_CLASSES


def _place(row: dict[str, Any], coarsener: Coarsener) -> tuple[m.PlaceOut, bool]:
    lat, lon, coarsened = coarsener.apply(
        row.get("lat"), row.get("lon"), reference_time(row.get("date"), row.get("report_published"))
    )
    place = m.PlaceOut(
        name=row.get("place"),
        written=row.get("place_written"),
        admin1=row.get("admin1"),
        admin2=row.get("admin2"),
        country=row.get("country"),
        lat=lat,
        lon=lon,
        geonameid=row.get("geonameid"),
        precision=row.get("precision"),
    )
    return place, coarsened


def _summary_fields(row: dict[str, Any], coarsener: Coarsener) -> dict[str, Any]:
    place, coarsened = _place(row, coarsener)
    return {
        "id": row["id"],
        "report_id": row["report_id"],
        "date": row.get("date"),
        "place": place,
        "near": row.get("near"),
        "killed": row.get("killed"),
        "killed_qualifier": row.get("killed_qualifier"),
        "injured": row.get("injured"),
        "injured_qualifier": row.get("injured_qualifier"),
        "children_killed": row.get("children_killed"),
        "children_injured": row.get("children_injured"),
        "casualties": row.get("casualties"),
        "weapon": row.get("weapon"),
        "targets": list(row.get("targets") or []),
        "coarsened": coarsened,
    }


def incident_summary(row: dict[str, Any], coarsener: Coarsener) -> m.IncidentSummary:
    return m.IncidentSummary(**_summary_fields(row, coarsener))


def _spans(spans: list[dict[str, Any]]) -> list[m.SpanOut]:
    return [m.SpanOut(start=s["start"], end=s["end"], text=s["text"] or "") for s in spans]


def _report_ref(row: dict[str, Any]) -> m.ReportRef:
    return m.ReportRef(
        id=row["report_id"],
        url=row.get("report_url"),
        title=row.get("report_title"),
        published=row.get("report_published"),
        source=row.get("source"),
    )


def incident_detail(row: dict[str, Any], coarsener: Coarsener) -> m.IncidentDetail:
    figures: dict[str, m.FigureOut] = {}
    for fig in row.get("figures", []):
        name = fig["field"]
        if name in HARM_FIELDS and name not in figures:
            figures[name] = m.FigureOut(
                value=fig["value"],
                qualifier=fig["qualifier"] or "exact",
                low=fig["low"],
                high=fig["high"],
                evidence=_spans(fig["evidence"]),
            )
    victims = [
        m.VictimOut(
            age=v["age"],
            age_months=v["age_months"],
            sex=v["sex"],
            outcome=v["outcome"],
            child=bool(v["child"]),
            evidence=_spans(v["evidence"]),
        )
        for v in row.get("victims", [])
    ]
    return m.IncidentDetail(
        **_summary_fields(row, coarsener),
        figures=m.IncidentFigures(**figures),
        victims=victims,
        evidence=_spans(row.get("evidence", [])),
        place_evidence=_spans(row.get("place_evidence", [])),
        excerpt=_spans(row.get("excerpt", [])),
        report=_report_ref(row),
    )


def feature(row: dict[str, Any], coarsener: Coarsener) -> dict[str, Any] | None:
    """A GeoJSON point (schema `m.Feature`) for an incident with coordinates; None without.

    Plain dicts, not models: the map asks for every incident at once, and building tens of
    thousands of models would dominate the response time.
    """
    lat, lon, coarsened = coarsener.apply(
        row.get("lat"), row.get("lon"), reference_time(row.get("date"), row.get("report_published"))
    )
    if lat is None or lon is None:
        return None
    name = row.get("place") or (f"near {row['near']}" if row.get("near") else None)
    return {
        "type": "Feature",
        "id": row["id"],
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "id": row["id"],
            "report_id": row["report_id"],
            "date": row.get("date"),
            "place_name": name,
            "admin1": row.get("admin1"),
            "country": row.get("country"),
            "precision": row.get("precision"),
            **{h: row.get(h) for h in HARM_FIELDS},
            "weapon": row.get("weapon"),
            "targets": list(row.get("targets") or []),
            "coarsened": coarsened,
        },
    }


def wave(row: dict[str, Any]) -> m.WaveOut:
    return m.WaveOut(
        id=row["id"],
        report_id=row["report_id"],
        attacker=row.get("attacker"),
        target_country=row.get("target_country"),
        period=row.get("period"),
        date=row.get("date"),
        launched={w: row.get(f"launched_{w}") for w in WEAPON_CLASSES},
        intercepted={w: row.get(f"intercepted_{w}") for w in WEAPON_CLASSES},
        report=_report_ref(row),
    )


def report(row: dict[str, Any]) -> m.ReportOut:
    return m.ReportOut(
        id=row["id"],
        sha256=row["sha256"],
        external_id=row.get("external_id"),
        url=row.get("url"),
        title=row.get("title"),
        published=row.get("published"),
        source=row.get("source"),
        language=row.get("language") or "en",
        ingested_at=row["ingested_at"],
        version=row.get("version") or 1,
        is_current=bool(row.get("is_current", True)),
        is_attack=bool(row.get("is_attack", True)),
        text=row["text"],
        spans=[
            m.ReportSpan(
                start=s["start"], end=s["end"], text=s["text"], kind=s["kind"], label=s.get("label")
            )
            for s in row.get("spans", [])
        ],
        incident_ids=[i["id"] for i in row.get("incidents", [])],
        wave_ids=[w["id"] for w in row.get("waves", [])],
        warnings=list(row.get("warnings", [])),
    )
