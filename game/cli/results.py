"""Export or merge recorded class results.

Each machine writes its own file, `results-<machine id>.db`, in its results folder
(the user data folder by default, or the folder given with `play --results-dir`).
Collect those files (USB stick, shared folder) and then:

  python main.py results export                       # this machine's results as CSV
  python main.py results export FILES_OR_DIRS --format json --anonymise -o class.json
  python main.py results merge DIR... -o class.db     # many machines into one file
  python main.py results simulate -o DIR --students 30 # a practice class, one file per machine

Merging is idempotent: sessions and decisions are matched by their ids, so merging
the same files twice, or a merged file with its sources, never duplicates anything.
Files that cannot be read (truncated, corrupt, foreign, newer version) are named with
their path on stderr and skipped, and so is a folder with no results files; the exit
status is then 1. An output that cannot be written (for example `-o` names a folder)
is a one-line error with exit status 2.

In the CSV, `best` is empty for a decision that is not scored (safety neutral), so summing
`score` and `best` over a session's rows gives the session's score as in the report.
Every CSV cell goes through one neutralising writer: a text that a spreadsheet would run
as a formula (starting with =, +, - or @, even after spaces or line breaks) gets a
leading apostrophe. Exports are readable by other users (0644 under the usual umask).
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from game.cli.common import add_lang, default_lang
from game.cli.output import MSG as OUT_MSG
from game.cli.output import check_output, reason, write_shared
from game.cli.words import N_, NN_, _, counted, marked
from game.core import results as R

EXPORT_COLS = ("session_id", "student", "class_code", "scenario_id", "scenario_version", "mode",
               "phase", "idx", "step", "choice", "safety", "score", "best", "time_taken",
               "timed_out", "help", "genuine", "flags", "flags_shown", "votes", "recorded_at", "machine")

MSG = {
    # Translators: after `results merge`; {out} is the merged file; {files} is "3 files" (merged),
    # {s} "2 new sessions", {d} "40 new decisions"
    "merged": N_("{out}: {files} merged, {s}, {d}"),
    # Translators: {where} lists the files and folders given
    "none": N_("no results files found in {where}"),
    # Translators: after `results simulate`; {out} is a folder; {files} is "30 results files", {runs} "30 sessions"
    "simulated": N_("{out}: {files}, {runs}"),
}
COUNTS = {
    # Translators: after `results merge`, the files merged
    "files": NN_("{n} file", "{n} files"),
    # Translators: after `results merge`, the sessions added to the merged file
    "new_sessions": NN_("{n} new session", "{n} new sessions"),
    # Translators: after `results merge`, the decisions added to the merged file
    "new_decisions": NN_("{n} new decision", "{n} new decisions"),
    # Translators: after `results simulate`, the files written (one per practice machine)
    "results_files": NN_("{n} results file", "{n} results files"),
    # Translators: after `results simulate`, the practice sessions played
    "sessions": NN_("{n} session", "{n} sessions"),
}


def register(p) -> None:
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ex = sub.add_parser("export", help=_("write results as CSV or JSON"))
    ex.add_argument("paths", nargs="*", type=Path,
                    help=_("results files or folders (default: this machine's results folder)"))
    ex.add_argument("--results-dir", type=Path, help=_("the results folder used with `play --results-dir`"))
    ex.add_argument("--format", choices=("csv", "json"), default="csv")
    ex.add_argument("--anonymise", "--anonymize", action="store_true",
                    help=_("replace nicknames with numbers and drop machine ids"))
    ex.add_argument("-o", "--output", type=Path, help=_("output file (default: standard output)"))
    add_lang(ex)
    mg = sub.add_parser("merge", help=_("merge many machines' results into one file"))
    mg.add_argument("dirs", nargs="+", type=Path, help=_("folders or files to merge"))
    mg.add_argument("-o", "--output", type=Path, required=True, help=_("the merged file, e.g. class.db"))
    add_lang(mg)
    sm = sub.add_parser("simulate", help=_("write a simulated class (one file per machine) to try the workflow"))
    sm.add_argument("-o", "--output", type=Path, required=True, help=_("folder for the results files"))
    sm.add_argument("--students", type=int, default=30, help=_("how many students (default: 30)"))
    sm.add_argument("--class-code", default="9A", help=_("their class code (default: 9A)"))
    sm.add_argument("--seed", type=int, default=1,
                    help=_("the same seed writes the same class again (default: 1)"))
    sm.add_argument("--no-quiz", action="store_true", help=_("leave out the pre/post check"))
    sm.add_argument("--no-classroom", action="store_true", help=_("leave out the projector machine's votes"))
    add_lang(sm)
    p.set_defaults(run=run)


def run(args) -> int:
    lang = args.lang or default_lang()
    return {"export": export, "merge": merge, "simulate": simulate}[args.action](args, lang)


def _load(paths, lang, skip: Path | None = None):
    """(results read, anything wrong?), every problem named on stderr with its path."""
    from game.report import inputs

    got = inputs.read(paths, skip=skip)
    for line in got.lines(lang):
        print(line, file=sys.stderr)
    if not got.files and not got.errors and not got.empty_folders:
        print(marked(MSG["none"], lang).format(where=", ".join(map(str, paths))), file=sys.stderr)
    return got.datas, not got.ok


def export_rows(data: R.ResultsData, anonymise: bool) -> tuple[list[dict], list[dict]]:
    """Sessions and decisions ready to write; nicknames become `student-07` when anonymised."""
    keys = [R.student_key(s["nickname"], s["class_code"]) for s in data.sessions]
    keys += [R.student_key(d["nickname"], d["class_code"]) for d in data.decisions]
    names = R.pseudonyms(keys)

    def who(row):
        if anonymise:
            return f"student-{names[R.student_key(row['nickname'], row['class_code'])]:02d}"
        return row["nickname"]

    sessions = []
    for s in data.sessions:
        out = {k: v for k, v in s.items() if k != "nickname"}
        out["student"] = who(s)
        if anonymise:
            out.pop("machine", None)
        sessions.append(out)
    decisions = []
    for d in data.decisions:
        out = {k: v for k, v in d.items() if k not in ("nickname", "id")}
        out["student"] = who(d)
        if anonymise:
            out.pop("machine", None)
        decisions.append(out)
    return sessions, decisions


def export(args, lang) -> int:
    if not check_output(args.output, lang, f"results.{args.format}"):
        return 2
    paths = args.paths or [R.results_dir_for(args.results_dir)]
    good, bad = _load(paths, lang)
    sessions, decisions = export_rows(R.combine(good), args.anonymise)
    if args.format == "json":
        text = json.dumps({"format": "la-chan-results", "version": R.SCHEMA_VERSION,
                           "sessions": sessions, "decisions": decisions},
                          ensure_ascii=False, indent=2) + "\n"
    else:
        from game.core.csvsafe import SafeWriter

        buf = io.StringIO()
        cols = [c for c in EXPORT_COLS if not (args.anonymise and c == "machine")]
        w = SafeWriter(buf)  # every column, the joined flags included, is neutralised
        w.writerow(cols)
        for d in decisions:
            # a choice that is not scored sets no bar: summing score/best per session gives the report's score
            row = {**d, "best": "" if d["safety"] == "neutral" else d["best"], "flags": " ".join(d["flags"]), "flags_shown": " ".join(d["flags_shown"]),
                   "votes": json.dumps(d["votes"], ensure_ascii=False) if d["votes"] else "",
                   "timed_out": int(d["timed_out"]), "help": int(d["help"]), "genuine": int(d["genuine"])}
            w.writerow([row.get(c, "") for c in cols])
        text = buf.getvalue()
    if args.output:
        # utf-8-sig so that spreadsheet programs read Vietnamese correctly
        if not write_shared(args.output, text.encode("utf-8-sig" if args.format == "csv" else "utf-8"), lang):
            return 2
    else:
        sys.stdout.write(text)
    return 1 if bad else 0


def merge(args, lang) -> int:
    if not check_output(args.output, lang, "class.db"):
        return 2
    good, bad = _load(args.dirs, lang, skip=args.output)
    if not good and not Path(args.output).exists():
        return 1  # nothing could be read (each file named above): no empty class file left behind
    try:
        new_s, new_d = R.merge_into(args.output, good)
    except (OSError, R.sqlite3.Error, R.NotOurs) as exc:
        print(marked(OUT_MSG["write"], lang).format(path=args.output, reason=reason(exc, lang)), file=sys.stderr)
        return 2
    print(marked(MSG["merged"], lang).format(out=args.output, files=counted(COUNTS["files"], len(good), lang),
                                            s=counted(COUNTS["new_sessions"], new_s, lang),
                                            d=counted(COUNTS["new_decisions"], new_d, lang)))
    return 1 if bad else 0


def simulate(args, lang) -> int:
    from game.core.loader import load_all
    from game.core.quiz import load_quizzes
    from game.report.simulate import simulate_class

    scenarios = [item.scenario for item in load_all() if item.ok]
    quizzes = [] if args.no_quiz else load_quizzes()
    runs = simulate_class(args.output, scenarios, students=max(1, args.students), seed=args.seed,
                          class_code=args.class_code, quiz=quizzes[0] if quizzes else None,
                          classroom=not args.no_classroom)
    files = len(list(Path(args.output).glob("results-*.db")))
    print(marked(MSG["simulated"], lang).format(out=args.output, files=counted(COUNTS["results_files"], files, lang),
                                               runs=counted(COUNTS["sessions"], len({r.session_id for r in runs}), lang)))
    return 0
