"""The machine's trainer settings (results folder, quiz on/off) and the game's recorder built from them."""

from __future__ import annotations

import os
from pathlib import Path

from ..recording import NullRecorder
from ..storage import user_data_dir
from ..trainer import SETTINGS_FILE, save_trainer_settings, trainer_settings  # noqa: F401 — re-exported
from .store import WARN_LOST, ResultsStore

RESULTS_DIR_ENV = "LA_CHAN_RESULTS_DIR"


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
