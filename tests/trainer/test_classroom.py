"""Classroom mode, headless, driven by posted key events like a trainer at the keyboard."""

import pygame
import pytest

from game.core import results as R
from game.core.loader import load_scenario
from game.core.texts import Text
from game.report.build import build_report

from .helpers import ROOT


@pytest.fixture
def room(make_driver, tmp_path):
    from game.ui.classroom.scenes import ClassroomScene

    rec = R.ResultsStore(tmp_path / "usb", data_dir=tmp_path / "local", machine="projector")
    d = make_driver(recorder=rec, text_size="large")
    d.app.prefs.class_code = "9A"
    scn = load_scenario(ROOT / "scenarios" / "demo_shipper.yaml").scenario
    d.app.push(ClassroomScene(d.app, scn))
    d.frame()
    yield d, rec, scn
    rec.close()


def wait_decision(d):
    d.run_until(lambda: d.scene.engine.deciding or d.scene.engine.ending is not None, dt=0.25)
    d.frame(1.6)  # the vote has been on screen a moment: Enter now reveals (not a skip's late press)


def test_votes_reveal_and_continue(room, tmp_path):
    d, rec, scn = room
    wait_decision(d)
    opts = d.scene.options()
    assert len(opts) >= 2
    text = d.screen_text()
    assert "Hands up" in text and "Reveal the answers" in text
    # A: 12 hands (typed 1, 2), B: 5 hands (typed 5, 9, Backspace)
    for k in (pygame.K_a, pygame.K_1, pygame.K_2, pygame.K_b, pygame.K_5, pygame.K_9, pygame.K_BACKSPACE):
        d.key(k)
    assert d.scene.count(opts[0].id) == 12 and d.scene.count(opts[1].id) == 5
    assert "12 hands" in d.screen_text()
    assert d.scene.engine.deciding and not d.scene.engine.log  # nothing decided before the reveal
    d.key(pygame.K_RETURN)
    assert d.scene.revealed
    explained = [c for c in opts if c.explanation]
    eng = d.scene.engine
    shown = d.app.tr.text(Text(f"{eng.choice_key(explained[0])}/explanation", explained[0].explanation))
    assert shown[:30] in d.screen_text().replace("\n", " ")
    d.key(pygame.K_b)  # the trainer continues with B even though A had more hands
    first = d.scene.engine.log[0]
    assert first.choice == opts[1].id
    # the rest of the story: Enter reveals, Enter takes the most voted (no votes: the first)
    for _ in range(30):
        if d.name != "ClassroomScene":
            break
        wait_decision(d)
        if d.name != "ClassroomScene" or d.scene.engine.ending is not None:
            break
        d.key(pygame.K_3)
        d.key(pygame.K_RETURN)
        d.key(pygame.K_RETURN)
    assert d.name == "ClassroomDebriefScene"
    rec.close()
    data = R.read_results(tmp_path / "usb" / "results-projector.db")
    assert [s["mode"] for s in data.sessions] == ["classroom"]
    assert data.sessions[0]["class_code"] == "9A" and data.sessions[0]["outcome"]
    assert data.decisions[0]["votes"] == {opts[0].id: 12, opts[1].id: 5}
    assert all(x["votes"] for x in data.decisions)
    figs = build_report([tmp_path / "usb"], lang="en").figures
    assert figs.summary.classroom_sessions == 1 and figs.summary.students == 0
    step = next(st for sc in figs.scenarios for st in sc.steps if st.step == first.step)
    assert {c.choice: c.votes for c in step.choices if c.votes} == {opts[0].id: 12, opts[1].id: 5}
    assert step.votes_total == 17


def test_a_letter_with_no_option_takes_the_digits_after_it_nowhere(room):
    # try-out: "a 1 2 b 8 c 5" with two options: "c" was ignored and B got 85 hands
    d, rec, scn = room
    wait_decision(d)
    opts = d.scene.options()
    missing = "abcdefgh"[len(opts)]
    for k in ("a", "1", "2", "b", "8", missing, "5"):
        d.key(pygame.key.key_code(k))
    assert [d.scene.count(c.id) for c in opts[:2]] == [12, 8]
    assert f"There is no option {missing.upper()}" in d.screen_text()
    d.key(pygame.K_a)
    d.key(pygame.K_3)
    assert d.scene.count(opts[0].id) == 123 and "There is no option" not in d.screen_text()


def test_escape_returns_to_the_list_and_letters_do_nothing_while_watching(room):
    d, rec, scn = room
    assert not d.scene.engine.deciding
    d.key(pygame.K_a)
    assert not d.scene.engine.log
    d.key(pygame.K_ESCAPE)
    assert d.name == "ClassroomPickerScene"
    assert "Choose a scenario" in d.screen_text()
    d.key(pygame.K_1)
    assert d.name == "ClassroomScene"


def test_picker_pages_reach_every_scenario(make_driver):
    from game.ui.classroom.scenes import ClassroomPickerScene

    d = make_driver(text_size="large")
    d.app.push(ClassroomPickerScene(d.app))
    d.frame()
    picker = d.scene
    ids = [e.id for e in picker.entries()]
    seen = []
    for _ in range(len(ids)):
        d.draw()
        seen += [e.id for e in picker.shown()]
        if len(seen) >= len(ids):
            break
        d.key(pygame.K_PAGEDOWN)
    assert seen == ids
    first_on_last_page = picker.shown()[0].id
    d.key(pygame.K_1)
    assert d.name == "ClassroomScene" and d.scene.scn.id == first_on_last_page


def test_enter_reveals_once_the_vote_has_been_up_a_moment_by_the_clock(room, monkeypatch):
    # the real loop sends no frames to a still vote, so the vote's age counted in frame time never
    # reached the pause that protects a skip's late Enter: a keyboard-only trainer could not reveal
    import game.ui.scene as scene_mod

    d, rec, scn = room
    d.run_until(lambda: d.scene.engine.deciding, dt=0.25)
    d.key(pygame.K_RETURN, dt=0.0)
    assert not d.scene.revealed  # pressed as the vote appeared: meant for the skip
    later = scene_mod.time.monotonic() + 5
    monkeypatch.setattr(scene_mod.time, "monotonic", lambda: later)  # the trainer waits; no frames come
    d.key(pygame.K_RETURN, dt=0.0)
    assert d.scene.revealed
