"""Damaged, foreign and newer files are named, and the report is built from the rest."""

import os
import random
import shutil
import sqlite3

import pytest

from game.cli import main
from game.core import results as R
from game.report.build import build_report
from game.report.simulate import play_scenario

from .helpers import good_scenarios


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


def test_results_file_is_never_modified_by_reading(folder):
    usb, good = folder
    before = {p: (p.stat().st_size, p.read_bytes()) for p in good}
    build_report([usb], lang="vi")
    assert {p: (p.stat().st_size, p.read_bytes()) for p in good} == before
    assert not any(name.endswith(("-wal", "-shm")) for name in os.listdir(usb))
