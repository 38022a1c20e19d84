"""Score extractions against gold annotations (the library behind `strikelog eval`).

Gold files are the reduced form of the output contract (``../shared/gold/seed-000.json``):
plain numbers instead of figure objects, incident places as strings, ``<field>_min``
flags for "at least" totals and a list of ``non_strike_places``. Predictions may be
either shape; both are flattened into one `FlatReport` before scoring.

Scoring counts **facts**. A fact is one slot (e.g. the drones launched in the
Russia→UA wave, or the killed at Kyiv) and its value. For every slot, with gold
value ``g`` and predicted value ``p``:

* ``g`` set, ``p == g``                  → one true positive;
* ``g`` set, ``p`` null                  → one false negative (missed);
* ``g`` set, ``p`` set and ``p != g``    → one false positive *and* one false negative (wrong);
* ``g`` null, ``p`` set                  → one false positive (extra);
* both null                              → nothing (not a fact).

Precision = TP / (TP + FP), recall = TP / (TP + FN), F1 their harmonic mean; a ratio
whose denominator is 0 counts as 1.0 (nothing predicted means nothing predicted wrong).

Families (``FAMILIES``; the overall micro fact-F1 sums their counts over all reports):

* **waves** — per wave: ``attacker``, ``target_country`` (compared case-insensitively)
  and every ``launched.<class>`` / ``intercepted.<class>`` count. Predicted waves are
  paired one-to-one with gold waves, preferring the same attacker and target country,
  then the most equal counts, then the same period; a gold wave left unpaired yields
  only false negatives, a predicted one only false positives.
* **totals** — report-level ``killed``, ``injured``, ``children_killed``,
  ``children_injured``, and ``casualties`` when the gold report uses that key anywhere.
* **places** — one fact per incident place. An incident's place key is ``near <name>``
  when ``near`` is set (an unnamed place near a named one) and otherwise its place
  name; a predicted incident offers both its resolved ``name`` and its ``written``
  form. Names match after case folding, accent stripping, punctuation folding, one
  form of region words ("Bryansk region" = "Bryansk Oblast") and the alias table
  (``eval_aliases.toml``: Kiev = Kyiv …). Matching is one-to-one; among several
  candidates an agreeing ``admin1`` wins, then the most agreeing harm figures. An
  unmatched predicted incident place is a false positive (flagged when it is one of
  the gold ``non_strike_places``), an unmatched gold one a false negative. An incident
  with neither place nor ``near`` has no place fact.
* **harm** — per incident, ``killed``, ``injured``, ``children_killed``,
  ``children_injured`` (+ ``casualties`` as for totals), compared within matched
  place pairs; values at unmatched gold incidents are false negatives, non-null
  values at unmatched predicted incidents false positives. A gold ``0`` is a fact.
* **targets** — per incident, each target class in the gold set is a fact; classes
  predicted at a matched place but not in its gold set, or at an unmatched predicted
  incident, are false positives.

Side family (reported, never folded into the overall score): **qualifiers** — for each
gold ``<field>_min`` flag on a non-null total, the predicted figure's "at least" reading
(qualifier ``at_least`` or ``more_than``) when a predicted figure exists.
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple, NoReturn, TypeVar

from strikelog.models import (
    HARM_FIELDS,
    QUALIFIERS,
    TARGET_CLASSES,
    WEAPON_CLASSES,
    Extraction,
    Report,
)

FAMILIES = ("waves", "totals", "places", "harm", "targets")
SIDE_FAMILIES = ("qualifiers",)
MIN_QUALIFIERS = ("at_least", "more_than")
MARK_SUFFIXES = ("_min", "_qualifier")  # gold keys that state how a figure is qualified
PEOPLE_FIELDS = tuple(f for f in HARM_FIELDS if f != "casualties")

Value = int | str | bool | None


class EvalInputError(ValueError):
    """A gold or prediction input that cannot be read; the message names the file."""


# --------------------------------------------------------------------------- flat form


@dataclass
class FlatWave:
    attacker: str | None = None
    target_country: str | None = None
    period: str | None = None
    counts: dict[str, int | None] = field(default_factory=dict)  # "launched.drone" → 405
    marks: dict[str, bool | str] = field(default_factory=dict)  # qualifier readings, see _marks

    @property
    def label(self) -> str:
        return f"wave {self.attacker or '?'}→{self.target_country or '?'}"


@dataclass
class FlatIncident:
    place: str | None = None
    written: str | None = None
    near: str | None = None
    admin1: str | None = None
    country: str | None = None
    harm: dict[str, int | None] = field(default_factory=dict)
    marks: dict[str, bool | str] = field(default_factory=dict)
    targets: list[str] = field(default_factory=list)
    weapon: str | None = None

    @property
    def names(self) -> list[str]:
        """The names this incident's place may be matched by (empty: no place fact)."""
        if self.near:
            return [self.near]
        return [n for n in (self.place, self.written) if n]

    @property
    def label(self) -> str:
        if self.near:
            return f"near {self.near}"
        if self.place and self.written and self.written != self.place:
            return f"{self.place} ({self.written})"
        return self.place or self.written or "(no place)"


@dataclass
class FlatReport:
    """A gold annotation or a prediction, reduced to plain values."""

    id: str
    source: str  # the file (and line) it came from, for messages
    waves: list[FlatWave] = field(default_factory=list)
    totals: dict[str, int | None] = field(default_factory=dict)
    totals_marks: dict[str, bool | str] = field(default_factory=dict)
    incidents: list[FlatIncident] = field(default_factory=list)
    non_strike_places: list[str] = field(default_factory=list)
    uses_casualties: bool = False
    published: str | None = None
    url: str | None = None


class _Reader:
    """Type-checked access to parsed JSON; every failure names the file and the field."""

    def __init__(self, source: str, strict: bool) -> None:
        self.source = source
        self.strict = strict  # gold: plain numbers and known keys only

    def fail(self, where: str, message: str) -> NoReturn:
        raise EvalInputError(
            f"{self.source}: {where}: {message}" if where else f"{self.source}: {message}"
        )

    def mapping(self, value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            self.fail(where, f"expected an object, got {_shown(value)}")
        return value

    def items(self, value: Any, where: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(where, f"expected a list, got {_shown(value)}")
        return value

    def text(self, value: Any, where: str) -> str | None:
        if value is None or isinstance(value, str):
            return value or None
        self.fail(where, f"expected a string or null, got {_shown(value)}")

    def flag(self, value: Any, where: str) -> bool | None:
        if value is None or isinstance(value, bool):
            return value
        self.fail(where, f"expected true, false or null, got {_shown(value)}")

    def count(self, value: Any, where: str) -> int | None:
        if isinstance(value, Mapping) and not self.strict:
            value = value.get("value")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fail(where, f"expected a whole number ≥ 0 or null, got {_shown(value)}")
        return value

    def known_keys(self, obj: Mapping[str, Any], allowed: Iterable[str], where: str) -> None:
        if not self.strict:
            return
        unknown = sorted(set(obj) - set(allowed))
        if unknown:
            self.fail(where, f"unknown key(s) {', '.join(map(repr, unknown))}")


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def flatten(data: Any, source: str, *, strict: bool, default_id: str | None = None) -> FlatReport:
    """Reduce gold (``strict``) or an extraction (contract or gold shape) to a `FlatReport`."""
    r = _Reader(source, strict)
    top = r.mapping(data, "")
    meta = top.get("report")
    meta = r.mapping(meta, "report") if meta is not None else {}
    report_id = top.get("id", meta.get("id", default_id))
    if strict and not isinstance(top.get("id"), str):
        r.fail("id", "missing or not a string")
    if not isinstance(report_id, str) or not report_id:
        r.fail("id", "no report id (expected `id` or `report.id`)")
    for key in ("waves", "totals", "incidents"):
        if key not in top:
            r.fail(key, "missing")

    flat = FlatReport(
        id=default_id if not strict and default_id else report_id,
        source=source,
        published=r.text(top.get("published", meta.get("published")), "published"),
        url=r.text(top.get("url", meta.get("url")), "url"),
    )
    for wi, wave in enumerate(r.items(top["waves"], "waves")):
        flat.waves.append(_flatten_wave(r, r.mapping(wave, f"waves[{wi}]"), f"waves[{wi}]"))

    totals = r.mapping(top["totals"], "totals")
    r.known_keys(totals, [f"{f}{x}" for f in HARM_FIELDS for x in ("", *MARK_SUFFIXES)], "totals")
    flat.uses_casualties = "casualties" in totals
    for name in HARM_FIELDS:
        flat.totals[name] = r.count(totals.get(name), f"totals.{name}")
    flat.totals_marks = _marks(r, totals, {n: totals.get(n) for n in HARM_FIELDS}, "totals")

    for ii, item in enumerate(r.items(top["incidents"], "incidents")):
        inc = r.mapping(item, f"incidents[{ii}]")
        flat.incidents.append(_flatten_incident(r, inc, f"incidents[{ii}]"))
        flat.uses_casualties |= "casualties" in inc

    for pi, name in enumerate(r.items(top.get("non_strike_places"), "non_strike_places")):
        text = r.text(name, f"non_strike_places[{pi}]")
        if text:
            flat.non_strike_places.append(text)
    return flat


def _marks(
    r: _Reader, owner: Mapping[str, Any], figures: Mapping[str, Any], where: str
) -> dict[str, bool | str]:
    """Qualifier readings, keyed "<field> at-least" (bool) and "<field> qualifier" (str).

    Gold states them as ``<field>_min: true`` and ``<field>_qualifier: "about"``; a
    prediction in the output contract carries them in each figure's ``qualifier``.
    """
    marks: dict[str, bool | str] = {}
    for name, figure in figures.items():
        flag = r.flag(owner.get(f"{name}_min"), f"{where}.{name}_min")
        qualifier = _qualifier(r, owner.get(f"{name}_qualifier"), f"{where}.{name}_qualifier")
        if isinstance(figure, Mapping) and figure.get("value") is not None:
            qualifier = figure.get("qualifier") or "exact"
            flag = qualifier in MIN_QUALIFIERS
        if flag is not None:
            marks[f"{name} at-least"] = flag
        if qualifier is not None:
            marks[f"{name} qualifier"] = qualifier
    return marks


def _qualifier(r: _Reader, value: Any, where: str) -> str | None:
    text = r.text(value, where)
    if r.strict and text is not None and text not in QUALIFIERS:
        r.fail(where, f"unknown qualifier {_shown(value)} (one of {', '.join(QUALIFIERS)})")
    return text


def _flatten_wave(r: _Reader, wave: Mapping[str, Any], where: str) -> FlatWave:
    flat = FlatWave(
        attacker=r.text(wave.get("attacker"), f"{where}.attacker"),
        target_country=r.text(wave.get("target_country"), f"{where}.target_country"),
        period=r.text(wave.get("period"), f"{where}.period"),
    )
    for kind in ("launched", "intercepted"):
        counts = r.mapping(wave.get(kind) or {}, f"{where}.{kind}")
        r.known_keys(counts, WEAPON_CLASSES, f"{where}.{kind}")
        for weapon, value in counts.items():
            flat.counts[f"{kind}.{weapon}"] = r.count(value, f"{where}.{kind}.{weapon}")
        # Gold marks wave counts per kind: "launched_min": ["glide_bomb"] and
        # "launched_qualifier": {"rocket": "about"}; turn them into per-count keys.
        owner: dict[str, Any] = {}
        for mi, weapon in enumerate(r.items(wave.get(f"{kind}_min"), f"{where}.{kind}_min")):
            if r.text(weapon, f"{where}.{kind}_min[{mi}]") not in counts:
                r.fail(f"{where}.{kind}_min[{mi}]", f"{_shown(weapon)} is not a {kind} key")
            owner[f"{kind}.{weapon}_min"] = True
        stated = r.mapping(wave.get(f"{kind}_qualifier") or {}, f"{where}.{kind}_qualifier")
        for weapon, qualifier in stated.items():
            if weapon not in counts:
                r.fail(f"{where}.{kind}_qualifier", f"{_shown(weapon)} is not a {kind} key")
            owner[f"{kind}.{weapon}_qualifier"] = qualifier
        figures = {f"{kind}.{w}": v for w, v in counts.items()}
        flat.marks.update(_marks(r, owner, figures, where))
    return flat


def _flatten_incident(r: _Reader, inc: Mapping[str, Any], where: str) -> FlatIncident:
    flat = FlatIncident(near=r.text(inc.get("near"), f"{where}.near"))
    place = inc.get("place")
    if isinstance(place, Mapping) and not r.strict:  # the output contract: a place object
        flat.place = r.text(place.get("name"), f"{where}.place.name")
        flat.written = r.text(place.get("written"), f"{where}.place.written")
        flat.admin1 = r.text(place.get("admin1"), f"{where}.place.admin1")
        flat.country = r.text(place.get("country"), f"{where}.place.country")
    else:
        flat.place = r.text(place, f"{where}.place")
        flat.admin1 = r.text(inc.get("admin1"), f"{where}.admin1")
        flat.country = r.text(inc.get("country"), f"{where}.country")
    for name in HARM_FIELDS:
        flat.harm[name] = r.count(inc.get(name), f"{where}.{name}")
    flat.marks = _marks(r, inc, {n: inc.get(n) for n in HARM_FIELDS}, where)
    for ti, target in enumerate(r.items(inc.get("targets"), f"{where}.targets")):
        text = r.text(target, f"{where}.targets[{ti}]")
        if r.strict and text not in TARGET_CLASSES:
            r.fail(f"{where}.targets[{ti}]", f"unknown target class {_shown(target)}")
        if text and text not in flat.targets:
            flat.targets.append(text)
    flat.weapon = r.text(inc.get("weapon"), f"{where}.weapon")
    return flat


# --------------------------------------------------------------------------- loading


def _read_json(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise EvalInputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise EvalInputError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise EvalInputError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc


def load_gold(path: Path) -> list[FlatReport]:
    """Read one gold file or every ``*.json`` in a directory, sorted by file name."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            raise EvalInputError(f"{path}: no gold files (*.json)")
    elif path.is_file():
        files = [path]
    else:
        raise EvalInputError(f"{path}: no such file or directory")
    golds: list[FlatReport] = []
    seen: dict[str, Path] = {}
    for file in files:
        gold = flatten(_read_json(file), str(file), strict=True)
        if gold.id in seen:
            raise EvalInputError(f"{file}: id {gold.id!r} already used by {seen[gold.id]}")
        seen[gold.id] = file
        golds.append(gold)
    return golds


@dataclass
class Predictions:
    by_id: dict[str, FlatReport]
    description: str  # where they came from, for the summary line
    unused: list[str] = field(default_factory=list)  # ids found that no gold report has


def _read_report_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise EvalInputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise EvalInputError(f"{path}: not UTF-8 text (byte {exc.start})") from exc


def _default_extract(report: Report) -> Extraction:
    from strikelog.pipeline import extract_report

    return extract_report(report)


def load_predictions(
    path: Path,
    gold: Sequence[FlatReport],
    extract: Callable[[Report], Extraction] | None = None,
) -> Predictions:
    """Read predictions for the gold reports from ``path``.

    ``path`` is a ``.jsonl`` file of extractions (matched by ``report.id``), a directory
    of ``<id>.json`` extraction files, or — when it holds no ``.json`` — a directory of
    ``<id>.txt`` reports, which are extracted here (with the gold's published date and url).
    """
    path = Path(path)
    wanted = {g.id for g in gold}
    if path.is_file():
        if path.suffix != ".jsonl":
            raise EvalInputError(f"{path}: predictions must be a .jsonl file or a directory")
        by_id = _load_jsonl(path)
        found = f"{len(by_id)} extractions from {path}"
        names = {i: i for i in by_id}
        ids = files_for_gold(wanted, names)
        return Predictions({g: by_id[i] for g, i in ids.items()}, found, _unused(names, ids))
    if not path.is_dir():
        raise EvalInputError(f"{path}: no such file or directory")
    json_files = {p.stem: p for p in path.glob("*.json")}
    if json_files:
        files = files_for_gold(wanted, json_files)
        by_id = {
            gold_id: flatten(_read_json(p), str(p), strict=False, default_id=gold_id)
            for gold_id, p in files.items()
        }
        found = f"{len(json_files)} extraction files from {path}"
        return Predictions(by_id, found, _unused(json_files, files))
    text_files = {p.stem: p for p in path.glob("*.txt")}
    if not text_files:
        raise EvalInputError(f"{path}: no extractions (*.json) or reports (*.txt)")
    run = extract or _default_extract
    by_id = {}
    files = files_for_gold(wanted, text_files)
    for g in gold:
        file = files.get(g.id)
        if file is None:
            continue
        report = Report(
            text=_read_report_text(file),
            id=g.id,
            published=g.published,
            url=g.url,
            origin=str(file),
        )
        try:
            extraction = run(report)
        except Exception as exc:  # name the report; the traceback stays chained
            raise EvalInputError(f"{file}: extraction failed: {type(exc).__name__}: {exc}") from exc
        by_id[g.id] = flatten(extraction.to_dict(), str(file), strict=False, default_id=g.id)
    found = f"{len(by_id)} reports extracted from {path}"
    return Predictions(by_id, found, _unused(text_files, files))


T = TypeVar("T")
_LEADING_NUMBER = re.compile(r"(\d+)(?:[_\-.]|$)")
_TRAILING_NUMBER = re.compile(r"(?:^|[_\-.])(\d+)$")


def files_for_gold(gold_ids: set[str], files: dict[str, T]) -> dict[str, T]:
    """The file of each gold report: the one named by its id, else the one whose leading
    number is the id's trailing number ("seed-000" ↔ "000_5d59649fac2179d7.txt", as a
    dataset ships a report under a number and a hash), when only one file has it."""
    out = {g: files[g] for g in gold_ids if g in files}
    claimed = set(out.values())
    by_number: dict[str, list[str]] = {}
    for stem in files:
        if (m := _LEADING_NUMBER.match(stem)) is not None:
            by_number.setdefault(m.group(1), []).append(stem)
    for g in sorted(gold_ids - set(out)):
        m = _TRAILING_NUMBER.search(g)
        stems = by_number.get(m.group(1), []) if m else []
        if len(stems) == 1 and files[stems[0]] not in claimed:
            out[g] = files[stems[0]]
            claimed.add(files[stems[0]])
    return out


def _unused(files: dict[str, T], used: dict[str, T]) -> list[str]:
    taken = set(used.values())
    return sorted(stem for stem, p in files.items() if p not in taken)


def _load_jsonl(path: Path) -> dict[str, FlatReport]:
    by_id: dict[str, FlatReport] = {}
    try:
        lines = path.read_bytes().decode("utf-8-sig").splitlines()
    except OSError as exc:
        raise EvalInputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise EvalInputError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        source = f"{path}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalInputError(
                f"{source}: not valid JSON (column {exc.colno}: {exc.msg})"
            ) from exc
        flat = flatten(data, source, strict=False)
        if flat.id in by_id:
            raise EvalInputError(
                f"{source}: report id {flat.id!r} already on {by_id[flat.id].source}"
            )
        by_id[flat.id] = flat
    return by_id


# --------------------------------------------------------------------------- place names


_ARABIC_ARTICLE = re.compile(r"^(?:al|el|an|ar|as|ash|at|ad|az|ath|adh) (?=\w{3})")


class PlaceNames:
    """Folds place names to a comparison key: case, accents, punctuation, region words, aliases."""

    def __init__(
        self, aliases: Mapping[str, Iterable[str]], region_words: Iterable[str], region: str
    ):
        self.region = region
        self._region_words = sorted({self._fold(w) for w in region_words}, key=len, reverse=True)
        self._alias: dict[str, str] = {}
        for canonical, variants in aliases.items():
            for variant in variants:
                self._alias[self._fold(variant)] = self._fold(canonical)

    @classmethod
    def load(cls, extra: Path | None = None) -> PlaceNames:
        """The shipped alias table, plus a user's file of the same shape."""
        tables = [
            tomllib.loads(
                resources.files("strikelog").joinpath("eval_aliases.toml").read_text("utf-8")
            )
        ]
        if extra is not None:
            try:
                tables.append(tomllib.loads(Path(extra).read_text("utf-8")))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise EvalInputError(f"{extra}: cannot read alias table ({exc})") from exc
        aliases: dict[str, list[str]] = {}
        words: list[str] = []
        region = "oblast"
        for table in tables:
            for canonical, variants in table.get("aliases", {}).items():
                aliases.setdefault(canonical, []).extend(variants)
            section = table.get("region_words", {})
            words.extend(section.get("words", []))
            region = section.get("canonical", region)
        return cls(aliases, words, region)

    @staticmethod
    def _fold(name: str) -> str:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
        text = re.sub(r"[’'ʼ`ʹ]", "", text)
        return re.sub(r"[\W_]+", " ", text).strip()

    def key(self, name: str) -> str:
        text = self._fold(name)
        if text.startswith("the "):
            text = text[4:]
        # an Arabic article is written or left out at will: "Al Kiswah" = "Kiswah"
        text = _ARABIC_ARTICLE.sub("", text)
        for word in self._region_words:
            if text.endswith(" " + word):
                stem = text[: -len(word) - 1]
                return f"{self._alias.get(stem, stem)} {self.region}"
        return self._alias.get(text, text)

    def same(self, a: str | None, b: str | None) -> bool:
        return bool(a and b) and self.key(a or "") == self.key(b or "")


# --------------------------------------------------------------------------- scoring


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class FactError:
    """One wrong fact: ``kind`` is missed (FN), extra (FP) or wrong (FP + FN)."""

    family: str
    kind: str
    where: str
    gold: Value | list[str] = None
    predicted: Value | list[str] = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"family": self.family, "kind": self.kind, "where": self.where}
        out.update({"gold": self.gold, "predicted": self.predicted})
        if self.note:
            out["note"] = self.note
        return out

    def __str__(self) -> str:
        values = f"gold {_plain(self.gold)}, predicted {_plain(self.predicted)}"
        text = f"{self.kind:6} {self.family:<10} {self.where}: {values}"
        return f"{text} ({self.note})" if self.note else text


def _plain(value: Any) -> str:
    return "null" if value is None else str(value)


@dataclass
class ReportScore:
    id: str
    tallies: dict[str, Tally] = field(
        default_factory=lambda: {f: Tally() for f in (*FAMILIES, *SIDE_FAMILIES)}
    )
    errors: list[FactError] = field(default_factory=list)
    missing: bool = False  # no prediction was found: scored as an empty extraction

    def fact(
        self,
        family: str,
        where: str,
        gold: Value,
        predicted: Value,
        same: Callable[[Any, Any], bool] | None = None,
    ) -> None:
        """Score one slot by the rule in the module docstring."""
        tally = self.tallies[family]
        if gold is None and predicted is None:
            return
        if gold is None:
            tally.fp += 1
            self.errors.append(FactError(family, "extra", where, gold, predicted))
        elif predicted is None:
            tally.fn += 1
            self.errors.append(FactError(family, "missed", where, gold, predicted))
        elif (same or (lambda a, b: a == b))(gold, predicted):
            tally.tp += 1
        else:
            tally.fp += 1
            tally.fn += 1
            self.errors.append(FactError(family, "wrong", where, gold, predicted))

    def to_dict(self, errors: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "missing_prediction": self.missing}
        out["families"] = {name: t.to_dict() for name, t in self.tallies.items()}
        if errors:
            out["errors"] = [e.to_dict() for e in self.errors]
        return out


def _same_text(a: Any, b: Any) -> bool:
    return str(a).casefold() == str(b).casefold()


class Pairing(NamedTuple):
    pairs: list[tuple[int, int]]  # (gold index, predicted index)
    lone_gold: list[int]
    lone_pred: list[int]


def _pair(
    golds: Sequence[Any], preds: Sequence[Any], score: Callable[[Any, Any], tuple[int, ...] | None]
) -> Pairing:
    """Greedy one-to-one pairing by descending score; ``None`` means "never pair"."""
    candidates = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            s = score(g, p)
            if s is not None:
                candidates.append((tuple(-x for x in s), gi, pi))
    candidates.sort()
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            pairs.append((gi, pi))
            used_g.add(gi)
            used_p.add(pi)
    pairs.sort()
    return Pairing(
        pairs,
        [i for i in range(len(golds)) if i not in used_g],
        [i for i in range(len(preds)) if i not in used_p],
    )


def pair_waves(gold: Sequence[FlatWave], pred: Sequence[FlatWave]) -> Pairing:
    """Pair waves one-to-one: same attacker and target first, then most equal counts, period."""
    return _pair(gold, pred, _wave_score)


def _wave_score(g: FlatWave, p: FlatWave) -> tuple[int, ...] | None:
    same_sides = _same_text(g.attacker, p.attacker) and _same_text(
        g.target_country, p.target_country
    )
    overlap = sum(1 for k, v in g.counts.items() if v is not None and p.counts.get(k) == v)
    if not same_sides and not overlap:
        return None
    return (int(same_sides), overlap, int(g.period == p.period))


def _score_waves(score: ReportScore, gold: FlatReport, pred: FlatReport) -> None:
    pairs, lone_gold, lone_pred = pair_waves(gold.waves, pred.waves)
    empty = FlatWave()
    matched = [(gold.waves[gi], pred.waves[pi]) for gi, pi in pairs]
    for g, p in matched:
        _score_marks(score, g.label, g.counts, g.marks, p.counts, p.marks)
    matched += [(gold.waves[gi], empty) for gi in lone_gold]
    matched += [(empty, pred.waves[pi]) for pi in lone_pred]
    for g, p in matched:
        label = g.label if g is not empty else p.label
        score.fact("waves", f"{label} attacker", g.attacker, p.attacker, _same_text)
        score.fact(
            "waves", f"{label} target_country", g.target_country, p.target_country, _same_text
        )
        for key in sorted(set(g.counts) | set(p.counts)):
            score.fact("waves", f"{label} {key}", g.counts.get(key), p.counts.get(key))


def _people_fields(gold: FlatReport) -> tuple[str, ...]:
    return HARM_FIELDS if gold.uses_casualties else PEOPLE_FIELDS


def _score_totals(score: ReportScore, gold: FlatReport, pred: FlatReport) -> None:
    for name in _people_fields(gold):
        score.fact("totals", f"totals {name}", gold.totals.get(name), pred.totals.get(name))
    _score_marks(score, "totals", gold.totals, gold.totals_marks, pred.totals, pred.totals_marks)


def _score_marks(
    score: ReportScore,
    label: str,
    gold_values: Mapping[str, int | None],
    gold_marks: Mapping[str, bool | str],
    pred_values: Mapping[str, int | None],
    pred_marks: Mapping[str, bool | str],
) -> None:
    """Side family: each qualifier reading gold states for a non-null value it also has,
    against the predicted figure's reading (null when there is no predicted figure)."""
    for key, expected in gold_marks.items():
        name = key.rsplit(" ", 1)[0]
        if gold_values.get(name) is None:
            continue
        predicted = pred_marks.get(key) if pred_values.get(name) is not None else None
        score.fact("qualifiers", f"{label} {key}", expected, predicted)


def pair_incidents(
    gold: Sequence[FlatIncident], pred: Sequence[FlatIncident], names: PlaceNames
) -> Pairing:
    """Pair incidents one-to-one by place key; admin1, then harm, then targets break ties."""

    def place_score(g: FlatIncident, p: FlatIncident) -> tuple[int, ...] | None:
        if not g.names or bool(g.near) != bool(p.near):
            return None
        if not any(names.same(g.names[0], n) for n in p.names):
            return None
        admin1 = 0 if not (g.admin1 and p.admin1) else (1 if names.same(g.admin1, p.admin1) else -1)
        harm = sum(1 for k, v in g.harm.items() if v is not None and p.harm.get(k) == v)
        return (admin1, harm, len(set(g.targets) & set(p.targets)))

    return _pair(gold, pred, place_score)


def _score_incidents(
    score: ReportScore, gold: FlatReport, pred: FlatReport, names: PlaceNames
) -> None:
    pairs, lone_gold, lone_pred = pair_incidents(gold.incidents, pred.incidents, names)
    fields = _people_fields(gold)
    for gi, pi in pairs:
        g, p = gold.incidents[gi], pred.incidents[pi]
        score.tallies["places"].tp += 1
        _score_place_facts(score, g.label, g, p, fields)
        _score_marks(score, g.label, g.harm, g.marks, p.harm, p.marks)
    for gi in lone_gold:
        g = gold.incidents[gi]
        if g.names:
            score.tallies["places"].fn += 1
            score.errors.append(FactError("places", "missed", "incident place", g.label, None))
        _score_place_facts(score, g.label, g, FlatIncident(), fields)
    for pi in lone_pred:
        p = pred.incidents[pi]
        if p.names:
            score.tallies["places"].fp += 1
            hit = next(
                (n for n in gold.non_strike_places if any(names.same(n, m) for m in p.names)), None
            )
            note = f"{hit} is a non-strike place" if hit else ""
            score.errors.append(FactError("places", "extra", "incident place", None, p.label, note))
        _score_place_facts(score, p.label, FlatIncident(), p, fields)


def _score_place_facts(
    score: ReportScore, label: str, g: FlatIncident, p: FlatIncident, fields: Sequence[str]
) -> None:
    for name in fields:
        score.fact("harm", f"{label} {name}", g.harm.get(name), p.harm.get(name))
    for target in g.targets:
        score.fact("targets", f"{label} target", target, target if target in p.targets else None)
    for target in p.targets:
        if target not in g.targets:
            score.fact("targets", f"{label} target", None, target)


def score_report(gold: FlatReport, pred: FlatReport | None, names: PlaceNames) -> ReportScore:
    """Score one prediction against its gold; ``None`` scores as an empty extraction."""
    score = ReportScore(gold.id, missing=pred is None)
    pred = pred or FlatReport(id=gold.id, source="(missing)")
    _score_waves(score, gold, pred)
    _score_totals(score, gold, pred)
    _score_incidents(score, gold, pred, names)
    return score


@dataclass
class Evaluation:
    reports: list[ReportScore]

    def family(self, name: str) -> Tally:
        total = Tally()
        for report in self.reports:
            total.add(report.tallies[name])
        return total

    @property
    def overall(self) -> Tally:
        total = Tally()
        for name in FAMILIES:
            total.add(self.family(name))
        return total

    @property
    def missing(self) -> list[str]:
        return [r.id for r in self.reports if r.missing]

    def to_dict(self, per_report: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "reports": len(self.reports),
            "missing_predictions": self.missing,
            "families": {name: self.family(name).to_dict() for name in FAMILIES},
            "overall": self.overall.to_dict(),
            "side": {name: self.family(name).to_dict() for name in SIDE_FAMILIES},
        }
        if per_report:
            out["per_report"] = [r.to_dict() for r in self.reports]
        return out


def evaluate(
    gold: Sequence[FlatReport],
    predictions: Mapping[str, FlatReport],
    names: PlaceNames | None = None,
) -> Evaluation:
    """Score every gold report against its prediction (missing ones as empty extractions)."""
    names = names or PlaceNames.load()
    return Evaluation([score_report(g, predictions.get(g.id), names) for g in gold])
