"""Issue 13's small fixes, each through the real UI: Tiếng Việt on a first start, tags and
difficulty in the player's language, no file path in Settings, F11 repaints at once, the
high-contrast pause dialog's panel, and classroom Enter that never reveals on a skip's press."""

import re
from pathlib import Path

import pygame

from game.cli.common import first_start_lang, screen_lang
from game.core import results as R
from game.core.loader import ROOT, load_scenario
from game.ui.scenes.pause import PauseScene
from game.ui.scenes.picker import PickerScene
from game.ui.scenes.settings import SettingsScene


def test_a_first_start_offers_vietnamese_whatever_the_os_locale(monkeypatch, make_driver, tmp_path):
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.setenv(var, "en_US.UTF-8")
    monkeypatch.delenv("LA_CHAN_LANG", raising=False)
    monkeypatch.setenv("LA_CHAN_DATA_DIR", str(tmp_path))  # no language chosen yet
    assert first_start_lang() == "vi" and screen_lang() == "vi"
    monkeypatch.setenv("LA_CHAN_LANG", "en")
    assert first_start_lang() == "en"  # tests and benchmarks still choose
    d = make_driver(lang=None, default_lang="vi")
    assert d.app.lang == "vi"


def picker_text(make_driver, lang):
    d = make_driver(lang=lang)
    d.app.push(PickerScene(d.app))
    d.frame()
    return d, d.screen_text()


def test_tags_and_difficulty_are_words_in_the_players_language(make_driver):
    d, vi = picker_text(make_driver, "vi")
    tax = d.app.get_taxonomy()
    assert "bat_coc_online" in tax.tags
    assert "Bắt cóc online" in vi and "Độ khó:" in vi
    assert not re.search(r"#\w", vi)  # no raw ids
    for sid in ("bat_coc_online", "fake_police", "real_message"):
        assert sid not in vi
    pygame.display.quit()
    d, en = picker_text(make_driver, "en")
    assert "Online kidnapping" in en and "Difficulty: " in en
    assert "Bắt cóc online" not in en and "bat_coc_online" not in en
    # every tag a shipped scenario uses has a name, so none is silently left off a card
    used = {t for e in d.app.get_catalog().entries if e.ok for t in e.scenario.tags}
    assert used <= set(tax.tags), used - set(tax.tags)


def test_settings_never_shows_a_file_path(make_driver, tmp_path):
    folder = tmp_path / "lab-share" / "results"
    rec = R.ResultsStore(folder, data_dir=tmp_path / "local", machine="pc7")
    d = make_driver(recorder=rec)
    d.app.push(SettingsScene(d.app))
    d.frame()
    text = d.screen_text()
    assert "Results are being saved." in text
    assert str(tmp_path) not in text and "lab-share" not in text
    assert not re.search(r"[/\\][\w.-]+[/\\]|[A-Za-z]:\\", text), text  # nothing shaped like a path
    rec.close()


def test_f11_repaints_the_whole_window_at_once_and_again_while_it_settles(make_driver):
    d = make_driver()
    d.app.push(PickerScene(d.app))
    d.app.render()
    assert d.app.render() == []  # nothing changed: nothing painted
    frames = d.app.frames
    d.key(pygame.K_F11, dt=0.05)
    assert d.app.prefs.fullscreen
    assert d.app.frames > frames  # painted inside the key press, before any later input
    assert d.app.surface is pygame.display.get_surface()
    assert d.app.wake_in() is not None  # the loop comes back without waiting for a key
    assert d.app.render() is None  # a whole repaint, though nothing in the scene changed
    while d.app.settle:
        assert d.app.render() is None
    assert d.app.render() == [] and d.app.wake_in() is None
    d.key(pygame.K_F11)
    assert not d.app.prefs.fullscreen


def test_high_contrast_pause_dialog_has_a_visible_panel(make_driver):
    from game.ui.scenes.play import PlayScene

    d = make_driver()
    d.app.prefs.high_contrast = True
    d.app.apply_prefs()
    scn = load_scenario(ROOT / "scenarios" / "demo_shipper.yaml").scenario
    d.app.push(PlayScene(d.app, scn))
    d.frame()
    d.key(pygame.K_ESCAPE)
    assert isinstance(d.scene, PauseScene)
    th = d.app.theme
    panel = next(it for it in d.scene.items if it.group == "dialog")
    assert panel.border >= 2 and panel.border_colour != th["panel"]
    # and the pixels on the panel's edge differ from the pixels inside it
    surf = d.app.surface
    edge = surf.get_at((panel.rect.centerx, panel.rect.top + 1))
    inside = surf.get_at((panel.rect.centerx, panel.rect.top + 8))
    assert edge != inside
    buttons = [it for it in d.scene.items if it.kind == "button"]
    assert buttons and all(b.border >= 2 for b in buttons)


def test_classroom_enter_that_skipped_ahead_does_not_reveal(make_driver, tmp_path):
    import time

    from game.ui.classroom.scenes import ENTER_REPEAT_GAP, ClassroomScene

    rec = R.ResultsStore(tmp_path / "usb", data_dir=tmp_path / "local", machine="projector")
    d = make_driver(recorder=rec)
    scn = load_scenario(Path(ROOT) / "scenarios" / "demo_shipper.yaml").scenario
    d.app.push(ClassroomScene(d.app, scn))
    d.frame()

    def release(ev_type=pygame.KEYUP):
        kw = {"key": pygame.K_RETURN, "mod": 0, "unicode": "", "scancode": 0} if ev_type == pygame.KEYUP else {}
        pygame.event.post(pygame.event.Event(ev_type, **kw))
        d.frame()

    assert not d.scene.engine.deciding
    d.key(pygame.K_RETURN)  # skip ahead: the story runs on to the first decision
    assert d.scene.engine.deciding
    for _ in range(5):  # the key held down repeats
        d.key(pygame.K_RETURN, dt=0.04)
    assert not d.scene.revealed
    release()
    d.key(pygame.K_RETURN)  # a new press, as the vote has only just appeared: still nothing
    assert not d.scene.revealed
    d.frame(1.6)
    d.key(pygame.K_RETURN)  # once the vote has been on screen a moment, Enter reveals
    assert d.scene.revealed
    d.key(pygame.K_RETURN)  # and the next one goes on with the class's choice
    assert not d.scene.revealed
    # a window that loses the focus never gets the release: that ends the press too
    d.run_until(lambda: d.scene.engine.deciding or d.name != "ClassroomScene")
    d.frame(1.6)
    d.scene.revealed = False
    d.scene.enter_held_at = time.monotonic()
    release(pygame.WINDOWFOCUSLOST)
    d.key(pygame.K_RETURN)
    assert d.scene.revealed
    # and so does a pause longer than a key's repeats ever leave
    d.scene.revealed = False
    d.scene.enter_held_at = time.monotonic()
    time.sleep(ENTER_REPEAT_GAP + 0.05)
    d.key(pygame.K_RETURN)
    assert d.scene.revealed
    rec.close()
