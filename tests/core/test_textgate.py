"""The text gate: control characters out, lengths bounded; lint and terminal output escape them."""

import subprocess
import sys
from pathlib import Path

from game.core.diagnostics import Diagnostic, Mark
from game.core.i18n import Translator
from game.core.loader import load_scenario
from game.core.textgate import MAX_MARKS, MAX_TEXT, clean, printable, source_position, unsafe_chars
from game.core.texts import Text

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "invalid" / "lc206_missing_asset.yaml"


def test_clean_removes_controls_and_bidi_but_keeps_text_newlines_and_tabs():
    raw = "Chuyển\x00 tiền\x1b[31m\x07 gấp\x85!\r\nMẹ\u202eơi\ttab\x7f"
    out = clean(raw)
    assert out == "Chuyển tiền[31m gấp!\nMẹơi\ttab"
    assert unsafe_chars(out) == []


def test_clean_replaces_lone_surrogates_and_cuts_mark_floods_and_length():
    assert clean("a\ud800b") == "a\ufffdb"
    flood = "e" + "\u0301" * 5000 + "x"
    assert clean(flood) == "e" + "\u0301" * MAX_MARKS + "x"
    assert clean("ệ") == "ệ"  # Vietnamese keeps its marks
    long = "x" * (MAX_TEXT * 3)
    out = clean(long)
    assert len(out) == MAX_TEXT and out.endswith("…")
    assert clean(None) == "" and clean(12) == "12"


def test_printable_escapes_what_a_terminal_would_run():
    assert printable("ok id") == "ok id"
    assert printable("a\x1b[2Jb\u202ec\x00") == "a\\x1b[2Jb\\u202ec\\x00"


def test_source_position_finds_raw_and_escaped_characters():
    src = 'id: x\ntitle: "Ki\\0ểm \\x1B tra \\e"\n'
    assert source_position(src, 2, 8, "\x00") == (2, 11)
    assert source_position(src, 2, 8, "\x1b") == (2, 16)
    assert source_position(src, 1, 1, "\x07") is None


def test_lint_reports_each_control_character_text_at_its_column(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").replace("id: lc206_missing_asset", "id: ctl")
    text = text.replace(", image: images/nope.png", "").replace('title: "Kiểm tra"', 'title: "Ki\\0ểm tra"')
    text = text.replace('"Kể với mẹ"', '"Kể \\u202Evới mẹ"')
    path = tmp_path / "scenarios" / "ctl.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    diags = [d for d in load_scenario(path).diagnostics if d.code == "LC420"]
    lines = text.splitlines()
    got = sorted((d.mark.line, d.mark.col, d.args["char"]) for d in diags)
    title = next(i for i, ln in enumerate(lines) if ln.startswith("title:"))
    choice = next(i for i, ln in enumerate(lines) if "\\u202E" in ln)
    assert got == sorted([(title + 1, lines[title].index("\\0") + 1, "U+0000 NUL"),
                          (choice + 1, lines[choice].index("\\u202E") + 1, "U+202E RLO")])
    assert all(d.severity == "error" for d in diags)


def test_lint_never_echoes_raw_escape_sequences(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").replace("id: lc206_missing_asset", "id: esc")
    text = text.replace("id: tell_mom", 'id: "tell\\e[2Jmom"').replace("next: safe_end", 'next: "safe\\x9b1m"')
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "esc.yaml").write_text(text, encoding="utf-8")
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "lint", str(folder), "--lang", "en"],
                         capture_output=True, text=True, cwd=ROOT, encoding="utf-8")
    assert out.returncode == 1, out.stderr
    assert "\\x1b[2J" in out.stdout
    assert not [ch for ch in out.stdout if ch != "\n" and unsafe_chars(ch)], repr(out.stdout)
    d = Diagnostic("a\x1b.yaml", Mark(1, 1), "LC404", {"id": "x\x1b]0;pwn\x07", "file": "a"})
    assert not unsafe_chars(d.format("vi")) and not unsafe_chars(d.format("en"))


def test_translator_passes_every_string_through_the_gate():
    class Cat:
        def gettext(self, m):
            return "Chơi\x00 ngay"

        def pgettext(self, c, m):
            return "Tin\x1b nhắn"

        def ngettext(self, a, b, n):
            return "\x07{n} tin"

        def npgettext(self, c, a, b, n):
            return "\x07{n} tin"

    tr = Translator("vi", Cat(), Cat())
    assert tr.gettext("Play") == "Chơi ngay"
    assert tr.text(Text("x/title", "Title")) == "Tin nhắn"
    assert tr.ngettext("a", "b", 2) == "{n} tin"
    assert Translator("vi").text(Text("x/title", "Mẹ\x00")) == "Mẹ"
