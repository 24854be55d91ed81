"""Keyboard only: the picker's focus, Tab and the arrows over every card, and every shipped
scenario played from the first screen to an ending with posted key events and no mouse event."""

from pathlib import Path

import pygame
import pytest

from game.core.loader import SCENARIOS_DIR
from game.ui.scenes.language import LanguageScene
from game.ui.scenes.picker import PickerScene

SHIPPED = sorted(p.stem for p in Path(SCENARIOS_DIR).glob("*.yaml"))
MOUSE = {pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION, pygame.MOUSEWHEEL}


@pytest.fixture
def keys_only(monkeypatch):
    """Every event the test posts, refusing mouse events (so a helper cannot click by accident)."""
    posted = []
    real = pygame.event.post

    def post(ev):
        assert ev.type not in MOUSE, f"a mouse event in a keyboard-only test: {ev}"
        posted.append(ev.type)
        return real(ev)

    monkeypatch.setattr(pygame.event, "post", post)
    return posted


def picker(make_driver, lang="en", size=(1280, 720)):
    d = make_driver(lang=lang, size=size)
    d.app.push(PickerScene(d.app))
    d.frame()
    return d


def card_ids(d):
    return [e.id for e in d.app.get_catalog().entries if e.ok]


def test_the_picker_focuses_the_first_card_and_enter_opens_it(make_driver, keys_only):
    d = picker(make_driver)
    first = card_ids(d)[0]
    assert d.scene.focus == ("play", first)
    assert any(it.focused and it.action == ("play", first) for it in d.scene.items)  # the ring is drawn
    d.key(pygame.K_RETURN)
    if d.name == "WarningScene":
        d.key(pygame.K_RETURN)
    assert d.name == "PlayScene" and d.scene.scn.id == first


def test_tab_reaches_every_card_and_scrolls_it_into_view(make_driver, keys_only):
    d = picker(make_driver, size=(960, 600))  # the smallest window: most cards start out of sight
    ids = card_ids(d)
    assert d.scene.max_scroll > 0
    reached = []
    for _ in range(3 * len(d.scene.order)):
        d.key(pygame.K_TAB)
        f = d.scene.focus
        if isinstance(f, tuple) and f[0] == "play":
            ring = [it for it in d.scene.items if it.focused and it.group == "card"]
            assert ring, f"{f} has focus but is not drawn"
            assert d.scene.view.contains(ring[0].rect.clip(d.app.surface.get_rect())) or \
                ring[0].rect.h > d.scene.view.h, f"{f} is focused but not scrolled into view"
            reached.append(f[1])
    assert set(reached) == set(ids)
    # Shift+Tab goes back the same way
    here = d.scene.focus
    d.key(pygame.K_TAB)
    d.key(pygame.K_TAB, mod=pygame.KMOD_SHIFT)
    assert d.scene.focus == here


def test_arrow_keys_move_around_the_grid(make_driver, keys_only):
    d = picker(make_driver)
    ids, cols = card_ids(d), d.scene.cols
    assert cols >= 2
    d.key(pygame.K_RIGHT)
    assert d.scene.focus == ("play", ids[1])
    d.key(pygame.K_DOWN)
    assert d.scene.focus == ("play", ids[1 + cols])
    d.key(pygame.K_LEFT)
    assert d.scene.focus == ("play", ids[cols])
    d.key(pygame.K_UP)
    assert d.scene.focus == ("play", ids[0])
    d.key(pygame.K_UP)  # nothing above the first row: stays
    assert d.scene.focus == ("play", ids[0])
    for _ in range(len(ids) + 2):
        d.key(pygame.K_DOWN)
    assert d.scene.grid[d.scene.focus][0] == (len(ids) - 1) // cols  # the last row, scrolled to
    assert any(it.focused for it in d.scene.items)


def move_to(d, sid):
    """Arrow keys to a card: right along the rows until it has the focus."""
    for _ in range(60):
        if d.scene.focus == ("play", sid):
            return
        d.key(pygame.K_RIGHT)
    raise AssertionError(f"arrow keys never reached {sid}: at {d.scene.focus}")


# The hardest scenario runs in the quick suite; every other shipped one with the slow tests.
QUICK = "online_kidnapping"


@pytest.mark.parametrize("sid", [s if s == QUICK else pytest.param(s, marks=pytest.mark.slow) for s in SHIPPED])
def test_every_shipped_scenario_plays_by_keyboard_alone(make_driver, keys_only, sid):
    d = make_driver(lang=None, default_lang="vi")  # a first start: the language page offers Tiếng Việt
    d.app.push(LanguageScene(d.app))
    d.frame()
    d.key(pygame.K_RETURN)
    assert d.app.lang == "vi" and d.name == "ProfileScene"
    d.type("Tester")  # the field starts empty: the last player may have been another student
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)  # no class code
    assert d.name == "PickerScene"
    d.drawing = False  # what follows needs no pixels; the scenes lay themselves out for input
    entry = next(e for e in d.app.get_catalog().entries if Path(e.path).stem == sid)
    assert entry.ok, entry.error
    sid = entry.id
    move_to(d, sid)
    d.key(pygame.K_RETURN)
    if d.name == "WarningScene":
        d.key(pygame.K_RETURN)
    assert d.name == "PlayScene" and d.scene.scn.id == sid
    d.play_by_keys(lambda sc: d.key(pygame.K_1))
    assert d.name == "DebriefScene", d.name
    assert d.scene.engine.ending is not None
    d.frame(0.7)  # the debrief ignores button keys for a moment (a press meant for the last card)
    d.key(pygame.K_3)  # back to the menu
    assert d.name == "PickerScene"
    assert keys_only and set(keys_only) <= {pygame.KEYDOWN, pygame.TEXTINPUT}


def test_back_from_settings_opened_with_the_mouse_enter_opens_the_first_card_in_sight(make_driver):
    """A click clears the focus; Esc out of Settings left the menu with none, so Enter did nothing
    until Tab (try-out). The keyboard starts again at the first card in sight."""
    d = picker(make_driver)
    d.scene._scroll(d.scene.max_scroll)  # the wheel took the grid to its end
    d.frame()
    d.click_action("settings")
    assert d.name == "SettingsScene"
    d.key(pygame.K_ESCAPE)
    assert d.name == "PickerScene"
    d.frame()
    focused = d.scene.focus
    assert focused in d.scene.spans
    top, bottom = d.scene.spans[focused]
    assert bottom - d.scene.scroll > 0 and top - d.scene.scroll < d.scene.view.h  # in sight: no jump
    d.key(pygame.K_RETURN)
    if d.name == "WarningScene":
        d.key(pygame.K_RETURN)
    assert d.name == "PlayScene" and ("play", d.scene.scn.id) == focused


def test_enter_on_a_focused_card_the_wheel_took_out_of_sight_shows_it_and_starts_nothing(make_driver):
    """After a wheel scroll, Enter started the tutorial, focused but out of sight (try-out)."""
    d = picker(make_driver)
    first = d.scene.focus
    for _ in range(8):
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
    d.frame()
    assert not d.scene._in_sight(first)
    d.key(pygame.K_RETURN)
    assert d.name == "PickerScene" and d.scene.focus == first and d.scene._in_sight(first)
    d.key(pygame.K_RETURN)
    if d.name == "WarningScene":
        d.key(pygame.K_RETURN)
    assert d.name == "PlayScene" and ("play", d.scene.scn.id) == first
