"""Every phone screen at every window size and text size: nothing overlaps, nothing leaves the phone."""

import pygame
import pytest

from game.core.loader import SCENARIOS_DIR, load_scenario
from game.ui import layout
from game.ui.scenes.play import PlayScene

from .driver import layout_problems


@pytest.mark.parametrize("size", [(960, 600), (1280, 720), (1366, 768), (1920, 1080)])
@pytest.mark.parametrize("text_size", ["small", "medium", "large"])
def test_phone_screens(make_driver, size, text_size):
    scn = load_scenario(SCENARIOS_DIR / "demo_otp.yaml").scenario
    d = make_driver(lang="vi", size=size, text_size=text_size, timers=False)
    d.app.push(PlayScene(d.app, scn))
    d.run_until(lambda: d.scene.engine.deciding)
    screen = layout.compute(d.app.size, d.app.scale).screen
    visited = []

    def check(name):
        d.draw()
        probs = layout_problems(d.scene, screen)
        assert not probs, (name, probs[:4])
        visited.append(d.scene.phone.screen)

    check("lock")
    assert d.scene.phone.screen == ("lock",)
    texts = d.screen_text()
    note = d.scene.engine.phone.notifications[0]
    assert d.app.tr.text(note.title) in texts  # the notification is on the lock screen
    d.click_action(("phone", "unlock"))
    check("home")
    badges = [t for t in d.texts() if t.isdigit()]
    assert badges, "unread badge on Messages"
    d.click_action(("phone", "open", ("list", "sms")))
    check("list")
    d.click_action(("phone", "open", ("thread", "sms", "dad")))
    check("thread")
    d.key(pygame.K_BACKSPACE)
    d.key(pygame.K_BACKSPACE)
    d.click_action(("phone", "open", ("recents",)))
    check("recents")
    d.key(pygame.K_1)  # thank dad -> feedback card
    check("card")
    d.key(pygame.K_RETURN)
    d.run_until(lambda: d.scene.engine.deciding)
    check("chat thread")
    for _ in range(6):
        d.wheel(1)
    check("scrolled")
    assert [s[0] for s in visited][:5] == ["lock", "home", "list", "thread", "recents"]


def test_projector_zoom_keeps_layout(make_driver):
    """Projector mode enlarges everything with App.set_zoom; the phone still lays out cleanly."""
    scn = load_scenario(SCENARIOS_DIR / "demo_shipper.yaml").scenario
    d = make_driver(lang="vi", size=(1920, 1080), timers=False)
    before = d.app.fonts.body_px
    d.app.set_zoom(1.3)
    assert d.app.fonts.body_px > before
    d.app.push(PlayScene(d.app, scn))
    d.run_until(lambda: d.scene.engine.deciding)
    d.key(pygame.K_1)
    d.run_until(lambda: d.scene.engine.deciding)
    d.draw()
    probs = layout_problems(d.scene, layout.compute(d.app.size, d.app.scale).screen)
    assert not probs, probs[:4]


def test_choose_with_tab_and_enter_only(make_driver):
    scn = load_scenario(SCENARIOS_DIR / "demo_shipper.yaml").scenario
    d = make_driver(lang="en", timers=False)
    d.app.push(PlayScene(d.app, scn))
    d.run_until(lambda: d.scene.engine.deciding)
    d.draw()
    for _ in range(40):
        if d.scene.focus == ("choose", "decline"):
            break
        d.key(pygame.K_TAB)
    assert d.scene.focus == ("choose", "decline")
    assert any(it.focused and it.action == ("choose", "decline") for it in d.scene.items)
    d.key(pygame.K_RETURN)
    assert [x.choice for x in d.scene.engine.log] == ["decline"]
    assert d.scene.card is not None
    d.key(pygame.K_RETURN)  # closes the feedback card
    assert d.scene.card is None


def test_feedback_scrolls_thread_to_the_flagged_message(make_driver, tmp_path):
    from game.ui.bench import heavy_scenario

    path = heavy_scenario(tmp_path, 60)
    text = path.read_text(encoding="utf-8").replace("{id: m3, type: message,", "{id: m3, flags: [urgency], type: message,")
    path.write_text(text, encoding="utf-8")
    scn = load_scenario(path).scenario
    assert scn is not None and scn.steps[0].events[3].flags == ["urgency"]
    d = make_driver(lang="en", timers=False)
    d.app.push(PlayScene(d.app, scn))
    d.run_until(lambda: d.scene.engine.deciding)
    d.scene.activate(("phone", "open", ("thread", "zola", "stranger")))
    d.draw()

    def visible_ids():
        return {it.extra.get("msg") for it in d.scene.items if it.group == "bubble" and it.clip.colliderect(it.rect)}
    assert "bench_heavy/s1/m3" not in visible_ids()  # the newest messages are in view
    d.key(pygame.K_1)
    assert d.scene.card is not None
    d.draw()
    assert "bench_heavy/s1/m3" in visible_ids()
    flagged = [it for it in d.scene.items if it.extra.get("msg") == "bench_heavy/s1/m3"]
    assert flagged[0].border == 3


def test_green_strip_leads_back_to_a_live_call(make_driver):
    scn = load_scenario(SCENARIOS_DIR / "demo_shipper.yaml").scenario
    d = make_driver(lang="en", timers=False)
    d.app.push(PlayScene(d.app, scn))
    d.run_until(lambda: d.scene.engine.deciding)
    assert d.scene.phone.screen == ("call",)
    d.click_action(("phone", "home"))
    assert d.scene.phone.screen == ("home",)
    assert "Ringing: tap to answer" in d.texts()
    d.click_button("Ringing: tap to answer")
    assert d.scene.phone.screen == ("call",)


def test_drawing_never_changes_engine_state(make_driver):
    scn = load_scenario(SCENARIOS_DIR / "demo_otp.yaml").scenario
    d = make_driver(lang="en", timers=True)
    d.app.push(PlayScene(d.app, scn))
    eng = d.scene.engine

    def state():
        return repr((eng.time, eng.phone, eng.log, eng.score, eng.possible, eng.flags_shown, eng.vars, eng.visited))

    for _ in range(40):
        d.app.step(0.25)
        before = state()
        for screen in (("lock",), ("home",), ("list", "sms"), ("recents",), ("call",), ("thread", "sms", "dad")):
            d.scene.phone.screen = screen
            d.app.draw()
        assert state() == before
        if eng.deciding:
            d.scene.choose(d.scene.numbered()[0].id)
            d.scene.activate(("continue",))
        if d.name != "PlayScene":
            break
