"""Which format an input is in: by file extension first, then by sniffing its first bytes."""

from __future__ import annotations

import json
from typing import Literal

Format = Literal["text", "html", "jsonl", "json", "feed"]
FORMATS: tuple[Format, ...] = ("text", "html", "jsonl", "json", "feed")

BY_EXTENSION: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}

BY_CONTENT_TYPE: dict[str, Format] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/feed+json": "json",
    "application/xml": "feed",
    "text/xml": "feed",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "text/plain": "text",
}

_HTML_MARKERS = ("<!doctype html", "<html", "<head", "<body", "<meta", "<title")
_FEED_MARKERS = ("<rss", "<feed", "<rdf:rdf", "<channel")
_FRAGMENT_TAGS = ("<p>", "<p ", "<div", "<article", "<h1", "<h2", "<br", "<span", "<table")


def sniff(head: bytes) -> Format:
    """Guess the format from the first bytes (a few KiB are enough)."""
    start = _head_text(head).lstrip()
    lower = start[:4096].lower()
    if lower.startswith("<"):
        if lower.startswith(("<!doctype html", "<html")):
            return "html"
        if any(marker in lower for marker in _FEED_MARKERS):
            return "feed"
        if any(marker in lower for marker in _HTML_MARKERS):
            return "html"
        if lower.startswith("<?xml"):
            return "feed"
        if lower.startswith(_FRAGMENT_TAGS):
            return "html"
        return "text"
    if lower.startswith("{"):
        first_line = start.split("\n", 1)[0]
        try:
            value = json.loads(first_line)
        except json.JSONDecodeError:
            return "json"  # a pretty-printed object (a Telegram export) spans many lines
        if isinstance(value, dict) and "messages" not in value:
            return "jsonl"
        return "json"
    if lower.startswith("["):
        return "json"
    return "text"


def looks_like_html(head: bytes) -> bool:
    lower = _head_text(head).lstrip()[:1024].lower()
    return lower.startswith(("<!doctype html", "<html"))


def _head_text(head: bytes) -> str:
    encoding = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8"
    return head.removeprefix(b"\xef\xbb\xbf").decode(encoding, errors="replace")
