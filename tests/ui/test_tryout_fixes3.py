"""Defects from a try-out with students, each through the real UI: the debrief agrees with the
last feedback card about each red flag, ..."""

from game.core.engine import Engine
from game.core.loader import SCENARIOS_DIR, load_scenario
from game.ui.scenes.debrief import DebriefScene
from game.ui.words import flag_name


def _debrief_page(d, scn, choices):
    eng = Engine.replay(scn, [{"choice": c} for c in choices], timers=False)
    d.app.reset(DebriefScene(d.app, scn, eng))
    d.frame()
    return eng, [it.text for it in d.scene._page[1] if getattr(it, "text", None)]


def _section(texts, head, until):
    i = texts.index(head)
    return texts[i + 1:texts.index(until, i)] if until in texts[i:] else texts[i + 1:]


def test_the_debrief_credits_a_flag_missed_once_and_spotted_later(make_driver):
    d = make_driver(timers=False)
    scn = load_scenario(SCENARIOS_DIR / "demo_shipper.yaml").scenario
    eng, texts = _debrief_page(d, scn, ["answer", "add_officer", "accept_video", "give_id", "call_mom"])
    name = flag_name(d.app.tr, d.app.get_taxonomy(), "urgency")
    spotted = _section(texts, "Red flags you spotted", "Red flags you missed")
    missed = _section(texts, "Red flags you missed", None)
    assert name in spotted and name not in missed, texts
    assert spotted[spotted.index(name) + 1] == "Missed at first, spotted at a later sign."


def test_the_debrief_lists_a_flag_spotted_once_and_missed_later_as_missed(make_driver):
    d = make_driver(timers=False)
    scn = load_scenario(SCENARIOS_DIR / "fake_charity.yaml").scenario
    eng, texts = _debrief_page(d, scn, ["about_page", "dont_give", "class_gives"])
    name = flag_name(d.app.tr, d.app.get_taxonomy(), "urgency")
    spotted = _section(texts, "Red flags you spotted", "Red flags you missed")
    missed = _section(texts, "Red flags you missed", None)
    assert name in missed and name not in spotted, texts
    assert missed[missed.index(name) + 1] == "Spotted at first, missed at a later sign."


def test_checking_the_charity_page_says_what_the_phone_shows(make_driver):
    """Found in a try-out: "Open “About this page”" showed the page's details as a notification,
    and no sheet opened. The choice's words now promise no screen the story does not open; the
    narration says where the real sheet is (the page's name), and that sheet shows the same date."""
    import pygame

    from game.ui.scenes.play import PlayScene

    d = make_driver(lang="vi", timers=False)
    scn = load_scenario(SCENARIOS_DIR / "fake_charity.yaml").scenario
    d.app.push(PlayScene(d.app, scn))
    for _ in range(400):
        sc = d.scene
        if sc.card is not None:
            d.key(pygame.K_RETURN)
        elif sc.engine.deciding:
            ids = [c.id for c in sc.numbered()]
            if "about_page" in ids:
                break
            d.key(pygame.K_1)
        else:
            d.key(pygame.K_SPACE, dt=0.2)
    label = next(c for c in sc.numbered() if c.id == "about_page")
    d.key(pygame.K_1 + [c.id for c in sc.numbered()].index("about_page"))
    while d.scene.card is not None:
        d.key(pygame.K_RETURN)
    for _ in range(30):
        d.frame(0.1)
    sc = d.scene
    said = d.app.tr.text(label.text) if not isinstance(label.text, str) else label.text
    if sc.phone.screen[0] != "about":  # the story did not open the sheet: the label must not say it does
        assert "Giới thiệu về trang" not in said, said
    n = sc.engine.phone.notifications[-1]
    told = d.app.tr.text(n.text) if not isinstance(n.text, str) else n.text
    assert "tên trang" in told, told  # where the student finds the real sheet
    # the real sheet, opened by the page's name in the feed, shows the date the narration gives
    sc.phone.screen = ("about", "kipo", "fake_page")
    d.frame()
    assert "12/11/2026" in d.screen_text() and "12/11/2026" in told


def _at_first_decision(make_driver, sid="tutorial"):
    import pygame

    from game.ui.scenes.play import PlayScene

    d = make_driver(timers=False)
    d.app.push(PlayScene(d.app, load_scenario(SCENARIOS_DIR / f"{sid}.yaml").scenario))
    for _ in range(200):
        if d.scene.engine.deciding:
            break
        d.key(pygame.K_SPACE, dt=0.2)
    d.frame()
    return d


def _focused(d):
    return [it for it in d.scene.items if it.focused]


def test_the_first_down_or_tab_focuses_the_first_option_visibly(make_driver):
    """Found in a try-out: the first Down press put the focus ring on the phone's back arrow, so
    nothing in the options panel showed it; after Home it was not visible either."""
    import pygame

    d = _at_first_decision(make_driver)
    first = ("choose", d.scene.numbered()[0].id)
    last = ("choose", d.scene.numbered()[-1].id)
    for key, mod, want in ((pygame.K_DOWN, 0, first), (pygame.K_TAB, 0, first), (pygame.K_RIGHT, 0, first),
                           (pygame.K_UP, 0, last), (pygame.K_TAB, pygame.KMOD_SHIFT, last)):
        d.scene.focus = None
        d.key(key, mod=mod)
        d.frame()
        assert d.scene.focus == want, (pygame.key.name(key), d.scene.focus)
        ring = _focused(d)
        assert [it.action for it in ring] == [want] and ring[0].area != "phone"
    # Home (the conversation's top), then Down: the first option again, with its ring drawn
    d.scene.focus = None
    d.key(pygame.K_HOME)
    d.key(pygame.K_DOWN)
    d.frame()
    assert [it.action for it in _focused(d)] == [first]
    # a focus on something that has gone (the phone moved on) starts again at the first option
    d.scene.focus = ("phone", "open", ("gone",))
    d.key(pygame.K_DOWN)
    d.frame()
    assert [it.action for it in _focused(d)] == [first]
    # the phone's buttons stay reachable after the options
    seen = set()
    for _ in range(len(d.scene.focusables()) + 1):
        d.key(pygame.K_TAB)
        seen.add(d.scene.focus)
    assert ("phone", "back") in seen


def _to_the_ending_card(make_driver):
    import pygame

    d = _at_first_decision(make_driver)
    for _ in range(2000):
        sc = d.scene
        if sc.card is not None and sc.engine.ending is not None:
            return d
        if sc.card is not None:
            d.key(pygame.K_RETURN)
        elif sc.engine.deciding:
            d.key(pygame.K_1)
        else:
            d.key(pygame.K_SPACE, dt=0.2)
    raise AssertionError("no ending")


def test_mashing_space_at_the_end_does_not_press_a_debrief_button(make_driver):
    """Found in a try-out: Space pressed again and again to skip ahead went past the last card
    and pressed the debrief's focused button (Next scenario)."""
    import pygame

    d = _to_the_ending_card(make_driver)
    for _ in range(12):  # about 0.6 s of mashing, starting on the last card
        d.key(pygame.K_SPACE, dt=0.05)
        if d.name != "PlayScene":
            assert d.name == "DebriefScene", d.name
    assert d.name == "DebriefScene"
    debrief = d.scene
    # a held key (the keyboard repeats it) is ignored until it is let go
    for _ in range(40):
        d.key(pygame.K_SPACE, dt=0.04)
    assert d.scene is debrief
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=pygame.K_SPACE, mod=0, unicode="", scancode=0))
    d.frame(0.7)
    d.key(pygame.K_3)  # a fresh press after the pause works
    assert d.name == "PickerScene"


def test_the_debrief_answers_keys_after_its_short_pause(make_driver):
    import pygame

    d = _to_the_ending_card(make_driver)
    d.key(pygame.K_RETURN)
    assert d.name == "DebriefScene"
    d.key(pygame.K_3, dt=0.7)  # within the pause: ignored
    assert d.name == "DebriefScene"
    d.key(pygame.K_3)
    assert d.name == "PickerScene"
    # the mouse is never held back: a click is a deliberate act
    d = _to_the_ending_card(make_driver)
    d.key(pygame.K_RETURN)
    d.frame()
    d.click_action("menu")
    assert d.name == "PickerScene"


def test_a_still_debrief_answers_a_key_once_its_pause_has_passed_on_the_clock(make_driver):
    """The real loop sends no frames to a page that does not move, so the pause is measured on the
    clock too: a student who reads for a moment and presses 3 once goes to the menu (the pause had
    counted only frame time, and swallowed a press, or three, on a still page)."""
    import time

    import pygame

    d = _to_the_ending_card(make_driver)
    d.key(pygame.K_RETURN, dt=0.0)
    assert d.name == "DebriefScene"
    time.sleep(0.7)  # no frames: the student reads
    d.key(pygame.K_3, dt=0.0)
    assert d.name == "PickerScene"
