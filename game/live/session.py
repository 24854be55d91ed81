"""The state of one live class: who joined, the open decision, the votes, the lab PCs.

Pure and thread-safe: the server (its own thread and event loop), the projector (the
Pygame thread) and tests all call it; every method takes the lock for microseconds.
Nothing here does I/O. Changes bump `version` and call the listeners, which the server
uses to push a new state to the phones and the store uses to save a snapshot.

Phases: lobby (no decision yet) → voting → locked (optional) → revealed → watching (the
story moves on to the next decision) → … → ended (the scenario's debrief).
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import asdict, dataclass, field

from .protocol import Invalid, new_code, new_key, new_token

MAX_STUDENTS = 400
PHASES = ("lobby", "watching", "voting", "locked", "revealed", "ended")


@dataclass
class Option:
    id: str
    letter: str
    text: dict  # lang -> text
    safety: str = "neutral"
    score: int = 0
    help: bool = False
    explanation: dict = field(default_factory=dict)
    flags: list = field(default_factory=list)  # [{"id", "name": {lang: …}, "explanation": {lang: …}}]


@dataclass
class Decision:
    run: str  # the class's (trainer's) session id for this scenario run
    scenario_id: str
    scenario_version: int
    title: dict
    step: str
    index: int  # decision number within the run (0-based), as in the results store
    discuss: dict
    options: list[Option]
    flags_shown: list = field(default_factory=list)
    genuine: bool = False
    best: int = 0
    opened_at: float = 0.0

    @property
    def uid(self) -> str:
        """This decision in this run: a replay of the scenario, or the same step met again,
        is another decision, so a phone never carries a vote over to it."""
        return f"{self.run[:12]}-{self.index}"


@dataclass
class Student:
    token: str
    nick: str
    joined_at: float
    sessions: dict = field(default_factory=dict)  # run id -> this student's session id in that run
    score: dict = field(default_factory=dict)  # run id -> [score, possible]


class LiveSession:
    def __init__(self, *, code: str | None = None, key: str | None = None, class_code: str = "",
                 clock=time.monotonic):
        self.code = code or new_code()
        self.key = key or new_key()
        self.class_code = class_code
        self.clock = clock
        self.lock = threading.RLock()
        self.students: dict[str, Student] = {}
        self.decision: Decision | None = None
        self.phase = "lobby"
        self.votes: dict[str, tuple[str, float]] = {}  # token -> (choice id, when)
        self.show_bars = True
        self.taken: str | None = None
        self.story: dict = {}  # what the projector needs to resume: scenario id, run id, choices so far
        self.version = 0
        self.phone_version = 0
        self.listeners: list = []  # callables(kind) — "phones" (phase/options changed) or "votes"
        self.commands: list = []  # story actions for the projector's thread, e.g. ("take", choice id)
        self.lab_sessions: dict[str, dict] = {}
        self.lab_decisions: dict[str, dict] = {}
        self.lab_machines: dict[str, float] = {}
        self.vote_log: list | None = None  # benchmarks: (token, step, choice, applied at)
        self.flag_names: dict = {}  # red flag id -> {lang: name}, for the dashboard
        self.labels: dict = {}  # scenario id -> titles, decision numbers, option texts (Together.labels)

    # -- changes -------------------------------------------------------------

    def _changed(self, kind: str) -> None:
        self.version += 1
        if kind == "phones":
            self.phone_version += 1  # what a phone shows changed (not just another vote)
        for fn in list(self.listeners):
            fn(kind)

    # -- students --------------------------------------------------------------

    def join(self, nick: str, token: str | None = None) -> Student:
        with self.lock:
            st = self.students.get(token) if token else None
            if st is not None:
                st.nick = nick
            else:
                if len(self.students) >= MAX_STUDENTS:
                    raise Invalid("full")
                st = Student(new_token(), nick, time.time())
                self.students[st.token] = st
            self._changed("join")
            return st

    def student(self, token: str) -> Student | None:
        with self.lock:
            return self.students.get(token)

    # -- the vote --------------------------------------------------------------

    def open_decision(self, d: Decision) -> None:
        with self.lock:
            if self.decision is not None and (self.decision.run, self.decision.index) == (d.run, d.index):
                return  # already open (the projector calls this every frame while deciding)
            d.opened_at = self.clock()
            self.decision, self.votes, self.taken, self.phase = d, {}, None, "voting"
            self._changed("phones")

    def vote(self, token: str, step: str, choice: str, decision: str | None = None) -> None:
        """`decision`: the `Decision.uid` the phone voted on (a phone page always sends it); a vote
        for an earlier decision, e.g. the same step in an earlier run, is refused as `stale`."""
        with self.lock:
            if token not in self.students:
                raise Invalid("bad_token")
            d = self.decision
            if d is None or self.phase not in ("voting", "locked", "revealed"):
                raise Invalid("no_vote")
            if step != d.step:
                raise Invalid("bad_step")
            if decision is not None and decision != d.uid:
                raise Invalid("stale")
            if choice not in {o.id for o in d.options}:
                raise Invalid("bad_choice")
            if self.phase != "voting":
                raise Invalid("locked")
            old = self.votes.get(token)
            if old is not None and old[0] == choice:
                return  # a repeat (a reconnect re-sends the vote): nothing changes
            self.votes[token] = (choice, self.clock())
            if self.vote_log is not None:
                self.vote_log.append((token, step, choice, self.clock()))
            self._changed("votes")

    def my_vote(self, token: str) -> str | None:
        with self.lock:
            v = self.votes.get(token)
            return v[0] if v else None

    def tallies(self) -> dict[str, int]:
        with self.lock:
            out = {o.id: 0 for o in self.decision.options} if self.decision else {}
            for cid, _ in self.votes.values():
                out[cid] = out.get(cid, 0) + 1
            return out

    def set_locked(self, on: bool) -> None:
        with self.lock:
            if self.phase in ("voting", "locked"):
                self.phase = "locked" if on else "voting"
                self._changed("phones")

    def set_bars(self, show: bool) -> None:
        with self.lock:
            self.show_bars = bool(show)
            self._changed("bars")

    def reveal(self) -> None:
        with self.lock:
            if self.phase in ("voting", "locked"):
                self.phase = "revealed"
                self._changed("phones")

    def most_voted(self) -> str | None:
        with self.lock:
            if self.decision is None:
                return None
            t = self.tallies()
            return max(self.decision.options, key=lambda o: t.get(o.id, 0)).id  # ties: the first listed

    def close(self, taken: str, *, machine: str, class_code: str | None = None) -> tuple[list, list]:
        """The class goes on with `taken`: returns the voters' (session rows, decision rows) to store.

        Each phone vote becomes a classroom vote for that voter's own pseudonymous session:
        a decision row with the voter's choice and `votes = {choice: 1}`. Ids are stable
        (session id kept per student and run, decision id `session:index`), so storing the
        same close twice, e.g. after a restart, never counts a vote twice.
        """
        with self.lock:
            d = self.decision
            if d is None:
                return [], []
            sessions, decisions = [], []
            by_id = {o.id: o for o in d.options}
            for tok, (cid, at) in sorted(self.votes.items()):
                st = self.students.get(tok)
                o = by_id.get(cid)
                if st is None or o is None:
                    continue
                sid = st.sessions.get(d.run)
                if sid is None:
                    sid = st.sessions[d.run] = uuid.uuid4().hex
                s = st.score.setdefault(d.run, [0, 0])
                s[0] += o.score if o.safety != "neutral" else 0
                s[1] += d.best if o.safety != "neutral" else 0
                sessions.append(self._voter_session(st, sid, d, machine, class_code))
                decisions.append({
                    "id": f"{sid}:{d.index}", "session_id": sid, "machine": machine, "nickname": st.nick,
                    "class_code": self.class_code if class_code is None else class_code,
                    "scenario_id": d.scenario_id, "scenario_version": d.scenario_version, "mode": "classroom",
                    "phase": "", "idx": d.index, "step": d.step, "choice": cid, "safety": o.safety,
                    "score": int(o.score), "best": int(d.best), "time_taken": round(max(0.0, at - d.opened_at), 3),
                    "timed_out": False, "help": bool(o.help), "flags": [f["id"] for f in o.flags],
                    "flags_shown": list(d.flags_shown), "votes": {cid: 1}, "genuine": bool(d.genuine)})
            self.taken = taken
            self.phase = "watching"
            self._changed("phones")
            return sessions, decisions

    def _voter_session(self, st: Student, sid: str, d: Decision, machine: str, class_code) -> dict:
        return {"id": sid, "machine": machine, "nickname": st.nick,
                "class_code": self.class_code if class_code is None else class_code,
                "scenario_id": d.scenario_id, "scenario_version": d.scenario_version, "mode": "classroom",
                "phase": ""}

    def end_run(self, run: str, *, ending_id: str, outcome: str) -> list[dict]:
        """The story ended: the voters' sessions of this run, marked finished with their own scores."""
        with self.lock:
            out = []
            for st in self.students.values():
                sid = st.sessions.get(run)
                if sid:
                    score, possible = st.score.get(run, [0, 0])
                    out.append({"id": sid, "nickname": st.nick, "class_code": self.class_code, "mode": "classroom",
                                "phase": "", "ending_id": ending_id, "outcome": outcome, "score": score,
                                "possible": possible})
            self.phase, self.decision, self.votes = "ended", None, {}
            self._changed("phones")
            return out

    def leave(self) -> None:
        """The trainer left the scenario (Esc to the list): no vote is open any more, the phones
        wait for the next scenario, and a restart does not resume the story that was left. The
        open decision was never taken, so its votes are dropped, as the story never went on with them."""
        with self.lock:
            self.phase, self.decision, self.votes, self.taken, self.story = "lobby", None, {}, None, {}
            self._changed("phones")

    def watching(self) -> None:
        with self.lock:
            if self.phase not in ("watching",):
                self.phase, self.decision, self.votes = "watching", None, {}
                self._changed("phones")

    # -- trainer commands (run on the projector's thread) ----------------------

    def command(self, action: str, arg=None) -> None:
        with self.lock:
            self.commands.append((action, arg))
            self._changed("command")

    def take_target(self, arg) -> str | None:
        """The option a ("take", (choice, n)) command means now; None when it is stale or unknown."""
        with self.lock:
            choice, n = arg if isinstance(arg, tuple) else (arg, None)
            d = self.decision
            if d is None or self.phase not in ("voting", "locked", "revealed"):
                return None
            if n is not None and n != d.index + 1:
                return None  # meant for a decision that is already over
            return choice or self.most_voted()

    def take_commands(self) -> list:
        with self.lock:
            out, self.commands = self.commands, []
            return out

    # -- what each screen sees -------------------------------------------------

    def phone_state(self, token: str | None) -> dict:
        with self.lock:
            d = self.decision
            out = {"t": "state", "phase": self.phase, "v": self.phone_version,
                   "joined": len(self.students)}
            if d is not None:
                out.update(step=d.step, d=d.uid, n=d.index + 1, title=d.title, discuss=d.discuss,
                           options=[{"id": o.id, "letter": o.letter, "text": o.text} for o in d.options],
                           mine=self.my_vote(token) if token else None)
                if self.phase == "revealed" or (self.phase == "watching" and self.taken):
                    out["reveal"] = [{"id": o.id, "safety": o.safety, "explanation": o.explanation,
                                      "flags": [{"name": f["name"], "explanation": f["explanation"]}
                                                for f in o.flags]} for o in d.options]
            if self.taken:
                out["taken"] = self.taken
            return out

    def projector(self) -> dict:
        with self.lock:
            return {"phase": self.phase, "joined": len(self.students), "voted": len(self.votes),
                    "tallies": self.tallies(), "show_bars": self.show_bars, "version": self.version,
                    "n": self.decision.index + 1 if self.decision else None}

    # -- lab PCs -----------------------------------------------------------------

    def lab_add(self, machine: str, sessions: list[dict], decisions: list[dict]) -> None:
        with self.lock:
            self.lab_machines[machine] = time.time()
            for s in sessions:
                old = self.lab_sessions.get(s["id"], {})
                self.lab_sessions[s["id"]] = {**old, **{k: v for k, v in s.items() if v is not None}}
            for d in decisions:
                self.lab_decisions.setdefault(d["id"], d)
            self._changed("lab")

    def dashboard(self, names: bool, lang: str = "vi") -> dict:
        """The trainer's dashboard: who is where, the class's choices per decision, most-missed flags."""
        with self.lock:
            nick_no: dict[str, int] = {}

            def who(nick: str) -> str:
                if names:
                    return nick
                n = nick_no.setdefault(nick.casefold(), len(nick_no) + 1)
                return f"#{n}"

            def title(scn_id) -> str:
                lab = self.labels.get(scn_id)
                return lab["title"].get(lang) or scn_id if lab else str(scn_id)

            def step_of(scn_id, step) -> dict:
                return (self.labels.get(scn_id) or {}).get("steps", {}).get(step) or {}

            per_session: dict[str, list] = {}
            for d in self.lab_decisions.values():
                per_session.setdefault(d["session_id"], []).append(d)
            students = []
            for sid, s in sorted(self.lab_sessions.items(), key=lambda kv: kv[1].get("started_at") or ""):
                ds = per_session.get(sid, [])
                students.append({"who": who(s.get("nickname") or "?"), "scenario": s.get("scenario_id"),
                                 "title": title(s.get("scenario_id")),
                                 "decisions": len(ds), "finished": bool(s.get("finished_at")),
                                 "score": s.get("score"), "possible": s.get("possible"),
                                 "machine": s.get("machine", "")[:6]})
            choices: dict[tuple, dict] = {}
            shown: dict[str, int] = {}
            spotted: dict[str, int] = {}
            for d in self.lab_decisions.values():
                c = choices.setdefault((d["scenario_id"], d["step"]), {})
                c[d["choice"]] = c.get(d["choice"], 0) + 1
                for f in d.get("flags_shown") or []:
                    shown[f] = shown.get(f, 0) + 1
                    if f in (d.get("flags") or []):
                        spotted[f] = spotted.get(f, 0) + 1
            missed = sorted(((f, n - spotted.get(f, 0), n) for f, n in shown.items()),
                            key=lambda x: (-x[1], x[0]))
            return {"code": self.code, "phase": self.phase, "phones": len(self.students),
                    "machines": len(self.lab_machines), "students": students,
                    "choices": [self._dash_choices(scn_id, step, counts, title(scn_id), step_of(scn_id, step), lang)
                                for (scn_id, step), counts in sorted(
                                    choices.items(), key=lambda kv: (title(kv[0][0]).casefold(), kv[0][0],
                                                                     step_of(*kv[0]).get("n", 999), kv[0][1]))],
                    "missed": [{"flag": f, "name": (self.flag_names.get(f) or {}).get(lang, f), "missed": m,
                                "shown": n} for f, m, n in missed if m > 0][:10],
                    "together": self.projector()}

    @staticmethod
    def _dash_choices(scn_id, step, counts, title, lab, lang) -> dict:
        """One decision on the dashboard: its scenario's title and number in story order, and the
        options by their text (in the story's order), each with how many chose it."""
        n = lab.get("n")
        word = ("quyết định {n}" if lang == "vi" else "decision {n}").format(n=n) if n else step
        texts = lab.get("choices") or {}
        order = list(texts) + sorted(set(counts) - set(texts))
        return {"decision": f"{title} · {word}", "scenario": scn_id, "step": step, "counts": counts,
                "options": [{"id": cid, "text": (texts.get(cid) or {}).get(lang) or cid, "n": counts[cid]}
                            for cid in order if cid in counts]}

    # -- saving and resuming -----------------------------------------------------

    def snapshot(self) -> dict:
        with self.lock:
            now = self.clock()
            d = None
            if self.decision is not None:
                d = asdict(self.decision)
                d["opened_ago"] = now - self.decision.opened_at
            return {"code": self.code, "key": self.key, "class_code": self.class_code, "phase": self.phase,
                    "show_bars": self.show_bars, "taken": self.taken, "story": self.story,
                    "students": [asdict(s) for s in self.students.values()], "decision": d,
                    "votes": {t: [c, now - at] for t, (c, at) in self.votes.items()}}

    @classmethod
    def restore(cls, snap: dict, clock=time.monotonic) -> LiveSession:
        s = cls(code=snap["code"], key=snap["key"], class_code=snap.get("class_code", ""), clock=clock)
        now = clock()
        for st in snap.get("students", []):
            s.students[st["token"]] = Student(**st)
        d = snap.get("decision")
        if d:
            ago = d.pop("opened_ago", 0.0)
            d["options"] = [Option(**o) for o in d["options"]]
            s.decision = Decision(**d)
            s.decision.opened_at = now - ago
        s.phase = snap.get("phase", "lobby") if snap.get("phase") in PHASES else "lobby"
        s.show_bars = bool(snap.get("show_bars", True))
        s.taken = snap.get("taken")
        s.story = snap.get("story") or {}
        s.votes = {t: (c, now - ago) for t, (c, ago) in (snap.get("votes") or {}).items() if t in s.students}
        return s
