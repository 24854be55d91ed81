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
    d.click(broken[0].rect.center)  # a disabled card does nothing
    assert d.name == "PickerScene"
