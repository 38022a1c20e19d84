"""Hand-built reports and extractions for store tests (no pipeline needed)."""

from __future__ import annotations

from typing import Any

from strikelog.models import (
    Extraction,
    Figure,
    Incident,
    InterceptedOver,
    OtherPlace,
    Place,
    Report,
    ReportMeta,
    Span,
    Totals,
    Victim,
    Wave,
)


def span_of(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle), needle)


def fig(
    text: str, needle: str, value: int, qualifier: str = "exact", low: int | None = None
) -> Figure:
    return Figure(value=value, qualifier=qualifier, low=low, evidence=[span_of(text, needle)])


KHARKIV: dict[str, Any] = dict(
    name="Kharkiv",
    admin1="Kharkiv Oblast",
    country="UA",
    lat=49.99,
    lon=36.23,
    geonameid=706483,
    precision="settlement",
    confidence=0.9,
)
ODESA: dict[str, Any] = dict(
    name="Odesa",
    admin1="Odesa Oblast",
    country="UA",
    lat=46.48,
    lon=30.73,
    geonameid=698740,
    precision="settlement",
    confidence=0.9,
)
BELGOROD: dict[str, Any] = dict(
    name="Belgorod",
    admin1="Belgorod Oblast",
    country="RU",
    lat=50.6,
    lon=36.6,
    geonameid=578072,
    precision="settlement",
    confidence=0.8,
)


def kharkiv_report(n: int = 0, *, url: str | None = None, published: str = "2025-03-04") -> Report:
    text = (
        f"Report {n}. Overnight Russia launched 120 drones and 9 missiles at Ukraine; air defence "
        f"shot down 100 drones. In Kharkiv, at least 3 people were killed and 14 injured when a "
        f"missile hit an apartment block. Among the dead was a 7-year-old girl. "
        f"Officials spoke in Kyiv."
    )
    return Report(
        text=text, url=url, title=f"Strike on Kharkiv {n}", published=published, origin=f"test:{n}"
    )


def kharkiv_extraction(report: Report) -> Extraction:
    t = report.text
    wave = Wave(
        attacker="Russia",
        target_country="UA",
        period="overnight",
        date=report.published,
        launched={"drone": fig(t, "120 drones", 120), "missile": fig(t, "9 missiles", 9)},
        intercepted={"drone": fig(t, "shot down 100 drones", 100)},
        intercepted_over=[
            InterceptedOver(Place(name="Kharkiv Oblast", precision="admin1"), Figure(value=5))
        ],
        evidence=[span_of(t, "Overnight Russia launched")],
    )
    incident = Incident(
        place=Place(written="Kharkiv", evidence=[span_of(t, "Kharkiv")], **KHARKIV),
        killed=fig(t, "at least 3 people were killed", 3, "at_least", low=3),
        injured=fig(t, "14 injured", 14),
        children_killed=fig(t, "a 7-year-old girl", 1),
        victims=[
            Victim(
                age=7,
                sex="female",
                outcome="killed",
                child=True,
                evidence=[span_of(t, "7-year-old girl")],
            )
        ],
        targets=["residential"],
        weapon="missile",
        date=report.published,
        evidence=[span_of(t, "missile hit an apartment block")],
    )
    return Extraction(
        report=ReportMeta(
            id=report.sha256, url=report.url, title=report.title, published=report.published
        ),
        waves=[wave],
        totals=Totals(killed=fig(t, "at least 3 people were killed", 3, "at_least", low=3)),
        incidents=[incident],
        other_places=[
            OtherPlace(name="Kyiv", role="speaker location", place=Place(name="Kyiv", country="UA"))
        ],
        warnings=["test warning"],
    )


def odesa_report(n: int = 0, published: str = "2025-03-10") -> Report:
    text = (
        f"Bulletin {n}. A drone struck a power substation in Odesa, injuring about 5 workers. "
        f"Separately, shelling of Belgorod killed 2 people and damaged a school."
    )
    return Report(
        text=text, title=f"Odesa {n}", published=published, origin=f"odesa:{n}", source="wire"
    )


def odesa_extraction(report: Report) -> Extraction:
    t = report.text
    return Extraction(
        report=ReportMeta(id=report.sha256, published=report.published),
        incidents=[
            Incident(
                place=Place(written="Odesa", **ODESA),
                injured=fig(t, "about 5 workers", 5, "about", low=4),
                targets=["energy"],
                weapon="drone",
                evidence=[span_of(t, "A drone struck a power substation")],
            ),
            Incident(
                place=Place(written="Belgorod", **BELGOROD),
                killed=fig(t, "killed 2 people", 2),
                targets=["education", "residential"],
                weapon="artillery",
                date="2025-03-09",
            ),
        ],
    )


def extract_any(report: Report) -> Extraction:
    """A stand-in for the pipeline: picks the hand-built extraction by the text."""
    if report.text.startswith("Bulletin"):
        return odesa_extraction(report)
    if report.text.startswith("Report"):
        return kharkiv_extraction(report)
    return Extraction(report=ReportMeta(id=report.sha256), is_attack=False)
