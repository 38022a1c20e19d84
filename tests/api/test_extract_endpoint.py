"""POST /api/extract: text in, extraction out, nothing stored; a size limit with 413."""

from __future__ import annotations

import os

import httpx
import pytest


def pipeline_importable() -> bool:
    try:
        import strikelog.pipeline  # noqa: F401
    except ImportError:
        return False
    return True


# Locally the extractor may be half-built; in CI it must be there, so nothing skips.
needs_pipeline = pytest.mark.skipif(
    not pipeline_importable() and os.environ.get("CI") != "true",
    reason="extraction pipeline not importable",
)


def post(base: str, **kwargs: object) -> httpx.Response:
    return httpx.post(base + "/api/extract", timeout=60, **kwargs)  # type: ignore[arg-type]


def test_body_over_the_limit_is_413_json(server: str) -> None:
    resp = post(server, content=b"a" * 1_000_001, headers={"Content-Type": "text/plain"})
    assert resp.status_code == 413
    assert resp.json()["error"] == {"status": 413, "message": resp.json()["error"]["message"]}
    assert "1000000" in resp.json()["error"]["message"]


def test_streamed_body_without_length_is_also_limited(server: str) -> None:
    def chunks():  # no Content-Length: the server must count as it reads
        for _ in range(40):
            yield b"b" * 50_000

    resp = post(server, content=chunks(), headers={"Content-Type": "text/plain"})
    assert resp.status_code == 413


def test_wrong_media_type_is_415(server: str) -> None:
    resp = post(server, content=b"<x/>", headers={"Content-Type": "application/xml"})
    assert resp.status_code == 415
    assert "text/plain" in resp.json()["error"]["message"]


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"[1, 2]", b'{"text": 5}', b'{"txt": "hello"}', b"\xff\xfe\x00"],
)
def test_malformed_json_is_422(server: str, body: bytes) -> None:
    resp = post(server, content=body, headers={"Content-Type": "application/json"})
    assert resp.status_code == 422
    assert resp.json()["error"]["message"]


def test_plain_text_that_is_not_utf8_is_422(server: str) -> None:
    resp = post(server, content=b"\xff\xfe killed", headers={"Content-Type": "text/plain"})
    assert resp.status_code == 422
    assert "UTF-8" in resp.json()["error"]["message"]


def test_extractor_missing_is_503_not_500(server: str) -> None:
    if pipeline_importable():
        pytest.skip("the extractor is installed")
    resp = post(server, json={"text": "Two people were killed."})
    assert resp.status_code == 503
    assert "extractor" in resp.json()["error"]["message"]


@needs_pipeline
def test_extracts_without_storing(server: str) -> None:
    before = httpx.get(server + "/api/incidents").json()["total"]
    text = "A drone hit a house in Kharkiv overnight, killing 2 people, the governor said."
    resp = post(server, json={"text": text, "published": "2025-01-05"})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert set(body) >= {"report", "waves", "totals", "incidents", "warnings"}
    for incident in body["incidents"]:
        for name in ("killed", "injured"):
            fig = incident[name]
            if fig:
                for span in fig["evidence"]:
                    assert text[span["start"] : span["end"]] == span["text"]
    assert httpx.get(server + "/api/incidents").json()["total"] == before
    plain = post(
        server, content=text.encode(), headers={"Content-Type": "text/plain; charset=utf-8"}
    )
    assert plain.status_code == 200
    assert plain.json()["incidents"] == post(server, json={"text": text}).json()["incidents"]
