"""The records that travel through the pipeline and the output contract (DESIGN §3).

Every extracted number is a `Figure` carrying the `Span`s of text it came from;
`to_dict()` on each record gives the JSON contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

QUALIFIERS = ("exact", "at_least", "more_than", "about", "up_to", "fewer_than")
WEAPON_CLASSES = (
    "drone",
    "missile",
    "ballistic_missile",
    "cruise_missile",
    "rocket",
    "glide_bomb",
    "artillery",
    "airstrike",
)
# The keys always present in a wave's launched/intercepted maps (others appear when found).
WAVE_KEYS = ("drone", "missile", "ballistic_missile", "cruise_missile")
TARGET_CLASSES = (
    "residential",
    "energy",
    "education",
    "health",
    "industrial",
    "transport",
    "commercial",
    "government",
    "religious",
    "cultural",
    "military",
    "agricultural",
    "water",
    "telecom",
    "other",
)
PRECISIONS = ("settlement", "district", "admin2", "admin1", "country", "unresolved")


# Not frozen, for speed (as `spot.mentions.Mention`): a frozen dataclass's __init__ costs
# about four times as much and a report makes dozens of spans. Equality and hashing stay as a
# frozen one's; never assign to one.
@dataclass(unsafe_hash=True)
class Span:
    """Character offsets into the report text as read: text == report_text[start:end]."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Figure:
    """One number with its qualifier, bounds and evidence."""

    value: int | None
    qualifier: str = "exact"
    low: int | None = None
    high: int | None = None
    evidence: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "qualifier": self.qualifier,
            "low": self.low,
            "high": self.high,
            "evidence": [s.to_dict() for s in self.evidence],
        }


def figure_dict(fig: Figure | None) -> dict[str, Any] | None:
    return fig.to_dict() if fig is not None else None


@dataclass
class Place:
    """A place as written in the report and what the gazetteer made of it."""

    name: str  # resolved (canonical) name, or the written name when unresolved
    written: str | None = None  # the name as it stands in the text
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: str = "unresolved"
    confidence: float = 0.0
    candidates: list[int] = field(default_factory=list)  # geonameids kept when ambiguous
    evidence: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "written": self.written,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "precision": self.precision,
            "confidence": round(self.confidence, 3),
            "candidates": list(self.candidates),
            "evidence": [s.to_dict() for s in self.evidence],
        }


@dataclass
class Victim:
    age: int | None = None  # whole years; babies under one year have age 0
    age_months: int | None = None
    sex: str | None = None  # "female" | "male" | None
    outcome: str = "killed"  # "killed" | "injured"
    child: bool = False
    evidence: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "age": self.age,
            "age_months": self.age_months,
            "sex": self.sex,
            "outcome": self.outcome,
            "child": self.child,
            "evidence": [s.to_dict() for s in self.evidence],
        }


@dataclass
class InterceptedOver:
    """A per-region interception figure ("12 over Kursk region"): not a strike."""

    place: Place
    figure: Figure

    def to_dict(self) -> dict[str, Any]:
        return {"place": self.place.to_dict(), "figure": self.figure.to_dict()}


@dataclass
class Wave:
    attacker: str | None = None
    target_country: str | None = None
    period: str | None = None  # overnight, morning, day, evening
    date: str | None = None  # ISO date
    launched: dict[str, Figure | None] = field(default_factory=dict)
    intercepted: dict[str, Figure | None] = field(default_factory=dict)
    intercepted_over: list[InterceptedOver] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        launched: dict[str, dict[str, Any] | None] = {k: None for k in WAVE_KEYS}
        launched.update({k: figure_dict(v) for k, v in self.launched.items()})
        intercepted: dict[str, dict[str, Any] | None] = {k: None for k in ("drone", "missile")}
        intercepted.update({k: figure_dict(v) for k, v in self.intercepted.items()})
        return {
            "attacker": self.attacker,
            "target_country": self.target_country,
            "period": self.period,
            "date": self.date,
            "launched": launched,
            "intercepted": intercepted,
            "intercepted_over": [i.to_dict() for i in self.intercepted_over],
            "evidence": [s.to_dict() for s in self.evidence],
        }


HARM_FIELDS = ("killed", "injured", "children_killed", "children_injured", "casualties")


@dataclass
class Totals:
    killed: Figure | None = None
    injured: Figure | None = None
    children_killed: Figure | None = None
    children_injured: Figure | None = None
    casualties: Figure | None = None

    def to_dict(self) -> dict[str, Any]:
        return {name: figure_dict(getattr(self, name)) for name in HARM_FIELDS}


@dataclass
class Incident:
    place: Place | None = None
    near: str | None = None  # "a nearby village": the place it is near
    killed: Figure | None = None
    injured: Figure | None = None
    children_killed: Figure | None = None
    children_injured: Figure | None = None
    casualties: Figure | None = None
    victims: list[Victim] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    weapon: str | None = None
    date: str | None = None
    evidence: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "place": self.place.to_dict() if self.place else None,
            "near": self.near,
        }
        out.update({name: figure_dict(getattr(self, name)) for name in HARM_FIELDS})
        out.update(
            {
                "victims": [v.to_dict() for v in self.victims],
                "targets": list(self.targets),
                "weapon": self.weapon,
                "date": self.date,
                "evidence": [s.to_dict() for s in self.evidence],
            }
        )
        return out


@dataclass
class OtherPlace:
    """A place the report names that was not struck (speaker location, venue, launch site…)."""

    name: str
    role: str
    place: Place | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "place": self.place.to_dict() if self.place else None,
        }


@dataclass
class Report:
    """One input report as read (text after HTML→text)."""

    text: str
    id: str | None = None  # given id (e.g. from a .jsonl line); else the content hash
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date or datetime
    source: str | None = None
    language: str = "en"
    origin: str | None = None  # where it was read from: "file.jsonl:12"

    @property
    def sha256(self) -> str:
        import hashlib

        return "sha256:" + hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class ReportMeta:
    id: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    language: str = "en"
    source: str | None = None
    origin: str | None = None  # where it was read from: "reports.jsonl:12", a file path

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "published": self.published,
            "language": self.language,
            "source": self.source,
            "origin": self.origin,
        }


@dataclass
class Extraction:
    report: ReportMeta
    waves: list[Wave] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)
    incidents: list[Incident] = field(default_factory=list)
    other_places: list[OtherPlace] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    is_attack: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "report": self.report.to_dict(),
            "is_attack": self.is_attack,
            "waves": [w.to_dict() for w in self.waves],
            "totals": self.totals.to_dict(),
            "incidents": [i.to_dict() for i in self.incidents],
            "other_places": [p.to_dict() for p in self.other_places],
            "warnings": list(self.warnings),
        }

    def figures(self) -> list[tuple[str, Figure]]:
        """Every figure with a dotted path naming where it sits (for the evidence table)."""
        out: list[tuple[str, Figure]] = []
        for wi, w in enumerate(self.waves):
            for kind, key_map in (("launched", w.launched), ("intercepted", w.intercepted)):
                for k, f in key_map.items():
                    if f is not None:
                        out.append((f"waves.{wi}.{kind}.{k}", f))
            for oi, o in enumerate(w.intercepted_over):
                out.append((f"waves.{wi}.intercepted_over.{oi}", o.figure))
        for name in HARM_FIELDS:
            f = getattr(self.totals, name)
            if f is not None:
                out.append((f"totals.{name}", f))
        for ii, inc in enumerate(self.incidents):
            for name in HARM_FIELDS:
                f = getattr(inc, name)
                if f is not None:
                    out.append((f"incidents.{ii}.{name}", f))
        return out
