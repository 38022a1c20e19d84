"""Quality gate: the real pipeline on dev/reports must keep each F1 at or above its pinned floor.

Floors live in tests/eval/dev_baseline.json. When this fails, run
`strikelog eval dev/gold dev/reports --verbose` to see every missed and extra fact.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from strikelog.evaluate import FAMILIES, Evaluation, evaluate, load_gold, load_predictions

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "dev" / "gold"
REPORTS_DIR = ROOT / "dev" / "reports"
BASELINE = Path(__file__).with_name("dev_baseline.json")
SCORES = (*FAMILIES, "overall")


def _floors() -> dict[str, float]:
    data = json.loads(BASELINE.read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data.items() if not k.startswith("_")}


@pytest.fixture(scope="module")
def dev_result() -> Evaluation:
    if not any(GOLD_DIR.glob("*.json")):
        pytest.skip("dev/gold is empty")
    golds = load_gold(GOLD_DIR)
    predictions = load_predictions(REPORTS_DIR, golds)
    return evaluate(golds, predictions.by_id)


def test_baseline_pins_every_score():
    # A floor removed from the file would silently stop guarding its family.
    assert set(_floors()) == set(SCORES)
    assert all(0.0 <= f <= 1.0 for f in _floors().values())


def test_every_gold_report_has_its_text(dev_result):
    assert dev_result.missing == [], "gold files with no dev/reports/<id>.txt"


@pytest.mark.parametrize("score", SCORES)
def test_f1_at_or_above_floor(dev_result, score):
    tally = dev_result.overall if score == "overall" else dev_result.family(score)
    floor = _floors()[score]
    assert tally.f1 >= floor, (
        f"{score} F1 {tally.f1:.4f} fell below its floor {floor:.4f} "
        f"(tp={tally.tp} fp={tally.fp} fn={tally.fn}); "
        "see `strikelog eval dev/gold dev/reports --verbose`"
    )
