"""The map page in headless Debian Chromium (Playwright driving the system browser).

Load the page over a seeded database, wait for markers, click one, and read the evidence
sentence in the panel: it must be exactly the report text at the figure's span. The page
must not request anything from outside our server.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from strikelog.api.app import create_app, vendor_missing
from strikelog.api.localserver import serve_in_thread
from strikelog.api.sample import (
    PLACES,
    SITES,
    WEAPONS,
    SampleReport,
    SampleStrike,
    random_samples,
    save_samples,
)
from strikelog.store.db import open_store

CHROMIUM = os.environ.get("STRIKELOG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI") == "true"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not IN_CI and not Path(CHROMIUM).exists(),
        reason=f"no chromium at {CHROMIUM} (STRIKELOG_CHROMIUM)",
    ),
    pytest.mark.skipif(
        not IN_CI and bool(vendor_missing()), reason="web assets not built (scripts/build-web.sh)"
    ),
]

PLACE = {p.name: p for p in PLACES}
# Cities with one strike each, far enough apart that their markers never cluster at the
# fitted zoom; random reports elsewhere fill the timeline and make clusters.
SINGLE = ("Lviv", "Kyiv", "Odesa", "Kursk")
ELSEWHERE = tuple(
    p for p in PLACES if p.name not in SINGLE and p.name not in ("Chernihiv", "Mykolaiv")
)


@pytest.fixture(scope="module")
def page_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("web") / "map.db"
    end = date(2025, 3, 31)
    singles = [
        SampleReport(
            day=date(2025, 3, 2 + i),
            strikes=[
                SampleStrike(PLACE[name], SITES[i], WEAPONS[i % 3], killed=i + 2, injured=3 * i + 1)
            ],
            source="test wire",
        )
        for i, name in enumerate(SINGLE)
    ]
    with open_store(str(db)) as store:
        save_samples(
            store, singles + random_samples(24, seed=11, end=end, days=60, places=ELSEWHERE)
        )
    with serve_in_thread(create_app(str(db))) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_click_a_marker_and_read_its_evidence(
    page_server: str, browser: object, tmp_path: Path
) -> None:
    lviv = httpx.get(page_server + "/api/incidents", params={"place": "Lviv"}).json()["items"][0]
    detail = httpx.get(page_server + f"/api/incidents/{lviv['id']}").json()
    report_text = httpx.get(page_server + f"/api/reports/{detail['report']['id']}").json()["text"]
    killed_span = detail["figures"]["killed"]["evidence"][0]

    page = browser.new_page(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    started = time.perf_counter()
    page.goto(page_server + "/")
    page.wait_for_selector(".incident-marker", state="visible", timeout=30_000)
    first_marker_ms = (time.perf_counter() - started) * 1000
    print(f"\ntime to first marker: {first_marker_ms:.0f} ms")
    page.wait_for_selector("body[data-loaded=true]", timeout=30_000)

    markers = page.locator(".incident-marker").count()
    clusters = page.locator(".marker-cluster").count()
    assert markers >= len(SINGLE)
    assert markers + clusters >= len(SINGLE) + 1
    assert page.locator("#chart-harm canvas").count() >= 1  # the timeline is drawn
    assert page.locator("path.leaflet-interactive, svg path").count() > 0  # country outlines

    page.locator(f'.incident-marker[data-incident-id="{lviv["id"]}"]').click()
    evidence = page.locator('#panel tr[data-field="killed"] mark.evidence').first
    evidence.wait_for(timeout=15_000)
    shown = evidence.inner_text()
    start, end = int(evidence.get_attribute("data-start")), int(evidence.get_attribute("data-end"))
    assert (start, end) == (killed_span["start"], killed_span["end"])
    assert shown == report_text[start:end] == killed_span["text"]
    assert page.locator("#panel h2").inner_text().startswith("Lviv")
    sentence = page.locator('#panel tr[data-field="killed"] blockquote.sentence').first.inner_text()
    assert shown in sentence and sentence in report_text

    shot = tmp_path / "map.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")
    if os.environ.get("STRIKELOG_DOCS_SCREENSHOT"):
        shutil.copyfile(shot, os.environ["STRIKELOG_DOCS_SCREENSHOT"])

    outside = [u for u in requested if not u.startswith(page_server) and not u.startswith("data:")]
    assert outside == [], f"the page reached outside: {outside}"
    assert errors == []
    page.close()


def test_filters_reload_markers(page_server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 800})  # type: ignore[attr-defined]
    page.goto(page_server + "/")
    page.wait_for_selector("body[data-loaded=true]", timeout=30_000)
    page.select_option("select[name=country]", "RU")
    page.click("#filters button[type=submit]")
    ru_total = httpx.get(page_server + "/api/incidents", params={"country": "RU"}).json()["total"]
    expected = f"{ru_total} incident{'s' if ru_total != 1 else ''} on the map"
    page.wait_for_function(
        "(text) => document.getElementById('status').textContent.startsWith(text)", arg=expected
    )
    page.close()


def test_api_docs_render_offline(page_server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(page_server + "/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=30_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/incidents" in p for p in paths)
    outside = [u for u in requested if not u.startswith(page_server) and not u.startswith("data:")]
    assert outside == [], f"/docs reached outside: {outside}"
    page.close()
