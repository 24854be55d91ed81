"""The machine's trainer settings (results folder, quiz on/off) and the game's recorder built from them."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from ..playerfiles import trainer_problem
from ..recording import NullRecorder
from ..storage import atomic_write_json, read_player_json, user_data_dir
from .store import WARN_LOST, ResultsStore

SETTINGS_FILE = "trainer.json"
RESULTS_DIR_ENV = "LA_CHAN_RESULTS_DIR"


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


def results_dir_for(flag: str | Path | None, data_dir: Path | None = None) -> Path:
    """The results folder: the --results-dir flag, else $LA_CHAN_RESULTS_DIR, else the saved setting, else local."""
    for choice in (flag, os.environ.get(RESULTS_DIR_ENV), trainer_settings(data_dir)["results_dir"]):
        if choice:
            return Path(choice).expanduser()
    return Path(data_dir or user_data_dir()) / "results"


def make_recorder(flag: str | Path | None = None, data_dir: Path | None = None) -> NullRecorder:
    """The game's recorder; if even creating it fails, a NullRecorder with a warning (play goes on)."""
    try:
        return ResultsStore(results_dir_for(flag, data_dir), data_dir=data_dir)
    except Exception:  # noqa: BLE001 — results must never stop the game from starting
        rec = NullRecorder()
        rec.warning = WARN_LOST
        return rec
