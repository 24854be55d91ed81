"""Spreadsheet-safe cells: text students typed must never run as a formula."""

from __future__ import annotations


def csv_safe(value):
    """A cell a spreadsheet will not run as a formula (nicknames are typed by students)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
