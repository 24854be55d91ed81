"""The menu keeps cards, not built scenarios, and plays exactly the text it checked."""

import gc
import shutil
import types
from pathlib import Path

from game.core.model import Scenario
from game.ui.catalog import Catalog

REPO = Path(__file__).resolve().parents[2]


def _reachable_scenarios(root) -> int:
    """Scenarios the entries hold, through their data (not through classes, functions and modules,
    which reach everything a test run has left alive)."""
    seen, stack, found = set(), [root], 0
    while stack:
        o = stack.pop()
        if id(o) in seen or isinstance(o, (type, types.ModuleType, types.FunctionType, types.MethodType)):
            continue
        seen.add(id(o))
        found += isinstance(o, Scenario)
        stack.extend(gc.get_referents(o))
    return found


def test_the_catalog_holds_no_built_scenario_until_one_is_played(tmp_path):
    for name in ("demo_shipper.yaml", "tutorial.yaml"):
        shutil.copy(REPO / "scenarios" / name, tmp_path / name)
    shutil.copytree(REPO / "scenarios" / "images", tmp_path / "images")
    cat = Catalog([tmp_path])
    assert [e.ok for e in cat.entries] == [True, True]
    assert _reachable_scenarios(cat.entries) == 0
    scn = cat.entries[0].scenario
    assert isinstance(scn, Scenario) and scn.id == cat.entries[0].id == "tutorial"  # the tutorial comes first
    assert cat.entries[0].scenario is scn  # the one being played is kept, not built twice
    assert cat.entries[0].card.title == scn.title


def test_what_is_played_is_what_was_checked_even_if_the_file_changed(tmp_path):
    path = tmp_path / "demo_shipper.yaml"
    shutil.copy(REPO / "scenarios" / "demo_shipper.yaml", path)
    shutil.copytree(REPO / "scenarios" / "images", tmp_path / "images")
    cat = Catalog([tmp_path])
    title = cat.entries[0].card.title
    path.write_text("id: [broken", encoding="utf-8")
    scn = cat.entries[0].scenario
    assert scn is not None and scn.title == title and scn.steps
