"""Every shipped lexicon parses and matches its schema; a broken one fails with a clear message."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from strikelog.lang import schema
from strikelog.lang.loader import LexiconError, lexicon_names, load_lexicon
from strikelog.lang.schema import parse_type, validate

LANG_DIR = Path(__file__).resolve().parents[2] / "strikelog" / "lang"
LEXICON_FILES = sorted(LANG_DIR.glob("*/*.toml"))


def test_there_are_lexicons_to_check() -> None:
    assert any(p.name == "numbers.toml" for p in LEXICON_FILES)


@pytest.mark.parametrize("path", LEXICON_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_lexicon_parses_and_validates(path: Path) -> None:
    with path.open("rb") as fh:
        data = tomllib.load(fh)  # a plain TOML error shows the line here
    assert isinstance(data, dict) and data, f"{path.name} is empty"
    loaded = load_lexicon(path.stem, path.parent.name)
    assert loaded == data


@pytest.mark.parametrize("path", LEXICON_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_lexicon_is_listed(path: Path) -> None:
    assert path.stem in lexicon_names(path.parent.name)


def test_every_schema_entry_parses() -> None:
    for name, fields in schema.SCHEMAS.items():
        for key, spec in fields.items():
            assert parse_type(spec).kind, f"{name}.{key}: {spec}"


def test_load_is_cached() -> None:
    assert load_lexicon("numbers") is load_lexicon("numbers", "en")


@pytest.mark.parametrize(
    ("spec", "value", "ok"),
    [
        ("str", "x", True),
        ("str", 3, False),
        ("int", 3, True),
        ("int", True, False),  # TOML true is not a number
        ("float", 2, True),
        ("bool", False, True),
        ("list<str>", ["a", "b"], True),
        ("list<str>", ["a", 1], False),
        ("table<int>", {"a": 1}, True),
        ("table<int>", {"a": "1"}, False),
        ("table<list<str>>", {"a": ["x"]}, True),
        ("table<list<str>>", {"a": "x"}, False),
        ("table", {"a": {"b": 1}}, True),
        ("table", [1], False),
        ("any", None, True),
    ],
)
def test_type_checks(spec: str, value: object, ok: bool) -> None:
    assert parse_type(spec).accepts(value) is ok


def test_unknown_type_string_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown type"):
        parse_type("dict[str, int]")


def _numbers() -> dict[str, object]:
    return dict(load_lexicon("numbers"))


def test_wrong_type_names_file_and_key() -> None:
    data = _numbers() | {"units": ["one", "two"]}
    with pytest.raises(LexiconError) as err:
        validate(data, "numbers", "en/numbers.toml")
    assert str(err.value) == "en/numbers.toml: key 'units' must be a table of str→int"


def test_wrong_item_type_is_caught() -> None:
    data = _numbers() | {"units": {"one": "1"}}
    with pytest.raises(LexiconError, match="key 'units' must be a table of str→int"):
        validate(data, "numbers", "en/numbers.toml")


def test_missing_key_is_named() -> None:
    data = _numbers()
    del data["qualifiers"]
    with pytest.raises(LexiconError, match="en/numbers.toml: missing key 'qualifiers'"):
        validate(data, "numbers", "en/numbers.toml")


def test_optional_key_may_be_missing() -> None:
    data = _numbers()
    del data["vague_high"]
    validate(data, "numbers", "en/numbers.toml")


def test_lexicon_without_schema_only_needs_to_be_a_table() -> None:
    validate({"anything": [1, "two"]}, "not-yet-described", "en/x.toml")
    with pytest.raises(LexiconError, match="must be a TOML table"):
        validate(["not", "a", "table"], "not-yet-described", "en/x.toml")


def test_missing_lexicon_is_a_lexicon_error() -> None:
    with pytest.raises(LexiconError, match="en/no_such_lexicon.toml: no such lexicon"):
        load_lexicon("no_such_lexicon")


@pytest.mark.parametrize("name", ["../models", "a/b", "", "en.numbers"])
def test_names_must_be_plain(name: str) -> None:
    with pytest.raises(LexiconError, match="plain words"):
        load_lexicon(name)


def test_numbers_qualifiers_are_known() -> None:
    from strikelog.models import QUALIFIERS

    assert set(load_lexicon("numbers")["qualifiers"].values()) <= set(QUALIFIERS)


def test_unknown_qualifier_is_refused_when_building_the_grammar() -> None:
    from strikelog.spot.numbers import _build_grammar

    data = _numbers() | {"qualifiers": {"at least": "minimum"}}
    with pytest.raises(LexiconError, match="unknown qualifier"):
        _build_grammar(data)


def test_vague_ceilings_belong_to_vague_phrases() -> None:
    lex = load_lexicon("numbers")
    assert set(lex["vague_high"]) <= set(lex["vague"])
    assert all(lex["vague_high"][k] >= lex["vague"][k] for k in lex["vague_high"])
