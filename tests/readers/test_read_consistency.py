"""The same words read from any format give the same report text, so spans agree."""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from strikelog.models import Report
from strikelog.readers import iter_reports
from strikelog.readers.decode import normalise_newlines

# Letters of two scripts, digits, punctuation and every newline style.
pieces = st.sampled_from(list("abc XYZ 0123 ,.;:'\"-–— ЖжЇї é\t") + ["\n", "\r\n", "\r"])
texts = st.lists(pieces, min_size=1, max_size=120).map("".join).filter(lambda t: bool(t.strip()))


def only_text(data: bytes, forced: str) -> str:
    [report] = list(iter_reports("-", stdin=io.BytesIO(data), format=forced))  # type: ignore[arg-type]
    assert isinstance(report, Report), report
    return report.text


@settings(max_examples=60, deadline=None)
@given(texts)
def test_text_jsonl_and_telegram_agree(text: str) -> None:
    expected = normalise_newlines(text)
    assert "\r" not in expected
    as_text = only_text(text.encode("utf-8"), "text")
    as_bom_text = only_text(b"\xef\xbb\xbf" + text.encode("utf-8"), "text")
    as_line = only_text(json.dumps({"text": text}).encode() + b"\n", "jsonl")
    export = {"name": "c", "messages": [{"id": 1, "type": "message", "text": [text]}]}
    as_message = only_text(json.dumps(export).encode(), "json")
    assert as_text == as_bom_text == as_line == as_message == expected
