"""A gain in the report is the difference of the figures shown beside it, as a reader checks it:
56% before and 82% after is +26, even when the exact gain (25.33) would round to 25."""

from __future__ import annotations

import html as htmllib
import re

from game.cli import main
from game.report.figures import shown_gain


def _num(text: str) -> int:
    return int(text.replace("−", "-").replace("%", "").replace("+", "").strip())


def _cells(row: str) -> list[str]:
    return [htmllib.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]


def test_every_gain_is_the_difference_of_the_rounded_figures_beside_it(tmp_path):
    sim = tmp_path / "sim"
    assert main(["results", "simulate", "-o", str(sim), "--students", "30", "--lang", "vi"]) == 0
    out = tmp_path / "r.html"
    assert main(["report", str(sim), "-o", str(out), "--lang", "vi"]) == 0
    page = out.read_text(encoding="utf-8")
    checked = []  # (pre, post, gain as shown)
    short = re.sub(r"<[^>]+>", "", re.search(r'<p id="prepost-short">(.*?)</p>', page, re.S).group(1))
    pre, post = map(int, re.findall(r"(\d+)%", short)[:2])
    gain = int(re.findall(r"(\d+)", short)[-1])
    checked.append((pre, post, gain))
    assert _num(re.sub(r"<[^>]+>", "", re.search(r'<p id="gain">.*?<strong>(.*?)</strong>', page, re.S).group(1))) == gain
    for row in re.findall(r'<tr data-item=.*?</tr>', page, re.S):
        c = _cells(row)
        checked.append((_num(c[2]), _num(c[3]), _num(c[4])))
    for row in re.findall(r'<tr class="student">.*?</tr>', page, re.S):
        c = _cells(row)
        if c[5] != "–" and c[6] != "–":
            checked.append((_num(c[5]), _num(c[6]), _num(c[7]) if c[7] != "0" else 0))
    assert len(checked) > 30
    wrong = [row for row in checked if row[1] - row[0] != row[2]]
    assert not wrong, wrong


def test_shown_gain_rounds_each_figure_first():
    assert shown_gain(56.333, 81.667) == 26  # the exact 25.33 would show as 25
    assert shown_gain(50.4, 50.4) == 0 and shown_gain(None, 80) is None
    assert shown_gain(66.667, 33.333) == -34
