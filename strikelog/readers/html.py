"""HTML → report text: trafilatura for the main text and metadata, a tag-strip as fallback.

A page must hold some text outside links and navigation; one that holds none (a menu,
a cookie wall, a script shell) is refused with a "no article text" error rather than
turned into a report of menu words.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from strikelog.readers.base import ReadFailure
from strikelog.readers.decode import normalise_newlines

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageText:
    text: str
    title: str | None = None
    published: str | None = None  # ISO date, when the page states one
    sitename: str | None = None


# Whose text never belongs to an article.
_NEVER_TEXT = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object"}
    | {"canvas", "select", "option", "button"}
)
# Page furniture: skipped when looking for article text on a whole page.
_FURNITURE = frozenset({"nav", "header", "footer", "aside", "form", "menu", "dialog"})
_BLOCKS = frozenset(
    {"address", "article", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt"}
    | {"figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol"}
    | {"p", "pre", "section", "summary", "table", "tbody", "td", "th", "thead", "tr", "ul"}
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w", re.UNICODE)


class _Blocks(HTMLParser):
    """Collects block-level runs of text, noting which words sat inside links."""

    def __init__(self, skip_furniture: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = _NEVER_TEXT | (_FURNITURE if skip_furniture else frozenset())
        self.stack: list[str] = []
        self.skipping = 0
        self.in_link = 0
        self.in_title = False
        self.title_parts: list[str] = []
        self.blocks: list[tuple[str, bool]] = []  # (text, has words outside links)
        self.parts: list[str] = []
        self.plain_words = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _BLOCKS:
            self.flush()
        if tag in _VOID:
            return
        self.stack.append(tag)
        if tag in self.skip:
            self.skipping += 1
        elif tag == "a":
            self.in_link += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _BLOCKS:
            self.flush()
        if tag not in self.stack:
            return  # a stray end tag
        while self.stack:  # close anything left open inside it
            open_tag = self.stack.pop()
            if open_tag in self.skip:
                self.skipping -= 1
            elif open_tag == "a":
                self.in_link -= 1
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skipping:
            return
        self.parts.append(data)
        if not self.in_link and _WORD.search(data):
            self.plain_words = True

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.parts)).strip()
        if text:
            self.blocks.append((text, self.plain_words))
        self.parts = []
        self.plain_words = False

    def title(self) -> str | None:
        return _SPACES.sub(" ", "".join(self.title_parts)).strip() or None


def _parse(html: str, skip_furniture: bool) -> _Blocks:
    parser = _Blocks(skip_furniture)
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser


def strip_tags(html: str, *, keep_links: bool = True) -> str:
    """Plain text of an HTML fragment, one line per block; no boilerplate removal.

    With `keep_links=False` a block made only of link text (a menu row) is dropped.
    """
    blocks = _parse(html, skip_furniture=not keep_links).blocks
    return "\n".join(text for text, plain in blocks if keep_links or plain)


def html_to_text(html: str, url: str | None = None) -> PageText:
    """The article text of a whole page with the title and date trafilatura finds.

    Raises `ReadFailure` ("no_text") when the page has no words outside links and page
    furniture (nav, header, footer, forms, scripts).
    """
    skeleton = _parse(html, skip_furniture=True)
    if not any(plain for _, plain in skeleton.blocks):
        raise ReadFailure(
            "no article text in this HTML page (only navigation, links or scripts)", "no_text"
        )
    import trafilatura  # heavy: imported on first use only

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as exc:  # trafilatura can fail on odd markup; the tag-strip still works
        log.debug("trafilatura failed on %s: %s", url, exc)
        doc = None
    text = getattr(doc, "text", None) or ""
    if not text.strip():
        # trafilatura found no main text: keep the words outside links and furniture.
        text = "\n".join(t for t, plain in skeleton.blocks if plain)
    title = getattr(doc, "title", None) or skeleton.title()
    published = getattr(doc, "date", None)
    sitename = getattr(doc, "sitename", None)
    return PageText(
        text=normalise_newlines(text),
        title=title or None,
        published=published or None,
        sitename=sitename or None,
    )
