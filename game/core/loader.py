"""Load scenario files and shared data files, never raising on author input."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node

from . import filefacts
from .diagnostics import Diagnostic, Mark, sort_key
from .model import App, Hotline, Permission, RedFlag, Scenario, Tag
from .schema import Builder
from .yamlstrict import compose, decode, mark_of

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "assets" / "data"
SCENARIOS_DIR = ROOT / "scenarios"
# Folders under scenarios/ that hold other kinds of YAML (e.g. the pre/post quiz).
NOT_SCENARIOS = {"quiz"}


@dataclass
class Taxonomy:
    """Shared data every scenario refers to: red flags and hotlines."""

    red_flags: dict[str, RedFlag] = field(default_factory=dict)
    hotlines: dict[str, Hotline] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)  # topic tag names for the picker
    permissions: dict[str, Permission] = field(default_factory=dict)  # what an app's permissions let it do
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class Loaded:
    path: Path
    scenario: Scenario | None
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def ok(self) -> bool:
        return self.scenario is not None and not self.errors


def read_text(path: Path, shown: str) -> tuple[str | None, list[Diagnostic]]:
    """The file as NFC text, or diagnostics (too big, unreadable, not UTF-8)."""
    try:
        size = path.stat().st_size
        if size > 512 * 1024:
            return None, [Diagnostic(shown, Mark(1, 1), "LC001", {"limit_kb": 512})]
        data = path.read_bytes()
    except OSError as exc:
        return None, [unreadable(shown, exc)]
    return decode(data, shown)


# The system's refusals an author meets, said in the catalogue's words (LC012's variants).
_UNREADABLE = {errno.ENOENT: "not_found", errno.EACCES: "denied", errno.EPERM: "denied", errno.EISDIR: "folder"}


def unreadable(shown: str, exc: OSError) -> Diagnostic:
    """LC012 for a file the system would not read: the common refusals (by error number, not
    wording) in the author's language, the rare rest in the system's own words."""
    variant = _UNREADABLE.get(exc.errno)
    if variant:
        return Diagnostic(shown, Mark(1, 1), "LC012", {"variant": variant})
    return Diagnostic(shown, Mark(1, 1), "LC012", {"reason": exc.strerror or str(exc)})


def read_node(path: Path, shown: str | None = None) -> tuple[Node | None, list[Diagnostic]]:
    shown = shown or display_path(path)
    text, diags = read_text(path, shown)
    if text is None:
        return None, diags
    node, more = compose(text, shown)
    return node, diags + more


def display_path(path: Path) -> str:
    try:
        return str(_resolved(Path(path)).relative_to(_resolved_cwd()))
    except ValueError:
        return str(path)


def _resolved(path: Path) -> Path:
    """path.resolve(), with its folder's resolution remembered during a lint run (filefacts):
    resolving stats every folder on the way, and a run's files share one or a few folders."""
    if path.name in ("", ".", "..") or path.is_symlink():
        return path.resolve()
    return filefacts.fact(("resolved", str(path.parent)), path.parent.resolve) / path.name


def _resolved_cwd() -> Path:
    cwd = os.getcwd()
    return filefacts.fact(("resolved", cwd), Path(cwd).resolve)


def build_scenario(node: Node | None, shown: str) -> tuple[Scenario | None, list[Diagnostic]]:
    if node is None:
        return None, []
    b = Builder(shown)
    if not isinstance(node, MappingNode):
        b.error("LC009", node)
        return None, b.diags
    scn = b.record(node, Scenario, "scenario")
    if scn is not None and not any(a.kind == "sms" for a in scn.apps):
        # The implicit Messages app: no field marks, so its name is UI text, not scenario text.
        name = "Tin nhắn" if scn.source_language == "vi" else "Messages"
        scn.apps.insert(0, App(id="sms", kind="sms", name=name, look="sms", mark=mark_of(node)))
    return scn, b.diags


def load_taxonomy(data_dir: Path = DATA_DIR) -> Taxonomy:
    tax = Taxonomy()
    for name, cls, attr in (("red_flags.yaml", RedFlag, "red_flags"), ("hotlines.yaml", Hotline, "hotlines"),
                            ("tags.yaml", Tag, "tags"), ("permissions.yaml", Permission, "permissions")):
        path = data_dir / name
        node, diags = read_node(path)
        tax.diagnostics += diags
        if node is None:
            continue
        b = Builder(display_path(path))
        items = b.list_of(node, lambda n, i, b=b, cls=cls, name=name: b.record(n, cls, f"{name}[{i + 1}]"), name)
        tax.diagnostics += b.diags
        if isinstance(items, list):
            for it in items:
                getattr(tax, attr).setdefault(it.id, it)
    return tax


def load_scenario(path: Path, taxonomy: Taxonomy | None = None) -> Loaded:
    """Read, build and validate one scenario file."""
    shown = display_path(path)
    text, diags = read_text(Path(path), shown)
    return scenario_from_text(Path(path), text, diags, taxonomy, shown)


def scenario_from_text(path: Path, text: str | None, diags: list[Diagnostic], taxonomy: Taxonomy | None = None,
                       shown: str | None = None) -> Loaded:
    """Build and validate a scenario from its file's text (read_text's), as load_scenario does: the
    game's menu keeps the text of a file it checked and builds the scenario again when it is played."""
    from .validate import validate  # validate imports loader's Taxonomy

    shown = shown or display_path(path)
    node = None
    if text is not None:
        node, more = compose(text, shown)
        diags += more
    scn, more = build_scenario(node, shown)
    diags += more
    if scn is not None:
        scn.path = str(path)
        diags += validate(scn, taxonomy or load_taxonomy(), Path(path).parent, shown, text)
    diags.sort(key=sort_key)
    return Loaded(Path(path), scn, diags)


def scenario_files(paths: list[Path] | None = None) -> list[Path]:
    """Expand files and folders into scenario files, sorted, skipping non-scenario folders."""
    out: list[Path] = []
    for p in paths or [SCENARIOS_DIR]:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*.y*ml")):
                rel = f.relative_to(p).parts
                if not any(part in NOT_SCENARIOS or part.startswith((".", "_")) for part in rel[:-1]):
                    out.append(f)
        else:
            out.append(p)
    return out


def load_all(paths: list[Path] | None = None, taxonomy: Taxonomy | None = None) -> list[Loaded]:
    """Load every scenario; a bad file never stops the others. Duplicate ids are reported."""
    taxonomy = taxonomy or load_taxonomy()
    loaded = [load_scenario(p, taxonomy) for p in scenario_files(paths)]
    ids = [(item.path, item.scenario.id, item.scenario.where("id")) if item.scenario else None for item in loaded]
    for item, diag in zip(loaded, duplicate_ids(ids), strict=True):
        if diag:
            item.diagnostics.append(diag)
    return loaded


def duplicate_ids(ids: list[tuple[Path, str, Mark] | None]) -> list[Diagnostic | None]:
    """LC208 for each file whose scenario id an earlier file already uses (None elsewhere)."""
    first: dict[str, Path] = {}
    out: list[Diagnostic | None] = []
    for entry in ids:
        diag = None
        if entry and entry[1]:
            path, sid, mark = entry
            if sid in first:
                diag = Diagnostic(display_path(path), mark, "LC208", {"id": sid, "other": display_path(first[sid])})
            else:
                first[sid] = path
        out.append(diag)
    return out
