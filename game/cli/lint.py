"""Check scenario files and report every problem at once.

Each problem is printed as `path:line:col: CODE severity: message`, grouped by file,
followed by a summary. Exit status: 0 when there are no errors, 1 otherwise
(warnings alone do not fail unless --strict). Codes are explained in docs/diagnostics.md.

Examples:
  python main.py lint                       # everything under scenarios/
  python main.py lint scenarios/demo_shipper.yaml --lang vi
  python main.py lint --format json
"""

from __future__ import annotations

import json
from pathlib import Path

from game.cli.common import add_lang, default_lang
from game.core import walk
from game.core.diagnostics import Diagnostic, sort_key
from game.core.loader import load_all, load_taxonomy
from game.core.texts import iter_texts

SUMMARY = {
    "en": "{files} files, {scenarios} scenarios, {steps} steps, {endings} endings, {paths} paths, {words} words: {errors} errors, {warnings} warnings",
    "vi": "{files} tệp, {scenarios} kịch bản, {steps} bước, {endings} kết thúc, {paths} lối đi, {words} từ: {errors} lỗi, {warnings} cảnh báo",
}


def register(p) -> None:
    p.add_argument("paths", nargs="*", type=Path, help="files or folders (default: scenarios/)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--strict", action="store_true", help="warnings fail too")
    p.add_argument("--codes", action="store_true", help="print every diagnostic code as Markdown (docs/diagnostics.md)")
    add_lang(p)
    p.set_defaults(run=run)


def lint(paths: list[Path] | None):
    """Load everything; returns (loaded files, all diagnostics, summary counts)."""
    tax = load_taxonomy()
    loaded = load_all(paths or None, tax)
    diags: list[Diagnostic] = list(tax.diagnostics)
    counts = dict(files=len(loaded), scenarios=0, steps=0, endings=0, paths=0, words=0)
    for item in loaded:
        diags += item.diagnostics
        scn = item.scenario
        if scn is None:
            continue
        counts["scenarios"] += 1
        counts["steps"] += len(scn.steps)
        counts["endings"] += len(scn.endings)
        counts["words"] += sum(len(t.source.split()) for t in iter_texts(scn))
        if not item.errors:
            counts["paths"] += walk.stats(scn).paths
    diags.sort(key=sort_key)
    counts["errors"] = sum(d.severity == "error" for d in diags)
    counts["warnings"] = sum(d.severity == "warning" for d in diags)
    return loaded, diags, counts


def run(args) -> int:
    lang = args.lang or default_lang()
    if args.codes:
        from game.core.diagnostics_doc import render

        print(render(), end="")
        return 0
    _loaded, diags, counts = lint(args.paths)
    if args.format == "json":
        print(json.dumps({"diagnostics": [d.to_json(lang) for d in diags], "summary": counts},
                         ensure_ascii=False, indent=2))
    else:
        for d in diags:
            print(d.format(lang))
        print(SUMMARY.get(lang, SUMMARY["en"]).format(**counts))
    failed = counts["errors"] or (args.strict and counts["warnings"])
    return 1 if failed else 0
