"""Translation catalogues (GNU gettext .po files under locale/), for translators and CI.

  extract             write the templates: locale/game.pot (UI strings, found in the code
                      by an ast walk), locale/scenarios.pot (scenario, red-flag and hotline
                      text), locale/cli.pot, report.pot and diagnostics.pot (the tools' words)
  update [LANG...]    extract, then merge into every locale/<lang>/LC_MESSAGES/*.po:
                      translations are kept; a changed source keeps its old translation
                      marked fuzzy (with the previous source, as `msgmerge --previous`);
                      strings that are gone become obsolete
  status [--min N]    % translated, fuzzy and untranslated per language and per scenario;
                      with --min, exit 1 if any catalogue is below N %
  check               placeholders ({name}) match, plural headers are right, no orphan
                      contexts, no stale `#:` reference, every catalogue up to date with
                      its template, no translation over its length limit; exit 1 on any error
  new LANG            start a language (e.g. `new th`; `--plural` for a language the tool
                      does not know, `--name` for its name in the language menu)
  import-json FILE --lang LANG
                      update LANG, then fill its catalogue from {msgctxt: text} JSON (e.g.
                      translations a content author wrote alongside a scenario)

Every catalogue holds every template entry, so `msgmerge --previous` (Poedit, Weblate)
changes nothing in an up-to-date one. An entry written in the catalogue's own language (a
Vietnamese scenario in vi/scenarios.po, the English UI in en/game.po) is translated as
itself, as GNU `msgen` does.
See docs/translating.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from game.cli.words import _
from game.core.i18n import DOMAINS
from game.i18n.project import Project


def register(p) -> None:
    sub = p.add_subparsers(dest="i18n_command", metavar="SUBCOMMAND")
    sub.required = True
    s = sub.add_parser("extract", help=_("write the .pot templates"))
    s.set_defaults(run=run_extract)
    s = sub.add_parser("update", help=_("extract, then merge into every .po"))
    s.add_argument("langs", nargs="*", metavar="LANG", help=_("only these languages"))
    s.add_argument("--no-extract", action="store_true", help=_("merge the existing .pot files as they are"))
    s.set_defaults(run=run_update)
    s = sub.add_parser("status", help=_("how much is translated"))
    s.add_argument("--lang", action="append", help=_("only this language (repeatable)"))
    s.add_argument("--min", type=float, default=None, metavar="N",
                   # Translators: argparse writes a percent sign as %% here: keep both
                   help=_("exit 1 if a catalogue is below N %%"))
    s.add_argument("--format", choices=("text", "json"), default="text")
    s.set_defaults(run=run_status)
    s = sub.add_parser("check", help=_("find broken placeholders, plural headers, orphans, stale references, over-long translations"))
    s.add_argument("--lang", action="append", help=_("only this language (repeatable)"))
    s.set_defaults(run=run_check)
    s = sub.add_parser("new", help=_("start a new language"))
    s.add_argument("lang", metavar="LANG", help=_("language code, e.g. th, id, pt_BR"))
    s.add_argument("--plural", help=_('Plural-Forms, e.g. "nplurals=2; plural=(n != 1);"'))
    s.add_argument("--name", help=_("the language's name in itself, for the language menu"))
    s.set_defaults(run=run_new)
    s = sub.add_parser("import-json", help=_("fill a catalogue from a {msgctxt: text} JSON file"))
    s.add_argument("files", nargs="+", type=Path, metavar="FILE")
    s.add_argument("--lang", required=True)
    s.add_argument("--domain", choices=DOMAINS, default="scenarios")
    s.add_argument("--overwrite", action="store_true", help=_("replace existing translations too"))
    s.set_defaults(run=run_import)


def _unknown_langs(project: Project, langs) -> bool:
    """True (and a message listing the present ones) if a --lang names no folder in locale/."""
    present = project.languages()
    bad = [lg for lg in langs or [] if lg not in present]
    if bad:
        print(f"error: no language {', '.join(map(repr, bad))} in {project.rel(project.locale_dir)}/; present: "
              f"{', '.join(present) or 'none'} (add one with `python main.py i18n new CODE`)", file=sys.stderr)
    return bool(bad)


def _warn(lines) -> None:
    for w in lines:
        print(f"warning: {w}", file=sys.stderr)


def run_extract(args, project: Project | None = None) -> int:
    from game.i18n.extract import extract

    project = project or Project()
    for domain, ex in extract(project).items():
        _warn(ex.warnings)
        print(f"{project.rel(project.pot(domain))}: {len(ex.pot)} strings")
    return 0


def run_update(args, project: Project | None = None) -> int:
    from game.i18n.catalogues import update

    project = project or Project()
    res = update(project, args.langs or None, fresh=not args.no_extract)
    _warn(res.warnings)
    for (lang, domain), st in res.stats.items():
        print(f"{project.rel(project.po(lang, domain))}: {st.kept} kept, {st.fuzzy} fuzzy, "
              f"{st.untranslated} untranslated, {st.obsolete} newly obsolete"
              + (f", {st.source} in the language itself" if st.source else ""))
    for e in res.errors:
        print(f"error: {e}", file=sys.stderr)
    return 1 if res.errors else 0


def run_status(args, project: Project | None = None) -> int:
    from game.i18n.report import status

    project = project or Project()
    if _unknown_langs(project, args.lang):
        return 2
    rows = status(project, _fresh(project), args.lang)
    below = [r for r in rows if args.min is not None and (r.error or r.counts.percent < args.min)]
    if args.format == "json":
        print(json.dumps([dict(lang=r.lang, domain=r.domain, error=r.error, **r.counts.to_json(),
                               scenarios={g: c.to_json() for g, c in r.groups.items()}) for r in rows],
                         ensure_ascii=False, indent=2))
    else:
        for r in rows:
            print(_line(f"{r.lang} {r.domain}", r.counts) + (f"  ERROR: {r.error}" if r.error else ""))
            for g, c in sorted(r.groups.items()):
                print(_line(f"   {g}", c))
    if below:
        print(f"below {args.min:g} %: " + ", ".join(f"{r.lang}/{r.domain}" for r in below), file=sys.stderr)
        return 1
    return 0


def _fresh(project: Project):
    from game.i18n.extract import extract

    return {d: ex.pot for d, ex in extract(project, write=False).items()}


def _line(label: str, c) -> str:
    bad = f", {c.bad} bad placeholders" if c.bad else ""
    return (f"{label:<32} {c.percent:5.1f}% translated ({c.translated}/{c.total}), "
            f"{c.fuzzy} fuzzy, {c.untranslated} untranslated{bad}")


def run_check(args, project: Project | None = None) -> int:
    from game.i18n.report import check

    project = project or Project()
    if _unknown_langs(project, args.lang):
        return 2
    issues = check(project, _fresh(project), args.lang)
    for i in issues:
        print(i.format())
    errors = sum(i.severity == "error" for i in issues)
    warnings = len(issues) - errors
    print(f"{errors} errors, {warnings} warnings")
    return 1 if errors else 0


def run_new(args, project: Project | None = None) -> int:
    from game.i18n.catalogues import new_language

    project = project or Project()
    try:
        res = new_language(project, args.lang, plural=args.plural, name=args.name)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    _warn(res.warnings)
    for path in res.written:
        print(f"created {project.rel(path)}")
    print("Now translate these files (Poedit or a text editor), see docs/translating.md.")
    return 0


def run_import(args, project: Project | None = None) -> int:
    from game.i18n.catalogues import import_json, update

    project = project or Project()
    if _unknown_langs(project, [args.lang]):
        return 2
    res = update(project, [args.lang])  # so the catalogue holds every current string first
    for e in res.errors:
        print(f"error: {e}", file=sys.stderr)
    failed = len(res.errors)
    for f in args.files:
        try:
            r = import_json(project, f, args.lang, args.domain, overwrite=args.overwrite)
        except (OSError, ValueError) as exc:  # json.JSONDecodeError is a ValueError
            print(f"error: {f}: {exc}", file=sys.stderr)
            failed += 1
            continue
        print(f"{f}: {r.filled} filled, {r.fuzzy} filled as fuzzy (source changed), "
              f"{r.kept} already translated, {r.stale} left fuzzy (the file has the translation of the "
              f"old source), {len(r.unknown)} unknown keys")
        for k in r.unknown[:10]:
            print(f"  unknown key: {k}", file=sys.stderr)
        if len(r.unknown) > 10:
            print(f"  ... and {len(r.unknown) - 10} more", file=sys.stderr)
    return 1 if failed else 0
