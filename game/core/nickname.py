"""Nicknames and class codes: one length limit and one cleaning for the whole game.

The profile scene stops typing at these limits, preferences and results files are
cleaned with the same function when written and again when read, so the name a
student sees on screen is the name in the class report. A nickname is a label, not
an identity; escaping for HTML or CSV is the report's job.
"""

from __future__ import annotations

import unicodedata

from .textgate import clean

NICKNAME_MAX = 24  # characters, after cleaning; fits the picker, the debrief and a report row
CLASS_CODE_MAX = 16
NICKNAME_PUNCT = " -_.'"  # besides letters (any script, with their marks) and digits


def nickname_char_ok(ch: str) -> bool:
    """What a student may type in a nickname, in the game's profile and on the phone page alike:
    letters of any script with their marks, digits, space and - _ . ' (no markup, no formulas)."""
    cat = unicodedata.category(ch)
    return cat[0] in "LM" or cat == "Nd" or ch in NICKNAME_PUNCT


def clean_nickname(raw, limit: int = NICKNAME_MAX) -> str:
    """Through the text gate, NFC, no control or format characters, spaces collapsed and trimmed,
    at most `limit` characters."""
    text = unicodedata.normalize("NFC", clean(str(raw or ""), limit * 4))
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return " ".join(text.split())[:limit].rstrip()


def clean_class_code(raw) -> str:
    """A class code cleaned like a nickname, upper-case, at most CLASS_CODE_MAX characters."""
    return clean_nickname(str(raw or "").upper(), CLASS_CODE_MAX)
