"""Build hook: with STRIKELOG_COMPILE=1 the extraction modules are compiled with mypyc.

All metadata lives in pyproject.toml. Without the variable the package is pure Python
(the default for `pip install -e .`); `make compile` and release wheels set it:

    STRIKELOG_COMPILE=1 python setup.py build_ext --inplace            # what `make compile` runs
    STRIKELOG_COMPILE=1 python -m pip wheel --no-build-isolation .     # a compiled wheel
"""

from __future__ import annotations

import json
import os
import runpy
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
INFO = runpy.run_path(str(ROOT / "strikelog" / "build_info.py"))


class build_ext_with_manifest(build_ext):  # noqa: N801 - setuptools command naming
    """build_ext, then the hashes of the compiled sources beside the extensions, so an
    edited source is noticed (strikelog/build_info.py). Written only after a build that
    worked."""

    def run(self) -> None:
        super().run()
        manifest = {"sources": {m: INFO["source_hash"](ROOT / m) for m in INFO["COMPILED_MODULES"]}}
        base = ROOT if self.inplace else Path(self.build_lib)
        target = base / INFO["MANIFEST"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


if os.environ.get("STRIKELOG_COMPILE") == "1":
    from mypyc.build import mypycify  # only needed when compiling

    setup(
        ext_modules=mypycify(
            list(INFO["COMPILED_MODULES"]),
            opt_level=os.environ.get("STRIKELOG_COMPILE_OPT", "3"),
            # the shared runtime inside the package, not beside it in site-packages
            group_name="strikelog._native",
        ),
        cmdclass={"build_ext": build_ext_with_manifest},
    )
else:
    setup()
