"""Diagnostics: one problem in an author's file, rendered in the author's language."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .textgate import printable

CATALOGUE_PATH = Path(__file__).resolve().parents[2] / "assets" / "data" / "diagnostics.yaml"
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in a source file."""

    line: int
    col: int


def _word(words: dict, value: str) -> str:
    """`value` in the message's language: an exact entry, or one with a number in it
    (`at most {n} characters: "tối đa {n} ký tự"`), else the value as it came."""
    if value in words:
        return words[value]
    for key, out in words.items():
        if "{n}" in key:
            m = re.fullmatch(re.escape(key).replace(re.escape("{n}"), r"(\d+)"), value)
            if m:
                return out.replace("{n}", m.group(1))
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
        # One code can name several causes, each with its own fix (LC002: which YAML mistake).
        entry = base.get("variants", {}).get(self.args.get("variant"), base)
        template = entry.get(lang) or entry["en"]
        # Arguments echo the author's file (ids, values): escaped, so a terminal never runs them.
        args = {k: printable(v) if isinstance(v, str) else v for k, v in self.args.items()}
        # Words the checks pass in English (a kind of value, an outcome), in the message's language.
        for k, words in base.get("words", {}).get(lang, {}).items():
            if isinstance(args.get(k), str):
                args[k] = _word(words, args[k])
        text = template.format_map(_Default(args))
        if args.get("hint"):
            text += _HINT.get(lang, _HINT["en"]).format(args["hint"])
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


_HINT = {"en": " (did you mean `{}`?)", "vi": " (có phải ý bạn là `{}`?)"}

_SEVERITY_WORDS = {
    "vi": {"error": "lỗi", "warning": "cảnh báo", "info": "ghi chú"},
}


def severity_word(severity: str, lang: str) -> str:
    return _SEVERITY_WORDS.get(lang, {}).get(severity, severity)


@functools.cache
def catalogue() -> dict[str, dict]:
    """Code -> {severity, en, vi, title, variants: {name: {en, vi}}}. A trusted project file, so plain safe_load."""
    with CATALOGUE_PATH.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def sort_key(d: Diagnostic):
    return (d.path, d.mark.line if d.mark else 0, d.mark.col if d.mark else 0, d.code)


def to_json(diags: list[Diagnostic], lang: str = "en") -> str:
    return json.dumps([d.to_json(lang) for d in diags], ensure_ascii=False, indent=2)
