"""No audio device, settings that re-render at once, and the language switch."""

import os
import subprocess
import sys
from pathlib import Path

import pygame

from game.core.loader import SCENARIOS_DIR, load_scenario
from game.ui.scenes.picker import PickerScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.settings import SettingsScene

ROOT = Path(__file__).resolve().parents[2]

NO_AUDIO = """
import os, pygame
from game.core.loader import SCENARIOS_DIR, load_scenario
from game.ui.app import App
from game.ui.scenes.play import PlayScene
app = App(lang="en")
assert not app.sounds.ok, "mixer should have failed"
app.push(PlayScene(app, load_scenario(SCENARIOS_DIR / "demo_shipper.yaml").scenario))
for _ in range(100):
    app.step(0.1); app.draw()
print("ok", app.top.engine.phone.call.status)
"""


def test_runs_silently_without_audio_device(tmp_path):
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="no_such_driver", LA_CHAN_DATA_DIR=str(tmp_path),
               PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", NO_AUDIO], env=env, capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "ok ringing" in out.stdout


def test_language_switch_rerenders_at_once(make_driver):
    d = make_driver(lang="en")
    d.app.push(PickerScene(d.app))
    d.frame()
    assert "Settings" in d.texts()
    en = set(d.texts())
    d.app.set_language("vi")
    d.frame()
    vi = set(d.texts())
    assert vi != en  # scenario titles and UI words follow the new language immediately
    assert d.app.tr.gettext("Settings") in vi


def test_settings_toggle_and_text_size(make_driver):
    d = make_driver(lang="en")
    d.app.push(PickerScene(d.app))
    d.app.push(SettingsScene(d.app))
    d.frame()
    assert "Text size: Medium" in d.texts()
    px = d.app.fonts.body_px
    d.key(pygame.K_1)
    assert "Text size: Large" in d.texts() and d.app.fonts.body_px > px
    d.key(pygame.K_2)
    assert d.app.prefs.timers == "off" and "Decision timers: Off" in d.texts()
    d.key(pygame.K_6)
    assert d.app.theme.high_contrast and d.app.theme["bg"] == (0, 0, 0)
    d.key(pygame.K_ESCAPE)
    assert d.name == "PickerScene"
    assert d.app.progress.prefs.high_contrast  # remembered


def test_timer_countdown_and_timeout_feedback(make_driver):
    scn = load_scenario(SCENARIOS_DIR / "demo_shipper.yaml").scenario
    d = make_driver(lang="en", timers=True)
    d.app.push(PlayScene(d.app, scn, start="interrogation"))
    d.run_until(lambda: d.scene.engine.deciding)
    d.frame()
    assert any("seconds left" in t for t in d.texts())
    d.run_until(lambda: d.scene.card is not None, dt=1.0)
    assert d.scene.card.decision.timed_out and d.scene.card.choice is None
    texts = d.texts()
    assert "Time ran out: no decision" in texts
    assert any("always allowed to take your time" in t for t in texts)
    assert d.scene.engine.vars["gave_info"] is False  # nothing was read out for the player
    d.key(pygame.K_RETURN)
    d.run_until(lambda: d.name == "DebriefScene")
    assert any("Time ran out (no answer)" in t for t in d.texts()), d.texts()


def test_flags_highlighted_on_the_lines_that_showed_them(make_driver):
    scn = load_scenario(SCENARIOS_DIR / "demo_shipper.yaml").scenario
    d = make_driver(lang="en", timers=False)
    d.app.push(PlayScene(d.app, scn))
    d.run_until(lambda: d.scene.engine.deciding)
    d.key(pygame.K_1)  # answer the call (not scored)
    d.run_until(lambda: d.scene.engine.deciding)
    d.key(pygame.K_2)  # ask for the order number: scored, after flagged lines
    sc = d.scene
    assert sc.card is not None
    flagged = [it for it in sc.items if it.group in ("caption", "bubble") and it.border == 3]
    assert flagged, "flagged lines are outlined"
    keys = {it.extra.get("line") or it.extra.get("msg") for it in flagged}
    shown = {k for f in sc.card.decision.flags_shown for k in sc.engine.flags_shown[f]}
    assert keys <= shown


RING = """
import pygame
from game.core.loader import SCENARIOS_DIR, load_scenario
from game.ui.app import App
from game.ui.scenes.play import PlayScene
app = App(lang="en")
assert app.sounds.ok
app.push(PlayScene(app, load_scenario(SCENARIOS_DIR / "demo_shipper.yaml").scenario))
for _ in range(30):
    app.step(0.1); app.draw()
    pygame.time.wait(20)
print("status", app.top.engine.phone.call.status)
pygame.mixer.quit()
"""


def test_ringtone_is_heard(tmp_path):
    """With SDL's disk audio driver the mixed sound lands in a file: the ring must not be silence."""
    out_file = tmp_path / "audio.raw"
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="disk", SDL_DISKAUDIOFILE=str(out_file),
               LA_CHAN_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", RING], env=env, capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "status ringing" in out.stdout
    data = out_file.read_bytes()
    assert len(data) > 1000 and any(b not in (0, 0xFF) for b in data[-20000:])
