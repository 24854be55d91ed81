"""Build a report from results files: load, filter, compute, render. Never stops at a bad file."""

from __future__ import annotations

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


def damaged_rows(data: R.ResultsData, scenarios: dict, lang: str) -> list[str]:
    """Drop, and name, the decisions of a scenario version installed here whose step or choice that
    version does not have: bytes damaged inside a row (SQLite keeps no checksums) must not be drawn
    as a decision. Rows of other versions, or of scenarios not installed, are kept as they are."""
    lines, kept = [], []
    choices: dict[tuple, set | None] = {}
    for d in data.decisions:
        scn = scenarios.get(d["scenario_id"])
        if scn is None or int(d["scenario_version"] or 0) != int(scn.version or 0):
            kept.append(d)
            continue
        key = (scn.id, d["step"])
        if key not in choices:
            step = scn.step(d["step"])
            choices[key] = {c.id for c in scn.offered_choices(step)} if step is not None else None
        offered = choices[key]
        what = (f"step '{d['step']}'" if offered is None
                else f"choice '{d['choice']}'" if d["choice"] not in offered else None)
        if what is None:
            kept.append(d)
            continue
        lines.append(t(lang, "damaged",
            path=data.path, sid=str(d["session_id"])[:8], n=(d["idx"] or 0) + 1, what=what, scn=scn.id,
            v=scn.version))
    data.decisions = kept
    return lines


def build_report(paths, *, lang: str = "vi", fmt: str = "html", anonymise: bool = False,
                 labels: Labels | None = None, classes=(), since=None, until=None) -> Report:
    got = inputs.read([Path(p) for p in paths])
    labels = labels or scenario_labels(lang)
    damaged = [line for data in got.datas for line in damaged_rows(data, labels.scenarios, lang)]
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
    return Report(text, figs, got.errors, got.files, got.empty_folders, lines, unmatched, len(damaged))
