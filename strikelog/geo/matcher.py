"""Find place names in text in one pass.

Keys are in normal form (lowercase words; strikelog.geo.normalize). A name must start
with a capitalised word (or "the", for "the capital", "the Hague"), so one regex pass
picks out only the words that may be capitalised, and each is probed in the set of
first words of keys; no Python object is made for the other words. The text is
lowercased once, offsets kept, so a word's key form is a slice. A hit tries the
longest multi-word key first ("Kryvyi Rih", "Gaza Strip"), then a region or district
suffix ("Kharkiv region", "Desnianskyi district"), reading the words after it only as
far as needed; a one-word name with no suffix after it (the common case) is matched
from per-key data cached on first use.

A match counts only if the text writes it as a name: capitalised ("energy" never
matches), not a given name before a surname ("Vladimir Putin"), and with no sentence
punctuation inside it ("Kharkiv. Region officials…").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import NamedTuple

from strikelog.geo.index import KINDS, NO_KIND, CompiledIndex

# What may stand between the words of one name in the original text.
_NAME_GAP = re.compile(r"[ \-\u2010\u2011\u2013'’ʼ]+|\. ?")
# What may stand between names of one list ("Kharkiv, Sumy and Poltava regions").
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+)\s*")
_CAPITAL = KINDS.index("capital")
# "region of " / "regions of " right before a name (lowercased text)
_UNIT_OF = re.compile(r"\b([a-z]+)\s+of\s+$")
_UNITS_OF_LIST = re.compile(r"\b([a-z]+s)\s+of\s+[a-z'’ -]{2,30}?(?:,\s*(?:and\s+)?|\s+and\s+)$")
_PLURAL = "s"
_WORD_BEFORE = re.compile(r"[^\W\d_]+(?:['’]s)?$")
_TITLE_LINE_MAX = 200
# A word as the search form has it: letters and digits, no underscore.
_WORD = re.compile(r"[^\W_]+")
# Words that may be capitalised, in text with "_" made a space (so that \w is a word
# character): a cheap superset of "first letter is upper case" that leaves out digits
# and the lower-case letters of ASCII, Latin-1 and Cyrillic; str.isupper decides. The
# word edge is checked after the first letter (not as a leading \b), which lets the
# regex engine skip ahead to candidate letters: 1.5 times faster.
_MAYBE_CAPITALISED = re.compile(r"[^\W\d_a-z\u00df-\u00ff\u0430-\u045f](?<!\w\w)\w*")
# For ASCII text, where only A-Z is such a letter, what `[A-Z](?<!\w\w)\w*` finds is found
# quicker in the text as marks: "U" for A-Z, "w" for the other word characters ([a-z0-9];
# "_" is a space in the scanned text), " " for the rest. " U" starts such a word and the
# next " " ends it, both found by bytes.find
_ASCII_MARKS = b"".join(
    b"U" if 65 <= i <= 90 else b"w" if 97 <= i <= 122 or 48 <= i <= 57 else b" "
    for i in range(256)
)
_span = re.Match.span


def _lowered(text: str) -> str:
    """TEXT lowercased with every character at its offset (as normalize.search_form)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        # a few characters lowercase to two ("İ"); keep those as they are
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lowered


def _ascii_bytes(scan: str) -> bytes | None:
    """`scan` as ASCII bytes with "?" for each other character, when none of those is a
    word character (curly quotes, dashes), so that the bytes have the same words; else None."""
    if scan.isascii():
        return scan.encode("ascii")
    raw = scan.encode("ascii", "replace")  # one "?" per character
    at = raw.find(b"?")
    while at >= 0:
        if scan[at].isalnum():  # what \w is, "_" aside
            return None
        at = raw.find(b"?", at + 1)
    return raw


def _capitalised_ascii(
    raw: bytes, lowered: str, first_words: dict[str, None]
) -> list[tuple[int, int, str]]:
    r"""For ASCII bytes `raw` of the scanned text: the spans of `[A-Z](?<!\w\w)\w*` whose
    lowercase is one of `first_words`, with that word."""
    # padded by a space each side: a mark's index is the text offset + 1
    marks = b" " + raw.translate(_ASCII_MARKS) + b" "
    find = marks.find
    hits = []
    at = find(b" U")  # the capital's text offset
    while at >= 0:
        end = find(b" ", at + 2) - 1
        if (word := lowered[at:end]) in first_words:
            hits.append((at, end, word))
        at = find(b" U", end)
    return hits


def _the_names(ids: dict[str, int], multi_word: dict[str, int]) -> re.Pattern[str] | None:
    """In the lowered text: "the" before a word that some "the …" name goes on with
    ("the capital", "the Hague"), where a name may start although "the" is not
    capitalised."""
    if "the" in ids:
        return re.compile(r"the(?<![^\W_]the)(?![^\W_])")
    if "the" not in multi_word:
        return None
    seconds = sorted({k.split(" ")[1] for k in multi_word if k.startswith("the ")},
                     key=lambda w: (-len(w), w))
    alternatives = "|".join(re.escape(w) for w in seconds)
    # starts with the literal so that the regex engine can skip ahead to each "the"
    return re.compile(rf"the(?<![^\W_]the)(?=[\W_]+(?:{alternatives})(?![^\W_]))")


@dataclass(slots=True)
class _Words:
    """The words from a possible name's first on (search-form text, text offsets), read
    from the lowered text only as far as they are asked for."""

    lowered: str
    text: list[str]
    start: list[int]
    end: list[int]

    def have(self, count: int) -> bool:
        """Whether the text has COUNT words from the first on (reading them if need be)."""
        text = self.text
        while len(text) < count:
            m = _WORD.search(self.lowered, self.end[-1])
            if m is None:
                return False
            text.append(m.group())
            self.start.append(m.start())
            self.end.append(m.end())
        return True


def _bare_match(info: _KeyInfo, key: str, at: int, end: int) -> RawMatch | None:
    """The match of a key alone (no suffix), or None for a stem that means a place only
    with its suffix ("Kharkivska")."""
    if info.kind is None:
        return None
    if info.kind == "capital":
        return RawMatch(at, end, key, "capital", info.bare, info.capital_country)
    return RawMatch(at, end, key, info.kind, info.bare, "", info.preferred, info.stems)


def _before_capitalised(text: str, at: int) -> bool:
    """Whether one space and a capital letter follow offset AT."""
    rest = text[at : at + 2]
    return len(rest) == 2 and rest[0] == " " and rest[1].isupper()


def _starts_sentence(text: str, at: int) -> bool:
    before = text[max(0, at - 3) : at].rstrip(" \t\"'“‘")
    return at == 0 or before == "" or before[-1] in ".!?\n:;>|"


def _in_title_line(text: str, m: RawMatch) -> bool:
    """Whether the match stands in a headline-like line ("Drones Hit Kharkiv Overnight"),
    where capitalised words say nothing about people."""
    start = text.rfind("\n", 0, m.start) + 1
    end = text.find("\n", m.end)
    line = text[start : end if end >= 0 else len(text)]
    if len(line) > _TITLE_LINE_MAX:
        return False
    words = [w for w in line.split() if w[:1].isalpha()]
    capitalised = sum(1 for w in words if w[0].isupper())
    return len(words) > 0 and capitalised / len(words) >= 0.6


@dataclass(slots=True, init=False)  # __init__ written out: compiled (docs/speed.md)
class RawMatch:
    start: int
    end: int
    key: str
    kind: str
    rows: list[int]
    capital_country: str = ""
    preferred: int = -1  # the row an alias names
    stems: tuple[str, list[int]] | None = None  # (kind, rows) if it can head a list of units

    def __init__(
        self,
        start: int,
        end: int,
        key: str,
        kind: str,
        rows: list[int],
        capital_country: str = "",
        preferred: int = -1,
        stems: tuple[str, list[int]] | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.key = key
        self.kind = kind
        self.rows = rows
        self.capital_country = capital_country
        self.preferred = preferred
        self.stems = stems


class _KeyInfo(NamedTuple):
    """What the matcher needs of one key, read from the index once."""

    bare: list[int]  # rows it means alone (shared by its matches: read only)
    admin1_stem: list[int]  # rows it means before an admin1 suffix ("Kharkiv region")
    admin2_stem: list[int]  # before an admin2/district suffix ("Desnianskyi district")
    kind: str | None  # its kind alone; None if it means a place only with a suffix
    stems: tuple[str, list[int]] | None  # ("admin1" | "admin2", rows) for a unit stem
    capital_country: str
    preferred: int


class Matcher:
    def __init__(self, index: CompiledIndex, given_names: set[str],
                 may_precede_place: set[str], locative: set[str]) -> None:
        self.index = index
        self.keys = index.keys
        self.given_names = given_names
        self.may_precede_place = may_precede_place
        self.locative = locative
        self.admin1_suffixes = set(index.admin1_suffixes)
        self.admin2_suffixes = set(index.admin2_suffixes)
        self.admin1_plurals = {s + _PLURAL for s in index.admin1_suffixes}
        self.admin2_plurals = {s + _PLURAL for s in index.admin2_suffixes}
        self.modifiers = set(index.admin_modifiers)
        self.all_suffixes = (self.admin1_suffixes | self.admin2_suffixes
                             | self.admin1_plurals | self.admin2_plurals)
        self._the_names = _the_names(self.keys.ids, self.keys.multi_word)
        # one-word keys and first words of longer ones ("the" is _the_names' job)
        # a dict, used as a set: the garbage collector stops scanning a dict of strings and
        # None, and would go through a set of 140,000 words at every full collection
        self._first_words: dict[str, None] = dict.fromkeys(
            k
            for k in itertools.chain(self.keys.ids, self.keys.multi_word)
            if " " not in k and k != "the"
        )
        self._info_of: dict[int, _KeyInfo] = {}
        self._word_info: dict[str, _KeyInfo] = {}  # the same for one-word keys, by key
        # words after a stem that make it a unit ("region", "border" of "border region")
        self._suffix_words = self.all_suffixes | self.modifiers
        # the words of "region of X" (not "state of", which names countries too)
        self._region_words = self.admin1_suffixes - {"state", "countryside"}

    def find(self, text: str, lower: str | None = None) -> list[RawMatch]:
        # `lower`: text.lower() if the caller has it; used when it keeps every offset
        lowered = lower if lower is not None and len(lower) == len(text) else _lowered(text)
        scan = text.replace("_", " ") if "_" in text else text
        ids = self.keys.ids
        multi = self.keys.multi_word
        # Only words that can start a name are looked at: capitalised ones, and "the"
        # before a word that a "the …" name goes on with. The regexes find a superset;
        # the checks below are exact.
        first_words = self._first_words
        suffix_words = self._suffix_words
        given_names = self.given_names
        word_info = self._word_info
        raw = _ascii_bytes(scan)
        if raw is not None:
            # no word character beyond ASCII: only A-Z can begin a capitalised word
            hits = _capitalised_ascii(raw, lowered, first_words)
        else:
            hits = [(s, e, w) for s, e in map(_span, _MAYBE_CAPITALISED.finditer(scan))
                    if (w := lowered[s:e]) in first_words]
        if self._the_names is not None:
            the_hits = [(m.start(), m.start() + 3, "the")
                        for m in self._the_names.finditer(lowered)]
            if the_hits:
                hits = sorted(hits + the_hits)
        out: list[RawMatch] = []
        free_from = 0  # text offset where the last match ended
        for at, end, word in hits:
            if at < free_from:
                continue
            if word != "the" and not text[at].isupper():
                continue  # names are capitalised; "the capital" is the one exception
            nxt: re.Match[str] | None = None
            searched = False  # whether nxt (the next word) has been looked for
            longest = 1
            if word in multi:
                nxt, searched = _WORD.search(lowered, end), True
                if nxt is not None and f"{word} {nxt.group()}" in multi:
                    longest = multi[word]
                elif word not in ids:
                    continue  # only the first word of longer names, not followed by theirs
            if longest == 1 and word != "the":
                # the common case, one capitalised word ("Kharkiv"): no word list needed
                # unless a unit suffix follows ("Kharkiv region")
                info = word_info.get(word) or self._info(ids[word], word)
                if info.stems is not None and not searched:
                    nxt, searched = _WORD.search(lowered, end), True
                if info.stems is None or nxt is None or nxt.group() not in suffix_words:
                    match = _bare_match(info, word, at, end)
                    if match is not None and (word not in given_names or match.kind == "capital"
                                              or not _before_capitalised(text, end)):
                        free_from = end
                        out.append(match)
                    continue
            if not searched:
                nxt = _WORD.search(lowered, end)
            words = _Words(lowered, [word], [at], [end])
            if nxt is not None:
                words.text.append(nxt.group())
                words.start.append(nxt.start())
                words.end.append(nxt.end())
                if longest > 2 and not words.have(longest):
                    longest = len(words.text)
            else:
                longest = 1
            found = self._match_at(text, words, longest)
            if found is None:
                continue
            free_from = found.end
            out.append(found)
        self._spread_plural_forms(text, out)
        self._region_of_forms(text, out)
        return self._drop_person_names(text, out)

    # --------------------------------------------------------------------- parts

    def _gaps_ok(self, text: str, words: _Words, count: int) -> bool:
        for j in range(1, count):
            gap = text[words.end[j - 1] : words.start[j]]
            m = _NAME_GAP.fullmatch(gap)
            if m is None:
                return False
            # a full stop only after an abbreviation ("St. Petersburg"), not a sentence end
            if "." in gap and len(words.text[j - 1]) > 3:
                return False
        return True

    def _match_at(self, text: str, words: _Words, longest: int) -> RawMatch | None:
        """The longest name (with its suffix) at the first of WORDS, which holds that
        many words and two more when the text has them."""
        ids = self.keys.ids
        for count in range(longest, 0, -1):
            key = " ".join(words.text[:count]) if count > 1 else words.text[0]
            key_id = ids.get(key)
            if key_id is None:
                continue
            if count > 1 and not self._gaps_ok(text, words, count):
                continue
            match = self._with_suffix(text, words, count, key_id, key)
            if match is None:
                continue
            if not self._written_as_name(text, match):
                continue
            if count > 1 and match.end == words.end[count - 1] \
                    and words.text[count - 1] in self.all_suffixes:
                self._merge_unit_reading(text, words, count - 1, match)
            return match
        return None

    def _merge_unit_reading(self, text: str, words: _Words, stem_count: int,
                            match: RawMatch) -> None:
        """"Desnianskyi district" is both a place's own name and a district form: keep
        the unit as a candidate too, and call the mention by the unit's kind."""
        stem_key = " ".join(words.text[:stem_count])
        key_id = self.keys.ids.get(stem_key)
        if key_id is None:
            return
        unit = self._with_suffix(text, words, stem_count, key_id, stem_key)
        if unit is None or unit.end != match.end or unit.end == words.end[stem_count - 1]:
            return
        match.kind = unit.kind
        match.rows = unit.rows + [r for r in match.rows if r not in unit.rows]

    def _suffix_after(self, text: str, words: _Words, j: int,
                      singular: set[str], plural: set[str]) -> tuple[str, int] | None:
        """A suffix ("region") at words[j], maybe after a modifier ("border region"):
        (its words, their end offset) or None."""
        for extra in (1, 2):
            if not words.have(j + extra):
                return None
            last = words.text[j + extra - 1]
            if extra == 1 and last in self.modifiers:
                continue
            if last not in singular and last not in plural:
                return None
            for k in range(j, j + extra):
                gap = text[words.end[k - 1] : words.start[k]]
                if gap.strip() or "\n" in gap:
                    return None
            return " ".join(words.text[j : j + extra]), words.end[j + extra - 1]
        return None

    def _info(self, key_id: int, word: str | None = None) -> _KeyInfo:
        """The key's info (cached; also by WORD when the key is that one word)."""
        info = self._info_of.get(key_id)
        if info is None:
            keys = self.keys
            a1, a2 = list(keys.admin1_stem.of(key_id)), list(keys.admin2_stem.of(key_id))
            kind_id = keys.kind[key_id]
            info = _KeyInfo(
                bare=list(keys.bare.of(key_id)), admin1_stem=a1, admin2_stem=a2,
                kind=None if kind_id == NO_KIND else KINDS[kind_id],
                stems=("admin1", a1) if a1 else ("admin2", a2) if a2 else None,
                capital_country=keys.capital_country.get(key_id, "") if kind_id == _CAPITAL
                else "",
                preferred=keys.preferred.get(key_id, -1) if kind_id != _CAPITAL else -1,
            )
            self._info_of[key_id] = info
        if word is not None:
            self._word_info[word] = info
        return info

    def _with_suffix(self, text: str, words: _Words, count: int, key_id: int,
                     key: str) -> RawMatch | None:
        """The match of the key words[:count] (key number KEY_ID), with a unit suffix
        after it if the key is a unit stem and the text has one."""
        info = self._info(key_id)
        at = words.start[0]
        for rows, singular, plural in (
            (info.admin1_stem, self.admin1_suffixes, self.admin1_plurals),
            (info.admin2_stem, self.admin2_suffixes, self.admin2_plurals),
        ):
            if not rows:
                continue
            found = self._suffix_after(text, words, count, singular, plural)
            if found is not None:
                suffix, suffix_end = found
                kind = self._unit_kind(rows[0])
                return RawMatch(at, suffix_end, f"{key} {suffix}", kind, rows,
                                stems=info.stems)
        return _bare_match(info, key, at, words.end[count - 1])

    def _unit_kind(self, row: int) -> str:
        return KINDS[self.index.places.level[row]]

    def _written_as_name(self, text: str, match: RawMatch) -> bool:
        if match.kind == "capital":
            return True
        first = match.start
        if text[first : first + 4].lower() == "the " and match.key.startswith("the "):
            first += 4
        if not text[first].isupper():
            return False
        # "Vladimir Putin", "Irina Kharkiv": a given name before a capitalised word
        return match.key not in self.given_names or not _before_capitalised(text, match.end)

    def _drop_person_names(self, text: str, matches: list[RawMatch]) -> list[RawMatch]:
        """"Richard Preston", "Paul Darwin": a settlement name right after a capitalised
        word is a surname; so is every other mention of it in the same text."""
        people: set[str] = set()
        adjacent: set[int] = set()
        for n, m in enumerate(matches):
            # cheapest tests first: most names follow a lower-case word ("in Kyiv")
            if m.start < 2 or text[m.start - 1] != " " or not text[m.start - 2].isalpha():
                continue
            word_start = text.rfind(" ", max(0, m.start - 40), m.start - 1) + 1
            if not text[word_start].isupper():  # the word before is not capitalised
                continue
            if m.kind not in ("settlement", "admin1", "admin2") \
                    or text[m.start : m.end].isupper():
                continue
            before = _WORD_BEFORE.search(text, word_start, m.start - 1)
            if before is None or before.end() != m.start - 1:
                continue
            word = before.group()
            if (not word[0].isupper() or word.isupper() or word[-2:] in ("'s", "’s")
                    or word.lower() in self.may_precede_place or _in_title_line(text, m)
                    or _starts_sentence(text, before.start())):
                continue
            people.add(m.key)
            if n and matches[n - 1].end == before.end():
                adjacent.add(n - 1)  # "Paul" of "Paul Darwin"
        if not people:
            return matches
        return [m for n, m in enumerate(matches) if n not in adjacent and (
            m.key not in people or self._after_preposition(text, m))]

    def _after_preposition(self, text: str, m: RawMatch) -> bool:
        """"in Kyiv" stays a place in a text where "Dynamo Kyiv" is a team."""
        before = _WORD_BEFORE.search(text, max(0, m.start - 40), m.start - 1)
        return (before is not None and before.end() == m.start - 1
                and before.group() in self.locative)

    def _region_of_forms(self, text: str, matches: list[RawMatch]) -> None:
        """"the southern region of Kherson", "the regions of Sumy and Kharkiv": the unit
        named after its stem, as "Kherson region" is."""
        n = 0
        while n < len(matches):
            m = matches[n]
            n += 1
            # (a first name that is a region already still leads its list: "the provinces
            # of Paktika and Khost", where Khost is a city too)
            if m.kind != "admin1" and (m.stems is None or m.stems[0] != "admin1"):
                continue
            before = text[max(0, m.start - 24) : m.start].lower()
            unit = _UNIT_OF.search(before)
            if unit is None:
                # "the provinces of Paktika and Khost" with no Paktika in the data: the list
                # after the plural unit word goes on to Khost
                unit = _UNITS_OF_LIST.search(text[max(0, m.start - 60) : m.start].lower())
            if unit is None or unit.group(1).rstrip("s") not in self._region_words:
                continue
            group = [m]
            # "the regions of Sumy, Kharkiv and Poltava": the list goes on
            while n < len(matches) and matches[n].stems is not None \
                    and _LIST_GAP.fullmatch(text[group[-1].end : matches[n].start]):
                group.append(matches[n])
                n += 1
            for g in group:
                if g.stems is not None and g.stems[0] == "admin1" and g.kind != "admin1":
                    g.kind = self._unit_kind(g.stems[1][0])
                    g.rows = list(g.stems[1])

    def _spread_plural_forms(self, text: str, matches: list[RawMatch]) -> None:
        """"Kharkiv and Sumy regions": the list's earlier names are regions too."""
        for n in range(len(matches) - 1, 0, -1):
            head = matches[n]
            if not head.key.endswith(_PLURAL) or head.stems is None:
                continue
            suffix = head.key.rsplit(" ", 1)[-1]
            if suffix not in self.admin1_plurals and suffix not in self.admin2_plurals:
                continue
            category = "admin1" if head.kind == "admin1" else "admin2"
            j, nxt = n - 1, head
            while j >= 0:
                prev = matches[j]
                if prev.stems is None or prev.stems[0] != category:
                    break
                if _LIST_GAP.fullmatch(text[prev.end : nxt.start]) is None:
                    break
                if prev.kind not in ("admin1", "admin2", "district"):
                    prev.kind = self._unit_kind(prev.stems[1][0])
                    prev.rows = list(prev.stems[1])
                nxt = prev
                j -= 1
