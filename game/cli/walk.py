"""List the paths through a scenario, or export its graph.

Each path is printed with its choices, its ending and its score (points out of the
best available at each decision, and a percentage). A step may appear at most twice
on one path, so loops end; a cut loop is shown as `(loop)`. Paths are printed as they
are found, the first 100 by default (--limit N; --limit 0 lists them all), and the
last line gives the total, which counts exactly the paths the listing would show.
With --timeouts, a step with a timer also branches to where the story goes when time
runs out, shown as `(timeout)` (unscored: running out of time chooses nothing), and the
total counts those paths too.

Examples:
  python main.py walk scenarios/demo_shipper.yaml
  python main.py walk scenarios/demo_shipper.yaml --limit 20
  python main.py walk scenarios/demo_shipper.yaml --graph mermaid > graph.md
  python main.py walk scenarios/demo_shipper.yaml --graph dot | dot -Tsvg > graph.svg
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from game.cli.common import add_lang, default_lang
from game.cli.words import N_, _, marked
from game.core import walk
from game.core.loader import load_scenario

OUTCOME_COLOURS = {"safe": "#2e7d32", "harmed": "#ef6c00", "scammed": "#c62828"}
DEFAULT_LIMIT = 100

SUMMARY = (
    # Translators: walk's last line; {total} is the number of paths (routes through the story), perhaps with
    # "at least " before it; {ends} lists the endings' ids
    N_("{total} paths; endings: {ends}"),
    # Translators: added to walk's last line when not every path was printed; keep the options as they are
    N_("; the first {shown} printed (--limit N, --limit 0 for all)"),
    # Translators: before a number of paths that is only a lower bound; keep the trailing space
    N_("at least "),
)


def register(p) -> None:
    p.add_argument("file", type=Path, help=_("a scenario file"))
    p.add_argument("--graph", choices=("mermaid", "dot"),
                   help=_("print the step graph instead of paths (mermaid: a fenced block for Markdown)"))
    p.add_argument("--limit", type=int, default=DEFAULT_LIMIT,
                   help=_("print at most N paths (default {default}; 0 = all of them)").format(default=DEFAULT_LIMIT))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--timeouts", action="store_true", help=_("also list paths where a timer runs out"))
    add_lang(p)
    p.set_defaults(run=run)


def run(args) -> int:
    lang = args.lang or default_lang()
    loaded = load_scenario(args.file)
    if not loaded.ok:
        for d in loaded.errors:
            print(d.format(lang))
        return 1
    scn = loaded.scenario
    if args.graph:
        print(mermaid(scn) if args.graph == "mermaid" else dot(scn))
        return 0
    limit = args.limit if args.limit and args.limit > 0 else None
    listing = walk.paths(scn, limit=limit, timeouts=args.timeouts)
    if args.format == "json":
        listed = [{"choices": [f"{s}/{c}" for s, c in p.choices], "ending": p.ending, "outcome": p.outcome,
                   "score": p.score, "possible": p.possible, "percent": p.percent} for p in listing]
        stats = walk.stats(scn, timeouts=args.timeouts)
        print(json.dumps({"scenario": scn.id, "paths": stats.paths, "paths_exact": stats.complete,
                          "endings": sorted(stats.endings), "limit": limit, "listed": listed},
                         ensure_ascii=False, indent=2))
        return 0
    shown = 0
    for shown, p in enumerate(listing, 1):  # streamed: the first paths appear at once
        route = " → ".join(c for _, c in p.choices)
        end = f"{p.ending} ({p.outcome})" if p.ending else "(loop)"
        print(f"{shown:4}. {f'{p.score}/{p.possible}':>7} {p.percent:3}%  {end:28} {route}")
        if shown % 50 == 0:
            sys.stdout.flush()
    stats = walk.stats(scn, timeouts=args.timeouts)
    total_text, shown_text, at_least = (marked(s, lang) for s in SUMMARY)
    total = f"{'' if stats.complete else at_least}{stats.paths}"
    line = total_text.format(total=total, ends=", ".join(sorted(stats.endings)))
    if not stats.complete or shown < stats.paths:
        line += shown_text.format(shown=shown)
    print(line)
    return 0


def _edges(scn):
    for st in scn.steps:
        for c in scn.offered_choices(st):
            for t in dict.fromkeys(c.targets):
                yield st.id, t, c.id
        if st.timeout and st.timeout.go:
            yield st.id, st.timeout.go, "(timeout)"


def mermaid(scn) -> str:
    """A Mermaid flowchart in a ```mermaid fence, ready to paste into Markdown. Node keys get a
    prefix because some ids (`end`, `graph`) are Mermaid keywords; the label shows the real id."""
    lines = ["```mermaid", "flowchart TD"]
    for st in scn.steps:
        lines.append(f'    n_{st.id}["{st.id}"]')
    for e in scn.endings:
        lines.append(f'    n_{e.id}(("{e.id}"))')
        lines.append(f"    style n_{e.id} fill:{OUTCOME_COLOURS[e.outcome]},color:#fff")
    for src, dst, label in _edges(scn):
        lines.append(f'    n_{src} -->|"{label}"| n_{dst}')
    lines.append("```")
    return "\n".join(lines)


def dot(scn) -> str:
    lines = [f'digraph "{scn.id}" {{', "  rankdir=TB;", "  node [shape=box, fontname=sans];"]
    for st in scn.steps:
        lines.append(f'  "{st.id}";')
    for e in scn.endings:
        lines.append(f'  "{e.id}" [shape=doublecircle, style=filled, fillcolor="{OUTCOME_COLOURS[e.outcome]}", fontcolor=white];')
    for src, dst, label in _edges(scn):
        lines.append(f'  "{src}" -> "{dst}" [label="{label}"];')
    lines.append("}")
    return "\n".join(lines)
