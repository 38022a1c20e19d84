"""RSS/Atom: each item one report (title, link, published, content or summary → text).

Item content is already the article, so it goes through the plain tag-strip, not the
boilerplate remover meant for whole pages.
"""

from __future__ import annotations

import calendar
import email.utils
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from strikelog.models import Report
from strikelog.readers.base import ReadError, ReadFailure, ReadResult
from strikelog.readers.decode import normalise_newlines
from strikelog.readers.html import strip_tags
from strikelog.readers.records import text_size_ok


def iter_feed(data: bytes, name: str, max_bytes: int) -> Iterator[ReadResult]:
    import feedparser  # imported on first use: it is slow to import

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            yield ReadError(name, f"not an RSS/Atom feed ({problem})", "format")
        elif not parsed.get("version"):
            yield ReadError(name, "not an RSS/Atom feed", "format")
        else:
            yield ReadError(name, "empty feed: no items", "empty")
        return
    source = parsed.get("feed", {}).get("title") or None
    for number, entry in enumerate(entries, start=1):
        origin = f"{name}#{number}"
        try:
            yield _entry_report(entry, origin, source, max_bytes)
        except ReadFailure as failure:
            yield failure.at(origin)


def _entry_report(entry: Any, origin: str, source: str | None, max_bytes: int) -> Report:
    text = _entry_text(entry)
    if not text.strip():
        raise ReadFailure("feed item has no text (no content or summary)", "no_text")
    text_size_ok(text, max_bytes)
    return Report(
        text=text,
        id=entry.get("id") or None,
        url=entry.get("link") or None,
        title=entry.get("title") or None,
        published=_entry_date(entry),
        source=source,
        language=_language(entry),
        origin=origin,
    )


def _entry_text(entry: Any) -> str:
    candidates: list[tuple[str, str]] = []
    for content in entry.get("content") or []:
        candidates.append((content.get("value") or "", content.get("type") or "text/html"))
    summary = entry.get("summary")
    if summary:
        detail = entry.get("summary_detail") or {}
        candidates.append((summary, detail.get("type") or "text/html"))
    # The longest body wins: feeds often put a teaser in the summary and the article in content.
    best = ""
    for value, content_type in candidates:
        text = value if content_type == "text/plain" else strip_tags(value)
        text = normalise_newlines(text).strip()
        if len(text) > len(best):
            best = text
    return best


def _entry_date(entry: Any) -> str | None:
    """The item's date in ISO form, keeping the offset it was written with."""
    for key in ("published", "updated"):
        raw = entry.get(key)
        if not raw:
            continue
        try:
            return datetime.fromisoformat(raw).isoformat()
        except ValueError:
            pass
        try:
            return email.utils.parsedate_to_datetime(raw).isoformat()
        except (TypeError, ValueError):
            pass
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
    return None


def _language(entry: Any) -> str:
    detail = entry.get("summary_detail") or entry.get("title_detail") or {}
    language = detail.get("language") if hasattr(detail, "get") else None
    return (language or "en").split("-")[0].lower() or "en"
