"""A stand-in for `strikelog.pipeline.extract_report`, so CLI tests do not depend on it.

It lives in a module of its own (not in a test) so worker processes can import it.
"""

from __future__ import annotations

import os
import re

from strikelog.models import (
    Extraction,
    Figure,
    Incident,
    Place,
    Report,
    ReportMeta,
    Span,
    Totals,
    Wave,
)

_DRONES = re.compile(r"(\d+) drones")
_KILLED = re.compile(r"(\d+) (?:people )?killed")


def fake_extract_report(report: Report) -> Extraction:
    """Finds 'N drones' and 'N killed'; raises on the word 'explode' to test failures."""
    if "explode" in report.text:
        raise RuntimeError("the fake pipeline blew up")
    # Deliberately ignores report.id: the command must put the input's id back.
    meta = ReportMeta(
        id=report.sha256,
        url=report.url,
        title=report.title,
        published=report.published,
        language=report.language,
    )
    drones = _DRONES.search(report.text)
    if drones is None:
        return Extraction(report=meta, is_attack=False)
    span = Span(drones.start(), drones.end(), drones.group())
    wave = Wave(
        attacker="Russia",
        target_country="UA",
        period="overnight",
        date=report.published,
        launched={"drone": Figure(int(drones.group(1)), evidence=[span])},
        evidence=[span],
    )
    extraction = Extraction(report=meta, waves=[wave], warnings=[f"pid={os.getpid()}"])
    killed = _KILLED.search(report.text)
    if killed:
        kspan = Span(killed.start(), killed.end(), killed.group())
        figure = Figure(int(killed.group(1)), qualifier="at_least", low=int(killed.group(1)))
        figure.evidence.append(kspan)
        extraction.totals = Totals(killed=figure)
        place = Place(name="Testville", admin1="Test Oblast", country="UA", precision="settlement")
        extraction.incidents.append(
            Incident(place=place, killed=figure, targets=["residential"], weapon="drone")
        )
    return extraction
