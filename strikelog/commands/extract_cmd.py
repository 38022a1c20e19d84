"""`strikelog extract`: read reports, run the pipeline on each, print the extractions.

Reading never stops at a bad input: each unreadable one is named on stderr (file and
line) and the run goes on; the exit status is 1 when any input could not be read or
extracted. A report that describes no attack is not an error: it gives an empty
extraction. Batches can run in a process pool (`--workers N`) or on a Dask cluster
(`--dask SCHEDULER_ADDRESS`, the distributed engine; `pip install 'strikelog[dask]'`);
output order is input order in every mode.
"""

from __future__ import annotations

import json
import re
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import IO, Any, Literal, Protocol

import click

from strikelog.commands.options import published_option, timeout_option
from strikelog.models import Extraction, Report
from strikelog.readers import (
    DEFAULT_MAX_BYTES,
    FORMATS,
    ReadError,
    ReadResult,
    iter_all,
)

Extractor = Callable[[Report], Extraction]
# How a worker hands back an extraction: the object (for the table view) or its JSON text,
# which crosses process boundaries ~100× cheaper than the pickled objects.
Encoding = Literal["object", "compact", "pretty"]
_ENCODING_FOR_FORMAT: dict[str, Encoding] = {
    "json": "pretty",
    "jsonl": "compact",
    "table": "object",
}

_BATCH = 64  # reports per task sent to a worker: amortises pickling and scheduling
_PROGRESS_AFTER = 20  # show a progress bar once this many reports went by


@dataclass(frozen=True)
class Failed:
    message: str


@dataclass
class Extracted:
    report: Report
    extraction: Extraction | str  # a str is the extraction's JSON text


@dataclass
class ExtractFailed:
    report: Report
    message: str


Outcome = Extracted | ExtractFailed | ReadError


class ByteSize(click.ParamType):
    """'20MB', '512k', '1048576' → bytes."""

    name = "size"
    _UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        found = re.fullmatch(r"\s*(\d+)\s*([kmg]?)(?:i?b)?\s*", str(value), re.I)
        if not found or int(found.group(1)) <= 0:
            self.fail(f"{value!r} is not a size like 20MB, 512k or 1048576", param, ctx)
        return int(found.group(1)) * self._UNITS[found.group(2).lower()]


@click.command(name="extract")
@click.argument("inputs", nargs=-1, metavar="[FILE|DIR|URL|-]...")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "jsonl", "table"]),
    help="Output: one JSON object (an array for several reports), one JSON object per "
    "line, or a readable table. Default: table on a terminal, else json.",
)
@published_option
@click.option(
    "--input-format",
    type=click.Choice(FORMATS),
    help="Read every input as this format instead of detecting it.",
)
@click.option(
    "--max-bytes",
    type=ByteSize(),
    default=DEFAULT_MAX_BYTES,
    show_default="20MiB",
    help="Refuse a report (a file, a JSON line, a page) larger than this.",
)
@timeout_option
@click.option("--fail-fast", is_flag=True, help="Stop at the first input that fails.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Extract in this many processes (for big JSON Lines inputs); order is kept.",
)
@click.option(
    "--dask",
    "dask_address",
    metavar="SCHEDULER_ADDRESS",
    help="Extract on a Dask cluster (e.g. tcp://10.0.0.5:8786); workers need strikelog "
    "installed. Needs pip install 'strikelog[dask]'.",
)
def extract(
    inputs: tuple[str, ...],
    output_format: str | None,
    published: str | None,
    input_format: str | None,
    max_bytes: int,
    timeout: float,
    fail_fast: bool,
    workers: int,
    dask_address: str | None,
) -> None:
    """Extract attack waves, casualties and struck places from reports.

    Each input is a .txt, .html, .jsonl, .json (a Telegram export), an RSS/Atom feed, a
    directory of those, an http(s) URL, or - for stdin (the default when stdin is piped).
    """
    if workers > 1 and dask_address:
        raise click.UsageError("use either --workers or --dask, not both")
    if not inputs:
        if sys.stdin.isatty():
            raise click.UsageError("give a FILE, DIR or URL to read, or - for stdin")
        inputs = ("-",)
    if output_format is None:
        output_format = "table" if sys.stdout.isatty() else "json"
    extractor = _load_extractor()
    encoding = _ENCODING_FOR_FORMAT[output_format]

    results = _with_published(
        iter_all(inputs, max_bytes=max_bytes, timeout=timeout, format=input_format), published
    )
    errors = _Stderr()
    output = _open_output(output_format)
    failed = 0
    seen = 0
    with _Progress(errors) as progress:
        for outcome in _run(extractor, encoding, results, workers, dask_address):
            seen += 1
            progress.advance()
            if isinstance(outcome, Extracted):
                output.add(outcome.report, outcome.extraction)
                continue
            failed += 1
            errors.report(outcome)
            if fail_fast:
                break
    output.close()
    if failed:
        noun = "input" if seen == 1 else "inputs"
        errors.line(f"{failed} of {seen} {noun} failed")
        sys.exit(1)


def _load_extractor() -> Extractor:
    try:
        from strikelog import pipeline
    except ImportError as exc:
        raise click.ClickException(f"the extraction pipeline cannot be loaded: {exc}") from exc
    return pipeline.extract_report


def _with_published(results: Iterable[ReadResult], published: str | None) -> Iterator[ReadResult]:
    for result in results:
        if published and isinstance(result, Report) and not result.published:
            result.published = published
        yield result


# --- running the pipeline: in this process, a process pool, or a Dask cluster -------------


BatchResult = list[Extraction | str | Failed]


class _Pending(Protocol):
    """A submitted batch: a concurrent.futures or a Dask future."""

    def result(self) -> BatchResult: ...


def extract_batch(extractor: Extractor, reports: list[Report], encoding: Encoding) -> BatchResult:
    """Run the pipeline over a batch; a failure becomes a `Failed` so the batch goes on."""
    encode = _encoder(encoding)
    out: BatchResult = []
    for report in reports:
        try:
            extraction = extractor(report)
        except Exception as exc:  # one bad report must not sink the batch
            out.append(Failed(f"extraction failed: {type(exc).__name__}: {exc}"))
            continue
        if report.id is not None:
            extraction.report.id = report.id  # the id the input gave is the one users match on
        out.append(encode(extraction) if encode else extraction)
    return out


@cache
def _encoder(encoding: Encoding) -> Callable[[Extraction], str] | None:
    if encoding == "pretty":
        return lambda e: json.dumps(e.to_dict(), ensure_ascii=False, indent=2)
    if encoding == "object":
        return None
    try:
        import orjson
    except ImportError:
        return lambda e: json.dumps(e.to_dict(), ensure_ascii=False, separators=(",", ":"))
    return lambda e: orjson.dumps(e.to_dict()).decode("utf-8")


def _run(
    extractor: Extractor,
    encoding: Encoding,
    results: Iterator[ReadResult],
    workers: int,
    dask_address: str | None,
) -> Iterator[Outcome]:
    if dask_address:
        yield from _run_dask(extractor, encoding, results, dask_address)
    elif workers > 1:
        yield from _run_pool(extractor, encoding, results, workers)
    else:
        for result in results:
            if isinstance(result, ReadError):
                yield result
            else:
                yield _outcome(result, extract_batch(extractor, [result], encoding)[0])


def _outcome(report: Report, result: Extraction | str | Failed) -> Extracted | ExtractFailed:
    if isinstance(result, Failed):
        return ExtractFailed(report, result.message)
    return Extracted(report, result)


def _run_pool(
    extractor: Extractor, encoding: Encoding, results: Iterator[ReadResult], workers: int
) -> Iterator[Outcome]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if multiprocessing.get_start_method() == "fork":
        # Load the lexicons and gazetteer here once: forked workers then share them
        # instead of each loading its own copy.
        extract_batch(extractor, [Report(text="warm-up")], "object")
    with ProcessPoolExecutor(max_workers=workers) as pool:
        try:
            yield from _ordered(
                lambda batch: pool.submit(extract_batch, extractor, batch, encoding),
                results,
                workers * 4,
            )
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _run_dask(
    extractor: Extractor, encoding: Encoding, results: Iterator[ReadResult], address: str
) -> Iterator[Outcome]:
    try:
        from dask.distributed import Client
    except ImportError:
        raise click.ClickException(
            "--dask needs dask.distributed: pip install 'strikelog[dask]'"
        ) from None
    try:
        client = Client(address, timeout=30)
    except OSError as exc:
        raise click.ClickException(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    with client:
        window = max(4, 4 * len(client.scheduler_info().get("workers", {})))
        yield from _ordered(
            lambda batch: client.submit(extract_batch, extractor, batch, encoding, pure=False),
            results,
            window,
        )


def _ordered(
    submit: Callable[[list[Report]], _Pending],
    results: Iterator[ReadResult],
    window: int,
) -> Iterator[Outcome]:
    """Submit batches, keep at most `window` in flight, and yield outcomes in input order."""
    in_flight: deque[tuple[list[ReadResult], _Pending]] = deque()

    def collect() -> Iterator[Outcome]:
        chunk, future = in_flight.popleft()
        extracted = iter(future.result())
        for item in chunk:
            yield item if isinstance(item, ReadError) else _outcome(item, next(extracted))

    chunk: list[ReadResult] = []
    for result in results:
        chunk.append(result)
        if len(chunk) == _BATCH:
            in_flight.append((chunk, submit([r for r in chunk if isinstance(r, Report)])))
            chunk = []
            while len(in_flight) >= window:
                yield from collect()
    if chunk:
        in_flight.append((chunk, submit([r for r in chunk if isinstance(r, Report)])))
    while in_flight:
        yield from collect()


# --- output --------------------------------------------------------------------------------


class _Output:
    def add(self, report: Report, extraction: Extraction | str) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Finish the output (an array's closing bracket, a final flush)."""


class _JsonLines(_Output):
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def add(self, report: Report, extraction: Extraction | str) -> None:
        assert isinstance(extraction, str)  # encoded by extract_batch
        self.stream.write(extraction + "\n")

    def close(self) -> None:
        self.stream.flush()


class _Json(_Output):
    """One pretty object for a single report, an array (streamed) for several."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.first: str | None = None
        self.count = 0

    def add(self, report: Report, extraction: Extraction | str) -> None:
        assert isinstance(extraction, str)  # encoded by extract_batch
        self.count += 1
        if self.count == 1:
            self.first = extraction  # held back: alone it is printed bare
            return
        if self.count == 2:
            self.stream.write("[\n" + (self.first or ""))
            self.first = None
        self.stream.write(",\n" + extraction)

    def close(self) -> None:
        if self.count == 1:
            self.stream.write((self.first or "") + "\n")
        elif self.count > 1:
            self.stream.write("\n]\n")
        self.stream.flush()


class _Table(_Output):
    def __init__(self) -> None:
        from rich.console import Console

        from strikelog.render import render_extraction

        self.console = Console()
        self.render: Callable[..., Any] = render_extraction

    def add(self, report: Report, extraction: Extraction | str) -> None:
        self.console.print(self.render(extraction, origin=report.origin))


def _open_output(output_format: str) -> _Output:
    if output_format == "jsonl":
        return _JsonLines(sys.stdout)
    if output_format == "json":
        return _Json(sys.stdout)
    return _Table()


class _Stderr:
    """Errors and the summary, on stderr, through rich so they do not tear a progress bar."""

    def __init__(self) -> None:
        from rich.console import Console

        self.console = Console(stderr=True, highlight=False, soft_wrap=True)

    def report(self, outcome: ReadError | ExtractFailed) -> None:
        if isinstance(outcome, ReadError):
            self.line(f"error: {outcome}")
        else:
            origin = outcome.report.origin or outcome.report.id or outcome.report.sha256
            self.line(f"error: {origin}: {outcome.message}")

    def line(self, text: str) -> None:
        self.console.print(text, markup=False)


class _Progress:
    """A progress bar on stderr, shown only on a terminal and past a few reports."""

    def __init__(self, stderr: _Stderr) -> None:
        self.console = stderr.console
        self.enabled = self.console.is_terminal
        self.count = 0
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> _Progress:
        return self

    def advance(self) -> None:
        self.count += 1
        if not self.enabled:
            return
        if self.bar is None and self.count > _PROGRESS_AFTER:
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                TextColumn("extracting"),
                BarColumn(),
                TextColumn("{task.completed} reports"),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("extract", total=None, completed=self.count)
        elif self.bar is not None:
            self.bar.advance(self.task)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
