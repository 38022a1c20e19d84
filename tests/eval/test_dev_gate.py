"""Quality gate: the real pipeline must keep each F1 at or above its pinned floor.

Four sets are gated: the dev set (dev/reports, floors in tests/eval/dev_baseline.json), the
second annotator's set (dev/second, second_baseline.json; tuned on since session 2), the
held-out set (dev/holdout, holdout_baseline.json; never tuned on, its floors only stop a silent
drop) and the third annotator's set (dev/fresh, fresh_baseline.json; written blind, tuned on
since session 3). When this fails, run `strikelog eval dev/gold dev/reports --verbose` to see
every missed and extra fact.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from strikelog.evaluate import FAMILIES, Evaluation, evaluate, load_gold, load_predictions

ROOT = Path(__file__).resolve().parents[2]
SETS = {
    "dev": (ROOT / "dev" / "gold", ROOT / "dev" / "reports",
            Path(__file__).with_name("dev_baseline.json")),
    "second": (ROOT / "dev" / "second" / "gold", ROOT / "dev" / "second" / "reports",
               Path(__file__).with_name("second_baseline.json")),
    "holdout": (ROOT / "dev" / "holdout" / "gold", ROOT / "dev" / "holdout" / "reports",
                Path(__file__).with_name("holdout_baseline.json")),
    "fresh": (ROOT / "dev" / "fresh" / "gold", ROOT / "dev" / "fresh" / "reports",
              Path(__file__).with_name("fresh_baseline.json")),
}
SCORES = (*FAMILIES, "overall")


def _floors(name: str) -> dict[str, float]:
    data = json.loads(SETS[name][2].read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data.items() if not k.startswith("_")}


@pytest.fixture(scope="module", params=sorted(SETS))
def result(request: pytest.FixtureRequest) -> tuple[str, Evaluation]:
    gold_dir, reports_dir, _ = SETS[request.param]
    if not any(gold_dir.glob("*.json")):
        pytest.skip(f"{gold_dir} is empty")
    golds = load_gold(gold_dir)
    predictions = load_predictions(reports_dir, golds)
    return request.param, evaluate(golds, predictions.by_id)


@pytest.mark.parametrize("name", sorted(SETS))
def test_baseline_pins_every_score(name):
    # A floor removed from the file would silently stop guarding its family.
    assert set(_floors(name)) == set(SCORES)
    assert all(0.0 <= f <= 1.0 for f in _floors(name).values())


def test_every_gold_report_has_its_text(result):
    assert result[1].missing == [], "gold files with no report text"


@pytest.mark.parametrize("score", SCORES)
def test_f1_at_or_above_floor(result, score):
    name, dev_result = result
    tally = dev_result.overall if score == "overall" else dev_result.family(score)
    floor = _floors(name)[score]
    assert tally.f1 >= floor, (
        f"{score} F1 {tally.f1:.4f} fell below its floor {floor:.4f} "
        f"(tp={tally.tp} fp={tally.fp} fn={tally.fn}); "
        "see `strikelog eval dev/gold dev/reports --verbose`"
    )
