"""30 students on 30 machines play real scenarios; the merged report must match the engines."""

import csv
import io
import random
import re
import statistics
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from game.cli import main
from game.core import results as R
from game.core.quiz import load_quizzes
from game.core.results import ResultsStore
from game.report.build import build_report
from game.report.simulate import SimSession, play_scenario, simulate_class

from .helpers import good_scenarios

EVIL = "<script>alert(1)</script>"[:24]  # the nickname limit cuts what is typed


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab")
    usb = root / "usb"
    scns = good_scenarios()
    quiz = load_quizzes()[0]
    runs = simulate_class(usb, scns, students=30, seed=7, quiz=quiz, data_root=root / "machines")
    # Two more machines: a nickname that is markup, and a second "Lan" in another class.
    rng = random.Random(99)
    for machine, nick, cls in (("lab31", EVIL, "9A"), ("lab32", "Lan", "9B")):
        store = ResultsStore(usb, data_dir=root / "machines" / machine, machine=machine)
        for scn in scns[:2]:
            eng, sid = play_scenario(scn, rng, store, nickname=nick, class_code=cls)
            runs.append(SimSession(machine, nick, cls, "play", "", scn.id, eng, sid))
        store.close()
    return root, usb, runs, scns, quiz


def expected_percent(score, possible):
    return 100 if possible <= 0 else max(0, min(100, round(100 * score / possible)))


def test_each_machine_wrote_its_own_file(lab):
    root, usb, runs, *_ = lab
    files = sorted(p.name for p in usb.glob("*.db"))
    assert files == sorted(f"results-lab{i:02d}.db" for i in range(1, 33))
    for f in usb.glob("*.db"):
        machines = {s["machine"] for s in R.read_results(f).sessions}
        assert machines == {f.stem.removeprefix("results-")}


def test_merge_is_idempotent(lab, capsys):
    root, usb, runs, *_ = lab
    out = root / "class.db"
    sessions = len({r.session_id for r in runs})
    decisions = sum(len(r.engine.log) for r in runs)
    assert main(["results", "merge", str(usb), "-o", str(out), "--lang", "en"]) == 0
    assert f"{sessions:,} new sessions, {decisions:,} new decisions" in capsys.readouterr().out  # counts grouped: 3,421
    assert main(["results", "merge", str(usb), str(out), "-o", str(out), "--lang", "en"]) == 0
    assert "0 new sessions, 0 new decisions" in capsys.readouterr().out
    again = root / "again.db"  # merging a merged file with its sources adds nothing twice
    main(["results", "merge", str(out), str(usb), "-o", str(again), "--lang", "en"])
    data = R.read_results(again)
    assert len(data.sessions) == sessions and len(data.decisions) == decisions


def test_report_figures_match_the_engines(lab):
    root, usb, runs, scns, quiz = lab
    merged = root / "class.db"
    if not merged.exists():
        main(["results", "merge", str(usb), "-o", str(merged)])
    rep = build_report([merged], lang="en")
    from_folder = build_report([usb], lang="en")
    assert rep.figures == from_folder.figures
    figs = rep.figures
    play = [r for r in runs if r.mode == "play"]

    # Summary
    students = {(r.class_code.casefold(), r.nickname.casefold()) for r in play}
    assert figs.summary.students == len(students) == 32
    assert figs.summary.sessions == len(play)
    assert figs.summary.scenarios == len(scns)
    pcts = [expected_percent(r.engine.score, r.engine.possible) for r in play]
    assert figs.summary.average == pytest.approx(sum(pcts) / len(pcts))
    dist = [0] * 10
    for p in pcts:
        dist[min(9, p // 10)] += 1
    assert figs.summary.distribution == dist
    assert figs.summary.outcomes == dict(Counter(r.engine.ending.outcome for r in play))
    genuine = [d for r in play for d in r.engine.log if d.genuine and d.safety != "neutral"]
    assert genuine  # the shipped scenarios include real messages
    assert figs.summary.genuine_decisions == len(genuine)
    assert figs.summary.over_suspicious == sum(1 for d in genuine if d.score < d.best)

    # Choice shares and times, per scenario and decision
    counts = defaultdict(Counter)
    times = defaultdict(list)
    for r in play:
        for d in r.engine.log:
            counts[(r.scenario_id, d.step)][d.choice] += 1
            times[(r.scenario_id, d.step)].append(d.time_taken)
    seen = set()
    for sc in figs.scenarios:
        for st in sc.steps:
            key = (sc.id, st.step)
            seen.add(key)
            got = {c.choice: c.count for c in st.choices if c.count}
            assert got == dict(counts[key])
            assert st.total == sum(counts[key].values())
            for c in st.choices:
                assert c.share == pytest.approx(counts[key][c.choice] / st.total)
            assert st.median_time == pytest.approx(statistics.median(times[key]))
    assert seen == set(counts)

    # Red flags missed: the report counts a flag as missed in a session when it was shown and no
    # decision of the session responded to it (per session, not per feedback card as the debrief does)
    shown, missed = Counter(), Counter()
    for r in play:
        shown.update(set(r.engine.flags_shown))
        missed.update(set(r.engine.flags_shown) - r.engine.flags_spotted)
    assert {f.flag: (f.shown, f.missed) for f in figs.flags} == {f: (shown[f], missed[f]) for f in shown}
    often = [f for f in figs.flags if f.shown >= 3]
    assert figs.flags[:len(often)] == often
    assert [f.rate for f in often] == sorted((f.rate for f in often), reverse=True)

    # Pre/post
    pp = figs.prepost
    per_student = defaultdict(dict)
    item_right = defaultdict(Counter)
    false_alarms, real_answers = Counter(), Counter()
    for r in runs:
        if r.mode != "quiz":
            continue
        d = r.engine.log[0]
        per_student[(r.nickname, r.phase)].setdefault("items", []).append(d.score)
        item_right[(d.step, r.phase)]["right"] += d.score
        item_right[(d.step, r.phase)]["n"] += 1
        if quiz.item(d.step).answer == "real":
            real_answers[r.phase] += 1
            false_alarms[r.phase] += d.choice == "scam"
    pre = {n: 100 * sum(v["items"]) / len(v["items"]) for (n, ph), v in per_student.items() if ph == "pre"}
    post = {n: 100 * sum(v["items"]) / len(v["items"]) for (n, ph), v in per_student.items() if ph == "post"}
    assert pp.students_pre == len(pre) == 30 and pp.paired == 30
    assert pp.pre_avg == pytest.approx(statistics.fmean(pre.values()))
    assert pp.post_avg == pytest.approx(statistics.fmean(post.values()))
    assert pp.gain_avg == pytest.approx(statistics.fmean(post[n] - pre[n] for n in pre))
    for it in pp.items:
        assert (it.pre_right, it.pre_n) == (item_right[(it.item, "pre")]["right"], item_right[(it.item, "pre")]["n"])
        assert (it.post_right, it.post_n) == (item_right[(it.item, "post")]["right"], item_right[(it.item, "post")]["n"])
        assert it.truth == quiz.item(it.item).answer
    assert pp.false_alarms == {"pre": false_alarms["pre"], "post": false_alarms["post"]}
    assert pp.real_answers == {"pre": real_answers["pre"], "post": real_answers["post"]}
    by_nick = {r.nickname: r for r in figs.students if r.class_code == "9A"}
    for n in pre:
        assert by_nick[n].pre == pytest.approx(pre[n]) and by_nick[n].post == pytest.approx(post[n])


def test_html_and_csv_show_the_same_numbers(lab):
    root, usb, runs, *_ = lab
    play = [r for r in runs if r.mode == "play"]
    html = build_report([usb], lang="vi").text
    assert re.search(r'id="n-students">32<', html)
    assert re.search(rf'id="n-sessions">{len(play)}<', html)
    # the sessions the summary does not count as played are named under it, so the report adds up to `results`
    quizzes = len({r.session_id for r in runs if r.mode == "quiz"})  # a quiz run is one item of a session
    assert quizzes and re.search(rf'id="n-quiz-sessions">và {quizzes} lượt làm bài kiểm tra', html)
    assert 'id="n-classroom-sessions"' not in html  # none in this lab
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html  # offline
    assert "<svg" in html and 'id="prepost-chart"' in html and 'id="quiz-items"' in html
    rows = list(csv.DictReader(io.StringIO(build_report([usb], lang="en", fmt="csv").text)))
    counts = Counter()
    for r in play:
        for d in r.engine.log:
            counts[(r.scenario_id, d.step, d.choice)] += 1
    summary = {r["item"]: int(r["count"]) for r in rows if r["section"] == "summary" and r["count"]}
    assert (summary["sessions"], summary["quiz_sessions"], summary["classroom_sessions"]) == (len(play), quizzes, 0)
    got = {(r["scenario"], r["step"], r["item"]): int(r["count"]) for r in rows if r["section"] == "choice"}
    assert {k: v for k, v in got.items() if v} == dict(counts)
    assert next(r for r in rows if r["item"] == "students")["count"] == "32"


def test_nicknames_are_escaped_and_anonymised(lab):
    root, usb, *_ = lab
    html = build_report([usb], lang="en").text
    assert EVIL not in html
    assert "&lt;script&gt;alert(1)&lt;/script" in html
    anon = build_report([usb], lang="en", anonymise=True).text
    assert "alert(1)" not in anon
    assert "<td>Lan</td>" in html and "<td>Lan</td>" not in anon
    assert anon.count('<tr class="student">') == 32



def test_anonymised_rows_do_not_follow_the_alphabet(lab):
    root, usb, *_ = lab
    anon = build_report([usb], lang="en", anonymise=True).text
    numbers = [int(n) for n in re.findall(r'<tr class="student"><td>Student (\d+)</td>', anon)]
    assert numbers == sorted(numbers) and len(numbers) == 32


def test_csv_cells_never_start_a_formula(tmp_path):
    store = ResultsStore(tmp_path, data_dir=tmp_path, machine="x")
    play_scenario(good_scenarios()[0], random.Random(1), store, nickname="=HYPERLINK(1)", class_code="+9A")
    store.close()
    text = build_report([tmp_path], lang="en", fmt="csv", ).text
    assert "'=HYPERLINK(1)" in text and "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text
    out = tmp_path / "x.csv"
    assert main(["results", "export", str(tmp_path / "results-x.db"), "-o", str(out)]) == 0
    exported = out.read_text(encoding="utf-8-sig")
    assert ",'=HYPERLINK(1),'+9A," in exported


def test_a_timeout_at_a_real_message_is_no_decision_not_over_suspicion():
    from game.core.model import TIMED_OUT
    from game.core.results import ResultsData
    from game.report.figures import compute

    session = {"id": "s1", "nickname": "An", "class_code": "9A", "scenario_id": "x", "scenario_version": 1,
               "mode": "play", "phase": None, "machine": "m", "finished_at": None, "outcome": None, "ending_id": None}

    def row(i, choice, safety, score, best, timed_out):
        return {"session_id": "s1", "index": i, "step": f"st{i}", "choice": choice, "safety": safety,
                "score": score, "best": best, "time_taken": 3.0, "timed_out": timed_out, "help": False,
                "genuine": True, "flags": [], "flags_shown": [], "votes": None}

    data = ResultsData(Path("x"), [session], [row(0, TIMED_OUT, "neutral", 0, 0, True),
                                              row(1, "block_mum", "risky", 6, 10, False)])
    figs = compute(data)
    assert figs.summary.genuine_decisions == 1  # only the real choice
    assert figs.summary.over_suspicious == 1
    step = figs.scenarios[0].steps[0]
    assert step.timed_out == 1
