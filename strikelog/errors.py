"""Errors the pipeline raises. Kept apart from the pipeline so that module can be compiled
(mypyc cannot compile a subclass of a built-in exception as a native class)."""

from __future__ import annotations

from strikelog.models import Report


class StageError(RuntimeError):
    """A pipeline stage failed on a report."""

    def __init__(self, stage: str, report: Report, cause: BaseException) -> None:
        where = report.origin or report.id or report.url or report.sha256[:19]
        super().__init__(f"stage '{stage}' failed on report {where}: {cause!r}")
        self.stage = stage
