import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from game.core import results as R
from game.core.engine import Decision

from .helpers import ROOT, good_scenarios, play


def decision(i, **kw):
    base = dict(index=i, step=f"s{i}", choice="c", safety="safe", score=5, flags=["urgency"],
                flags_shown=["urgency", "secrecy"], time_taken=2.5, timed_out=False, at=1.0,
                help=False, best=10)
    base.update(kw)
    return Decision(**base)


def test_rows_are_committed_when_made_and_read_back(tmp_path):
    store = R.ResultsStore(tmp_path / "res", data_dir=tmp_path / "local", machine="m1")
    sid = store.start_session(nickname="  Lan\x00 A ", class_code="9A", scenario_id="demo",
                              scenario_version=2, mode="classroom")
    t = time.thread_time()
    store.record_decision(sid, decision(0), votes={"a": 3, "b": 12})
    assert time.thread_time() - t < 0.05  # the frame's own thread only queues the row (CPU: steady under load)
    assert store.flush(5)
    # Visible to another connection before the session ends: committed, not held back.
    other = sqlite3.connect(tmp_path / "res" / "results-m1.db")
    row = other.execute("SELECT nickname, class_code, step, votes, mode FROM decisions").fetchone()
    other.close()
    assert row == ("Lan A", "9A", "s0", json.dumps({"a": 3, "b": 12}), "classroom")
    store.finish_session(sid, ending_id="safe_end", outcome="safe", score=5, possible=10)
    store.close()
    data = R.read_results(tmp_path / "res" / "results-m1.db")
    assert [s["outcome"] for s in data.sessions] == ["safe"]
    d = data.decisions[0]
    assert d["flags"] == ["urgency"] and d["flags_shown"] == ["urgency", "secrecy"]
    assert d["votes"] == {"a": 3, "b": 12} and d["id"] == f"{sid}:0"
    assert store.warning is None


def test_file_is_marked_as_ours_with_a_version(tmp_path):
    store = R.ResultsStore(tmp_path, data_dir=tmp_path, machine="m2")
    store.close()
    conn = sqlite3.connect(tmp_path / "results-m2.db")
    assert conn.execute("PRAGMA application_id").fetchone()[0] == R.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == R.SCHEMA_VERSION
    # A rollback journal: a committed row is in the .db file itself, and nothing sits beside it.
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("results-")) == ["results-m2.db"]


LEGACY_WAL_WRITER = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("PRAGMA wal_autocheckpoint=0")
conn.execute("INSERT INTO sessions (id, scenario_id) VALUES ('old', 'demo')")
os._exit(0)
"""


def test_a_file_from_an_older_version_in_wal_mode_is_folded_into_the_db(tmp_path):
    path = tmp_path / "results-old.db"
    R.open_for_writing(path).close()
    # An older game wrote in WAL mode and was killed: its last rows are still in the -wal.
    subprocess.run([sys.executable, "-c", LEGACY_WAL_WRITER, str(path)], check=True)
    assert path.with_name(path.name + "-wal").stat().st_size > 0
    store = R.ResultsStore(tmp_path, data_dir=tmp_path, machine="old")
    sid = store.start_session(nickname="A", class_code="", scenario_id="demo", scenario_version=1)
    store.record_decision(sid, decision(0))
    assert store.flush(5)
    alone = tmp_path / "copy" / "results-old.db"
    alone.parent.mkdir()
    shutil.copyfile(path, alone)
    assert {s["id"] for s in R.read_results(alone).sessions} == {"old", sid}
    store.close()


def test_machine_id_is_stable_and_random(tmp_path, monkeypatch):
    a = R.machine_id(tmp_path)
    assert a == R.machine_id(tmp_path)
    assert a != R.machine_id(tmp_path / "other")
    # One data folder shared by many lab machines (roaming profile): one id per machine.
    monkeypatch.setattr(R.identity, "_host_key", lambda: "another-computer")
    b = R.machine_id(tmp_path)
    assert b != a and b == R.machine_id(tmp_path)
    monkeypatch.undo()
    assert R.machine_id(tmp_path) == a


def test_unwritable_folder_falls_back_locally_and_catches_up(tmp_path):
    # A folder path that cannot be created (a plain file sits where the folder should be),
    # which behaves the same for root and non-root users.
    blocker = tmp_path / "usb"
    blocker.write_text("not a folder")
    usb = blocker / "results"
    clock = [0.0]
    store = R.ResultsStore(usb, data_dir=tmp_path / "local", machine="m3", clock=lambda: clock[0])
    assert store.warning == R.WARN_FALLBACK
    sid = store.start_session(nickname="Minh", class_code="9A", scenario_id="demo", scenario_version=1)
    store.record_decision(sid, decision(0))
    assert store.flush(5)
    assert (tmp_path / "local" / "results" / "pending-m3.db").exists()
    blocker.unlink()
    clock[0] += R.RETRY_SECONDS + 1
    store.record_decision(sid, decision(1))
    store.finish_session(sid, ending_id="e", outcome="safe", score=10, possible=20)
    assert store.flush(5)
    assert store.warning is None
    store.close()
    data = R.read_results(usb / "results-m3.db")
    assert [d["idx"] for d in data.decisions] == [0, 1]
    assert data.sessions[0]["nickname"] == "Minh" and data.sessions[0]["outcome"] == "safe"
    assert R.read_results(tmp_path / "local" / "results" / "pending-m3.db").decisions == []


def test_folder_that_disappears_mid_session_keeps_results(tmp_path):
    usb = tmp_path / "usb"
    clock = [0.0]
    store = R.ResultsStore(usb, data_dir=tmp_path / "local", machine="m4", clock=lambda: clock[0])
    sid = store.start_session(nickname="Hoa", class_code="", scenario_id="demo", scenario_version=1)
    store.record_decision(sid, decision(0))
    store._queue.put(("call", lambda st: st._conn.close()))  # the stick is pulled: writes now fail
    store.record_decision(sid, decision(1))
    assert store.flush(5)
    assert store.warning == R.WARN_FALLBACK
    clock[0] += R.RETRY_SECONDS + 1
    store.record_decision(sid, decision(2))
    store.close()
    assert [d["idx"] for d in R.read_results(usb / "results-m4.db").decisions] == [0, 1, 2]


def test_real_play_is_recorded_decision_by_decision(tmp_path):
    store = R.ResultsStore(tmp_path, data_dir=tmp_path, machine="m5")
    scn = good_scenarios()[0]
    eng, sid = play(scn, random.Random(3), store, nickname="An", class_code="8B")
    store.close()
    data = R.read_results(tmp_path / "results-m5.db")
    assert [(d["step"], d["choice"], d["score"], d["best"]) for d in data.decisions] == [
        (d.step, d.choice, d.score, d.best) for d in eng.log]
    assert data.sessions[0]["score"] == eng.score and data.sessions[0]["possible"] == eng.possible


CHILD = r"""
import sys
from game.core import results as R
from game.core.engine import Decision
store = R.ResultsStore(sys.argv[1], data_dir=sys.argv[1], machine="kill")
sid = store.start_session(nickname="K", class_code="", scenario_id="demo", scenario_version=1)
i = 0
while True:
    store.record_decision(sid, Decision(i, "s", "c", "safe", 1, [], [], 0.1, False, 0.0, False, 1))
    if sys.argv[2] == "ack":
        store.flush()  # acknowledge only what the writer has committed
    print(i, flush=True)
    i += 1
"""


@pytest.mark.parametrize("mode", ["ack", "burst"])
def test_killing_the_process_mid_write_loses_nothing_committed(tmp_path, mode):
    """ack: each row acknowledged once on disk, killed while writing the next ones.
    burst: rows queued as fast as possible, killed in the middle of the writer's commits."""
    for attempt in range(3):
        folder = tmp_path / f"k{attempt}"
        proc = subprocess.Popen([sys.executable, "-c", CHILD, str(folder), mode], cwd=ROOT,
                                stdout=subprocess.PIPE, text=True)
        acknowledged = -1
        deadline = time.monotonic() + 20
        target = 50 + 37 * attempt
        while acknowledged < target and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            acknowledged = int(line)
        os.kill(proc.pid, signal.SIGKILL)  # while it is busy writing the next rows
        proc.wait()
        assert acknowledged >= target
        path = folder / "results-kill.db"
        # The trainer copies only the .db onto a USB stick (no -wal, -shm or -journal).
        alone = tmp_path / f"usb{attempt}" / "results-kill.db"
        alone.parent.mkdir()
        shutil.copyfile(path, alone)
        idx_alone = [d["idx"] for d in R.read_results(alone).decisions]
        assert idx_alone == list(range(len(idx_alone)))
        if mode == "ack":
            assert len(idx_alone) >= acknowledged + 1
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        idx = [d["idx"] for d in R.read_results(path).decisions]
        assert idx == list(range(len(idx)))  # no gaps: earlier rows all there
        if mode == "ack":
            assert len(idx) >= acknowledged + 1


def test_folder_whose_shared_locks_fail_is_written_with_an_exclusive_lock(tmp_path, monkeypatch):
    real = R.open_for_writing
    tried = []

    def no_shm(path, *, exclusive=False):  # a network folder whose byte-range locks do not work
        tried.append(exclusive)
        if not exclusive and path.name.startswith("results-"):
            raise R.sqlite3.OperationalError("disk I/O error (locking)")
        return real(path, exclusive=exclusive)

    monkeypatch.setattr(R.dbfile, "open_for_writing", no_shm)
    store = R.ResultsStore(tmp_path / "share", data_dir=tmp_path / "local", machine="nas")
    sid = store.start_session(nickname="Vy", class_code="", scenario_id="demo", scenario_version=1)
    store.record_decision(sid, decision(0))
    assert store.flush(5) and store.warning is None
    store.close()
    assert tried[:2] == [False, True]
    assert [d["idx"] for d in R.read_results(tmp_path / "share" / "results-nas.db").decisions] == [0]


def test_resuming_continues_the_session_and_fills_in_the_decision_lost_in_flight(tmp_path, monkeypatch):
    clock = iter(f"2026-01-01T08:{m:02d}:00Z" for m in range(60))
    monkeypatch.setattr(R.store, "now_iso", lambda: next(clock))
    store = R.ResultsStore(tmp_path, data_dir=tmp_path, machine="rs")
    sid = store.start_session(nickname="An", class_code="9A", scenario_id="demo", scenario_version=1)
    store.record_decision(sid, decision(0))
    store.record_decision(sid, decision(1, choice="first"))
    store.close()  # killed; decision 2 was in the saved run but never reached the file
    store = R.ResultsStore(tmp_path, data_dir=tmp_path, machine="rs")
    replayed = [decision(0), decision(1, choice="first"), decision(2)]
    assert store.resume_session(sid, nickname="An", class_code="9A", scenario_id="demo", scenario_version=1,
                                decisions=replayed) == sid
    store.record_decision(sid, decision(3))
    store.finish_session(sid, ending_id="e", outcome="safe", score=20, possible=40)
    store.close()
    data = R.read_results(tmp_path / "results-rs.db")
    assert len(data.sessions) == 1
    s = data.sessions[0]
    assert (s["id"], s["started_at"], s["score"], s["outcome"]) == (sid, "2026-01-01T08:00:00Z", 20, "safe")
    assert [(d["idx"], d["choice"]) for d in data.decisions] == [(0, "c"), (1, "first"), (2, "c"), (3, "c")]


def test_a_decision_made_again_after_a_resume_replaces_the_one_before(tmp_path, monkeypatch):
    """Killed after the file got decision 1 but before the saved run did: on resume the student
    decides step 1 again, and the session keeps the choice its score is made of."""
    clock = iter(f"2026-01-01T09:{m:02d}:00Z" for m in range(60))
    monkeypatch.setattr(R.store, "now_iso", lambda: next(clock))
    store = R.ResultsStore(tmp_path, data_dir=tmp_path, machine="rd")
    sid = store.start_session(nickname="An", class_code="", scenario_id="demo", scenario_version=1)
    store.record_decision(sid, decision(0))
    store.record_decision(sid, decision(1, choice="before"))
    store.close()
    old = R.read_results(tmp_path / "results-rd.db")
    store = R.ResultsStore(tmp_path, data_dir=tmp_path, machine="rd")
    store.resume_session(sid, nickname="An", class_code="", scenario_id="demo", scenario_version=1,
                         decisions=[decision(0)])
    store.record_decision(sid, decision(1, choice="again"))
    store.close()
    new = R.read_results(tmp_path / "results-rd.db")
    assert [d["choice"] for d in new.decisions] == ["c", "again"]
    # Merging or combining the old copy with the new one keeps the later choice, in either order.
    assert [d["choice"] for d in R.combine([new, old]).decisions] == ["c", "again"]
    assert [d["choice"] for d in R.combine([old, new]).decisions] == ["c", "again"]
    merged = tmp_path / "class.db"
    R.merge_into(merged, [new])
    assert R.merge_into(merged, [old]) == (0, 0)
    assert [d["choice"] for d in R.read_results(merged).decisions] == ["c", "again"]
