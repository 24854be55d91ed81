"""The host's results file: the same SQLite store and format as every machine's.

One writer thread owns the connection (as in `game.core.results`): the projector's
frame and the server's event loop only queue work, so neither waits for the disk.
Besides the recorder interface (the trainer's class session) it stores rows that
arrive with their own ids (phone votes, lab PCs' decisions: the same ids as in the
lab PC's own file, so a report over both counts each row once) and a snapshot of the
live session in a table of its own, so a killed host resumes where it was.
"""

from __future__ import annotations

import contextlib
import json
import queue
import sqlite3
import threading
import time
import uuid
from pathlib import Path

from game.core import results as R
from game.core.recording import NullRecorder

LIVE_TABLE = "CREATE TABLE IF NOT EXISTS live_state (key TEXT PRIMARY KEY, value TEXT)"
SNAPSHOT_EVERY = 0.2  # seconds: at most five snapshot writes a second, however fast votes come


def session_params(s: dict) -> tuple:
    return tuple(s.get(c) for c in R.SESSION_COLS)


def decision_params(d: dict) -> tuple:
    row = dict(d)
    for k in ("flags", "flags_shown"):
        row[k] = json.dumps(list(row.get(k) or []))
    row["votes"] = json.dumps(row["votes"]) if row.get("votes") else None
    for k in ("timed_out", "help", "genuine"):
        row[k] = int(bool(row.get(k)))
    row.setdefault("recorded_at", R.now_iso())
    return tuple(row.get(c) for c in R.DECISION_COLS)


class LiveStore(NullRecorder):
    def __init__(self, path: Path, *, machine: str):
        self.path = Path(path)
        self.machine = machine
        self.warning: str | None = None
        self._sessions: dict[str, dict] = {}
        self._unwritten: set[str] = set()  # sessions started whose row waits for their first decision
        self._q: queue.Queue = queue.Queue()
        self._snapshot = None  # the latest snapshot callable, written at most every SNAPSHOT_EVERY
        self._snap_due = False
        self._closed = False
        self.failed = 0  # rows the database refused (counted, and `warning` set)
        self._conn = R.open_for_writing(self.path)  # raises here, at start-up, if the folder is unusable
        self._conn.execute(LIVE_TABLE)
        self._conn.close()
        self._conn = None
        self._thread = threading.Thread(target=self._run, name="live-store", daemon=True)
        self._thread.start()

    # -- reading back at start-up ------------------------------------------------

    def load_state(self) -> dict | None:
        conn = sqlite3.connect(str(self.path), timeout=5)
        try:
            row = conn.execute("SELECT value FROM live_state WHERE key = 'session'").fetchone()
            sessions = conn.execute(f"SELECT {', '.join(R.SESSION_COLS)} FROM sessions").fetchall()
        finally:
            conn.close()
        for r in sessions:
            s = dict(zip(R.SESSION_COLS, r, strict=True))
            if s["machine"] == self.machine:
                self._sessions[s["id"]] = s
        try:
            return json.loads(row[0]) if row else None
        except ValueError:
            return None

    def rows(self) -> tuple[list[dict], list[dict]]:
        data = R.read_results(self.path)
        return data.sessions, data.decisions

    # -- the writer thread ---------------------------------------------------------

    def _run(self) -> None:
        self._conn = R.open_for_writing(self.path)
        last_snap = 0.0
        while True:
            try:
                item = self._q.get(timeout=SNAPSHOT_EVERY)
            except queue.Empty:
                item = None
            ops = []
            stop = False
            while item is not None:
                if item == "stop":
                    stop = True
                else:
                    ops.extend(item)
                try:
                    item = self._q.get_nowait()
                except queue.Empty:
                    item = None
            now = time.monotonic()
            if self._snap_due and (stop or now - last_snap >= SNAPSHOT_EVERY) and self._snapshot is not None:
                self._snap_due = False
                last_snap = now
                ops.append(("INSERT OR REPLACE INTO live_state VALUES ('session', ?)",
                            (json.dumps(self._snapshot(), ensure_ascii=False),)))
            if ops:
                try:
                    self._write(ops)
                    self.warning = None
                except sqlite3.Error:
                    # one bad row must not sink the others written with it: one transaction each
                    for op in ops:
                        try:
                            self._write([op])
                        except sqlite3.Error:
                            self.failed += 1
                            self.warning = R.WARN_LOST
            if stop:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self._conn.close()
                return

    def _write(self, ops) -> None:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            for sql, params in ops:
                self._conn.execute(sql, params)
            self._conn.execute("COMMIT")
        except sqlite3.Error:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")
            raise

    def _put(self, ops) -> None:
        if not self._closed:
            self._q.put(ops)

    # -- what the host stores --------------------------------------------------------

    def save_snapshot_soon(self, snapshot) -> None:
        """Ask for the live session to be saved; many calls in a burst make one write."""
        self._snapshot = snapshot
        self._snap_due = True

    def put_rows(self, sessions: list[dict], decisions: list[dict]) -> None:
        """Rows that come with their own ids: upserted sessions, decisions stored once."""
        ops = [(R.UPSERT_SESSION, session_params(s)) for s in sessions]
        ops += [(R.INSERT_DECISION, decision_params(d)) for d in decisions]
        if ops:
            self._put(ops)

    def finish_rows(self, finished: list[dict]) -> None:
        now = R.now_iso()
        self.put_rows([{**f, "finished_at": now} for f in finished], [])

    def flush(self, timeout: float = 5.0) -> bool:
        done = threading.Event()
        self._put([("SELECT 1", ())])
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self._q.empty():
                time.sleep(SNAPSHOT_EVERY * 1.5)  # the batch just taken is committed by then
                done.set()
                break
            time.sleep(0.02)
        return done.is_set()

    def close(self) -> None:
        if self._closed:
            return
        self._q.put("stop")
        self._closed = True
        self._thread.join(timeout=30)

    # -- the recorder interface (the trainer's class session on the projector) ----------

    def start_session(self, *, nickname: str, class_code: str, scenario_id: str,
                      scenario_version: int, mode: str = "play", phase: str = "", session_id: str = "") -> str:
        """The session row is written with the run's first decision: a scenario chosen and left
        before its first decision, or a restart before it, leaves no empty session behind."""
        sid = session_id or uuid.uuid4().hex
        s = {"id": sid, "machine": self.machine, "nickname": R.clean_nickname(nickname),
             "class_code": R.clean_nickname(class_code), "scenario_id": str(scenario_id),
             "scenario_version": int(scenario_version or 0), "mode": mode if mode in R.MODES else "play",
             "phase": phase or "", "started_at": R.now_iso()}
        self._sessions[sid] = s
        self._unwritten.add(sid)
        return sid

    def resume_session(self, session_id: str, *, nickname: str, class_code: str, scenario_id: str,
                       scenario_version: int, mode: str = "play", phase: str = "", decisions=()) -> str:
        """The projector restarted mid-story: the class's run goes on as the same session, and a
        decision replayed that the file missed (the one in flight at the kill) is filled in."""
        sid = session_id if isinstance(session_id, str) and session_id.isalnum() and 8 <= len(session_id) <= 64 \
            else ""
        if not sid or sid not in self._sessions:
            sid = self.start_session(nickname=nickname, class_code=class_code, scenario_id=scenario_id,
                                     scenario_version=scenario_version, mode=mode, phase=phase, session_id=sid)
        s = self._sessions[sid]
        ops = [(R.UPSERT_SESSION, session_params(s))] if decisions else []
        if decisions:
            self._unwritten.discard(sid)
        ops += [(R.FILL_DECISION, decision_params(self._decision_row(s, d, None))) for d in decisions]
        if ops:
            self._put(ops)
        return sid

    @staticmethod
    def _decision_row(s: dict, d, votes) -> dict:
        return {
            "id": f"{s['id']}:{d.index}", "session_id": s["id"], "idx": d.index,
            **{k: s[k] for k in ("machine", "nickname", "class_code", "scenario_id", "scenario_version",
                                 "mode", "phase")},
            "step": d.step, "choice": d.choice, "safety": d.safety, "score": int(d.score), "best": int(d.best),
            "time_taken": float(d.time_taken), "timed_out": d.timed_out, "help": d.help, "flags": d.flags,
            "flags_shown": d.flags_shown, "votes": votes, "genuine": getattr(d, "genuine", False)}

    def record_decision(self, session_id: str, decision, *, votes: dict | None = None) -> None:
        s = self._sessions.get(session_id)
        if s is None:
            return
        first = session_id in self._unwritten
        self._unwritten.discard(session_id)
        self.put_rows([s] if first else [], [self._decision_row(s, decision, votes)])

    def finish_session(self, session_id: str, *, ending_id: str, outcome: str, score: int,
                       possible: int) -> None:
        s = self._sessions.get(session_id)
        if s is None:
            return
        s.update(finished_at=R.now_iso(), ending_id=ending_id, outcome=outcome, score=int(score),
                 possible=int(possible))
        self._unwritten.discard(session_id)
        self.put_rows([s], [])
