"""`{name}` placeholders in scenario text: which names a text uses, and the text filled in.

A placeholder names a declared variable. Its value is formatted for the language being shown:
a `money` variable reads 500.000đ in Vietnamese and 500,000 VND in English, an `int` reads
1.500 or 1,500. `{{` and `}}` stand for literal braces.
"""

from __future__ import annotations

import re

PLACEHOLDER_RE = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")

# Languages that group thousands with a dot and write the currency as đ after the number.
_DOT_GROUPING = {"vi"}


def names(source: str | None) -> list[str]:
    """The placeholder names a text uses, in order, each once (malformed ones included as written)."""
    if not source or "{" not in source:
        return []
    out: list[str] = []
    for m in PLACEHOLDER_RE.finditer(source):
        name = m.group(1)
        if name is not None and name not in out:
            out.append(name)
    return out


def stray_braces(source: str | None) -> bool:
    """A lone `{` or `}` that is neither a placeholder nor an escaped brace."""
    if not source or ("{" not in source and "}" not in source):
        return False
    return "{" in PLACEHOLDER_RE.sub("", source) or "}" in PLACEHOLDER_RE.sub("", source)


def format_value(kind: str, value, lang: str) -> str:
    if isinstance(value, bool) or kind == "bool":
        return str(value).lower()
    try:
        n = int(value)
    except (TypeError, ValueError):
        return str(value)
    base = lang.split("_")[0].split("-")[0]
    grouped = f"{n:,}"
    if base in _DOT_GROUPING:
        grouped = grouped.replace(",", ".")
    if kind == "money":
        return f"{grouped}đ" if base == "vi" else f"{grouped} VND"
    return grouped


def fill(source: str, values, lang: str) -> str:
    """The text with each placeholder replaced. `values` holds (name, kind, value) triples;
    a name without a value stays as written, so a mistake shows rather than vanishes."""
    if not source or ("{" not in source and "}" not in source):
        return source
    table = {name: (kind, value) for name, kind, value in values or ()}

    def one(m: re.Match) -> str:
        token = m.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        found = table.get(m.group(1))
        return token if found is None else format_value(found[0], found[1], lang)

    return PLACEHOLDER_RE.sub(one, source)
