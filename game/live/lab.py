"""Lab mode: a lab PC sends each decision to the host as it is made.

The PC's own results file stays the source of truth: `LabRecorder` passes every call
to the PC's `ResultsStore` first, then queues the same rows (same session and decision
ids) for the host. The queue is a small JSON outbox in the user data folder, written
atomically, so a network loss, or even a restart of the PC, loses nothing: a sender
thread retries until the host confirms, then drops what it confirmed. The host stores
rows by id, so a row sent twice is kept once, and a report over the host's file and
the PC's own file counts each row once. Standard library only (urllib): lab PCs need
no server library.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from game.core import results as R
from game.core.recording import NullRecorder
from game.core.storage import atomic_write_json, read_json, user_data_dir

BATCH = 200
RETRY_MIN, RETRY_MAX = 1.0, 10.0


def host_url(join: str, port: int = 8765) -> tuple[str, str | None]:
    """`--join` as typed (an address, address:port, or the join URL with ?c=CODE) → (base URL, code or None)."""
    text = join.strip()
    if "://" not in text:
        text = "http://" + text
    u = urllib.parse.urlsplit(text)
    if u.scheme not in ("http", "https") or not u.hostname:
        raise ValueError(f"not a host address: {join!r}")
    code = urllib.parse.parse_qs(u.query).get("c", [None])[0]
    netloc = u.hostname if u.port else f"{u.hostname}:{port}"
    if u.port:
        netloc = f"{u.hostname}:{u.port}"
    return f"{u.scheme}://{netloc}", code


class LabLink:
    """The outbox and its sender thread."""

    def __init__(self, base_url: str, code: str, machine: str, data_dir: Path | None = None,
                 timeout: float = 5.0):
        self.url = base_url.rstrip("/") + "/api/lab"
        self.code = code
        self.machine = machine
        self.path = Path(data_dir or user_data_dir()) / f"live-outbox-{machine}.json"
        got = read_json(self.path, {})
        self.sessions: dict[str, dict] = dict(got.get("sessions", {})) if isinstance(got, dict) else {}
        self.decisions: dict[str, dict] = dict(got.get("decisions", {})) if isinstance(got, dict) else {}
        self.timeout = timeout
        self.lock = threading.Lock()
        self.wake = threading.Event()
        self.stopping = False
        self.online: bool | None = None
        self.sent = 0
        self.error: str | None = None
        self.thread = threading.Thread(target=self._run, name="lab-link", daemon=True)
        self.thread.start()
        self.wake.set()

    def add(self, *, session: dict | None = None, decision: dict | None = None) -> None:
        with self.lock:
            if session is not None:
                old = self.sessions.get(session["id"], {})
                self.sessions[session["id"]] = {**old, **{k: v for k, v in session.items() if v is not None}}
            if decision is not None:
                self.decisions[decision["id"]] = decision
        self.wake.set()

    def pending(self) -> int:
        with self.lock:
            return len(self.sessions) + len(self.decisions)

    def _save(self) -> None:
        with self.lock:
            snap = {"sessions": dict(self.sessions), "decisions": dict(self.decisions)}
        with contextlib.suppress(OSError):
            atomic_write_json(self.path, snap)

    def _send_once(self) -> bool:
        with self.lock:
            sessions = list(self.sessions.values())[:BATCH]
            decisions = list(self.decisions.values())[:BATCH]
        if not sessions and not decisions:
            return True
        # a decision's session goes with it, so the host always knows whose it is
        sids = {d["session_id"] for d in decisions}
        sessions += [s for sid, s in self.sessions.items() if sid in sids and s not in sessions]
        body = json.dumps({"code": self.code, "machine": self.machine, "sessions": sessions,
                           "decisions": decisions}).encode()
        req = urllib.request.Request(self.url, data=body, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as r:
                got = json.loads(r.read())
        except urllib.error.HTTPError as exc:
            with contextlib.suppress(Exception):
                self.error = json.loads(exc.read()).get("code")
            self.online = exc.code != 400  # a refused batch is not a network problem
            return False
        except (OSError, ValueError):
            self.online = False
            return False
        self.online, self.error = True, None
        with self.lock:
            for sid in got.get("sessions", []):
                sent = next((s for s in sessions if s["id"] == sid), None)
                if sent is not None and self.sessions.get(sid) == sent:
                    del self.sessions[sid]  # unchanged since sent (a finish may have come in meanwhile)
            for did in got.get("decisions", []):
                self.decisions.pop(did, None)
            self.sent += len(got.get("decisions", []))
        return True

    def _run(self) -> None:
        delay = RETRY_MIN
        while not self.stopping:
            self.wake.wait(delay if self.pending() else None)
            self.wake.clear()
            self._save()  # the outbox survives a restart of the PC
            while self.pending() and not self.stopping:
                if not self._send_once():
                    delay = min(RETRY_MAX, delay * 2)
                    break
                delay = RETRY_MIN
            self._save()

    def flush(self, timeout: float = 5.0) -> bool:
        end = time.monotonic() + timeout
        self.wake.set()
        while self.pending() and time.monotonic() < end:
            time.sleep(0.05)
        return not self.pending()

    def close(self, wait: float = 2.0) -> None:
        self.flush(wait)
        self.stopping = True
        self.wake.set()
        self.thread.join(timeout=wait + self.timeout)
        self._save()


class LabRecorder(NullRecorder):
    """The PC's own store first (source of truth), then the same rows to the host."""

    def __init__(self, inner, link: LabLink):
        self.inner = inner
        self.link = link
        self.rows: dict[str, dict] = {}

    @property
    def warning(self):
        return self.inner.warning

    def start_session(self, *, nickname: str, class_code: str, scenario_id: str,
                      scenario_version: int, mode: str = "play", phase: str = "") -> str:
        sid = self.inner.start_session(nickname=nickname, class_code=class_code, scenario_id=scenario_id,
                                       scenario_version=scenario_version, mode=mode, phase=phase)
        if sid:
            s = {"id": sid, "machine": self.link.machine, "nickname": R.clean_nickname(nickname),
                 "class_code": R.clean_nickname(class_code), "scenario_id": str(scenario_id),
                 "scenario_version": int(scenario_version or 0), "mode": mode if mode in R.MODES else "play",
                 "phase": phase or "", "started_at": R.now_iso()}
            self.rows[sid] = s
            self.link.add(session=s)
        return sid

    def record_decision(self, session_id: str, decision, *, votes: dict | None = None) -> None:
        self.inner.record_decision(session_id, decision, votes=votes)
        s = self.rows.get(session_id)
        if s is None:
            return
        d = decision
        self.link.add(decision={
            "id": f"{session_id}:{d.index}", "session_id": session_id, "idx": d.index,
            **{k: s[k] for k in ("machine", "nickname", "class_code", "scenario_id", "scenario_version",
                                 "mode", "phase")},
            "step": d.step, "choice": d.choice, "safety": d.safety, "score": int(d.score), "best": int(d.best),
            "time_taken": round(float(d.time_taken), 3), "timed_out": bool(d.timed_out), "help": bool(d.help),
            "flags": list(d.flags), "flags_shown": list(d.flags_shown),
            "votes": {str(k): int(v) for k, v in votes.items()} if votes else None,
            "recorded_at": R.now_iso(), "genuine": bool(getattr(d, "genuine", False))})

    def finish_session(self, session_id: str, *, ending_id: str, outcome: str, score: int,
                       possible: int) -> None:
        self.inner.finish_session(session_id, ending_id=ending_id, outcome=outcome, score=score,
                                  possible=possible)
        s = self.rows.get(session_id)
        if s is not None:
            s.update(finished_at=R.now_iso(), ending_id=ending_id, outcome=outcome, score=int(score),
                     possible=int(possible))
            self.link.add(session=dict(s))

    def flush(self, timeout: float | None = None) -> bool:
        return getattr(self.inner, "flush", lambda t=None: True)(timeout)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.link.close()
        getattr(self.inner, "close", lambda: None)()


def join_recorder(inner, join: str, code: str | None, data_dir: Path | None = None) -> LabRecorder:
    base, url_code = host_url(join)
    code = code or url_code
    if not code:
        raise ValueError("--join needs the session code: --code CODE, or the join URL with ?c=CODE")
    machine = getattr(inner, "machine", None) or R.machine_id(data_dir)
    return LabRecorder(inner, LabLink(base, code.strip().upper(), machine, data_dir))
