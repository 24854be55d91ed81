"""A simulated class: students on separate machines playing real scenarios through the engine.

Used by the tests, the report benchmark and `results simulate` (so a trainer can try the
whole collect-and-report workflow before a real lesson). Each student gets their own
machine id and writes their own results file into `out_dir`, as 30 lab machines writing
to one USB stick or shared folder would.

The files are written by `MachineFile`, which builds the same rows as the game's
`ResultsStore` but commits each machine's rows in one transaction when the machine is
done: the game commits (and fsyncs) every decision, which is right for a lab PC that may
be switched off, but made a simulated school of 1,000 students take minutes of disk waits.
A test checks that both write the same rows.
"""

from __future__ import annotations

import contextlib
import json
import random
import shutil
import sqlite3
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from game.core import results as R
from game.core.engine import Engine
from game.core.model import Scenario
from game.core.quiz import Quiz, item_scenario, to_question

FIRST_NAMES = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Khánh", "Lan",
               "Linh", "Long", "Mai", "Minh", "My", "Nam", "Ngọc", "Phúc", "Quân", "Quỳnh", "Sơn",
               "Tâm", "Thảo", "Thu", "Trang", "Trung", "Tú", "Vy", "Yến"]


class MachineFile:
    """A recorder for simulated machines: the store's rows, written in one transaction on close."""

    warning = None

    def __init__(self, out_dir: Path, machine: str, template: Path | None = None):
        self.machine = machine
        self.template = template
        self.path = Path(out_dir) / f"results-{machine}.db"
        self._sessions: dict[str, dict] = {}
        self._ops: list[tuple[str, tuple]] = []

    def start_session(self, *, nickname: str, class_code: str, scenario_id: str,
                      scenario_version: int, mode: str = "play", phase: str = "") -> str:
        sid = uuid.uuid4().hex
        s = {"id": sid, "machine": self.machine, "nickname": R.clean_nickname(nickname),
             "class_code": R.clean_nickname(class_code), "scenario_id": str(scenario_id),
             "scenario_version": int(scenario_version or 0),
             "mode": mode if mode in R.MODES else "play", "phase": phase or "",
             "started_at": R.now_iso()}
        self._sessions[sid] = s
        return sid

    def record_decision(self, session_id: str, decision, *, votes: dict | None = None) -> None:
        s = self._sessions[session_id]
        d = decision
        row = {"id": f"{session_id}:{d.index}", "session_id": session_id, "idx": d.index,
               **{k: s[k] for k in ("machine", "nickname", "class_code", "scenario_id",
                                    "scenario_version", "mode", "phase")},
               "step": d.step, "choice": d.choice, "safety": d.safety, "score": int(d.score),
               "best": int(d.best), "time_taken": float(d.time_taken),
               "timed_out": int(bool(d.timed_out)), "help": int(bool(d.help)),
               "flags": json.dumps(list(d.flags)), "flags_shown": json.dumps(list(d.flags_shown)),
               "votes": json.dumps({str(k): int(v) for k, v in votes.items()}) if votes else None,
               "recorded_at": R.now_iso(), "genuine": int(bool(getattr(d, "genuine", False)))}
        self._ops.append((R.INSERT_DECISION, tuple(row.get(c) for c in R.DECISION_COLS)))

    def finish_session(self, session_id: str, *, ending_id: str, outcome: str, score: int,
                       possible: int) -> None:
        self._sessions[session_id].update(finished_at=R.now_iso(), ending_id=ending_id, outcome=outcome,
                                          score=int(score), possible=int(possible))

    def flush(self, timeout: float | None = None) -> bool:
        return True

    def close(self) -> None:
        ops = [(R.UPSERT_SESSION, tuple(s.get(c) for c in R.SESSION_COLS)) for s in self._sessions.values()]
        if self.template is not None:  # a copy of an empty results file made by the store itself
            self.path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.template, self.path)
            conn = sqlite3.connect(str(self.path), isolation_level=None)
            conn.execute("PRAGMA synchronous=OFF")  # practice data: no fsync per machine
        else:
            conn = R.open_for_writing(self.path)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('created', ?)", (R.now_iso(),))
            for sql, params in ops + self._ops:
                conn.execute(sql, params)
            conn.execute("COMMIT")
            with contextlib.suppress(sqlite3.Error):
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        self._sessions.clear()
        self._ops.clear()


@dataclass
class SimSession:
    machine: str
    nickname: str
    class_code: str
    mode: str
    phase: str
    scenario_id: str
    engine: Engine
    session_id: str


def play_scenario(scn: Scenario, rng: random.Random, store, *, nickname: str, class_code: str,
                  mode: str = "play", phase: str = "", pick=None, max_decisions: int = 40):
    """Play one run; `pick(engine, offered)` chooses (default: at random). Returns (engine, session id)."""
    eng = Engine(scn, timers=False)
    sid = store.start_session(nickname=nickname, class_code=class_code, scenario_id=scn.id,
                              scenario_version=scn.version, mode=mode, phase=phase)
    for _ in range(max_decisions):
        eng.skip()
        if not eng.deciding:
            break
        eng.advance(round(rng.uniform(0.8, 15.0), 2))  # thinking time
        offered = eng.offered()
        choice = pick(eng, offered) if pick else rng.choice(offered)
        store.record_decision(sid, eng.choose(choice.id).decision)
    if eng.ending is not None:
        store.finish_session(sid, ending_id=eng.ending.id, outcome=eng.ending.outcome,
                             score=eng.score, possible=eng.possible)
    return eng, sid


def take_quiz(quiz: Quiz, rng: random.Random, store, *, nickname: str, class_code: str, phase: str,
              p_right: float, p_false_alarm: float | None = None) -> list[SimSession]:
    """Answer every item in one quiz session; each item is one decision of that session."""
    sid = store.start_session(nickname=nickname, class_code=class_code, scenario_id=quiz.id,
                              scenario_version=quiz.version, mode="quiz", phase=phase)
    engines = []
    for i, item in enumerate(quiz.items):
        eng = Engine(item_scenario(quiz, item), timers=False)
        to_question(eng, item)
        eng.advance(round(rng.uniform(1.5, 9.0), 2))
        if item.answer == "real" and p_false_alarm is not None:
            right = rng.random() >= p_false_alarm
        else:
            right = rng.random() < p_right
        answer = item.answer if right else ("real" if item.answer == "scam" else "scam")
        d = eng.choose(answer).decision
        d.index = i  # one quiz session, one decision per item
        store.record_decision(sid, d)
        eng.log[:] = [d]  # the answer only (not the neutral pre-roll of a call)
        engines.append(eng)
    store.finish_session(sid, ending_id="done", outcome="safe",
                         score=sum(e.score for e in engines), possible=len(engines))
    return [SimSession(store.machine, nickname, class_code, "quiz", phase, quiz.id, e, sid) for e in engines]


def classroom_votes(scn: Scenario, rng: random.Random, store, *, class_code: str, hands: int) -> SimSession:
    """The trainer's projector run: at each decision the class votes, the majority is followed."""
    eng = Engine(scn, timers=False)
    sid = store.start_session(nickname="classroom", class_code=class_code, scenario_id=scn.id,
                              scenario_version=scn.version, mode="classroom")
    for _ in range(40):
        eng.skip()
        if not eng.deciding:
            break
        offered = eng.offered()
        weights = [rng.random() for _ in offered]
        votes = {c.id: round(hands * w / sum(weights)) for c, w in zip(offered, weights, strict=True)}
        top = max(offered, key=lambda c: votes[c.id])
        store.record_decision(sid, eng.choose(top.id).decision, votes=votes)
    if eng.ending is not None:
        store.finish_session(sid, ending_id=eng.ending.id, outcome=eng.ending.outcome,
                             score=eng.score, possible=eng.possible)
    return SimSession(store.machine, "classroom", class_code, "classroom", "", scn.id, eng, sid)


def simulate_class(out_dir: Path, scenarios: list[Scenario], *, students: int = 30, seed: int = 1,
                   class_code: str = "9A", quiz: Quiz | None = None, data_root: Path | None = None,
                   per_student: int | None = None, classroom: bool = False) -> list[SimSession]:
    """Write one results file per simulated machine into out_dir; returns every run played.

    `data_root` is accepted for compatibility and unused: simulated machines need no user data folder.
    """
    rng = random.Random(seed)
    out_dir = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="la-chan-sim-") as tmp:
        template = Path(tmp) / "empty.db"
        R.open_for_writing(template).close()  # the store's own empty file, copied for every machine
        return _simulate(out_dir, scenarios, rng, students, class_code, quiz, per_student, classroom, template)


def _simulate(out_dir, scenarios, rng, students, class_code, quiz, per_student, classroom, template):
    runs: list[SimSession] = []
    for n in range(students):
        nickname = f"{FIRST_NAMES[n % len(FIRST_NAMES)]}{'' if n < len(FIRST_NAMES) else n // len(FIRST_NAMES) + 1}"
        machine = f"lab{n + 1:02d}"
        store = MachineFile(out_dir, machine, template)
        try:
            if quiz is not None:
                runs += take_quiz(quiz, rng, store, nickname=nickname, class_code=class_code, phase="pre",
                                  p_right=0.55)
            chosen = scenarios if per_student is None else rng.sample(scenarios, min(per_student, len(scenarios)))
            for scn in chosen:
                eng, sid = play_scenario(scn, rng, store, nickname=nickname, class_code=class_code)
                runs.append(SimSession(machine, nickname, class_code, "play", "", scn.id, eng, sid))
            if quiz is not None:
                runs += take_quiz(quiz, rng, store, nickname=nickname, class_code=class_code, phase="post",
                                  p_right=0.85, p_false_alarm=0.25)
        finally:
            store.close()
    if classroom:  # the projector machine: one run per scenario, with the class's hand counts
        store = MachineFile(out_dir, "projector", template)
        try:
            runs += [classroom_votes(scn, rng, store, class_code=class_code, hands=students) for scn in scenarios]
        finally:
            store.close()
    return runs
