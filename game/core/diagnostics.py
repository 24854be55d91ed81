"""Diagnostics: one problem in an author's file, rendered in the author's language.

The messages are written in English in assets/data/diagnostics.yaml; every other language's wording
is in locale/<lang>/LC_MESSAGES/diagnostics.po (msgctxt = the code, `CODE/variant`, `CODE/argument`),
read the first time a message is shown in that language. An entry a language has not translated
shows the English.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .textgate import printable


def NC_(context: str, message: str) -> tuple[str, str]:
    """A string marked for the `diagnostics` catalogue with its context (game.core.i18n imports
    this module through texts.py, so its own NC_ cannot be imported here)."""
    return context, message


def tool_words(lang, domain):
    from .i18n import tool_words as words

    return words(lang, domain)

CATALOGUE_PATH = Path(__file__).resolve().parents[2] / "assets" / "data" / "diagnostics.yaml"
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in a source file."""

    line: int
    col: int


def _word(cat, context: str, words: list, value: str) -> str:
    """`value` in the message's language: a listed word, or one with a number in it
    (`at most {n} characters` -> "tối đa {n} ký tự"), else the value as it came."""
    if value in words:
        return cat.pgettext(context, value)
    for key in words:
        if "{n}" in key:
            m = re.fullmatch(re.escape(key).replace(re.escape("{n}"), r"(\d+)"), value)
            if m:
                return cat.pgettext(context, key).replace("{n}", m.group(1))
    return value


@dataclass
class Diagnostic:
    path: str
    mark: Mark | None
    code: str
    args: dict = field(default_factory=dict)

    @property
    def severity(self) -> str:
        return catalogue()[self.code]["severity"]

    def message(self, lang: str = "en") -> str:
        base = catalogue()[self.code]
        cat = tool_words(lang, "diagnostics")
        # One code can name several causes, each with its own fix (LC002: which YAML mistake).
        variant = self.args.get("variant")
        entry = base.get("variants", {}).get(variant)
        context = f"{self.code}/{variant}" if entry is not None else self.code
        template = cat.pgettext(context, (entry or base)["en"])
        # Arguments echo the author's file (ids, values): escaped, so a terminal never runs them.
        args = {k: printable(v) if isinstance(v, str) else v for k, v in self.args.items()}
        # Words the checks pass in English (a kind of value, an outcome), in the message's language.
        for k, words in base.get("words", {}).items():
            if isinstance(args.get(k), str):
                args[k] = _word(cat, f"{self.code}/{k}", words, args[k])
        text = template.format_map(_Default(args))
        if args.get("hint"):
            text += cat.pgettext(*_HINT).format(args["hint"])
        return text

    def format(self, lang: str = "en") -> str:
        line, col = (self.mark.line, self.mark.col) if self.mark else (1, 1)
        sev = severity_word(self.severity, lang)
        return f"{printable(self.path)}:{line}:{col}: {self.code} {sev}: {self.message(lang)}"

    def to_json(self, lang: str = "en") -> dict:
        return {
            "path": self.path,
            "line": self.mark.line if self.mark else 1,
            "col": self.mark.col if self.mark else 1,
            "code": self.code,
            "severity": self.severity,
            "message": self.message(lang),
        }


class _Default(dict):
    def __missing__(self, key):
        return "{" + key + "}"


# Translators: added to a message when the author probably misspelt something; {} is the likely
# right spelling (an id or a field name, kept as it is). Keep the leading space.
_HINT = NC_("did you mean", " (did you mean `{}`?)")

# The severity in `path:line:col: CODE severity: message`: one word, lowercase, no colon.
_SEVERITY_WORDS = {
    # Translators: the severity of a lint diagnostic, in `path:line:col: CODE error: message`; one word
    "error": NC_("severity", "error"),
    # Translators: the severity of a lint diagnostic (the file works, but something is probably wrong)
    "warning": NC_("severity", "warning"),
    # Translators: the severity of a lint diagnostic (a note, nothing is wrong)
    "info": NC_("severity", "info"),
}


def severity_word(severity: str, lang: str) -> str:
    word = _SEVERITY_WORDS.get(severity)
    return tool_words(lang, "diagnostics").pgettext(*word) if word else severity


@functools.cache
def catalogue() -> dict[str, dict]:
    """Code -> {severity, en, title, note, variants: {name: {en}}, words: {argument: [English value]}}.
    A trusted project file, so plain safe_load."""
    with CATALOGUE_PATH.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def sort_key(d: Diagnostic):
    return (d.path, d.mark.line if d.mark else 0, d.mark.col if d.mark else 0, d.code)


def to_json(diags: list[Diagnostic], lang: str = "en") -> str:
    return json.dumps([d.to_json(lang) for d in diags], ensure_ascii=False, indent=2)
