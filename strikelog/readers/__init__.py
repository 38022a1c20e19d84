"""The `read` stage: every input format → `models.Report`.

    from strikelog.readers import iter_reports, ReadError

    for result in iter_reports("reports.jsonl"):
        if isinstance(result, ReadError):
            print(result)          # "reports.jsonl:12: malformed JSON: …"
        else:
            handle(result)         # a models.Report

Formats (detected by extension, then by sniffing the first bytes): plain text, an HTML page
(main text by trafilatura), JSON Lines (one report object per line), a .json file (a Telegram
Desktop channel export, one report object or an array of them), an RSS/Atom feed, a
directory (recursive, hidden files skipped), an http(s) URL, and "-" for stdin.

Decisions:
- Input problems never raise. A file that cannot be opened, an unreachable URL, a binary
  or empty file, a malformed JSON line, a broken feed item: each is one `ReadError` with the
  origin ("a.jsonl:12", "feed.xml#3", "result.json#57", a URL) and a kind, and the generator
  goes on. A caller stops at the first error (a --strict mode) just by breaking out of the
  loop. Only wrong arguments raise `ValueError`.
- The report text is the input decoded (BOM, declared charset, UTF-8, then detection), with
  the BOM dropped and `\\r\\n` / lone `\\r` turned into `\\n`; for HTML it is the text after
  HTML→text. Nothing else is changed: span offsets refer to exactly this text.
- An HTML page with no words outside links and page furniture (nav, header, footer,
  forms, scripts) is a "no_text" error, not a report of menu words.
- `id` is the one the input gives (a JSON `id`, a feed item's guid, "<channel>/<message id>"
  for Telegram); otherwise None, and the pipeline uses the content hash.
"""

from strikelog.readers.base import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_FILE_BYTES,
    DEFAULT_TIMEOUT,
    ERROR_KINDS,
    ReadError,
    ReadResult,
)
from strikelog.readers.detect import FORMATS, Format
from strikelog.readers.html import html_to_text, strip_tags
from strikelog.readers.sources import html_report, iter_all, iter_reports

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_FILE_BYTES",
    "DEFAULT_TIMEOUT",
    "ERROR_KINDS",
    "FORMATS",
    "Format",
    "ReadError",
    "ReadResult",
    "html_report",
    "html_to_text",
    "iter_all",
    "iter_reports",
    "strip_tags",
]
