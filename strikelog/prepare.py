"""prepare: a report's text → paragraphs and sentences with offsets into that text.

Nothing here changes the text: every sentence is a (start, end) window on the original
string, so evidence spans stay valid. Boilerplate lines (nav crumbs, "Read more", credits)
are flagged, not removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from strikelog.lang.loader import load_lexicon
from strikelog.spot.lexicon_matcher import may_contain
from strikelog.trie import literal_trie

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace
# and an opening capital, digit or quote — or at a line break. The stop itself is matched
# (not looked behind for) so that the regex engine skips ahead to the next stop; the sentence
# ends after it, where group 1 starts.
_SENT_END = re.compile(r"""[.!?…](['"’”)\]]*\s+)(?=[\"“‘'(\[]?[A-Z0-9А-ЯІЇЄҐ])""")
_ABBREV_TAIL = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|St|Sen|Rep|Gov|Prof|Jr|Sr|No|Vol|Fig|approx|"
    r"est|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun|"
    r"U\.S|U\.K|U\.N|E\.U|a\.m|p\.m|i\.e|e\.g|etc|Inc|Ltd|Co|Corp)\.|\b[A-Z]\.)$"
)


# Not frozen, for speed (as `Mention`): equality and hashing stay as a frozen one's; never
# assign to one.
@dataclass(unsafe_hash=True, init=False)  # the __init__ written out, as `Mention`'s
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int
    boilerplate: bool = False
    headline: bool = False  # a title line: it repeats what the body tells

    def __init__(
        self,
        index: int,
        start: int,
        end: int,
        paragraph: int,
        boilerplate: bool = False,
        headline: bool = False,
    ) -> None:
        self.index = index
        self.start = start
        self.end = end
        self.paragraph = paragraph
        self.boilerplate = boilerplate
        self.headline = headline


# Characters that a case-insensitive regex takes for an ASCII letter but str.lower() does
# not turn into that letter (dotless i, long s, dotted capital I).
_ODD_CASE = ("ı", "ſ", "İ")


@dataclass
class Doc:
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    lower: str = ""

    def sentence_text(self, sent: Sentence) -> str:
        return self.text[sent.start : sent.end]

    def _lower_is_plain(self) -> bool:
        """`lower` has the text's offsets and an ASCII letter exactly where a case-insensitive
        regex would see one."""
        return len(self.lower) == len(self.text) and (
            self.text.isascii() or not any(c in self.text for c in _ODD_CASE)
        )

    def may_contain(self, words: Iterable[str]) -> bool:
        """False when no word of `words` (lowercase ASCII) occurs in the text, ignoring case:
        a cheap test that spares a case-insensitive regex scan whose every match holds one."""
        return may_contain(self.lower, words, self._lower_is_plain())

    def spans_ignoring_case(
        self, on_lower: re.Pattern[str], on_text: re.Pattern[str]
    ) -> list[tuple[int, int]]:
        """The spans of `on_text`, a case-insensitive pattern, found by `on_lower`: the same
        pattern for lowercase text, case-sensitive, which the regex engine may run faster."""
        if self._lower_is_plain():
            return [m.span() for m in on_lower.finditer(self.lower)]
        return [m.span() for m in on_text.finditer(self.text)]

    def word_spans(
        self, words: tuple[str, ...], starts: list[int] | None = None
    ) -> list[tuple[int, int]]:
        """Spans where one of `words` (lowercase ASCII) begins after a word boundary,
        ignoring case: what ``\\b(?:words)`` with IGNORECASE finds, found in `lower` by
        `str.find`, which skips ahead far faster than the regex engine. `starts`: where
        the words occur in `lower`, when a caller's scan has found them already (used for
        words of one length)."""
        if not self._lower_is_plain():
            return [m.span() for m in _word_start_pattern(words).finditer(self.text)]
        low = self.lower
        found = []
        lengths = {len(word) for word in words}
        if starts is not None and len(lengths) == 1:
            n = lengths.pop()
            for at in starts:
                if at == 0 or not (low[at - 1].isalnum() or low[at - 1] == "_"):  # \b
                    found.append((at, at + n))
        else:
            for word in words:
                at = low.find(word)
                while at >= 0:
                    if at == 0 or not (low[at - 1].isalnum() or low[at - 1] == "_"):  # \b
                        found.append((at, at + len(word)))
                    at = low.find(word, at + 1)
        # as a regex scan: leftmost first, the longest word at a position, no overlaps
        found.sort(key=lambda span: (span[0], -span[1]))
        spans = []
        free_from = 0
        for start, end in found:
            if start >= free_from:
                spans.append((start, end))
                free_from = end
        return spans


@cache
def _word_start_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    by_length = sorted(words, key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, by_length))})", re.IGNORECASE)


@cache
def _boilerplate_rules() -> tuple[re.Pattern[str], tuple[str, ...]]:
    lex = load_lexicon("boilerplate")
    # as a character trie: the regex engine follows one branch instead of trying each phrase
    starts = literal_trie(lex["line_start"]["phrases"])
    return (
        re.compile(rf"[\s\-–—•*|>]*(?:{starts})", re.IGNORECASE),
        tuple(p.lower() for p in lex["line_contains"]["phrases"])
        + _credit_phrases(),
    )


@cache
def _credit_phrases() -> tuple[str, ...]:
    return tuple(p.lower() for p in load_lexicon("boilerplate").get("line_credit", {}).get(
        "phrases", []))


@cache
def _contains_anchors() -> dict[str, str]:
    """Each line_contains and credit phrase → its last character that is no letter, digit
    or space ("" if none; the last, as "/" of "epa-efe/" is rarer than "-"): a text without
    that character cannot hold the phrase."""
    return {
        phrase: next((c for c in reversed(phrase) if not (c.isalnum() or c == " ")), "")
        for phrase in _boilerplate_rules()[1]
    }


def _starts_boilerplate(sentence: str) -> bool:
    return bool(_boilerplate_rules()[0].match(sentence))


def _is_boilerplate(sentence: str, contains: tuple[str, ...] | None = None) -> bool:
    """`contains`: the line_contains phrases to look for, when the caller has narrowed them
    to those that occur in the whole text."""
    starts, all_contains = _boilerplate_rules()
    if starts.match(sentence):
        return True
    if contains is None:
        contains = all_contains
    if not contains:
        return False
    low = sentence.lower()
    return any(c in low for c in contains)


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence windows inside text[start:end], skipping leading/trailing whitespace.
    `start` begins a line: no sentence stop stands right before it."""
    out: list[tuple[int, int]] = []
    cursor = start
    for m in _SENT_END.finditer(text, start, end):
        cut = m.start(1)
        # Do not split after an abbreviation or an initial ("U.S. officials", "J. Smith").
        head = text[max(cursor, cut - 8) : cut]
        if _ABBREV_TAIL.search(head):
            continue
        out.append((cursor, cut))
        cursor = m.end()
    out.append((cursor, end))
    trimmed = []
    for s, e in out:
        window = text[s:e]
        stripped = window.strip()  # the same whitespace as str.isspace
        if stripped:
            s += len(window) - len(window.lstrip())
            trimmed.append((s, s + len(stripped)))
    return trimmed


_PARA_BREAK = re.compile(r"\n")
# a line that ends in " - Source" with no full stop: a link's title ("… in El Fasher - UN")
_LINKED_HEADLINE = re.compile(r"[^.!?:\"”]\s[-–—]\s(?:[A-Z][\w.]*)(?:\s[A-Z][\w.]*)?$")


def _is_linked_headline(line: str) -> bool:
    """`_LINKED_HEADLINE.search(line)`, tried only at the line's last dash: nothing after
    the dash it needs can be a dash, and a search from the line's start would try the
    pattern at every position of a long paragraph."""
    dash = max(line.rfind("-"), line.rfind("–"), line.rfind("—"))
    return dash >= 2 and _LINKED_HEADLINE.match(line, dash - 2) is not None


def prepare(text: str) -> Doc:
    """Split text into paragraphs (lines) and sentences, keeping offsets into `text`."""
    doc = Doc(text=text, lower=text.lower())
    # a phrase in a sentence's lowercase is in the text's, which has the same offsets
    contains = _boilerplate_rules()[1]
    if len(doc.lower) == len(text) and "Σ" not in text:  # final sigma lowers by context
        # a phrase with a punctuation mark ("photo/", "image: ") is only looked for where
        # the text has that mark: one memchr-quick test spares several substring scans
        anchors = _contains_anchors()
        missing = {a for a in anchors.values() if a and a not in doc.lower}
        contains = tuple(c for c in contains if anchors[c] not in missing and c in doc.lower)
    credits = tuple(c for c in _credit_phrases() if c in contains)  # `contains` holds them
    para = 0
    pos = 0
    index = 0
    in_link_list = False  # under a "Related:" / "Read more:" header
    for m in [*_PARA_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        line = text[pos:end].strip()
        if line:
            # the headline-like lines that follow a "Related" header are links, not article
            link_header = _is_link_header(line)
            if in_link_list and (_is_list_item(line) or not line.endswith((".", "!", "?", '"'))):
                flag_all = True
            else:
                flag_all = link_header
                in_link_list = False
            if credits and any(c in text[pos:end].lower() for c in credits):
                flag_all = True  # a photo caption with its credit
            if para and _is_linked_headline(line):
                # "28 people killed after market strikes in Sudan - Media" below the story:
                # the title of a linked article, with its source
                flag_all = True
            first = True
            for s, e in _split_paragraph(text, pos, end):
                flagged = flag_all or _is_boilerplate(text[s:e], contains)
                doc.sentences.append(Sentence(index, s, e, para, flagged))
                index += 1
                if first and flagged and _starts_boilerplate(text[s:e]):
                    # "Photo: Firefighters at the building. (Kharkiv city council)": the
                    # caption's credit is the caption's
                    flag_all = True
                first = False
            if link_header:
                in_link_list = True
            para += 1
        pos = m.end() if m else len(text)
    _mark_headline(doc)
    _mark_trailing_link(doc)
    return doc


def _mark_trailing_link(doc: Doc) -> None:
    """The last line of a story of several paragraphs, short and without a full stop, is
    the title of a linked story ("Gaza rescuers say 18 killed in strike on school"), not the
    story's last sentence."""
    content = [s for s in doc.sentences if not s.boilerplate]
    if len(content) < 4 or content[-1].headline:
        return
    last = content[-1]
    line = doc.text[last.start : last.end]
    if (
        last.paragraph >= 3
        and content[-2].paragraph != last.paragraph
        and line[:1].isupper()
        and not line.rstrip().endswith((".", "!", "?", '"', "”", "'", "’", ")", ":"))
        and 3 <= len(line.split()) <= 14
        and not _DATE_LINE.search(line)
    ):
        doc.sentences[last.index] = Sentence(
            last.index, last.start, last.end, last.paragraph, True, last.headline
        )


def _mark_headline(doc: Doc) -> None:
    """The first content line, short and without a full stop, is the headline; a dateline or
    date line before it ("SUMY PROVINCE | 21 May 2025", "7 June 2025, 10:18") is passed over."""
    for i, s in enumerate(doc.sentences):
        if s.boilerplate:
            continue
        line = doc.text[s.start : s.end]
        same_para = [x for x in doc.sentences if x.paragraph == s.paragraph]
        short = len(same_para) == 1 and len(line) <= 140
        if short and _DATE_LINE.search(line) and len(line.split()) <= 8:
            continue
        if short and not line.rstrip().endswith((".", '"')):
            doc.sentences[i] = Sentence(s.index, s.start, s.end, s.paragraph, False, True)
        return


# a line that only dates the report: "21 May 2025", "7 June 2025, 10:18", "17:40"
_DATE_LINE = re.compile(
    r"\b(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,4}\b"
    r"|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|^\W*\d{1,2}:\d{2}\W*$",
    re.IGNORECASE,
)


_LINK_HEADER = re.compile(
    r"^(?:related|read (?:more|also)|see also|more (?:on|from)|recommended|most read|"
    r"trending|also read|further reading|you may also like)\b[^.]{0,40}:?$",
    re.IGNORECASE,
)


def _is_link_header(line: str) -> bool:
    return bool(_LINK_HEADER.match(line.strip(" \t-–—•*|>")))


def _is_list_item(line: str) -> bool:
    return line[:1] in "-•*–—>" or line[:2].isdigit() and line[2:3] in ".)"
