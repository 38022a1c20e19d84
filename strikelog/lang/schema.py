"""What each lexicon must contain: its top-level keys and their types.

A schema is a mapping of key → type string. Type strings are small and readable:

    str, int, float, bool        a scalar
    list<T>                      a list whose items are all T
    table<T>                     a table of str → T (keys are always strings)
    table                        any table
    any                          anything
    T?                           (suffix) the key may be missing

To add a lexicon, add one entry to `SCHEMAS` below; a lexicon without an entry is only
checked to be a TOML table. Extra top-level keys are allowed (new data never breaks old code).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any


class LexiconError(ValueError):
    """A lexicon file is missing, not valid TOML, or does not match its schema."""


_SCALARS: Mapping[str, tuple[type, ...]] = MappingProxyType(
    {"str": (str,), "int": (int,), "float": (float, int), "bool": (bool,)}
)


@dataclass(frozen=True)
class TypeSpec:
    """A parsed type string."""

    kind: str  # a scalar name, "list", "table" or "any"
    item: TypeSpec | None = None  # the item type of list<T> / table<T>
    optional: bool = False

    def describe(self) -> str:
        if self.kind == "list":
            return f"a list of {self.item.describe_bare()}" if self.item else "a list"
        if self.kind == "table":
            return f"a table of str→{self.item.describe_bare()}" if self.item else "a table"
        if self.kind == "any":
            return "any value"
        return f"a {self.kind}"

    def describe_bare(self) -> str:
        if self.kind in _SCALARS or self.kind == "any":
            return self.kind
        inner = f"<{self.item.describe_bare()}>" if self.item else ""
        return f"{self.kind}{inner}"

    def accepts(self, value: Any) -> bool:
        if self.kind == "any":
            return True
        if self.kind in _SCALARS:
            # bool is an int in Python; an int field must not accept true/false
            if self.kind != "bool" and isinstance(value, bool):
                return False
            return isinstance(value, _SCALARS[self.kind])
        if self.kind == "list":
            return isinstance(value, list) and (
                self.item is None or all(self.item.accepts(v) for v in value)
            )
        if self.kind == "table":
            return isinstance(value, dict) and (
                self.item is None or all(self.item.accepts(v) for v in value.values())
            )
        return False


def parse_type(spec: str) -> TypeSpec:
    """Parse a type string such as ``table<list<str>>?``."""
    text = spec.strip()
    optional = text.endswith("?")
    if optional:
        text = text[:-1].strip()
    if text in _SCALARS or text in ("any", "list", "table"):
        return TypeSpec(text, None, optional)
    for outer in ("list", "table"):
        if text.startswith(outer + "<") and text.endswith(">"):
            return TypeSpec(outer, parse_type(text[len(outer) + 1 : -1]), optional)
    raise ValueError(f"unknown type string {spec!r}")


# Lexicon name → {top-level key: type string}. Add your lexicon here.
SCHEMAS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "numbers": {
            "units": "table<int>",
            "teens": "table<int>",
            "tens": "table<int>",
            "scales": "table<int>",
            "multiples": "table<int>",
            "articles": "list<str>",
            "joiner": "str",
            "of_word": "str",
            "fixed_phrases": "table<int>",
            "qualifiers": "table<str>",
            "capped_qualifiers": "list<str>",
            "vague": "table<int>",
            "vague_high": "table<int>?",
            "vague_multipliers": "table<int>",
            "vague_not_before": "list<str>?",
            "range_joiners": "list<str>",
            "range_dashes": "list<str>",
            "range_between": "list<str>",
            "range_change_before": "list<str>",
            "one_not_after": "list<str>",
            "one_not_before": "list<str>",
            "year_min": "int",
            "year_max": "int",
            "months": "list<str>",
            "month_not_date_after": "list<str>",
            "time_words_after": "list<str>",
            "percent_words": "list<str>",
            "currency_symbols": "list<str>",
            "currency_words": "list<str>",
            "measure_units": "list<str>",
            "duration_units": "list<str>",
            "skip_after_marks": "list<str>",
            "id_words_before": "list<str>",
            "age_units": "table<int>",
            "age_old_word": "str",
            "age_of_phrase": "str",
            "age_prefixes": "list<str>",
            "age_max": "int",
            "age_list_breakers": "list<str>",
            "decade_lead": "list<str>",
            "decade_modifiers": "list<str>",
            "decade_words": "table<int>",
            "apposition_nouns": "list<str>",
            "apposition_not_after": "list<str>?",
        },
    }
)


def schema_for(name: str) -> Mapping[str, TypeSpec]:
    """The parsed schema of one lexicon; empty for a lexicon without an entry."""
    return {key: parse_type(spec) for key, spec in SCHEMAS.get(name, {}).items()}


def validate(data: Any, name: str, filename: str) -> None:
    """Raise `LexiconError` naming the file and key when `data` does not match the schema."""
    if not isinstance(data, dict):
        raise LexiconError(f"{filename}: must be a TOML table")
    for key, spec in schema_for(name).items():
        if key not in data:
            if spec.optional:
                continue
            raise LexiconError(f"{filename}: missing key '{key}' ({spec.describe()})")
        if not spec.accepts(data[key]):
            raise LexiconError(f"{filename}: key '{key}' must be {spec.describe()}")
