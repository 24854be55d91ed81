"""Build a report from results files: load, filter, compute, render. Never stops at a bad file."""

from __future__ import annotations

import contextlib
import gc
from dataclasses import dataclass, field
from pathlib import Path

from game.core import results as R
from game.core.loader import load_all, load_taxonomy

from . import csvout, html, inputs
from .figures import Figures, compute
from .filters import Filter
from .labels import Labels
from .strings import t


@dataclass
class Report:
    text: str
    figures: Figures
    problems: list[R.ResultsFileError]
    files: int  # results files actually read
    empty_folders: list[Path] = field(default_factory=list)
    problem_lines: list[str] = field(default_factory=list)  # every problem, path first
    unmatched: str | None = None  # the filters left out every session the files hold: what they hold
    damaged: int = 0  # decision rows left out because their step or choice is not in their scenario

    @property
    def ok(self) -> bool:
        return not self.problems and not self.empty_folders and not self.damaged


def scenario_labels(lang: str, scenario_paths=None) -> Labels:
    tax = load_taxonomy()
    scns = {}
    for item in load_all(scenario_paths, tax):
        if item.scenario is not None and item.scenario.id and not item.errors:
            scns.setdefault(item.scenario.id, item.scenario)
    labels = Labels(lang, scns, dict(tax.red_flags))
    try:
        from game.core.quiz import item_title, load_quizzes
    except ImportError:  # the quiz module is optional for reports
        return labels
    tr = labels.tr
    for quiz in load_quizzes():
        for it in quiz.items:
            labels.quiz_items.setdefault(it.id, tr.text(item_title(quiz, it)))
    return labels


def offered_choices(scenarios: dict) -> dict[str, tuple[int, dict[str, frozenset]]]:
    """scenario id -> (its version, step id -> the ids of the choices that step offers)."""
    out = {}
    for sid, scn in scenarios.items():
        steps: dict[str, frozenset] = {}
        for st in scn.steps:  # the first step of an id, as Scenario.step finds it
            steps.setdefault(st.id, frozenset(c.id for c in scn.offered_choices(st)))
        out[sid] = (int(scn.version or 0), steps)
    return out


def damaged_rows(data: R.ResultsData, scenarios: dict, lang: str, offered: dict | None = None) -> list[str]:
    """Drop, and name, the decisions of a scenario version installed here whose step or choice that
    version does not have: bytes damaged inside a row (SQLite keeps no checksums) must not be drawn
    as a decision. Rows of other versions, or of scenarios not installed, are kept as they are.
    `offered` is `offered_choices(scenarios)`, computed once for many files."""
    if offered is None:
        offered = offered_choices(scenarios)
    lines, kept = [], []
    for d in data.decisions:
        known = offered.get(d["scenario_id"])
        if known is not None:
            version, steps = known
            v = d["scenario_version"]
            if v == version or int(v or 0) == version:
                choices = steps.get(d["step"])
                if choices is None or d["choice"] not in choices:
                    scn = scenarios[d["scenario_id"]]
                    what = f"step '{d['step']}'" if choices is None else f"choice '{d['choice']}'"
                    lines.append(t(lang, "damaged", path=data.path, sid=str(d["session_id"])[:8],
                                   n=(d["idx"] or 0) + 1, what=what, scn=scn.id, v=scn.version))
                    continue
        kept.append(d)
    data.decisions = kept
    return lines


@contextlib.contextmanager
def no_cycle_collection():
    """A report makes a few hundred thousand rows and keeps them all to the end: Python's cycle
    collector would walk them again and again as they pile up (a sixth of the time for a school
    of 1,000) and free nothing. Reference counting still frees everything as usual."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def build_report(paths, *, lang: str = "vi", fmt: str = "html", anonymise: bool = False,
                 labels: Labels | None = None, classes=(), since=None, until=None) -> Report:
    with no_cycle_collection():
        return _build(paths, lang, fmt, anonymise, labels, classes, since, until)


def _build(paths, lang, fmt, anonymise, labels, classes, since, until) -> Report:
    got = inputs.read([Path(p) for p in paths])
    labels = labels or scenario_labels(lang)
    offered = offered_choices(labels.scenarios)
    damaged = [line for data in got.datas for line in damaged_rows(data, labels.scenarios, lang, offered)]
    flt = Filter.of(classes, since, until)
    everything = R.combine(got.datas)
    unmatched = flt.nothing_matched(everything, lang)
    data = flt.apply(everything)
    figs = compute(data, labels.choice_order(), labels.losses())
    lines = got.lines(lang) + damaged
    if fmt == "csv":
        text = csvout.render(figs, labels, anonymise=anonymise)
    else:
        text = html.render(figs, labels, problems=lines, files=got.files, anonymise=anonymise,
                           filters=flt.describe(lang), nothing=unmatched)
    mistyped = sum(1 for data in got.datas if data.mistyped)  # named by got.lines, counted as damage
    return Report(text, figs, got.errors, got.files, got.empty_folders, lines, unmatched, len(damaged) + mistyped)
