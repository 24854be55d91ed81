"""The follow-up list names every student's reasons in one order, and each reason's scenarios in
the report's scenario order, whatever order the student played them in."""

from __future__ import annotations

import re

from game.cli import main
from game.report.build import build_report
from game.report.figures import FOLLOW_LOSSES, FOLLOW_OUTCOMES


def test_follow_up_reasons_list_scenarios_in_the_reports_order(tmp_path):
    sim = tmp_path / "sim"
    assert main(["results", "simulate", "-o", str(sim), "--students", "30", "--lang", "en"]) == 0
    rep = build_report([sim], lang="en")
    order = [s.id for s in rep.figures.scenarios]
    assert re.findall(r'<article class="scenario" id="scenario-([^"]+)"', rep.text) == order  # as the page shows them
    rank = {sid: i for i, sid in enumerate(order)}
    kinds = list(FOLLOW_OUTCOMES + FOLLOW_LOSSES)
    several = 0
    assert len(rep.figures.follow_up) >= 10
    for f in rep.figures.follow_up:
        assert list(f.reasons) == sorted(f.reasons, key=kinds.index), f
        for scns in f.reasons.values():
            several += len(scns) > 1
            assert scns == sorted(scns, key=rank.__getitem__), (f.nickname, scns)
    assert several >= 10  # enough lists of several scenarios that a played order would have shown
    # the page lists the reasons in that order too, one line each
    row = re.search(r'<tr class="follow">.*?</tr>', rep.text, re.S).group(0)
    assert row.count("<br>") == len(rep.figures.follow_up[0].reasons) - 1
