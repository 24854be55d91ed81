"""`python main.py migrate`: version 1 files become version 2 with one byte changed; nothing else is touched."""

import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.core.loader import load_scenario

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    d = tmp_path / "scenarios"
    d.mkdir()
    # comments above the version line; the shipped file is at version 2 already, so take it back to 1
    shipped = (ROOT / "scenarios" / "demo_otp.yaml").read_bytes()
    (d / "demo_otp.yaml").write_bytes(shipped.replace(b"schema_version: 2", b"schema_version: 1", 1))
    (d / "crlf.yaml").write_bytes(b"# t\xc3\xaan: Lan\r\nschema_version:   1   # old format\r\nid: crlf\r\n")
    (d / "flow.yaml").write_bytes(b"{schema_version: 1, id: flow}\n")
    (d / "current.yaml").write_bytes(b"schema_version: 2\nid: current\n")
    (d / "future.yaml").write_bytes(b"schema_version: 3\nid: future\n")
    (d / "quoted.yaml").write_bytes(b'schema_version: "1"\nid: quoted\n')
    (d / "missing.yaml").write_bytes(b"id: missing\n")
    (d / "broken.yaml").write_bytes(b'schema_version: 1\ntitle: "never closed\n')
    (d / "list.yaml").write_bytes(b"- schema_version: 1\n")
    return d


def _bytes(d: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())}


def test_check_lists_and_writes_nothing(folder, capsys):
    before = _bytes(folder)
    assert main(["migrate", "--check", "scenarios", "--lang", "en"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert _bytes(folder) == before
    needs = sorted(ln.split(":")[0] for ln in out if "needs migrating" in ln)
    assert needs == ["scenarios/crlf.yaml", "scenarios/demo_otp.yaml", "scenarios/flow.yaml"]
    assert out[-1] == "9 files: 3 to migrate, 1 already at version 2, 5 not touched"


def test_migrate_changes_one_byte_and_reports_the_rest(folder, capsys):
    before = _bytes(folder)
    assert main(["migrate", "scenarios", "--lang", "en"]) == 1  # some files could not be migrated
    out = capsys.readouterr().out.splitlines()
    after = _bytes(folder)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"crlf.yaml", "demo_otp.yaml", "flow.yaml"}
    for name in changed:  # exactly one byte differs: the 1 that became 2
        old, new = before[name], after[name]
        assert len(old) == len(new)
        diff = [i for i in range(len(old)) if old[i] != new[i]]
        assert len(diff) == 1 and (old[diff[0]], new[diff[0]]) == (ord("1"), ord("2")), name
    assert after["crlf.yaml"] == b"# t\xc3\xaan: Lan\r\nschema_version:   2   # old format\r\nid: crlf\r\n"
    assert after["flow.yaml"] == b"{schema_version: 2, id: flow}\n"
    line = next(i for i, ln in enumerate(before["demo_otp.yaml"].decode().splitlines(), 1)
                if ln.startswith("schema_version"))
    assert f"scenarios/demo_otp.yaml:{line}:17: schema_version 1 → 2" in out
    assert "scenarios/current.yaml:1:17: already at schema_version 2, left as it is" in out
    future = next(ln for ln in out if ln.startswith("scenarios/future.yaml:1:17: LC108 error: schema_version 3 "))
    assert "1 to 2" in future and "update the game" in future and "`schema_version: 2`" in future
    assert any(ln.startswith("scenarios/quoted.yaml:1:17: LC103 error:") for ln in out)
    assert any(ln.startswith("scenarios/missing.yaml:1:1: LC102 error:") and "schema_version" in ln for ln in out)
    assert any(ln.startswith("scenarios/broken.yaml:2:8: LC002 error:") for ln in out)
    assert any(ln.startswith("scenarios/list.yaml:1:1: LC009 error:") for ln in out)
    assert out[-1] == "9 files: 3 migrated, 1 already at version 2, 5 not touched"
    assert not list(folder.glob(".*.tmp"))  # no temporary file left behind
    # the migrated file loads as version 2, as it did as version 1
    shutil.copytree(ROOT / "scenarios" / "images", folder / "images")
    shutil.copytree(ROOT / "scenarios" / "audio", folder / "audio")
    loaded = load_scenario(folder / "demo_otp.yaml")
    assert loaded.ok and loaded.scenario.schema_version == 2
    # running it again changes nothing
    capsys.readouterr()
    assert main(["migrate", "scenarios/demo_otp.yaml", "--lang", "vi"]) == 0
    assert "đã ở schema_version 2, giữ nguyên" in capsys.readouterr().out
    assert (folder / "demo_otp.yaml").read_bytes() == after["demo_otp.yaml"]


def test_every_shipped_scenario_migrates_in_place(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    d = tmp_path / "scenarios"
    shutil.copytree(ROOT / "scenarios", d)
    before = {p.name: p.read_bytes() for p in d.glob("*.yaml")}
    assert main(["migrate", "scenarios", "--lang", "en"]) == 0
    for p in d.glob("*.yaml"):
        old = before[p.name]
        if b"schema_version: 1" in old:
            assert p.read_bytes() == old.replace(b"schema_version: 1", b"schema_version: 2", 1)
        else:
            assert p.read_bytes() == old
