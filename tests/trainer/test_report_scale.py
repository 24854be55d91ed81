"""The report's cost grows linearly with the school, and simulated classes are written fast but faithfully.

Performance itself is measured by `python main.py bench report`; here the work is counted
(function calls), which is deterministic: a figure that rescans every session per student
makes the count grow with the square of the class.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from game.core import results as R
from game.report.figures import compute
from game.report.simulate import MachineFile, play_scenario
from tests.trainer.helpers import good_scenarios

SCENARIOS = [f"scn{i}" for i in range(6)]
STEPS = ("s1", "s2", "s3")


def school(students: int, seed: int = 1) -> R.ResultsData:
    """Result rows as the store reads them: every student plays every scenario and both quizzes."""
    rng = random.Random(seed)
    data = R.ResultsData(Path("synthetic"))
    for n in range(students):
        who = {"nickname": f"Student {n}", "class_code": f"{6 + n % 4}A", "machine": f"m{n}"}
        for sid, mode, phase in [(s, "play", "") for s in SCENARIOS] + [("quiz", "quiz", "pre"), ("quiz", "quiz", "post")]:
            sess = f"{n}-{sid}-{phase}"
            data.sessions.append({**who, "id": sess, "scenario_id": sid, "scenario_version": 1, "mode": mode,
                                  "phase": phase, "started_at": f"2026-03-0{1 + n % 5}T08:00:00Z",
                                  "finished_at": "x", "ending_id": "e", "outcome": rng.choice(["safe", "harmed"]),
                                  "score": 0, "possible": 0})
            for i, st in enumerate(STEPS):
                if mode == "quiz":
                    choice = rng.choice(["scam", "real"])
                    safety, score, best = "safe", int(rng.random() < 0.6), 1
                else:
                    choice, safety = rng.choice([("a", "safe"), ("b", "risky"), ("c", "unsafe")])
                    score, best = {"safe": 10, "risky": 3, "unsafe": -5}[safety], 10
                data.decisions.append({**who, "id": f"{sess}:{i}", "session_id": sess, "scenario_id": sid,
                                       "scenario_version": 1, "mode": mode, "phase": phase, "idx": i,
                                       "step": st, "choice": choice, "safety": safety, "score": score,
                                       "best": best, "time_taken": rng.uniform(1, 9), "timed_out": False,
                                       "help": False, "flags": ["urgency"] if safety == "safe" else [],
                                       "flags_shown": ["urgency", "secrecy"], "votes": None,
                                       "recorded_at": "x", "genuine": i == 2})
    return data


def calls_to_compute(data) -> int:
    count = 0

    def prof(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(prof)
    try:
        compute(data)
    finally:
        sys.setprofile(None)
    return count


def test_every_figure_grows_linearly_with_the_school():
    small, big = calls_to_compute(school(30)), calls_to_compute(school(240))
    # 8x the students: a linear report does about 8x the work; a quadratic one 64x.
    assert big / small < 9.5, (small, big)


def test_simulated_machines_write_the_same_rows_as_the_game(tmp_path):
    """`MachineFile` (simulate) and `ResultsStore` (the game) store the same rows for the same play."""
    scn = good_scenarios()[0]
    store = R.ResultsStore(tmp_path / "game", data_dir=tmp_path / "data", machine="lab01")
    play_scenario(scn, random.Random(5), store, nickname=" Ân  ", class_code="9a")
    store.close()
    template = tmp_path / "empty.db"
    R.open_for_writing(template).close()
    sim = MachineFile(tmp_path / "sim", "lab01", template)
    play_scenario(scn, random.Random(5), sim, nickname=" Ân  ", class_code="9a")
    sim.close()
    a = R.read_results(tmp_path / "game" / "results-lab01.db")
    b = R.read_results(tmp_path / "sim" / "results-lab01.db")

    def strip(rows, drop):
        return [{k: v for k, v in r.items() if k not in drop} for r in rows]

    volatile = {"id", "session_id", "started_at", "finished_at", "recorded_at"}
    assert strip(a.sessions, volatile) == strip(b.sessions, volatile)
    assert strip(a.decisions, volatile) == strip(b.decisions, volatile)
    assert len(a.decisions) == len(b.decisions) > 0


def test_the_fast_reader_gives_the_careful_readers_rows(tmp_path):
    from game.report import reader
    from game.report.simulate import simulate_class

    simulate_class(tmp_path / "usb", good_scenarios()[:4], students=3, seed=2, classroom=True)
    files = sorted((tmp_path / "usb").glob("*.db"))
    assert len(files) == 4
    for f in files:
        fast = reader._fast(f)
        assert fast is not None, f
        careful = R.read_results(f)
        assert fast.sessions == careful.sessions and fast.decisions == careful.decisions
    # a file with a -wal beside it (a game still running) is left to the careful reader
    wal = files[0].with_name(files[0].name + "-wal")
    wal.write_bytes(b"")
    assert reader._fast(files[0]) is None
    assert reader.read(files[0]).decisions == R.read_results(files[0]).decisions


def test_the_fast_reader_leaves_a_file_being_written_to_the_careful_reader(tmp_path, monkeypatch):
    """A -journal beside the file (a write in progress, or a kill's), or a commit while the
    file was read (the header's change counter moved): the fast path is not sure."""
    import sqlite3

    from game.report import reader
    from game.report.simulate import simulate_class

    simulate_class(tmp_path / "usb", good_scenarios()[:1], students=1, seed=2)
    f = next((tmp_path / "usb").glob("results-lab*.db"))
    assert reader._fast(f) is not None
    journal = f.with_name(f.name + "-journal")
    journal.write_bytes(b"")
    assert reader._fast(f) is None
    journal.unlink()
    fetch_all = sqlite3.Cursor.fetchall

    def a_game_commits_meanwhile(cur):
        rows = fetch_all(cur)
        conn = sqlite3.connect(f, isolation_level=None)
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('x', 'y')")
        conn.close()
        return rows

    class Cursor(sqlite3.Cursor):
        fetchall = a_game_commits_meanwhile

    class Conn(sqlite3.Connection):
        def execute(self, sql, *args):
            return self.cursor(Cursor).execute(sql, *args)

    real_connect = sqlite3.connect
    monkeypatch.setattr(reader.sqlite3, "connect", lambda *a, **k: real_connect(*a, **k, factory=Conn))
    assert reader._fast(f) is None


def test_the_fast_reader_cleans_names_as_the_careful_reader_does(tmp_path):
    """Nicknames and class codes written by another tool (spaces, lower case, too long)."""
    import sqlite3

    from game.report import reader
    from game.report.simulate import simulate_class

    simulate_class(tmp_path / "usb", good_scenarios()[:1], students=2, seed=2)
    f = next((tmp_path / "usb").glob("results-lab*.db"))
    conn = sqlite3.connect(f, isolation_level=None)
    for table in ("sessions", "decisions"):
        conn.execute(f"UPDATE {table} SET nickname = '  Lan   ' || nickname || '{'x' * 80}', class_code = ' 9a '")
    conn.close()
    fast, careful = reader._fast(f), R.read_results(f)
    assert fast is not None and careful.decisions and careful.decisions[0]["class_code"] == "9A"
    assert fast.sessions == careful.sessions and fast.decisions == careful.decisions
