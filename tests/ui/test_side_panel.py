"""The side panel left of the phone: the story's progress and the red flags credited so far.

It reads the engine and never writes to it: drawing a frame leaves the engine exactly as it was.
"""

from __future__ import annotations

import copy

import pygame
import pytest

from game.core import walk
from game.core.loader import SCENARIOS_DIR, load_scenario
from game.ui import layout
from game.ui.words import flag_name


def _left_texts(d) -> list[str]:
    lay = layout.compute(d.app.size, d.app.scale)
    return [t.text for t in d.app.painter.drawn if lay.left.contains(t.rect)]


def _engine_state(eng) -> tuple:
    return (eng.time, copy.deepcopy(eng.vars), list(eng.visited), len(eng.log), eng.score, eng.possible,
            copy.deepcopy(eng.flags_shown), set(eng.flags_spotted), eng.step.id if eng.step else None,
            eng.ending, len(eng._queue), eng._opened_at)


def _start(make_driver, sid="demo_otp", lang="en"):
    d = make_driver(lang=lang, timers=False)
    scn = load_scenario(SCENARIOS_DIR / f"{sid}.yaml", d.app.get_taxonomy()).scenario
    d.app.push_named("play", scn)
    d.frame()
    return d, scn


def test_progress_and_flags_in_the_side_panel(make_driver):
    d, scn = _start(make_driver)
    eng = d.scene.engine
    # "about" = the longest way the story can still run; demo_otp has no loop, so the walker's longest path
    about = max(len(p.choices) for p in walk.paths(scn))
    left = _left_texts(d)
    assert f"Decision 1 of about {about}" in left, left
    assert "Red flags you spotted" in left
    assert any(t.startswith("None yet") for t in left), left
    tax = d.app.get_taxonomy()
    credited = False
    totals = []
    for _ in range(2000):
        sc = d.scene
        if d.name != "PlayScene":
            break
        if sc.card is not None:
            caught = [flag_name(d.app.tr, tax, f) for f in sc.engine.flags_caught]
            left = _left_texts(d)
            for name in caught:  # every flag the cards credited is listed, as the debrief will list it
                assert "• " + name in left, (name, left)
            credited = credited or bool(caught)
            if not sc.engine.ending:
                n = len(sc.engine.log)  # the card is about the decision just made
                line = next(t for t in left if t.startswith(f"Decision {n} of about "))
                totals.append(int(line.rsplit(" ", 1)[1]))
            d.key(pygame.K_RETURN)
        elif sc.engine.deciding:
            best = walk.best_offered(sc.numbered())
            pick = next(i for i, c in enumerate(sc.numbered()) if walk.points(c) == best)
            d.key(pygame.K_1 + pick)
        else:
            d.key(pygame.K_SPACE, dt=0.2)
    assert credited, "the safest path credits at least one red flag"
    assert totals == sorted(totals, reverse=True) and totals[0] <= about, totals  # never grows without a loop
    assert d.name == "DebriefScene" and eng.ending is not None


def test_drawing_the_panel_never_changes_the_engine(make_driver):
    d, _scn = _start(make_driver, "online_kidnapping", lang="vi")
    eng = d.scene.engine
    checked = 0
    for _ in range(6):  # a few decisions in, so there is a log, variables and maybe flags
        while not eng.deciding and eng.ending is None:
            d.key(pygame.K_SPACE, dt=0.2)
        if eng.ending is not None:
            break
        d.key(pygame.K_1)
        if d.scene.card is not None:
            before = _engine_state(eng)
            for _ in range(3):
                d.scene.refresh()
                d.app.draw()
                d.app.render()
            assert _engine_state(eng) == before
            checked += 1
            assert any(t.startswith("Quyết định") or "khoảng" in t for t in _left_texts(d)), _left_texts(d)
            d.key(pygame.K_RETURN)
    assert checked >= 2


@pytest.mark.slow  # a 1,000-step file: CI's slow stage
def test_the_estimate_on_a_thousand_step_chain_does_not_recurse(tmp_path):
    import sys

    from game.core.generate import chain_yaml
    from game.ui.panel.info import longest_ahead

    path = tmp_path / "long.yaml"
    path.write_text(chain_yaml("long", steps=1000, back=7), encoding="utf-8")
    loaded = load_scenario(path)
    assert loaded.ok
    scn = loaded.scenario
    old = sys.getrecursionlimit()
    f, depth = sys._getframe(), 0
    while f is not None:
        f, depth = f.f_back, depth + 1
    sys.setrecursionlimit(depth + 60)
    try:
        longest = longest_ahead(scn)
    finally:
        sys.setrecursionlimit(old)
    assert longest[scn.first_step] >= 1000  # the whole chain is still ahead at the start
