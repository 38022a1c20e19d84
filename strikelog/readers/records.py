"""A JSON object (a .jsonl line, an element of a .json array) → `Report`."""

from __future__ import annotations

from typing import Any

from strikelog.models import Report
from strikelog.readers.base import ReadFailure, too_large
from strikelog.readers.decode import normalise_newlines

_OPTIONAL_STRINGS = ("url", "title", "published", "source")


def text_size_ok(text: str, max_bytes: int) -> None:
    # Cheap test first: a str of n characters is at most 4n bytes of UTF-8.
    if len(text) * 4 > max_bytes:
        size = len(text.encode("utf-8"))
        if size > max_bytes:
            raise too_large(size, max_bytes)


def report_from_mapping(obj: Any, origin: str, max_bytes: int) -> Report:
    """Build a report from `{"id","text","url","title","published","source","language"}`.

    Only `text` is required; unknown keys are ignored.
    """
    if not isinstance(obj, dict):
        raise ReadFailure(f"expected a JSON object, got {_json_type(obj)}", "json")
    text = obj.get("text")
    if text is None:
        raise ReadFailure('missing "text"', "json")
    if not isinstance(text, str):
        raise ReadFailure(f'"text" must be a string, got {_json_type(text)}', "json")
    text = normalise_newlines(text.removeprefix("\ufeff"))
    if not text.strip():
        raise ReadFailure('empty "text"', "empty")
    text_size_ok(text, max_bytes)
    given_id = obj.get("id")
    if isinstance(given_id, bool) or (given_id is not None and not isinstance(given_id, str | int)):
        raise ReadFailure(
            f'"id" must be a string or an integer, got {_json_type(given_id)}', "json"
        )
    fields: dict[str, str | None] = {}
    for name in _OPTIONAL_STRINGS:
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            raise ReadFailure(f'"{name}" must be a string, got {_json_type(value)}', "json")
        fields[name] = value or None
    language = obj.get("language") or "en"
    if not isinstance(language, str):
        raise ReadFailure(f'"language" must be a string, got {_json_type(language)}', "json")
    return Report(
        text=text,
        id=str(given_id) if given_id is not None else None,
        language=language,
        origin=origin,
        **fields,
    )


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
