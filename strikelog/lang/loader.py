"""Load a language lexicon (``strikelog/lang/<lang>/<name>.toml``) and check it against its schema.

    >>> load_lexicon("numbers")["units"]["seven"]
    7

Lexicons are read once per process (cached) and must be treated as read-only.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from strikelog.lang.schema import LexiconError, validate

__all__ = ["LexiconError", "load_lexicon", "lexicon_names"]


def load_lexicon(name: str, lang: str = "en") -> dict[str, Any]:
    """Return the parsed, validated lexicon `name` for language `lang`.

    Read once per process; the same dict is returned on every call, so never modify it.
    Raises `LexiconError` when the file is missing, is not valid TOML, or breaks its schema.
    """
    return _load(name, lang)


@cache  # keyed on positional arguments only, so "numbers" and ("numbers", "en") share one entry
def _load(name: str, lang: str) -> dict[str, Any]:
    filename = f"{lang}/{name}.toml"
    if not _is_plain_name(name) or not _is_plain_name(lang):
        raise LexiconError(f"{filename}: lexicon and language names must be plain words")
    source = resources.files("strikelog.lang").joinpath(lang, f"{name}.toml")
    try:
        raw = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"{filename}: no such lexicon") from None
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{filename}: not UTF-8 ({exc.reason})") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{filename}: invalid TOML: {exc}") from None
    validate(data, name, filename)
    return data


def lexicon_names(lang: str = "en") -> list[str]:
    """Names of the lexicons shipped for `lang` (file stems, sorted)."""
    folder = resources.files("strikelog.lang").joinpath(lang)
    if not folder.is_dir():
        return []
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


def _is_plain_name(name: str) -> bool:
    # keeps "../x" and friends out of the package path
    return name.replace("_", "").replace("-", "").isalnum()
