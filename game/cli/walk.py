"""List every path through a scenario, or export its graph.

Each path is printed with its choices, its ending and its score (points out of the
best available at each decision, and a percentage). A step may appear at most twice
on one path, so loops end; a cut loop is shown as `(loop)`. With --timeouts, a step
with a timer also branches to where the story goes when time runs out, shown as
`(timeout)` (unscored: running out of time chooses nothing).

Examples:
  python main.py walk scenarios/demo_shipper.yaml
  python main.py walk scenarios/demo_shipper.yaml --limit 20
  python main.py walk scenarios/demo_shipper.yaml --graph mermaid > graph.md
  python main.py walk scenarios/demo_shipper.yaml --graph dot | dot -Tsvg > graph.svg
"""

from __future__ import annotations

import json
from pathlib import Path

from game.cli.common import add_lang, default_lang
from game.core import walk
from game.core.loader import load_scenario

OUTCOME_COLOURS = {"safe": "#2e7d32", "harmed": "#ef6c00", "scammed": "#c62828"}


def register(p) -> None:
    p.add_argument("file", type=Path, help="a scenario file")
    p.add_argument("--graph", choices=("mermaid", "dot"), help="print the step graph instead of paths")
    p.add_argument("--limit", type=int, default=None, help="print at most N paths")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--timeouts", action="store_true", help="also list paths where a timer runs out")
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
    stats = walk.stats(scn)
    listed = list(walk.paths(scn, limit=args.limit, timeouts=args.timeouts))
    if args.format == "json":
        print(json.dumps({
            "scenario": scn.id,
            "paths": stats.paths,
            "listed": [{"choices": [f"{s}/{c}" for s, c in p.choices], "ending": p.ending,
                        "outcome": p.outcome, "score": p.score, "possible": p.possible,
                        "percent": p.percent} for p in listed],
        }, ensure_ascii=False, indent=2))
        return 0
    for i, p in enumerate(listed, 1):
        route = " → ".join(c for _, c in p.choices)
        end = f"{p.ending} ({p.outcome})" if p.ending else "(loop)"
        print(f"{i:4}. {p.score}/{p.possible} {p.percent:3}%  {end:28} {route}")
    word = "lối đi" if lang == "vi" else "paths"
    ends = ", ".join(sorted(stats.endings))
    print(f"{stats.paths} {word}; {ends}" + (f"; {len(listed)} shown" if args.limit else ""))
    return 0


def _edges(scn):
    for st in scn.steps:
        for c in scn.offered_choices(st):
            for t in dict.fromkeys(c.targets):
                yield st.id, t, c.id
        if st.timeout and st.timeout.go:
            yield st.id, st.timeout.go, "(timeout)"


def mermaid(scn) -> str:
    lines = ["flowchart TD"]
    for st in scn.steps:
        lines.append(f"    {st.id}[{st.id}]")
    for e in scn.endings:
        lines.append(f"    {e.id}(({e.id}))")
        lines.append(f"    style {e.id} fill:{OUTCOME_COLOURS[e.outcome]},color:#fff")
    for src, dst, label in _edges(scn):
        lines.append(f"    {src} -->|{label}| {dst}")
    return "\n".join(lines)


def dot(scn) -> str:
    lines = [f'digraph "{scn.id}" {{', "  rankdir=TB;", "  node [shape=box, fontname=sans];"]
    for e in scn.endings:
        lines.append(f'  "{e.id}" [shape=doublecircle, style=filled, fillcolor="{OUTCOME_COLOURS[e.outcome]}", fontcolor=white];')
    for src, dst, label in _edges(scn):
        lines.append(f'  "{src}" -> "{dst}" [label="{label}"];')
    lines.append("}")
    return "\n".join(lines)

