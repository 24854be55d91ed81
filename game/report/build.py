"""Build a report from results files: load, compute, render. Never stops at a bad file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.core import results as R
from game.core.loader import load_all, load_taxonomy

from . import csvout, html
from .figures import Figures, compute
from .labels import Labels


@dataclass
class Report:
    text: str
    figures: Figures
    problems: list[R.ResultsFileError]
    files: int


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
                 labels: Labels | None = None) -> Report:
    datas, problems = R.load_many([Path(p) for p in paths])
    data = R.combine(datas)
    labels = labels or scenario_labels(lang)
    figs = compute(data, labels.choice_order())
    if fmt == "csv":
        text = csvout.render(figs, labels, anonymise=anonymise)
    else:
        text = html.render(figs, labels, problems=[p.message(lang) for p in problems],
                           files=len(datas) + len(problems), anonymise=anonymise)
    return Report(text, figs, problems, len(datas) + len(problems))
