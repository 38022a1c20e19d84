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
