"""The compiled build (mypyc, `make compile`) gives what the Python source gives, and an
edited source is noticed instead of silently running the old compiled copy."""

from __future__ import annotations

import hashlib
import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import strikelog
from strikelog import build_info
from strikelog.models import Report
from strikelog.pipeline import extract_report

ROOT = Path(strikelog.__file__).resolve().parent.parent
REPORT_SETS = ("dev/reports", "dev/second/reports", "dev/fresh/reports")

# Run in a copy of the package without compiled modules: one JSON line per report.
_PURE_RUN = """
import json, sys
sys.path.insert(0, sys.argv[1])
import strikelog.pipeline as pipeline
from strikelog.models import Report
assert pipeline.__file__.endswith(".py"), pipeline.__file__
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    ex = pipeline.extract_report(Report(text=text, published="2025-06-01", id=path))
    print(json.dumps(ex.to_dict(), sort_keys=True))
"""


def _reports() -> list[Path]:
    return sorted(p for d in REPORT_SETS for p in (ROOT / d).glob("*.txt"))


@pytest.mark.skipif(not build_info.compiled_modules(), reason="not a compiled build")
def test_compiled_and_source_agree_on_every_dev_report(tmp_path: Path) -> None:
    reports = _reports()
    assert len(reports) >= 40
    shutil.copytree(
        ROOT / "strikelog",
        tmp_path / "strikelog",
        ignore=shutil.ignore_patterns(
            *(f"*{s}" for s in importlib.machinery.EXTENSION_SUFFIXES),
            "compiled.json",
            "__pycache__",
            "vendor",
        ),
    )
    pure = subprocess.run(
        [sys.executable, "-c", _PURE_RUN, str(tmp_path), *map(str, reports)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": ""},
    ).stdout.splitlines()
    compiled = [
        json.dumps(
            extract_report(
                Report(text=p.read_text(encoding="utf-8"), published="2025-06-01", id=str(p))
            ).to_dict(),
            sort_keys=True,
        )
        for p in reports
    ]
    assert len(pure) == len(compiled)
    differ = [str(p) for p, a, b in zip(reports, pure, compiled, strict=True) if a != b]
    assert not differ, f"compiled and Python source differ on: {differ}"


def _fake_tree(root: Path, built_from: bytes, now: bytes) -> None:
    module = root / "strikelog" / "frame.py"
    module.parent.mkdir(parents=True)
    module.write_bytes(now)
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    (root / "strikelog" / f"frame{suffix}").write_bytes(b"\0")
    manifest = {"sources": {"strikelog/frame.py": hashlib.sha256(built_from).hexdigest()}}
    (root / build_info.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def test_an_edited_source_is_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_info, "_ROOT", tmp_path)
    _fake_tree(tmp_path, built_from=b"x = 1\n", now=b"x = 2\n")
    assert build_info.compiled_modules() == ["strikelog/frame.py"]
    assert build_info.stale_modules() == ["strikelog/frame.py"]
    assert build_info.build_name() == "partly compiled"


def test_an_unchanged_source_is_not_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_info, "_ROOT", tmp_path)
    _fake_tree(tmp_path, built_from=b"x = 1\n", now=b"x = 1\n")
    assert build_info.stale_modules() == []


def test_compiled_without_a_manifest_is_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_info, "_ROOT", tmp_path)
    _fake_tree(tmp_path, built_from=b"x = 1\n", now=b"x = 1\n")
    (tmp_path / build_info.MANIFEST).unlink()
    assert build_info.stale_modules() == ["strikelog/frame.py"]


def test_a_source_tree_is_plain_python(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_info, "_ROOT", tmp_path)
    (tmp_path / "strikelog").mkdir()
    (tmp_path / "strikelog" / "frame.py").write_text("x = 1\n", encoding="utf-8")
    assert build_info.compiled_modules() == []
    assert build_info.stale_modules() == []
    assert build_info.build_name() == "Python"


def test_version_names_the_build() -> None:
    from click.testing import CliRunner

    from strikelog.cli import cli

    out = CliRunner().invoke(cli, ["--version"]).output
    assert out.startswith("strikelog 0.1.0") and f"({build_info.build_name()} build)" in out


# Dataclasses whose __init__ is written out (so that a compiled build compiles it): each
# must set every field, to the field's default when not given.
def _written_inits() -> list[tuple[type, dict[str, object]]]:
    from strikelog.frame import CasualtyFact, SentenceFrame
    from strikelog.geo.gazetteer import PlaceMention
    from strikelog.geo.matcher import RawMatch
    from strikelog.prepare import Sentence
    from strikelog.spot.mentions import Mention
    from strikelog.spot.numbers import Quantity

    sentence = Sentence(0, 0, 10, 0)
    figure = {"value": 2, "qualifier": "exact", "low": 2, "high": 2}
    return [
        (SentenceFrame, {"sentence": sentence}),
        (Mention, {"kind": "qty", "start": 1, "end": 2}),
        (Sentence, {"index": 3, "start": 4, "end": 5, "paragraph": 6}),
        (
            CasualtyFact,
            {"field": "killed", **figure, "sentence": sentence, "number_span": (1, 2)},
        ),
        (
            Quantity,
            {"start": 1, "end": 4, "text": "two", "num_start": 1, "num_end": 4, **figure,
             "vague": False, "is_age": False, "age_years": None, "age_months": None},
        ),
        (RawMatch, {"start": 0, "end": 4, "key": "sumy", "kind": "settlement", "rows": [1]}),
        (
            PlaceMention,
            {"start": 0, "end": 4, "text": "Sumy", "key": "sumy", "kind": "settlement",
             "candidates": []},
        ),
    ]


@pytest.mark.parametrize(
    "cls, required", _written_inits(), ids=lambda v: getattr(v, "__name__", "")
)
def test_a_written_init_sets_every_field_to_its_default(cls: type, required: dict) -> None:
    import dataclasses

    obj = cls(**required)
    for f in dataclasses.fields(cls):
        if f.name in required:
            assert getattr(obj, f.name) == required[f.name], f.name
        elif f.default is not dataclasses.MISSING:
            assert getattr(obj, f.name) == f.default, f.name
        else:
            assert getattr(obj, f.name) == f.default_factory(), f.name  # type: ignore[misc]
    # and a fresh list per object, as a default_factory gives
    other = cls(**required)
    for f in dataclasses.fields(cls):
        if f.default_factory is not dataclasses.MISSING:  # type: ignore[misc]
            assert getattr(obj, f.name) is not getattr(other, f.name), f.name


@pytest.mark.parametrize(
    "cls, values",
    [
        ("Mention", {"kind": "k", "start": 11, "end": 12, "label": "l", "data": {"a": 1}}),
        (
            "Sentence",
            {"index": 1, "start": 2, "end": 3, "paragraph": 4, "boilerplate": True,
             "headline": True},
        ),
        (
            "RawMatch",
            {"start": 1, "end": 5, "key": "kyiv", "kind": "capital", "rows": [7],
             "capital_country": "UA", "preferred": 3, "stems": ("admin1", [2])},
        ),
        (
            "PlaceMention",
            {"start": 1, "end": 5, "text": "Kyiv", "key": "kyiv", "kind": "capital",
             "candidates": [], "capital_country": "UA", "preferred": 703448},
        ),
    ],
)
def test_a_written_init_takes_every_field(cls: str, values: dict) -> None:
    import dataclasses

    found = {c.__name__: c for c, _ in _written_inits()}[cls]
    assert set(values) == {f.name for f in dataclasses.fields(found)}
    obj = found(**values)
    assert all(getattr(obj, name) == value for name, value in values.items())
