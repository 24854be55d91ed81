"""Damaged, foreign and newer files are named, and the report is built from the rest."""

import os
import random
import shutil
import sqlite3
import subprocess
import sys

import pytest

from game.cli import main
from game.core import results as R
from game.core.engine import Decision
from game.report.build import build_report
from game.report.simulate import play_scenario

from .helpers import ROOT, good_scenarios


@pytest.fixture()
def folder(tmp_path):
    usb = tmp_path / "usb"
    scns = good_scenarios()
    rng = random.Random(5)
    for m in range(4):
        store = R.ResultsStore(usb, data_dir=tmp_path / f"m{m}", machine=f"good{m}")
        for scn in scns[:2]:
            play_scenario(scn, rng, store, nickname=f"Hs{m}", class_code="8C")
        store.close()
    good = sorted(usb.glob("*.db"))
    # good3 becomes the truncated copy; the other three stay good.
    data = good[3].read_bytes()
    good[3].write_bytes(data[: len(data) // 2 + 100])
    (usb / "random.db").write_bytes(random.Random(1).randbytes(9000))
    (usb / "empty.db").write_bytes(b"")
    conn = sqlite3.connect(usb / "foreign.db")
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    shutil.copy(good[0], usb / "newer.db")
    conn = sqlite3.connect(usb / "newer.db")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    garbled = bytearray(good[1].read_bytes())  # a valid header, damaged pages
    for i in range(4096, len(garbled), 7):
        garbled[i] = (garbled[i] * 31 + 7) % 256
    (usb / "damaged.db").write_bytes(bytes(garbled))
    return usb, good[:3]


EXPECTED = {
    "results-good3.db": "truncated",
    "random.db": "not_sqlite",
    "empty.db": "empty",
    "foreign.db": "foreign",
    "newer.db": "newer",
    "damaged.db": "corrupt",
}


def test_each_bad_file_gets_a_named_reason(folder):
    usb, _good = folder
    for name, code in EXPECTED.items():
        with pytest.raises(R.ResultsFileError) as err:
            R.read_results(usb / name)
        assert err.value.code == code, name
        assert name in err.value.message("vi")


def test_report_names_bad_files_and_uses_the_rest(folder, tmp_path, capsys):
    usb, good = folder
    out = tmp_path / "report.html"
    assert main(["report", str(usb), "-o", str(out), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    html = out.read_text(encoding="utf-8")
    for name in EXPECTED:
        assert name in err and name in html
    only_good = build_report(good, lang="en").figures
    assert build_report([usb], lang="en").figures == only_good
    assert only_good.summary.students == 3
    assert f'id="n-sessions">{only_good.summary.sessions}<' in html


def test_export_and_merge_skip_bad_files(folder, tmp_path, capsys):
    usb, good = folder
    assert main(["results", "merge", str(usb), "-o", str(tmp_path / "class.db")]) == 1
    merged = R.read_results(tmp_path / "class.db")
    assert {s["machine"] for s in merged.sessions} == {"good0", "good1", "good2"}
    assert main(["results", "export", str(usb), "--format", "json", "-o", str(tmp_path / "x.json")]) == 1
    assert "foreign.db" in capsys.readouterr().err


def test_a_merge_that_reads_nothing_leaves_no_class_file(tmp_path, capsys):
    # a verifying try-out: every input damaged, exit 1, and an empty 32 KB class.db left behind that
    # a trainer could take for the class's results
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "results-a.db").write_bytes(b"not a database at all" * 100)
    out = tmp_path / "class.db"
    assert main(["results", "merge", str(usb), "-o", str(out)]) == 1
    assert not out.exists()
    assert "results-a.db" in capsys.readouterr().err


def test_results_file_is_never_modified_by_reading(folder):
    usb, good = folder
    before = {p: (p.stat().st_size, p.read_bytes()) for p in good}
    build_report([usb], lang="vi")
    assert {p: (p.stat().st_size, p.read_bytes()) for p in good} == before
    assert not any(name.endswith(("-wal", "-shm")) for name in os.listdir(usb))


# -- files as they really arrive: side files, live files, kills, full disks ---------------

def _store_file(folder, machine, n=3):
    store = R.ResultsStore(folder, data_dir=folder / f"local-{machine}", machine=machine)
    sid = store.start_session(nickname="Lan", class_code="9A", scenario_id="demo", scenario_version=1)
    for i in range(n):
        store.record_decision(sid, Decision(i, f"s{i}", "c", "safe", 1, [], [], 1.0, False, 0.0, False, 1))
    store.finish_session(sid, ending_id="e", outcome="safe", score=n, possible=n)
    store.close()
    return folder / f"results-{machine}.db", sid


def test_a_file_sqlite_reads_fine_after_a_full_disk_is_read(tmp_path):
    """The disk filled up while the file grew: part of a page at the end. SQLite reads it."""
    path, _sid = _store_file(tmp_path / "usb", "full")
    want = R.read_results(path).decisions
    with path.open("ab") as fh:
        fh.write(b"\0" * 1000)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    conn.close()
    assert R.read_results(path).decisions == want


FULL_DISK_WAL_WRITER = """
import os, resource, signal, sqlite3, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
from game.core import results as R
path = sys.argv[1]
R.open_for_writing(path).close()
conn = sqlite3.connect(path, isolation_level=None)


def add(first, n):
    conn.execute("BEGIN")
    for i in range(first, first + n):
        conn.execute("INSERT INTO decisions (id, session_id, scenario_id, idx, step) VALUES (?, 's', 'demo', ?, ?)",
                     (f"s:{i}", i, "x" * 400))
    conn.execute("COMMIT")


conn.execute("INSERT INTO sessions (id, scenario_id) VALUES ('s', 'demo')")
add(0, 100)
conn.execute("PRAGMA journal_mode=WAL")   # as an older game wrote: WAL, checkpoints now and then
conn.execute("PRAGMA wal_autocheckpoint=0")
add(100, 40)
# The disk fills up while the checkpoint grows the .db: the file ends part-way into a page.
limit = os.path.getsize(path) + int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
except sqlite3.Error:
    pass
os._exit(0)
"""


@pytest.mark.parametrize("room", [1000, 6000, 10000])
def test_after_a_real_full_disk_what_sqlite_reads_is_read(tmp_path, room):
    path = tmp_path / "results-full.db"
    subprocess.run([sys.executable, "-c", FULL_DISK_WAL_WRITER, str(path), str(room)], cwd=ROOT, check=True)
    probe = tmp_path / "probe"
    probe.mkdir()
    for p in tmp_path.glob("results-full.db*"):
        shutil.copyfile(p, probe / p.name)
    conn = sqlite3.connect(probe / "results-full.db")
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    sqlite_sees = conn.execute("SELECT count(*) FROM decisions").fetchone()[0]
    conn.close()
    assert sqlite_sees == 140
    assert len(R.read_results(path).decisions) == sqlite_sees


def test_side_files_without_their_database_are_named(tmp_path):
    usb = tmp_path / "usb"
    good, _sid = _store_file(usb, "ok")
    for name in ("results-a.db-wal", "results-b.db-shm", "results-c.db-journal"):
        (usb / name).write_bytes(b"\0" * 64)
    (usb / "results-ok.db-journal").write_bytes(b"")  # beside its database: no problem of its own
    datas, bad = R.load_many([usb])
    assert [d.path for d in datas] == [good]
    assert sorted((e.path.name, e.code) for e in bad) == [
        ("results-a.db-wal", "orphan"), ("results-b.db-shm", "orphan"), ("results-c.db-journal", "orphan")]
    assert "results-a.db" in bad[0].message("vi")


HOLD_OPEN = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=5)
if sys.argv[2] == "wal":
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("INSERT INTO decisions (id, session_id, scenario_id, idx) VALUES ('w:0', 'w', 'demo', 0)")
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO decisions (id, session_id, scenario_id, idx) VALUES ('u:0', 'u', 'demo', 0)")
print("ready", flush=True)
sys.stdin.read()  # hold the connection and the uncommitted row until the test is done
"""


@pytest.mark.parametrize("mode", ["delete", "wal"])
def test_a_file_a_running_game_holds_open_is_read_as_committed(tmp_path, mode):
    path, sid = _store_file(tmp_path / "lab", "live")
    proc = subprocess.Popen([sys.executable, "-c", HOLD_OPEN, str(path), mode], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        ids = {d["id"] for d in R.read_results(path).decisions}
        committed = {f"{sid}:{i}" for i in range(3)} | ({"w:0"} if mode == "wal" else set())
        assert ids == committed  # the uncommitted row is not there, the committed ones are
        merged = tmp_path / "class.db"
        first = R.merge_into(merged, [R.read_results(path)])
        assert R.merge_into(merged, [R.read_results(path)]) == (0, 0) and first[1] == len(committed)
    finally:
        proc.stdin.close()
        proc.wait(10)


KILLED_MID_COMMIT = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size=1")  # pages spill into the file before the commit
conn.execute("BEGIN IMMEDIATE")
for i in range(300):
    conn.execute("INSERT INTO decisions (id, session_id, scenario_id, idx, step) VALUES (?, 'k', 'demo', ?, ?)",
                 (f"k:{i}", i, "x" * 400))
os._exit(0)  # killed with the transaction half-written into the .db: a hot -journal stays
"""


def test_a_file_killed_mid_commit_is_read_with_its_journal_and_left_alone(tmp_path):
    path, sid = _store_file(tmp_path / "lab", "kill", n=5)
    subprocess.run([sys.executable, "-c", KILLED_MID_COMMIT, str(path)], check=True)
    journal = path.with_name(path.name + "-journal")
    assert journal.stat().st_size > 0
    before = (path.read_bytes(), journal.read_bytes())
    data = R.read_results(path)
    assert [d["id"] for d in data.decisions] == [f"{sid}:{i}" for i in range(5)]
    assert (path.read_bytes(), journal.read_bytes()) == before  # the collected files are not touched


def test_merging_a_folder_of_such_files_twice_counts_nothing_twice(tmp_path):
    usb = tmp_path / "usb"
    a, _ = _store_file(usb, "a")
    b, _ = _store_file(usb, "b", n=4)
    shutil.copyfile(a, usb / "results-a (copy).db")  # the same file copied twice
    (usb / "sub").mkdir()
    shutil.copyfile(b, usb / "sub" / "results-b.db")
    (usb / "results-x.db-wal").write_bytes(b"\0" * 64)
    half = b.read_bytes()
    (usb / "results-half.db").write_bytes(half[: len(half) // 2 + 100])
    merged = tmp_path / "class.db"
    datas, _bad = R.load_many([usb])
    assert R.merge_into(merged, datas) == (2, 7)
    datas, _bad = R.load_many([usb, merged])
    assert R.merge_into(merged, datas) == (0, 0)
    assert len(R.combine(datas).decisions) == 7


OLD_VERSION_KILLED = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL")  # as the game wrote before: the file's content in the -wal
conn.execute("PRAGMA wal_autocheckpoint=0")
conn.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY)")
conn.execute("PRAGMA application_id=%d")
os._exit(0)
"""


def test_a_db_from_an_older_version_copied_without_its_wal_says_so(tmp_path):
    """Not "not Lá Chắn results": the reason and what to do (copy the -wal, or open the game once)."""
    lab = tmp_path / "lab"
    lab.mkdir()
    subprocess.run([sys.executable, "-c", OLD_VERSION_KILLED % R.APPLICATION_ID, str(lab / "results-old.db")],
                   check=True)
    usb = tmp_path / "usb"
    usb.mkdir()
    shutil.copyfile(lab / "results-old.db", usb / "results-old.db")
    with pytest.raises(R.ResultsFileError) as err:
        R.read_results(usb / "results-old.db")
    assert err.value.code == "wal_missing"
    assert "results-old.db-wal" in err.value.message("en")


OLD_VERSION_FIRST_SESSION = """
import os, sqlite3, sys
from game.core.results.dbfile import APPLICATION_ID, SCHEMA
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL")  # as the game wrote before; killed before any checkpoint
conn.execute("PRAGMA wal_autocheckpoint=0")
for stmt in SCHEMA.split(";"):
    conn.execute(stmt)
conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
conn.execute("PRAGMA user_version=1")
conn.execute("INSERT INTO sessions (id, nickname, scenario_id) VALUES ('s1', 'Vy', 'demo')")
for i in range(int(sys.argv[2])):
    conn.execute("INSERT INTO decisions (id, session_id, nickname, scenario_id, idx, step) "
                 "VALUES (?, 's1', 'Vy', 'demo', ?, ?)", (f"s1:{i}", i, "x" * 200))
if sys.argv[3] == "checkpoint":
    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    conn.execute("INSERT INTO decisions (id, session_id, scenario_id, idx) VALUES ('s1:late', 's1', 'demo', 99)")
os._exit(0)
"""


def test_a_wal_file_alone_is_read_when_it_holds_the_whole_database(tmp_path):
    lab, usb = tmp_path / "lab", tmp_path / "usb"
    lab.mkdir()
    usb.mkdir()
    subprocess.run([sys.executable, "-c", OLD_VERSION_FIRST_SESSION, str(lab / "results-a.db"), "60", "-"],
                   cwd=ROOT, check=True)
    subprocess.run([sys.executable, "-c", OLD_VERSION_FIRST_SESSION, str(lab / "results-b.db"), "60", "checkpoint"],
                   cwd=ROOT, check=True)
    for name in ("results-a.db-wal", "results-b.db-wal"):  # only the -wal files were copied
        shutil.copyfile(lab / name, usb / name)
    datas, bad = R.load_many([usb])
    assert [d.path.name for d in datas] == ["results-a.db-wal"]
    assert [d["idx"] for d in datas[0].decisions] == list(range(60))
    assert datas[0].sessions[0]["nickname"] == "Vy"
    # b's -wal holds only the pages changed after its checkpoint: named, not guessed at.
    assert [(e.path.name, e.code) for e in bad] == [("results-b.db-wal", "orphan")]
    # A -wal with a damaged frame is read up to its last whole commit, or named; never a crash.
    broken = bytearray((lab / "results-a.db-wal").read_bytes())
    broken[len(broken) // 2] ^= 0xFF
    (usb / "results-a.db-wal").write_bytes(bytes(broken))
    try:
        got = R.read_results(usb / "results-a.db-wal")
        assert [d["idx"] for d in got.decisions] == list(range(len(got.decisions)))
    except R.ResultsFileError as exc:
        assert exc.code == "orphan"


def test_a_newer_file_says_which_format_in_the_readers_words(folder, tmp_path, capsys):
    """Not "(format 99 > 2)": the numbers sit in the sentence, in the reader's language, from the
    core's message and from what the trainer's commands print."""
    usb, _good = folder
    with pytest.raises(R.ResultsFileError) as err:
        R.read_results(usb / "newer.db")
    en, vi = err.value.message("en"), err.value.message("vi")
    assert "99" in en and str(R.SCHEMA_VERSION) in en and ">" not in en
    assert "99" in vi and "phiên bản" in vi and ">" not in vi
    for lang, words in (("en", "results format 99"), ("vi", "định dạng kết quả 99")):
        main(["report", str(usb / "newer.db"), "-o", str(tmp_path / f"r-{lang}.html"), "--lang", lang])
        printed = capsys.readouterr()
        line = next(x for x in (printed.out + printed.err).splitlines() if "newer.db" in x)
        assert words in line and str(R.SCHEMA_VERSION) in line and ">" not in line, line
