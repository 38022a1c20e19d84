"""Response and request models of the HTTP API: they make the OpenAPI document precise."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Qualifier = Literal["exact", "at_least", "more_than", "about", "up_to", "fewer_than"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---------- errors ----------


class ErrorBody(Model):
    status: int
    message: str


class ErrorResponse(Model):
    error: ErrorBody


# ---------- shared parts ----------


class SpanOut(Model):
    """Character offsets into the report text: `text == report.text[start:end]`."""

    start: int
    end: int
    text: str


class FigureOut(Model):
    value: int | None
    qualifier: str
    low: int | None
    high: int | None
    evidence: list[SpanOut]


class PlaceOut(Model):
    name: str | None
    written: str | None = None
    admin1: str | None
    admin2: str | None = None
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    precision: str | None


class ReportRef(Model):
    """The report an incident or wave came from."""

    id: int
    url: str | None
    title: str | None
    published: str | None
    source: str | None


# ---------- incidents ----------


class IncidentSummary(Model):
    id: int
    report_id: int
    date: str | None
    place: PlaceOut
    near: str | None
    killed: int | None = Field(description="lowest stated figure; its qualifier is apart")
    killed_qualifier: str | None
    injured: int | None
    injured_qualifier: str | None
    children_killed: int | None
    children_injured: int | None
    casualties: int | None
    weapon: str | None
    targets: list[str]
    coarsened: bool = Field(description="true when the coordinates were rounded (recent incident)")


class IncidentPage(Model):
    total: int
    limit: int
    offset: int
    items: list[IncidentSummary]


class VictimOut(Model):
    age: int | None
    age_months: int | None
    sex: str | None
    outcome: str | None
    child: bool
    evidence: list[SpanOut]


class IncidentFigures(Model):
    killed: FigureOut | None = None
    injured: FigureOut | None = None
    children_killed: FigureOut | None = None
    children_injured: FigureOut | None = None
    casualties: FigureOut | None = None


class IncidentDetail(IncidentSummary):
    figures: IncidentFigures
    victims: list[VictimOut]
    evidence: list[SpanOut] = Field(description="spans that mention the incident as a whole")
    place_evidence: list[SpanOut]
    excerpt: list[SpanOut] = Field(description="the sentences holding the evidence, in text order")
    report: ReportRef


# ---------- waves ----------


class WaveOut(Model):
    id: int
    report_id: int
    attacker: str | None
    target_country: str | None
    period: str | None
    date: str | None
    launched: dict[str, int | None] = Field(description="lowest stated figure per weapon class")
    intercepted: dict[str, int | None]
    report: ReportRef


class WavePage(Model):
    total: int
    limit: int
    offset: int
    items: list[WaveOut]


# ---------- reports ----------


class ReportSpan(SpanOut):
    kind: str = Field(description="figure, incident, place, wave, victim or other_place")
    label: str | None = Field(description="where it belongs, e.g. 'incidents.0.killed'")


class ReportOut(Model):
    id: int
    sha256: str
    external_id: str | None
    url: str | None
    title: str | None
    published: str | None
    source: str | None
    language: str
    ingested_at: str
    version: int
    is_current: bool
    is_attack: bool
    text: str
    spans: list[ReportSpan]
    incident_ids: list[int]
    wave_ids: list[int]
    warnings: list[str]


# ---------- series, facets, config ----------


class DayOut(Model):
    date: str
    incidents: int
    killed: int = Field(description="sum of the lowest stated figures")
    injured: int
    children_killed: int
    children_injured: int
    launched_drones: int
    launched_missiles: int
    intercepted_drones: int
    intercepted_missiles: int


class DailySeries(Model):
    days: list[DayOut]


class Facets(Model):
    countries: list[str]
    regions: list[str]
    weapons: list[str]
    targets: list[str]
    first_date: str | None
    last_date: str | None


class ConfigOut(Model):
    version: str
    tile_url: str | None
    tile_attribution: str | None
    coarsen_hours: float
    coarsen_degrees: float
    max_extract_bytes: int


class Health(Model):
    status: Literal["ok"]
    version: str


# ---------- GeoJSON ----------


class PointGeometry(Model):
    type: Literal["Point"]
    coordinates: list[float] = Field(min_length=2, max_length=2, description="[lon, lat]")


class FeatureProperties(Model):
    id: int
    report_id: int
    date: str | None
    place_name: str | None
    admin1: str | None
    country: str | None
    precision: str | None
    killed: int | None
    injured: int | None
    children_killed: int | None
    children_injured: int | None
    casualties: int | None
    weapon: str | None
    targets: list[str]
    coarsened: bool


class Feature(Model):
    type: Literal["Feature"]
    id: int
    geometry: PointGeometry
    properties: FeatureProperties


class FeatureCollection(Model):
    type: Literal["FeatureCollection"]
    features: list[Feature]
    total_matching: int = Field(
        description="incidents matching the filters, with or without coordinates"
    )
    without_coordinates: int


# ---------- extraction (POST /api/extract): the contract of DESIGN §3 ----------
# The contract may gain keys (it adds, never renames): the models below list the known keys
# and let new ones through.


class XModel(BaseModel):
    model_config = ConfigDict(extra="allow")


class ExtractRequest(Model):
    text: str = Field(description="the report text")
    published: str | None = Field(None, description="ISO publication date or datetime")
    url: str | None = None
    title: str | None = None


class XPlace(XModel):
    name: str
    written: str | None
    admin1: str | None
    admin2: str | None
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    precision: str
    confidence: float
    candidates: list[int]
    evidence: list[SpanOut]


class XVictim(XModel):
    age: int | None
    age_months: int | None
    sex: str | None
    outcome: str
    child: bool
    evidence: list[SpanOut]


class XInterceptedOver(XModel):
    place: XPlace
    figure: FigureOut


class XWave(XModel):
    attacker: str | None
    target_country: str | None
    period: str | None
    date: str | None
    launched: dict[str, FigureOut | None]
    intercepted: dict[str, FigureOut | None]
    intercepted_over: list[XInterceptedOver]
    evidence: list[SpanOut]


class XTotals(XModel):
    killed: FigureOut | None
    injured: FigureOut | None
    children_killed: FigureOut | None
    children_injured: FigureOut | None
    casualties: FigureOut | None


class XIncident(XModel):
    place: XPlace | None
    near: str | None
    killed: FigureOut | None
    injured: FigureOut | None
    children_killed: FigureOut | None
    children_injured: FigureOut | None
    casualties: FigureOut | None
    victims: list[XVictim]
    targets: list[str]
    weapon: str | None
    date: str | None
    evidence: list[SpanOut]


class XOtherPlace(XModel):
    name: str
    role: str
    place: XPlace | None


class XReportMeta(XModel):
    id: str
    url: str | None
    title: str | None
    published: str | None
    language: str


class ExtractionOut(XModel):
    """An extraction as `strikelog extract --format json` prints it; nothing is stored."""

    report: XReportMeta
    is_attack: bool
    waves: list[XWave]
    totals: XTotals
    incidents: list[XIncident]
    other_places: list[XOtherPlace]
    warnings: list[str]
