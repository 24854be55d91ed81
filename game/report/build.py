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


@dataclass
class Report:
    text: str
    figures: Figures
    problems: list[R.ResultsFileError]
    files: int  # results files actually read
    empty_folders: list[Path] = field(default_factory=list)
    problem_lines: list[str] = field(default_factory=list)  # every problem, path first
    unmatched: str | None = None  # the filters left out every session the files hold: what they hold

    @property
    def ok(self) -> bool:
        return not self.problems and not self.empty_folders


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


def build_report(paths, *, lang: str = "vi", fmt: str = "html", anonymise: bool = False,
                 labels: Labels | None = None, classes=(), since=None, until=None) -> Report:
    got = inputs.read([Path(p) for p in paths])
    flt = Filter.of(classes, since, until)
    everything = R.combine(got.datas)
    unmatched = flt.nothing_matched(everything, lang)
    data = flt.apply(everything)
    labels = labels or scenario_labels(lang)
    figs = compute(data, labels.choice_order(), labels.losses())
    lines = got.lines(lang)
    if fmt == "csv":
        text = csvout.render(figs, labels, anonymise=anonymise)
    else:
        text = html.render(figs, labels, problems=lines, files=got.files, anonymise=anonymise,
                           filters=flt.describe(lang), nothing=unmatched)
    return Report(text, figs, got.errors, got.files, got.empty_folders, lines, unmatched)
