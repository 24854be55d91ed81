"""Re-take docs/screenshots/v2-*.png: play tests/fixtures/v2/v2_channels_vi.yaml in a real window
and save each new phone screen (mail, feed, About this page, browser, camera, installer, ...).

    xvfb-run -a -s "-screen 0 1280x720x24" env PYTHONPATH=. SDL_AUDIODRIVER=dummy \
        python docs/screenshots/take_v2.py vi docs/screenshots 1280x720 tests/fixtures/v2/v2_channels_vi.yaml
"""

import os
import sys
import tempfile
from pathlib import Path

# a fresh install's settings, in a folder of its own: never the player's saved settings or progress
os.environ["LA_CHAN_DATA_DIR"] = tempfile.mkdtemp(prefix="la-chan-shots-")

import pygame  # noqa: E402

from game.core.loader import load_scenario  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.scenes.play import PlayScene  # noqa: E402

lang, out = sys.argv[1], Path(sys.argv[2])
size = tuple(int(v) for v in (sys.argv[3] if len(sys.argv) > 3 else "1280x720").split("x"))
scn = load_scenario(Path(sys.argv[4] if len(sys.argv) > 4 else "tests/fixtures/v2/v2_channels_vi.yaml")).scenario
app = App(size=size, default_lang=lang, lang=lang)
app.prefs.nickname = "Lan"
sc = PlayScene(app, scn)
app.push(sc)


def settle(n=30):
    for _ in range(n):
        app.frame(0.1)
        sc.assets.poll()


def save(tag):
    settle(3)
    app.draw()
    pygame.display.flip()
    pygame.image.save(app.surface, str(out / f"v2-{tag}.png"))


def key(k):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))
    app.frame(0.1)


def to_step(step, wait=80):
    """Keys as a player: Enter past cards, 1 at other decisions, Space to skip ahead."""
    for _ in range(3000):
        if sc.card is not None:
            key(pygame.K_RETURN)
        elif sc.engine.deciding and sc.engine.step.id == step:
            break
        elif sc.engine.deciding:
            key(pygame.K_1)
        else:
            key(pygame.K_SPACE)
    settle(wait)  # banners go, images arrive


SHOTS = [
    ("s_chat", 80, "qr-bubble", None),
    ("s_mail", 80, "email", None),
    (None, 0, "inbox", ("phone", "back")),
    ("s_feed", 80, "feed", None),
    (None, 0, "about-page", ("phone", "open", ("about", "feed", "quy"))),
]
for step, wait, tag, action in SHOTS:
    if step:
        to_step(step, wait)
    if action:
        sc.activate(action)
    save(tag)
sc.activate(("phone", "back"))
sc.activate(("phone", "open", ("camera", f"{scn.id}/s_feed/p1/qr")))
save("scan-free")
sc.activate(("phone", "back"))
to_step("s_scan", wait=6)
save("notification-banner")
settle(80)
save("scan")
sc.activate(("phone", "open", ("shade",)))
save("notification-image")
sc.phone.screen = ("home",)
save("home")
to_step("s_page")
save("browser")
key(pygame.K_1)
settle(5)
save("browser-flag")
to_step("s_install")
save("install")
to_step("s_perm")
save("permissions")
print("done")
