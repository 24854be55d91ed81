"""walk: counting and listing agree, long chains never recurse, the command streams and stops,
and both graph exports parse."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.cli.lint import check_file
from game.core import walk
from game.core.generate import chain_yaml, scenario_yaml
from game.core.loader import load_scenario

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))


def _load(tmp_path, text, name="s.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    loaded = load_scenario(path)
    assert loaded.ok, [d.format("en") for d in loaded.errors]
    return path, loaded.scenario


def _depth() -> int:
    f, n = sys._getframe(), 0
    while f is not None:
        f, n = f.f_back, n + 1
    return n


class _ShallowStack:
    """Allow only a few frames more than the caller has: any recursion over a path's length fails."""

    def __enter__(self):
        self.old = sys.getrecursionlimit()
        sys.setrecursionlimit(_depth() + 60)

    def __exit__(self, *exc):
        sys.setrecursionlimit(self.old)


def _same(scn):
    st = walk.stats(scn)
    listed = list(walk.paths(scn))
    assert st.complete
    assert st.paths == len(listed)
    assert st.endings == {p.ending for p in listed if p.ending}
    assert st.loops == sum(1 for p in listed if p.ending is None)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_count_equals_listing_on_shipped(path):
    _same(load_scenario(path).scenario)


@pytest.mark.parametrize("steps,back", [(6, 1), (9, 2), (12, 3), (15, 0)])
def test_count_equals_listing_with_loops(tmp_path, steps, back):
    _same(_load(tmp_path, chain_yaml("loopy", steps=steps, back=back))[1])


@pytest.mark.slow  # a 1,000-step file: CI's slow stage
def test_thousand_step_chain_never_recurses(tmp_path):
    path, scn = _load(tmp_path, chain_yaml("long", steps=1000, back=7))
    assert path.stat().st_size < 512 * 1024  # valid, under the size cap
    with _ShallowStack():
        st = walk.stats(scn)
        first = next(walk.paths(scn))
        best = walk.safest_path(scn)
        report = check_file(path)
    assert st.complete and st.paths > 10**100 and st.endings == {"end_safe", "end_bad"}
    assert len(first.choices) == 1000 and first.ending == "end_safe"
    assert best is not None and best.percent == 100 and best.ending == "end_safe"
    assert not [d for d in report.diagnostics if d.severity == "error"] and report.paths == st.paths


def test_big_loop_stops_at_the_budget_and_says_so(tmp_path):
    _path, scn = _load(tmp_path, chain_yaml("knot", steps=30, back=1))
    st = walk.stats(scn, budget=2000)
    assert not st.complete
    listed = sum(1 for _ in walk.paths(scn, limit=st.paths))
    assert listed == st.paths  # a lower bound: at least that many paths really exist


def test_walk_command_streams_a_never_ending_listing_and_states_its_limit(tmp_path, capsys):
    path, scn = _load(tmp_path, scenario_yaml("wide", steps=50, choices=3))
    assert main(["walk", str(path), "--lang", "en"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    numbered = [ln for ln in lines if re.match(r"\s*\d+\. ", ln)]
    assert len(numbered) == 100
    assert lines[-1].startswith(f"{walk.stats(scn).paths} paths")
    assert "--limit" in lines[-1] and "100" in lines[-1]


TIMED = [p for p in SHIPPED if "timeout:" in p.read_text(encoding="utf-8")][:2]


@pytest.mark.parametrize(("path", "flags"), [*[(p, []) for p in SHIPPED[:3]], *[(p, ["--timeouts"]) for p in TIMED]],
                         ids=lambda v: v.name if isinstance(v, Path) else " ".join(v))
def test_walk_command_counts_what_it_lists(path, flags, capsys):
    """--timeouts once listed 11 paths and said '10 paths' (the total left out the timeout branches)."""
    assert main(["walk", str(path), "--lang", "en", "--limit", "0", *flags]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    numbered = [ln for ln in lines if re.match(r"\s*\d+\. ", ln)]
    total = int(lines[-1].split()[0])
    assert total == len(numbered)
    assert not flags or any("(timeout)" in ln for ln in numbered)
    assert len({ln.index("%") - ln.index(". ") for ln in numbered}) == 1  # the score column lines up


@pytest.mark.parametrize("path", TIMED, ids=lambda p: p.name)
def test_count_equals_listing_with_timeouts(path):
    scn = load_scenario(path).scenario
    st, listed = walk.stats(scn, timeouts=True), list(walk.paths(scn, timeouts=True))
    assert st.complete and st.paths == len(listed) > walk.stats(scn).paths
    assert st.endings == {p.ending for p in listed if p.ending}


def test_walk_json_lists_at_most_the_limit(tmp_path, capsys):
    path, _ = _load(tmp_path, scenario_yaml("wide", steps=30, choices=3))
    assert main(["walk", str(path), "--format", "json", "--limit", "7"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["listed"]) == 7 and data["limit"] == 7 and data["paths"] > 7


def _graph(path, kind, capsys) -> str:
    assert main(["walk", str(path), "--graph", kind]) == 0
    return capsys.readouterr().out


def _edges(scn) -> set:
    """Every choice's targets, and where the story goes when a timer runs out."""
    edges = {(st.id, t, c.id) for st in scn.steps for c in scn.offered_choices(st) for t in c.targets}
    return edges | {(st.id, st.timeout.go, "(timeout)") for st in scn.steps if st.timeout and st.timeout.go}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_mermaid_is_a_fenced_flowchart_with_every_edge(path, capsys):
    scn = load_scenario(path).scenario
    lines = _graph(path, "mermaid", capsys).strip().splitlines()
    assert lines[0] == "```mermaid" and lines[-1] == "```" and lines[1] == "flowchart TD"
    nodes, edges = {}, set()
    for ln in lines[2:-1]:
        if m := re.fullmatch(r' {4}(n_[a-z][a-z0-9_]*)(\["([a-z0-9_]+)"\]|\(\("([a-z0-9_]+)"\)\))', ln):
            nodes[m.group(1)] = m.group(3) or m.group(4)
        elif m := re.fullmatch(r' {4}n_([a-z0-9_]+) -->\|"([a-z0-9_]+|\(timeout\))"\| n_([a-z0-9_]+)', ln):
            edges.add((m.group(1), m.group(3), m.group(2)))
        else:
            assert re.fullmatch(r" {4}style n_[a-z0-9_]+ fill:#[0-9a-f]{6},color:#fff", ln), ln
    assert set(nodes.values()) == {x.id for x in [*scn.steps, *scn.endings]}
    assert edges == _edges(scn)


@pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz is not installed")
@pytest.mark.parametrize("path", SHIPPED[:4], ids=lambda p: p.name)
def test_dot_renders_with_graphviz_and_has_every_edge(path, capsys):
    scn = load_scenario(path).scenario
    text = _graph(path, "dot", capsys)
    svg = subprocess.run(["dot", "-Tsvg"], input=text, capture_output=True, text=True, timeout=60)
    assert svg.returncode == 0 and "<svg" in svg.stdout, svg.stderr
    data = json.loads(subprocess.run(["dot", "-Tjson"], input=text, capture_output=True, text=True,
                                     timeout=60, check=True).stdout)
    names = [o["name"] for o in data["objects"]]
    assert set(names) == {x.id for x in [*scn.steps, *scn.endings]}
    edges = {(names[e["tail"]], names[e["head"]], e["label"]) for e in data.get("edges", [])}
    assert edges == {(a, b, c) for a, b, c in _edges(scn)}
