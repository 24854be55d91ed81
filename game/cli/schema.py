"""Print the JSON Schema for scenario files (for editor completion).

The copy in docs/scenario.schema.json is regenerated with:
  python main.py schema > docs/scenario.schema.json
A test fails when the two differ.
"""

from __future__ import annotations

import json

from game.core.jsonschema import scenario_schema


def register(p) -> None:
    p.set_defaults(run=run)


def run(args) -> int:
    print(json.dumps(scenario_schema(), ensure_ascii=False, indent=2))
    return 0
