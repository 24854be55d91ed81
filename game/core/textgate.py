"""The one gate every text passes before it reaches the screen (pure; no pygame).

Scenario text, translations, nicknames and settings all come from files a user or author
can edit. Some characters in them crash or confuse the renderer (pygame refuses NUL and
lone surrogates), or change how the text around them reads (bidi overrides, the "Trojan
source" trick), or only exist to make text huge (a flood of combining marks). `clean()`
removes or replaces them and bounds the length, in one linear pass. `lint` and
`i18n check` report the same characters with `unsafe_chars()`, so authors see them first.
"""

from __future__ import annotations

import re
import unicodedata

# Longest text the screen is given; longer text is cut with an ellipsis. A scenario message
# is a few hundred characters; this only stops a pasted megabyte from reaching the layout.
MAX_TEXT = 100_000
# A base character keeps at most this many combining marks (Vietnamese needs two at most).
MAX_MARKS = 4

# C0 controls except tab and newline, DEL, C1 controls, the bidi embeddings/overrides/isolates
# (U+202A–U+202E, U+2066–U+2069) that reorder the text around them, lone surrogates, and the
# interlinear annotation and object replacement controls.
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufff9-\ufffc"
_UNSAFE_RE = re.compile(f"[{_UNSAFE}]")
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u1ab0-\u1aff\u1dc0-\u1dff" \
         "\u20d0-\u20ff\ufe20-\ufe2f"
_FLOOD_RE = re.compile(f"([{_MARKS}]{{{MAX_MARKS}}})[{_MARKS}]+")

_NAMES = {0: "NUL", 7: "BEL", 8: "BS", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL",
          0x85: "NEL", 0x202A: "LRE", 0x202B: "RLE", 0x202C: "PDF", 0x202D: "LRO", 0x202E: "RLO",
          0x2066: "LRI", 0x2067: "RLI", 0x2068: "FSI", 0x2069: "PDI"}


def is_unsafe(ch: str) -> bool:
    return _UNSAFE_RE.match(ch) is not None


def unsafe_chars(text: str) -> list[tuple[int, str]]:
    """(index, character) of every character `clean()` would remove or replace."""
    return [(m.start(), m.group()) for m in _UNSAFE_RE.finditer(text)]


def describe(ch: str) -> str:
    """`U+001B ESC`: a name an author can search for, never the raw character."""
    cp = ord(ch)
    name = _NAMES.get(cp) or ("surrogate" if 0xD800 <= cp <= 0xDFFF else unicodedata.name(ch, "control"))
    return f"U+{cp:04X} {name}"


def clean(text, limit: int = MAX_TEXT) -> str:
    """The text made safe to draw: unsafe characters removed (lone surrogates become U+FFFD),
    CR LF and lone CR become LF, combining-mark floods cut to MAX_MARKS, length capped."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if len(text) > limit * 2:  # never scan megabytes to keep only the start
        text = text[: limit * 2]
    if _UNSAFE_RE.search(text) is not None:
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = _UNSAFE_RE.sub(_replacement, text)
    if _FLOOD_RE.search(text) is not None:
        text = _FLOOD_RE.sub(r"\1", text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def _replacement(m: re.Match) -> str:
    return "\ufffd" if "\ud800" <= m.group() <= "\udfff" else ""


def printable(text) -> str:
    """For a terminal: every unsafe or non-printing character as an escape (`\\x1b`, `\\u202e`),
    so echoing an author's id can never move the cursor, change colours or reorder the line."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    cp = ord(ch)
    return f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}" if cp < 0x10000 else f"\\U{cp:08x}"


# -- where an unsafe character sits in the author's file -------------------------------

_NAMED_ESCAPES = {0: "0", 7: "a", 8: "b", 0x0B: "v", 0x0C: "f", 0x0D: "r", 0x1B: "e", 0x85: "N"}


def _source_pattern(ch: str) -> re.Pattern:
    """The character written raw, or as any YAML double-quoted escape that yields it."""
    cp = ord(ch)
    alts = [re.escape(ch), rf"\\x(?i:{cp:02x})" if cp < 0x100 else None, rf"\\u(?i:{cp:04x})",
            rf"\\U(?i:{cp:08x})"]
    if cp in _NAMED_ESCAPES:
        alts.append(r"\\" + _NAMED_ESCAPES[cp])
    return re.compile("|".join(a for a in alts if a))


def source_position(source: str, line: int, col: int, ch: str) -> tuple[int, int] | None:
    """The 1-based (line, column) where `ch` is written in `source`, searching from (line, col):
    raw, or as an escape such as `\\0`, `\\e` or `\\x1b` inside a quoted scalar."""
    start = 0
    for _ in range(max(0, line - 1)):
        nl = source.find("\n", start)
        if nl < 0:
            return None
        start = nl + 1
    m = _source_pattern(ch).search(source, start + max(0, col - 1))
    if m is None:
        return None
    ln = source.count("\n", 0, m.start()) + 1
    return ln, m.start() - (source.rfind("\n", 0, m.start()) + 1) + 1
