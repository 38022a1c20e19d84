"""Read incidents, waves, reports and daily series from the store (parameterised SQL only).

Every function takes a `Store` and returns plain dicts/lists ready for JSON, tables or CSV.
By default only current report versions count (`include_superseded=False`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from strikelog.models import HARM_FIELDS, WEAPON_CLASSES
from strikelog.store import schema as s
from strikelog.store.db import Store

R, INC, W, F, V = s.reports, s.incidents, s.waves, s.figures, s.victims


@dataclass
class IncidentFilter:
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    country: str | None = None  # ISO 3166-1 alpha-2, any case
    admin1: str | None = None  # case-insensitive substring: "Kharkiv" finds "Kharkiv Oblast"
    place: str | None = None  # case-insensitive name, written name, or "near" place
    weapon: str | None = None  # a class; "missile" also finds ballistic_/cruise_missile
    target: str | None = None  # a target class (residential, energy, …)
    min_killed: int | None = None  # lowest killed figure >= this
    report_id: int | None = None
    q: str | None = None  # full-text search over the report text
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    include_superseded: bool = False


@dataclass
class WaveFilter:
    since: str | None = None
    until: str | None = None
    country: str | None = None  # target country
    attacker: str | None = None  # case-insensitive
    weapon: str | None = None  # waves that launched this class
    report_id: int | None = None
    q: str | None = None
    include_superseded: bool = False


INCIDENT_SORTS: dict[str, Any] = {
    "date": (INC.c.date, False),
    "-date": (INC.c.date, True),
    "killed": (INC.c.killed, False),
    "-killed": (INC.c.killed, True),
    "injured": (INC.c.injured, False),
    "-injured": (INC.c.injured, True),
    "id": (INC.c.id, False),
    "-id": (INC.c.id, True),
    "country": (INC.c.country, False),
    "place": (INC.c.place, False),
}
WAVE_SORTS: dict[str, Any] = {
    "date": (W.c.date, False),
    "-date": (W.c.date, True),
    "id": (W.c.id, False),
    "-id": (W.c.id, True),
    "drones": (W.c.launched_drone, False),
    "-drones": (W.c.launched_drone, True),
}


# --------------------------------------------------------------------------- filters


def _text_search(conn: Connection, q: str) -> ColumnElement[bool]:
    if conn.dialect.name == "sqlite":
        # Each word quoted: user input never reaches FTS5's query syntax.
        words = [w.replace('"', '""') for w in q.split()]
        match = " ".join(f'"{w}"' for w in words) or '""'
        fts = sa.table("reports_fts", sa.column("rowid"))
        sub = sa.select(fts.c.rowid).where(
            sa.text("reports_fts MATCH :fts_q").bindparams(fts_q=match)
        )
        return R.c.id.in_(sub)
    vector = sa.func.to_tsvector(
        sa.literal_column(f"'{s.FTS_PG_CONFIG}'"), sa.func.left(R.c.text, s.FTS_PG_CHARS)
    )
    query = sa.func.plainto_tsquery(sa.literal_column(f"'{s.FTS_PG_CONFIG}'"), q)
    return vector.bool_op("@@")(query)


def _weapon_match(col: Any, weapon: str) -> ColumnElement[bool]:
    weapon = weapon.strip().lower()
    return sa.or_(col == weapon, col.like(f"%\\_{_escape_like(weapon)}", escape="\\"))


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _incident_conditions(conn: Connection, flt: IncidentFilter) -> list[ColumnElement[bool]]:
    cond: list[ColumnElement[bool]] = []
    if not flt.include_superseded:
        cond.append(R.c.is_current == sa.true())
    if flt.since:
        cond.append(INC.c.date >= flt.since)
    if flt.until:
        cond.append(INC.c.date <= flt.until)
    if flt.country:
        cond.append(INC.c.country == flt.country.strip().upper())  # stored upper-case
    if flt.admin1:
        pattern = f"%{_escape_like(flt.admin1.strip().lower())}%"
        cond.append(sa.func.lower(INC.c.admin1).like(pattern, escape="\\"))
    if flt.place:
        name = flt.place.strip().lower()
        cond.append(
            sa.or_(
                sa.func.lower(INC.c.place) == name,
                sa.func.lower(INC.c.place_written) == name,
                sa.func.lower(INC.c.near) == name,
            )
        )
    if flt.weapon:
        cond.append(_weapon_match(INC.c.weapon, flt.weapon))
    if flt.target:
        token = json.dumps(flt.target.strip().lower())
        cond.append(INC.c.targets.like(f"%{_escape_like(token)}%", escape="\\"))
    if flt.min_killed is not None:
        cond.append(INC.c.killed >= flt.min_killed)
    if flt.report_id is not None:
        cond.append(INC.c.report_id == flt.report_id)
    if flt.q:
        cond.append(_text_search(conn, flt.q))
    if flt.bbox is not None:
        west, south, east, north = flt.bbox
        cond += [INC.c.lon >= west, INC.c.lon <= east, INC.c.lat >= south, INC.c.lat <= north]
    return cond


def _wave_conditions(conn: Connection, flt: WaveFilter) -> list[ColumnElement[bool]]:
    cond: list[ColumnElement[bool]] = []
    if not flt.include_superseded:
        cond.append(R.c.is_current == sa.true())
    if flt.since:
        cond.append(W.c.date >= flt.since)
    if flt.until:
        cond.append(W.c.date <= flt.until)
    if flt.country:
        cond.append(W.c.target_country == flt.country.strip().upper())
    if flt.attacker:
        cond.append(sa.func.lower(W.c.attacker) == flt.attacker.strip().lower())
    if flt.weapon:
        weapon = flt.weapon.strip().lower()
        launched = [
            W.c[f"launched_{w}"] for w in WEAPON_CLASSES if w == weapon or w.endswith("_" + weapon)
        ]
        if not launched:
            cond.append(sa.false())
        else:
            cond.append(sa.or_(*[c.is_not(None) for c in launched]))
    if flt.report_id is not None:
        cond.append(W.c.report_id == flt.report_id)
    if flt.q:
        cond.append(_text_search(conn, flt.q))
    return cond


def _order(sorts: dict[str, Any], sort: str, tiebreak: Any) -> list[Any]:
    if sort not in sorts:
        raise ValueError(f"unknown sort {sort!r}; use one of {', '.join(sorts)}")
    col, desc = sorts[sort]
    first = col.desc().nulls_last() if desc else col.asc().nulls_last()
    return [first, tiebreak.desc() if desc else tiebreak.asc()]


# --------------------------------------------------------------------------- incidents

_INCIDENT_COLUMNS = [
    INC.c.id,
    INC.c.report_id,
    INC.c.date,
    INC.c.place,
    INC.c.place_written,
    INC.c.admin1,
    INC.c.admin2,
    INC.c.country,
    INC.c.lat,
    INC.c.lon,
    INC.c.geonameid,
    INC.c.precision,
    INC.c.confidence,
    INC.c.near,
    INC.c.weapon,
    INC.c.targets,
    *[INC.c[n] for n in HARM_FIELDS],
    *[INC.c[f"{n}_qualifier"] for n in HARM_FIELDS],
    R.c.url.label("report_url"),
    R.c.title.label("report_title"),
    R.c.published.label("report_published"),
    s.sources.c.name.label("source"),
]


def _incident_select(columns: list[Any]) -> sa.Select[Any]:
    return sa.select(*columns).select_from(
        INC.join(R, INC.c.report_id == R.c.id).outerjoin(s.sources, R.c.source_id == s.sources.c.id)
    )


def _incident_row(row: Any) -> dict[str, Any]:
    d = dict(row._mapping)
    d["targets"] = json.loads(d["targets"]) if d.get("targets") else []
    return d


def query_incidents(
    store: Store,
    flt: IncidentFilter | None = None,
    *,
    limit: int | None = 100,
    offset: int = 0,
    sort: str = "-date",
) -> list[dict[str, Any]]:
    """Incidents matching the filter, one flat dict each (harm = lowest figure + qualifier)."""
    flt = flt or IncidentFilter()
    with store.read() as conn:
        stmt = (
            _incident_select(_INCIDENT_COLUMNS)
            .where(*_incident_conditions(conn, flt))
            .order_by(*_order(INCIDENT_SORTS, sort, INC.c.id))
            .offset(offset)
        )
        if limit is not None:
            stmt = stmt.limit(limit)
        return [_incident_row(r) for r in conn.execute(stmt)]


def iter_incident_pages(
    store: Store, flt: IncidentFilter | None = None, *, batch: int = 1000
) -> Iterator[list[dict[str, Any]]]:
    """All matching incidents in id order, a page at a time (keyset paging: constant memory)."""
    flt = flt or IncidentFilter()
    last = 0
    while True:
        with store.read() as conn:
            stmt = (
                _incident_select(_INCIDENT_COLUMNS)
                .where(INC.c.id > last, *_incident_conditions(conn, flt))
                .order_by(INC.c.id)
                .limit(batch)
            )
            rows = [_incident_row(r) for r in conn.execute(stmt)]
        if not rows:
            return
        yield rows
        last = rows[-1]["id"]


def count_incidents(store: Store, flt: IncidentFilter | None = None) -> int:
    flt = flt or IncidentFilter()
    with store.read() as conn:
        stmt = _incident_select([sa.func.count()]).where(*_incident_conditions(conn, flt))
        return int(conn.execute(stmt).scalar_one())


def get_incident(store: Store, incident_id: int) -> dict[str, Any] | None:
    """One incident with its figures (and their spans), victims, evidence and report excerpt."""
    with store.read() as conn:
        row = conn.execute(
            _incident_select([*_INCIDENT_COLUMNS, R.c.text]).where(INC.c.id == incident_id)
        ).first()
        if row is None:
            return None
        out = _incident_row(row)
        text: str = out.pop("text")
        raw = conn.execute(
            sa.select(INC.c.evidence, INC.c.place_evidence).where(INC.c.id == incident_id)
        ).one()
        out["evidence"] = spans_with_text(raw.evidence, text)
        out["place_evidence"] = spans_with_text(raw.place_evidence, text)
        fig_rows = conn.execute(
            sa.select(F)
            .where(F.c.owner_table == "incidents", F.c.owner_id == incident_id)
            .order_by(F.c.id)
        )
        out["figures"] = [_figure_dict(f, text) for f in fig_rows]
        vic_rows = conn.execute(
            sa.select(V).where(V.c.incident_id == incident_id).order_by(V.c.ordinal)
        )
        out["victims"] = [
            {
                "age": v.age,
                "age_months": v.age_months,
                "sex": v.sex,
                "outcome": v.outcome,
                "child": bool(v.child),
                "evidence": spans_with_text(v.evidence, text),
            }
            for v in vic_rows
        ]
        all_spans = out["evidence"] + [e for f in out["figures"] for e in f["evidence"]]
        out["excerpt"] = sentences_around(text, all_spans)
        return out


def _figure_dict(f: Any, text: str) -> dict[str, Any]:
    evidence = []
    if f.span_start is not None:
        evidence.append({"start": f.span_start, "end": f.span_end, "text": f.span_text})
    evidence += spans_with_text(f.more_spans, text)
    return {
        "id": f.id,
        "path": f.path,
        "field": f.field,
        "label": f.label,
        "value": f.value,
        "qualifier": f.qualifier,
        "low": f.low,
        "high": f.high,
        "evidence": evidence,
    }


# --------------------------------------------------------------------------- waves

_WAVE_COLUMNS = [
    W.c.id,
    W.c.report_id,
    W.c.date,
    W.c.period,
    W.c.attacker,
    W.c.target_country,
    *[W.c[f"launched_{w}"] for w in WEAPON_CLASSES],
    *[W.c[f"intercepted_{w}"] for w in WEAPON_CLASSES],
    R.c.url.label("report_url"),
    R.c.title.label("report_title"),
    R.c.published.label("report_published"),
    s.sources.c.name.label("source"),
]


def _wave_select(columns: list[Any]) -> sa.Select[Any]:
    return sa.select(*columns).select_from(
        W.join(R, W.c.report_id == R.c.id).outerjoin(s.sources, R.c.source_id == s.sources.c.id)
    )


def query_waves(
    store: Store,
    flt: WaveFilter | None = None,
    *,
    limit: int | None = 100,
    offset: int = 0,
    sort: str = "-date",
) -> list[dict[str, Any]]:
    """Attack waves matching the filter; launched_*/intercepted_* hold the lowest figures."""
    flt = flt or WaveFilter()
    with store.read() as conn:
        stmt = (
            _wave_select(_WAVE_COLUMNS)
            .where(*_wave_conditions(conn, flt))
            .order_by(*_order(WAVE_SORTS, sort, W.c.id))
            .offset(offset)
        )
        if limit is not None:
            stmt = stmt.limit(limit)
        return [dict(r._mapping) for r in conn.execute(stmt)]


def count_waves(store: Store, flt: WaveFilter | None = None) -> int:
    flt = flt or WaveFilter()
    with store.read() as conn:
        stmt = _wave_select([sa.func.count()]).where(*_wave_conditions(conn, flt))
        return int(conn.execute(stmt).scalar_one())


# --------------------------------------------------------------------------- daily series

SERIES_FIELDS = (
    "killed",
    "injured",
    "children_killed",
    "children_injured",
    "incidents",
    "launched_drones",
    "launched_missiles",
    "intercepted_drones",
    "intercepted_missiles",
)


def _missiles(prefix: str) -> Any:
    # "missile" is the total when given; else ballistic + cruise (DESIGN §3).
    return sa.func.coalesce(
        W.c[f"{prefix}_missile"],
        sa.func.coalesce(W.c[f"{prefix}_ballistic_missile"], 0)
        + sa.func.coalesce(W.c[f"{prefix}_cruise_missile"], 0),
    )


def daily_series(store: Store, flt: IncidentFilter | None = None) -> list[dict[str, Any]]:
    """Per day: summed incident harm (lowest figures) and wave launch/intercept counts.

    Incident sums honour every filter; waves honour since/until/country/report_id/q only
    (they are national, not placed). Reports of the same strike are not merged yet, so a
    strike told by two sources counts twice.
    """
    flt = flt or IncidentFilter()
    days: dict[str, dict[str, Any]] = {}

    def day(date: str) -> dict[str, Any]:
        return days.setdefault(date, {"date": date, **{k: 0 for k in SERIES_FIELDS}})

    with store.read() as conn:
        inc = (
            sa.select(
                INC.c.date,
                *[
                    sa.func.coalesce(sa.func.sum(INC.c[n]), 0).label(n)
                    for n in HARM_FIELDS
                    if n != "casualties"
                ],
                sa.func.count().label("incidents"),
            )
            .select_from(INC.join(R, INC.c.report_id == R.c.id))
            .where(INC.c.date.is_not(None), *_incident_conditions(conn, flt))
            .group_by(INC.c.date)
        )
        for r in conn.execute(inc):
            d = day(r.date)
            for n in ("killed", "injured", "children_killed", "children_injured", "incidents"):
                d[n] = int(getattr(r, n))
        wflt = WaveFilter(
            since=flt.since,
            until=flt.until,
            country=flt.country,
            report_id=flt.report_id,
            q=flt.q,
            include_superseded=flt.include_superseded,
        )
        wav = (
            sa.select(
                W.c.date,
                sa.func.coalesce(sa.func.sum(W.c.launched_drone), 0).label("launched_drones"),
                sa.func.coalesce(sa.func.sum(_missiles("launched")), 0).label("launched_missiles"),
                sa.func.coalesce(sa.func.sum(W.c.intercepted_drone), 0).label("intercepted_drones"),
                sa.func.coalesce(sa.func.sum(_missiles("intercepted")), 0).label(
                    "intercepted_missiles"
                ),
            )
            .select_from(W.join(R, W.c.report_id == R.c.id))
            .where(W.c.date.is_not(None), *_wave_conditions(conn, wflt))
            .group_by(W.c.date)
        )
        for wr in conn.execute(wav):
            d = day(wr.date)
            for n in (
                "launched_drones",
                "launched_missiles",
                "intercepted_drones",
                "intercepted_missiles",
            ):
                d[n] = int(getattr(wr, n))
    return [days[k] for k in sorted(days)]


# --------------------------------------------------------------------------- reports

_HEX = re.compile(r"^(sha256:)?[0-9a-f]{64}$")


def _report_where(report_id: int | str) -> ColumnElement[bool]:
    if isinstance(report_id, int) or (str(report_id).isascii() and str(report_id).isdigit()):
        return R.c.id == int(report_id)
    key = str(report_id).strip().lower()
    if _HEX.match(key):
        return R.c.sha256 == (key if key.startswith("sha256:") else "sha256:" + key)
    return R.c.external_id == str(report_id)


def get_report(store: Store, report_id: int | str) -> dict[str, Any] | None:
    """A report (by row id, sha256 or given id) with its text, evidence spans and extraction rows.

    `spans` lists every span behind a figure, an incident, a wave, a place or a victim,
    sorted by position: {start, end, text, kind, label}.
    """
    with store.read() as conn:
        row = conn.execute(
            sa.select(R, s.sources.c.name.label("source"))
            .select_from(R.outerjoin(s.sources, R.c.source_id == s.sources.c.id))
            .where(_report_where(report_id))
        ).first()
        if row is None:
            return None
        out = dict(row._mapping)
        out["is_current"] = bool(out["is_current"])
        out["is_attack"] = bool(out["is_attack"])
        text: str = out["text"]
        rid = out["id"]
        out["spans"] = _report_spans(conn, rid, text)
        out["incidents"] = [
            _incident_row(r)
            for r in conn.execute(
                _incident_select(_INCIDENT_COLUMNS)
                .where(INC.c.report_id == rid)
                .order_by(INC.c.ordinal)
            )
        ]
        out["waves"] = [
            dict(r._mapping)
            for r in conn.execute(
                _wave_select(_WAVE_COLUMNS).where(W.c.report_id == rid).order_by(W.c.ordinal)
            )
        ]
        tot = conn.execute(sa.select(s.totals).where(s.totals.c.report_id == rid)).first()
        out["totals"] = {k: v for k, v in tot._mapping.items() if k != "report_id"} if tot else {}
        out["warnings"] = list(
            conn.execute(
                sa.select(s.warnings.c.message)
                .where(s.warnings.c.report_id == rid)
                .order_by(s.warnings.c.id)
            ).scalars()
        )
        out["versions"] = _versions(conn, out["url"], rid)
        return out


def _versions(conn: Connection, url: str | None, rid: int) -> list[dict[str, Any]]:
    if not url:
        return [{"id": rid}]
    rows = conn.execute(
        sa.select(R.c.id, R.c.version, R.c.is_current, R.c.ingested_at)
        .where(R.c.url == url)
        .order_by(R.c.version)
    )
    return [
        {
            "id": r.id,
            "version": r.version,
            "is_current": bool(r.is_current),
            "ingested_at": r.ingested_at,
        }
        for r in rows
    ]


def _report_spans(conn: Connection, rid: int, text: str) -> list[dict[str, Any]]:
    spans: list[dict[str, Any]] = []

    def add(evidence: str | None, kind: str, label: str | None) -> None:
        for sp in spans_with_text(evidence, text):
            spans.append({**sp, "kind": kind, "label": label})

    for f in conn.execute(sa.select(F).where(F.c.report_id == rid)):
        for sp in _figure_dict(f, text)["evidence"]:
            spans.append({**sp, "kind": "figure", "label": f.path})
    for r in conn.execute(
        sa.select(INC.c.ordinal, INC.c.evidence, INC.c.place_evidence).where(INC.c.report_id == rid)
    ):
        add(r.evidence, "incident", f"incidents.{r.ordinal}")
        add(r.place_evidence, "place", f"incidents.{r.ordinal}.place")
    for w in conn.execute(sa.select(W.c.ordinal, W.c.evidence).where(W.c.report_id == rid)):
        add(w.evidence, "wave", f"waves.{w.ordinal}")
    for v in conn.execute(sa.select(V.c.ordinal, V.c.evidence).where(V.c.report_id == rid)):
        add(v.evidence, "victim", f"victims.{v.ordinal}")
    for o in conn.execute(
        sa.select(s.other_places.c.ordinal, s.other_places.c.evidence).where(
            s.other_places.c.report_id == rid
        )
    ):
        add(o.evidence, "other_place", f"other_places.{o.ordinal}")
    spans.sort(key=lambda sp: (sp["start"], -sp["end"]))
    return spans


def query_reports(
    store: Store,
    *,
    q: str | None = None,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    include_superseded: bool = False,
    limit: int | None = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Reports (without text) newest first, with counts of their incidents and waves."""
    n_inc = sa.select(sa.func.count()).where(INC.c.report_id == R.c.id).scalar_subquery()
    n_wav = sa.select(sa.func.count()).where(W.c.report_id == R.c.id).scalar_subquery()
    with store.read() as conn:
        cond: list[ColumnElement[bool]] = []
        if not include_superseded:
            cond.append(R.c.is_current == sa.true())
        if since:
            cond.append(R.c.published >= since)
        if until:
            # published may be a timestamp: compare its day.
            cond.append(sa.func.substr(R.c.published, 1, 10) <= until)
        if source:
            cond.append(s.sources.c.name == source)
        if q:
            cond.append(_text_search(conn, q))
        stmt = (
            sa.select(
                R.c.id,
                R.c.sha256,
                R.c.external_id,
                R.c.url,
                R.c.title,
                R.c.published,
                R.c.language,
                R.c.version,
                R.c.is_current,
                R.c.is_attack,
                R.c.ingested_at,
                s.sources.c.name.label("source"),
                n_inc.label("n_incidents"),
                n_wav.label("n_waves"),
            )
            .select_from(R.outerjoin(s.sources, R.c.source_id == s.sources.c.id))
            .where(*cond)
            .order_by(R.c.published.desc().nulls_last(), R.c.id.desc())
            .offset(offset)
        )
        if limit is not None:
            stmt = stmt.limit(limit)
        out = []
        for r in conn.execute(stmt):
            d = dict(r._mapping)
            d["is_current"], d["is_attack"] = bool(d["is_current"]), bool(d["is_attack"])
            out.append(d)
        return out


def store_stats(store: Store) -> dict[str, int]:
    """Row counts: reports (current and all), incidents, waves, figures, sources."""
    with store.read() as conn:

        def count(table: sa.Table, *where: ColumnElement[bool]) -> int:
            return int(
                conn.execute(
                    sa.select(sa.func.count()).select_from(table).where(*where)
                ).scalar_one()
            )

        return {
            "reports": count(R, R.c.is_current == sa.true()),
            "report_versions": count(R),
            "incidents": count(INC),
            "waves": count(W),
            "figures": count(F),
            "sources": count(s.sources),
        }


# --------------------------------------------------------------------------- spans


def spans_with_text(evidence: str | None, text: str) -> list[dict[str, Any]]:
    """Decode a JSON `[[start, end], ...]` column into spans carrying their text."""
    if not evidence:
        return []
    return [{"start": a, "end": b, "text": text[a:b]} for a, b in json.loads(evidence)]


_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def sentences_around(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sentences (or lines) holding the spans, merged, in text order."""
    ranges: list[tuple[int, int]] = []
    for sp in spans:
        start, end = int(sp["start"]), int(sp["end"])
        left = max(0, start - 1000)
        for m in _SENTENCE_END.finditer(text, left, start):
            left = m.end()
        m_right = _SENTENCE_END.search(text, end)
        right = m_right.end() if m_right else len(text)
        while left < start and text[left].isspace():
            left += 1
        ranges.append((left, right))
    merged: list[list[int]] = []
    for a, b in sorted(ranges):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [{"start": a, "end": b, "text": text[a:b].strip()} for a, b in merged]
