"""Schemathesis: generated requests for every operation against the real server, each response
checked against the OpenAPI document (status codes, content types, bodies).

The document is built in-process at import (schemathesis's lazy fixture loader does not work
with this pytest); a test checks the running server publishes exactly the same document.
Positive and negative examples, bounded per operation, so the run stays well under a minute.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import httpx
import schemathesis
from hypothesis import HealthCheck, settings

from strikelog.api.app import create_app
from strikelog.api.settings import Settings
from strikelog.store.db import open_store

MAX_EXAMPLES = 25


def _openapi_document() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "empty.db")) as store:
        return create_app(store=store, settings=Settings()).openapi()


DOCUMENT = _openapi_document()
schema = schemathesis.openapi.from_dict(DOCUMENT)


def test_server_publishes_the_document_under_test(server: str) -> None:
    assert httpx.get(server + "/openapi.json").json() == DOCUMENT


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_openapi_document(case: schemathesis.Case, server: str) -> None:
    case.call_and_validate(base_url=server)
