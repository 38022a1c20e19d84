"""Every fact of ../shared/gold/seed-000.json, one test each, against the real pipeline.

Runs only where the shared seed folder exists next to the repository. Test ids name
the fact ("totals.killed=7", "incident[Pohreby].children_killed=2") so a failing
run reads as a to-do list.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from strikelog.evaluate import (
    FlatIncident,
    FlatReport,
    PlaceNames,
    flatten,
    load_gold,
    pair_incidents,
    pair_waves,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
GOLD_FILE = SHARED / "gold" / "seed-000.json"
SEED_GLOB = "000_*.txt"


@dataclass(frozen=True)
class Fact:
    id: str
    where: str  # "wave", "totals", "incident", "non_strike"; "+mark" for qualifier readings
    index: int  # gold wave/incident index (0 elsewhere)
    key: str  # attribute, count key, harm field or place name
    expected: Any


@dataclass
class Seed:
    gold: FlatReport
    pred: FlatReport
    names: PlaceNames
    wave_of: dict[int, int]  # gold wave index → predicted wave index
    incident_of: dict[int, int]

    def incident(self, gold_index: int) -> FlatIncident | None:
        pi = self.incident_of.get(gold_index)
        return None if pi is None else self.pred.incidents[pi]


@pytest.fixture(scope="module")
def seed() -> Seed:
    import strikelog

    files = sorted((SHARED / "seeds").glob(SEED_GLOB))
    assert files, f"no {SEED_GLOB} in {SHARED / 'seeds'}"
    gold = load_gold(GOLD_FILE)[0]
    extraction = strikelog.extract(files[0].read_text(encoding="utf-8"), published=gold.published)
    pred = flatten(extraction.to_dict(), "seed extraction", strict=False, default_id=gold.id)
    names = PlaceNames.load()
    waves = pair_waves(gold.waves, pred.waves)
    incidents = pair_incidents(gold.incidents, pred.incidents, names)
    return Seed(gold, pred, names, dict(waves.pairs), dict(incidents.pairs))


def _facts() -> list[Fact]:
    if not GOLD_FILE.exists():
        return []
    gold = load_gold(GOLD_FILE)[0]
    facts: list[Fact] = []
    for wi, wave in enumerate(gold.waves):
        label = f"wave[{wave.attacker}->{wave.target_country}]"
        values = {a: getattr(wave, a) for a in ("attacker", "target_country", "period")}
        values.update(wave.counts)
        for key, value in values.items():
            if value is not None:
                facts.append(Fact(f"{label}.{key}={value}", "wave", wi, key, value))
        facts += _mark_facts(label, "wave", wi, wave.counts, wave.marks)
    for name, value in gold.totals.items():
        if value is not None:
            facts.append(Fact(f"totals.{name}={value}", "totals", 0, name, value))
    facts += _mark_facts("totals", "totals", 0, gold.totals, gold.totals_marks)
    for gi, inc in enumerate(gold.incidents):
        label = f"incident[{inc.label}]"
        facts.append(Fact(f"{label}.place", "incident", gi, "place", inc.label))
        fields: dict[str, Any] = {"admin1": inc.admin1, "country": inc.country}
        fields.update(weapon=inc.weapon, **inc.harm)
        fields["targets"] = sorted(inc.targets)
        for key, value in fields.items():
            if value is not None:
                shown = "+".join(value) or "none" if key == "targets" else value
                facts.append(Fact(f"{label}.{key}={shown}", "incident", gi, key, value))
        facts += _mark_facts(label, "incident", gi, inc.harm, inc.marks)
    for place in gold.non_strike_places:
        facts.append(Fact(f"non_strike[{place}]", "non_strike", 0, place, []))
    return facts


def _mark_facts(
    label: str, where: str, index: int, values: dict[str, Any], marks: dict[str, Any]
) -> list[Fact]:
    """Qualifier readings ("killed at-least", "injured qualifier") of non-null gold values."""
    return [
        Fact(f"{label}.{key.replace(' ', '_')}={value}", f"{where}+mark", index, key, value)
        for key, value in marks.items()
        if values.get(key.rsplit(" ", 1)[0]) is not None
    ]


def _owner(s: Seed, fact: Fact) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The predicted (values, marks) the fact's wave, incident or totals maps to."""
    where = fact.where.removesuffix("+mark")
    if where == "totals":
        return s.pred.totals, s.pred.totals_marks
    if where == "wave":
        pi = s.wave_of.get(fact.index)
        return None if pi is None else (s.pred.waves[pi].counts, s.pred.waves[pi].marks)
    incident = s.incident(fact.index)
    return None if incident is None else (incident.harm, incident.marks)


def _found(s: Seed, fact: Fact) -> Any:
    """What the extraction says in the slot the fact names (None when it says nothing)."""
    if fact.where == "wave":
        pi = s.wave_of.get(fact.index)
        if pi is None:
            return None
        wave = s.pred.waves[pi]
        return wave.counts.get(fact.key) if "." in fact.key else getattr(wave, fact.key)
    if fact.where == "totals":
        return s.pred.totals.get(fact.key)
    if fact.where.endswith("+mark"):
        owner = _owner(s, fact)
        if owner is None or owner[0].get(fact.key.rsplit(" ", 1)[0]) is None:
            return None
        return owner[1].get(fact.key)
    if fact.where == "non_strike":
        return [
            i.label for i in s.pred.incidents if any(s.names.same(fact.key, n) for n in i.names)
        ]
    incident = s.incident(fact.index)
    if incident is None:
        return None
    if fact.key == "place":
        return fact.expected  # paired by place name (with aliases): the place is there
    if fact.key == "targets":
        return sorted(incident.targets)
    if fact.key == "admin1":
        same = s.names.same(incident.admin1, fact.expected)
        return fact.expected if same else incident.admin1
    if fact.key in incident.harm:
        return incident.harm[fact.key]
    return getattr(incident, fact.key)


def _same(expected: Any, found: Any) -> bool:
    if isinstance(expected, str) and isinstance(found, str):
        return expected.casefold() == found.casefold()
    return bool(expected == found)


FACTS = _facts()


@pytest.mark.skipif(not GOLD_FILE.exists(), reason=f"no shared seed gold at {GOLD_FILE}")
@pytest.mark.parametrize("fact", FACTS or [None], ids=[f.id for f in FACTS] or ["no-seed"])
def test_seed_fact(seed: Seed, fact: Fact) -> None:
    found = _found(seed, fact)
    if fact.where.startswith("incident") and seed.incident(fact.index) is None:
        pytest.fail(
            f"no predicted incident at {fact.expected if fact.key == 'place' else fact.id}; "
            f"predicted places: {[i.label for i in seed.pred.incidents]}"
        )
    assert _same(fact.expected, found), f"{fact.id}: expected {fact.expected!r}, found {found!r}"
