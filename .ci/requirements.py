"""Read pyproject.toml's requirements, for .ci/run and tests/core/test_requirements.py.

    python .ci/requirements.py deps-except-pygame   names to install beside upstream pygame
    python .ci/requirements.py check-installed FILE  the venv has exactly FILE's pinned versions
"""

from __future__ import annotations

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_REQ = re.compile(r"^\s*([A-Za-z0-9_.-]+)\s*(?:\[[^\]]*\])?\s*(?:>=\s*([0-9][^,;\s]*))?")


def declared() -> dict[str, str | None]:
    """Every runtime and test requirement: normalised name -> lower bound (None if unbounded)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    out = {}
    for req in project["dependencies"] + project["optional-dependencies"]["test"]:
        name, low = _REQ.match(req).groups()
        out[normalise(name)] = low
    return out


def pinned(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            out[normalise(name)] = version.strip()
    return out


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def same_version(a: str | None, b: str | None) -> bool:
    """2.5 and 2.5.0 are the same release."""
    def parts(v):
        nums = [int(x) for x in (v or "").split(".") if x.isdigit()]
        while nums and nums[-1] == 0:
            nums.pop()
        return nums
    return a is not None and b is not None and parts(a) == parts(b)


def main(argv: list[str]) -> int:
    if argv[:1] == ["deps-except-pygame"]:
        print("\n".join(req for req in declared() if req != "pygame-ce"))
        return 0
    if argv[:1] == ["check-installed"] and len(argv) == 2:
        wrong = [f"{name}: {metadata.version(name)} installed, {want} pinned"
                 for name, want in pinned(Path(argv[1])).items() if not same_version(metadata.version(name), want)]
        print("\n".join(wrong) or "installed versions are the declared minimums")
        return 1 if wrong else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
