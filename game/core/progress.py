"""Player preferences, per-nickname progress and the in-progress run (pure; no pygame).

Everything lives in one JSON file in `user_data_dir()`, rewritten atomically after every
change, so a crash or power cut loses at most the decision being made. A corrupt or
missing file is treated as empty: bad data never stops the game.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .nickname import clean_class_code, clean_nickname
from .storage import atomic_write_json, read_json, user_data_dir

__all__ = ["Prefs", "Progress", "clean_nickname"]

FILE_NAME = "progress.json"
TEXT_SIZES = ("small", "medium", "large")
TIMER_MODES = ("lesson", "off", "all")  # the settings button cycles in this order


@dataclass
class Prefs:
    lang: str = ""  # "" = not chosen yet (use the OS locale)
    text_size: str = "medium"
    timers: str = "lesson"  # off | lesson (only timers the author marked as part of the lesson) | all
    sound: bool = True
    fullscreen: bool = False
    reduced_motion: bool = False
    high_contrast: bool = False
    nickname: str = ""
    class_code: str = ""

    @classmethod
    def from_json(cls, data) -> Prefs:
        p = cls()
        if not isinstance(data, dict):
            return p
        if isinstance(data.get("timers"), bool):  # before timer modes: on meant the default
            data = dict(data, timers="lesson" if data["timers"] else "off")
        for fl in fields(cls):
            v = data.get(fl.name)
            if isinstance(v, type(getattr(p, fl.name))):
                setattr(p, fl.name, v)
        if p.text_size not in TEXT_SIZES:
            p.text_size = "medium"
        if p.timers not in TIMER_MODES:
            p.timers = "lesson"
        if p.lang not in ("", "vi", "en"):
            p.lang = ""
        p.nickname = clean_nickname(p.nickname)
        p.class_code = clean_class_code(p.class_code)
        return p


class Progress:
    """Prefs + {nickname: {"done": {scenario: {"best": %, "plays": n}}, "run": {scenario: snapshot}}}."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else user_data_dir() / FILE_NAME
        data = read_json(self.path, {})
        data = data if isinstance(data, dict) else {}
        self.prefs = Prefs.from_json(data.get("prefs"))
        players = data.get("players")
        self.players: dict = players if isinstance(players, dict) else {}
        self.error: str | None = None  # set when saving failed (read-only folder, full disk)

    def save(self) -> bool:
        try:
            atomic_write_json(self.path, {"prefs": asdict(self.prefs), "players": self.players})
            self.error = None
            return True
        except OSError as exc:
            self.error = exc.strerror or str(exc)
            return False

    def _player(self, nickname: str) -> dict:
        p = self.players.get(nickname)
        if not isinstance(p, dict):
            p = self.players[nickname] = {}
        for key in ("done", "run"):
            if not isinstance(p.get(key), dict):
                p[key] = {}
        return p

    # -- results -------------------------------------------------------------

    def best(self, nickname: str, scenario_id: str) -> int | None:
        rec = self._player(nickname)["done"].get(scenario_id)
        best = rec.get("best") if isinstance(rec, dict) else None
        return best if isinstance(best, int) else None

    def completed(self, nickname: str, scenario_id: str) -> bool:
        return self.best(nickname, scenario_id) is not None

    def finish(self, nickname: str, scenario_id: str, percent: int) -> None:
        """Record a finished run: best score kept, the saved half-way run dropped."""
        p = self._player(nickname)
        rec = p["done"].get(scenario_id)
        rec = rec if isinstance(rec, dict) else {}
        old = rec.get("best") if isinstance(rec.get("best"), int) else -1
        plays = rec.get("plays") if isinstance(rec.get("plays"), int) else 0
        p["done"][scenario_id] = {"best": max(old, int(percent)), "plays": plays + 1}
        p["run"].pop(scenario_id, None)
        self.save()

    # -- the run in progress -------------------------------------------------

    def save_run(self, nickname: str, snapshot: dict) -> None:
        """Called after every decision with `Engine.snapshot()`."""
        sid = snapshot.get("scenario")
        if not sid:
            return
        self._player(nickname)["run"][sid] = snapshot
        self.save()

    def run(self, nickname: str, scenario_id: str, version: int | None = None) -> dict | None:
        """The saved half-way run, if any (and if it was made with this content version)."""
        snap = self._player(nickname)["run"].get(scenario_id)
        if not isinstance(snap, dict) or not isinstance(snap.get("choices"), list) or not snap["choices"]:
            return None
        if version is not None and snap.get("version") != version:
            return None
        return snap

    def drop_run(self, nickname: str, scenario_id: str) -> None:
        if self._player(nickname)["run"].pop(scenario_id, None) is not None:
            self.save()
