"""Bytes → text: the only changes made to a report's text happen here.

Order matters, because every span offset refers to the text this returns:
decode (BOM first, then a declared charset, then UTF-8, then detection), drop the BOM,
and turn `\\r\\n` and lone `\\r` into `\\n`. Nothing else is touched.
"""

from __future__ import annotations

import codecs
import re

from strikelog.readers.base import ReadFailure

_BOMS = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of binary files people pass by mistake; named in the error to help them.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub)"),
    (b"\x1f\x8b", "a gzip file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office document"),
    (b"BZh", "a bzip2 file"),
    (b"\xfd7zXZ\x00", "an xz file"),
)

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
_SAMPLE_CHARS = 65536
# More than this share of control / replacement characters means it is not text.
_MAX_CONTROL_SHARE = 0.05


def normalise_newlines(text: str) -> str:
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def binary_kind(data: bytes) -> str | None:
    """Name the kind of binary file `data` starts with, or None when it may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode report bytes to text with newlines normalised; raise `ReadFailure` if not text."""
    if not data:
        raise ReadFailure("empty input (0 bytes)", "empty")
    text = _decode(data, declared)
    text = normalise_newlines(text)
    sample = text[:_SAMPLE_CHARS]
    if len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * max(len(sample), 1):
        raise ReadFailure("binary input: mostly control characters, not text", "binary")
    if not text.strip():
        raise ReadFailure(f"empty input (only whitespace in {len(data):,} bytes)", "empty")
    return text


def _decode(data: bytes, declared: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReadFailure(
                    f"starts with a {encoding} byte order mark but is not valid {encoding} "
                    f"(byte {exc.start})",
                    "encoding",
                ) from None
    kind = binary_kind(data)
    if kind is not None:
        raise ReadFailure(f"binary input: looks like {kind}, not text", "binary")
    if b"\x00" in data:
        raise ReadFailure("binary input: contains NUL bytes, not text", "binary")
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: fall through to UTF-8 and detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _detect(data)


def _detect(data: bytes) -> str:
    import charset_normalizer  # only needed for the rare non-UTF-8 input

    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise ReadFailure("binary input or unknown text encoding", "binary")
    # Short Latin texts tie between several single-byte code pages; cp1252 (the Windows
    # and web default for Western text, a superset of latin-1's letters) is the likeliest.
    for match in matches:
        if (
            match.encoding == "cp1252"
            and match.chaos == best.chaos
            and match.coherence == best.coherence
        ):
            best = match
            break
    return str(best)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def declared_html_charset(head: bytes) -> str | None:
    """The charset a page declares in a <meta> tag near its start, if any."""
    found = _META_CHARSET.search(head[:4096])
    return found.group(1).decode("ascii") if found else None
