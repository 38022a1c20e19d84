"""URLs, served by a throwaway server on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from strikelog.models import Report
from strikelog.readers import ReadError, iter_reports

PAGE = (
    "<html><head><title>Port attack</title></head><body><article><p>Drones attacked the port "
    "at night and a crane caught fire, the harbour master said.</p></article></body></html>"
)
FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
    "<item><title>a</title><description>One drone fell on a field.</description></item>"
    "</channel></rss>"
)
CYRILLIC = "Ракета влучила в елеватор, пожежу загасили до ранку."

ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/page": (200, "text/html; charset=utf-8", PAGE.encode()),
    "/feed": (200, "application/rss+xml", FEED.encode()),
    "/plain": (200, "text/plain; charset=windows-1251", CYRILLIC.encode("cp1251")),
    "/mislabelled": (200, "text/plain", PAGE.encode()),
    "/big": (200, "text/plain", b"word " * 4000),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.end_headers()
            return
        status, content_type, body = ROUTES.get(self.path, (404, "text/plain", b"not here"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def read_all(source: str, **options: object) -> list[Report | ReadError]:
    return list(iter_reports(source, **options))  # type: ignore[arg-type]


def test_html_url(base_url: str) -> None:
    [report] = read_all(f"{base_url}/page")
    assert isinstance(report, Report)
    assert report.text.startswith("Drones attacked the port")
    assert report.url == f"{base_url}/page"
    assert report.origin == f"{base_url}/page"
    assert report.title == "Port attack"


def test_redirect_is_followed_and_the_final_url_kept(base_url: str) -> None:
    [report] = read_all(f"{base_url}/moved")
    assert isinstance(report, Report) and report.url == f"{base_url}/page"


def test_feed_url_by_content_type(base_url: str) -> None:
    [report] = read_all(f"{base_url}/feed")
    assert isinstance(report, Report) and report.text == "One drone fell on a field."
    assert report.origin == f"{base_url}/feed#1"


def test_declared_charset_is_used(base_url: str) -> None:
    [report] = read_all(f"{base_url}/plain")
    assert isinstance(report, Report) and report.text == CYRILLIC


def test_html_served_as_plain_text_is_sniffed(base_url: str) -> None:
    [report] = read_all(f"{base_url}/mislabelled")
    assert isinstance(report, Report) and "<p>" not in report.text


def test_http_error_status(base_url: str) -> None:
    [error] = read_all(f"{base_url}/gone")
    assert isinstance(error, ReadError) and error.kind == "http"
    assert error.message == "HTTP 404 Not Found"
    assert error.origin == f"{base_url}/gone"


def test_oversized_response_is_refused(base_url: str) -> None:
    [error] = read_all(f"{base_url}/big", max_bytes=1000)
    assert isinstance(error, ReadError) and error.kind == "too_large"
    assert "20,000 bytes" in error.message


def test_unreachable_url_is_a_clear_error() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/x"
    [error] = read_all(url, timeout=2)
    assert isinstance(error, ReadError)
    assert error.kind == "network"
    assert error.origin == url
    assert "cannot fetch" in error.message
