"""The pipeline: read → prepare → spot → frame → resolve → reconcile, one report at a time.

Each stage is a pure function of its input and read-only resources (lexicons, gazetteer),
so the same call runs in one process, a process pool or on Dask workers. A stage that fails
is named in the error together with the report.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import TypeVar

from strikelog.frame import SentenceFrame, frame_sentence
from strikelog.geo import get_gazetteer
from strikelog.models import Extraction, Place, Report, ReportMeta, Span
from strikelog.places import COUNTRY, place_role
from strikelog.prepare import Doc, prepare
from strikelog.reconcile import reconcile
from strikelog.resolve import PlaceRef, Resolver
from strikelog.spot.actors import find_actors
from strikelog.spot.mentions import Mention, spot

T = TypeVar("T")

NO_ATTACK = "no attack found in this report: no strike, casualty figure or launch count"


class StageError(RuntimeError):
    """A pipeline stage failed on a report."""

    def __init__(self, stage: str, report: Report, cause: BaseException) -> None:
        where = report.origin or report.id or report.url or report.sha256[:19]
        super().__init__(f"stage '{stage}' failed on report {where}: {cause!r}")
        self.stage = stage


def _run(stage: str, report: Report, fn: Callable[[], T]) -> T:
    try:
        return fn()
    except StageError:
        raise
    except Exception as exc:  # noqa: BLE001 - re-raised with the stage and report named
        raise StageError(stage, report, exc) from exc


def _frames(doc: Doc, mentions: list[Mention]) -> list[SentenceFrame]:
    starts = [m.start for m in mentions]
    frames = []
    for s in doc.sentences:
        lo = bisect.bisect_left(starts, s.start)
        hi = bisect.bisect_left(starts, s.end)
        inside = [m for m in mentions[lo:hi] if m.end <= s.end]
        frames.append(frame_sentence(doc.text, s, inside))
    return frames


def _country_hints(actors: list, mention_countries: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    for a in actors:
        seen[a.country] = seen.get(a.country, 0) + 1
    for c in mention_countries:
        seen[c] = seen.get(c, 0) + 2
    return [c for c, _ in sorted(seen.items(), key=lambda kv: -kv[1])]


def _places(doc: Doc, actors: list) -> list[PlaceRef]:
    gaz = get_gazetteer()
    found = gaz.find(doc.text)
    if not found:
        return []
    starts = [s.start for s in doc.sentences]
    country_mentions = [c.country for m in found if m.kind == "country"
                        for c in m.candidates[:1]]
    resolved: list[Place] = gaz.resolve(found, countries=_country_hints(actors, country_mentions),
                                        text=doc.text)
    refs = []
    for m, place in zip(found, resolved, strict=True):
        si = bisect.bisect_right(starts, m.start) - 1
        if si < 0:
            continue
        sent = doc.sentences[si]
        if sent.boilerplate:
            continue
        role = place_role(doc.text, m.start, m.end, sent.start, m.kind, actors)
        if not place.evidence:
            place.evidence = [Span(m.start, m.end, doc.text[m.start:m.end])]
        refs.append(PlaceRef(m.start, m.end, m.kind if m.kind != "country" else COUNTRY, role,
                             place, si))
    return refs


def extract_report(report: Report) -> Extraction:
    """Run every stage on one report and return its checked extraction."""
    meta = ReportMeta(id=report.id or report.sha256, url=report.url, title=report.title,
                      published=(report.published or None), language=report.language)
    published = report.published[:10] if report.published else None
    doc = _run("prepare", report, lambda: prepare(report.text))
    mentions = _run("spot", report, lambda: spot(report.text))
    actors = _run("spot", report, lambda: find_actors(report.text))
    places = _run("spot", report, lambda: _places(doc, actors))
    frames = _run("frame", report, lambda: _frames(doc, mentions))

    def _resolve() -> Extraction:
        r = Resolver(doc, frames, mentions, places, actors, published)
        r.run()
        incidents = r.build_incidents()
        ex = Extraction(report=meta, incidents=incidents, totals=r.build_totals(),
                        warnings=r.warnings)
        ex.waves = r.waves()
        ex.other_places = r.other_places(incidents)
        return ex

    ex = _run("resolve", report, _resolve)
    ex = _run("reconcile", report, lambda: reconcile(ex))
    if not ex.incidents and not any(w.launched or w.intercepted for w in ex.waves) and \
            not ex.figures():
        ex.is_attack = False
        ex.waves = []
        ex.warnings.append(NO_ATTACK)
    return ex
