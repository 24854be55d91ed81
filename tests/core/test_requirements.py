"""CI installs .ci/minimums.txt as constraints; it must pin every requirement at its lower bound."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("ci_requirements", ROOT / ".ci" / "requirements.py")
requirements = importlib.util.module_from_spec(spec)
spec.loader.exec_module(requirements)


def test_every_requirement_has_a_lower_bound_pinned_in_minimums():
    declared = requirements.declared()
    pinned = requirements.pinned(ROOT / ".ci" / "minimums.txt")
    assert all(declared.values()), f"give every requirement a lower bound: {declared}"
    assert sorted(pinned) == sorted(declared), "one pin for each requirement"
    wrong = {name: (low, pinned[name]) for name, low in declared.items()
             if not requirements.same_version(low, pinned[name])}
    assert not wrong, f"pin each requirement at its lower bound (declared, pinned): {wrong}"
