"""Operations on the catalogues: update from the templates, start a language, import JSON."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import polib

from game.core.i18n import BUILTIN_LANGUAGES, DOMAINS, FALLBACK_LANGUAGE, nfc

from .extract import extract
from .merge import MergeStats, has_translation, merge
from .project import PLURAL_FORMS, Project, header, nplurals, read_po, write_if_changed

LANG_CODE = re.compile(r"^[a-z]{2,3}(?:_[A-Z]{2})?$")


@dataclass
class UpdateResult:
    stats: dict[tuple[str, str], MergeStats] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def templates(project: Project, fresh: bool = True) -> dict[str, polib.POFile]:
    """The templates: extracted now (and written) when fresh, else read from locale/*.pot."""
    if fresh:
        return {d: ex.pot for d, ex in extract(project).items()}
    return {d: read_po(project.pot(d)) for d in DOMAINS}


def update(project: Project, langs: list[str] | None = None, fresh: bool = True) -> UpdateResult:
    res = UpdateResult()
    if fresh:
        out = extract(project)
        pots = {d: ex.pot for d, ex in out.items()}
        for ex in out.values():
            res.warnings += ex.warnings
    else:
        pots = templates(project, fresh=False)
    for lang in langs or project.languages():
        for domain in DOMAINS:
            path = project.po(lang, domain)
            old = None
            if path.exists():
                try:
                    old = read_po(path)
                except Exception as exc:  # never overwrite a catalogue we could not read
                    res.errors.append(f"{project.rel(path)}: cannot be read, left unchanged ({exc})")
                    continue
            po, stats = merge(old, pots[domain], lang, domain, _english_hints(project, lang, domain))
            res.stats[(lang, domain)] = stats
            if write_if_changed(po, path):
                res.written.append(path)
    return res


def _english_hints(project: Project, lang: str, domain: str) -> dict[str, str] | None:
    """For a third language: the English translations of scenario strings, keyed by msgctxt."""
    if domain != "scenarios" or lang in BUILTIN_LANGUAGES:
        return None
    try:
        en = read_po(project.po(FALLBACK_LANGUAGE, domain))
    except Exception:  # no usable English catalogue: no hints
        return None
    return {e.msgctxt: e.msgstr for e in en
            if e.msgctxt and e.msgstr and not e.fuzzy and not e.obsolete and not e.msgid_plural}


def new_language(project: Project, lang: str, plural: str | None = None, name: str | None = None) -> UpdateResult:
    """Create locale/<lang>/LC_MESSAGES/{game,scenarios}.po with every string untranslated."""
    if not LANG_CODE.match(lang):
        raise ValueError(f"{lang!r} is not a language code like 'th', 'id' or 'pt_BR'")
    existing = [project.po(lang, d) for d in DOMAINS if project.po(lang, d).exists()]
    if existing:
        raise ValueError(f"{project.rel(existing[0])} already exists; use `i18n update`")
    plural = plural or PLURAL_FORMS.get(lang) or PLURAL_FORMS.get(lang.split("_")[0])
    if not plural:
        raise ValueError(f"no plural rule known for {lang!r}: pass --plural, e.g. "
                         "\"nplurals=2; plural=(n != 1);\" (see docs/translating.md)")
    from .report import plural_problem

    problem = plural_problem(lang, plural)
    if problem and "usually" not in problem:
        raise ValueError(problem)
    for d in DOMAINS:
        po = polib.POFile(wrapwidth=79)
        po.metadata = header(lang, d, plural=plural, name=name)
        write_if_changed(po, project.po(lang, d))
    return update(project, [lang])


@dataclass
class ImportResult:
    filled: int = 0
    fuzzy: int = 0
    kept: int = 0
    stale: int = 0
    unknown: list[str] = field(default_factory=list)


def import_json(project: Project, path: Path, lang: str, domain: str = "scenarios",
                overwrite: bool = False) -> ImportResult:
    """Fill a catalogue from a JSON object; each key names an entry, each value is its translation.

    Keys: the msgctxt (scenario strings), else the msgid (UI strings), or "msgctxt\\u0004msgid".
    Values: the text; a list of forms for a plural entry; or {"source": msgid, "text": ...}.
    Only entries present in the catalogue are filled. If the JSON names the source it was
    translated from and that no longer matches the msgid, the entry is filled but marked
    fuzzy (with the old source as `#| msgid`). Existing translations are kept unless
    overwrite (fuzzy and empty ones are always filled, unless the JSON repeats the old
    translation of a fuzzy entry, i.e. it was not updated after the source changed).
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object {key: translation}")
    po_path = project.po(lang, domain)
    po = read_po(po_path)
    n = nplurals(po)
    index: dict[str, list[polib.POEntry]] = {}
    for e in po:
        if e.obsolete:
            continue
        keys = [e.msgctxt, f"{e.msgctxt}\x04{e.msgid}"] if e.msgctxt is not None else [e.msgid]
        for k in keys:
            index.setdefault(k, []).append(e)
    res = ImportResult()
    for key, value in data.items():
        source = None
        if isinstance(value, dict):
            source, value = value.get("source") or value.get("msgid"), value.get("text") or value.get("msgstr")
        forms = [value] if isinstance(value, str) else value
        if not isinstance(forms, list) or not forms or not all(isinstance(f, str) and f.strip() for f in forms):
            continue
        forms = [nfc(f.strip("\n")) for f in forms]
        entries = index.get(nfc(key))
        if not entries:
            res.unknown.append(key)
            continue
        for e in entries:
            if has_translation(e) and not e.fuzzy and not overwrite:
                res.kept += 1
                continue
            current = list(e.msgstr_plural.values()) if e.msgid_plural else [e.msgstr]
            if e.fuzzy and source is None and forms[:len(current)] == current[:len(forms)]:
                # The JSON repeats the translation of the previous source text: still fuzzy.
                res.stale += 1
                continue
            if e.msgid_plural:
                e.msgstr_plural = {i: forms[min(i, len(forms) - 1)] for i in range(n)}
            else:
                e.msgstr = forms[0]
            stale = source is not None and nfc(source) != e.msgid
            if stale:
                if "fuzzy" not in e.flags:
                    e.flags.insert(0, "fuzzy")
                e.previous_msgid = nfc(source)
                res.fuzzy += 1
            else:
                if "fuzzy" in e.flags:
                    e.flags.remove("fuzzy")
                e.previous_msgid = e.previous_msgid_plural = e.previous_msgctxt = None
                res.filled += 1
    write_if_changed(po, po_path)
    return res
