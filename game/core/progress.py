"""Player preferences, per-nickname progress and the in-progress run (pure; no pygame).

Everything lives in one JSON file in `user_data_dir()`, rewritten atomically after every
change, so a crash or power cut loses at most the decision being made. A missing file is
empty. A damaged one (not JSON, too large, too deep, the wrong shape) is renamed aside as
`progress.json.bad-TIMESTAMP` before anything is written, the game starts with defaults and
the menu says so (`storage.notices()`): bad data never stops the game or loses the old file.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .nickname import clean_class_code, clean_nickname
from .storage import atomic_write_json, read_player_json, user_data_dir

log = logging.getLogger("la_chan.progress")

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
        from .i18n import available_languages

        if p.lang and p.lang not in available_languages():  # any language in locale/; gone since: ask again
            p.lang = ""
        p.nickname = clean_nickname(p.nickname)
        p.class_code = clean_class_code(p.class_code)
        return p


def progress_problem(data) -> str | None:
    """Why a progress file's content is not a progress file (None when its shape is right).
    Fields of the right container but a wrong type are forgiven one by one when read."""
    if not isinstance(data, dict):
        return "not an object"
    if not isinstance(data.get("prefs", {}), dict):
        return "`prefs` is not an object"
    players = data.get("players", {})
    if not isinstance(players, dict) or not all(isinstance(v, dict) for v in players.values()):
        return "`players` is not an object of objects"
    return None


MAX_RUN_CHOICES = 1000  # a saved run longer than this was not made by the game


def snapshot_problem(snap) -> str | None:
    """Why a saved run cannot be replayed as it is (None when its shape is right)."""
    if not isinstance(snap, dict):
        return "not an object"
    choices = snap.get("choices")
    if not isinstance(choices, list) or len(choices) > MAX_RUN_CHOICES:
        return f"`choices` is not a list of at most {MAX_RUN_CHOICES}"
    for rec in choices:
        if not isinstance(rec, dict) or not isinstance(rec.get("choice"), str):
            return "a choice is not an object with a `choice` id"
        at = rec.get("at")
        if at is not None and (isinstance(at, bool) or not isinstance(at, int | float) or not 0 <= at < 1e7):
            return "a choice's time is not a number of seconds"
        if rec.get("timed_out") not in (None, True, False):
            return "`timed_out` is not true or false"
    return None


def replay_snapshot(scn, snap, timers: bool = True):
    """The engine a saved run replays to, or None when it does not replay cleanly (wrong shape,
    or the engine refuses it): the player is then offered to start again, never a crash."""
    from .engine import Engine

    if snapshot_problem(snap) is not None:
        return None
    try:
        return Engine.replay(scn, snap["choices"], timers=timers)
    except Exception:  # noqa: BLE001 — any failure to replay means "start again", not a crash
        log.warning("saved run of %s does not replay; offering to start again", getattr(scn, "id", "?"),
                    exc_info=True)
        return None


class Progress:
    """Prefs + {nickname: {"done": {scenario: {"best": %, "plays": n}}, "run": {scenario: snapshot}}}."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else user_data_dir() / FILE_NAME
        data = read_player_json(self.path, {}, "progress", progress_problem)
        self.prefs = Prefs.from_json(data.get("prefs"))
        players = data.get("players")
        self.players: dict = players if isinstance(players, dict) else {}
        self.error: str | None = None  # set when saving failed (read-only folder, full disk): the OS's words, for logs
        self.error_errno: int | None = None  # the same failure's errno, which the view puts in the player's words

    def save(self) -> bool:
        try:
            atomic_write_json(self.path, {"prefs": asdict(self.prefs), "players": self.players})
            self.error = self.error_errno = None
            return True
        except OSError as exc:
            self.error = exc.strerror or str(exc)
            self.error_errno = exc.errno
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
