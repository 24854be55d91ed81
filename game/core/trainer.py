"""The machine's trainer settings (results folder, quiz on/off), kept apart from the results store so
the game reads them at start without importing SQLite and the store (about 30 ms before the first
screen)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from .playerfiles import trainer_problem
from .storage import atomic_write_json, read_player_json, user_data_dir

SETTINGS_FILE = "trainer.json"


def trainer_settings(data_dir: Path | None = None) -> dict:
    """What a trainer set on this machine: {"results_dir": str | None, "quiz": bool}."""
    got = read_player_json(Path(data_dir or user_data_dir()) / SETTINGS_FILE, {}, "trainer", trainer_problem)
    rd = got.get("results_dir")
    return {"results_dir": rd if isinstance(rd, str) and rd.strip() else None,
            "quiz": got.get("quiz") is True}


def save_trainer_settings(data_dir: Path | None = None, **changes) -> dict:
    """Remember settings for the next launches (students just start the game). Never raises."""
    s = trainer_settings(data_dir)
    s.update(changes)
    with contextlib.suppress(OSError):
        atomic_write_json(Path(data_dir or user_data_dir()) / SETTINGS_FILE, s)
    return s
