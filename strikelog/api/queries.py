"""Queries the web page needs beyond `strikelog.store.query`: the values its filters offer."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from strikelog.store import schema as s
from strikelog.store.db import Store

REPORTS, INCIDENTS = s.reports, s.incidents


def _distinct(conn: sa.Connection, column: Any) -> list[str]:
    stmt = (
        sa.select(column)
        .select_from(INCIDENTS.join(REPORTS, INCIDENTS.c.report_id == REPORTS.c.id))
        .where(REPORTS.c.is_current == sa.true(), column.is_not(None), column != "")
        .distinct()
        .order_by(column)
    )
    return [str(v) for v in conn.execute(stmt).scalars()]


def facets(store: Store) -> dict[str, Any]:
    """Distinct countries, regions, weapons and target classes of current incidents, and the
    first and last incident dates."""
    with store.read() as conn:
        targets: set[str] = set()
        for raw in _distinct(conn, INCIDENTS.c.targets):
            try:
                targets.update(str(t) for t in json.loads(raw))
            except (ValueError, TypeError):
                continue
        first, last = conn.execute(
            sa.select(sa.func.min(INCIDENTS.c.date), sa.func.max(INCIDENTS.c.date))
            .select_from(INCIDENTS.join(REPORTS, INCIDENTS.c.report_id == REPORTS.c.id))
            .where(REPORTS.c.is_current == sa.true())
        ).one()
        return {
            "countries": _distinct(conn, INCIDENTS.c.country),
            "regions": _distinct(conn, INCIDENTS.c.admin1),
            "weapons": _distinct(conn, INCIDENTS.c.weapon),
            "targets": sorted(targets),
            "first_date": first,
            "last_date": last,
        }
