"""A scroll that changes nothing else reuses the render model: only the scrolled view's items are
built again (Scene.in_view / Scene.still), the picture is the one a full paint gives, and any
other change in the same frame (time on the clock, the focus) builds everything."""

from __future__ import annotations

import pygame
import pytest

from game.core.loader import load_scenario
from game.ui import items as I
from game.ui import scene as scene_mod
from game.ui.scene import Scene
from game.ui.scenes.play import PlayScene


def _channels(make_driver, tmp_path, screen):
    from game.ui.bench import heavy_scenario
    from game.ui.bench_channels import write_scenario

    d = make_driver(timers=False)
    path = heavy_scenario(tmp_path, 60) if screen[0] == "thread" else write_scenario(tmp_path, 12)
    scene = PlayScene(d.app, load_scenario(path).scenario)
    d.app.push(scene)
    scene.engine.skip()
    d.app.step(0)
    scene.phone.screen = screen
    d.app.render()
    return d.app, scene


def _counting_builds(scene) -> list:
    calls: list = []
    real = scene.build

    def build():
        calls.append(1)
        return real()

    scene.build = build
    return calls


def _same_as_full_paint(app, scene):
    """render(), then check the picture and the model equal a full paint and a full build."""
    rects = app.render()
    reused = scene.reused is not None
    partial, items = pygame.image.tobytes(app.surface, "RGB"), list(scene.items)
    app.draw()  # builds everything
    assert pygame.image.tobytes(app.surface, "RGB") == partial, "a reused model left stale pixels"
    assert items == scene.items, "a reused model differs from a full build"
    return rects, reused


@pytest.mark.parametrize("screen", [("thread", "zola", "stranger"), ("mail", "mail"), ("feed", "feed")])
def test_a_scroll_builds_only_the_scrolled_view(make_driver, tmp_path, monkeypatch, screen):
    monkeypatch.setattr(scene_mod, "CHECK_REUSE", False)  # the check builds everything again
    app, scene = _channels(make_driver, tmp_path, screen)
    calls = _counting_builds(scene)
    reused = 0
    for i in range(16):
        scene.scroll_thread((-1 if i < 8 else 1) * 29 * (-1 if screen[0] == "thread" else 1))
        app.step(1 / 60)
        before = len(calls)
        rects, was_reused = _same_as_full_paint(app, scene)
        assert rects, i  # something moved on screen
        assert was_reused == (len(calls) == before + 1)  # no build but the full paint's own
        reused += was_reused
    assert reused >= 14, reused


def test_a_change_in_the_same_frame_as_a_scroll_is_shown(make_driver, tmp_path, monkeypatch):
    monkeypatch.setattr(scene_mod, "CHECK_REUSE", False)
    app, scene = _channels(make_driver, tmp_path, ("mail", "mail"))
    calls = _counting_builds(scene)
    clock_text = next(it for it in scene.items if it.group == "status").text
    # the game clock turns a minute while the player scrolls
    scene.engine.time += 60
    scene.scroll_thread(-29)
    app.step(0)
    before = len(calls)
    assert _same_as_full_paint(app, scene)[1] is False
    assert len(calls) == before + 2  # the frame built everything
    now = next(it for it in scene.items if it.group == "status").text
    assert now != clock_text and any(d.text == now for d in app.painter.drawn)
    # a banner slides in while the player scrolls
    from game.ui.phone.state import Banner

    scene.phone.banners.append(Banner("Quỹ Ấm Áp", "Cảm ơn bạn", None, ("home",), scene.phone.now))
    scene.scroll_thread(-29)
    app.step(0)
    before = len(calls)
    assert _same_as_full_paint(app, scene)[1] is False
    assert len(calls) == before + 2
    assert any(d.text == "Quỹ Ấm Áp" for d in app.painter.drawn)


def test_a_tab_in_the_frame_of_a_scroll_moves_the_ring_on_the_reused_model(make_driver, tmp_path, monkeypatch):
    monkeypatch.setattr(scene_mod, "CHECK_REUSE", False)
    app, scene = _channels(make_driver, tmp_path, ("mail", "mail"))
    calls = _counting_builds(scene)
    rings = set()
    for i in range(8):
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0, unicode="", scancode=0))
        app.step(0)
        before = len(calls)
        assert _same_as_full_paint(app, scene)[1] is True, i  # pixels and model as a full build's
        assert len(calls) == before + 1
        rings.add(next(it.action for it in scene.items if it.focused))
    assert len(rings) == 8  # the ring moved on every frame


class _Listing(Scene):
    """A title and a scrolled list; still() says nothing but the title's word changes."""

    def __init__(self, app, honest: bool):
        super().__init__(app)
        self.title, self.top, self.honest = "one", 0, honest
        self.view = pygame.Rect(100, 100, 300, 200)

    def still(self):
        return (self.title,) if self.honest else ()

    def build(self):
        out = [I.text((100, 60, 300, 30), self.title, (255, 255, 255))]

        def content():
            return self.top, [I.text((100, 100 + 40 * i - self.top, 300, 30), f"row {i}", (255, 255, 255),
                                     clip=self.view) for i in range(12)], None

        return out + self.in_view(self.view, content)


def test_a_still_that_misses_a_change_fails_the_check(make_driver):
    """Tests run with CHECK_REUSE (tests/conftest.py): a reused model is compared with a full build,
    so a scene whose still() leaves out something it shows fails at once instead of showing it late."""
    d = make_driver(timers=False)
    for honest in (True, False):
        scene = _Listing(d.app, honest)
        d.app.reset(scene)
        d.app.render()
        scene.top = 30
        d.app.render()
        assert scene.reused is not None  # only the list moved: its rows alone were built again
        scene.title, scene.top = "two", 60
        if honest:
            d.app.render()
            assert scene.reused is None and scene.items[0].text == "two"
        else:
            with pytest.raises(AssertionError, match="stale model"):
                d.app.render()


def test_tab_through_the_picker_moves_the_ring_and_the_grid_without_building(make_driver, monkeypatch):
    """The picker's Tab moves the ring and, at the grid's edge, scrolls it: the cards in sight are
    placed again and nothing else is built."""
    from game.ui.scenes.picker import PickerScene

    monkeypatch.setattr(scene_mod, "CHECK_REUSE", False)
    d = make_driver(timers=False)
    scene = PickerScene(d.app)
    d.app.push(scene)
    d.app.render()
    calls = _counting_builds(scene)
    offsets = set()
    for i in range(30):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0, unicode="", scancode=0))
        d.app.step(1 / 60)
        before = len(calls)
        assert _same_as_full_paint(d.app, scene)[1] is True, i
        assert len(calls) == before + 1
        offsets.add(scene.scroll)
    assert len(offsets) > 3  # the grid scrolled on the way


def test_a_countdown_tick_builds_only_the_countdown(make_driver, monkeypatch):
    """A timed decision's bar and seconds are their own run (panel/choices._countdown): a tick
    builds those three items, not the scene, and shows what a full paint shows; Tab moves the
    focus on the kept model."""
    from game.core.loader import SCENARIOS_DIR

    monkeypatch.setattr(scene_mod, "CHECK_REUSE", False)  # the check builds everything again
    d = make_driver(timers=True)
    scn = load_scenario(SCENARIOS_DIR / "demo_shipper.yaml").scenario
    step = next(st for st in scn.steps if st.timeout is not None)
    scene = PlayScene(d.app, scn, start=step.id)
    d.app.push(scene)
    while not scene.engine.deciding or scene.phone.banners:
        d.app.step(0.5)
    d.app.render()
    calls = _counting_builds(scene)
    ticks = 0
    for i in range(12):
        if i % 3 == 2:
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0, unicode="", scancode=0))
        d.app.step(0.3)
        before = len(calls)
        rects, reused = _same_as_full_paint(d.app, scene)
        if reused:
            assert len(calls) == before + 1  # the one full build is _same_as_full_paint's own
            ticks += bool(rects)
    assert ticks >= 8
    assert scene.engine.time_left() < step.timeout.after - 3  # it counted down all along
