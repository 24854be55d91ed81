"""Every shipped scenario that passes lint, played through the UI with number keys: a set of paths
that takes every choice at every step and reaches every ending, plus an even spread of others."""

import pygame
import pytest

from game.core import walk
from game.core.loader import load_all
from game.ui import layout
from game.ui.scenes.play import PlayScene

from .driver import layout_problems

LOADED = [x for x in load_all() if x.ok]
MAX_PATHS = 12  # evenly spread extra paths per scenario, on top of the covering set


def sample(paths):
    """Paths that together take every choice of every step and reach every ending, plus a spread."""
    paths = [p for p in paths if p.ending is not None]
    seen: set = set()
    chosen = []
    for p in paths:
        new = (set(p.choices) | {("ending", p.ending)}) - seen
        if new:
            chosen.append(p)
            seen |= new
    step = max(1, len(paths) // MAX_PATHS)
    extra = [p for p in paths[::step] if p not in chosen]
    return chosen + extra[:MAX_PATHS]


@pytest.mark.parametrize("loaded", LOADED, ids=[x.scenario.id for x in LOADED])
def test_every_path(make_driver, loaded):
    scn = loaded.scenario
    paths = sample(list(walk.paths(scn)))
    assert paths
    d = make_driver(lang="en", timers=False)
    d.drawing = False
    for i, path in enumerate(paths):
        lang = ("vi", "en")[i % 2]
        if d.app.lang != lang:
            d.app.set_language(lang)
        d.app.prefs.text_size = ("small", "medium", "large")[i % 3]
        d.app.apply_prefs()
        d.app.reset(PlayScene(d.app, scn))
        d.frame()
        todo = list(path.choices)
        for _ in range(2000):
            if d.name != "PlayScene":
                break
            sc = d.scene
            if sc.card is not None:
                d.key(pygame.K_RETURN)
            elif sc.engine.deciding:
                step, cid = todo.pop(0)
                assert sc.engine.step.id == step
                ids = [c.id for c in sc.numbered()]
                n = ids.index(cid) + 1
                if i % 4 < 2:  # often, check the layout at the decision
                    d.draw()
                    probs = layout_problems(sc, layout.compute(d.app.size, d.app.scale).screen)
                    assert not probs, probs[:5]
                if n <= 9:
                    d.key(pygame.K_0 + n)
                else:
                    d.draw()
                    d.click_action(("choose", cid))
            else:
                d.key(pygame.K_SPACE)
        assert d.name == "DebriefScene"
        eng = d.scene.engine
        assert not todo
        assert eng.ending.id == path.ending
        assert (eng.score, eng.possible) == (path.score, path.possible)
        d.draw()
        assert f"{path.percent}%" in d.screen_text()
