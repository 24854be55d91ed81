"""Every shipped scenario lints clean and every path through it ends at an ending with a score in range."""

from pathlib import Path

import pytest

from game.core import walk
from game.core.engine import Engine
from game.core.loader import load_all, scenario_files

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
