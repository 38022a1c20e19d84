"""A .json file: a Telegram Desktop channel export, one report object, or an array of them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from strikelog.models import Report
from strikelog.readers.base import ReadError, ReadFailure, ReadResult
from strikelog.readers.decode import decode_bytes, normalise_newlines
from strikelog.readers.records import report_from_mapping, text_size_ok


def load_json(data: bytes) -> Any:
    text = decode_bytes(data)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadFailure(
            f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", "json"
        ) from None


def is_telegram_export(doc: Any) -> bool:
    return isinstance(doc, dict) and isinstance(doc.get("messages"), list)


def iter_json_document(doc: Any, name: str, max_bytes: int) -> Iterator[ReadResult]:
    if is_telegram_export(doc):
        yield from iter_telegram(doc, name, max_bytes)
    elif isinstance(doc, dict):
        try:
            yield report_from_mapping(doc, name, max_bytes)
        except ReadFailure as failure:
            yield failure.at(name)
    elif isinstance(doc, list):
        if not doc:
            yield ReadError(name, "empty input: an empty JSON array", "empty")
        for index, item in enumerate(doc):
            origin = f"{name}[{index}]"
            try:
                yield report_from_mapping(item, origin, max_bytes)
            except ReadFailure as failure:
                yield failure.at(origin)
    else:
        yield ReadError(
            name,
            "a JSON file must be a Telegram export, a report object or an array of them",
            "json",
        )


def iter_telegram(doc: dict[str, Any], name: str, max_bytes: int) -> Iterator[ReadResult]:
    """One report per message of type "message" with text; service and media-only ones skip."""
    channel = doc.get("name")
    channel = channel if isinstance(channel, str) and channel.strip() else None
    found = 0
    for position, message in enumerate(doc["messages"]):
        if not isinstance(message, dict) or message.get("type", "message") != "message":
            continue
        message_id = message.get("id", f"#{position}")
        origin = f"{name}#{message_id}"
        try:
            text = telegram_text(message.get("text"))
        except ReadFailure as failure:
            found += 1
            yield failure.at(origin)
            continue
        if not text.strip():
            continue  # a photo or sticker with no caption: not a report, not an error
        found += 1
        try:
            text_size_ok(text, max_bytes)
        except ReadFailure as failure:
            yield failure.at(origin)
            continue
        date = message.get("date")
        yield Report(
            text=text,
            id=f"{channel or 'telegram'}/{message_id}",
            published=date if isinstance(date, str) and date else None,
            source=channel,
            origin=origin,
        )
    if not found:
        yield ReadError(name, "no message with text in this Telegram export", "empty")


def telegram_text(value: Any) -> str:
    """A message's `text`: a string, or a list of strings and `{"type", "text"}` entities."""
    if value is None:
        return ""
    if isinstance(value, str):
        return normalise_newlines(value)
    if isinstance(value, list):
        parts: list[str] = []
        for entity in value:
            if isinstance(entity, str):
                parts.append(entity)
            elif isinstance(entity, dict) and isinstance(entity.get("text"), str):
                parts.append(entity["text"])
            else:
                raise ReadFailure(f"unexpected text entity {entity!r:.60}", "json")
        return normalise_newlines("".join(parts))
    raise ReadFailure(f'"text" must be a string or a list of entities, got {value!r:.60}', "json")
