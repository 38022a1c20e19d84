"""Find place names in text in one pass.

The text is put in search form (lowercase, non-words as spaces, offsets kept) and
split into words; each word is probed in the key hash. A hit tries the longest
multi-word key first ("Kryvyi Rih", "Gaza Strip"), then a region or district suffix
("Kharkiv region", "Desnianskyi district"). Only words that hit are located in the
text, so the cost is one split and one hash probe per word.

A match counts only if the text writes it as a name: capitalised ("energy" never
matches), not a given name before a surname ("Vladimir Putin"), and with no sentence
punctuation inside it ("Kharkiv. Region officials…").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from strikelog.geo.index import KINDS, NO_KIND, CompiledIndex
from strikelog.geo.normalize import search_form

# What may stand between the words of one name in the original text.
_NAME_GAP = re.compile(r"[ \-\u2010\u2011\u2013'’ʼ]+|\. ?")
# What may stand between names of one list ("Kharkiv, Sumy and Poltava regions").
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+)\s*")
_CAPITAL = KINDS.index("capital")
_PLURAL = "s"
_WORD_BEFORE = re.compile(r"[^\W\d_]+(?:['’]s)?$")
_TITLE_LINE_MAX = 200


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


@dataclass(slots=True)
class RawMatch:
    start: int
    end: int
    key: str
    kind: str
    rows: list[int]
    capital_country: str = ""
    preferred: int = -1  # the row an alias names
    stems: tuple[str, list[int]] | None = None  # (kind, rows) if it can head a list of units


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

    def find(self, text: str) -> list[RawMatch]:
        lowered = _lowered(text)
        scan = text.replace("_", " ") if "_" in text else text
        ids = self.keys.ids
        multi = self.keys.multi_word
        # Only words that can start a name are looked at: capitalised ones, and "the"
        # before a word that a "the …" name goes on with. The regexes find a superset;
        # the checks below are exact.
        hits = [(s, e) for s, e in map(_span, _MAYBE_CAPITALISED.finditer(scan))
                if lowered[s:e] in ids or lowered[s:e] in multi]
        if self._the_names is not None:
            the_hits = [(m.start(), m.start() + 3) for m in self._the_names.finditer(scan)]
            if the_hits:
                hits = sorted(hits + the_hits)
        out: list[RawMatch] = []
        free_from = 0  # text offset where the last match ended
        for at, end in hits:
            if at < free_from:
                continue
            word = lowered[at:end]
            if word != "the" and not text[at].isupper():
                continue  # names are capitalised; "the capital" is the one exception
            nxt = _WORD.search(lowered, end)
            pair = f"{word} {nxt.group()}" if nxt is not None else ""
            if word not in ids and pair not in multi:
                continue  # only the first word of longer names, and not followed by theirs
            longest = multi.get(word, 1)
            if longest > 1 and pair not in multi:
                longest = 1  # no key starts with these two words
            words = _Words([word], [at], [end])
            if nxt is not None:
                # the longest name and a suffix of up to two words after it
                words.add(nxt)
                for m in islice(_WORD.finditer(lowered, nxt.end()), longest):
                    words.add(m)
            found = self._match_at(text, words, min(longest, len(words.text)))
            if found is None:
                continue
            match = found
            free_from = match.end
            out.append(match)
        self._spread_plural_forms(text, out)
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
            if j + extra > len(words.text):
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

    def _rows(self, key_id: int) -> tuple[list[int], list[int], list[int]]:
        """The key's (alone, admin1 stem, admin2 stem) rows, shared by its matches: read
        only, never changed in place."""
        rows = self._rows_of.get(key_id)
        if rows is None:
            keys = self.keys
            rows = (list(keys.bare.of(key_id)), list(keys.admin1_stem.of(key_id)),
                    list(keys.admin2_stem.of(key_id)))
            self._rows_of[key_id] = rows
        return rows

    def _with_suffix(self, text: str, words: _Words, count: int, key_id: int,
                     key: str) -> RawMatch | None:
        """The match of the key words[:count] (key number KEY_ID), with a unit suffix
        after it if the key is a unit stem and the text has one."""
        keys = self.keys
        kind_id = keys.kind[key_id]
        bare, a1, a2 = self._rows(key_id)
        at = words.start[0]
        stems: tuple[str, list[int]] | None = None
        if a1:
            stems = ("admin1", a1)
        elif a2:
            stems = ("admin2", a2)
        for rows, singular, plural in (
            (a1, self.admin1_suffixes, self.admin1_plurals),
            (a2, self.admin2_suffixes, self.admin2_plurals),
        ):
            if not rows:
                continue
            found = self._suffix_after(text, words, count, singular, plural)
            if found is not None:
                suffix, suffix_end = found
                kind = self._unit_kind(rows[0])
                return RawMatch(at, suffix_end, f"{key} {suffix}", kind, rows, stems=stems)
        if kind_id == NO_KIND:
            return None
        end = words.end[count - 1]
        if kind_id == _CAPITAL:
            return RawMatch(at, end, key, "capital", bare,
                            capital_country=keys.capital_country.get(key_id, ""))
        return RawMatch(at, end, key, KINDS[kind_id], bare, stems=stems,
                        preferred=keys.preferred.get(key_id, -1))

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
        if match.key in self.given_names:
            # "Vladimir Putin", "Irina Kharkiv": a given name before a capitalised word
            rest = text[match.end : match.end + 2]
            if len(rest) == 2 and rest[0] == " " and rest[1].isupper():
                return False
        return True

    def _drop_person_names(self, text: str, matches: list[RawMatch]) -> list[RawMatch]:
        """"Richard Preston", "Paul Darwin": a settlement name right after a capitalised
        word is a surname; so is every other mention of it in the same text."""
        people: set[str] = set()
        adjacent: set[int] = set()
        for n, m in enumerate(matches):
            if m.kind not in ("settlement", "admin1", "admin2") or m.start < 2 \
                    or text[m.start - 1] != " " or text[m.start : m.end].isupper():
                continue
            if not text[m.start - 2].isalpha():
                continue
            word_start = text.rfind(" ", max(0, m.start - 40), m.start - 1) + 1
            word = text[word_start : m.start - 1]
            if not word[:1].isupper():
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
