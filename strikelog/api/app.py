"""The HTTP API and web page: `create_app(db_url, settings=…)` returns a FastAPI app.

Read-only: no endpoint writes to the database. `POST /api/extract` runs the extractor on a
posted text and returns the extraction without storing it. Every error is JSON (errors.py);
every coordinate goes through the coarsening setting (views.py); the interactive docs and the
map are served from local files only (static/, static/vendor/ built by scripts/build-web.sh).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from strikelog import __version__
from strikelog.api import queries, views
from strikelog.api import schemas as m
from strikelog.api.coarsen import Coarsener
from strikelog.api.errors import ApiError, install_error_handlers
from strikelog.api.schemas import ErrorResponse
from strikelog.api.settings import Settings
from strikelog.models import TARGET_CLASSES, WEAPON_CLASSES, Report
from strikelog.store import query as q
from strikelog.store.db import Store, open_store

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
# Files the page cannot work without; their absence means the web build has not run.
REQUIRED_VENDOR_FILES = (
    "leaflet/leaflet.js",
    "markercluster/leaflet.markercluster.js",
    "topojson/topojson-client.min.js",
    "world-atlas/countries-50m.json",
    "uplot/uPlot.iife.min.js",
)
SWAGGER_FILES = ("swagger-ui/swagger-ui-bundle.js", "swagger-ui/swagger-ui.css")
BUILD_HINT = "Run scripts/build-web.sh (or make web) to install the map and docs assets."

IncidentSort = Literal[
    "date", "-date", "killed", "-killed", "injured", "-injured", "id", "-id", "country", "place"
]
WaveSort = Literal["date", "-date", "id", "-id", "drones", "-drones"]
Weapon = Literal[WEAPON_CLASSES]  # type: ignore[valid-type]
Target = Literal[TARGET_CLASSES]  # type: ignore[valid-type]

# Plain text without control characters: filters never need them and some databases
# reject them (PostgreSQL refuses NUL in text).
_TEXT = r"^[^\x00-\x1f\x7f]*$"
_BBOX = r"^-?\d{1,3}(\.\d{1,8})?(,-?\d{1,3}(\.\d{1,8})?){3}$"
_MAX_OFFSET = 10_000_000
_MAX_COUNT = 1_000_000_000


class GeoJSONResponse(JSONResponse):
    media_type = "application/geo+json"


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "Not found"},
    422: {"model": ErrorResponse, "description": "Invalid parameters"},
}


# --------------------------------------------------------------------------- parameters


def _day_query(description: str) -> Any:
    # A string with format "date" rather than `date`: pydantic would also take 0 as 1970-01-01.
    return Query(
        description=description,
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        json_schema_extra={"format": "date"},
    )


def _day(name: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise ApiError(422, f"{name}: not a date: {value!r}") from exc


def _parse_bbox(bbox: str | None) -> tuple[float, float, float, float] | None:
    """Four numbers; out-of-range or inverted boxes simply match nothing."""
    if not bbox:
        return None
    west, south, east, north = (float(v) for v in bbox.split(","))
    return west, south, east, north


Since = Annotated[str | None, _day_query("first day, ISO date (inclusive)")]
Until = Annotated[str | None, _day_query("last day, ISO date (inclusive)")]
Country = Annotated[
    str | None, Query(description="ISO 3166-1 alpha-2 code, e.g. UA", pattern=r"^[A-Za-z]{2}$")
]
ReportId = Annotated[int | None, Query(ge=1, le=2**62, description="only this report (row id)")]
SearchText = Annotated[
    str | None,
    Query(alias="q", description="full-text search in report text", max_length=500, pattern=_TEXT),
]


def _region_query(description: str) -> Any:
    return Query(description=description, max_length=200, pattern=_TEXT)


def incident_filter(
    since: Since = None,
    until: Until = None,
    country: Country = None,
    region: Annotated[
        str | None, _region_query("first-level region (oblast…), case-insensitive substring")
    ] = None,
    admin1: Annotated[str | None, _region_query("the CLI's name for `region`")] = None,
    place: Annotated[
        str | None,
        Query(description="place name, as resolved or as written", max_length=200, pattern=_TEXT),
    ] = None,
    weapon: Annotated[
        Weapon | None, Query(description="weapon class; 'missile' includes its kinds")
    ] = None,
    target: Annotated[Target | None, Query(description="target class")] = None,
    min_killed: Annotated[
        int | None, Query(ge=0, le=_MAX_COUNT, description="lowest killed figure >= this")
    ] = None,
    report_id: ReportId = None,
    q_text: SearchText = None,
    bbox: Annotated[
        str | None,
        Query(description="west,south,east,north in degrees, e.g. 29,45,31.5,47", pattern=_BBOX),
    ] = None,
) -> q.IncidentFilter:
    """The filters of `strikelog incidents`, as query parameters."""
    return q.IncidentFilter(
        since=_day("since", since),
        until=_day("until", until),
        country=country,
        admin1=region or admin1 or None,
        place=place or None,
        weapon=weapon,
        target=target,
        min_killed=min_killed,
        report_id=report_id,
        q=q_text or None,
        bbox=_parse_bbox(bbox),
    )


def wave_filter(
    since: Since = None,
    until: Until = None,
    country: Annotated[
        str | None, Query(description="target country, ISO alpha-2", pattern=r"^[A-Za-z]{2}$")
    ] = None,
    attacker: Annotated[
        str | None, Query(description="e.g. Russia", max_length=100, pattern=_TEXT)
    ] = None,
    weapon: Annotated[
        Weapon | None, Query(description="waves that launched this weapon class")
    ] = None,
    report_id: ReportId = None,
    q_text: SearchText = None,
) -> q.WaveFilter:
    """The filters of `strikelog waves`, as query parameters."""
    return q.WaveFilter(
        since=_day("since", since),
        until=_day("until", until),
        country=country,
        attacker=attacker or None,
        weapon=weapon,
        report_id=report_id,
        q=q_text or None,
    )


# --------------------------------------------------------------------------- app


def create_app(
    db_url: str | None = None,
    *,
    settings: Settings | None = None,
    store: Store | None = None,
    coarsener: Coarsener | None = None,
) -> FastAPI:
    """The app over the database at `db_url` (or an open `store`)."""
    settings = settings or Settings()
    own_store = store is None
    the_store = store if store is not None else open_store(db_url)
    coarse = coarsener or Coarsener(settings.coarsen_hours, settings.coarsen_degrees)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # load lexicons and the gazetteer index while the server starts taking requests, so
        # the first POST /api/extract does not pay for it (building the index takes seconds)
        threading.Thread(target=_warm_extractor, name="strikelog-warm-up", daemon=True).start()
        yield
        if own_store:
            the_store.close()

    app = FastAPI(
        title="strikelog API",
        version=__version__,
        description=(
            "Sourced, geocoded records of aerial attacks. Every figure carries the character "
            "span of the report text it came from. Read-only. Place data: GeoNames (CC BY 4.0); "
            "country outlines: Natural Earth."
        ),
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = the_store
    install_error_handlers(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
        )

    app.include_router(_api_router(the_store, settings, coarse))
    _add_pages(app)
    _document_errors_as_json(app)
    return app


def _document_errors_as_json(app: FastAPI) -> None:
    """Errors are always application/json, also on routes whose success type differs
    (FastAPI documents every response of a route with the route's media type)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            for operations in schema.get("paths", {}).values():
                for operation in operations.values():
                    for status, response in operation.get("responses", {}).items():
                        content = response.get("content", {})
                        if status.startswith(("4", "5")) and GeoJSONResponse.media_type in content:
                            content["application/json"] = content.pop(GeoJSONResponse.media_type)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _api_router(store: Store, settings: Settings, coarse: Coarsener) -> APIRouter:
    router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)
    page_limit = Query(100, ge=1, le=settings.max_page_size, description="rows per page")
    page_offset = Query(0, ge=0, le=_MAX_OFFSET, description="rows to skip")

    @router.get("/health", response_model=m.Health, tags=["meta"])
    def health() -> m.Health:
        return m.Health(status="ok", version=__version__)

    @router.get("/config", response_model=m.ConfigOut, tags=["meta"])
    def config() -> m.ConfigOut:
        """Settings the web page needs (tile layer, coarsening)."""
        return m.ConfigOut(
            version=__version__,
            tile_url=settings.tile_url,
            tile_attribution=settings.tile_attribution,
            coarsen_hours=settings.coarsen_hours,
            coarsen_degrees=settings.coarsen_degrees,
            max_extract_bytes=settings.max_extract_bytes,
        )

    @router.get("/facets", response_model=m.Facets, tags=["incidents"])
    def facets() -> m.Facets:
        """The countries, regions, weapons and target classes present (for filter menus)."""
        return m.Facets(**queries.facets(store))

    @router.get("/incidents", response_model=m.IncidentPage, tags=["incidents"])
    def incidents(
        flt: Annotated[q.IncidentFilter, Depends(incident_filter)],
        limit: int = page_limit,
        offset: int = page_offset,
        sort: Annotated[IncidentSort, Query(description="field; '-' for descending")] = "-date",
    ) -> m.IncidentPage:
        """Incidents matching the filters, one page at a time, with the total count."""
        rows = q.query_incidents(store, flt, limit=limit, offset=offset, sort=sort)
        return m.IncidentPage(
            total=q.count_incidents(store, flt),
            limit=limit,
            offset=offset,
            items=[views.incident_summary(r, coarse) for r in rows],
        )

    @router.get(
        "/incidents.geojson",
        response_model=m.FeatureCollection,
        response_class=GeoJSONResponse,
        tags=["incidents"],
    )
    def incidents_geojson(
        flt: Annotated[q.IncidentFilter, Depends(incident_filter)],
        limit: int = Query(10_000, ge=1, le=100_000, description="most features returned"),
        sort: Annotated[IncidentSort, Query(description="which incidents come first")] = "-date",
    ) -> GeoJSONResponse:
        """Incidents with coordinates as GeoJSON points (incidents without are counted)."""
        rows = q.query_incidents(store, flt, limit=limit, sort=sort)
        features = [f for f in (views.feature(r, coarse) for r in rows) if f is not None]
        total = q.count_incidents(store, flt) if len(rows) == limit else len(rows)
        # Returned as is (shape documented by m.FeatureCollection, checked by the tests).
        return GeoJSONResponse(
            {
                "type": "FeatureCollection",
                "features": features,
                "total_matching": total,
                "without_coordinates": len(rows) - len(features),
            }
        )

    @router.get("/incidents/{incident_id}", response_model=m.IncidentDetail, tags=["incidents"])
    def incident(
        incident_id: Annotated[int, PathParam(ge=1, le=2**62, description="incident id")],
    ) -> m.IncidentDetail:
        """One incident with each figure's evidence spans, its victims and its report."""
        row = q.get_incident(store, incident_id)
        if row is None:
            raise ApiError(404, f"no incident {incident_id}")
        return views.incident_detail(row, coarse)

    @router.get("/waves", response_model=m.WavePage, tags=["waves"])
    def waves(
        flt: Annotated[q.WaveFilter, Depends(wave_filter)],
        limit: int = page_limit,
        offset: int = page_offset,
        sort: Annotated[WaveSort, Query(description="field; '-' for descending")] = "-date",
    ) -> m.WavePage:
        """Attack waves: how many of each weapon class were launched and intercepted."""
        rows = q.query_waves(store, flt, limit=limit, offset=offset, sort=sort)
        return m.WavePage(
            total=q.count_waves(store, flt),
            limit=limit,
            offset=offset,
            items=[views.wave(r) for r in rows],
        )

    @router.get("/reports/{report_id}", response_model=m.ReportOut, tags=["reports"])
    def report(
        report_id: Annotated[
            str,
            PathParam(
                description="row id, content hash (sha256:…) or the id the input gave",
                max_length=300,
            ),
        ],
    ) -> m.ReportOut:
        """A report's text and every evidence span in it (figures, places, victims…)."""
        key: int | str = report_id
        if report_id.isascii() and report_id.isdigit():  # not "³", which int() refuses
            if len(report_id) > 18:  # beyond any row id; SQLite integers are 64-bit
                raise ApiError(404, f"no report {report_id}")
            key = int(report_id)
        row = q.get_report(store, key)
        if row is None:
            raise ApiError(404, f"no report {report_id}")
        return views.report(row)

    @router.get("/series/daily", response_model=m.DailySeries, tags=["series"])
    def series_daily(flt: Annotated[q.IncidentFilter, Depends(incident_filter)]) -> m.DailySeries:
        """Per day: killed, injured, children, and drones/missiles launched and intercepted.

        Harm sums follow every filter; wave counts follow dates and country only."""
        return m.DailySeries(days=[m.DayOut(**d) for d in q.daily_series(store, flt)])

    _add_extract(router, settings)
    return router


# --------------------------------------------------------------------------- extract

_EXTRACT_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": m.ExtractRequest.model_json_schema()},
        "text/plain": {"schema": {"type": "string", "description": "the report text"}},
    },
}


def _add_extract(router: APIRouter, settings: Settings) -> None:
    limit = settings.max_extract_bytes

    @router.post(
        "/extract",
        response_model=m.ExtractionOut,
        tags=["extract"],
        openapi_extra={"requestBody": _EXTRACT_BODY},
        responses={
            413: {"model": ErrorResponse, "description": f"Body larger than {limit} bytes"},
            415: {"model": ErrorResponse, "description": "Not JSON or plain text"},
            503: {"model": ErrorResponse, "description": "The extractor is not installed"},
        },
    )
    async def extract(request: Request) -> m.ExtractionOut:
        """Extract waves, incidents and figures from a posted text; nothing is stored.

        Send JSON `{"text": …, "published": …}` or the bare text as `text/plain`."""
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media not in ("application/json", "text/plain"):
            raise ApiError(415, 'send application/json ({"text": …}) or text/plain')
        body = await _read_limited(request, limit)
        if media == "text/plain":
            try:
                payload = m.ExtractRequest(
                    text=body.decode("utf-8"), published=None, url=None, title=None
                )
            except UnicodeDecodeError as exc:
                raise ApiError(422, f"body is not UTF-8 text: {exc.reason}") from exc
        else:
            payload = _parse_extract_json(body)
        result = await run_in_threadpool(_run_extract, payload)
        return m.ExtractionOut.model_validate(result)


async def _read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"request body is {declared} bytes; the limit is {limit}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"request body exceeds the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _parse_extract_json(body: bytes) -> m.ExtractRequest:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(422, f"body is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ApiError(422, 'body must be a JSON object: {"text": "…"}')
    try:
        return m.ExtractRequest.model_validate(data)
    except ValueError as exc:
        raise ApiError(422, f"invalid extract request: {exc}") from exc


def _warm_extractor() -> None:
    try:
        from strikelog.pipeline import extract_report

        extract_report(Report(text="A drone hit a house in Kyiv, injuring one person."))
    except Exception:  # noqa: BLE001 - a failed warm-up shows again, and clearly, on use
        logger.warning("could not load the extractor at start-up", exc_info=True)


def _run_extract(payload: m.ExtractRequest) -> dict[str, Any]:
    try:
        from strikelog.pipeline import extract_report
    except ImportError as exc:  # a partial install: say so rather than fail with 500
        raise ApiError(503, f"the extractor is not available: {exc}") from exc
    report = Report(
        text=payload.text, published=payload.published, url=payload.url, title=payload.title
    )
    try:
        extraction = extract_report(report)
    except ValueError as exc:
        raise ApiError(422, f"cannot extract: {exc}") from exc
    return extraction.to_dict()


# --------------------------------------------------------------------------- pages


def vendor_missing() -> list[str]:
    """The vendor files the page needs that are not built."""
    return [f for f in (*REQUIRED_VENDOR_FILES, *SWAGGER_FILES) if not (VENDOR_DIR / f).is_file()]


def _build_missing_page(missing: list[str]) -> HTMLResponse:
    items = "".join(f"<li><code>static/vendor/{f}</code></li>" for f in missing)
    html = (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        "<title>strikelog: assets missing</title>"
        "</head><body style='font-family:sans-serif;max-width:40rem;margin:3rem auto'>"
        "<h1>The map's assets are not built</h1>"
        f"<p id=build-hint><strong>{BUILD_HINT}</strong></p>"
        "<p>It installs Leaflet, the country outlines and the API docs from the npm registry "
        "into <code>strikelog/api/static/vendor/</code>; strikelog then serves them itself, "
        "with no internet needed.</p>"
        f"<p>Missing:</p><ul>{items}</ul>"
        "<p>The JSON API works without them: <a href='api/incidents'>api/incidents</a>, "
        "<a href='openapi.json'>openapi.json</a>.</p></body></html>"
    )
    return HTMLResponse(html, status_code=503)


def _add_pages(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static")

    @app.get("/", include_in_schema=False, response_model=None)
    def index() -> FileResponse | HTMLResponse:
        missing = vendor_missing()
        if missing:
            return _build_missing_page(missing)
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        if any(not (VENDOR_DIR / f).is_file() for f in SWAGGER_FILES):
            return _build_missing_page(vendor_missing())
        return get_swagger_ui_html(
            openapi_url="openapi.json",
            title="strikelog API",
            swagger_js_url="static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="static/vendor/swagger-ui/favicon-32x32.png",
            swagger_ui_parameters={"validatorUrl": None, "tryItOutEnabled": True},
        )
