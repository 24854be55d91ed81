"""20,000 random clicks and keys across every screen: nothing may raise."""

import random

import pygame
import pytest

from game.ui.scenes.language import LanguageScene

KEYS = [pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5, pygame.K_9, pygame.K_TAB, pygame.K_UP,
        pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_RETURN, pygame.K_SPACE, pygame.K_ESCAPE,
        pygame.K_BACKSPACE, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END, pygame.K_a]


@pytest.mark.slow
def test_monkey(make_driver):
    rng = random.Random(20261123)
    d = make_driver(lang="vi")
    d.drawing = False
    d.app.push(LanguageScene(d.app))
    d.draw()
    seen = set()
    W, H = d.app.size
    for i in range(20000):
        r = rng.random()
        if r < 0.45:
            # click a real button half the time, anywhere otherwise
            clickable = [it for it in d.scene.items if it.clickable] if d.scene else []
            if clickable and rng.random() < 0.7:
                it = rng.choice(clickable)
                vis = it.rect.clip(it.clip) if it.clip is not None else it.rect
                pos = vis.center if vis.w and vis.h else it.rect.center
            else:
                pos = (rng.randrange(W), rng.randrange(H))
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos))
        elif r < 0.9:
            k = rng.choice(KEYS)
            mod = pygame.KMOD_SHIFT if rng.random() < 0.1 else 0
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))
        elif r < 0.95:
            pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice((-2, -1, 1, 2)), flipped=False))
        else:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=rng.choice("aăâđêôơư 7")))
        d.frame(rng.choice((0.0, 0.05, 0.5, 2.0)))
        if i % 4 == 0 or not d.scene or not d.scene.items:
            d.draw()
        assert d.app.running and d.app.stack  # Esc never quits from the menus
        seen.add(d.name)
    # the walk reached the important screens
    print(sorted(seen))
    assert {"LanguageScene", "ProfileScene", "PickerScene", "PlayScene", "PauseScene", "DebriefScene",
            "SettingsScene"} <= seen, seen
