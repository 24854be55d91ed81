"""`python main.py play`: options, and a broken file reported instead of a crash."""

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli.play import parse_size

ROOT = Path(__file__).resolve().parents[2]


def test_parse_size():
    assert parse_size("1366x768") == (1366, 768)
    assert parse_size("1920X1080") == (1920, 1080)
    for bad in ("huge", "abc", "0x0", "800x600", "1366x", "99999x768"):
        with pytest.raises(argparse.ArgumentTypeError):
            parse_size(bad)


def test_play_broken_file_prints_diagnostics_and_fails(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\nsteps: [\n", encoding="utf-8")
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", LA_CHAN_DATA_DIR=str(tmp_path))
    out = subprocess.run([sys.executable, "main.py", "play", str(bad), "--lang", "en"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1
    assert "bad.yaml" in out.stderr


def test_play_help_describes_watch():
    out = subprocess.run([sys.executable, "main.py", "play", "--help"], cwd=ROOT, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0 and "--watch" in out.stdout and "--start" in out.stdout


def test_counts_in_command_messages_are_grouped_as_the_reader_writes_them():
    # "1462 phiên, 6829 quyết định" read as a code, not a count; Vietnamese groups with ".", English with ","
    from game.cli.words import NN_, counted

    pair = NN_("{n} new decision", "{n} new decisions")
    assert counted(pair, 6829, "en") == "6,829 new decisions"
    assert counted(pair, 6829, "vi").startswith("6.829 ")
    assert counted(pair, 999, "vi").startswith("999 ") and counted(pair, 1, "en") == "1 new decision"


@pytest.mark.parametrize("lang,first", [(None, "LanguageScene"), ("en", "ProfileScene"), ("vi", "ProfileScene")])
def test_lang_given_skips_the_language_screen(data_dir, lang, first):
    """`python main.py --lang vi` (a lab's shortcut) starts at the player's name: nothing to choose.
    Without --lang the language screen comes first."""
    from game.ui.main import launch

    seen = {}

    def stop(app):
        seen["top"], seen["lang"] = type(app.top).__name__, app.lang
        app.running = False

    assert launch(lang=lang, on_first_frame=stop) == 0
    assert seen["top"] == first
    if lang:
        assert seen["lang"] == lang
