"""Fetch a URL with a timeout and a size limit; the body is returned as bytes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from strikelog import __version__
from strikelog.readers.base import ReadFailure, human_bytes, too_large


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str  # "text/html", without parameters; "" when the server sent none
    charset: str | None


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def fetch(url: str, timeout: float, limit_for: Callable[[str], int]) -> Fetched:
    """GET `url`; `limit_for(content_type)` gives the byte limit for what the server sends."""
    import httpx

    headers = {"User-Agent": f"strikelog/{__version__}"}
    try:
        with (
            httpx.Client(timeout=timeout, follow_redirects=True, headers=headers) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise ReadFailure(
                    f"HTTP {response.status_code} {response.reason_phrase}".rstrip(), "http"
                )
            content_type, _, params = response.headers.get("content-type", "").partition(";")
            content_type = content_type.strip().lower()
            max_bytes = limit_for(content_type)
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise too_large(int(declared), max_bytes)
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise too_large(f"more than {human_bytes(max_bytes)}", max_bytes)
            return Fetched(
                url=str(response.url),
                content=bytes(body),
                content_type=content_type,
                charset=_charset(params),
            )
    except httpx.TimeoutException:
        raise ReadFailure(f"timed out after {timeout:g} s", "network") from None
    except httpx.InvalidURL as exc:
        raise ReadFailure(f"invalid URL ({exc})", "network") from None
    except httpx.HTTPError as exc:
        raise ReadFailure(f"cannot fetch: {exc or type(exc).__name__}", "network") from None


def _charset(params: str) -> str | None:
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return None
