"""Build an offline class report from collected results files.

  python main.py report RESULTS... -o report.html [--format html|csv] [--lang LANG] [--anonymise]
                        [--class CODE]... [--since YYYY-MM-DD] [--until YYYY-MM-DD]

RESULTS are results files (`results-*.db`, or a merged `class.db`) or folders holding
them. The HTML report is one self-contained file (no internet needed, the font inside)
whose first page is a one-page summary for a principal or partner: the class's average
score, how the stories ended, the before/after check, the red flags missed most and how
many students need a follow-up. Then: the students who need a follow-up (a story ended
harmed or scammed, or they gave away money or an account: an OTP, a password, a login),
the share of the class that picked each option at every decision, time taken per decision,
a per-student table and the pre/post check. It prints cleanly on A4.
`--format csv` writes the same figures as one table for spreadsheets.

The average score is the mean of the session scores: each session's score is its points
out of the best possible at each decision met, and every session counts once.

Filters: `--class` (repeatable; capitals and spaces ignored: `9 b` is 9B) keeps those classes;
`--since` and `--until` keep sessions started on or after / on or before a day (local time).
When the filters leave out every session, a line on stderr says so and what the files hold
(their classes and days), the report says it instead of "no results yet", and the exit status is 1.

Files that cannot be read (truncated, corrupt, not results, newer version) are named with
their path on stderr and in the report, and the report is built from the others. So is a
damaged row: a decision whose step or choice its (installed, same-version) scenario does not
have is named and left out. A folder
with no results files is named too. Exit status: 0 all input read, 1 some input named as
unreadable, empty or damaged, or the filters matched no session (the report is still written),
2 the output cannot be written.
The report is readable by other users of a shared folder (0644 under the usual umask).
"""

from __future__ import annotations

import sys
from pathlib import Path

from game.cli.common import TOOL_DEFAULT, add_lang, default_lang
from game.cli.output import check_output, write_shared
from game.cli.words import _, marked


def register(p) -> None:
    from game.report.filters import parse_date

    p.add_argument("results", nargs="+", type=Path, help=_("results files or folders"))
    p.add_argument("-o", "--output", type=Path, help=_("output file (default: report.html or report.csv)"))
    p.add_argument("--format", choices=("html", "csv"), default=None,
                   help=_("html (default) or csv; guessed from the -o extension when omitted"))
    # Translators: the help of report's --lang; {default} is the "default: ..." text
    add_lang(p, _("report language ({default})").format(default=marked(TOOL_DEFAULT)))
    p.add_argument("--anonymise", "--anonymize", action="store_true", help=_("replace nicknames with numbers"))
    p.add_argument("--class", dest="classes", action="append", default=[], metavar="CODE",
                   help=_("only this class code (repeat for several classes)"))
    p.add_argument("--since", type=parse_date, metavar="YYYY-MM-DD",
                   help=_("only sessions started on or after this day"))
    p.add_argument("--until", type=parse_date, metavar="YYYY-MM-DD",
                   help=_("only sessions started on or before this day"))
    p.set_defaults(run=run)


def run(args) -> int:
    from game.report.build import build_report  # jinja2 only when a report is built

    lang = args.lang or default_lang()
    fmt = args.format or ("csv" if args.output and args.output.suffix.lower() == ".csv" else "html")
    if not check_output(args.output, lang, f"report.{fmt}"):
        return 2
    out = args.output or Path(f"report.{fmt}")
    rep = build_report(args.results, lang=lang, fmt=fmt, anonymise=args.anonymise,
                       classes=args.classes, since=args.since, until=args.until)
    for line in rep.problem_lines:
        print(line, file=sys.stderr)
    if rep.unmatched:
        print(f"report: {rep.unmatched}", file=sys.stderr)
    if not write_shared(out, rep.text.encode("utf-8-sig" if fmt == "csv" else "utf-8"), lang):
        return 2
    print(out)
    return 0 if rep.ok and not rep.unmatched else 1
