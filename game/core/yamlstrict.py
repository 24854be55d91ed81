"""Strict YAML reading: bytes in, a node tree with line/column marks out, or diagnostics.

Only `yaml.compose` is used, so no Python object is ever constructed. Aliases are
refused (they make alias bombs possible and authors never need them), nesting is
capped (PyYAML's composer recurses), and oversize or non-UTF-8 files are refused
before parsing.
"""

from __future__ import annotations

import unicodedata

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Diagnostic, Mark

MAX_BYTES = 512 * 1024
MAX_DEPTH = 40
STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "map", "seq")
}


class _Refused(Exception):
    def __init__(self, code: str, mark, **args):
        super().__init__(code)
        self.code = code
        self.mark = mark
        self.args_ = args


class _StrictComposer(yaml.SafeLoader):
    """SafeLoader that composes only, with aliases refused and nesting capped."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise _Refused("LC004", self.peek_event().start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused("LC005", self.peek_event().start_mark, limit=MAX_DEPTH)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def mark_of(obj) -> Mark:
    m = obj.start_mark if isinstance(obj, Node) else obj
    return Mark(m.line + 1, m.column + 1)


def decode(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    if len(data) > MAX_BYTES:
        return None, [Diagnostic(path, Mark(1, 1), "LC001", {"limit_kb": MAX_BYTES // 1024})]
    if b"\x00" in data:
        return None, [Diagnostic(path, _offset_mark(data, data.index(b"\x00")), "LC010")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Diagnostic(path, _offset_mark(data, exc.start), "LC010")]
    return unicodedata.normalize("NFC", text), []


def _offset_mark(data: bytes, offset: int) -> Mark:
    before = data[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return Mark(line, col)


def compose(text: str, path: str) -> tuple[Node | None, list[Diagnostic]]:
    """Compose one YAML document. Returns (root, diagnostics); root is None on failure."""
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return None, [Diagnostic(path, Mark(1, 1), "LC008")]
    loader = _StrictComposer(text)
    try:
        root = loader.get_single_node()
    except _Refused as r:
        return None, [Diagnostic(path, mark_of(r.mark), r.code, r.args_)]
    except yaml.MarkedYAMLError as exc:
        return None, [_yaml_error(exc, path)]
    except yaml.YAMLError as exc:  # e.g. a reader error
        return None, [Diagnostic(path, Mark(1, 1), "LC002", {"problem": str(exc).split("\n")[0]})]
    except RecursionError:
        return None, [Diagnostic(path, Mark(1, 1), "LC005", {"limit": MAX_DEPTH})]
    finally:
        loader.dispose()
    diags: list[Diagnostic] = []
    _check_tree(root, path, diags)
    return (None if any(d.code in ("LC006",) for d in diags) else root), diags


def _yaml_error(exc: yaml.MarkedYAMLError, path: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    problem = (exc.problem or exc.context or "").strip()
    if "'\\t'" in problem or "\\t" in problem or "tab" in problem:
        return Diagnostic(path, mark_of(mark), "LC003")
    if "expected a single document" in str(exc):
        return Diagnostic(path, mark_of(mark), "LC011")
    return Diagnostic(path, mark_of(mark) if mark else Mark(1, 1), "LC002", {"problem": problem})


def _check_tree(root: Node, path: str, diags: list[Diagnostic]) -> None:
    """Refuse foreign tags and duplicate keys anywhere, iteratively (no recursion)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.tag not in STANDARD_TAGS and not (
            isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:binary"
        ):
            diags.append(Diagnostic(path, mark_of(node), "LC006", {"tag": node.tag}))
            continue
        if node.tag == "tag:yaml.org,2002:binary":
            diags.append(Diagnostic(path, mark_of(node), "LC006", {"tag": node.tag}))
            continue
        if isinstance(node, MappingNode):
            seen: dict[str, Node] = {}
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    if key.value in seen:
                        first = mark_of(seen[key.value])
                        diags.append(
                            Diagnostic(
                                path, mark_of(key), "LC007", {"key": key.value, "line": first.line}
                            )
                        )
                    else:
                        seen[key.value] = key
                else:
                    stack.append(key)
                stack.append(value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
