"""Idle turns prepare the screens the player can open next (PlayScene.prepare): the frame that
opens one renders no new text, the scene shows exactly what it showed before, and a screen that
fails to build while being prepared costs nothing but the head start."""

import logging

import pygame
import pytest

from game.core.loader import load_scenario
from game.ui import painter as painter_mod
from game.ui.bench_channels import write_scenario
from game.ui.phone import screens
from game.ui.scenes.play import PlayScene
from game.ui.surfcache import SurfaceCache


def _channels(d, tmp_path, n=12):
    scene = PlayScene(d.app, load_scenario(write_scenario(tmp_path, n)).scenario)
    d.app.push(scene)
    scene.engine.skip()  # every channel lands at once
    d.app.step(0)
    scene.phone.screen = ("mail", "mail")
    d.app.step(0)
    d.app.render()
    return scene


def _text_rendered(monkeypatch, app) -> list:
    """Keys of the text surfaces the fonts render from now on (cache misses)."""
    got = []
    real = SurfaceCache.__setitem__

    def counting(self, key, surf):
        if self is app.fonts._surfaces:
            got.append(key)
        real(self, key, surf)

    monkeypatch.setattr(SurfaceCache, "__setitem__", counting)
    return got


def _shown(scene) -> tuple:
    ph = scene.phone
    return (list(scene.items), dict(scene.scrolls), dict(ph.scroll), ph.screen, scene.thread_max_scroll,
            dict(ph.seen), scene.laid_out() is scene.items)


def test_idle_turns_prepare_what_is_in_reach_and_opening_it_renders_no_text(make_driver, tmp_path, monkeypatch):
    d = make_driver(timers=False)
    scene = _channels(d, tmp_path)
    shown = _shown(scene)
    turns = 0
    while scene.prepare():
        turns += 1
        assert turns < 100
    assert turns >= 8  # mails, the feed, its page's About sheet, the web page, cameras, installers
    assert _shown(scene) == shown, "preparing changed what the scene shows"
    assert d.app.render() == []  # and nothing on screen needs painting again
    assert scene.prepare() is False  # nothing left: an idle turn costs no more work
    rendered = _text_rendered(monkeypatch, d.app)
    reach = screens.within_reach(scene)
    assert {t[0] for t in reach} >= {"mail", "email", "feed", "about", "page", "camera", "install", "scan"}
    for target in reach:
        scene.phone.screen = target
        d.app.step(0)
        d.app.render()
        assert not rendered, f"opening {target} rendered text that was not prepared: {rendered[:3]}"


def test_without_idle_turns_opening_a_screen_renders_its_text(make_driver, tmp_path, monkeypatch):
    """The control for the test above: the same screens, not prepared."""
    d = make_driver(timers=False)
    scene = _channels(d, tmp_path)
    rendered = _text_rendered(monkeypatch, d.app)
    scene.phone.screen = ("page", "bench_channels/s1/pg")
    d.app.step(0)
    d.app.render()
    assert rendered


def test_the_real_loop_prepares_on_idle_turns(make_driver, tmp_path):
    d = make_driver(timers=False)
    scene = _channels(d, tmp_path)
    for _ in range(60):
        d.app.frame(1 / 30)  # nothing moves: every turn is idle
    assert scene.prepare() is False
    assert len(scene._prepared) == len(screens.within_reach(scene))


def test_reading_a_mail_prepares_the_inbox_row_it_leaves_read(make_driver, tmp_path, monkeypatch):
    d = make_driver(timers=False)
    scene = _channels(d, tmp_path)
    while scene.prepare():
        pass
    newest = scene.engine.phone.emails[-1].id
    scene.phone.screen = ("email", "mail", newest)
    d.app.step(0)  # it is read now: its inbox row is drawn as read
    d.app.render()
    while scene.prepare():
        pass
    rendered = _text_rendered(monkeypatch, d.app)
    scene.phone.screen = ("mail", "mail")
    d.app.step(0)
    d.app.render()
    assert not rendered


def test_within_reach_takes_the_newest_of_each_kind_first(make_driver, tmp_path):
    d = make_driver(timers=False)
    scene = _channels(d, tmp_path, n=30)
    reach = screens.within_reach(scene)
    assert len(reach) == screens.REACH_MAX
    first = reach[:8]
    assert ("page", "bench_channels/s1/pg") in first  # not behind thirty emails
    assert ("email", "mail", scene.engine.phone.emails[-1].id) in first  # the newest mail, not the oldest


def test_a_screen_that_fails_to_build_is_not_prepared_and_the_game_goes_on(make_driver, tmp_path, monkeypatch,
                                                                               caplog):
    d = make_driver(timers=False)
    scene = _channels(d, tmp_path)
    shown = _shown(scene)

    def broken(*_a, **_k):
        raise ValueError("a broken screen")

    monkeypatch.setattr(screens, "build", broken)
    with caplog.at_level(logging.ERROR):
        assert scene.prepare() is False
    assert "preparing" in caplog.text
    assert _shown(scene) == shown
    assert scene.prepare() is False  # not tried again
    monkeypatch.undo()
    scene.phone.screen = ("feed", "feed")
    d.app.step(0)
    d.app.render()  # opening it still works


def test_a_small_rounded_box_painted_whole_has_the_pixels_of_its_fills_and_corners(make_driver):
    d = make_driver(timers=False)
    p = d.app.painter
    for size, radius in (((34, 34), 17), ((8, 8), 4), ((60, 20), 6), ((40, 30), 30), ((64, 64), 9)):
        rect = pygame.Rect((5, 7), size)
        colour = (244, 81, 30)
        assert rect.w * rect.h <= painter_mod.WHOLE_BOX_AREA
        whole, parts = pygame.Surface((80, 80)), pygame.Surface((80, 80))
        for s in (whole, parts):
            for x in range(0, 80, 4):  # a striped background shows any corner pixel left or painted
                s.fill((x * 3, 90, 200 - x), (x, 0, 4, 80))
        p._box(whole, rect, colour, radius)
        painter_mod.fastfill.rounded(parts, colour, rect, radius, lambda r, c=colour: p._disc(r, c))
        assert pygame.image.tobytes(whole, "RGB") == pygame.image.tobytes(parts, "RGB"), (size, radius)


def test_preparing_a_screen_loads_none_of_its_pictures(make_driver):
    """Pictures wait until their screen is opened: memory goes to what the player sees."""
    from game.core.loader import SCENARIOS_DIR

    d = make_driver(timers=False)
    scene = PlayScene(d.app, load_scenario(SCENARIOS_DIR / "fake_charity.yaml").scenario)
    d.app.push(scene)
    scene.engine.skip()  # its posts with pictures land
    assert any(p.image for p in scene.engine.phone.posts)
    scene.phone.screen = ("home",)
    scene.phone.last_focus = scene.engine.phone.focus  # stay on the home screen
    d.app.step(0)
    d.app.render()

    def images():
        a = scene.assets
        return [k for k in (*a._pending, *a._ready) if k[0] == "image"]

    assert images() == []
    while scene.prepare():
        pass
    assert ("feed", scene.engine.phone.posts[0].app) in {t for t, _v in scene._prepared}
    assert images() == []
    scene.phone.screen = ("feed", scene.engine.phone.posts[0].app)
    d.app.step(0)
    d.app.render()
    assert images()  # opened: now they load


def test_the_picker_prepares_the_cards_a_key_press_would_show(make_driver, monkeypatch):
    """Tab through every card and round again, with an idle turn between presses, as a player reads:
    no frame renders card text (the grid's cards hold more text than the cache: without the
    head start the rows a Tab scrolls to and the jump back to the top rendered theirs again)."""
    from game.ui.scenes.picker import PickerScene

    d = make_driver(timers=False)
    d.app.push(PickerScene(d.app))
    d.app.frame(1 / 30)
    rendered = _text_rendered(monkeypatch, d.app)
    scene = d.app.top
    scrolled = 0
    for _ in range(2 * len(scene.order) + 2):
        while scene.prepare():
            pass
        rendered.clear()  # what the idle turns rendered
        before = scene.scroll
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0, unicode="", scancode=0))
        d.app.frame(1 / 30)
        scrolled += scene.scroll != before
        cards = {it.text for its, _h in scene._cards.values() for it in its if it.text}
        assert not [k for k in rendered if k[0] in cards], f"a Tab rendered card text: {rendered[:2]}"
    assert scrolled >= 4  # the grid scrolled down row by row and jumped back to the top


def test_polls_with_nothing_new_do_not_ask_the_scene_again(make_driver, tmp_path):
    """While the player reads, the loop polls 30 times a second: once the scene said it has nothing
    left to prepare, a poll costs nothing more until a turn takes input or time."""
    d = make_driver(timers=False)
    scene = _channels(d, tmp_path)
    asked = []
    real = scene.prepare

    def counting():
        asked.append(1)
        return real()

    scene.prepare = counting
    for _ in range(40):
        d.app.idle()
    n = len(asked)
    assert 10 <= n < 40  # it prepared what was in reach, then stopped asking
    for _ in range(30):
        d.app.idle()
    assert len(asked) == n
    d.app.frame(1 / 30)  # a turn that takes time: it is asked again
    assert len(asked) == n + 1


def test_preparing_leaves_the_banners_and_the_phone_as_they_were(make_driver, tmp_path):
    """Building a screen decides which banners wait (behind an installer) or end (over what they
    point to), and where they slide in (under a page's URL bar): none of that may happen for a
    screen that is only prepared. (The timer screenshot had lost its banner.)"""
    from game.ui.phone.state import Banner

    d = make_driver(timers=False)
    scene = _channels(d, tmp_path)
    ph = scene.phone
    ph.banners = [Banner("Mạng Xanh · Quỹ Ấm Áp", "Ủng hộ", "social", ("feed", "feed"), ph.now, ttl=6.0),
                  Banner("Thư · Hỗ trợ Trang", "Trang của bạn", "mail", ("page", "bench_channels/s1/pg"), ph.now,
                         ttl=6.0)]
    d.app.step(0)
    d.app.render()
    before = [(b.held, b.born) for b in ph.banners], dict(ph.__dict__)
    reach = screens.within_reach(scene)
    assert ("feed", "feed") in reach and ("install", "bench_channels/s1/ins") in reach
    while scene.prepare():
        pass
    assert ([(b.held, b.born) for b in ph.banners], dict(ph.__dict__)) == before
    assert d.app.render() == []


def test_a_post_prepared_before_its_senders_picture_loaded_shows_the_picture_once_it_has(make_driver):
    """A prepared feed is laid out without loading pictures; once the feed is opened and the page's
    picture arrives, its posts show it, not the initial they were laid out with (try-out: a school's
    badge stayed a letter 'Đ' for good)."""
    import time

    from game.core.loader import SCENARIOS_DIR

    d = make_driver(timers=False)
    scene = PlayScene(d.app, load_scenario(SCENARIOS_DIR / "fake_charity.yaml").scenario)
    d.app.push(scene)
    scene.engine.skip()
    scene.phone.screen = ("home",)
    scene.phone.last_focus = scene.engine.phone.focus
    d.app.step(0)
    d.app.render()
    while scene.prepare():
        pass
    posts = scene.engine.phone.posts
    with_face = {p.sender for p in posts if scene.scn.contact(p.sender).avatar}
    assert with_face
    scene.phone.screen = ("feed", posts[0].app)
    for _ in range(300):
        d.app.step(0.05)
        d.app.render()
        if not scene.assets.pending():
            break
        time.sleep(0.01)
    seen: set = set()
    for _ in range(12):  # down the whole feed
        d.app.step(0.05)
        d.app.render()
        faces = {it.extra.get("avatar") for it in scene.items if it.kind == "image"}
        # a post's page name opens its About sheet: the posts in sight are those whose name shows
        in_sight = {it.action[2][2] for it in scene.items if it.kind == "button" and isinstance(it.action, tuple)
                    and len(it.action) == 3 and it.action[2][0] == "about" and it.rect.clip(it.clip or it.rect).h > 0}
        for cid in in_sight & with_face:
            assert cid in faces, f"{cid}'s post shows its initial, not its picture"
        seen |= in_sight & with_face
        scene.scroll_thread(-200)
    assert seen == with_face


@pytest.mark.parametrize("around", [True, False])
@pytest.mark.parametrize("screen", ["mail", "thread"])
def test_the_open_list_is_prepared_a_screenful_up_and_down(make_driver, tmp_path, monkeypatch, screen, around):
    """The first scroll through rows never shown (a long inbox, an old conversation) paints them
    from the caches once idle turns have prepared the screen around its view (control: without)."""
    from game.ui.bench import heavy_scenario

    d = make_driver(timers=False)
    if not around:
        monkeypatch.setattr(PlayScene, "_around", lambda self, state: False)
    if screen == "mail":
        scr, scenario, dy = ("mail", "mail"), write_scenario(tmp_path, 30), -1
    else:
        scr, scenario, dy = ("thread", "zola", "stranger"), heavy_scenario(tmp_path, 120), 1
    scene = PlayScene(d.app, load_scenario(scenario).scenario)
    d.app.push(scene)
    scene.engine.skip()
    d.app.step(0)
    scene.phone.screen = scr
    d.app.step(0)
    d.app.render()
    while scene.prepare():
        pass
    view_h = max(v[3] for v in scene.scrolls)
    rendered = _text_rendered(monkeypatch, d.app)
    for _ in range(4):  # a screenful, in wheel steps
        scene.scroll_thread(dy * view_h // 4)
        d.app.step(0)
        d.app.render()
    assert bool(rendered) is not around, rendered[:2]
