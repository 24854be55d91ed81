"""`status` (how much is translated) and `check` (what is wrong), always against a fresh extraction.

Comparing with the code and scenarios as they are now, not with the last .pot, means a
string added without running `i18n update` counts as untranslated, so CI catches it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import polib

from game.core import glyphs
from game.core import plural as plural_rules
from game.core.i18n import DOMAINS, TOOL_DOMAINS, masked_entry, placeholder_problem
from game.core.textgate import describe, printable, unsafe_chars

from .merge import HINT_TAG, has_translation, needs_translation
from .project import PLURAL_FORMS, Project, nplurals, read_po

SHARED = "shared"  # red flags and hotlines, in the per-scenario breakdown


@dataclass
class Counts:
    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    bad: int = 0  # translated, but with wrong placeholders: shown as source text

    @property
    def percent(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * self.translated / self.total

    def add(self, kind: str) -> None:
        self.total += 1
        setattr(self, kind, getattr(self, kind) + 1)

    def to_json(self) -> dict:
        return dict(total=self.total, translated=self.translated, fuzzy=self.fuzzy,
                    untranslated=self.untranslated, bad_placeholders=self.bad,
                    percent=round(self.percent, 1))


@dataclass
class DomainStatus:
    lang: str
    domain: str
    counts: Counts = field(default_factory=Counts)
    groups: dict[str, Counts] = field(default_factory=dict)
    error: str | None = None


def _group(entry: polib.POEntry) -> str:
    head = (entry.msgctxt or "").split("/", 1)[0]
    return SHARED if head in ("red_flag", "hotline") else head


def _kind(e: polib.POEntry | None) -> str:
    if e is None or not has_translation(e):
        return "untranslated"
    if e.fuzzy:
        return "fuzzy"
    if e.msgid_plural:
        forms = [e.msgstr_plural[k] for k in sorted(e.msgstr_plural)]
        if not all(forms):
            return "untranslated"
        problem = placeholder_problem(e.msgid, "", e.msgid_plural, forms)
    else:
        problem = placeholder_problem(e.msgid, e.msgstr)
    return "bad" if problem else "translated"


def _index(po: polib.POFile) -> dict[tuple, polib.POEntry]:
    return {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}


def status(project: Project, pots: dict[str, polib.POFile], langs: list[str] | None = None) -> list[DomainStatus]:
    out = []
    for lang in langs or project.languages():
        for domain in DOMAINS:
            ds = DomainStatus(lang, domain)
            try:
                idx = _index(read_po(project.po(lang, domain)))
            except Exception as exc:
                ds.error = str(exc) if project.po(lang, domain).exists() else "missing"
                idx = {}
            for t in pots[domain]:
                if t.obsolete or not needs_translation(t, lang, domain):  # translated as itself
                    continue
                kind = _kind(idx.get((t.msgctxt, t.msgid)))
                ds.counts.add(kind)
                if domain == "scenarios":
                    ds.groups.setdefault(_group(t), Counts()).add(kind)
            out.append(ds)
    return out


# -- check -------------------------------------------------------------------------

@dataclass
class Issue:
    path: str
    line: int
    severity: str  # error | warning
    message: str

    def format(self) -> str:
        return f"{printable(self.path)}:{self.line}: {self.severity}: {printable(self.message)}"


# The domains the game draws with its own fonts; the tools' words go to a terminal or a browser.
DRAWN = tuple(d for d in DOMAINS if d not in TOOL_DOMAINS)


def undrawable(texts: list[str]) -> list[str]:
    """Characters of these translations that no font of the game's chain has (in order)."""
    out: list[str] = []
    for s in texts:
        out += [ch for ch in glyphs.missing(unicodedata.normalize("NFC", s)) if ch not in out]
    return out


def glyph_diagnostics(project: Project, langs: list[str] | None = None) -> list:
    """LC406 for `lint`: each translated entry of every catalogue with characters no bundled font can
    draw, at its line, naming the language and the entry. A catalogue whose whole text is drawable
    is not parsed (the usual case: one pass over the file)."""
    from game.core.diagnostics import Diagnostic, Mark

    out = []
    for lang in langs or project.languages():
        for domain in DRAWN:
            path = project.po(lang, domain)
            try:
                if not glyphs.missing(unicodedata.normalize("NFC", path.read_text(encoding="utf-8", errors="replace"))):
                    continue
                po = read_po(path)
            except Exception:
                continue  # unreadable or broken: `i18n check` says so
            for e in po:
                if e.obsolete or e.fuzzy or not has_translation(e):
                    continue
                texts = [e.msgstr_plural[k] for k in sorted(e.msgstr_plural)] if e.msgid_plural else [e.msgstr]
                chars = undrawable(texts)
                if chars:
                    out.append(Diagnostic(project.rel(path), Mark(e.linenum or 1, 1), "LC406",
                                          {"lang": lang, "entry": e.msgctxt or e.msgid[:50], "chars": " ".join(chars)}))
    return out


def placeholder_diagnostics(project: Project, langs: list[str] | None = None) -> list:
    """LC408 for `lint`: each translated scenario entry whose `{names}` differ from its source's (the game
    ignores that translation and shows the source text). A catalogue with no brace at all is not parsed."""
    from game.core.diagnostics import Diagnostic, Mark

    out = []
    for lang in langs or project.languages():
        path = project.po(lang, "scenarios")
        try:
            if "{" not in path.read_text(encoding="utf-8", errors="replace"):
                continue
            po = read_po(path)
        except Exception:
            continue  # unreadable or broken: `i18n check` says so
        for e in po:
            if e.obsolete or e.fuzzy or not has_translation(e) or e.msgid_plural:
                continue
            problem = placeholder_problem(e.msgid, e.msgstr)
            if problem:
                out.append(Diagnostic(project.rel(path), Mark(e.linenum or 1, 1), "LC408",
                                      {"lang": lang, "entry": e.msgctxt or e.msgid[:50], "problem": problem}))
    return out


def plural_problem(lang: str, value: str | None) -> str | None:
    norm = " ".join((value or "").split())
    if lang in ("vi", "en"):
        want = PLURAL_FORMS[lang]
        return None if norm == want else f"Plural-Forms must be {want!r} for {lang}, not {norm!r}"
    bad = plural_rules.problem(norm)  # the game's own safe evaluator, tried on n = 0..1000 and more
    if bad:
        return bad
    if lang in PLURAL_FORMS and norm != PLURAL_FORMS[lang]:
        return f"Plural-Forms for {lang} is usually {PLURAL_FORMS[lang]!r}"
    return None


def check(project: Project, pots: dict[str, polib.POFile], langs: list[str] | None = None) -> list[Issue]:
    issues: list[Issue] = []
    for domain, pot in pots.items():
        path = project.pot(domain)
        try:
            on_disk = {(e.msgctxt, e.msgid) for e in read_po(path)}
        except Exception:
            on_disk = None
        if on_disk != {(e.msgctxt, e.msgid) for e in pot}:
            issues.append(Issue(project.rel(path), 1, "warning",
                                "template is out of date: run `python main.py i18n update`"))
        elif on_disk_pot(path) is not None and _stale_template(on_disk_pot(path), pot):
            issues.append(Issue(project.rel(path), 1, "error", "template is out of date ("
                                + _stale_template(on_disk_pot(path), pot)
                                + "): run `python main.py i18n update`"))
    for lang in langs or project.languages():
        for domain in DOMAINS:
            path = project.po(lang, domain)
            shown = project.rel(path)
            if not path.exists():
                issues.append(Issue(shown, 1, "error", "catalogue missing: run `python main.py i18n update`"))
                continue
            try:
                po = read_po(path, masked=True)
            except Exception as exc:
                m = re.match(r"line (\d+): ", str(exc))
                issues.append(Issue(shown, int(m.group(1)) if m else 1, "error", f"cannot be parsed: {exc}"))
                continue
            spoiled = set()
            for ln, ch in po.masked_breaks:
                e = masked_entry(po, ln)
                spoiled.add(id(e))
                what = (f"{'[' + e.msgctxt + '] ' if e.msgctxt else ''}{e.msgid[:50]!r}" if e is not None and e.msgid
                        else "the header")
                issues.append(Issue(shown, ln, "error",
                                    f"LC420 {describe(ch)}, a control character, in the entry {what}: delete it "
                                    "(the game leaves this translation out and shows the source text)"))
            problem = plural_problem(lang, po.metadata.get("Plural-Forms"))
            sev = ""
            if problem:
                sev = "warning" if lang not in ("vi", "en") and "usually" in problem else "error"
                issues.append(Issue(shown, _header_line(path, "Plural-Forms"), sev, problem))
            if po.metadata.get("Language", lang) != lang:
                issues.append(Issue(shown, 1, "warning",
                                    f"header Language is {po.metadata.get('Language')!r}, folder is {lang!r}"))
            n = nplurals(po)
            wanted = {(t.msgctxt, t.msgid): t for t in pot_entries(pots[domain], lang, domain)}
            seen: set[tuple] = set()
            for e in po:
                if e.obsolete:
                    continue
                if id(e) in spoiled:  # reported above; present, so not also "missing"
                    seen.add((e.msgctxt, e.msgid))
                    continue
                line = e.linenum or 1
                label = f"[{e.msgctxt}] " if e.msgctxt else ""
                if (e.msgctxt, e.msgid) in seen:
                    issues.append(Issue(shown, line, "error", f"{label}{e.msgid[:50]!r} appears twice"))
                seen.add((e.msgctxt, e.msgid))
                t = wanted.get((e.msgctxt, e.msgid))
                if t is None:
                    what = "orphan context" if e.msgctxt else "orphan string"
                    issues.append(Issue(shown, line, "error",
                                        f"{what} {label}{e.msgid[:50]!r} is no longer in the source: "
                                        "run `python main.py i18n update`"))
                else:
                    for why in _differs(e, t, lang, domain):
                        issues.append(Issue(shown, line, "error",
                                            f"{label}{e.msgid[:50]!r}: {why}: the catalogue is out of date "
                                            "with its template, run `python main.py i18n update`"))
                if not has_translation(e) or e.fuzzy:
                    continue
                if e.msgid_plural:
                    forms = [e.msgstr_plural[k] for k in sorted(e.msgstr_plural)]
                    if len(forms) != n and sev != "error":  # a broken header is one problem, not one per entry
                        issues.append(Issue(shown, line, "error",
                                            f"{label}has {len(forms)} plural forms, the header says {n}"))
                    msg = placeholder_problem(e.msgid, "", e.msgid_plural, forms)
                    texts = forms
                else:
                    msg = placeholder_problem(e.msgid, e.msgstr)
                    texts = [e.msgstr]
                if msg:
                    issues.append(Issue(shown, line, "error",
                                        f"{label}{msg} (msgid {e.msgid[:50]!r}); the game shows the source text"))
                limit = length_limit(e)
                for s in texts:
                    if limit is not None and len(s) > limit:
                        issues.append(Issue(shown, line, "error",
                                            f"{label}translation of {e.msgid[:50]!r} has {len(s)} characters, "
                                            f"the layout has room for {limit} (see its #. note); shorten it"))
                for s in texts:  # what the text gate would remove never passes silently
                    found = unsafe_chars(s)
                    if found:
                        pos, ch = found[0]
                        ln, col = _position(s, pos)
                        issues.append(Issue(shown, line, "error",
                                            f"{label}LC420 translation contains {describe(ch)} at line {ln}, "
                                            f"column {col} of the translation ({len(found)} in all); delete it "
                                            "(the game removes such characters)"))
                chars = undrawable(texts) if domain in DRAWN else []
                if chars:
                    issues.append(Issue(shown, line, "warning",
                                        f"{label}LC406 the {lang} translation of {e.msgid[:50]!r} has "
                                        f"{' '.join(chars)}, which no bundled font can draw (the game leaves "
                                        "them out); use words, or a character the fonts have"))
                if any(not unicodedata.is_normalized("NFC", s) for s in texts):
                    issues.append(Issue(shown, line, "warning", f"{label}translation is not NFC-normalised"))
            missing = [k for k in wanted if k not in seen]
            if missing:
                ctxt, msgid = missing[0]
                issues.append(Issue(shown, 1, "error",
                                    f"{len(missing)} template entr{'y is' if len(missing) == 1 else 'ies are'} "
                                    f"missing (first: {'[' + ctxt + '] ' if ctxt else ''}{msgid[:50]!r}): the "
                                    "catalogue is out of date with its template, run `python main.py i18n update`"))
    return issues


def _header_line(path, key: str) -> int:
    """The line of a header field (`"Plural-Forms: …"`) in the file, else 1."""
    try:
        with open(path, encoding="utf-8") as fh:
            for i, line in enumerate(fh, 1):
                if line.lstrip().startswith(f'"{key}:'):
                    return i
                if i > 60:
                    break
    except (OSError, TypeError, ValueError):
        pass
    return 1


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character inside a (possibly multi-line) translation."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def pot_entries(pot: polib.POFile, lang: str, domain: str) -> list[polib.POEntry]:
    """Every template entry: a catalogue holds them all (see game/i18n/merge.py)."""
    return [t for t in pot if not t.obsolete]


LIMIT = re.compile(r"\bmax(?:imum)?\s+(\d+)\s+characters\b", re.IGNORECASE)


def length_limit(e: polib.POEntry) -> int | None:
    """The length limit a `#.` note gives ("max 20 characters"), if any."""
    m = LIMIT.search(e.comment or "")
    return int(m.group(1)) if m else None


def on_disk_pot(path) -> polib.POFile | None:
    try:
        return read_po(path)
    except Exception:
        return None


def _stale_template(old: polib.POFile, pot: polib.POFile) -> str:
    """What differs between the template on disk and a fresh extraction, beyond the entries."""
    fresh = {(e.msgctxt, e.msgid): e for e in pot}
    for o in old:
        t = fresh.get((o.msgctxt, o.msgid))
        if t is None:
            continue
        if o.occurrences != t.occurrences:
            return f"{_where(o)} no longer holds {o.msgid[:40]!r}"
        if _words(o.comment) != _words(t.comment):
            return f"the note of {o.msgid[:40]!r} changed"
    return ""


def _words(text: str | None) -> list[str]:
    return (text or "").split()  # a long note is wrapped over several `#.` lines when written


def _where(e: polib.POEntry) -> str:
    return " ".join(f"{f}:{ln}" for f, ln in e.occurrences) or "no reference"


def _differs(e: polib.POEntry, t: polib.POEntry, lang: str, domain: str) -> list[str]:
    """Why a catalogue entry is not what merging its template would give (msgmerge would change it)."""
    out = []
    if e.occurrences != t.occurrences:
        gone = [f"{f}:{ln}" for f, ln in e.occurrences if (f, ln) not in t.occurrences]
        out.append(f"stale reference {' '.join(gone) or _where(e)} (the string is at {_where(t)})")
    got, want = _words(e.comment), _words(t.comment)
    hint = got[len(want):len(want) + 1] == [HINT_TAG.strip()]  # a third language's `#. English:` hint, from update
    if got != want and not (got[:len(want)] == want and hint):
        out.append("its #. note differs from the template's")
    if sorted(f for f in e.flags if f != "fuzzy") != sorted(f for f in t.flags if f != "fuzzy"):
        out.append("its #, flags differ from the template's")
    if (e.msgid_plural or "") != (t.msgid_plural or ""):
        out.append("its plural source differs from the template's")
    if not needs_translation(t, lang, domain):
        want = [e.msgid] if not e.msgid_plural else [e.msgid, e.msgid_plural]
        got = [e.msgstr] if not e.msgid_plural else [e.msgstr_plural[k] for k in sorted(e.msgstr_plural)][:2]
        if e.fuzzy or got != want[:len(got)] or not got:
            out.append(f"it is written in {lang}, so its translation is the text itself (as `msgen` makes it)")
    return out
