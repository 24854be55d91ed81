"""The pre/post check: the quiz file, its items on the real phone, and what gets recorded."""

from pathlib import Path

import pygame
import pytest

from game.core import results as R
from game.core.engine import Engine
from game.core.quiz import (
    ANSWERS,
    item_scenario,
    iter_quiz_texts,
    load_quiz,
    load_quizzes,
    to_question,
)
from game.report.build import build_report

QUIZ = Path(__file__).resolve().parents[2] / "scenarios" / "quiz" / "pre_post.yaml"


def test_shipped_quiz_is_clean_and_mixed():
    lq = load_quiz(QUIZ)
    assert lq.ok, [d.format() for d in lq.diagnostics] + lq.problems
    assert not lq.diagnostics
    q = lq.quiz
    assert 6 <= len(q.items) <= 10
    assert {it.answer for it in q.items} == set(ANSWERS)
    assert sum(it.answer == "real" for it in q.items) >= 2  # over-suspicion must be measurable
    keys = [t.key for t in iter_quiz_texts(q)]
    assert len(keys) == len(set(keys))


def test_no_surface_feature_gives_the_answer_away():
    """Scams and real items are balanced, and each number prefix, app, and saved/unsaved sender
    that the quiz uses appears on both sides: only the content tells them apart."""
    q = load_quiz(QUIZ).quiz
    contacts = {c.id: c for c in q.contacts}
    sides = {"scam": set(), "real": set()}
    for it in q.items:
        for ev in it.events:
            sender = contacts.get(getattr(ev, "sender", None) or "")
            if ev.type in ("message", "call") and sender is not None:
                digits = "".join(ch for ch in sender.number or "" if ch.isdigit())
                if len(digits) >= 10:
                    sides[it.answer].add(("prefix", digits[:2]))
                sides[it.answer].add(("saved", bool(sender.saved)))
                sides[it.answer].add(("app", ev.type if ev.type == "call" and not ev.app else ev.app or "sms"))
    counts = {a: sum(it.answer == a for it in q.items) for a in ANSWERS}
    assert abs(counts["scam"] - counts["real"]) <= 1, counts
    assert sides["scam"] == sides["real"], sides["scam"] ^ sides["real"]


def test_every_item_runs_on_the_engine_and_scores_the_right_answer():
    q = load_quizzes()[0]
    for item in q.items:
        for answer in ANSWERS:
            eng = Engine(item_scenario(q, item))
            assert to_question(eng, item)
            assert [c.id for c in eng.offered()] == list(ANSWERS)
            d = eng.choose(answer).decision
            assert d.step == item.id and d.best == 1
            assert d.score == (1 if answer == item.answer else 0)
            assert eng.ending is not None


def test_broken_quiz_files_are_reported_not_raised(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nid: other\nsource_language: vi\ntitle: x\nintro: y\n"
                   "player: {name: A}\nitems:\n  - id: a\n    title: t\n    answer: maybe\n"
                   "    explanation: e\n    events: [{id: m, type: message, from: ghost, text: hi}]\n",
                   encoding="utf-8")
    lq = load_quiz(bad)
    assert not lq.ok
    codes = {d.code for d in lq.diagnostics}
    assert "LC106" in codes  # answer: maybe
    assert "LC202" in codes  # unknown contact
    assert any("file name" in p for p in lq.problems) and any("6 to 10" in p for p in lq.problems)
    (tmp_path / "junk.yaml").write_bytes(b"\xff\xfe not yaml")
    assert not load_quiz(tmp_path / "junk.yaml").ok


@pytest.fixture
def driver(make_driver, tmp_path):
    from game.ui.quiz import flow

    rec = R.ResultsStore(tmp_path / "usb", data_dir=tmp_path / "local", machine="pc1")
    d = make_driver(recorder=rec)
    d.app.prefs.nickname, d.app.prefs.class_code = "Hà", "7A"
    flow.configure(d.app, True)
    yield d
    rec.close()


def press(d, key, n=1):
    for _ in range(n):
        d.key(key)


def test_pre_and_post_check_through_the_game(driver, tmp_path):
    from game.ui.scenes.profile import ProfileScene

    d, q = driver, driver.app.quiz
    d.app.push(ProfileScene(d.app))
    d.frame()
    d.type("Hà")  # the nickname field starts empty (the class code is kept)
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)
    assert d.name == "QuizIntroScene"
    d.key(pygame.K_RETURN)
    shown = []
    for item in q.items:  # before: no feedback, answer "scam" to everything
        assert d.name == "QuizItemScene" and d.scene.item.id == item.id
        d.run_until(lambda item=item: d.scene.engine.deciding and d.scene.engine.step.id == item.id, dt=0.25)
        d.draw()
        shown.append(d.screen_text())
        assert "Scam or real?" in shown[-1]
        d.key(pygame.K_1)
    assert d.name == "QuizDoneScene"
    # the items were drawn on the phone: message text and call captions are on screen
    assert any("SongXanh" in s for s in shown)
    assert any("money-laundering" in s or "rửa tiền" in s for s in shown)
    d.key(pygame.K_RETURN)
    assert d.name == "PickerScene"
    d.click_button("Finish: final check")
    assert d.name == "QuizIntroScene"
    d.key(pygame.K_RETURN)
    for item in q.items:  # after: right answers, with an explanation each time
        d.run_until(lambda item=item: d.scene.engine.deciding and d.scene.engine.step.id == item.id, dt=0.25)
        d.key(pygame.K_1 if item.answer == "scam" else pygame.K_2)
        assert "Right!" in d.screen_text()
        d.key(pygame.K_RETURN)
    assert d.name == "QuizDoneScene"
    assert f"{len(q.items)} of {len(q.items)}" in d.screen_text()
    d.key(pygame.K_RETURN)
    assert d.name == "PickerScene"
    with pytest.raises(AssertionError):
        d.button("Finish: final check")  # done once per player
    d.app.recorder.close()

    data = R.read_results(tmp_path / "usb" / "results-pc1.db")
    phases = {s["phase"]: s for s in data.sessions}
    assert set(phases) == {"pre", "post"} and all(s["mode"] == "quiz" for s in data.sessions)
    assert phases["post"]["score"] == len(q.items)
    pre = [x for x in data.decisions if x["session_id"] == phases["pre"]["id"]]
    assert [x["step"] for x in pre] == [it.id for it in q.items]
    assert all(x["choice"] == "scam" for x in pre)
    figs = build_report([tmp_path / "usb"], lang="en").figures
    reals = sum(it.answer == "real" for it in q.items)
    assert figs.prepost.false_alarms == {"pre": reals, "post": 0}
    assert figs.prepost.post_avg == 100
    assert figs.prepost.pre_avg == pytest.approx(100 * (len(q.items) - reals) / len(q.items))
