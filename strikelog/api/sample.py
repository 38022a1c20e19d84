"""Made-up reports with hand-built extractions, for trying the map, tests and benchmarks.

The texts are synthetic (written here, not copied from any source); every figure's span
points at the words it came from, so the page's evidence highlighting can be checked
against `report.text[start:end]`. Nothing here runs the extractor.

    python -m strikelog.api.sample sample.db --reports 40
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from strikelog.models import (
    Extraction,
    Figure,
    Incident,
    Place,
    Report,
    ReportMeta,
    Span,
    Totals,
    Victim,
    Wave,
)
from strikelog.store.db import Store, open_store
from strikelog.store.save import ensure_source, save_report


@dataclass(frozen=True)
class SamplePlace:
    name: str
    admin1: str
    country: str
    lat: float
    lon: float


PLACES = (
    SamplePlace("Kyiv", "Kyiv City", "UA", 50.4501, 30.5234),
    SamplePlace("Kharkiv", "Kharkiv Oblast", "UA", 49.9935, 36.2304),
    SamplePlace("Odesa", "Odesa Oblast", "UA", 46.4825, 30.7233),
    SamplePlace("Dnipro", "Dnipropetrovsk Oblast", "UA", 48.4647, 35.0462),
    SamplePlace("Zaporizhzhia", "Zaporizhzhia Oblast", "UA", 47.8388, 35.1396),
    SamplePlace("Lviv", "Lviv Oblast", "UA", 49.8397, 24.0297),
    SamplePlace("Sumy", "Sumy Oblast", "UA", 50.9077, 34.7981),
    SamplePlace("Kherson", "Kherson Oblast", "UA", 46.6354, 32.6169),
    SamplePlace("Mykolaiv", "Mykolaiv Oblast", "UA", 46.9750, 31.9946),
    SamplePlace("Chernihiv", "Chernihiv Oblast", "UA", 51.4982, 31.2893),
    SamplePlace("Poltava", "Poltava Oblast", "UA", 49.5883, 34.5514),
    SamplePlace("Belgorod", "Belgorod Oblast", "RU", 50.5997, 36.5983),
    SamplePlace("Kursk", "Kursk Oblast", "RU", 51.7373, 36.1874),
)
SITES = (
    ("an apartment block", "residential"),
    ("a school", "education"),
    ("a power substation", "energy"),
    ("a hospital", "health"),
    ("a grain warehouse", "agricultural"),
    ("a railway depot", "transport"),
    ("a shopping centre", "commercial"),
)
WEAPONS = (("drone", "a drone"), ("missile", "a missile"), ("glide_bomb", "a glide bomb"))


class TextBuilder:
    """Builds a text piece by piece and remembers where chosen pieces landed."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0

    def add(self, piece: str) -> Span:
        span = Span(self._length, self._length + len(piece), piece)
        self._parts.append(piece)
        self._length += len(piece)
        return span

    @property
    def text(self) -> str:
        return "".join(self._parts)


def _fig(value: int, span: Span, qualifier: str = "exact") -> Figure:
    return Figure(value=value, qualifier=qualifier, low=value, evidence=[span])


@dataclass
class SampleStrike:
    place: SamplePlace
    site: tuple[str, str]
    weapon: tuple[str, str]
    killed: int
    injured: int
    child_age: int | None = None


@dataclass
class SampleReport:
    day: date
    strikes: list[SampleStrike]
    drones: int = 0
    drones_down: int = 0
    missiles: int = 0
    source: str = "sample wire"
    title: str | None = None
    extra: list[str] = field(default_factory=list)


def build(sample: SampleReport, number: int) -> tuple[Report, Extraction]:
    """The report text and its extraction, with exact spans."""
    tb = TextBuilder()
    waves: list[Wave] = []
    tb.add(f"Report {number}. ")
    if sample.drones or sample.missiles:
        tb.add("Russian forces launched ")
        drones = tb.add(f"{sample.drones} drones")
        tb.add(" and ")
        missiles = tb.add(f"{sample.missiles} missiles")
        tb.add(" at Ukraine overnight, the air force said. Air defences destroyed ")
        down = tb.add(f"{sample.drones_down} of the drones")
        tb.add(".\n")
        waves.append(
            Wave(
                attacker="Russia",
                target_country="UA",
                period="overnight",
                date=sample.day.isoformat(),
                launched={
                    "drone": _fig(sample.drones, drones),
                    "missile": _fig(sample.missiles, missiles),
                },
                intercepted={"drone": _fig(sample.drones_down, down)},
                evidence=[drones, missiles, down],
            )
        )
    incidents: list[Incident] = []
    total_killed = 0
    for strike in sample.strikes:
        tb.add("In ")
        place_span = tb.add(strike.place.name)
        tb.add(f", {strike.weapon[1]} hit {strike.site[0]}")
        inc = Incident(
            place=Place(
                name=strike.place.name,
                written=strike.place.name,
                admin1=strike.place.admin1,
                country=strike.place.country,
                lat=strike.place.lat,
                lon=strike.place.lon,
                precision="settlement",
                confidence=0.9,
                evidence=[place_span],
            ),
            targets=[strike.site[1]],
            weapon=strike.weapon[0],
            date=sample.day.isoformat(),
        )
        if strike.killed:
            tb.add(", ")
            killed = tb.add(
                f"killing {strike.killed} {'person' if strike.killed == 1 else 'people'}"
            )
            inc.killed = _fig(strike.killed, killed)
            total_killed += strike.killed
        if strike.injured:
            tb.add(" and " if strike.killed else ", ")
            injured = tb.add(
                f"wounding {strike.injured} {'other' if strike.injured == 1 else 'others'}"
            )
            inc.injured = _fig(strike.injured, injured)
        tb.add(", the regional governor said.")
        if strike.child_age is not None and strike.killed:
            tb.add(" Among the dead was ")
            child = tb.add(f"a boy aged {strike.child_age}")
            tb.add(".")
            inc.children_killed = _fig(1, child)
            inc.victims.append(
                Victim(
                    age=strike.child_age, sex="male", outcome="killed", child=True, evidence=[child]
                )
            )
        tb.add("\n")
        inc.evidence = [place_span]
        incidents.append(inc)
    for line in sample.extra:
        tb.add(line + "\n")
    report = Report(
        text=tb.text,
        id=f"sample-{number}",
        title=sample.title or f"Strikes reported on {sample.day.isoformat()}",
        published=sample.day.isoformat(),
        source=sample.source,
    )
    extraction = Extraction(
        report=ReportMeta(id=report.sha256, title=report.title, published=report.published),
        waves=waves,
        incidents=incidents,
        totals=Totals(
            killed=Figure(value=total_killed, low=total_killed) if total_killed else None
        ),
    )
    return report, extraction


def save_samples(store: Store, samples: list[SampleReport], *, first_number: int = 1) -> list[int]:
    """Store the sample reports in one transaction; returns their report row ids."""
    ids = []
    with store.write() as conn:
        source_ids: dict[str, int] = {}
        for offset, sample in enumerate(samples):
            report, extraction = build(sample, first_number + offset)
            if sample.source not in source_ids:
                source_ids[sample.source] = ensure_source(conn, sample.source, kind="sample")
            ids.append(
                save_report(conn, report, extraction, source_id=source_ids[sample.source]).report_id
            )
    return ids


def random_samples(
    count: int,
    *,
    seed: int = 7,
    end: date | None = None,
    days: int = 120,
    places: tuple[SamplePlace, ...] = PLACES,
) -> list[SampleReport]:
    """`count` made-up reports spread over `days` days ending at `end`, 1–6 strikes each."""
    rng = random.Random(seed)
    end = end or date.today()
    out = []
    for _ in range(count):
        day = end - timedelta(days=rng.randrange(days))
        strikes = [
            SampleStrike(
                place=rng.choice(places),
                site=rng.choice(SITES),
                weapon=rng.choice(WEAPONS),
                killed=rng.choice((0, 0, 1, 2, 3, 5, 8)),
                injured=rng.choice((0, 1, 2, 4, 7, 12, 20)),
                child_age=rng.choice((None, None, None, 6, 11, 15)),
            )
            for _ in range(rng.randint(1, 6))
        ]
        drones = rng.randrange(20, 500)
        out.append(
            SampleReport(
                day=day,
                strikes=strikes,
                drones=drones,
                drones_down=rng.randrange(drones // 2, drones + 1),
                missiles=rng.randrange(0, 40),
                source=rng.choice(("sample wire", "sample daily", "sample channel")),
            )
        )
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("db", help="SQLite file or postgresql:// URL to fill")
    parser.add_argument("--reports", type=int, default=40, help="how many made-up reports")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    with open_store(args.db) as store:
        save_samples(store, random_samples(args.reports, seed=args.seed))


if __name__ == "__main__":
    main()
