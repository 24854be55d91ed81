"""Move scenario files to the current format version (2).

Rewrites the line `schema_version: 1` to `schema_version: 2` and changes nothing else: every
other byte of the file (comments, quotes, spacing, line endings) stays as it was. A version 1 file
is already a valid version 2 file, since everything version 2 adds is optional, so this is all a
migration takes, with one exception: in version 2 a `{name}` in a text shows a variable's value. A
migrated file whose texts hold braces is checked at once, and each brace that is not a declared
variable is printed (LC212, LC122; write a brace that should show as `{{` or `}}`). Folders are
searched for scenario files like `lint` does.

A file already at version 2 is left alone. A file that cannot be read (a YAML error, a top level
that is not a mapping) or whose `schema_version:` is missing or not a plain 1 or 2 is not
touched, and its problem is printed as `path:line:col: CODE severity: message`.

With --check, nothing is written: the files that need migrating are listed and the exit code
is 1 if there is any (for CI).

Exit code: 0 when every file is at version 2 (or was migrated) with no brace to look at, 1 otherwise.

Examples:
  python main.py migrate scenarios/my_scenario.yaml
  python main.py migrate scenarios/
  python main.py migrate --check scenarios/
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from yaml.nodes import MappingNode, ScalarNode

from game.cli.common import add_lang, default_lang
from game.cli.words import N_, NN_, _, counted, marked
from game.core.diagnostics import Diagnostic, Mark
from game.core.loader import display_path, read_node, scenario_files, unreadable
from game.core.model import SCHEMA_VERSION
from game.core.schema import TYPE_WORDS
from game.core.yamlstrict import mark_of

FROM = 1
# The value on its own line (block style) or inside a one-line mapping (flow style).
VALUE_RE = re.compile(rb"(\bschema_version[ \t]*:[ \t]*)1(?=[ \t]*(?:[,}#]|\r?$))")

WORDS = {
    "migrated": N_("{path}:{line}:{col}: schema_version 1 → {to}"),
    # Translators: `python main.py migrate {path}` is a command to run, keep it
    "needs": N_("{path}:{line}:{col}: schema_version 1: needs migrating (run `python main.py migrate {path}`)"),
    "current": N_("{path}:{line}:{col}: already at schema_version {to}, left as it is"),
    # Translators: the last line; {n} files were looked at, {migrated} changed, {current} already at version
    # {to}, {refused} had a problem (listed above) and were left as they were
    "summary": NN_("{n} file: {migrated} migrated, {current} already at version {to}, {refused} not touched",
                   "{n} files: {migrated} migrated, {current} already at version {to}, {refused} not touched"),
    # Translators: the last line with --check; {needs} files would be changed
    "summary_check": NN_("{n} file: {needs} to migrate, {current} already at version {to}, {refused} not touched",
                         "{n} files: {needs} to migrate, {current} already at version {to}, {refused} not touched"),
}


def register(p) -> None:
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=_("scenario files or folders"))
    p.add_argument("--check", action="store_true", help=_("write nothing; list the files that need migrating, exit 1 if any"))
    add_lang(p)
    p.set_defaults(run=run)


def plan(path: Path, shown: str) -> tuple[str, Mark | None, list[Diagnostic]]:
    """What to do with one file: ("migrate" | "current" | "refused", where the value is, problems)."""
    node, diags = read_node(path, shown)
    errors = [d for d in diags if d.severity == "error"]
    if node is None or errors:
        return "refused", None, errors or diags
    if not isinstance(node, MappingNode):
        return "refused", None, [Diagnostic(shown, mark_of(node), "LC009", {})]
    value = next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == "schema_version"), None)
    if value is None:
        return "refused", None, [Diagnostic(shown, mark_of(node), "LC102", {"where": "scenario", "field": "schema_version"})]
    mark = mark_of(value)
    if not isinstance(value, ScalarNode) or value.style not in (None, "") or not re.fullmatch(r"[0-9]+", value.value):
        return "refused", mark, [Diagnostic(shown, mark, "LC103", {"field": "schema_version", "expected": TYPE_WORDS["int"]})]
    version = int(value.value)
    if version == SCHEMA_VERSION:
        return "current", mark, []
    if version != FROM:
        newer = {"variant": "newer"} if version > SCHEMA_VERSION else {}
        return "refused", mark, [Diagnostic(shown, mark, "LC108", {"value": version, "oldest": FROM,
                                                                   "newest": SCHEMA_VERSION, **newer})]
    return "migrate", mark, []


def rewrite(data: bytes, line: int) -> bytes | None:
    """The file's bytes with `schema_version: 1` on `line` (1-based) made 2; None if it is not there as expected."""
    lines = data.splitlines(keepends=True)
    if not 1 <= line <= len(lines):
        return None
    new, n = VALUE_RE.subn(rb"\g<1>" + str(SCHEMA_VERSION).encode(), lines[line - 1], count=1)
    if n != 1:
        return None
    lines[line - 1] = new
    return b"".join(lines)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace the file in one step, keeping its permissions: a crash leaves the old file or the new one."""
    mode = path.stat().st_mode
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run(args) -> int:
    lang = args.lang or default_lang()
    words = {key: marked(text) for key, text in WORDS.items() if isinstance(text, str)}
    counts = dict(files=0, migrated=0, needs=0, current=0, refused=0, braces=0, to=SCHEMA_VERSION)
    for path in scenario_files(args.paths):
        shown = display_path(path)
        counts["files"] += 1
        what, mark, diags = plan(path, shown)
        where = dict(path=shown, line=mark.line if mark else 1, col=mark.col if mark else 1, to=SCHEMA_VERSION)
        if what == "migrate":
            try:
                new = rewrite(path.read_bytes(), mark.line)
            except OSError as exc:
                new, diags = None, [unreadable(shown, exc)]
            if new is None:
                what = "refused"
                diags = diags or [Diagnostic(shown, mark, "LC103", {"field": "schema_version", "expected": TYPE_WORDS["int"]})]
            elif args.check:
                counts["needs"] += 1
                print(words["needs"].format(**where))
                continue
            else:
                try:
                    write_atomically(path, new)
                except OSError as exc:
                    what, diags = "refused", [Diagnostic(shown, Mark(1, 1), "LC012", {"reason": exc.strerror or str(exc)})]
                else:
                    counts["migrated"] += 1
                    print(words["migrated"].format(**where))
                    for d in brace_problems(path, shown):
                        counts["braces"] += 1
                        print(d.format(lang))
                    continue
        if what == "current":
            counts["current"] += 1
            print(words["current"].format(**where))
            continue
        counts["refused"] += 1
        for d in diags:
            print(d.format(lang))
    print(counted(WORDS["summary_check" if args.check else "summary"], counts["files"], **counts))
    return 1 if counts["refused"] or counts["needs"] or counts["braces"] else 0


def brace_problems(path: Path, shown: str) -> list[Diagnostic]:
    """In version 2 a `{name}` in a text is a placeholder; a version 1 text that had braces now
    needs a look: the placeholder checks (LC212, LC122) say where."""
    data = path.read_bytes()
    if b"{" not in data and b"}" not in data:
        return []
    from game.core.loader import load_scenario

    return [d for d in load_scenario(path).diagnostics if d.code in ("LC212", "LC122")]
