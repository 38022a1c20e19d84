"""Spot quantities in report text: "at least 7", "405", "twenty-seven", "dozens", "10-15", ages.

One pass of a compiled "trigger" regex finds where a quantity may start (a digit or a word
that can open one); the full grammar regex then runs only there, and cheap checks on the
characters and words around each match drop what is not a count (years, dates, clock times,
money, percentages, measures, durations, weapon models such as "Su-34") and mark ages
("36-year-old", "aged 12", "in their 60s"). Every word comes from ``lang/en/numbers.toml``;
this module holds only the grammar. Nothing here decides what is counted (people, drones):
that is the framing stage's job, as is negation ("no one was hurt" gives no quantity).

    >>> [q.text for q in find_quantities("At least seven people, including a 12-year-old, died.")]
    ['At least seven', '12-year-old']
    >>> parse_number("four hundred and five")
    405
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from text_to_num import text2num

from strikelog.lang.loader import LexiconError, load_lexicon
from strikelog.models import QUALIFIERS
from strikelog.spot.lexicon_matcher import phrase_form as _search_form_of
from strikelog.trie import literal_trie

__all__ = ["Quantity", "find_quantities", "parse_number"]


# Not frozen, for speed (as `mentions.Mention`): a frozen dataclass's __init__ sets each of
# these fields through object.__setattr__. Equality and hashing stay as a frozen one's; never
# assign to one.
# The __init__ is written out: a compiled build (docs/speed.md) compiles it, where the
# dataclass-made one would run interpreted (tests/compiled checks it against the fields).
@dataclass(unsafe_hash=True, init=False)
class Quantity:
    """A number found in text with its qualifier and bounds; a count unless `is_age`.

    `text == source[start:end]` covers the whole expression (qualifier words, range, age
    suffix); `num_start:num_end` covers the number itself ("405", "twenty-seven", "dozens").
    """

    start: int
    end: int
    text: str
    num_start: int
    num_end: int
    value: int | None  # the figure when known: "at least 7" -> 7, "dozens" -> None
    qualifier: str  # one of models.QUALIFIERS
    low: int | None  # lowest value the wording allows
    high: int | None  # highest value the wording allows
    vague: bool  # "dozens", "several", "a few", "scores of"…
    is_age: bool  # an age, never a count
    age_years: int | None
    age_months: int | None  # set for ages given in months, weeks or days
    decade: bool = False  # "in their 60s": age_years is the decade's first year

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        num_start: int,
        num_end: int,
        value: int | None,
        qualifier: str,
        low: int | None,
        high: int | None,
        vague: bool,
        is_age: bool,
        age_years: int | None,
        age_months: int | None,
        decade: bool = False,
    ) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.num_start = num_start
        self.num_end = num_end
        self.value = value
        self.qualifier = qualifier
        self.low = low
        self.high = high
        self.vague = vague
        self.is_age = is_age
        self.age_years = age_years
        self.age_months = age_months
        self.decade = decade


# ---------------------------------------------------------------------------------------
# Grammar, built once from the lexicon


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _phrase(phrase: str) -> str:
    # a space in a lexicon phrase matches any whitespace run (incl. NBSP, newline)
    return r"\s+".join(re.escape(word) for word in phrase.lower().split())


def _alt(phrases: Iterable[str], fold: bool = True) -> str:
    """A regex matching any of the phrases, built as a character trie.

    Patterns built from it are compiled case-insensitive unless `fold` is off.
    A trie instead of a flat alternation keeps the scan fast: at each position the regex
    engine follows one branch per character instead of trying every phrase in turn.
    Longer phrases are tried first ("tens of thousands" before "tens of"); backtracking
    still finds the shorter one when the longer fails.
    """
    words = (_norm(p) if fold else " ".join(p.split()) for p in phrases)
    return literal_trie(words, space=r"\s+")


def _lower_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(_norm(w) for w in words)


def _lower_map(table: Mapping[str, Any]) -> dict[str, Any]:
    return {_norm(k): v for k, v in table.items()}


@dataclass(frozen=True)
class _Grammar:
    """Compiled patterns and word tables; patterns run on the lowercased text."""

    trigger: re.Pattern[str]
    trigger_keys: tuple[str, ...]  # see `trigger_keys`
    master: re.Pattern[str]
    after: re.Pattern[str]  # what follows a number: groups age, hyphen, range, stop
    range_tail: re.Pattern[str]
    age_tail: re.Pattern[str]
    stop: re.Pattern[str]  # "15%", "10 pm", "30 km", "24 hours", "12 May"
    age_list: re.Pattern[str]
    of_tail: re.Pattern[str]
    next_word: re.Pattern[str]
    word_values: Mapping[str, int]
    scales: Mapping[str, int]
    multiples: Mapping[str, int]
    fixed: Mapping[str, int]
    articles: frozenset[str]
    joiner: str
    qualifiers: Mapping[str, str]
    capped: frozenset[str]
    vague_low: Mapping[str, int]
    vague_high: Mapping[str, int]
    vague_mult: Mapping[str, int]
    vague_not_before: frozenset[str]
    age_units: Mapping[str, int]
    decade_words: Mapping[str, int]
    one_not_after: frozenset[str]
    one_not_before: frozenset[str]
    months: frozenset[str]
    month_not_date_after: frozenset[str]
    currency_symbols: frozenset[str]
    currency_words: frozenset[str]
    skip_marks: frozenset[str]
    id_words: frozenset[str]
    apposition_nouns: frozenset[str]
    apposition_not_after: frozenset[str]
    age_list_breakers: frozenset[str]
    range_change_before: frozenset[str]
    age_prefixes: frozenset[str]
    range_dashes: frozenset[str]
    year_min: int
    year_max: int
    year_nouns: frozenset[str]
    age_max: int


# The characters that may stand right before a quantity. An explicit ASCII set (not \W)
# lets the regex engine jump from one to the next without trying each position; the
# non-ASCII ones are folded to a space in the copy of the text that is scanned. A number
# glued to other characters ("Su-34", "$5", "#3") is never a count, so those are left out.
_BEFORE_START = " \n\t\r([\"'"
_FOLD_TO_SPACE = "\u00a0\u2009\u202f\u2007“‘«—–"


# Lexicon keys whose phrases can open a match (beside number words and digits).
_START_KEYS = (
    "qualifiers",
    "vague",
    "vague_multipliers",
    "fixed_phrases",
    "decade_lead",
    "age_prefixes",
    "range_between",
)


def _build_grammar(lex: Mapping[str, Any]) -> _Grammar:
    bad = sorted(set(lex["qualifiers"].values()) - set(QUALIFIERS))
    if bad:
        raise LexiconError(f"en/numbers.toml: unknown qualifier(s) {bad}; use one of {QUALIFIERS}")
    word_values = {_norm(k): v for key in ("units", "teens", "tens") for k, v in lex[key].items()}
    scales = _lower_map(lex["scales"])
    word_values.update(scales)

    end = r"(?!\w)"
    unit, teen, ten = (_alt(lex[key]) for key in ("units", "teens", "tens"))
    scale, multiple, article = _alt(lex["scales"]), _alt(lex["multiples"]), _alt(lex["articles"])
    joiner, of = _phrase(lex["joiner"]), _phrase(lex["of_word"])
    small = rf"(?:{ten}(?:-{unit}{end}|\s+{unit}{end}|{end})|{teen}{end}|{unit}{end})"
    # after the first word: "two dozen", "four hundred and five", "one million two hundred"
    scaled = (
        rf"(?:\s+{multiple}{end}|\s+{scale}{end}"
        rf"(?:\s+{scale}{end}|\s+(?:{joiner}\s+)?{small}(?:\s+{scale}{end})?)*)"
    )
    wordnum = rf"(?:{small}{scaled}?|{article}{scaled})"
    fixed = rf"(?:{_alt(lex['fixed_phrases'])}{end})"
    # "1,200"; "1 200" (space groups only when nothing word-like follows); "1.5 million"
    digits = (
        r"(?:\d{1,3}(?:,\d{3})+(?!\d)"
        r"|\d{1,3}(?:[ \u00a0\u2007\u2009\u202f]\d{3})+(?!\w|[-–—/:.,]\w)"
        r"|\d+)"
    )
    dignum = rf"(?:{digits}(?:\.\d+)?(?:\s+(?:{scale}|{multiple}){end})?)"
    num = rf"(?:{dignum}|{fixed}|{wordnum})"

    vague = rf"(?:{_alt(lex['vague'])}{end})"
    vague_scaled = (
        rf"(?:{_alt(lex['vague_multipliers'])}\s+(?:{multiple}|{scale}){end}"
        rf"(?:\s+{scale}{end})*)"
    )
    decade = (
        rf"(?:{_alt(lex['decade_lead'])}\s+(?:{_alt(lex['decade_modifiers'])}[-\s]?)?"
        rf"(?P<dec_num>[1-9]0['’]?s|{_alt(lex['decade_words'])}){end})"
    )
    aged = rf"(?:{_alt(lex['age_prefixes'])}\s+(?P<aged_num>{num}))"
    between = rf"(?:{_alt(lex['range_between'])}\s+(?P<b1>{num})\s+{joiner}\s+(?P<b2>{num}))"
    master = re.compile(
        rf"(?:(?<!\w)(?P<qual>{_alt(lex['qualifiers'])})\s+)?\b(?:"
        rf"(?P<decade>{decade})|(?P<aged>{aged})|(?P<between>{between})"
        rf"|(?P<vscaled>{vague_scaled})|(?P<vague>{vague})|(?P<num>{num}))",
        re.IGNORECASE,
    )

    # The first words any match can start with. Scanning for these is several times faster
    # than running `master` at every position; `master` then runs only where one fired.
    starts = [
        *(w for key in ("units", "teens", "tens") for w in lex[key]),
        *(f"{a} {w}" for a in lex["articles"] for key in ("scales", "multiples") for w in lex[key]),
        *(w for key in _START_KEYS for w in lex[key]),
    ]
    cased = [v for w in starts for v in (_norm(w), _norm(w).capitalize(), _norm(w).upper())]
    trigger = re.compile(rf"[{re.escape(_BEFORE_START)}](?:\d|{_alt(cased, fold=False)})")
    # the same starts as a search form has them (lowercase, a non-word character as a
    # space): one of these begins where every trigger match does, in an ASCII search form
    trigger_keys = tuple(
        dict.fromkeys(
            before + _search_form_of(start)
            for before in dict.fromkeys(map(_search_form_of, _BEFORE_START))
            for start in (*map(_norm, starts), *"0123456789")
        )
    )

    range_tail = (
        rf"(?P<dash>\s*{_alt(lex['range_dashes'])}\s*)(?P<r2d>{dignum})"
        rf"|\s+{_alt(lex['range_joiners'])}\s+(?P<r2>{num})"
    )
    age_unit = _alt(lex["age_units"])
    old, of_age = _phrase(lex["age_old_word"]), _phrase(lex["age_of_phrase"])
    age_tail = (
        rf"(?:\s*-\s*|\s+)(?P<unit>{age_unit})s?(?:\s*-\s*|\s+){old}s?{end}"
        rf"|\s+(?P<unit2>{age_unit})s?\s+{of_age}{end}"
    )
    tail_words = [
        *lex["percent_words"],
        *lex["time_words_after"],
        *lex["measure_units"],
        *lex["duration_units"],
        *lex["currency_words"],
    ]
    word_like = [w for w in tail_words if w[:1].isalnum()]
    symbol_like = [w for w in tail_words if not w[:1].isalnum()]
    # months keep their capital ("may" is a verb)
    month = "|".join(sorted(map(re.escape, lex["months"]), key=len, reverse=True))
    stop = (
        rf"[ \u00a0\u2009\u202f]?(?:%|‰|°|['’]s{end}|{_alt(symbol_like)})"
        rf"|\s+{_alt(word_like)}{end}"
        rf"|\s+(?:{of}\s+)?(?-i:{month}){end}"
    )
    # What follows a number, tried in this order: an age suffix, a hyphenated word
    # ("24-hour", "one-off"), a second number making a range, a word that is no count.
    after = re.compile(
        rf"(?P<age>{age_tail})|(?P<hyphen>[-–][^\W\d_])|(?P<range>{range_tail})|(?P<stop>{stop})",
        re.IGNORECASE,
    )
    age_list = re.compile(
        rf"(?:\s*,\s*(?:{joiner}\s+)?|\s+{joiner}\s+)(?P<n>{digits}|{wordnum})(?![\w-])",
        re.IGNORECASE,
    )
    return _Grammar(
        trigger=trigger,
        trigger_keys=trigger_keys,
        master=master,
        after=after,
        range_tail=re.compile(range_tail, re.IGNORECASE),
        age_tail=re.compile(age_tail, re.IGNORECASE),
        stop=re.compile(stop, re.IGNORECASE),
        age_list=age_list,
        of_tail=re.compile(rf"\s+{of}{end}", re.IGNORECASE),
        next_word=re.compile(r"\s+([^\W\d_]+)"),
        word_values=word_values,
        scales=scales,
        multiples=_lower_map(lex["multiples"]),
        fixed=_lower_map(lex["fixed_phrases"]),
        articles=_lower_set(lex["articles"]),
        joiner=_norm(lex["joiner"]),
        qualifiers=_lower_map(lex["qualifiers"]),
        capped=_lower_set(lex["capped_qualifiers"]),
        vague_low=_lower_map(lex["vague"]),
        vague_high=_lower_map(lex.get("vague_high", {})),
        vague_mult=_lower_map(lex["vague_multipliers"]),
        vague_not_before=_lower_set(lex.get("vague_not_before", [])),
        age_units=_lower_map(lex["age_units"]),
        decade_words=_lower_map(lex["decade_words"]),
        one_not_after=_lower_set(lex["one_not_after"]),
        one_not_before=_lower_set(lex["one_not_before"]),
        months=frozenset(lex["months"]),
        month_not_date_after=_lower_set(lex["month_not_date_after"]),
        currency_symbols=frozenset(lex["currency_symbols"]),
        currency_words=_lower_set(lex["currency_words"]),
        skip_marks=frozenset(lex["skip_after_marks"]),
        id_words=_lower_set(lex["id_words_before"]),
        apposition_nouns=_lower_set(lex["apposition_nouns"]),
        apposition_not_after=_lower_set(lex.get("apposition_not_after", [])),
        age_list_breakers=_lower_set(lex["age_list_breakers"]),
        range_change_before=_lower_set(lex["range_change_before"]),
        age_prefixes=_lower_set(lex["age_prefixes"]),
        range_dashes=frozenset(lex["range_dashes"]),
        year_min=lex["year_min"],
        year_max=lex["year_max"],
        year_nouns=_lower_set(lex.get("year_nouns", [])),
        age_max=lex["age_max"],
    )


_G = _build_grammar(load_lexicon("numbers", "en"))


# ---------------------------------------------------------------------------------------
# Values


def parse_number(words: str) -> int | None:
    """The value of a written number, or None when it is not one exact number.

    "four hundred and five" -> 405, "27" -> 27, "1,200" -> 1200, "1 200" -> 1200,
    "two dozen" -> 24, "a dozen" -> 12, "1.5 million" -> 1500000; "dozens" -> None.
    """
    text = " ".join(words.split())  # also folds non-breaking and thin spaces
    if not text:
        return None
    if text[0].isdigit():
        return _digits_value(text)
    return _words_value(text.lower())


def _digits_value(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    number, scale = text, 1
    head, _, rest = text.partition(" ")
    if rest and not rest.replace(" ", "").isdigit():
        word = rest.lower()  # "1.5 million", "2 dozen"
        scale = _G.scales.get(word) or _G.multiples.get(word, 0)
        if not scale:
            return None
        number = head
    number = number.replace(",", "").replace(" ", "")
    try:
        value = Decimal(number) * scale
    except InvalidOperation:
        return None
    # decimals make a count only when scaled to a whole number ("1.5 million", not "4.5")
    if value != value.to_integral_value() or ("." in number and scale == 1):
        return None
    return int(value)


@lru_cache(maxsize=4096)
def _words_value(text: str) -> int | None:
    """Value of lowercased, space-normalised number words; text2num does the compounds."""
    if text in _G.fixed:
        return _G.fixed[text]
    words = text.split(" ")
    if words[-1] in _G.multiples and len(words) > 1:
        head = " ".join(words[:-1])  # "two dozen", "a dozen"
        factor = 1 if head in _G.articles else _words_value(head)
        return None if factor is None else factor * _G.multiples[words[-1]]
    if words[0] in _G.articles and len(words) > 1:
        words[0] = "one"  # "a hundred" -> "one hundred": text2num has no article
    parts = [p for w in words for p in w.split("-")]
    if not all(p in _G.word_values or p == _G.joiner for p in parts):
        return None
    try:
        return int(text2num(" ".join(words), "en"))
    except ValueError:
        return None


def _is_round(num_text: str) -> bool:
    """Figures built on "dozen" or fixed phrases ("a couple of") are approximate by nature."""
    lowered = _norm(num_text)
    return lowered in _G.fixed or lowered.rsplit(" ", 1)[-1] in _G.multiples


def _bounds(value: int, qualifier: str, phrase: str) -> tuple[int | None, int | None]:
    # counts are whole numbers: "more than 20" is at least 21, "fewer than 5" at most 4
    if qualifier == "exact":
        return value, value
    if qualifier == "at_least":
        return value, None
    if qualifier == "more_than":
        return value + 1, None
    if qualifier == "up_to":
        return None, value
    if qualifier == "fewer_than":
        return None, max(value - 1, 0)
    # about: only "nearly 50", "almost 50" promise a ceiling
    return None, (value if phrase in _G.capped else None)


# ---------------------------------------------------------------------------------------
# Context checks


def _word_after(text: str, pos: int) -> str:
    """The word after the spaces at `pos` ("" when something else comes first)."""
    i = pos
    while i < len(text) and text[i] in " \u00a0":
        i += 1
    if i == pos:
        return ""
    j = i
    while j < len(text) and (text[j].isalpha() or text[j] == "-"):
        j += 1
    return text[i:j]


def _word_before(text: str, pos: int, spaced: bool = True) -> tuple[str, int]:
    """The word ending just before `pos`, and where it starts.

    With `spaced`, only whitespace may stand between it and `pos` (else the word is "").
    """
    i = pos
    if i and text[i - 1] == " ":
        i -= 1  # the usual single space
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if spaced and i == pos and pos > 0:
        return "", pos
    j = i
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] in ".'’"):
        j -= 1
    return text[j:i], j


def _next_word(text: str, pos: int) -> str:
    """The next word after whitespace, lowercased ("" if punctuation comes first)."""
    m = _G.next_word.match(text, pos)
    return m.group(1).lower() if m else ""


def _prev_word(text: str, pos: int) -> str:
    """The word before `pos` and whitespace, lowercased ("" if punctuation comes first)."""
    return _word_before(text, pos)[0].lower()


def _blocked_before(text: str, start: int, is_digit: bool, prev: str) -> bool:
    """Something before the number makes it part of a model, code, money or clock time.

    `prev` is the lowercased word before the number ("" if punctuation stands between).
    """
    if start == 0:
        return False
    c1 = text[start - 1]
    if c1 == " " and not prev:
        c2 = text[start - 2] if start >= 2 else ""
        return c2 in _G.currency_symbols  # "$ 5"
    if c1 != " ":
        c2 = text[start - 2] if start >= 2 else ""
        if c1 in "-–/" and c2.isalnum():
            return True  # "Su-34", "Kh-101", "Shahed-136", "12/05", the rest of "8-3"
        if is_digit and c1 in ".,:" and c2.isdigit():
            return True  # "4.30", "04:30"
        if is_digit and c1 in "'’":
            return True  # "'22"
        if c1 in _G.skip_marks or c1 in _G.currency_symbols:
            return True  # "#3", "+380", "$5"
    return prev in _G.currency_words or prev in _G.id_words


def _blocked_after(text: str, end: int, is_digit: bool) -> bool:
    """Something right after the number makes it an ordinal, a code, a decimal or a time."""
    if end >= len(text):
        return False
    c = text[end]
    if c.isalpha():
        return True  # "3rd", "1990s", "9M723", "5km"
    nxt = text[end + 1 : end + 2]
    return is_digit and c in "/:.," and nxt.isdigit()  # "24/7", "4:30", "4.5", "12,5"


def _not_a_count_after(text: str, end: int) -> bool:
    """ "15%", "10 pm", "30 km", "24 hours", "$5 million dollars", "12 May"."""
    return _G.stop.match(text, end) is not None


def _is_date_day(text: str, value: int, prev: str, prev_start: int) -> bool:
    """ "May 12", "October 22" (but "in March 12 people died" is a count).

    `prev` is the word before the number as written, starting at `prev_start`.
    """
    if value > 31 or prev.rstrip(".") not in _G.months:
        return False
    return _prev_word(text, prev_start) not in _G.month_not_date_after


def _is_year(num_text: str, value: int) -> bool:
    return len(num_text) == 4 and num_text.isdigit() and _G.year_min <= value <= _G.year_max


def _apposition_age(text: str, start: int, end: int, value: int) -> bool:
    """ "a man, 45, was killed", "Olena (45)": a bare number set off right after a person."""
    if value > _G.age_max or start < 2 or (text[start - 1] not in ",( \u00a0"):
        return False
    i = start - 1
    while i >= 0 and text[i] in " \u00a0":
        i -= 1
    opener = text[i] if i >= 0 else ""
    j = end
    while j < len(text) and text[j] in " \u00a0":
        j += 1
    closer = text[j : j + 1]
    if (opener, closer) not in ((",", ","), (",", "."), (",", ";"), ("(", ")")):
        return False
    if opener == "(" and not _G.next_word.match(text, j + 1) and text[j + 1 : j + 2] != ",":
        return False  # "Olena (45) died" but not "Comments (4)" at the end of a page
    word, word_start = _word_before(text, i, spaced=(opener == "("))
    word = word.rstrip(".'’")
    if not word:
        return False
    if word.lower() in _G.apposition_nouns:
        return True
    if not word[0].isupper() or word in _G.months:
        return False
    if opener == "(":
        return True  # "Olena (45) died"
    # "Olena Petrenko, 45, was killed": a full name. A single capitalised word is too often a
    # place in a tally ("Kharkiv, 45, Sumy, 12"), and "In Kharkiv, 45, …" is no name either.
    first = _word_before(text, word_start)[0]
    return (
        closer == ","
        and first[:1].isupper()
        and first not in _G.months
        and first.lower() not in _G.apposition_not_after
    )


# ---------------------------------------------------------------------------------------
# Building quantities


def _quantity(text: str, start: int, end: int, num: tuple[int, int], **fields: Any) -> Quantity:
    return Quantity(
        start, end, text[start:end], num[0], num[1],
        fields.get("value"), fields.get("qualifier", "exact"), fields.get("low"),
        fields.get("high"), fields.get("vague", False), fields.get("is_age", False),
        fields.get("age_years"), fields.get("age_months"), fields.get("decade", False),
    )  # fmt: skip


def _age(
    text: str, start: int, end: int, num: tuple[int, int], value: int, unit: str | None
) -> Quantity:
    days = _G.age_units.get(unit or "", 365)
    if days >= 365:
        years, months = value * days // 365, None
    else:  # babies: "six-month-old" is 0 years and 6 months, "six-week-old" 0 and 1
        months = value * days // 30
        years = months // 12
    return _quantity(
        text, start, end, num, value=value, low=value, high=value, is_age=True,
        age_years=years, age_months=months,
    )  # fmt: skip


def _range(
    text: str, start: int, end: int, num: tuple[int, int], low: int, high: int, is_age: bool
) -> Quantity:
    return _quantity(text, start, end, num, qualifier="about", low=low, high=high, is_age=is_age)


def _scaled_low(second: str, low: int, high: int) -> int:
    """ "10 to 15 thousand": the scale word of the second number applies to the first too."""
    scale = _G.scales.get(_norm(second).rsplit(" ", 1)[-1])
    return low * scale if scale and low * scale <= high else low


_Found = tuple[list[Quantity], int]  # quantities, and the offset up to which text is used


def _resolve(text: str, m: re.Match[str]) -> _Found:
    qual = m.group("qual")
    qual_phrase = _norm(qual) if qual else ""
    qualifier = _G.qualifiers.get(qual_phrase, "exact")
    start = m.start()  # the qualifier's start when there is one
    kind = m.lastgroup  # the outer group of the alternative that matched
    if kind == "num":
        return _number(text, m, start, qualifier, qual_phrase)
    if kind == "decade":
        return [_decade(text, m)], m.end()
    if kind == "aged":
        return _aged(text, m)
    if kind == "between":
        return _between(text, m)
    return _vague(text, m, start, qualifier)


def _decade(text: str, m: re.Match[str]) -> Quantity:
    raw = m.group("dec_num").lower()
    decade = int(raw[:2]) if raw[0].isdigit() else _G.decade_words[raw]
    s, e = m.span("decade")
    return _quantity(
        text, s, e, m.span("dec_num"), value=decade, low=decade, high=decade + 9,
        is_age=True, age_years=decade, decade=True,
    )  # fmt: skip


def _aged(text: str, m: re.Match[str]) -> _Found:
    """ "aged 12", "aged 5 and 7", "aged 18 to 25"."""
    ns, ne = m.span("aged_num")
    value = parse_number(m.group("aged_num"))
    if value is None or value > _G.age_max or _blocked_after(text, ne, True):
        return [], ne
    start = m.start("aged")
    rng = _G.range_tail.match(text, ne)
    if rng:
        high = parse_number(rng.group("r2d") or rng.group("r2"))
        if high is not None and value < high <= _G.age_max:
            return [_range(text, start, rng.end(), (ns, rng.end()), value, high, True)], rng.end()
    out = [_age(text, start, ne, (ns, ne), value, None)]
    pos = ne
    while more := _G.age_list.match(text, pos):
        value = parse_number(more.group("n"))
        if value is None or value > _G.age_max:
            break
        if _next_word(text, more.end()) in _G.age_list_breakers:
            break  # "a man aged 45 and 12 others"
        ls, le = more.span("n")
        out.append(_age(text, ls, le, (ls, le), value, None))
        pos = le
    return out, pos


def _between(text: str, m: re.Match[str]) -> _Found:
    low, high = parse_number(m.group("b1")), parse_number(m.group("b2"))
    end = m.end()
    if low is None or high is None or _not_a_count_after(text, end):
        return [], end
    if _is_year(m.group("b1"), low):
        return [], end  # "between 2022 and 2024"
    low = _scaled_low(m.group("b2"), low, high)
    if low >= high:
        return [], end
    start = m.start("between")
    prefix, prefix_start = _word_before(text, start)
    age = _G.age_tail.match(text, end)
    is_age = bool(age) or prefix.lower() in _G.age_prefixes
    if age:
        end = age.end()
    elif is_age:
        start = prefix_start  # "aged between 20 and 30"
    num = (m.start("b1"), m.end("b2"))
    return [_range(text, start, end, num, low, high, is_age)], end


def _vague(text: str, m: re.Match[str], start: int, qualifier: str) -> _Found:
    group = m.lastgroup or "vague"
    ns, ne = m.span(group)
    phrase = _norm(m.group(group))
    if group == "vague":
        low = _G.vague_low[phrase]
        high = _G.vague_high.get(phrase)
    else:  # "several hundred": the multiplier's floor times the units
        low = next(v for k, v in _G.vague_mult.items() if phrase.startswith(k + " "))
        for word in phrase.split(" "):
            low *= _G.scales.get(word, _G.multiples.get(word, 1))
        high = None
    of = _G.of_tail.match(text, ne)
    if _not_a_count_after(text, ne) or (of and _not_a_count_after(text, of.end())):
        return [], ne  # "several days", "hundreds of metres"
    if text[ne : ne + 1] in _G.range_dashes or _next_word(text, ne) in _G.vague_not_before:
        return [], ne  # "multiple rocket launchers", "multiple-choice", "several-year"
    if qualifier == "exact":
        qualifier = "at_least"  # all we know of "dozens" is its floor
    q = _quantity(text, start, ne, (ns, ne), qualifier=qualifier, low=low, high=high, vague=True)
    return [q], ne


def _number(text: str, m: re.Match[str], start: int, qualifier: str, qual_phrase: str) -> _Found:
    ns, ne = m.span("num")
    num_text = m.group("num")
    is_digit = num_text[0].isdigit()
    nothing: _Found = ([], ne)
    if _blocked_after(text, ne, is_digit):
        return nothing
    prev, prev_start = _word_before(text, ns)
    prev_low = prev.lower()
    if _blocked_before(text, ns, is_digit, prev_low):
        return nothing
    value = parse_number(num_text)
    if value is None:
        return nothing
    if is_digit and len(num_text) > 1 and num_text[0] == "0":
        return nothing  # "04", "0300": clock times and codes, never counts

    after = _G.after.match(text, ne)
    kind = after.lastgroup if after else None
    if kind == "age" and after and value <= _G.age_max:
        unit = _norm(after.group("unit") or after.group("unit2"))
        return [_age(text, ns, after.end(), (ns, ne), value, unit)], after.end()
    if kind in ("age", "hyphen", "stop"):
        # "24-hour", "two-year-long", "one-off"; "15%", "10 pm", "30 km", "12 May"
        return nothing
    if kind == "range" and after:
        found = _number_range(text, m, start, value, after, prev_low)
        if found is not None:
            return found

    if is_digit:
        if _is_year(num_text, value) and (
            not qual_phrase or _word_after(text, ne).lower() in _G.year_nouns
        ):
            return nothing  # "in 2024", "over 2022 missile strike" (but "over 2000 drones")
        if _is_date_day(text, value, prev, prev_start):
            return nothing
        if not qual_phrase and _apposition_age(text, ns, ne, value):
            return [_age(text, ns, ne, (ns, ne), value, None)], ne
    elif value == 1 and _G.word_values.get(num_text.lower()) == 1:
        if _next_word(text, ne) in _G.one_not_before:
            return nothing  # "one another", "one day"
        if not qual_phrase and prev_low in _G.one_not_after:
            return nothing  # "no one", "the one"
    if qualifier == "exact" and not num_text.isdigit() and _is_round(num_text):
        qualifier = "about"
    low, high = _bounds(value, qualifier, qual_phrase)
    q = Quantity(
        start, ne, text[start:ne], ns, ne, value, qualifier, low, high, False, False, None, None
    )
    return [q], ne


def _number_range(
    text: str, m: re.Match[str], start: int, low: int, rng: re.Match[str], prev: str
) -> _Found | None:
    """ "10 to 15", "10-15", "two or three"; None when what follows is not a range."""
    ns = m.start("num")
    dash = rng.group("dash") is not None
    second = rng.group("r2d") if dash else rng.group("r2")
    is_digit = m.group("num")[0].isdigit()
    if dash and not is_digit:
        return None
    end = rng.end()
    high = parse_number(second)
    if high is None or _blocked_after(text, end, second[0].isdigit()):
        return ([], end) if dash else None
    age = _G.age_tail.match(text, end)  # "10-12-year-olds", "5 to 7 years old"
    if not age and text[end : end + 1] in _G.range_dashes and text[end + 1 : end + 2].isalpha():
        return [], end
    if not age and _not_a_count_after(text, end):
        return [], end  # "10-15 May", "5 to 10 km", "2 or 3 days"
    if is_digit and _is_year(m.group("num"), low):
        return [], end  # "2022-2023"
    low = _scaled_low(second, low, high)
    if low >= high:
        return ([], end) if dash else None  # "8-3" is a score; "7 to 5" is no range
    if not m.group("qual") and prev in _G.range_change_before:
        return None  # "rose from 10 to 15": two figures, each stands alone
    if age:
        return [_range(text, ns, age.end(), (ns, end), low, high, True)], age.end()
    return [_range(text, start, end, (ns, end), low, high, False)], end


def _fold_for_scan(text: str) -> str:
    """The text with non-ASCII spaces and openers turned into spaces (same offsets)."""
    if text.isascii():
        return text
    for c in _FOLD_TO_SPACE:
        if c in text:  # str.replace is far faster than str.translate here
            text = text.replace(c, " ")
    return text


def trigger_keys() -> tuple[str, ...]:
    """Strings of the search form (`lexicon_matcher.search_form`) one of which starts at
    the character before every quantity — when that search form is ASCII (a non-ASCII
    digit is a digit too)."""
    return _G.trigger_keys


def find_quantities(text: str, key_starts: list[int] | None = None) -> list[Quantity]:
    """Every quantity and age in `text`, sorted by start and never overlapping.

    `key_starts`: where the strings of `trigger_keys` start in the text, when the caller
    has found them (in an ASCII search form): only there can a quantity begin."""
    found: list[Quantity] = []
    used = 0
    if key_starts is None:
        starts = [m.start() + 1 for m in _G.trigger.finditer(_fold_for_scan(text))]
    else:
        starts = _trigger_starts(_fold_for_scan(text), key_starts)
    for pos in [0, *starts] if text else []:
        if pos < used:
            continue
        m = _G.master.match(text, pos)
        if m is None:
            continue
        quantities, end = _resolve(text, m)
        used = max(used, end)
        found.extend(quantities)
    return found


def _trigger_starts(folded: str, candidates: list[int]) -> list[int]:
    """What `_G.trigger.finditer` gives (the position after each match's first
    character), trying the trigger only at `candidates`, which hold every match's start."""
    starts = []
    free_from = 0  # (a start before 0 is the search form's pad) matches do not overlap
    for at in sorted(set(candidates)):
        if at < free_from:
            continue
        m = _G.trigger.match(folded, at)
        if m is not None:
            starts.append(at + 1)
            free_from = m.end()
    return starts
