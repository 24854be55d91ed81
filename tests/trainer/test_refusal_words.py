"""The common reasons a file cannot be read (or written) are said in the tool's language, not
in the system's or SQLite's English: a damaged database, permission denied, a folder, a file
that is not there. The tests compare with the catalogue and with what the system itself would
say (os.strerror), never with a library's wording."""

import errno
import os
import pathlib
import random
import sqlite3

import pytest

from game.cli import main
from game.core import results as R
from game.core.diagnostics import Diagnostic, Mark
from game.core.i18n import tool_words
from game.report.simulate import play_scenario
from game.report.strings import t

from .helpers import good_scenarios


@pytest.fixture()
def one_file(tmp_path):
    store = R.ResultsStore(tmp_path / "usb", data_dir=tmp_path / "m", machine="lab01")
    play_scenario(good_scenarios()[0], random.Random(3), store, nickname="Hs1", class_code="8C")
    store.close()
    return next((tmp_path / "usb").glob("*.db"))


def _damage(path):
    """Overwrite pages past the first: SQLite then calls the file malformed (SQLITE_CORRUPT)."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page: len(data)] = b"\xff" * (len(data) - page)
    path.write_bytes(bytes(data))
    with pytest.raises(sqlite3.DatabaseError):  # the premise: SQLite itself refuses it
        conn = sqlite3.connect(path)
        try:
            conn.execute("SELECT * FROM sessions").fetchall()
            conn.execute("SELECT * FROM decisions").fetchall()
        finally:
            conn.close()


@pytest.mark.parametrize("command", ["report", "merge", "export"])
def test_a_damaged_results_file_is_named_in_vietnamese_only(one_file, tmp_path, capsys, command):
    _damage(one_file)
    out = tmp_path / "out"
    args = {"report": ["report", str(one_file), "-o", str(out.with_suffix(".html"))],
            "merge": ["results", "merge", str(one_file), "-o", str(out.with_suffix(".db"))],
            "export": ["results", "export", str(one_file), "-o", str(out.with_suffix(".csv"))]}[command]
    assert main([*args, "--lang", "vi"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert f"{one_file}: {t('vi', 'problem_corrupt')}" in err, err  # the words, and nothing of SQLite's after them


def test_permission_denied_and_a_folder_are_said_in_the_tools_words(one_file, tmp_path, capsys, monkeypatch):
    real_open = pathlib.Path.open

    def refuse(self, *a, **kw):
        if self.name == one_file.name:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_open(self, *a, **kw)

    monkeypatch.setattr(pathlib.Path, "open", refuse)
    assert main(["report", str(one_file), "-o", str(tmp_path / "r.html"), "--lang", "vi"]) == 1
    err = capsys.readouterr().err
    assert os.strerror(errno.EACCES) not in err
    assert f"{one_file}: {t('vi', 'problem_unreadable')} ({t('vi', 'reason_denied')})" in err.splitlines()
    monkeypatch.undo()
    pipe = tmp_path / "usb" / "results-pipe.db"
    os.mkfifo(pipe)
    assert main(["report", str(pipe), "-o", str(tmp_path / "r.html"), "--lang", "vi"]) == 1
    assert f"{pipe}: {t('vi', 'problem_unreadable')} ({t('vi', 'reason_not_file')})" in capsys.readouterr().err


@pytest.mark.parametrize("damage", ["malformed", "not_a_database"])
def test_merging_into_a_bad_file_says_why_in_vietnamese(one_file, tmp_path, capsys, damage):
    target = tmp_path / "class.db"
    if damage == "malformed":
        target.write_bytes(one_file.read_bytes())
        _damage(target)
    else:
        target.write_bytes(random.Random(2).randbytes(8192))
    assert main(["results", "merge", str(one_file), "-o", str(target), "--lang", "vi"]) == 2
    err = capsys.readouterr().err.strip()
    from game.cli.output import MSG, REASONS

    words = tool_words("vi", "cli")
    key = "damaged" if damage == "malformed" else "not_ours"
    assert err == words.gettext(MSG["write"]).format(path=target, reason=words.gettext(REASONS[key]))


def _lc012(tmp_path, monkeypatch, capsys, path, variant, named=None):
    monkeypatch.chdir(tmp_path)
    assert main(["lint", str(named or path), "--lang", "vi"]) == 1
    out = capsys.readouterr().out.splitlines()[0]
    expected = Diagnostic(str(path), Mark(1, 1), "LC012", {"variant": variant}).format("vi")
    assert out == expected
    assert expected != Diagnostic(str(path), Mark(1, 1), "LC012", {"variant": variant}).format("en")
    return out


def test_lint_says_a_missing_file_a_folder_and_no_permission_in_vietnamese(tmp_path, monkeypatch, capsys):
    out = _lc012(tmp_path, monkeypatch, capsys, pathlib.Path("nothere.yaml"), "not_found")
    assert os.strerror(errno.ENOENT) not in out
    (tmp_path / "in" / "folder.yaml").mkdir(parents=True)  # found in a folder lint was given
    folder = pathlib.Path("in", "folder.yaml")
    assert os.strerror(errno.EISDIR) not in _lc012(tmp_path, monkeypatch, capsys, folder, "folder", named="in")
    (tmp_path / "locked.yaml").write_text("id: locked\n", encoding="utf-8")

    real_read = pathlib.Path.read_bytes

    def refuse(self):
        if self.name == "locked.yaml":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_read(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", refuse)
    assert os.strerror(errno.EACCES) not in _lc012(tmp_path, monkeypatch, capsys, pathlib.Path("locked.yaml"), "denied")


def test_a_rare_refusal_keeps_the_systems_words(tmp_path):
    from game.core.loader import unreadable

    d = unreadable("x.yaml", OSError(errno.EIO, os.strerror(errno.EIO)))
    assert os.strerror(errno.EIO) in d.format("vi")
