"""Strict YAML reading: bytes in, a node tree with line/column marks out, or diagnostics.

Only parser events are used, so no Python object is ever constructed. Aliases are
refused (they make alias bombs possible and authors never need them), nesting is
capped, and oversize or non-UTF-8 files are refused before parsing.
"""

from __future__ import annotations

import re
import unicodedata

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Diagnostic, Mark
from .yamlhelp import explain, same_mistake_elsewhere

MAX_BYTES = 512 * 1024
MAX_DEPTH = 40
STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "map", "seq")
}


# A plain date (`created: 2026-10-02`) resolves to a timestamp; the schema reads its raw text, as
# it reads `clock: 19:30`, so it is no tag the author wrote.
TIMESTAMP = "tag:yaml.org,2002:timestamp"

_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_TAG = "tag:yaml.org,2002:"


_PLAIN_TAGS: dict[str, str] = {}  # keys and ids repeat a lot; resolve each spelling once


_STR, _SEQ, _MAP = _TAG + "str", _TAG + "seq", _TAG + "map"


def _resolve(self, kind, value, implicit):
    """Resolver.resolve without the path machinery (unused here): same tags, far cheaper."""
    if kind is ScalarNode:
        if not implicit[0]:
            return _STR
        tag = _PLAIN_TAGS.get(value)
        if tag is None:
            tag = next((t for t, rx in _IMPLICIT.get(value[:1], ()) if rx.match(value)), _STR)
            if len(_PLAIN_TAGS) < 50_000:
                _PLAIN_TAGS[value] = tag
        return tag
    return _SEQ if kind is SequenceNode else _MAP


# libyaml's parser is ~15x faster than the pure-Python one; both give the same events.
# Its composer also calls descend_resolver(parent, index) and ascend_resolver() at every node, for
# path resolvers, which are never registered here: `slice` and `tuple` are built-in callables that
# take those arguments and do nothing that matters, at a fraction of a Python call's cost (~4% of
# composing a scenario).
_Parser = type("_Parser", (getattr(yaml, "CSafeLoader", yaml.SafeLoader),),
               {"resolve": _resolve, "descend_resolver": slice, "ascend_resolver": tuple})
# The pure-Python parser has no limits of its own (its scanner and parser keep explicit
# stacks), so it is the referee when libyaml refuses a text: what it finds first under
# our own caps says what the problem *is*, whatever libyaml's version or wording.
_PyParser = type("_PyParser", (yaml.SafeLoader,), {"resolve": _resolve})


class _Refused(Exception):
    def __init__(self, code: str, mark, **args):
        super().__init__(code)
        self.code = code
        self.mark = mark
        self.args_ = args


def _compose_events(text: str, parser=_Parser) -> Node | None:
    """Build the node tree from parser events with an explicit stack.

    PyYAML's own composer recurses (deep nesting overflows) and follows aliases; this
    one refuses aliases, caps depth, and refuses a second document.
    """
    loader = parser(text)
    try:
        root: Node | None = None
        stack: list[list] = []  # [node, pending mapping key or None]
        documents = 0
        while True:
            ev = loader.get_event()
            if isinstance(ev, yaml.StreamEndEvent):
                return root
            if isinstance(ev, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _Refused("LC011", ev.start_mark)
                continue
            if isinstance(ev, yaml.StreamStartEvent | yaml.DocumentEndEvent):
                continue
            if isinstance(ev, yaml.AliasEvent):
                raise _Refused("LC004", ev.start_mark)
            if isinstance(ev, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                stack.pop()
                continue
            if isinstance(ev, yaml.ScalarEvent):
                tag = ev.tag if ev.tag not in (None, "!") else loader.resolve(ScalarNode, ev.value, ev.implicit)
                # libyaml reports a plain scalar's style as "" where PyYAML says None.
                node = ScalarNode(tag, ev.value, ev.start_mark, ev.end_mark, style=ev.style or None)
            elif isinstance(ev, yaml.SequenceStartEvent):
                tag = ev.tag if ev.tag not in (None, "!") else loader.resolve(SequenceNode, None, ev.implicit)
                node = SequenceNode(tag, [], ev.start_mark, ev.end_mark, flow_style=ev.flow_style)
            else:  # MappingStartEvent
                tag = ev.tag if ev.tag not in (None, "!") else loader.resolve(MappingNode, None, ev.implicit)
                node = MappingNode(tag, [], ev.start_mark, ev.end_mark, flow_style=ev.flow_style)
            if not stack:
                root = node
            else:
                parent = stack[-1]
                if isinstance(parent[0], SequenceNode):
                    parent[0].value.append(node)
                elif parent[1] is None:
                    parent[1] = node
                else:
                    parent[0].value.append((parent[1], node))
                    parent[1] = None
            if isinstance(node, SequenceNode | MappingNode):
                if len(stack) >= MAX_DEPTH:
                    raise _Refused("LC005", ev.start_mark, limit=MAX_DEPTH)
                stack.append([node, None])
    finally:
        loader.dispose()


_DEEP_INDENT = re.compile(r"^ {400,}\S", re.M)
_DEEP_DASHES = re.compile(r"(?:- +){200,}")
_TWO_DASHES = re.compile(r"- +-")  # in every match of _DEEP_DASHES, and found far faster
_BRACKETS = re.compile(r"[\[\]{}]")


def _looks_deep(text: str) -> bool:
    """Could this text nest hundreds of levels? Then take the slower, capped path.

    libyaml's composer recurses in C, so it only gets files that cannot nest that deep.
    Quoted brackets may overestimate, which only costs speed.
    """
    # each regex only after a cheap test that every match passes (the regexes cost 10x more)
    if " " * 400 in text and _DEEP_INDENT.search(text):
        return True
    if _TWO_DASHES.search(text) and _DEEP_DASHES.search(text):
        return True
    if text.count("[") + text.count("{") <= 200:
        return False
    depth = 0
    for m in _BRACKETS.finditer(text):
        depth += 1 if m.group() in "[{" else -1
        if depth > 200:
            return True
    return False


def _compose_fast(text: str) -> Node | None:
    loader = _Parser(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def mark_of(obj) -> Mark:
    """A 1-based Mark from a node, a raw YAML mark, or a Mark."""
    if isinstance(obj, Mark):
        return obj
    m = obj.start_mark if isinstance(obj, Node) else obj
    return Mark(m.line + 1, m.column + 1)


# Control characters written raw in the file: C0 except tab, newline and CR, DEL, and C1.
# YAML refuses most of them outright, and reads U+0085 (NEL) as a line break, so a pasted
# one would either stop the whole file or silently split a text; each is reported where it is.
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MAX_CONTROL_LINES = 10  # one diagnostic per line, for the first lines that have any


def _looks_utf16(data: bytes) -> bool:
    """UTF-16/32 text: a byte-order mark, or NUL bytes in a good share of the file (every
    other byte of ASCII text). A stray NUL pasted into UTF-8 text is not that."""
    return data.startswith((b"\xff\xfe", b"\xfe\xff")) or data.count(b"\x00") * 8 > len(data)


_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")


def _looks_8bit_text(data: bytes) -> bool:
    """Text in an older 8-bit encoding (Windows-1258, Latin-1, TCVN3, ...), not binary: no control
    bytes but tab, line breaks and form feed, and mostly ASCII, as a YAML file is whatever its language.
    Then the author's editor saved it in the wrong encoding, and re-saving it as UTF-8 is the fix."""
    return not _BINARY_BYTES.search(data) and sum(b < 0x80 for b in data) * 2 >= len(data)


def decode(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    if len(data) > MAX_BYTES:
        return None, [Diagnostic(path, Mark(1, 1), "LC001", {"limit_kb": MAX_BYTES // 1024})]
    if b"\x00" in data and _looks_utf16(data):
        return None, [Diagnostic(path, _offset_mark(data, data.index(b"\x00")), "LC010")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        args = {"variant": "legacy"} if _looks_8bit_text(data) else {}
        return None, [Diagnostic(path, _offset_mark(data, exc.start), "LC010", args)]
    text = unicodedata.normalize("NFC", text)
    controls = raw_controls(text, path)
    return (None, controls) if controls else (text, [])


def raw_controls(text: str, path: str) -> list[Diagnostic]:
    """LC420 for control characters typed or pasted raw into the file, at their line and column."""
    from .textgate import describe

    if _RAW_CONTROL.search(text) is None:
        return []
    out: list[Diagnostic] = []
    for ln, line in enumerate(text.split("\n"), 1):
        found = _RAW_CONTROL.findall(line)
        if not found:
            continue
        col = _RAW_CONTROL.search(line).start() + 1
        out.append(Diagnostic(path, Mark(ln, col), "LC420",
                              {"variant": "raw", "char": describe(found[0]), "count": len(found)}))
        if len(out) >= MAX_CONTROL_LINES:
            break
    return out


def _offset_mark(data: bytes, offset: int) -> Mark:
    before = data[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return Mark(line, col)


def compose(text: str, path: str) -> tuple[Node | None, list[Diagnostic]]:
    """Compose one YAML document. Returns (root, diagnostics); root is None on failure."""
    if _nothing_but_comments(text):
        return None, [Diagnostic(path, Mark(1, 1), "LC008")]
    try:
        root = _compose_events(text) if _looks_deep(text) else _compose_fast(text)
    except _Refused as r:
        return None, [Diagnostic(path, mark_of(r.mark), r.code, r.args_)]
    except yaml.YAMLError as exc:
        first = _refusal(text, path, exc)
        more = [] if first.code != "LC002" else [
            Diagnostic(path, Mark(c.line, c.col), c.code, c.args) for c in same_mistake_elsewhere(text, first.mark.line)
            if c.args.get("variant") == first.args.get("variant")]
        return None, sorted([first, *more], key=lambda d: (d.mark.line, d.mark.col))
    if root is None:
        return None, [Diagnostic(path, Mark(1, 1), "LC008")]
    diags: list[Diagnostic] = []
    _check_tree(root, path, diags, text)
    # two items run together would be checked as one, and every finding would follow from that
    broken = any(d.code in ("LC004", "LC005", "LC006") or d.args.get("variant") == "missing_dash" for d in diags)
    return (None if broken else root), diags


def _is_content(line: str) -> bool:
    return bool(line.strip()) and not line.lstrip().startswith("#")


def _nothing_but_comments(text: str) -> bool:
    """Is every line blank or a comment (or the text empty)?

    The first 4 KB answer "no" for nearly every file without splitting the whole text into
    lines: a line there with something other than a comment is such a line in the text too (the
    last one may be cut short, but not before its first character that is not a space)."""
    if not text or text.isspace():
        return True
    if any(_is_content(ln) for ln in text[:4096].splitlines()):
        return False
    return not any(_is_content(ln) for ln in text.splitlines())


def _item_start(text: str, key: Node) -> bool:
    """Is `key` (the first key of a mapping) written just after the `- ` of a block list item?"""
    m = mark_of(key)
    before = _line_at(text, m.line)[: m.col - 1]
    return before.rstrip().endswith("-") and not before.strip().strip("- ")


def _line_at(text: str, line: int) -> str:
    lines = text.split("\n")
    return lines[line - 1] if 1 <= line <= len(lines) else ""


def _refusal(text: str, path: str, exc: yaml.YAMLError) -> Diagnostic:
    """One diagnostic for a text libyaml refused.

    libyaml may refuse deep nesting or aliases itself (newer releases cap nesting), with a
    message that changes between versions. So the text is read again by the pure-Python
    parser under our own caps: if it meets one of them first, that is the problem.
    Otherwise it is a plain syntax error, reported where libyaml stopped.
    """
    try:
        _compose_events(text, _PyParser)
    except _Refused as r:
        return Diagnostic(path, mark_of(r.mark), r.code, r.args_)
    except yaml.YAMLError:
        pass  # a plain syntax error: libyaml's own report of it stands
    if isinstance(exc, yaml.MarkedYAMLError):
        return _yaml_error(exc, path, text)
    cause = explain(text, 1, 1)
    return Diagnostic(path, Mark(cause.line, cause.col), cause.code, cause.args)


def _yaml_error(exc: yaml.MarkedYAMLError, path: str, text: str) -> Diagnostic:
    """The cause read from the text around where the parser stopped, never from its wording."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    cause = explain(text, line, col)
    return Diagnostic(path, Mark(cause.line, cause.col), cause.code, cause.args)


def _may_start_token(text: str, ch: str) -> bool:
    """Is there a `*` or `!` (ch) that could start an alias or a tag? libyaml starts a token only
    after a blank, a line break, an indicator or the start of the text, never right after a
    letter, digit or `_` (`Gấp!` and `x*y` are text) nor inside another tag or alias (`!!str`)."""
    at = text.find(ch)
    while at >= 0:
        before = text[at - 1] if at else " "
        if not (before.isalnum() or before == "_" or before == ch):
            return True
        at = text.find(ch, at + 1)
    return False


def _check_tree(root: Node, path: str, diags: list[Diagnostic], text: str) -> None:
    """Refuse aliases, foreign tags, duplicate keys and deep nesting, iteratively.

    An alias makes libyaml reuse a node, so a node met twice is an alias; each node is
    visited once, which also keeps an alias bomb from exploding here. Aliases need a `*`
    and tags a `!` where a token starts, so without them scalars need no visit at all.
    """
    aliases = _may_start_token(text, "*")
    tags = _may_start_token(text, "!")
    visit_scalars = aliases or tags
    stack = [(root, 1)]
    seen_nodes: set[int] = set()
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            diags.append(Diagnostic(path, mark_of(node), "LC005", {"limit": MAX_DEPTH}))
            return
        if aliases:
            if id(node) in seen_nodes:
                if not any(d.code == "LC004" for d in diags):
                    diags.append(Diagnostic(path, mark_of(node), "LC004"))
                continue
            seen_nodes.add(id(node))
        if tags and node.tag not in STANDARD_TAGS and not (node.tag == TIMESTAMP and not node.style):
            diags.append(Diagnostic(path, mark_of(node), "LC006", {"tag": node.tag}))
            continue
        if node.__class__ is MappingNode:
            if not visit_scalars:  # the common case first: scalar keys, none repeated
                try:
                    distinct = len({key.value for key, _value in node.value}) == len(node.value)
                except TypeError:  # a key that is a list or a mapping
                    distinct = False
                if distinct:
                    stack += [(value, depth + 1) for _key, value in node.value if value.__class__ is not ScalarNode]
                    continue
            keys: dict[str, Node] = {}
            joined = False  # a second item whose `- ` is missing: its keys repeat the first item's
            for key, value in node.value:
                if key.__class__ is ScalarNode:
                    if joined:
                        pass
                    elif key.value in keys and keys[key.value] is node.value[0][0] and _item_start(text, keys[key.value]):
                        # the item's first key again, further down: the `- ` before it was left out
                        joined = True
                        m = mark_of(key)
                        diags.append(Diagnostic(path, m, "LC007", {
                            "variant": "missing_dash", "key": key.value, "line": mark_of(keys[key.value]).line,
                            "fix": "- " + _line_at(text, m.line).strip()}))
                    elif key.value in keys:
                        first = mark_of(keys[key.value])
                        diags.append(Diagnostic(path, mark_of(key), "LC007", {"key": key.value, "line": first.line}))
                    else:
                        keys[key.value] = key
                    if visit_scalars:
                        stack.append((key, depth + 1))
                else:
                    stack.append((key, depth + 1))
                if visit_scalars or value.__class__ is not ScalarNode:
                    stack.append((value, depth + 1))
        elif node.__class__ is SequenceNode:
            stack += [(item, depth + 1) for item in node.value if visit_scalars or item.__class__ is not ScalarNode]
