"""Tables of the strikelog database (DESIGN §4), one definition for SQLite and PostgreSQL.

Conventions:
- Dates are ISO text (`YYYY-MM-DD`, or a full timestamp for `published`): they sort and
  compare as text on both backends.
- A harm figure on an incident or the totals is two columns: `<field>` holds the lowest
  figure (`low`, else `value`) so sums and `--min-killed` never overstate, and
  `<field>_qualifier` keeps "at_least", "about", … The full figure (value, low, high and its
  text span) is a row of `figures`, the evidence table.
- A wave has one column per weapon class for launched and intercepted (lowest figure);
  keys outside `WEAPON_CLASSES` still reach `figures`.
- Lists (targets, candidates) and evidence spans of a record are JSON text; spans are
  stored as `[[start, end], ...]` offsets, their text is `reports.text[start:end]`.
"""

from __future__ import annotations

import sqlalchemy as sa

from strikelog.models import HARM_FIELDS, WEAPON_CLASSES

metadata = sa.MetaData()

# Named migrations applied to this database, in order (see migrations.py).
schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("applied_at", sa.String(40), nullable=False),
)

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(300), nullable=False, unique=True),
    sa.Column("kind", sa.String(40)),  # file, feed, telegram, url, jsonl, api…
    sa.Column("url", sa.Text),
)

reports = sa.Table(
    "reports",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), index=True),
    sa.Column("external_id", sa.Text),  # the id the input gave (jsonl "id", message id…)
    sa.Column("url", sa.Text),  # looked up through uq_reports_url_version
    sa.Column("title", sa.Text),
    sa.Column("published", sa.String(40), index=True),
    sa.Column("language", sa.String(16), nullable=False, server_default="en"),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(80), nullable=False, unique=True),
    # A changed text at the same URL is a new row: version+1, supersedes the old row,
    # and only the newest is current. Old rows and their extractions are kept.
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    sa.Column("supersedes", sa.Integer, sa.ForeignKey("reports.id")),
    sa.Column("is_current", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("origin", sa.Text),  # where it was read from: "feed.xml:3"
    sa.Column("ingested_at", sa.String(40), nullable=False),
    sa.Column("is_attack", sa.Boolean, nullable=False, server_default=sa.true()),
    # Two rows can share a URL only as different versions.
    sa.UniqueConstraint("url", "version", name="uq_reports_url_version"),
)

waves = sa.Table(
    "waves",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id"), nullable=False, index=True),
    sa.Column("ordinal", sa.Integer, nullable=False),  # index in the extraction
    sa.Column("attacker", sa.String(100)),
    sa.Column("target_country", sa.String(8)),
    sa.Column("period", sa.String(20)),
    sa.Column("date", sa.String(10), index=True),
    *[sa.Column(f"launched_{w}", sa.Integer) for w in WEAPON_CLASSES],
    *[sa.Column(f"intercepted_{w}", sa.Integer) for w in WEAPON_CLASSES],
    sa.Column("evidence", sa.Text),  # JSON [[start, end], ...]
)


def _harm_columns() -> list[sa.Column]:
    cols: list[sa.Column] = []
    for name in HARM_FIELDS:
        cols.append(sa.Column(name, sa.Integer))
        cols.append(sa.Column(f"{name}_qualifier", sa.String(16)))
    return cols


incidents = sa.Table(
    "incidents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id"), nullable=False, index=True),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("place", sa.Text),  # resolved name (or the written one when unresolved)
    sa.Column("place_written", sa.Text),
    sa.Column("admin1", sa.Text),  # matched as a substring: no index helps
    sa.Column("admin2", sa.Text),
    sa.Column("country", sa.String(8), index=True),  # ISO code, upper-case
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("geonameid", sa.Integer),
    sa.Column("precision", sa.String(16)),
    sa.Column("confidence", sa.Float),
    sa.Column("candidates", sa.Text),  # JSON list of geonameids
    sa.Column("place_evidence", sa.Text),  # JSON spans
    sa.Column("near", sa.Text),
    # The incident's date, else the report's publication day (so every incident sorts).
    sa.Column("date", sa.String(10), index=True),
    sa.Column("weapon", sa.String(40)),
    sa.Column("targets", sa.Text),  # JSON list of target classes
    *_harm_columns(),
    sa.Column("evidence", sa.Text),  # JSON spans
)

victims = sa.Table(
    "victims",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("incident_id", sa.Integer, sa.ForeignKey("incidents.id"), nullable=False, index=True),
    sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id"), nullable=False, index=True),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("age", sa.Integer),
    sa.Column("age_months", sa.Integer),
    sa.Column("sex", sa.String(10)),
    sa.Column("outcome", sa.String(10)),
    sa.Column("child", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("evidence", sa.Text),
)

totals = sa.Table(
    "totals",
    metadata,
    sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id"), primary_key=True),
    *_harm_columns(),
)

other_places = sa.Table(
    "other_places",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id"), nullable=False, index=True),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("role", sa.String(60)),
    sa.Column("place", sa.Text),
    sa.Column("admin1", sa.Text),
    sa.Column("country", sa.String(8)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("geonameid", sa.Integer),
    sa.Column("precision", sa.String(16)),
    sa.Column("evidence", sa.Text),
)

# The evidence table: one row per extracted number, with its (first) text span.
figures = sa.Table(
    "figures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id"), nullable=False, index=True),
    sa.Column("owner_table", sa.String(20), nullable=False),  # waves | incidents | totals
    sa.Column("owner_id", sa.Integer),  # waves.id / incidents.id; null for totals
    sa.Column("path", sa.String(100), nullable=False),  # Extraction.figures() path
    sa.Column("field", sa.String(60), nullable=False),  # killed, launched.drone, …
    sa.Column("label", sa.Text),  # e.g. the region of an "intercepted over" figure
    sa.Column("value", sa.Integer),
    sa.Column("qualifier", sa.String(16)),
    sa.Column("low", sa.Integer),
    sa.Column("high", sa.Integer),
    sa.Column("span_start", sa.Integer),
    sa.Column("span_end", sa.Integer),
    sa.Column("span_text", sa.Text),
    sa.Column("more_spans", sa.Text),  # JSON spans beyond the first, when a figure has several
    sa.Index("ix_figures_owner", "owner_table", "owner_id"),
)

warnings = sa.Table(
    "warnings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id"), nullable=False, index=True),
    sa.Column("message", sa.Text, nullable=False),
)

# Rows of one report's extraction, children first (the order to delete them in).
EXTRACTION_TABLES = (figures, victims, warnings, other_places, totals, incidents, waves)

# Full-text search over report text. PostgreSQL indexes the first FTS_PG_CHARS characters
# (a tsvector holds at most 1 MB); queries must use the same expression.
FTS_PG_CHARS = 100_000
FTS_PG_CONFIG = "simple"
