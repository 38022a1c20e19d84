from __future__ import annotations

import pytest

from strikelog.store.db import Store
from strikelog.store.ingest import ingest_reports
from strikelog.store.query import (
    IncidentFilter,
    WaveFilter,
    count_incidents,
    count_waves,
    daily_series,
    get_incident,
    get_report,
    query_incidents,
    query_reports,
    query_waves,
    sentences_around,
)

from .factory import extract_any, kharkiv_report, odesa_report


@pytest.fixture
def filled(store: Store) -> Store:
    # Kharkiv (UA, missile, residential, ≥3 killed) on 03-04 and 03-05;
    # Odesa (UA, drone, energy, ~5 injured) on 03-10; Belgorod (RU, artillery, 2 killed) on 03-09.
    reports = [
        kharkiv_report(1, published="2025-03-04"),
        kharkiv_report(2, published="2025-03-05"),
        odesa_report(1),
    ]
    ingest_reports(store, reports, extract=extract_any)
    return store


def places(store: Store, **kw: object) -> list[str]:
    rows = query_incidents(store, IncidentFilter(**kw), sort="id")  # type: ignore[arg-type]
    return [r["place"] for r in rows]


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({}, ["Kharkiv", "Kharkiv", "Odesa", "Belgorod"]),
        ({"since": "2025-03-05"}, ["Kharkiv", "Odesa", "Belgorod"]),
        ({"until": "2025-03-05"}, ["Kharkiv", "Kharkiv"]),
        ({"since": "2025-03-09", "until": "2025-03-09"}, ["Belgorod"]),
        ({"country": "ru"}, ["Belgorod"]),
        ({"country": "UA"}, ["Kharkiv", "Kharkiv", "Odesa"]),
        ({"admin1": "odesa"}, ["Odesa"]),
        ({"admin1": "Oblast"}, ["Kharkiv", "Kharkiv", "Odesa", "Belgorod"]),
        ({"place": "KHARKIV"}, ["Kharkiv", "Kharkiv"]),
        ({"place": "Kharkiv Oblast"}, []),
        ({"weapon": "drone"}, ["Odesa"]),
        ({"weapon": "missile"}, ["Kharkiv", "Kharkiv"]),
        ({"weapon": "glide_bomb"}, []),
        ({"target": "residential"}, ["Kharkiv", "Kharkiv", "Belgorod"]),
        ({"target": "education"}, ["Belgorod"]),
        ({"target": "resid"}, []),
        ({"min_killed": 3}, ["Kharkiv", "Kharkiv"]),
        ({"min_killed": 2}, ["Kharkiv", "Kharkiv", "Belgorod"]),
        ({"report_id": 3}, ["Odesa", "Belgorod"]),
        ({"q": "substation"}, ["Odesa", "Belgorod"]),
        ({"q": "apartment block"}, ["Kharkiv", "Kharkiv"]),
        ({"q": 'quote" OR drop'}, []),
        ({"bbox": (30.0, 46.0, 31.0, 47.0)}, ["Odesa"]),
        ({"country": "UA", "weapon": "drone", "target": "energy"}, ["Odesa"]),
    ],
)
def test_incident_filters(filled: Store, kw: dict[str, object], expected: list[str]) -> None:
    assert places(filled, **kw) == expected
    assert count_incidents(filled, IncidentFilter(**kw)) == len(expected)  # type: ignore[arg-type]


def test_harm_is_the_lowest_figure_with_its_qualifier(filled: Store) -> None:
    odesa = query_incidents(filled, IncidentFilter(place="Odesa"))[0]
    assert (odesa["injured"], odesa["injured_qualifier"]) == (4, "about")  # "about 5", low 4
    kharkiv = query_incidents(filled, IncidentFilter(place="Kharkiv"))[0]
    assert (kharkiv["killed"], kharkiv["killed_qualifier"]) == (3, "at_least")
    assert kharkiv["targets"] == ["residential"]


def test_sorting_limit_and_offset(filled: Store) -> None:
    by_date = [r["date"] for r in query_incidents(filled, sort="-date")]
    assert by_date == sorted(by_date, reverse=True)
    by_killed = [r["killed"] for r in query_incidents(filled, sort="-killed")]
    assert by_killed == [3, 3, 2, None]  # unknown last on both backends
    page = query_incidents(filled, sort="id", limit=2, offset=1)
    assert [r["id"] for r in page] == [2, 3]
    with pytest.raises(ValueError, match="unknown sort"):
        query_incidents(filled, sort="place; drop table reports")


def test_get_incident_has_figures_evidence_and_excerpt(filled: Store) -> None:
    first = query_incidents(filled, IncidentFilter(place="Kharkiv"), sort="id")[0]
    inc = get_incident(filled, first["id"])
    assert inc is not None
    fields = {f["field"]: f for f in inc["figures"]}
    assert set(fields) == {"killed", "injured", "children_killed"}
    assert fields["killed"]["evidence"][0]["text"] == "at least 3 people were killed"
    assert inc["evidence"][0]["text"] == "missile hit an apartment block"
    assert inc["place_evidence"][0]["text"] == "Kharkiv"
    assert inc["victims"] == [
        {
            "age": 7,
            "age_months": None,
            "sex": "female",
            "outcome": "killed",
            "child": True,
            "evidence": inc["victims"][0]["evidence"],
        }
    ]
    excerpt = " ".join(s["text"] for s in inc["excerpt"])
    assert excerpt.startswith("In Kharkiv, at least 3 people were killed")
    assert "Among the dead was a 7-year-old girl." in excerpt
    assert "Officials spoke" not in excerpt
    assert get_incident(filled, 9999) is None


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({}, 2),
        ({"country": "ua"}, 2),
        ({"country": "RU"}, 0),
        ({"attacker": "russia"}, 2),
        ({"weapon": "drone"}, 2),
        ({"weapon": "missile"}, 2),
        ({"weapon": "glide_bomb"}, 0),
        ({"weapon": "nonsense"}, 0),
        ({"since": "2025-03-05"}, 1),
        ({"until": "2025-03-04"}, 1),
        ({"report_id": 1}, 1),
        ({"q": "Bulletin"}, 0),
    ],
)
def test_wave_filters(filled: Store, kw: dict[str, object], expected: int) -> None:
    rows = query_waves(filled, WaveFilter(**kw))  # type: ignore[arg-type]
    assert len(rows) == expected
    assert count_waves(filled, WaveFilter(**kw)) == expected  # type: ignore[arg-type]


def test_wave_rows(filled: Store) -> None:
    row = query_waves(filled, sort="date")[0]
    assert (row["launched_drone"], row["launched_missile"], row["intercepted_drone"]) == (
        120,
        9,
        100,
    )
    assert row["launched_glide_bomb"] is None
    assert (row["attacker"], row["target_country"], row["period"]) == ("Russia", "UA", "overnight")


def test_daily_series(filled: Store) -> None:
    days = {d["date"]: d for d in daily_series(filled)}
    assert list(days) == ["2025-03-04", "2025-03-05", "2025-03-09", "2025-03-10"]
    assert days["2025-03-04"]["killed"] == 3
    assert days["2025-03-04"]["children_killed"] == 1
    assert days["2025-03-04"]["launched_drones"] == 120
    assert days["2025-03-04"]["intercepted_drones"] == 100
    assert days["2025-03-04"]["launched_missiles"] == 9
    assert days["2025-03-10"]["injured"] == 4
    assert days["2025-03-09"]["launched_drones"] == 0
    ru = daily_series(filled, IncidentFilter(country="RU"))
    assert [(d["date"], d["killed"], d["launched_drones"]) for d in ru] == [("2025-03-09", 2, 0)]


def test_get_report_by_id_sha_and_spans(filled: Store) -> None:
    rep = get_report(filled, 1)
    assert rep is not None
    assert get_report(filled, rep["sha256"])["id"] == 1  # type: ignore[index]
    assert get_report(filled, rep["sha256"].removeprefix("sha256:"))["id"] == 1  # type: ignore[index]
    assert get_report(filled, "404") is None
    kinds = {s["kind"] for s in rep["spans"]}
    assert kinds == {"figure", "incident", "place", "wave", "victim"}
    for sp in rep["spans"]:
        assert rep["text"][sp["start"] : sp["end"]] == sp["text"]
    starts = [s["start"] for s in rep["spans"]]
    assert starts == sorted(starts)
    assert rep["totals"]["killed"] == 3
    assert rep["warnings"] == ["test warning"]


def test_query_reports(filled: Store) -> None:
    rows = query_reports(filled)
    assert [r["id"] for r in rows] == [3, 2, 1]  # newest published first
    assert rows[0]["n_incidents"] == 2 and rows[2]["n_waves"] == 1
    assert "text" not in rows[0]
    assert [r["id"] for r in query_reports(filled, source="wire")] == [3]
    assert [r["id"] for r in query_reports(filled, q="Bulletin")] == [3]
    assert [r["id"] for r in query_reports(filled, until="2025-03-04")] == [1]


def test_sentences_around_merges_and_trims() -> None:
    text = "First one. Second has 5 dead.\nThird line with 2 hurt! Last."
    spans = [{"start": text.index("5 dead"), "end": text.index("5 dead") + 6}]
    spans.append({"start": text.index("2 hurt"), "end": text.index("2 hurt") + 6})
    got = [s["text"] for s in sentences_around(text, spans)]
    assert got == ["Second has 5 dead.", "Third line with 2 hurt!"]
