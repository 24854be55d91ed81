"""Re-take docs/screenshots/v2-*.png from the shipped format-2 scenarios (fake_charity,
page_lock_phishing, fake_vneid), played by keyboard in a real window: mail, feed, About this page,
browser, camera, installer, permissions, a notification with a picture, the shade, home.

    /work/shared/tools/xshot -s 1280x720 -o /tmp/xshot -e 'wait 90; shot last' -- \
        env PYTHONPATH=. SDL_AUDIODRIVER=dummy python docs/screenshots/take_v2.py vi docs/screenshots
"""

import os
import sys
import tempfile
from pathlib import Path

# a fresh install's settings, in a folder of its own: never the player's saved settings or progress
os.environ["LA_CHAN_DATA_DIR"] = tempfile.mkdtemp(prefix="la-chan-shots-")

import pygame  # noqa: E402

from game.core.loader import load_all  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.scenes.play import PlayScene  # noqa: E402

lang, out = sys.argv[1], Path(sys.argv[2])
size = tuple(int(v) for v in (sys.argv[3] if len(sys.argv) > 3 else "1280x720").split("x"))
SCN = {x.scenario.id: x.scenario for x in load_all() if x.ok}
app = App(size=size, default_lang=lang, lang=lang)
app.prefs.nickname = "Lan"
sc = None


def start(sid):
    global sc
    sc = PlayScene(app, SCN[sid])
    app.reset(sc)
    settle(3)


def settle(n=30):
    for _ in range(n):
        app.frame(0.1)
        sc.assets.poll()


def save(tag):
    settle(3)
    app.draw()
    pygame.display.flip()
    pygame.image.save(app.surface, str(out / f"v2-{tag}.png"))
    print("saved", tag, sc.phone.screen)


def key(k):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))
    app.frame(0.1)


def to_step(step, path, wait=80, until=None):
    """Keys as a player: Enter past cards, the path's choice (its number key) at decisions, Space
    to skip ahead; stop when `step` is deciding (or `until()` holds)."""
    for _ in range(3000):
        if until is not None and until():
            return
        if sc.card is not None:
            key(pygame.K_RETURN)
        elif sc.engine.deciding and sc.engine.step.id == step and until is None:
            break
        elif sc.engine.deciding:
            cid = path[sc.engine.step.id]
            key(pygame.K_1 + [c.id for c in sc.numbered()].index(cid))
        else:
            key(pygame.K_SPACE)
    settle(wait)  # banners go, images arrive


# fake_charity: the sponsored post with a drawn tick in its picture, About this page, the QR
start("fake_charity")
charity = {"feed": "about_page", "about": "still_give", "scan": "stop_personal"}
to_step("feed", charity)
save("feed")
for top in range(0, 3000, 40):  # down to the charity post's comments (names with diacritics)
    sc.phone.scroll[("feed", "kipo")] = top
    app.draw()
    names = [it for it in sc.items if it.area == "phone" and it.text == "Hạnh Lê"]
    if names and names[0].rect.bottom < sc.phone_rect.bottom - 60:
        break
save("feed-comments")
sc.phone.scroll[("feed", "kipo")] = 0
sc.activate(("phone", "open", ("about", "kipo", "fake_page")))
save("about-page")
sc.activate(("phone", "back"))
sc.activate(("phone", "open", ("camera", "fake_charity/feed/fake_post/qr")))
save("scan-free")
sc.activate(("phone", "back"))
to_step("scan", charity, wait=80)
save("scan")
sc.phone.screen = ("home",)
save("home")

# page_lock_phishing: the real and the fake mail, the look-alike login page
start("page_lock_phishing")
page = {"new_admin": "keep_real", "phish": "open_link", "login_page": "fill_password"}
to_step("phish", page)
save("email")
sc.activate(("phone", "back"))
save("inbox")
to_step("login_page", page)
save("browser")
key(pygame.K_1 + [c.id for c in sc.numbered()].index("fill_password"))
settle(5)
save("browser-flag")

# fake_vneid: the parcel notification with a photo, the installer, the permissions screen
start("fake_vneid")
vneid = {"ring": "answer", "pitch": "give_id", "link_step": "download", "install_screen": "allow_install"}
for _ in range(200):
    app.frame(0.1)
    sc.assets.poll()
    if sc.phone.banners and sc.phone.banners[-1].image and sc.image(sc.phone.banners[-1].image) is not None:
        break
settle(4)
save("notification-banner")
settle(80)
sc.activate(("phone", "open", ("shade",)))
save("notification-image")
to_step("install_screen", vneid)
save("install")
to_step("install_prompts", vneid)
save("permissions")
print("done")
