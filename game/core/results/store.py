"""The recorder the game uses: one SQLite file per machine, one row per decision, committed when made.

Durability: the game's frame only queues a row; one writer thread commits each row
at once, with a rollback journal and synchronous=FULL (see `dbfile`). When a commit
returns, the `.db` file alone holds every committed row, so copying just that file is
enough. A kill or a power cut loses at most what is still in flight (in play, the one
decision being made) and never corrupts earlier data; a slow USB stick or network
folder never stalls the game.

If the results folder cannot be written (USB stick pulled, read-only share), rows go
to a pending file in the local user data folder, `warning` is set for the UI, and the
pending rows are copied over once the folder is writable again. The warning says the rows
are kept on this computer only when the pending file could be written; otherwise it says
they cannot be saved (kept in memory, with one last try at closing).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import queue
import sqlite3
import threading
import time
import uuid
from pathlib import Path

from ..nickname import clean_class_code, clean_nickname
from ..recording import NullRecorder
from ..storage import user_data_dir
from . import dbfile
from .dbfile import (
    DECISION_COLS,
    FILL_DECISION,
    INSERT_DECISION,
    MODES,
    SESSION_COLS,
    UPSERT_SESSION,
    NotOurs,
    decision_params,
    now_iso,
    session_params,
    write,
)
from .identity import machine_id

RETRY_SECONDS = 15.0
BATCH_OPS = 500  # the most rows committed together when many are queued at once
# Only said once a write to this computer's pending file has worked (on opening it, or a row saved there).
WARN_FALLBACK = "The results folder cannot be written. Results are kept on this computer until it can."
WARN_LOST = "Results cannot be saved on this computer. Tell your teacher."
# The results folder is another folder (a USB stick, a share) and this computer cannot keep them either.
WARN_NOWHERE = ("The results folder cannot be written, and results cannot be saved on this computer either. "
                "Tell your teacher.")


def default_results_dir() -> Path:
    return user_data_dir() / "results"


class ResultsStore(NullRecorder):
    """The SQLite recorder. Never raises from the recorder methods: problems go to `warning`.

    The recorder methods only queue the row (microseconds, so the frame never waits for
    the disk); one writer thread owns every connection and commits each row at once with
    synchronous=FULL. So a kill or a power cut loses at most the row still in flight,
    and a slow USB stick or network folder never stalls the game.
    """

    def __init__(self, results_dir: Path | str | None = None, *, data_dir: Path | None = None,
                 machine: str | None = None, clock=time.monotonic, connect_wait: float = 5.0):
        self.local_dir = Path(data_dir or user_data_dir()) / "results"
        self.results_dir = Path(results_dir) if results_dir else self.local_dir
        self.machine = machine or machine_id(data_dir)
        self.path = self.results_dir / f"results-{self.machine}.db"
        self.pending_path = self.local_dir / f"pending-{self.machine}.db"
        self.warning: str | None = None
        self._clock = clock
        self._conn: sqlite3.Connection | None = None  # owned by the writer thread
        self._pending: sqlite3.Connection | None = None  # owned by the writer thread
        self._memory: list[tuple[str, tuple]] = []  # last resort when nothing is writable
        self._sessions: dict[str, dict] = {}
        self._last_try = -1e9
        self._queue: queue.Queue = queue.Queue()
        self._closed = False
        self._writer = threading.Thread(target=self._run, name="results-writer", daemon=True)
        self._writer.start()
        self._queue.put(("connect", None))
        self.flush(connect_wait)  # so the first screen already knows whether the folder works
        atexit.register(self.close)

    # -- the writer thread ------------------------------------------------------

    def _run(self) -> None:
        held = None  # an item taken from the queue while gathering a batch, handled next
        while True:
            kind, payload = held or self._queue.get()
            held, items = None, 1
            try:
                if kind == "ops":
                    # Rows queued while the last commit was on its way to disk go in one
                    # commit together: in play that is one decision at a time; a burst
                    # (`results simulate`, a slow USB stick) costs one sync, not one per row.
                    payload = list(payload)
                    while len(payload) < BATCH_OPS:
                        try:
                            nxt = self._queue.get_nowait()
                        except queue.Empty:
                            break
                        if nxt[0] != "ops":
                            held = nxt
                            break
                        payload += nxt[1]
                        items += 1
                    self._save(payload)
                elif kind == "connect":
                    if not self._connect():
                        self.warning = WARN_FALLBACK if self._open_pending() else self._lost()
                elif kind == "call":  # tests: run something where the connections live
                    payload(self)
                elif kind == "stop":
                    self._shutdown()
                    return
            except Exception:  # noqa: BLE001 — never let the writer die; keep the rows in memory
                if kind == "ops":
                    self._memory.extend(payload)
                self.warning = self._lost()
            finally:
                for _ in range(items):
                    self._queue.task_done()

    def _connect(self) -> bool:
        """Try the results folder; on success copy over anything pending. Returns True when connected."""
        self._last_try = self._clock()
        self._conn = None
        for exclusive in (False, True):  # exclusive: for network folders without shared memory
            try:
                self._conn = dbfile.open_for_writing(self.path, exclusive=exclusive)
                break
            except NotOurs:
                return False
            except (sqlite3.Error, OSError):
                continue
        if self._conn is None:
            return False
        try:
            self._flush_pending()
        except (sqlite3.Error, OSError, NotOurs):
            self._drop_conn()
            return False
        return True

    def _drop_conn(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
        self._conn = None

    def _flush_pending(self) -> None:
        ops = list(self._memory)
        if self.pending_path != self.path and self.pending_path.exists():
            src = self._pending or dbfile.open_for_writing(self.pending_path)
            self._pending = src
            ops += [(UPSERT_SESSION, tuple(r)) for r in src.execute(
                f"SELECT {', '.join(SESSION_COLS)} FROM sessions")]
            ops += [(INSERT_DECISION, tuple(r)) for r in src.execute(
                f"SELECT {', '.join(DECISION_COLS)} FROM decisions")]
        if not ops:
            self.warning = None
            return
        write(self._conn, ops)  # sessions are upserts, decisions INSERT OR IGNORE: replay is safe
        self._memory.clear()
        if self._pending is not None:
            write(self._pending, [("DELETE FROM decisions", ()), ("DELETE FROM sessions", ())])
        self.warning = None

    def _save(self, ops: list[tuple[str, tuple]]) -> None:
        if self._conn is None and self._clock() - self._last_try >= RETRY_SECONDS:
            self._connect()
        if self._conn is not None:
            try:
                write(self._conn, ops)
                return
            except (sqlite3.Error, OSError):
                self._drop_conn()
                self._last_try = self._clock()
        self._save_pending(ops)

    def _open_pending(self) -> bool:
        """Open (creating: a real write) this computer's pending file; False when it cannot be written."""
        if self.pending_path == self.path:
            return False
        if self._pending is None:
            try:
                self._pending = dbfile.open_for_writing(self.pending_path)
            except (sqlite3.Error, OSError, NotOurs):
                return False
        return True

    def _lost(self) -> str:
        """The warning when nothing could be written: the results folder is named when it is another folder."""
        return WARN_NOWHERE if self.results_dir != self.local_dir else WARN_LOST

    def _save_pending(self, ops) -> None:
        if self._open_pending():
            try:
                write(self._pending, ops)
                self.warning = WARN_FALLBACK
                return
            except (sqlite3.Error, OSError, NotOurs):
                with contextlib.suppress(sqlite3.Error, AttributeError):
                    self._pending.close()
                self._pending = None
        self._memory.extend(ops)
        self.warning = self._lost()

    def _shutdown(self) -> None:
        if self._memory and self._conn is None:
            self._connect()  # one last chance to place rows kept in memory
        self._drop_conn()
        if self._pending is not None:
            with contextlib.suppress(sqlite3.Error):
                self._pending.close()
            self._pending = None

    def _enqueue(self, ops) -> None:
        if not self._closed:
            self._queue.put(("ops", ops))

    # -- the recorder interface (called from the game's frame) --------------------

    def start_session(self, *, nickname: str, class_code: str, scenario_id: str,
                      scenario_version: int, mode: str = "play", phase: str = "") -> str:
        s = self._session(uuid.uuid4().hex, nickname, class_code, scenario_id, scenario_version, mode, phase)
        self._enqueue([(UPSERT_SESSION, session_params(s))])
        return s["id"]

    def resume_session(self, session_id: str, *, nickname: str, class_code: str, scenario_id: str,
                       scenario_version: int, mode: str = "play", phase: str = "",
                       decisions=()) -> str:
        sid = session_id if isinstance(session_id, str) and session_id.isalnum() and 8 <= len(session_id) <= 64 \
            else uuid.uuid4().hex
        s = self._session(sid, nickname, class_code, scenario_id, scenario_version, mode, phase)
        # The session row keeps its first start (UPSERT_SESSION keeps the earliest); the
        # decisions the store already has stay as they are, a missing one is filled in.
        ops = [(UPSERT_SESSION, session_params(s))]
        ops += [(FILL_DECISION, decision_params(self._decision_row(s, d, None))) for d in decisions]
        self._enqueue(ops)
        return sid

    def _session(self, sid, nickname, class_code, scenario_id, scenario_version, mode, phase) -> dict:
        s = {
            "id": sid, "machine": self.machine, "nickname": clean_nickname(nickname),
            "class_code": clean_class_code(class_code), "scenario_id": str(scenario_id),
            "scenario_version": int(scenario_version or 0),
            "mode": mode if mode in MODES else "play", "phase": phase or "",
            "started_at": now_iso(),
        }
        self._sessions[sid] = s
        return s

    def record_decision(self, session_id: str, decision, *, votes: dict | None = None) -> None:
        s = self._sessions.get(session_id)
        if s is None:
            return
        self._enqueue([(INSERT_DECISION, decision_params(self._decision_row(s, decision, votes)))])

    @staticmethod
    def _decision_row(s: dict, d, votes: dict | None) -> dict:
        return {
            "id": f"{s['id']}:{d.index}", "session_id": s["id"], "idx": d.index,
            **{k: s[k] for k in ("machine", "nickname", "class_code", "scenario_id",
                                 "scenario_version", "mode", "phase")},
            "step": d.step, "choice": d.choice, "safety": d.safety, "score": int(d.score),
            "best": int(d.best), "time_taken": float(d.time_taken), "timed_out": int(bool(d.timed_out)),
            "help": int(bool(d.help)), "flags": json.dumps(list(d.flags)),
            "flags_shown": json.dumps(list(d.flags_shown)),
            "votes": json.dumps({str(k): int(v) for k, v in votes.items()}) if votes else None,
            "recorded_at": now_iso(),
            "genuine": int(bool(getattr(d, "genuine", False))),
        }

    def finish_session(self, session_id: str, *, ending_id: str, outcome: str, score: int,
                       possible: int) -> None:
        s = self._sessions.get(session_id)
        if s is None:
            return
        s.update(finished_at=now_iso(), ending_id=ending_id, outcome=outcome, score=int(score),
                 possible=int(possible))
        self._enqueue([(UPSERT_SESSION, session_params(s))])

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every queued row is written (tests, shutdown). Returns False on timeout."""
        done = threading.Event()

        def wait():
            self._queue.join()
            done.set()

        threading.Thread(target=wait, daemon=True).start()
        return done.wait(timeout)

    def close(self) -> None:
        """Write what is queued and close the file."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(("stop", None))
        self._writer.join(timeout=30)
