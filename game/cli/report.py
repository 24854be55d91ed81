"""Build an offline class report from collected results files.

  python main.py report RESULTS... -o report.html [--format html|csv] [--lang vi|en] [--anonymise]

RESULTS are results files (`results-*.db`, or a merged `class.db`) or folders holding
them. The HTML report is one self-contained file (no internet needed) with a summary,
the share of the class that picked each option at every decision, the red flags missed
most, time taken per decision, a per-student table and the pre/post check. It prints
cleanly. `--format csv` writes the same figures as one table for spreadsheets.

Files that cannot be read (truncated, corrupt, not results, newer version) are named
on stderr and in the report, and the report is built from the others (exit status 1).
"""

from __future__ import annotations

import sys
from pathlib import Path

from game.cli.common import default_lang
from game.core.storage import atomic_write_bytes


def register(p) -> None:
    p.add_argument("results", nargs="+", type=Path, help="results files or folders")
    p.add_argument("-o", "--output", type=Path, help="output file (default: report.html or report.csv)")
    p.add_argument("--format", choices=("html", "csv"), default=None,
                   help="html (default) or csv; guessed from the -o extension when omitted")
    p.add_argument("--lang", choices=("vi", "en"), default=None, help="report language (default: the OS locale)")
    p.add_argument("--anonymise", "--anonymize", action="store_true", help="replace nicknames with numbers")
    p.set_defaults(run=run)


def run(args) -> int:
    from game.report.build import build_report  # jinja2 only when a report is built

    lang = args.lang or default_lang()
    fmt = args.format or ("csv" if args.output and args.output.suffix.lower() == ".csv" else "html")
    out = args.output or Path(f"report.{fmt}")
    rep = build_report(args.results, lang=lang, fmt=fmt, anonymise=args.anonymise)
    for p in rep.problems:
        print(p.message(lang), file=sys.stderr)
    if rep.files == 0:
        where = ", ".join(map(str, args.results))
        print((f"không tìm thấy tệp kết quả nào trong {where}" if lang == "vi"
               else f"no results files found in {where}"), file=sys.stderr)
    atomic_write_bytes(out, rep.text.encode("utf-8-sig" if fmt == "csv" else "utf-8"))
    print(out)
    return 1 if rep.problems else 0
