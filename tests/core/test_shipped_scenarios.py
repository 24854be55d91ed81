"""Every shipped scenario lints clean and every path through it ends at an ending with a score in range."""

from pathlib import Path

import pytest

from game.core import walk
from game.core.engine import Engine
from game.core.loader import load_all, scenario_files
from game.core.model import TIMED_OUT

ROOT = Path(__file__).resolve().parents[2]
FILES = scenario_files([ROOT / "scenarios"])


@pytest.fixture(scope="module")
def loaded():
    return {item.path.name: item for item in load_all([ROOT / "scenarios"])}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_lints_clean_without_warnings(loaded, path):
    item = loaded[path.name]
    assert [d.format() for d in item.diagnostics if d.severity != "info"] == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_path_ends_with_a_score_in_range(loaded, path):
    scn = loaded[path.name].scenario
    paths = list(walk.paths(scn, limit=20_000))
    assert paths
    for p in paths:
        assert p.ending is not None, f"loop: {p.choices}"
        assert 0 <= p.percent <= 100
        assert p.score <= p.possible


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_engine_agrees_with_walk_on_every_path(loaded, path):
    """Play each path through the real engine; ending and score must match the walker's."""
    scn = loaded[path.name].scenario
    for p in walk.paths(scn, limit=2_000):
        e = Engine(scn)
        for _step, cid in p.choices:
            e.skip()
            fb = e.choose(cid)
        assert fb.ending.id == p.ending
        assert (e.score, e.possible) == (p.score, p.possible)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_safest_path_scores_full_and_ends_safe(loaded, path):
    best = walk.safest_path(loaded[path.name].scenario)
    assert best.percent == 100 and best.outcome == "safe"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_running_out_of_time_never_acts_for_the_player(loaded, path):
    """Every path that lets a timer run out, played through the engine with every timer on: the
    timeout is recorded as no decision, nothing is lost at it, and the story goes where the walker says."""
    scn = loaded[path.name].scenario
    assert scn.id != "tutorial" or not any(st.timeout for st in scn.steps), "the tutorial has no timer"
    for p in walk.paths(scn, limit=2_000, timeouts=True):
        if not any(cid == TIMED_OUT for _s, cid in p.choices):
            continue
        e = Engine(scn, timers="all")
        for step, cid in p.choices:
            e.skip()
            if cid == TIMED_OUT:
                lost = (len(e.consequences), e.money_lost, dict(e.vars))
                e.advance(e.time_left() + 0.001)
                d = e.log[-1]
                assert (d.step, d.timed_out, d.safety, d.score) == (step, True, "neutral", 0)
                assert (len(e.consequences), e.money_lost, dict(e.vars)) == lost
            else:
                e.choose(cid)
        assert e.ending.id == p.ending
        assert (e.score, e.possible) == (p.score, p.possible)
