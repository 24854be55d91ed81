"""A .po reader for the game's lookups: polib's reading of a file, without polib's objects.

polib builds an object per entry (with dicts, lists and comment strings) and keeps the file's
lines, all in reference cycles: for the English scenario catalogue that is ~8 MB at its peak and
leaves ~6 MB of fragmented memory behind, while the game only keeps the translations (~1 MB).
This reader walks polib's own state machine over the lines (same transitions, same handling
of `#~` obsolete lines, flags, continuation lines and escapes) and keeps, per entry, only what
a lookup needs. Anything polib would reject, and the rare `#|` previous-msgid lines, raise
`Unusual`: the caller then reads the file with polib itself, so its errors stay polib's.
The i18n tools keep using polib (they write files back, with comments and references).
"""

from __future__ import annotations

import re

# polib's transition table: symbol -> the states it may follow. The state a symbol leads to is
# the symbol itself, except a translator comment at the start of the file (the file's header)
# and a continuation line (the state stays).
_ALL = frozenset(("st", "he", "gc", "oc", "fl", "ct", "pc", "pm", "pp", "tc", "ms", "mp", "mx", "mi"))
_FROM = {
    "tc": _ALL - {"ct"},
    "gc": _ALL, "oc": _ALL, "fl": _ALL,
    "ct": frozenset(("st", "he", "gc", "oc", "fl", "tc", "pc", "pm", "pp", "ms", "mx")),
    "mi": frozenset(("st", "he", "gc", "oc", "fl", "ct", "tc", "pc", "pm", "pp", "ms", "mx")),
    "mp": frozenset(("tc", "gc", "pc", "pm", "pp", "mi")),
    "ms": frozenset(("mi", "mp", "tc")),
    "mx": frozenset(("mi", "mx", "mp", "tc")),
    "mc": frozenset(("ct", "mi", "mp", "ms", "mx", "pm", "pp", "pc")),
}
# Symbols that start a new entry when they come after a msgstr (polib's handlers append then).
_NEW_ENTRY = frozenset(("tc", "gc", "oc", "fl", "ct", "mi"))
_KEYWORDS = {"msgctxt": "ct", "msgid": "mi", "msgstr": "ms", "msgid_plural": "mp"}
_UNESCAPED_QUOTE = re.compile(r'([^\\]|^)"')
_ESCAPE = re.compile(r'\\(\\|n|t|r|v|b|f|")')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\", '"': '"'}
_LINE = re.compile(r"[^\r\n]+")  # the text has no other line-breaking characters left (i18n.mask_po_breaks)


class Unusual(Exception):
    """The text needs polib itself: polib would reject it, or it uses what this reader leaves out."""


def unescape(s: str) -> str:
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group(1)], s) if "\\" in s else s


class Entry:
    """The fields of one polib POEntry that a lookup reads, with polib's defaults."""

    __slots__ = ("msgctxt", "msgid", "msgid_plural", "msgstr", "msgstr_plural", "fuzzy", "obsolete")

    def __init__(self):
        self.msgctxt = None
        self.msgid = self.msgid_plural = self.msgstr = ""
        self.msgstr_plural: dict[int, str] = {}
        self.fuzzy = False
        self.obsolete = 0


def read(text: str) -> tuple[list[Entry], dict[str, str]]:
    """The entries polib.pofile(text) lists (metadata entry left out, as polib does) and its metadata.

    `text` must already have its line-breaking control characters masked and "\\r\\n" made "\\n"."""
    if text.startswith("\ufeff"):
        text = text[1:]
    entries: list[Entry] = []
    headers: list[Entry] = []  # non-obsolete entries with an empty msgid: polib's find('')
    cur = Entry()
    state = "st"
    index = 0  # the msgstr[n] a continuation line adds to
    tokens: list[str] = []

    def done(e: Entry) -> None:
        entries.append(e)
        if e.msgid == "" and not e.obsolete:
            headers.append(e)

    for m in _LINE.finditer(text):
        line = m.group().strip()
        if not line:
            continue
        tokens = line.split(None, 2)
        first = tokens[0]
        if first == "#~|":
            continue
        obsolete = 0
        if first == "#~" and len(tokens) > 1:
            line = line[3:].strip()
            tokens = tokens[1:]
            first, obsolete = tokens[0], 1
        if first in _KEYWORDS and len(tokens) > 1:
            line = line[len(first):].lstrip()
            symbol = _KEYWORDS[first]
        elif first in ("#:", "#,", "#."):
            if len(tokens) <= 1:
                continue
            symbol = {"#:": "oc", "#,": "fl", "#.": "gc"}[first]
        elif line[:1] == '"':
            symbol = "mc"
        elif line[:7] == "msgstr[":
            symbol = "mx"
        elif first == "#" or first.startswith("##"):
            symbol = "tc"
        else:  # `#|` previous msgids, and everything polib rejects
            raise Unusual(line[:40])
        if symbol in ("ct", "mi", "mp", "ms", "mc") and _UNESCAPED_QUOTE.search(line[1:-1]):
            raise Unusual(line[:40])
        if symbol == "tc" and state in ("st", "he"):
            state = "he"  # the file's own header comment
            continue
        if state not in _FROM[symbol]:
            raise Unusual(line[:40])
        if symbol in _NEW_ENTRY and state in ("ms", "mx"):
            done(cur)
            cur = Entry()
        if symbol == "mc":
            value = unescape(line[1:-1])
            if state == "ct":
                cur.msgctxt += value
            elif state == "mi":
                cur.msgid += value
            elif state == "mp":
                cur.msgid_plural += value
            elif state == "ms":
                cur.msgstr += value
            elif state == "mx":
                cur.msgstr_plural[index] += value
            continue  # previous-msgid states keep nothing; the state stays
        if symbol == "ct":
            cur.msgctxt = unescape(line[1:-1])
        elif symbol == "mi":
            cur.obsolete = obsolete
            cur.msgid = unescape(line[1:-1])
        elif symbol == "mp":
            cur.msgid_plural = unescape(line[1:-1])
        elif symbol == "ms":
            cur.msgstr = unescape(line[1:-1])
        elif symbol == "mx":
            if len(line) < 8 or not line[7].isdigit() or not line[7].isascii():
                raise Unusual(line[:40])
            index = int(line[7])
            cur.msgstr_plural[index] = unescape(line[line.find('"') + 1:-1])
        elif symbol == "fl":
            cur.fuzzy = cur.fuzzy or "fuzzy" in (c.strip() for c in line[3:].split(","))
        state = symbol
    if tokens and not tokens[0].startswith("#"):
        done(cur)  # polib adds the last entry only when the file does not end in a comment
    return entries, _metadata(entries, headers)


def _metadata(entries: list[Entry], headers: list[Entry]) -> dict[str, str]:
    """polib's metadata: from its find('') entry (the only one, else the last without a msgctxt,
    else the first), which it then removes from the entries."""
    if not headers:
        return {}
    head = headers[0]
    if len(headers) > 1:
        head = next((e for e in reversed(headers) if not e.msgctxt), headers[0])
    entries.remove(head)
    meta: dict[str, str] = {}
    key = None
    for msg in head.msgstr.splitlines():
        try:
            key, val = msg.split(":", 1)
            meta[key] = val.strip()
        except ValueError:
            if key is not None:
                meta[key] += "\n" + msg.strip()
    return meta
