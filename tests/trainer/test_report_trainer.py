"""A report a trainer can use and trust: its style survives, its input is counted honestly,
filters pick classes and dates, students who need a follow-up are listed, every CSV cell is safe."""

from __future__ import annotations

import csv
import io
import os
import re
import sqlite3
from pathlib import Path

import pytest

from game.cli import main
from game.core import results as R
from game.core.csvsafe import neutralise
from game.core.engine import Decision
from game.core.quiz import load_quizzes
from game.report.build import build_report
from game.report.figures import session_percent
from game.report.simulate import MachineFile, simulate_class

from .helpers import good_scenarios

LESSON_9B = "2026-03-10T12:00:00Z"  # noon UTC: 10 March in every time zone from UTC-11 to UTC+11


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    """Class 9A (with the quiz) today; class 9B on 10 March, all in one folder."""
    root = tmp_path_factory.mktemp("school")
    usb = root / "usb"
    scns = good_scenarios()
    runs_a = simulate_class(usb, scns, students=6, seed=3, class_code="9A", quiz=load_quizzes()[0])
    runs_b = simulate_class(root / "b", scns[:3], students=4, seed=4, class_code="9B")
    for f in sorted((root / "b").glob("results-*.db")):
        conn = sqlite3.connect(f)
        conn.execute("UPDATE sessions SET started_at = ?", (LESSON_9B,))
        conn.execute("UPDATE decisions SET recorded_at = ?", (LESSON_9B,))
        conn.commit()
        conn.close()
        f.rename(usb / f.name.replace("results-", "results-b"))
    return usb, runs_a, runs_b, scns


def style_of(html: str) -> str:
    return html.split("<style>", 1)[1].split("</style>", 1)[0]


# -- style ---------------------------------------------------------------------------


def test_stylesheet_reaches_the_browser_unescaped_with_the_bundled_font(school):
    usb, *_ = school
    html = build_report([usb], lang="en").text
    css = style_of(html)
    assert '"Be Vietnam Pro"' in css and ".scenario > p" in css
    assert "&#34;" not in css and "&gt;" not in css and "&amp;" not in css
    assert css.count("@font-face") >= 2 and "src: url(data:font/ttf;base64," in css
    assert html.count("</style>") == 1


def test_a_nickname_cannot_leave_the_page_text(tmp_path):
    evil = '</style><script>alert(1)'  # within the nickname limit, so stored whole
    store = MachineFile(tmp_path, "x")
    sid = store.start_session(nickname=evil, class_code="9A", scenario_id="s", scenario_version=1)
    store.record_decision(sid, Decision(0, "st", "c", "unsafe", -5, [], [], 2.0, False, 1.0, False, 10))
    store.finish_session(sid, ending_id="e", outcome="scammed", score=-5, possible=10)
    store.close()
    html = build_report([tmp_path], lang="en").text
    assert "<script>" not in html and html.count("</style>") == 1
    assert "&lt;/style&gt;&lt;script&gt;alert(1)" in html


# -- CSV -------------------------------------------------------------------------------

RISKY = ["=1+2", "+1", "-1+2", "@SUM(A1)", " =1+2", "  @x", "\n=1+2", "\r\n+1", "\t=1", "\r=1",
         " \n -1+1", "\u00a0=1"]


@pytest.mark.parametrize("value", RISKY)
def test_neutralise_defuses_what_a_spreadsheet_would_run(value):
    out = neutralise(value)
    assert out.startswith("'") and out[1:] == value


@pytest.mark.parametrize("value", ["Lan", "9A", "a=b", "", "ok -1", 5, -5, 2.5, None])
def test_neutralise_keeps_harmless_cells(value):
    assert neutralise(value) == value


def hostile_file(folder: Path) -> Path:
    store = MachineFile(folder, "hostile")
    sid = store.start_session(nickname="=HYPERLINK(1)", class_code="+9A", scenario_id="@scn", scenario_version=1)
    store.record_decision(sid, Decision(0, "\n=step", "-2+3", "unsafe", -5, ["=1+2", "x"], [" @SUM(A1)"],
                                        2.0, False, 1.0, False, 10), votes={"=evil": 3})
    store.finish_session(sid, ending_id="e", outcome="scammed", score=-5, possible=10)
    store.close()
    return store.path


def assert_no_formula(text: str) -> int:
    cells = 0
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            cells += 1
            try:
                float(cell)
                continue  # numbers are numbers
            except ValueError:
                pass
            assert not re.match(r"[\s\u00a0]*[=+\-@]", cell) and cell[:1] not in ("\t", "\r"), repr(cell)
    return cells


def test_every_csv_output_neutralises_every_column(tmp_path):
    path = hostile_file(tmp_path / "usb")
    out = tmp_path / "export.csv"
    assert main(["results", "export", str(path), "-o", str(out)]) == 0
    exported = out.read_text(encoding="utf-8-sig")
    assert "'=1+2 x" in exported  # the flags column, neutralised
    assert assert_no_formula(exported) > 20
    anon = tmp_path / "anon.csv"
    assert main(["results", "export", str(path), "--anonymise", "-o", str(anon)]) == 0
    assert_no_formula(anon.read_text(encoding="utf-8-sig"))
    report_csv = tmp_path / "report.csv"
    assert main(["report", str(path), "-o", str(report_csv)]) == 0
    assert assert_no_formula(report_csv.read_text(encoding="utf-8-sig")) > 20


# -- output files --------------------------------------------------------------------------


@pytest.mark.parametrize("cmd", [["report", "{usb}"], ["report", "{usb}", "--format", "csv"],
                                 ["results", "export", "{usb}"], ["results", "merge", "{usb}"]])
def test_an_output_that_is_a_folder_is_a_clear_error(school, tmp_path, capsys, cmd):
    usb, *_ = school
    args = [a.format(usb=usb) for a in cmd] + ["-o", str(tmp_path)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert str(tmp_path) in err and "Traceback" not in err
    assert not list(tmp_path.iterdir())


def test_reports_and_exports_are_readable_by_other_users(school, tmp_path):
    usb, *_ = school
    old = os.umask(0o022)
    try:
        outs = [tmp_path / "r.html", tmp_path / "r.csv", tmp_path / "e.csv", tmp_path / "e.json"]
        assert main(["report", str(usb), "-o", str(outs[0])]) == 0
        assert main(["report", str(usb), "-o", str(outs[1])]) == 0
        assert main(["results", "export", str(usb), "-o", str(outs[2])]) == 0
        assert main(["results", "export", str(usb), "--format", "json", "-o", str(outs[3])]) == 0
    finally:
        os.umask(old)
    for p in outs:
        assert p.stat().st_mode & 0o777 == 0o644, p


# -- honest input ----------------------------------------------------------------------------


def test_input_is_counted_and_named_honestly(school, tmp_path, capsys):
    usb, runs_a, runs_b, _ = school
    empty = tmp_path / "lesson-empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not results")
    sub = tmp_path / "stick" / "lab-2"
    sub.mkdir(parents=True)
    bad = sub / "results-broken.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x10\x00" + b"\x00" * 40)
    out = tmp_path / "r.html"
    assert main(["report", str(usb), str(empty), str(tmp_path / "stick"), "-o", str(out), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert str(empty) in err and str(bad) in err
    html = out.read_text(encoding="utf-8")
    n_files = len(list(usb.glob("results-*.db")))
    assert re.search(rf"\bfrom {n_files} results files\b", html)
    assert str(bad) in html and str(empty) in html


def test_a_folder_with_no_results_files_fails_the_command(tmp_path, capsys):
    empty = tmp_path / "nothing-here"
    empty.mkdir()
    assert main(["report", str(empty), "-o", str(tmp_path / "r.html"), "--lang", "en"]) == 1
    assert str(empty) in capsys.readouterr().err
    assert main(["results", "export", str(empty), "-o", str(tmp_path / "e.csv"), "--lang", "en"]) == 1
    assert str(empty) in capsys.readouterr().err


# -- filters --------------------------------------------------------------------------------


def students_in(rep) -> set[str]:
    return {r.class_code for r in rep.figures.students}


def test_class_and_date_filters(school, tmp_path):
    usb, runs_a, runs_b, _ = school
    assert students_in(build_report([usb])) == {"9A", "9B"}
    assert students_in(build_report([usb], classes=["9b"])) == {"9B"}
    assert students_in(build_report([usb], classes=["9A", " 9B "])) == {"9A", "9B"}
    assert students_in(build_report([usb], until="2026-03-10")) == {"9B"}
    assert students_in(build_report([usb], since="2026-03-11")) == {"9A"}
    only_b = build_report([usb], since="2026-03-10", until="2026-03-10").figures
    assert only_b.summary.sessions == len([r for r in runs_b if r.mode == "play"])
    assert build_report([usb], until="2026-03-09").figures.summary.sessions == 0
    out = tmp_path / "b.html"
    assert main(["report", str(usb), "--class", "9B", "--until", "2026-03-10", "-o", str(out), "--lang", "en"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "9B" in html and "<td>9A</td>" not in html
    assert "until 2026-03-10" in html


def test_a_class_code_with_a_space_inside_is_the_same_class(school):
    usb, *_ = school
    assert students_in(build_report([usb], classes=["9 b"])) == {"9B"}


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_filter_that_matches_nothing_says_what_the_files_hold(school, tmp_path, capsys, lang):
    """A mistyped class code must not give a quiet empty report saying "No results yet" (tryout M4)."""
    usb, *_ = school
    out = tmp_path / "empty.html"
    assert main(["report", str(usb), "--class", "10C", "-o", str(out), "--lang", lang]) == 1
    err = capsys.readouterr().err
    assert "--class 10C" in err and "9A, 9B" in err
    assert ("in classes 9A, 9B" if lang == "en" else "lớp 9A, 9B") in err
    total = sum(len(R.read_results(f).sessions) for f in R.find_result_files([usb]))
    assert f"{total:,}".replace(",", "." if lang == "vi" else ",") in err
    html = out.read_text(encoding="utf-8")
    assert "No results yet" not in html and "Chưa có kết quả" not in html
    assert "10C" in html and "9A, 9B" in html
    assert main(["report", str(usb), "--since", "2030-01-01", "--until", "2029-01-01", "-o", str(out)]) == 1
    assert "--since 2030-01-01" in capsys.readouterr().err
    assert main(["report", str(usb), "--class", "9b", "-o", str(out)]) == 0  # a filter that matches: quiet


def test_a_filter_that_matches_nothing_names_one_class_in_the_singular(tmp_path, capsys):
    """"in classes 9A" for files that hold one class (try-out)."""
    folder = tmp_path / "one"
    assert main(["results", "simulate", "-o", str(folder), "--students", "2", "--class-code", "9A", "--lang", "en"]) == 0
    capsys.readouterr()
    assert main(["report", str(folder), "--class", "10C", "-o", str(tmp_path / "r.html"), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "in class 9A" in err and "in classes" not in err, err


def test_a_bad_date_is_a_usage_error(school, capsys):
    usb, *_ = school
    with pytest.raises(SystemExit) as exc:
        main(["report", str(usb), "--since", "10/03/2026"])
    assert exc.value.code == 2
    assert "10/03/2026" in capsys.readouterr().err


# -- follow-up and the average ------------------------------------------------------------


def expected_follow_up(runs, scns) -> set[str]:
    by_id = {s.id: s for s in scns}
    who = set()
    for r in runs:
        if r.mode != "play":
            continue
        if r.engine.ending is not None and r.engine.ending.outcome in ("harmed", "scammed"):
            who.add(r.nickname)
        scn = by_id[r.scenario_id]
        for d in r.engine.log:
            choice = next(c for c in scn.offered_choices(scn.step(d.step)) if c.id == d.choice)
            if {q.kind for q in choice.consequences} & {"money", "account"}:
                who.add(r.nickname)
    return who


def test_students_who_need_a_follow_up_are_listed(school):
    usb, runs_a, runs_b, scns = school
    rep = build_report([usb], lang="en", classes=["9A"])
    expected = expected_follow_up(runs_a, scns)
    assert expected, "the simulated class should have someone to talk to"
    assert {f.nickname for f in rep.figures.follow_up} == expected
    section = rep.text.split('id="follow-up"', 1)[1].split("</section>", 1)[0]
    for nick in expected:
        assert f"<td>{nick}</td>" in section
    anon = build_report([usb], lang="en", classes=["9A"], anonymise=True).text
    section = anon.split('id="follow-up"', 1)[1].split("</section>", 1)[0]
    assert not any(nick in section for nick in expected)
    assert section.count("<td>Student ") == len(expected)


def test_one_average_everywhere_and_it_is_defined(school):
    usb, *_ = school
    rep = build_report([usb], lang="en")
    data = R.combine(R.load_many([usb])[0])
    by_session = {}
    for d in data.decisions:
        by_session.setdefault(d["session_id"], []).append(d)
    play = [s for s in data.sessions if s["mode"] == "play" and s["id"] in by_session]
    pcts = [session_percent(by_session[s["id"]]) for s in play]
    assert rep.figures.summary.average == pytest.approx(sum(pcts) / len(pcts))
    for row in rep.figures.students:
        mine = [session_percent(by_session[s["id"]]) for s in play
                if R.student_key(s["nickname"], s["class_code"]) == row.key]
        assert row.average == pytest.approx(sum(mine) / len(mine))
    assert "the mean of the session scores" in rep.text
    guide = (Path(__file__).resolve().parents[2] / "docs" / "trainer-guide.md").read_text(encoding="utf-8")
    assert "mean of the session scores" in guide


def test_csv_score_and_best_add_up_to_each_sessions_score(school, tmp_path):
    """A trainer who re-checks the report in a spreadsheet gets the same numbers: summing a
    session's `score` and `best` gives its report score; a choice that is not scored sets no bar."""
    usb, *_ = school
    out = tmp_path / "all.csv"
    assert main(["results", "export", str(usb), "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert any(r["safety"] == "neutral" for r in rows)
    data = R.combine([R.read_results(f) for f in R.find_result_files([usb])])
    by_session: dict[str, list] = {}
    for d in data.decisions:
        by_session.setdefault(d["session_id"], []).append(d)
    sums: dict[str, list] = {}
    for r in rows:
        s = sums.setdefault(r["session_id"], [0, 0])
        s[0] += int(r["score"])
        s[1] += int(r["best"]) if r["best"] else 0
    from game.core.walk import percent

    for sid, (score, best) in sums.items():
        assert percent(score, best) == session_percent(by_session[sid]), sid


def test_a_damaged_row_is_named_not_drawn_as_a_decision(school, tmp_path, capsys):
    """Bytes overwritten inside a row leave a valid SQLite file with a step or choice the scenario
    does not have: the report names that row and leaves it out (tryout minor 6)."""
    import shutil

    usb, *_ = school
    src = next(f for f in R.find_result_files([usb]) if R.read_results(f).decisions)
    copy = tmp_path / "results-lab07.db"
    shutil.copy(src, copy)
    conn = sqlite3.connect(copy)
    rid, step = conn.execute("SELECT id, step FROM decisions WHERE mode = 'play' LIMIT 1").fetchone()
    conn.execute("UPDATE decisions SET step = ? WHERE id = ?", (step[:6] + "XXX", rid))
    rid2 = conn.execute("SELECT id FROM decisions WHERE mode = 'play' AND id != ? LIMIT 1", (rid,)).fetchone()[0]
    conn.execute("UPDATE decisions SET choice = 'XXXXXXXXXXXXXm' WHERE id = ?", (rid2,))
    conn.commit()
    conn.close()
    out = tmp_path / "r.html"
    assert main(["report", str(copy), "-o", str(out), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert f"{copy}: session" in err and f"step '{step[:6]}XXX'" in err and "choice 'XXXXXXXXXXXXXm'" in err
    html = out.read_text(encoding="utf-8")
    assert html.count("XXXXXXXXXXXXXm") == 1 and html.count(step[:6] + "XXX") == 1  # only in the problem list
    rep = build_report([src], lang="en")
    assert rep.ok and rep.damaged == 0  # the undamaged original: nothing named


def test_counts_of_one_read_as_english():
    from game.report.strings import t

    assert t("en", "generated", date="today", files=1) == "Generated today from 1 results file"
    assert t("en", "generated", date="today", files=2).endswith("2 results files")
    assert t("en", "picked", n=1) == "answered once" and t("en", "picked", n=3) == "answered 3 times"
    assert t("vi", "picked", n=1) == "1 lượt chọn"


def test_students_are_listed_in_vietnamese_alphabetical_order():
    from game.report.figures import vi_order

    names = ["Hoa", "Hà", "Hùng", "Hải", "Thu", "Thảo", "Trang", "Trung", "Tâm", "Tú", "Đạt", "Dung"]
    assert sorted(names, key=vi_order) == ["Dung", "Đạt", "Hà", "Hải", "Hoa", "Hùng", "Tâm", "Thảo", "Thu",
                                           "Trang", "Trung", "Tú"]

@pytest.mark.parametrize("table, column, value", [
    ("decisions", "scenario_version", "abc"),
    ("decisions", "score", "z"),
    ("decisions", "time_taken", "x"),
    ("decisions", "idx", "w"),
    ("decisions", "step", b"\x01\x02"),
    ("sessions", "score", "oops"),
    ("sessions", "started_at", b"\x05"),
    ("sessions", "nickname", b"\x00\xff"),
])
def test_a_value_of_the_wrong_type_is_named_not_a_crash(school, tmp_path, capsys, table, column, value):
    """SQLite keeps any value in any column: text where a number belongs (a damaged or hand-edited
    file) is named per file and left out, by both readers; the rest of the file is reported."""
    import shutil

    usb, *_ = school
    src = next(f for f in R.find_result_files([usb]) if R.read_results(f).decisions)
    copy = tmp_path / "results-lab08.db"
    shutil.copy(src, copy)
    conn = sqlite3.connect(copy)
    rid = conn.execute(f"SELECT id FROM {table} LIMIT 1").fetchone()[0]
    conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (value, rid))
    conn.commit()
    conn.close()
    before = R.read_results(src)
    after = R.read_results(copy)  # the careful reader
    assert after.mistyped == [(table, rid)]
    assert len(getattr(after, table)) == len(getattr(before, table)) - 1
    out = tmp_path / "r.html"
    assert main(["report", str(copy), "-o", str(out), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    what = "session" if table == "sessions" else "decision"
    assert f"{copy}: 1 {what} holds a value of the wrong type" in err
    assert out.exists()
    # merge and export read the same way and say so too: a merged file must not hide the loss
    merged = tmp_path / "merged.db"
    assert main(["results", "merge", str(copy), "-o", str(merged), "--lang", "en"]) == 1
    assert f"{copy}: 1 {what} holds a value of the wrong type" in capsys.readouterr().err
    assert main(["results", "export", str(copy), "-o", str(tmp_path / "x.csv"), "--lang", "en"]) == 1
    assert f"{copy}: 1 {what} holds a value of the wrong type" in capsys.readouterr().err


def test_a_results_file_whose_name_is_not_utf8_is_read(school, tmp_path, capsys):
    """A FAT stick mounted with the wrong charset gives names that are not UTF-8: read them, never
    a traceback (trainer try-out)."""
    import os
    import shutil

    usb, *_ = school
    src = next(f for f in R.find_result_files([usb]) if R.read_results(f).decisions)
    folder = tmp_path / "stick"
    folder.mkdir()
    odd = os.fsencode(folder) + b"/results-\xff\xfe.db"
    shutil.copy(src, odd)
    out = tmp_path / "r.html"
    assert main(["report", str(folder), "-o", str(out), "--lang", "en"]) == 0
    assert main(["results", "merge", str(folder), "-o", str(tmp_path / "m.db"), "--lang", "en"]) == 0
    assert main(["report", str(tmp_path / "m.db"), "-o", str(tmp_path / "m.html"), "--lang", "en"]) == 0


def test_entries_that_are_not_files_are_named_and_a_fifo_does_not_hang(school, tmp_path, capsys):
    """A FIFO named *.db would block the open forever; a dangling link and a folder named like a
    results file are named, in a folder as when given one by one (trainer try-out)."""
    import os
    import shutil

    usb, *_ = school
    src = next(f for f in R.find_result_files([usb]) if R.read_results(f).decisions)
    folder = tmp_path / "stick"
    folder.mkdir()
    shutil.copy(src, folder / "results-lab01.db")
    os.mkfifo(folder / "results-fifo.db")
    (folder / "results-dangle.db").symlink_to(tmp_path / "nowhere.db")
    (folder / "results-dir.db").mkdir()
    out = tmp_path / "r.html"
    assert main(["report", str(folder), "-o", str(out), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    for name in ("results-fifo.db", "results-dangle.db", "results-dir.db"):
        assert str(folder / name) in err
    assert main(["report", str(folder / "results-fifo.db"), "-o", str(out), "--lang", "en"]) == 1
