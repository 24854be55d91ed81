"""A run left half-way (crash, power cut) is offered as "Resume" and loses at most one decision."""

import json

import pygame

from game.core.loader import SCENARIOS_DIR, load_scenario
from game.ui.scenes.picker import PickerScene
from game.ui.scenes.play import PlayScene


def test_resume_after_crash(make_driver, data_dir):
    scn = load_scenario(SCENARIOS_DIR / "demo_shipper.yaml").scenario
    d = make_driver(lang="en", timers=False)
    d.app.prefs.nickname = "Minh"
    d.app.push(PlayScene(d.app, scn))
    made = []
    while len(made) < 2:
        sc = d.scene
        if sc.card is not None:
            d.key(pygame.K_RETURN)
        elif sc.engine.deciding:
            made.append(sc.engine.step.id)
            d.key(pygame.K_1)
        else:
            d.key(pygame.K_SPACE)
    before = [x.choice for x in d.scene.engine.log]
    saved = json.loads((data_dir / "progress.json").read_text(encoding="utf-8"))
    assert [c["choice"] for c in saved["players"]["Minh"]["run"]["demo_shipper"]["choices"]] == before
    # "crash": the app goes away without finishing; a new one starts from the same folder
    pygame.display.quit()
    d2 = make_driver(lang="en", timers=False)
    assert d2.app.prefs.nickname == "Minh"
    d2.app.push(PickerScene(d2.app))
    d2.frame()
    assert "Resume where you stopped" in d2.texts()
    d2.click_action(("resume", "demo_shipper"))
    assert d2.name == "PlayScene"
    assert [x.choice for x in d2.scene.engine.log] == before
    assert d2.scene.engine.deciding or d2.scene.engine.ending is None


def test_the_card_of_a_saved_run_resumes_it_and_keeps_the_save(make_driver, data_dir):
    # a try-out student pressed Enter on the focused card (or clicked its text) under "Resume where
    # you stopped": the story started again at decision 1 and the save was gone
    scn = load_scenario(SCENARIOS_DIR / "demo_shipper.yaml").scenario
    d = make_driver(lang="en", timers=False)
    d.app.prefs.nickname = "Minh"
    d.app.push(PlayScene(d.app, scn))
    _decide(d, 2)
    before = [x.choice for x in d.scene.engine.log]
    pygame.display.quit()
    for how in ("click", "enter"):
        d2 = make_driver(lang="en", timers=False)
        d2.app.push(PickerScene(d2.app))
        d2.frame()
        card = next(it for it in d2.scene.items if it.group == "card" and it.action[1] == "demo_shipper")
        if how == "click":
            d2.click((card.rect.left + 12, card.rect.top + 12))  # the title, not the Resume button
        else:
            d2.scene.focus = card.action
            d2.key(pygame.K_RETURN)
        assert d2.name == "PlayScene", how
        assert [x.choice for x in d2.scene.engine.log] == before, how
        saved = json.loads((data_dir / "progress.json").read_text(encoding="utf-8"))
        assert [c["choice"] for c in saved["players"]["Minh"]["run"]["demo_shipper"]["choices"]] == before, how
        pygame.display.quit()


def test_corrupt_progress_file_is_ignored(make_driver, data_dir):
    (data_dir / "progress.json").write_text("{not json", encoding="utf-8")
    d = make_driver(lang="vi")
    d.app.push(PickerScene(d.app))
    d.frame()
    assert d.name == "PickerScene" and d.texts()


def test_picker_survives_a_broken_scenario_file(make_driver, tmp_path):
    good = (SCENARIOS_DIR / "demo_shipper.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "demo_shipper.yaml").write_text(good, encoding="utf-8")
    import shutil

    shutil.copytree(SCENARIOS_DIR / "images", folder / "images")
    (folder / "broken.yaml").write_text("id: broken\nsteps: [\n", encoding="utf-8")
    d = make_driver(lang="en", scenario_paths=[folder])
    d.app.push(PickerScene(d.app))
    d.frame()
    cards = [it for it in d.scene.items if it.group == "card"]
    assert len(cards) == 2
    broken = [it for it in cards if not it.enabled]
    assert len(broken) == 1
    assert "This scenario has an error and cannot be played:" in d.texts()
    assert any(t.startswith("broken.yaml:") for t in d.texts())  # the file's name and line, not its path
    assert str(tmp_path) not in d.screen_text() and "pack/" not in d.screen_text()
    d.click(broken[0].rect.center)  # a disabled card does nothing
    assert d.name == "PickerScene"


def _decide(d, count, until_end=False):
    """Play through the real UI: Enter on feedback cards, key 1 at each decision."""
    made = 0
    for _ in range(2000):
        sc = d.scene
        if d.name != "PlayScene" or (until_end and sc.engine.ending is not None and sc.card is None):
            return made
        if not until_end and made >= count:
            return made
        if sc.card is not None:
            d.key(pygame.K_RETURN)
        elif sc.engine.deciding:
            made += 1
            d.key(pygame.K_1)
        else:
            d.key(pygame.K_SPACE)
    raise AssertionError("the scenario did not end")


def test_a_resumed_run_is_one_session_with_the_final_score(make_driver, data_dir):
    from game.core import results as R
    from game.report.build import build_report

    scn = load_scenario(SCENARIOS_DIR / "demo_shipper.yaml").scenario
    results = data_dir / "usb"
    store = R.ResultsStore(results, data_dir=data_dir, machine="lab1")
    d = make_driver(lang="en", timers=False, recorder=store)
    d.app.prefs.nickname = "Minh"
    d.app.push(PlayScene(d.app, scn))
    _decide(d, 2)
    first = d.scene.session
    assert store.flush(5)
    store.close()  # the lesson's machine is switched off mid-run: the session is not finished
    pygame.display.quit()

    store = R.ResultsStore(results, data_dir=data_dir, machine="lab1")
    d2 = make_driver(lang="en", timers=False, recorder=store)
    d2.app.push(PickerScene(d2.app))
    d2.frame()
    d2.click_action(("resume", "demo_shipper"))
    assert d2.scene.session == first
    eng = d2.scene.engine
    _decide(d2, 0, until_end=True)
    assert eng.ending is not None and len(eng.log) > 2
    store.close()

    data = R.read_results(results / "results-lab1.db")
    assert [s["id"] for s in data.sessions] == [first]
    s = data.sessions[0]
    assert (s["score"], s["possible"], s["outcome"]) == (eng.score, eng.possible, eng.ending.outcome)
    assert [(x["idx"], x["choice"]) for x in data.decisions] == [(x.index, x.choice) for x in eng.log]
    summary = build_report([results], lang="en").figures.summary
    assert (summary.sessions, summary.finished) == (1, 1)
    assert summary.average == eng.percent


PLAY_UNTIL_KILLED = r"""
import sys
from pathlib import Path
import pygame
from game.core import results as R
from game.core.loader import SCENARIOS_DIR, load_scenario
from game.ui.scenes.play import PlayScene
from tests.ui.driver import Driver

data = Path(sys.argv[1])
store = R.ResultsStore(data / "usb", data_dir=data, machine="lab7")
d = Driver(data, lang="en", timers=False, recorder=store)
d.drawing = False
d.app.prefs.nickname = "Vy"
d.app.push(PlayScene(d.app, load_scenario(SCENARIOS_DIR / "demo_shipper.yaml").scenario))
made = 0
while True:
    sc = d.scene
    if sc.card is not None:
        d.key(pygame.K_RETURN)
    elif sc.engine.deciding:
        d.key(pygame.K_1)
        made += 1
        store.flush()  # acknowledge a decision only once the writer has committed it
        print(made, flush=True)
        if made == 2:
            sys.stdin.read()  # wait here to be killed, mid-run
    else:
        d.key(pygame.K_SPACE)
"""


def test_killed_during_play_the_db_alone_has_every_decision_and_the_resume_continues_it(make_driver, data_dir):
    """kill -9 during play, copy only the .db: the report shows every decision; resume, finish,
    copy only the .db again: one session with the engine's final score."""
    import os
    import shutil
    import signal
    import subprocess
    import sys

    from game.core import results as R
    from game.report.build import build_report

    root = SCENARIOS_DIR.parent
    env = dict(os.environ, LA_CHAN_DATA_DIR=str(data_dir), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    proc = subprocess.Popen([sys.executable, "-c", PLAY_UNTIL_KILLED, str(data_dir)], cwd=root, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        acked = [proc.stdout.readline().strip() for _ in range(2)]
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    assert acked == ["1", "2"]
    db = data_dir / "usb" / "results-lab7.db"
    stick = data_dir / "stick"
    stick.mkdir()
    shutil.copyfile(db, stick / db.name)  # only the .db
    report = build_report([stick], lang="en")
    assert not report.problems
    assert (report.figures.summary.sessions, report.figures.summary.decisions) == (1, 2)

    store = R.ResultsStore(data_dir / "usb", data_dir=data_dir, machine="lab7")
    d = make_driver(lang="en", timers=False, recorder=store)
    assert d.app.prefs.nickname == "Vy"
    d.app.push(PickerScene(d.app))
    d.frame()
    d.click_action(("resume", "demo_shipper"))
    eng = d.scene.engine
    assert len(eng.log) == 2
    _decide(d, 0, until_end=True)
    store.close()
    shutil.copyfile(db, stick / db.name)
    summary = build_report([stick], lang="en").figures.summary
    assert (summary.sessions, summary.finished, summary.decisions) == (1, 1, len(eng.log))
    assert summary.average == eng.percent
