"""Play the demo scenarios start to finish through the real menus, by keyboard and by mouse,
in both languages and all three text sizes, checking what the player sees on the way."""

from pathlib import Path

import pygame
import pytest

from game.core.loader import SCENARIOS_DIR
from game.ui import layout
from game.ui.scenes.language import LanguageScene
from game.ui.words import outcome_word, safety_word

from .driver import layout_problems

DEMOS = sorted(p.stem for p in Path(SCENARIOS_DIR).glob("demo_*.yaml"))


def to_picker(d, lang_key):
    d.app.push(LanguageScene(d.app))
    d.frame()
    assert "Lá Chắn" in d.texts()
    d.key(lang_key)
    assert d.name == "ProfileScene"
    d.key(pygame.K_BACKSPACE)  # clear the remembered nickname, then type one
    for _ in range(30):
        d.key(pygame.K_BACKSPACE)
    d.type("Lan Anh")
    d.key(pygame.K_RETURN)  # to class code
    d.type("7a2")
    d.key(pygame.K_RETURN)
    assert d.name == "PickerScene", d.texts()
    assert d.app.prefs.nickname == "Lan Anh" and d.app.prefs.class_code == "7A2"


def start_by_keyboard(d, sid):
    for _ in range(60):
        if d.scene.focus == ("play", sid):
            break
        d.key(pygame.K_TAB)
    assert d.scene.focus == ("play", sid)
    d.key(pygame.K_RETURN)
    if d.name == "WarningScene":
        d.key(pygame.K_RETURN)
    assert d.name == "PlayScene"


def play_to_debrief(d, pick, check_layout=True):
    """At each decision press the number `pick(offered)` returns; returns the feedback words seen."""
    seen_cards = []
    for _ in range(3000):
        sc = d.scene
        if d.name != "PlayScene":
            break
        if check_layout:
            lay = layout.compute(d.app.size, d.app.scale)
            probs = layout_problems(sc, lay.screen)
            assert not probs, probs[:5]
        if sc.card is not None:
            dec = sc.card.decision
            word = safety_word(d.app.tr, dec.safety)
            assert any(word in t for t in d.texts()), (word, d.texts())
            seen_cards.append(dec.safety)
            d.key(pygame.K_RETURN)
        elif sc.engine.deciding:
            n = pick(sc.numbered())
            d.key(pygame.K_0 + n)
        else:
            d.key(pygame.K_SPACE, dt=0.2)
    assert d.name == "DebriefScene", d.name
    return seen_cards


@pytest.mark.parametrize("sid", DEMOS)
@pytest.mark.parametrize("lang,lang_key", [("vi", pygame.K_1), ("en", pygame.K_2)])
@pytest.mark.parametrize("size", ["small", "medium", "large"])
def test_demo_by_keyboard(make_driver, sid, lang, lang_key, size):
    d = make_driver(lang="en" if lang == "vi" else "vi", text_size=size)
    to_picker(d, lang_key)
    assert d.app.lang == lang
    start_by_keyboard(d, sid)
    eng = d.scene.engine
    cards = play_to_debrief(d, lambda offered: 1)
    d.frame()
    text = d.screen_text()
    assert outcome_word(d.app.tr, eng.ending.outcome) in text
    assert f"{eng.score}" in text and f"{eng.possible}" in text and f"{eng.percent}%" in text
    assert len(cards) == sum(1 for x in eng.log if x.safety != "neutral")
    assert not layout_problems(d.scene)
    # progress recorded for this nickname
    assert d.app.progress.completed("Lan Anh", sid)


@pytest.mark.parametrize("sid", DEMOS)
def test_demo_by_mouse_safest(make_driver, sid):
    """Mouse only: click the card, then always click the help action (or the last option)."""
    d = make_driver(lang="en")
    d.app.push(LanguageScene(d.app))
    d.frame()
    d.click_action(("lang", "en"))
    d.click_action("same")  # "Continue as Tester": the nickname field starts empty
    assert d.name == "PickerScene"
    d.click_action(("play", sid))
    if d.name == "WarningScene":
        d.click_button("Start")
    for _ in range(3000):
        if d.name != "PlayScene":
            break
        sc = d.scene
        if sc.card is not None:
            d.click_action(("continue",))
        elif sc.engine.deciding:
            opts = sc.numbered()
            target = next((c for c in opts if c.help), opts[-1])
            d.click_action(("choose", target.id))
        else:
            d.click_action(("skip",))
    assert d.name == "DebriefScene"
    d.frame()
    assert "Play again" in d.texts() and "Next scenario" in d.texts() and "Back to menu" in d.texts()
    d.click_button("Back to menu")
    assert d.name == "PickerScene"
    assert "Completed · best" in d.screen_text()


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768), (1920, 1080)])
def test_layout_at_window_sizes(make_driver, size):
    d = make_driver(lang="vi", size=size, timers=False)
    d.app.push(LanguageScene(d.app))
    d.key(pygame.K_1)
    d.type("Tester")
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)
    assert not layout_problems(d.scene)
    start_by_keyboard(d, DEMOS[0])
    play_to_debrief(d, lambda offered: len(offered))
    d.frame()
    assert not layout_problems(d.scene)


def test_a_double_click_on_skip_never_chooses_the_option_that_appears_under_it(make_driver):
    """Skip ahead sits where the options appear: an impatient double-click on Skip must not pick
    the option shown under the second click (student try-out); a click a moment later does."""
    from game.core.loader import load_scenario

    d = make_driver(lang="en")
    d.app.start_scenario(load_scenario(Path(SCENARIOS_DIR) / f"{DEMOS[0]}.yaml").scenario)
    d.frame()
    assert d.name == "PlayScene"
    sc = d.scene
    for _ in range(200):
        d.click_action(("skip",))
        if sc.engine.deciding:
            break
    first = sc.numbered()[0].id
    d.click_action(("choose", first))  # 0.05 s after the click on Skip: the double-click's second half
    assert sc.engine.log == [] and sc.card is None
    d.frame(0.7)
    d.click_action(("choose", first))
    assert len(sc.engine.log) == 1


def test_a_click_on_an_option_a_moment_after_skip_counts_even_when_no_frame_came_between(make_driver):
    """The real loop sends no frames while a decision waits, so the double-click grace after Skip
    is measured on the clock too: a student who reads the options for a moment and clicks one is
    answered at the first click (the grace had counted only phone time, which stood still)."""
    import time

    from game.core.loader import load_scenario

    d = make_driver(lang="en")
    d.app.start_scenario(load_scenario(Path(SCENARIOS_DIR) / f"{DEMOS[0]}.yaml").scenario)
    d.frame()
    sc = d.scene
    for _ in range(200):
        d.click_action(("skip",))
        if sc.engine.deciding:
            break
    assert sc.engine.deciding
    time.sleep(0.7)  # no frames: the student reads the options
    d.click_action(("choose", sc.numbered()[0].id))
    assert len(sc.engine.log) == 1
