"""The expected shape of each small JSON file the game keeps for the machine (pure).

`storage.read_player_json` calls these after a bounded parse; a file they refuse is set
aside and replaced by defaults, with a notice. Each returns why the data is wrong, or None.
"""

from __future__ import annotations


def machine_ids_problem(data) -> str | None:
    """machine-id.json: {"machines": {host key: id}}."""
    if not isinstance(data, dict):
        return "not an object"
    ids = data.get("machines", {})
    if not isinstance(ids, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in ids.items()):
        return "`machines` is not an object of strings"
    return None


def trainer_problem(data) -> str | None:
    """trainer.json: {"results_dir": str | null, "quiz": bool}."""
    if not isinstance(data, dict):
        return "not an object"
    if data.get("results_dir") is not None and not isinstance(data.get("results_dir"), str):
        return "`results_dir` is not a string"
    if "quiz" in data and not isinstance(data["quiz"], bool):
        return "`quiz` is not true or false"
    return None
