"""A simulated class: students on separate machines playing real scenarios through the engine.

Used by the tests, the report benchmark and `results simulate` (so a trainer can try the
whole collect-and-report workflow before a real lesson). Each student gets their own
data folder and machine id and writes their own results file into `out_dir`, as 30 lab
machines writing to one USB stick or shared folder would.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from game.core.engine import Engine
from game.core.model import Scenario
from game.core.quiz import Quiz, item_scenario, to_question
from game.core.results import ResultsStore

FIRST_NAMES = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Khánh", "Lan",
               "Linh", "Long", "Mai", "Minh", "My", "Nam", "Ngọc", "Phúc", "Quân", "Quỳnh", "Sơn",
               "Tâm", "Thảo", "Thu", "Trang", "Trung", "Tú", "Vy", "Yến"]


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
    """Write one results file per simulated machine into out_dir; returns every run played."""
    rng = random.Random(seed)
    out_dir = Path(out_dir)
    data_root = Path(data_root) if data_root else out_dir.parent / f".{out_dir.name}-machines"
    runs: list[SimSession] = []
    for n in range(students):
        nickname = f"{FIRST_NAMES[n % len(FIRST_NAMES)]}{'' if n < len(FIRST_NAMES) else n // len(FIRST_NAMES) + 1}"
        machine = f"lab{n + 1:02d}"
        store = ResultsStore(out_dir, data_dir=data_root / machine, machine=machine)
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
        store = ResultsStore(out_dir, data_dir=data_root / "projector", machine="projector")
        try:
            runs += [classroom_votes(scn, rng, store, class_code=class_code, hands=students) for scn in scenarios]
        finally:
            store.close()
    return runs
