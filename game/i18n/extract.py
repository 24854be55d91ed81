"""Build the templates: UI strings from the Python code (an `ast` walk), scenario strings from the YAML.

UI calls found, on any object or bare: `gettext(s)`, `pgettext(ctx, s)`, `ngettext(s, p, n)`,
`npgettext(ctx, s, p, n)`, `_(s)`, `N_(s)` (a marker for strings translated later).
Only string literals can be extracted; anything else is reported. A `# Translators: ...`
comment on the lines just above a call becomes the entry's `#.` note.

Scenario strings come from `game.core.texts.iter_texts` (msgctxt = the stable key,
`#:` = file:line, `#.` = the author's note plus the source language), and the shared
red flags, hotlines and topic tags from `iter_taxonomy_texts` (source language vi).
A string that is exactly a name from docs/glossary.md (Zumi, SongXanh Bank...) is not an entry:
the game shows it as written in every language.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import polib

from game.core.i18n import nfc, placeholders
from game.core.loader import ROOT, load_all, load_taxonomy
from game.core.texts import iter_taxonomy_texts, iter_texts

from .project import SOURCE_TAG, Project, file_header, header, write_if_changed

# function name -> (index of msgctxt or None, index of msgid, index of msgid_plural or None)
KEYWORDS = {
    "gettext": (None, 0, None),
    "_": (None, 0, None),
    "N_": (None, 0, None),
    "NC_": (0, 1, None),
    "NN_": (None, 0, 1),
    "pgettext": (0, 1, None),
    "ngettext": (None, 0, 1),
    "npgettext": (0, 1, 2),
}
TAXONOMY_LANGUAGE = "vi"
SKIP_FILES = {"game/core/i18n.py", "game/core/diagnostics.py", "game/core/diagnostics_doc.py",
              "game/report/strings.py", "game/cli/words.py", "game/live/phone_words.py"}  # they look up variables
SKIP_CODE = {"game/core/diagnostics.py"}  # its strings belong to the `diagnostics` domain (extract_diagnostics)
SKIP_DIRS = ("game/i18n/",)  # the tooling (its benchmark calls pgettext on made-up strings)


@dataclass
class Extracted:
    pot: polib.POFile
    warnings: list[str] = field(default_factory=list)


def _literal(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _call_name(func: ast.AST) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _translator_comment(lines: list[str], lineno: int) -> str | None:
    """`# Translators:` comment lines directly above line `lineno` (1-based)."""
    found: list[str] = []
    i = lineno - 2
    while i >= 0 and lines[i].strip().startswith("#"):
        found.insert(0, lines[i].strip().lstrip("#").strip())
        i -= 1
    for k, line in enumerate(found):
        if line.lower().startswith("translators:"):
            return " ".join([line.split(":", 1)[1].strip(), *found[k + 1:]]).strip() or None
    return None


def ui_calls(path: Path, shown: str) -> tuple[list[dict], list[str]]:
    """The translatable calls in one Python file, and warnings for calls that cannot be extracted."""
    try:
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source, filename=shown)
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError) as exc:
        return [], [f"{shown}: cannot read ({exc})"]
    lines = source.splitlines()
    found, warnings = [], []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node.func)
        if name not in KEYWORDS:
            continue
        ictx, iid, ipl = KEYWORDS[name]
        args = node.args
        need = max(i for i in (ictx, iid, ipl) if i is not None) + 1
        if len(args) < need:
            continue  # not a gettext call (e.g. `x.gettext()` of something else)
        values = [_literal(args[i]) if i is not None else None for i in (ictx, iid, ipl)]
        if any(values[k] is None for k, i in enumerate((ictx, iid, ipl)) if i is not None):
            if shown not in SKIP_FILES:
                kind = "an f-string" if any(isinstance(args[i], ast.JoinedStr)
                                            for i in (ictx, iid, ipl) if i is not None) else "not a literal"
                warnings.append(f"{shown}:{node.lineno}: {name}() argument is {kind}; it cannot be "
                                "translated (use a literal with {placeholders} and .format())")
            continue
        ctx, msgid, plural = values
        found.append(dict(msgctxt=ctx, msgid=nfc(msgid), msgid_plural=nfc(plural) if plural else "",
                          line=node.lineno, comment=_translator_comment(lines, node.lineno)))
    found.sort(key=lambda d: d["line"])
    return found, warnings


ENGLISH_ONLY = {"bench"}  # a developer's benchmark (JSON output): its long description stays in English


def command_description(path: Path) -> list[dict]:
    """A command module's docstring, which is its description in `COMMAND --help` (game/cli/__init__.py
    looks it up stripped, as it is extracted here)."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return []
    doc = ast.get_docstring(tree, clean=False)
    if not doc or path.stem in ENGLISH_ONLY or not any(isinstance(n, ast.FunctionDef) and n.name == "register"
                                                       for n in tree.body):
        return []
    return [dict(msgctxt=None, msgid=nfc(doc.strip()), msgid_plural="", line=1,
                 comment=f"The description in `python main.py {path.stem} --help`. Keep the lines short (under 80 "
                         "characters) and the command lines (`python main.py ...`), options and file names as they are.")]


def python_files(project: Project) -> list[Path]:
    files: list[Path] = []
    for d in project.code_dirs:
        if d.is_file():
            files.append(d)
        else:
            files += sorted(p for p in d.rglob("*.py") if "__pycache__" not in p.parts)
    return files


# Code folders whose strings form a domain of their own (the tools' words); the rest is `game`.
CODE_DOMAINS = {"game/cli/": "cli", "game/report/": "report"}


def code_domain(shown: str) -> str:
    return next((d for prefix, d in CODE_DOMAINS.items() if shown.startswith(prefix)), "game")


def extract_ui(project: Project) -> Extracted:
    """The game's own UI strings (domain `game`)."""
    return extract_code(project)["game"]


def extract_code(project: Project) -> dict[str, Extracted]:
    """The strings marked in the Python code: `game` (the UI), `cli` (game/cli/), `report` (game/report/)."""
    out = {}
    for domain in ("game", *CODE_DOMAINS.values()):
        pot = polib.POFile(wrapwidth=79)
        pot.metadata = header(None, domain)
        pot.header = file_header(domain, None)
        out[domain] = Extracted(pot)
    index: dict[tuple[str, str | None, str], polib.POEntry] = {}
    for path in python_files(project):
        shown = project.rel(path)
        if shown.startswith(SKIP_DIRS) or shown in SKIP_CODE:
            continue
        domain = code_domain(shown)
        pot, warnings = out[domain].pot, out[domain].warnings
        calls, warns = ui_calls(path, shown)
        warnings += warns
        if domain == "cli":
            calls = command_description(path) + calls
        for c in calls:
            if not c["msgid"]:
                warnings.append(f"{shown}:{c['line']}: empty msgid (gettext(\"\") returns the header)")
                continue
            key = (domain, c["msgctxt"], c["msgid"])
            e = index.get(key)
            if e is None:
                e = polib.POEntry(msgctxt=c["msgctxt"], msgid=c["msgid"], msgid_plural=c["msgid_plural"])
                if c["msgid_plural"]:
                    e.msgstr_plural = {0: "", 1: ""}
                names = placeholders(c["msgid"])
                names_pl = placeholders(c["msgid_plural"]) if c["msgid_plural"] else frozenset()
                if names or names_pl:
                    e.flags.append("python-brace-format")
                index[key] = e
                pot.append(e)
            elif c["msgid_plural"] and e.msgid_plural != c["msgid_plural"]:
                warnings.append(f"{shown}:{c['line']}: {c['msgid']!r} used with two plural forms")
            occ = (shown, str(c["line"]))
            if occ not in e.occurrences:
                e.occurrences.append(occ)
            if c["comment"] and c["comment"] not in (e.comment or ""):
                e.comment = "\n".join(filter(None, [e.comment, c["comment"]]))
    return out


def _scenario_entry(item, shown: str, lang: str) -> polib.POEntry:
    notes = [n for n in (item.note or "").splitlines() if n.strip()]
    e = polib.POEntry(msgctxt=item.key, msgid=nfc(item.source),
                      comment="\n".join([*notes, SOURCE_TAG + lang]))
    e.occurrences = [(shown, str(item.mark.line if item.mark else 1))]
    return e


GLOSSARY = "docs/glossary.md"
GLOSSARY_NAME = re.compile(r"^\|\s*`([^`]+)`\s*\|")


def glossary_names(project: Project) -> frozenset[str]:
    """The names kept as they are in every language: the first column of docs/glossary.md's table
    rows written as `Name`. A scenario string that is exactly one of them is not an entry."""
    for base in (project.root, ROOT):
        try:
            text = (Path(base) / GLOSSARY).read_text(encoding="utf-8")
        except OSError:
            continue
        return frozenset(nfc(m.group(1).strip()) for line in text.splitlines()
                         if (m := GLOSSARY_NAME.match(line)))
    return frozenset()


def extract_scenarios(project: Project) -> Extracted:
    pot = polib.POFile(wrapwidth=79)
    pot.metadata = header(None, "scenarios")
    pot.header = file_header("scenarios", None)
    warnings: list[str] = []
    index: dict[tuple[str, str], polib.POEntry] = {}
    names = glossary_names(project)

    def add(e: polib.POEntry):
        if e.msgid.strip() in names:
            return  # a name from the glossary: shown as written in every language
        key = (e.msgctxt, e.msgid)
        if key in index:
            index[key].occurrences += [o for o in e.occurrences if o not in index[key].occurrences]
        else:
            index[key] = e
            pot.append(e)

    tax = load_taxonomy(project.data_dir)
    files = {"red_flag": project.rel(project.data_dir / "red_flags.yaml"),
             "hotline": project.rel(project.data_dir / "hotlines.yaml"),
             "tag": project.rel(project.data_dir / "tags.yaml"),
             "permission": project.rel(project.data_dir / "permissions.yaml")}
    for item in iter_taxonomy_texts(tax.red_flags, tax.hotlines, tax.tags, tax.permissions):
        add(_scenario_entry(item, files[item.key.split("/", 1)[0]], TAXONOMY_LANGUAGE))
    for loaded in load_all(project.scenario_paths, tax):
        shown = project.rel(loaded.path)
        scn = loaded.scenario
        if scn is None or not scn.id:
            warnings.append(f"{shown}: not extracted (the file does not load; run `python main.py lint`)")
            continue
        if loaded.errors:
            warnings.append(f"{shown}: extracted, but it has lint errors")
        for item in iter_texts(scn):
            add(_scenario_entry(item, shown, scn.source_language))
    _extract_quizzes(project, tax, add, warnings)
    return Extracted(pot, warnings)


def _extract_quizzes(project: Project, tax, add, warnings: list[str]) -> None:
    """The pre/post quiz under scenarios/quiz/ (same domain, keys `<quiz>/...`)."""
    from game.core import quiz as quizmod

    folder = (project.scenario_paths or [quizmod.SCENARIOS_DIR])[0]
    folder = Path(folder) / "quiz" if Path(folder).is_dir() else None
    if folder is None or not folder.is_dir():
        return
    for path in quizmod.quiz_files(folder):
        lq = quizmod.load_quiz(path, tax)
        shown = project.rel(path)
        if lq.quiz is None or not lq.quiz.id:
            warnings.append(f"{shown}: quiz not extracted (the file does not load)")
            continue
        for item in quizmod.iter_quiz_texts(lq.quiz):
            add(_scenario_entry(item, shown, lq.quiz.source_language))


def extract(project: Project, write: bool = True) -> dict[str, Extracted]:
    """Every template; written to locale/<domain>.pot when write (only if something changed)."""
    code = extract_code(project)
    out = {"game": code["game"], "scenarios": extract_scenarios(project), "cli": code["cli"],
           "report": code["report"], "diagnostics": extract_diagnostics(project)}
    if write:
        for domain, ex in out.items():
            write_if_changed(ex.pot, project.pot(domain))
    return out


DIAGNOSTICS_FILE = "diagnostics.yaml"


def extract_diagnostics(project: Project) -> Extracted:
    """lint's messages from assets/data/diagnostics.yaml (domain `diagnostics`): each message with its
    code as msgctxt (`CODE/variant` for a variant), each listed word as `CODE/argument`; plus the
    strings marked in game/core/diagnostics.py (severity words, the "did you mean" hint)."""
    import yaml

    pot = polib.POFile(wrapwidth=79)
    pot.metadata = header(None, "diagnostics")
    pot.header = file_header("diagnostics", None)
    warnings: list[str] = []
    path = project.data_dir / DIAGNOSTICS_FILE
    shown = project.rel(path)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        return Extracted(pot, [f"{shown}: cannot read ({exc})"])
    seen: dict[tuple[str, str], polib.POEntry] = {}

    def add(ctx: str, node, comment: str) -> None:
        msgid = nfc(str(node.value))
        e = seen.get((ctx, msgid))
        if e is None:
            e = seen[(ctx, msgid)] = polib.POEntry(msgctxt=ctx, msgid=msgid, comment=comment)
            if placeholders(msgid):
                e.flags.append("python-brace-format")
            pot.append(e)
        e.occurrences.append((shown, str(node.start_mark.line + 1)))

    def field(node, key):
        return next((v for k, v in getattr(node, "value", []) if getattr(k, "value", None) == key), None)

    for code_node, entry in root.value if root is not None else []:
        code = code_node.value
        title = field(entry, "title")
        note = field(entry, "note")
        about = f"lint {code}: {title.value if title else ''}".rstrip(": ")
        common = ("Text in `backquotes` is what the author writes in the file (field names, ids, YAML): "
                  "keep it as it is.")
        extra = "\n" + note.value if note is not None else ""

        def ph(node) -> str:
            names = placeholders(str(node.value)) or ()
            return (" " + ", ".join("{" + n + "}" for n in sorted(names)) + (" hold" if len(names) > 1 else " holds")
                    + " values from the author's file or counts.") if names else ""

        en = field(entry, "en")
        if en is None:
            warnings.append(f"{shown}:{code_node.start_mark.line + 1}: {code} has no `en` message")
            continue
        add(code, en, f"{about}.{ph(en)} {common}{extra}")
        variants = field(entry, "variants")
        for vname, v in getattr(variants, "value", []) or []:
            ven = field(v, "en")
            if ven is not None:
                add(f"{code}/{vname.value}", ven,
                    f"{about} (case: {vname.value.replace('_', ' ')}).{ph(ven)} {common}")
        words = field(entry, "words")
        for arg, values in getattr(words, "value", []) or []:
            for w in getattr(values, "value", []) or []:
                add(f"{code}/{arg.value}", w, f"A value of {{{arg.value}}} in the message of {code} "
                    f"({title.value if title else code}).")
    core = project.root / "game" / "core" / "diagnostics.py"
    if not core.exists():
        core = ROOT / "game" / "core" / "diagnostics.py"
    calls, warns = ui_calls(core, project.rel(core))
    warnings += warns
    for c in calls:
        e = seen.get((c["msgctxt"], c["msgid"]))
        if e is None:
            e = seen[(c["msgctxt"], c["msgid"])] = polib.POEntry(msgctxt=c["msgctxt"], msgid=c["msgid"],
                                                                comment=c["comment"] or "")
            if placeholders(c["msgid"]):
                e.flags.append("python-brace-format")
            pot.append(e)
        e.occurrences.append((project.rel(core), str(c["line"])))
    return Extracted(pot, warnings)
