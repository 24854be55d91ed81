"""No import circle among the view's modules: scenes navigate by name (`game/ui/nav.py`).

The scan reads every module under game/ui with `ast` and follows every import, including the
ones inside functions (a lazy import is still a dependency, only a later one). A cycle means two
scenes know each other's classes; they should ask for each other by name instead.
"""

from __future__ import annotations

import ast
from pathlib import Path

import game

UI = Path(game.__file__).parent / "ui"


def _module_name(path: Path, root: Path) -> str:
    rel = path.relative_to(root.parent.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(mod: str, is_pkg: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = mod.split(".") if is_pkg else mod.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def import_graph(root: Path = UI) -> dict[str, set[str]]:
    files = {_module_name(p, root): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in files}
    for mod, path in files.items():
        is_pkg = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(mod, is_pkg, node)
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            for t in targets:
                # `from .. import items` names a module; `from ..kit import Column` names its package's module
                if t in files and t != mod:
                    graph[mod].add(t)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            node, it = work[-1]
            nxt = next(it, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                elif nxt in on:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    m = stack.pop()
                    on.discard(m)
                    comp.append(m)
                    if m == node:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


def test_the_scan_finds_a_cycle():
    # the scan itself can fail: a made-up circle a → b → c → a is found
    g = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(g) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_scan_sees_lazy_imports(tmp_path):
    pkg = tmp_path / "game" / "ui"
    (pkg / "scenes").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "scenes" / "__init__.py").write_text("")
    (pkg / "scenes" / "a.py").write_text("def f():\n    from .b import B\n")
    (pkg / "scenes" / "b.py").write_text("from . import a\n")
    assert cycles(import_graph(pkg)) == [["game.ui.scenes.a", "game.ui.scenes.b"]]


def test_no_import_cycle_among_view_modules():
    graph = import_graph()
    assert "game.ui.scenes.play" in graph and graph["game.ui.scenes.play"], "the scan read nothing"
    found = cycles(graph)
    assert not found, "import cycles under game/ui (navigate by name with app.goto/push_named):\n" + "\n".join(
        " ↔ ".join(c) for c in found)


def test_every_scene_name_opens_a_scene():
    from game.ui import nav
    from game.ui.scene import Scene

    for name in nav.SCENES:
        assert issubclass(nav.scene_class(name), Scene), name
    try:
        nav.scene_class("no_such_scene")
    except KeyError as e:
        assert "picker" in str(e)  # the message lists the names that exist
    else:
        raise AssertionError("an unknown scene name must be refused")
