"""Explain a YAML syntax error in the author's terms, from the text itself.

The YAML library's own message changes between versions and is written for programmers
("mapping values are not allowed in this context"). Only the *position* it stopped at is
used here: the lines around it are read again to recognise the common causes (a tab, a
`"` inside quoted text, a quote never closed, a missing space after `:` or `-`, an
unquoted colon in text, a line indented differently from its neighbours, an unclosed
`{` or `[`), each with a concrete fix and the exact column of the cause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KEY_LINE = re.compile(r"^(?P<lead>\s*(?:-\s+)*)(?P<key>[A-Za-z_][\w]*)\s*:(?:\s|$)")
KEY_NO_SPACE = re.compile(r"^(?P<lead>\s*(?:-\s+)*)(?P<key>[A-Za-z_][\w]*):(?P<rest>[^\s/:].*)$")
DASH_NO_SPACE = re.compile(r"^(?P<lead>\s*(?:-\s+)*)-(?P<rest>[A-Za-z_{\[\"'].*)$")
KEY_NO_COLON = re.compile(r"^(?P<lead>\s*(?:-\s+)*)(?P<key>[A-Za-z_][\w]*)\s+(?P<rest>[^:#]+)$")
BARE_KEY = re.compile(r"^(?P<lead>\s*(?:-\s+)*)(?P<key>[A-Za-z_][\w]*)\s*$")
DASH_LINE = re.compile(r"^(?P<lead>\s*)-\s+(?P<key>[A-Za-z_][\w]*)?")
RESERVED_START = re.compile(r"^(?P<lead>\s*(?:-\s+)*)(?P<key>[A-Za-z_][\w]*):\s+(?P<rest>[@`%].*)$")
PLAIN_VALUE = re.compile(r"^(?P<lead>\s*(?:-\s+)*)(?P<key>[A-Za-z_][\w]*):\s+(?P<value>[^\s\"'{\[|>#&*!].*)$")


@dataclass
class Cause:
    """What went wrong: the code (LC002 or LC003), where (1-based), and message arguments."""

    code: str
    line: int
    col: int
    args: dict


def explain(text: str, line: int, col: int) -> Cause:
    """The likeliest cause of a syntax error the parser met at 1-based (line, col)."""
    lines = text.split("\n")
    at = min(max(line - 1, 0), len(lines) - 1)
    for finder in (_tab, _reserved, _quote_inside, _unclosed_quote, _dash_space, _colon_space, _unquoted_colon,
                   _no_colon, _bracket, _indent):
        cause = finder(lines, at, col - 1)
        if cause:
            return cause
    return Cause("LC002", line, col, {"variant": "generic", "line": line})


def same_mistake_elsewhere(text: str, reported_line: int) -> list[Cause]:
    """Other lines with a quote ending the text too early, found without the parser.

    The parser stops at its first error, so an author who wrote `"` inside quoted text
    in five places would otherwise fix them one lint run at a time. Only lines that start
    outside any quoted text are read, so a text running over several lines is never misread.
    """
    lines = text.split("\n")
    out = []
    inside = None
    for i, line in enumerate(lines):
        if inside is None and i + 1 != reported_line:
            for kind, q, idx in _scan_quotes(line):
                if kind == "inside":
                    variant = "inner_quote" if q == '"' else "inner_single_quote"
                    out.append(Cause("LC002", i + 1, idx + 1, {"variant": variant, "key": _key_of(lines, i)}))
        inside = _still_open(line, inside)
    return out


def _still_open(line: str, inside: str | None) -> str | None:
    """The quote still open at the end of this line, given the one open at its start."""
    prev = "x" if inside else ""
    j = 0
    while j < len(line):
        ch = line[j]
        if inside:
            if inside == '"' and ch == "\\":
                j += 2
                continue
            if ch == inside:
                if inside == "'" and j + 1 < len(line) and line[j + 1] == "'":
                    j += 2
                    continue
                inside = None
                prev = ch
        elif ch == "#" and (j == 0 or line[j - 1] == " "):
            break
        elif ch in "\"'" and prev in ("", ":", "-", "[", "{", ","):
            inside = ch
        elif not ch.isspace():
            prev = ch
        j += 1
    return inside


def _recent(lines: list[str], at: int, back: int = 3):
    """Line indexes from `at` going back, skipping blank and comment lines."""
    i, seen = at, 0
    while i >= 0 and seen <= back:
        if lines[i].strip() and not lines[i].lstrip().startswith("#"):
            yield i
            seen += 1
        i -= 1


def _tab(lines, at, col):
    # A tab in the indentation anywhere up to the error (YAML never allows one there).
    for i in range(0, at + 1):
        m = re.match(r"^[ \-]*\t", lines[i])
        if m:
            return Cause("LC003", i + 1, m.end(), {"line": i + 1})
    if "\t" in lines[at][: max(col, 0) + 1]:
        return Cause("LC003", at + 1, lines[at].index("\t") + 1, {"line": at + 1})
    return None


def _scan_quotes(line: str):
    """Walk one line; yield (kind, quote char, index) for quoted values that end badly.

    kind is "inside" when a quote closes the text before the line's value is over, and
    "open" when the line ends inside quotes.
    """
    i, n = 0, len(line)
    prev = ""  # last non-space character outside quotes
    flow = 0  # depth of [ ] and { } on this line: there `,` `]` `}` may follow a quoted text
    while i < n:
        ch = line[i]
        if ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return
        if ch in "\"'" and prev in ("", ":", "-", "[", "{", ","):
            start = i
            i += 1
            while i < n:
                if ch == '"' and line[i] == "\\":
                    i += 2
                    continue
                if line[i] == ch:
                    if ch == "'" and i + 1 < n and line[i + 1] == "'":
                        i += 2  # '' is an escaped single quote
                        continue
                    break
                i += 1
            if i >= n:
                yield "open", ch, start
                return
            rest = line[i + 1:].lstrip()
            if rest and rest[0] not in (",}]#:" if flow else "#:"):
                yield "inside", ch, i
                return
            prev = ch
            i += 1
            continue
        if ch in "[{":
            flow += 1
        elif ch in "]}":
            flow = max(0, flow - 1)
        if not ch.isspace():
            prev = ch
        i += 1


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_of(lines: list[str], i: int) -> str:
    """The field a line's value belongs to: its own key, or for a list item the key above."""
    for j in range(i, -1, -1):
        m = KEY_LINE.match(lines[j])
        if m:
            return m.group("key")
    return "-"


def _reserved(lines, at, col):
    m = RESERVED_START.match(lines[at])
    if not m:
        return None
    text = m.group("rest").strip().replace("\\", "\\\\").replace('"', '\\"')
    return Cause("LC002", at + 1, m.start("rest") + 1, {"variant": "reserved_start", "key": m.group("key"),
                                                        "char": m.group("rest")[0],
                                                        "fix": f'{m.group("key")}: "{text}"'})


def _quote_inside(lines, at, col):
    for i in _recent(lines, at, back=1):
        for kind, q, idx in _scan_quotes(lines[i]):
            if kind == "inside":
                variant = "inner_quote" if q == '"' else "inner_single_quote"
                return Cause("LC002", i + 1, idx + 1, {"variant": variant, "key": _key_of(lines, i)})
    return None


def _open_quote_at(lines, at, col):
    """Where the quoted text that reaches the error (line `at`, column `col`) was opened, read as
    YAML does: a quoted text runs on over line ends until its closing quote."""
    quote = None  # (char, line, column) of the text we are inside
    last = None  # the most recent quoted text: (char, line, column, closed on line)
    for i in range(0, at + 1):
        line = lines[i]
        prev = "" if quote is None else "x"
        j = 0
        while j < len(line) and (i < at or j < col):
            ch = line[j]
            if quote:
                if quote[0] == '"' and ch == "\\":
                    j += 2
                    continue
                if ch == quote[0]:
                    if quote[0] == "'" and j + 1 < len(line) and line[j + 1] == "'":
                        j += 2
                        continue
                    last = (*quote, i)
                    quote = None
                    prev = ch
            elif ch == "#" and (j == 0 or line[j - 1] == " "):
                break
            elif ch in "\"'" and prev in ("", ":", "-", "[", "{", ","):
                quote = (ch, i, j)
            elif not ch.isspace():
                prev = ch
            j += 1
    if quote and quote[1] < at:
        return quote
    if last and last[1] < at <= last[3]:
        return last[:3]
    return None


def _unclosed_quote(lines, at, col):
    spanning = _open_quote_at(lines, at, col)
    if spanning:
        q, i, j = spanning
        return Cause("LC002", i + 1, j + 1, {"variant": "unclosed_quote", "quote": q,
                                             "key": _key_of(lines, i), "line": i + 1})
    for i in _recent(lines, at, back=12):
        if i == at and i > 0:
            continue  # the error is reported where the open text first misleads the parser
        for kind, q, idx in _scan_quotes(lines[i]):
            if kind == "open":
                return Cause("LC002", i + 1, idx + 1, {"variant": "unclosed_quote", "quote": q,
                                                       "key": _key_of(lines, i), "line": i + 1})
    return None


def _dash_space(lines, at, col):
    for i in _recent(lines, at, back=1):
        m = DASH_NO_SPACE.match(lines[i])
        if m and not lines[i].lstrip().startswith("---"):
            dash = len(m.group("lead"))
            return Cause("LC002", i + 1, dash + 1, {"variant": "dash_space", "line": i + 1,
                                                    "fix": f"- {m.group('rest')}".strip()})
    return None


def _colon_space(lines, at, col):
    for i in _recent(lines, at, back=1):
        m = KEY_NO_SPACE.match(lines[i])
        if m:
            colon = len(m.group("lead")) + len(m.group("key"))
            return Cause("LC002", i + 1, colon + 1, {"variant": "colon_space", "key": m.group("key"),
                                                     "fix": f"{m.group('key')}: {m.group('rest').strip()}"})
    return None


def _unquoted_colon(lines, at, col):
    m = PLAIN_VALUE.match(lines[at])
    if not m:
        return _flow_colon(lines[at], at, col)
    value = m.group("value")
    start = m.start("value")
    inner = re.search(r":(\s|$)", value)
    if not inner:
        return None
    text = re.sub(r"\s+#.*$", "", value).rstrip().replace("\\", "\\\\").replace('"', '\\"')
    return Cause("LC002", at + 1, start + inner.start() + 1,
                 {"variant": "unquoted_colon", "key": m.group("key"), "fix": f'{m.group("key")}: "{text}"'})


def _flow_colon(line: str, at: int, col: int):
    """`{id: m1, text: Alo: em}`: the parser stops at the second colon of a flow mapping."""
    if not (0 <= col < len(line) and line[col] == ":"):
        return None
    keys = list(re.finditer(r"([A-Za-z_]\w*):\s+(?![\s\"'])", line[:col]))
    if not keys:
        return None
    key = keys[-1]
    value = re.split(r",\s*[A-Za-z_]\w*:\s|\s*[}\]]\s*$", line[key.end():])[0].strip()
    value = value.replace("\\", "\\\\").replace('"', '\\"')
    return Cause("LC002", at + 1, col + 1, {"variant": "unquoted_colon", "key": key.group(1),
                                             "fix": f'{key.group(1)}: "{value}"'})


def _no_colon(lines, at, col):
    for i in _recent(lines, at, back=3):
        bare = BARE_KEY.match(lines[i])
        after = next((k for k in range(i + 1, at + 1) if lines[k].strip()), None)
        if bare and after is not None and _indent_of(lines[after]) > _indent_of(lines[i]):
            key = bare.group("key")
            return Cause("LC002", i + 1, bare.end("key") + 1, {"variant": "no_colon", "key": key, "fix": f"{key}:"})
        m = KEY_NO_COLON.match(lines[i])
        if m:
            return Cause("LC002", i + 1, m.end("key") + 1, {"variant": "no_colon", "key": m.group("key"),
                                                             "fix": f"{m.group('key')}: {m.group('rest').strip()}"})
    return None


def _indent(lines, at, col):
    """A key line whose column matches no block above it, or that continues the line above."""
    if DASH_LINE.match(lines[at]):
        return _indent_dash(lines, at) or _indent_key(lines, at)
    return _indent_key(lines, at) or _indent_dash(lines, at)


def _indent_dash(lines, at):
    """A `- ` item whose dash lines up with no other dash or field above it."""
    for i in _recent(lines, at, back=1):
        m = DASH_LINE.match(lines[i])
        if not m:
            continue
        here = len(m.group("lead"))
        above = next(_recent(lines, i - 1, back=0), None) if i > 0 else None
        if above is not None and re.match(r"^\s*(?:-\s+)*[A-Za-z_]\w*\s*:\s*(#.*)?$", lines[above]) \
                and here > _indent_of(lines[above]):
            continue  # the first item of a list that the line above opens
        columns = {}  # column -> (line index, what starts there)
        for j in range(i - 1, -1, -1):
            dm = DASH_LINE.match(lines[j])
            km = KEY_LINE.match(lines[j])
            if dm:
                columns.setdefault(len(dm.group("lead")), (j, "-"))
            if km and lines[j].strip():
                columns.setdefault(len(km.group("lead")), (j, km.group("key")))
            if km and not km.group("lead"):
                break
        if not columns or here in columns:
            continue
        best = min(columns, key=lambda c: (abs(c - here), i - columns[c][0]))
        j, other = columns[best]
        return Cause("LC002", i + 1, here + 1, {"variant": "indent", "key": "-", "col": here + 1,
                                                "expected": best + 1, "other": other, "other_line": j + 1})
    return None


def _indent_key(lines, at):
    m = KEY_LINE.match(lines[at])
    if not m:
        return None
    here = len(m.group("lead"))
    # The open blocks at this line: the nearest field above, then each field further up that
    # starts further left (its parents). A well-placed line starts where one of them does.
    candidates = []  # (key column, line index, key)
    limit = None
    for i in range(at - 1, -1, -1):
        km = KEY_LINE.match(lines[i])
        if not (km and lines[i].strip()):
            continue
        column = len(km.group("lead"))
        if limit is None or column < limit:
            candidates.append((column, i, km.group("key")))
            dash = DASH_LINE.match(lines[i])
            limit = len(dash.group("lead")) if dash else column
        if column == 0:
            break
    if not candidates or any(c == here for c, _i, _k in candidates):
        return None
    best = min(candidates, key=lambda c: (abs(c[0] - here), at - c[1]))
    if best[0] == here:
        return None
    return Cause("LC002", at + 1, here + 1, {"variant": "indent", "key": m.group("key"), "col": here + 1,
                                            "expected": best[0] + 1, "other": best[2], "other_line": best[1] + 1})


def _bracket(lines, at, col):
    depth = []
    cut: dict[int, int] = {}  # line -> column of a ` #` that hid a closing bracket behind a comment
    for i in range(0, at + 1):
        quote = None
        for j, ch in enumerate(lines[i]):
            if quote:
                if ch == quote:
                    quote = None
                continue
            if ch in "\"'" and (j == 0 or lines[i][j - 1] in " [{,:"):
                quote = ch
            elif ch == "#" and (j == 0 or lines[i][j - 1] == " "):
                if depth and any(c in lines[i][j:] for c in "]}"):
                    cut[i] = j
                break
            elif ch in "[{":
                depth.append((ch, i, j))
            elif ch in "]}" and depth:
                depth.pop()
            if i == at and j >= col:
                break
        wrong = i == at and depth and 0 <= col < len(lines[at]) and lines[at][col] in "]}" \
            and lines[at][col] != ("}" if depth[-1][0] == "{" else "]")
        if depth and (i < at or wrong):
            ch, li, lj = depth[-1]
            if li in cut:  # `{text: Số #2, ...}`: the `#` began a comment that swallowed the `}`
                return Cause("LC002", li + 1, cut[li] + 1, {"variant": "hash_in_flow", "open": ch,
                                                            "close": "}" if ch == "{" else "]"})
            return Cause("LC002", li + 1, lj + 1, {"variant": "bracket", "open": ch,
                                                   "close": "}" if ch == "{" else "]", "line": li + 1})
    return None
