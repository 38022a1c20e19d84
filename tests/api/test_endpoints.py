"""Every endpoint against a real uvicorn server over loopback."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest


def get(base: str, path: str, **params: Any) -> httpx.Response:
    return httpx.get(base + path, params=params, timeout=30)


def incidents(base: str, **params: Any) -> list[dict]:
    resp = get(base, "/api/incidents", **params)
    assert resp.status_code == 200, resp.text
    return resp.json()["items"]


def by_place(items: list[dict]) -> dict[str, dict]:
    return {i["place"]["name"]: i for i in items}


def test_health_and_config(server: str) -> None:
    assert get(server, "/api/health").json()["status"] == "ok"
    config = get(server, "/api/config").json()
    assert config["tile_url"] is None
    assert config["coarsen_hours"] == 24
    assert config["max_extract_bytes"] == 1_000_000


def test_facets_list_what_is_stored(server: str) -> None:
    facets = get(server, "/api/facets").json()
    assert facets["countries"] == ["RU", "UA"]
    assert "Kharkiv Oblast" in facets["regions"]
    assert set(facets["weapons"]) == {"drone", "glide_bomb", "missile"}
    assert {"education", "energy", "residential"} == set(facets["targets"])
    assert facets["first_date"] == "2024-03-10"


def test_incident_list_has_total_and_default_sort_newest_first(server: str) -> None:
    body = get(server, "/api/incidents").json()
    assert body["total"] == 4
    dates = [i["date"] for i in body["items"]]
    assert dates == sorted(dates, reverse=True)
    kharkiv = by_place(body["items"])["Kharkiv"]
    assert (kharkiv["killed"], kharkiv["injured"], kharkiv["children_killed"]) == (3, 7, 1)
    assert kharkiv["targets"] == ["education"]


def test_pagination_splits_without_overlap(server: str) -> None:
    first = get(server, "/api/incidents", limit=2, offset=0, sort="id").json()
    second = get(server, "/api/incidents", limit=2, offset=2, sort="id").json()
    ids = [i["id"] for i in first["items"]] + [i["id"] for i in second["items"]]
    assert len(ids) == 4 and len(set(ids)) == 4 and ids == sorted(ids)
    assert first["total"] == second["total"] == 4
    assert get(server, "/api/incidents", offset=10).json()["items"] == []


def test_sort_by_killed_descending(server: str) -> None:
    killed = [i["killed"] for i in incidents(server, sort="-killed")]
    assert killed[:2] == [3, 2]


@pytest.mark.parametrize(
    ("params", "places"),
    [
        ({"country": "ru"}, {"Belgorod"}),
        ({"region": "kharkiv"}, {"Kharkiv"}),
        ({"admin1": "Kharkiv Oblast"}, {"Kharkiv"}),
        ({"report_id": 2}, {"Odesa"}),
        ({"weapon": "glide_bomb"}, {"Odesa"}),
        ({"weapon": "missile"}, {"Kyiv"}),
        ({"target": "residential"}, {"Belgorod", "Kyiv"}),
        ({"since": "2024-03-11", "until": "2024-03-12"}, {"Odesa", "Belgorod"}),
        ({"min_killed": 3}, {"Kharkiv"}),
        ({"place": "odesa"}, {"Odesa"}),
        ({"q": "school"}, {"Kharkiv"}),
        ({"bbox": "29,45,31.5,47"}, {"Odesa"}),
    ],
)
def test_filters(server: str, params: dict, places: set[str]) -> None:
    assert set(by_place(incidents(server, **params))) == places


def test_bad_parameters_are_json_422(server: str) -> None:
    for params in (
        {"country": "Ukraine"},
        {"limit": 0},
        {"sort": "drop table"},
        {"bbox": "1,2,3"},
        {"bbox": "west,south,east,north"},
        {"weapon": "catapult"},
    ):
        resp = get(server, "/api/incidents", **params)
        assert resp.status_code == 422, params
        error = resp.json()["error"]
        assert error["status"] == 422 and error["message"]


def test_empty_ranges_match_nothing(server: str) -> None:
    assert incidents(server, since="2024-03-12", until="2024-03-01") == []
    assert incidents(server, bbox="40,60,30,50") == []


def test_incident_detail_spans_point_into_report_text(server: str) -> None:
    kharkiv = by_place(incidents(server))["Kharkiv"]
    detail = get(server, f"/api/incidents/{kharkiv['id']}").json()
    report = get(server, f"/api/reports/{detail['report']['id']}").json()
    text = report["text"]
    killed = detail["figures"]["killed"]
    assert killed["value"] == 3
    span = killed["evidence"][0]
    assert text[span["start"] : span["end"]] == span["text"] == "killing 3 people"
    assert detail["figures"]["injured"]["evidence"][0]["text"] == "wounding 7 others"
    assert detail["victims"] == [
        {
            "age": 11,
            "age_months": None,
            "sex": "male",
            "outcome": "killed",
            "child": True,
            "evidence": detail["victims"][0]["evidence"],
        }
    ]
    assert "killing 3 people" in " ".join(e["text"] for e in detail["excerpt"])
    assert detail["report"]["source"] == "test wire"


def test_missing_things_are_json_404(server: str) -> None:
    for path in (
        "/api/incidents/999999",
        "/api/reports/999999",
        "/api/reports/sha256:" + "0" * 64,
        "/api/reports/³",  # a digit to str.isdigit(), not to int() (found by the fuzz test)
        "/nowhere",
    ):
        resp = get(server, path)
        assert resp.status_code == 404, path
        assert resp.headers["content-type"].startswith("application/json")
        assert resp.json()["error"]["status"] == 404


def test_report_by_row_id_and_by_hash(server: str) -> None:
    by_id = get(server, "/api/reports/1").json()
    by_hash = get(server, "/api/reports/" + by_id["sha256"]).json()
    assert by_id == by_hash
    assert by_id["incident_ids"] and by_id["wave_ids"]
    for span in by_id["spans"]:
        assert by_id["text"][span["start"] : span["end"]] == span["text"]
    assert {"figure", "place"} <= {s["kind"] for s in by_id["spans"]}


def test_waves(server: str) -> None:
    body = get(server, "/api/waves", sort="date").json()
    assert body["total"] == 2
    first = body["items"][0]
    assert first["date"] == "2024-03-10"
    assert first["launched"]["drone"] == 120 and first["intercepted"]["drone"] == 100
    assert first["launched"]["missile"] == 5
    assert get(server, "/api/waves", until="2024-12-31").json()["total"] == 1
    assert get(server, "/api/waves", attacker="nobody").json()["total"] == 0
    assert get(server, "/api/waves", q="destroyed", report_id=1).json()["total"] == 1


def test_daily_series(server: str) -> None:
    days = {d["date"]: d for d in get(server, "/api/series/daily").json()["days"]}
    march10 = days["2024-03-10"]
    assert (march10["killed"], march10["injured"], march10["children_killed"]) == (3, 7, 1)
    assert (
        march10["launched_drones"],
        march10["intercepted_drones"],
        march10["launched_missiles"],
    ) == (120, 100, 5)
    assert days["2024-03-11"]["injured"] == 4
    only_ru = get(server, "/api/series/daily", country="RU").json()["days"]
    assert sum(d["injured"] for d in only_ru) == 1


def test_geojson(server: str) -> None:
    resp = get(server, "/api/incidents.geojson")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("application/geo+json")
    body = resp.json()
    assert body["type"] == "FeatureCollection" and body["total_matching"] == 4
    odesa = next(f for f in body["features"] if f["properties"]["place_name"] == "Odesa")
    assert odesa["geometry"] == {"type": "Point", "coordinates": [30.7233, 46.4825]}
    assert len(get(server, "/api/incidents.geojson", country="RU").json()["features"]) == 1


def test_recent_incident_coordinates_are_coarsened_old_ones_not(server: str) -> None:
    items = by_place(incidents(server))
    kyiv, kharkiv = items["Kyiv"], items["Kharkiv"]
    assert kyiv["date"] == datetime.now(UTC).date().isoformat()
    assert kyiv["coarsened"] is True
    assert (kyiv["place"]["lat"], kyiv["place"]["lon"]) == (50.5, 30.5)  # 50.4501, 30.5234
    assert kharkiv["coarsened"] is False
    assert (kharkiv["place"]["lat"], kharkiv["place"]["lon"]) == (49.9935, 36.2304)
    detail = get(server, f"/api/incidents/{kyiv['id']}").json()
    assert (detail["place"]["lat"], detail["place"]["lon"], detail["coarsened"]) == (
        50.5,
        30.5,
        True,
    )
    features = get(server, "/api/incidents.geojson").json()["features"]
    kyiv_feature = next(f for f in features if f["id"] == kyiv["id"])
    assert kyiv_feature["geometry"]["coordinates"] == [30.5, 50.5]
    assert kyiv_feature["properties"]["coarsened"] is True


def test_read_only(server: str) -> None:
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        resp = httpx.request(method, server + "/api/incidents", timeout=10)
        assert resp.status_code == 405, method
        assert resp.json()["error"]["status"] == 405
    assert get(server, "/api/incidents").json()["total"] == 4


def test_cors_off_by_default(server: str) -> None:
    resp = httpx.get(server + "/api/health", headers={"Origin": "http://elsewhere.example"})
    assert "access-control-allow-origin" not in resp.headers
    preflight = httpx.options(
        server + "/api/incidents",
        headers={"Origin": "http://elsewhere.example", "Access-Control-Request-Method": "GET"},
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_when_configured(cors_server: str) -> None:
    allowed = httpx.get(cors_server + "/api/health", headers={"Origin": "http://allowed.example"})
    assert allowed.headers["access-control-allow-origin"] == "http://allowed.example"
    other = httpx.get(cors_server + "/api/health", headers={"Origin": "http://other.example"})
    assert "access-control-allow-origin" not in other.headers
