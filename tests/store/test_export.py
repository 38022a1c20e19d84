from __future__ import annotations

import csv
import io
import json

import pytest

from strikelog.store.db import Store
from strikelog.store.export import ACLED_COLUMNS, CSV_COLUMNS, export
from strikelog.store.ingest import ingest_reports
from strikelog.store.query import IncidentFilter

from .factory import extract_any, kharkiv_extraction, kharkiv_report, odesa_report


@pytest.fixture
def filled(store: Store) -> Store:
    ingest_reports(store, [kharkiv_report(1), odesa_report(1)], extract=extract_any, source="wire")
    return store


def run(store: Store, fmt: str, flt: IncidentFilter | None = None) -> tuple[int, str]:
    out = io.StringIO()
    n = export(store, fmt, out, flt)
    return n, out.getvalue()


def test_csv(filled: Store) -> None:
    n, text = run(filled, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert n == 3 == len(rows)
    assert tuple(rows[0]) == CSV_COLUMNS
    belgorod = next(r for r in rows if r["place"] == "Belgorod")
    assert belgorod["targets"] == "education;residential"
    assert belgorod["killed"] == "2" and belgorod["injured"] == ""
    assert belgorod["source"] == "wire"


def test_acled_columns_and_values(filled: Store) -> None:
    n, text = run(filled, "acled")
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    assert header == [
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
    ]
    assert tuple(header) == ACLED_COLUMNS
    rows = {r["location"]: r for r in csv.DictReader(io.StringIO(text))}
    assert n == 3
    kh = rows["Kharkiv"]
    assert kh["event_date"] == "2025-03-04"
    assert kh["event_type"] == "Explosions/Remote violence"
    assert kh["sub_event_type"] == "Shelling/artillery/missile attack"
    assert kh["actor1"] == "Russia"
    assert kh["country"] == "Ukraine"
    assert kh["admin1"] == "Kharkiv Oblast"
    assert (kh["latitude"], kh["longitude"], kh["geo_precision"]) == ("49.99", "36.23", "1")
    assert kh["fatalities"] == "3"  # "at least 3": the lowest figure
    assert (kh["injured"], kh["children_killed"], kh["children_injured"]) == ("14", "1", "")
    assert kh["launched"] == "drone=120, missile=9"
    assert kh["intercepted"] == "drone=100"
    assert '"at least 3 people were killed"' in kh["evidence"]
    assert kh["notes"].startswith("In Kharkiv, at least 3 people were killed")
    od = rows["Odesa"]
    assert od["sub_event_type"] == "Air/drone strike"
    assert od["fatalities"] == "0"
    assert od["injured"] == "4"  # "about 5" with low 4
    assert "injured=5 (about)" in od["evidence"]
    # A strike in Russia is not attributed to the wave aimed at Ukraine.
    be = rows["Belgorod"]
    assert (be["country"], be["actor1"], be["launched"]) == ("Russia", "", "")


def test_geojson(filled: Store) -> None:
    n, text = run(filled, "geojson")
    doc = json.loads(text)
    assert doc["type"] == "FeatureCollection"
    assert n == len(doc["features"]) == 3
    feature = doc["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [36.23, 49.99]}
    assert feature["properties"]["place"] == "Kharkiv"
    assert feature["properties"]["targets"] == ["residential"]


def test_geojson_keeps_incidents_without_coordinates(store: Store) -> None:
    from strikelog.models import Extraction, Incident, Place, Report, ReportMeta

    report = Report(text="A strike hit Nowhereville.")
    ex = Extraction(
        report=ReportMeta(id=report.sha256), incidents=[Incident(place=Place(name="Nowhereville"))]
    )
    ingest_reports(store, [report], extract=lambda r: ex)
    n, text = run(store, "geojson")
    doc = json.loads(text)
    assert n == 1 and doc["features"][0]["geometry"] is None


def test_empty_database_exports_are_valid(store: Store) -> None:
    assert json.loads(run(store, "geojson")[1]) == {"type": "FeatureCollection", "features": []}
    assert run(store, "acled")[1].strip() == ",".join(ACLED_COLUMNS)
    assert run(store, "jsonl") == (0, "")


def test_jsonl_round_trips_the_extraction(filled: Store) -> None:
    n, text = run(filled, "jsonl")
    records = [json.loads(line) for line in text.splitlines()]
    assert n == 2 == len(records)
    report = kharkiv_report(1)
    expected = kharkiv_extraction(report).to_dict()
    got = records[0]
    assert got["report"]["id"] == report.sha256
    assert got["totals"] == expected["totals"]
    for key in ("launched", "intercepted", "attacker", "period", "evidence"):
        assert got["waves"][0][key] == expected["waves"][0][key]
    inc, exp = got["incidents"][0], expected["incidents"][0]
    for key in ("killed", "injured", "children_killed", "victims", "targets", "weapon", "evidence"):
        assert inc[key] == exp[key]
    for key in ("name", "admin1", "country", "lat", "lon", "geonameid", "precision", "evidence"):
        assert inc["place"][key] == exp["place"][key]
    assert got["warnings"] == expected["warnings"]


def test_export_honours_filters(filled: Store) -> None:
    n, text = run(filled, "csv", IncidentFilter(country="RU"))
    assert n == 1 and "Belgorod" in text and "Kharkiv" not in text
    n, text = run(filled, "jsonl", IncidentFilter(weapon="drone"))
    assert n == 1 and json.loads(text)["report"]["title"] == "Odesa 1"


def test_unknown_format(filled: Store) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export(filled, "xlsx", io.StringIO())
