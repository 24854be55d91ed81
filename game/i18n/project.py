"""Where the sources and catalogues live, language facts, and reading/writing .po files."""

from __future__ import annotations

import contextlib
import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path

import polib

from game.core import plural as plural_rules
from game.core.i18n import (
    BUILTIN_LANGUAGES,
    LANGUAGE_NAMES,
    catalogue_path,
    mask_po_breaks,
    nfc,
    po_syntax_error,
)
from game.core.loader import DATA_DIR, ROOT
from game.core.textgate import describe

# Plural-Forms headers per language: the table lives with the evaluator (the game falls back to it).
PLURAL_FORMS = plural_rules.PLURAL_FORMS

UI_SOURCE_LANGUAGE = "en"  # UI msgids are English literals in the code
SOURCE_TAG = "source language: "  # the `#.` line that records a scenario string's language
WRAP = 79


@dataclass
class Project:
    """The folders the tools read and write; tests point these at a temporary copy."""

    root: Path = ROOT
    locale_dir: Path | None = None
    code_dirs: list[Path] = field(default_factory=list)
    scenario_paths: list[Path] | None = None  # None: everything under scenarios/
    data_dir: Path = DATA_DIR

    def __post_init__(self):
        self.root = Path(self.root)
        self.locale_dir = Path(self.locale_dir or self.root / "locale")
        self.code_dirs = [Path(p) for p in self.code_dirs] or [self.root / "game"]
        if self.scenario_paths is None and self.root != ROOT:
            self.scenario_paths = [self.root / "scenarios"]

    def pot(self, domain: str) -> Path:
        return self.locale_dir / f"{domain}.pot"

    def po(self, lang: str, domain: str) -> Path:
        return catalogue_path(lang, domain, self.locale_dir)

    def languages(self) -> list[str]:
        """Languages with a catalogue folder, built-ins first."""
        try:
            found = sorted(p.name for p in self.locale_dir.iterdir() if (p / "LC_MESSAGES").is_dir())
        except OSError:
            found = []
        return [c for c in BUILTIN_LANGUAGES if c in found] + [c for c in found if c not in BUILTIN_LANGUAGES]

    def rel(self, path: Path | str) -> str:
        p = Path(path).resolve()
        for base in (self.root, ROOT):  # shared data may live in the real repo
            try:
                return p.relative_to(base.resolve()).as_posix()
            except ValueError:
                continue
        return p.as_posix()


def now() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M+0000")


def header(lang: str | None, domain: str, plural: str | None = None, name: str | None = None) -> dict:
    meta = {
        "Project-Id-Version": f"la-chan {domain}",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": now(),
        "PO-Revision-Date": now() if lang else "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "" if lang else "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "" if lang else "LANGUAGE <LL@li.org>",
        "Language": lang or "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural or PLURAL_FORMS.get(lang or "", "nplurals=INTEGER; plural=EXPRESSION;"),
    }
    if lang and lang not in BUILTIN_LANGUAGES:
        meta["X-Language-Name"] = name or LANGUAGE_NAMES.get(lang, lang)
    return meta


def file_header(domain: str, lang: str | None) -> str:
    what = {"game": "user-interface strings", "scenarios": "scenario, red-flag and hotline strings",
            "cli": "the commands' messages and --help", "report": "the class report's words",
            "diagnostics": "lint's messages to scenario authors"}.get(domain, domain)
    who = f"{LANGUAGE_NAMES.get(lang, lang)} ({lang})" if lang else "template"
    return (f"Lá Chắn: {what}, {who}.\n"
            "Edit with Poedit or any text editor; see docs/translating.md.\n"
            "Regenerate with `python main.py i18n update` (translations are kept).")


def nplurals(po: polib.POFile, default: int = 2) -> int:
    text = po.metadata.get("Plural-Forms", "")
    for part in text.split(";"):
        k, _, v = part.strip().partition("=")
        if k.strip() == "nplurals":
            try:
                return max(1, int(v.strip()))
            except ValueError:
                return default
    return default


def read_po(path: Path, masked: bool = False) -> polib.POFile:
    """Parse a catalogue strictly: a syntax error raises instead of silently losing text.

    A control character that ends a line for polib (U+0085 and friends) raises with its real line;
    with `masked=True` it is replaced by PO_MASK instead and listed in `po.masked_breaks` as
    (line, character), so `i18n check` can name the entry and go on checking the rest."""
    text, breaks = mask_po_breaks(Path(path).read_text(encoding="utf-8").replace("\r\n", "\n"))
    if breaks and not masked:
        line, ch = breaks[0]
        raise ValueError(f"line {line}: {describe(ch)}, a control character, breaks the .po format: delete it")
    problem = po_syntax_error(text)
    if problem:
        raise ValueError(problem)
    po = polib.pofile(text, encoding="utf-8", wrapwidth=WRAP)
    po.masked_breaks = breaks
    for e in po:
        e.msgid = nfc(e.msgid)
        if e.msgid_plural:
            e.msgid_plural = nfc(e.msgid_plural)
    return po


def source_language(entry: polib.POEntry, default: str = UI_SOURCE_LANGUAGE) -> str:
    for line in (entry.comment or "").splitlines():
        if line.startswith(SOURCE_TAG):
            return line[len(SOURCE_TAG):].strip()
    return default


def render(po: polib.POFile) -> str:
    """The catalogue's text, its strings wrapped as GNU gettext wraps them (see wrap.py)."""
    from .wrap import rewrap

    po.wrapwidth = WRAP
    return rewrap(po.__unicode__())


def write_if_changed(po: polib.POFile, path: Path, stamp: str | None = None) -> bool:
    """Save po unless only the date header would change (keeps git diffs clean). Returns True if written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = stamp or "POT-Creation-Date"
    po.wrapwidth = WRAP
    if path.exists():
        try:
            old = path.read_text(encoding="utf-8")
        except OSError:
            old = None
        if old is not None:
            new_meta = po.metadata.get(stamp)
            try:
                old_meta = polib.pofile(old).metadata.get(stamp)
            except Exception:
                old_meta = None
            if old_meta is not None:
                po.metadata[stamp] = old_meta
                if render(po) == old:
                    return False
            if new_meta is not None:
                po.metadata[stamp] = new_meta
    from game.core.storage import atomic_write_bytes

    atomic_write_bytes(path, render(po).encode("utf-8"))
    with contextlib.suppress(OSError):
        os.chmod(path, 0o644)  # the temp file behind the atomic write is private (0600)
    return True
