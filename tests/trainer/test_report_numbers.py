"""The report writes counts as its reader does: a thousands separator in the reader's language
(vi 1.000, en 1,000) and English singulars for one ("1 student", never "1 students")."""

from __future__ import annotations

import re

from game.report.figures import compute
from game.report.html import render
from game.report.labels import Labels
from game.report.strings import count, t
from tests.trainer.test_report_scale import school


def _html(students: int, lang: str, **kw) -> tuple[str, object]:
    figs = compute(school(students))
    return render(figs, Labels(lang), problems=kw.pop("problems", []), files=kw.pop("files", 1),
                  anonymise=False, **kw), figs


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_counts_of_a_thousand_or_more_have_the_readers_separator():
    assert count("vi", 1000) == "1.000" and count("en", 1000) == "1,000" and count("en", 999) == "999"
    assert count("vi", 1234567) == "1.234.567"
    for lang, sep in (("vi", "."), ("en", ",")):
        html, figs = _html(200, lang)  # 200 students, six scenarios each: 1,200 sessions
        n = figs.summary.sessions
        assert n >= 1000
        want = f"{n // 1000}{sep}{n % 1000:03d}"
        assert f'id="n-sessions">{want}<' in html, lang
        assert str(n) not in _text(html), lang  # never written without its separator


def test_english_says_one_student_and_one_file():
    html, figs = _html(1, "en", files=1, problems=["a.db: the file is empty"])
    text = _text(html)
    assert figs.summary.students == 1
    assert re.search(r"\b1 students\b|\b1 files\b|\b1 sessions\b|\b1 scenarios\b|\b1 answers\b", text) is None, \
        re.findall(r".{30}\b1 (?:students|files|sessions|scenarios|answers)\b.{10}", text)
    assert "1 results file " in text or "1 results file<" in html
    assert "1 file, folder or row could not be used" in text
    assert t("en", "students", n=1) == "student" and t("en", "students", n=2) == "students"
    # Vietnamese has one form for every count
    assert t("vi", "students", n=1) == t("vi", "students", n=5)


def test_small_counts_are_written_as_they_are():
    html, _figs = _html(3, "vi")
    assert 'id="n-students">3<' in html
