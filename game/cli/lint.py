"""Check scenario files and report every problem at once.

Each problem is printed as `path:line:col: CODE severity: message`, grouped by file,
followed by a summary. Exit status: 0 when there are no errors, 1 otherwise
(warnings alone do not fail unless --strict). A folder named that holds no scenario files
is a warning (LC013), and when no file was checked at all the exit status is 1 too.
Codes are explained in docs/diagnostics.md.

With --pack, the files are also checked together, with the quiz in scenarios/quiz/ when the
scenarios folder is checked: no simple surface feature (a number prefix or pattern, a saved
name or a number, the kind of name, the app, the length, accents, capitals, "!", "...",
emoticons) may tell scam senders and messages from genuine ones on its own (LC601), and no
invented brand may be one letter from a real one (LC602). See docs/authoring-guide.md.

Examples:
  python main.py lint                       # everything under scenarios/
  python main.py lint scenarios/demo_shipper.yaml --lang vi
  python main.py lint --format json
  python main.py lint --pack                # also the pack-wide checks (run in CI)
  python main.py lint --mistakes            # the common-mistakes page, built from tests/fixtures/mistakes/
"""

from __future__ import annotations

import gc
import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from game.cli.common import add_lang, default_lang
from game.cli.words import N_, NN_, _, counted, marked
from game.core import filefacts, walk
from game.core.diagnostics import Diagnostic, sort_key
from game.core.loader import duplicate_ids, load_scenario, load_taxonomy, scenario_files
from game.core.texts import texts_of

PARALLEL_FROM = 24  # below this, starting worker processes costs more than it saves

# Translators: lint's last line; every {name} is one of the counts below ("3 files", "1 scenario").
# Scripts read it: keep the counts in this order
SUMMARY = N_("{files}, {scenarios}, {steps}, {endings}, {paths}, {words}: {errors}, {warnings}")
COUNTS = {
    # Translators: in lint's last line; scripts read it: keep the number first
    "files": NN_("{n} file", "{n} files"),
    # Translators: in lint's last line; scripts read it: keep the number first
    "scenarios": NN_("{n} scenario", "{n} scenarios"),
    # Translators: in lint's last line (the steps of the stories); keep the number first
    "steps": NN_("{n} step", "{n} steps"),
    # Translators: in lint's last line (the endings of the stories); keep the number first
    "endings": NN_("{n} ending", "{n} endings"),
    # Translators: in lint's last line (the routes through the stories); keep the number first
    "paths": NN_("{n} path", "{n} paths"),
    # Translators: in lint's last line (words of scenario text); keep the number first
    "words": NN_("{n} word", "{n} words"),
    # Translators: in lint's last line; scripts read it: keep the number first
    "errors": NN_("{n} error", "{n} errors"),
    # Translators: in lint's last line; scripts read it: keep the number first
    "warnings": NN_("{n} warning", "{n} warnings"),
}


def summary(counts: dict, lang: str | None = None) -> str:
    """lint's last line: every count with its noun in the right form ("1 file, 3 scenarios, ...")."""
    return marked(SUMMARY, lang).format(**{key: counted(pair, counts[key], lang) for key, pair in COUNTS.items()})


def register(p) -> None:
    p.add_argument("paths", nargs="*", type=Path, help=_("files or folders (default: scenarios/)"))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--strict", action="store_true", help=_("warnings fail too"))
    p.add_argument("--codes", action="store_true",
                   help=_("print every diagnostic code as Markdown (docs/diagnostics.md)"))
    p.add_argument("--pack", action="store_true",
                   help=_("also check the files together: no surface feature may give scams away (LC601, LC602)"))
    p.add_argument("--mistakes", action="store_true",
                   help=_("print the common-mistakes page as Markdown (docs/common-mistakes.md)"))
    p.add_argument("--jobs", type=int, default=None,
                   help=_("worker processes (default: all cores for big folders)"))
    add_lang(p)
    p.set_defaults(run=run)


@dataclass
class FileReport:
    """What lint keeps of one file: small enough to send back from a worker process."""

    path: Path
    diagnostics: list[Diagnostic]
    scenario_id: tuple | None  # (path, id, mark) for the duplicate-id check
    steps: int = 0
    endings: int = 0
    paths: int = 0
    words: int = 0


_TAXONOMY = None  # the shared data files, read once per process (a forked worker inherits the parent's)


def _shared():
    global _TAXONOMY
    if _TAXONOMY is None:
        _TAXONOMY = load_taxonomy()
    return _TAXONOMY


def _start_worker() -> None:
    # A file's node tree and model hold no reference cycles, so reference counting frees them:
    # the cyclic collector would only walk the live objects over and over (about 15% of lint's time).
    gc.disable()
    _shared()
    filefacts.remember({})  # a worker lives for one run (see filefacts)


def check_file(path: Path) -> FileReport:
    """Load, validate and count one file (runs in a worker process for big folders)."""
    item = load_scenario(path, _shared())
    scn = item.scenario
    if scn is None:
        return FileReport(path, item.diagnostics, None)
    return FileReport(
        path, item.diagnostics, (path, scn.id, scn.where("id")),
        steps=len(scn.steps), endings=len(scn.endings),
        paths=0 if item.errors else walk.stats(scn).paths,
        words=sum(len(t.source.split()) for t in texts_of(scn)),
    )


def pack_diagnostics(paths: list[Path] | None) -> list[Diagnostic]:
    """The pack-wide checks over these files (and the quiz, when the whole scenarios folder is checked)."""
    from game.core import packcheck
    from game.core.loader import SCENARIOS_DIR, display_path, load_all
    from game.core.quiz import load_quizzes

    tax = load_taxonomy()
    scns = [(it.scenario, display_path(it.path)) for it in load_all(paths or None, tax) if it.ok]
    quizzes = []
    whole = not paths or any(Path(p).resolve() == SCENARIOS_DIR.resolve() for p in paths)
    if whole:
        quizzes = [(q, display_path(Path(q.path))) for q in load_quizzes()]
    return packcheck.check(scns, quizzes)


def _whole(paths) -> bool:
    from game.core.loader import SCENARIOS_DIR

    return not paths or any(Path(p).resolve() == SCENARIOS_DIR.resolve() for p in paths)


def empty_folders(paths) -> list[Diagnostic]:
    """LC013 for each folder named that holds no scenario file (a wrong or mistyped folder)."""
    from game.core.diagnostics import Mark
    from game.core.loader import display_path

    return [Diagnostic(display_path(p), Mark(1, 1), "LC013") for p in map(Path, paths or ())
            if p.is_dir() and not scenario_files([p])]


def workers(files: int) -> int:
    """Worker processes lint starts by default for this many files (1: it checks them itself)."""
    return min(os.cpu_count() or 1, 8) if files >= PARALLEL_FROM else 1


def lint(paths: list[Path] | None, jobs: int | None = None, pack: bool = False, project=None):
    """Check every file; returns (file reports, all diagnostics, summary counts). When the whole
    scenarios folder is checked, the translations in locale/ are checked too (LC406: characters
    no bundled font can draw, by language and entry; LC408: a scenario translation whose
    `{placeholders}` differ from its source's).

    Files are independent, so a big folder is checked on every core; results come back
    as diagnostics and counts only, which are cheap to send between processes.
    """
    global _TAXONOMY
    _TAXONOMY = tax = load_taxonomy()  # read before the workers start, so forked ones share it
    files = scenario_files(paths or None)
    if jobs is None:
        jobs = workers(len(files))
    collecting = gc.isenabled()
    gc.disable()  # see _start_worker
    try:
        if jobs > 1:
            with ProcessPoolExecutor(jobs, initializer=_start_worker) as pool:
                # Files go out in chunks (one message per chunk), but the last eighth one by one, so
                # the workers finish within a file of each other instead of a chunk (~12 files).
                bulk = len(files) - len(files) // 8
                head = pool.map(check_file, files[:bulk], chunksize=max(1, bulk // (16 * jobs)))
                tail = pool.map(check_file, files[bulk:])
                reports = [*head, *tail]
        else:
            before = filefacts.remember({})
            try:
                reports = [check_file(f) for f in files]
            finally:
                filefacts.remember(before)
    finally:
        if collecting:
            gc.enable()
    for report, diag in zip(reports, duplicate_ids([r.scenario_id for r in reports]), strict=True):
        if diag:
            report.diagnostics.append(diag)
    diags: list[Diagnostic] = list(tax.diagnostics) + empty_folders(paths)
    if pack:
        diags += pack_diagnostics(paths)
    if project is not None or _whole(paths):
        from game.i18n.project import Project
        from game.i18n.report import glyph_diagnostics, placeholder_diagnostics

        project = project or Project()
        diags += glyph_diagnostics(project)
        diags += placeholder_diagnostics(project)
    counts = dict(files=len(reports), scenarios=0, steps=0, endings=0, paths=0, words=0)
    for r in reports:
        diags += r.diagnostics
        if r.scenario_id is not None:
            counts["scenarios"] += 1
            for key in ("steps", "endings", "paths", "words"):
                counts[key] += getattr(r, key)
    diags.sort(key=sort_key)
    counts["errors"] = sum(d.severity == "error" for d in diags)
    counts["warnings"] = sum(d.severity == "warning" for d in diags)
    return reports, diags, counts


def run(args) -> int:
    lang = args.lang or default_lang()
    if args.codes:
        from game.core.diagnostics_doc import render

        print(render(), end="")
        return 0
    if args.mistakes:
        from game.core.diagnostics_doc import render_mistakes

        print(render_mistakes(), end="")
        return 0
    _reports, diags, counts = lint(args.paths, args.jobs, pack=args.pack)
    if args.format == "json":
        print(json.dumps({"diagnostics": [d.to_json(lang) for d in diags], "summary": counts},
                         ensure_ascii=False, indent=2))
    else:
        for d in diags:
            print(d.format(lang))
        print(summary(counts, lang))
    # Nothing checked at all (only folders with no scenario files) is no pass: a mistyped folder fails.
    failed = counts["errors"] or (args.strict and counts["warnings"]) or not counts["files"]
    return 1 if failed else 0
