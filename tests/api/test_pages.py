"""The page, the offline API docs and the CLI entry point."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import strikelog.api.app as app_module
from strikelog.api.app import create_app
from strikelog.api.localserver import free_port, serve_in_thread

ASSET = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", re.I)


def local_assets(html: str) -> list[str]:
    """URLs the page loads (scripts, styles, icons), which must all be served by us."""
    loaded = []
    for tag in re.findall(r"<(?:script|link)\b[^>]*>", html, re.I):
        loaded += ASSET.findall(tag)
    return loaded


def assert_offline(base: str, page: str) -> None:
    html = httpx.get(base + page).text
    assets = local_assets(html)
    assert assets, "the page loads no assets?"
    for url in assets:
        if url.startswith("data:"):
            continue
        assert "://" not in url and not url.startswith("//"), f"{page} loads {url} from elsewhere"
        resp = httpx.get(httpx.URL(base + page).join(url))
        assert resp.status_code == 200, url
    assert "cdn" not in html.lower()


def test_docs_work_offline(server: str) -> None:
    resp = httpx.get(server + "/docs")
    assert resp.status_code == 200
    assert "swagger-ui-bundle.js" in resp.text
    assert "validatorUrl" in resp.text  # the online validator badge is off
    assert_offline(server, "/docs")
    schema = httpx.get(server + "/openapi.json").json()
    assert {
        "/api/incidents",
        "/api/incidents.geojson",
        "/api/incidents/{incident_id}",
        "/api/waves",
        "/api/reports/{report_id}",
        "/api/series/daily",
        "/api/extract",
    } <= set(schema["paths"])
    assert httpx.get(server + "/redoc").status_code == 404


def test_page_loads_only_local_assets(server: str) -> None:
    resp = httpx.get(server + "/")
    assert resp.status_code == 200
    assert 'id="map"' in resp.text
    assert "GeoNames" in resp.text and "Natural Earth" in resp.text
    assert_offline(server, "/")
    # The app script fetches only our API and our vendor dir.
    script = httpx.get(server + "/static/app.js").text
    assert "http://" not in script and "https://" not in script


@pytest.fixture()
def server_without_assets(
    sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    monkeypatch.setattr(app_module, "VENDOR_DIR", tmp_path / "no-vendor")
    with serve_in_thread(create_app(str(sample_db))) as base:
        yield base


def test_missing_assets_page_says_how_to_build(server_without_assets: str) -> None:
    for page in ("/", "/docs"):
        resp = httpx.get(server_without_assets + page)
        assert resp.status_code == 503
        assert "scripts/build-web.sh" in resp.text
    assert httpx.get(server_without_assets + "/api/health").status_code == 200


def _serve_command(*args: str) -> list[str]:
    return [sys.executable, "-c", "from strikelog.api.cli import serve; serve()", *args]


def test_cli_serves_on_loopback(sample_db: Path) -> None:
    port = free_port()
    env = {**os.environ, "STRIKELOG_DB": str(sample_db)}
    proc = subprocess.Popen(
        _serve_command("--port", str(port), "--coarsen-hours", "0"),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                resp = httpx.get(f"http://127.0.0.1:{port}/api/incidents", params={"place": "Kyiv"})
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.1)
        kyiv = resp.json()["items"][0]
        assert kyiv["coarsened"] is False  # --coarsen-hours 0 turns coarsening off
        assert kyiv["place"]["lat"] == 50.4501
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert b"127.0.0.1" in (proc.stderr.read() if proc.stderr else b"")


def test_cli_refuses_a_missing_database(tmp_path: Path) -> None:
    done = subprocess.run(
        _serve_command("--db", str(tmp_path / "absent.db"), "--port", "0"),
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode != 0
    assert "no database at" in done.stderr and "absent.db" in done.stderr
    assert not (tmp_path / "absent.db").exists()
