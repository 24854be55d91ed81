"""One nickname limit and one cleaning, the same where it is typed, saved, recorded and read back."""

import json
import sqlite3
import unicodedata

import pygame

from game.core import nickname
from game.core import results as R
from game.core.engine import Decision
from game.core.progress import Progress
from game.ui.scenes.play import PlayScene
from game.ui.scenes.profile import ProfileScene


def test_what_the_student_types_is_what_the_store_records(make_driver, data_dir):
    store = R.ResultsStore(data_dir / "usb", data_dir=data_dir, machine="nick")
    d = make_driver(lang="en", recorder=store)
    d.app.prefs.nickname = ""
    d.app.push(ProfileScene(d.app))
    d.frame()
    typed = unicodedata.normalize("NFD", "Nguyễn Thị Minh Khai\u200b lớp chín A rất dài")  # as an IME may send it
    d.type(typed)
    d.key(pygame.K_RETURN)
    d.type("9a")
    d.key(pygame.K_RETURN)
    shown = d.app.prefs.nickname
    assert 0 < len(shown) <= nickname.NICKNAME_MAX
    from game.core.loader import SCENARIOS_DIR, load_scenario

    d.app.push(PlayScene(d.app, load_scenario(SCENARIOS_DIR / "demo_shipper.yaml").scenario))
    store.close()
    s = R.read_results(data_dir / "usb" / "results-nick.db").sessions[0]
    assert d.app.prefs.class_code == "9A"
    assert (s["nickname"], s["class_code"]) == (shown, "9A")


def test_one_limit_everywhere():
    from game.ui.scenes import profile

    assert profile.LIMITS == {"nickname": nickname.NICKNAME_MAX, "class_code": nickname.CLASS_CODE_MAX}
    long = "Lan " * 40
    assert R.clean_nickname(long) == nickname.clean_nickname(long)
    assert len(nickname.clean_nickname(long)) <= nickname.NICKNAME_MAX


def test_long_or_odd_nicknames_are_cleaned_when_read(tmp_path):
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({"prefs": {"nickname": "x" * 500 + "\x1b[31m", "class_code": "9A\x00" * 50}}),
                    encoding="utf-8")
    prefs = Progress(path).prefs
    assert prefs.nickname == "x" * nickname.NICKNAME_MAX
    assert prefs.class_code == nickname.clean_class_code("9A\x00" * 50) and len(prefs.class_code) <= 16
    # A results file written by something else, with an over-long nickname, reads within the limit.
    store = R.ResultsStore(tmp_path, data_dir=tmp_path, machine="long")
    sid = store.start_session(nickname="An", class_code="", scenario_id="demo", scenario_version=1)
    store.record_decision(sid, Decision(0, "s", "c", "safe", 1, [], [], 0.1, False, 0.0, False, 1))
    store.close()
    conn = sqlite3.connect(tmp_path / "results-long.db")
    conn.execute("UPDATE sessions SET nickname = ?", ("y" * 300,))
    conn.execute("UPDATE decisions SET nickname = ?, class_code = ?", ("y" * 300, "\x07" * 3))
    conn.commit()
    conn.close()
    data = R.read_results(tmp_path / "results-long.db")
    assert data.sessions[0]["nickname"] == data.decisions[0]["nickname"] == "y" * nickname.NICKNAME_MAX
    assert data.decisions[0]["class_code"] == ""


def test_the_game_and_the_phone_page_share_one_nickname_rule(make_driver):
    """Same limit, same characters, and the profile says so instead of cutting without a word."""
    from game.live import protocol as P

    assert P.NICK_MAX == nickname.NICKNAME_MAX
    d = make_driver(lang="en")
    d.app.prefs.nickname = ""
    d.app.push(ProfileScene(d.app))
    d.frame()
    d.type('=HYPERLINK("x";"y") <img>')
    typed = d.scene.values["nickname"]
    assert typed == "HYPERLINKxy img"
    assert P.clean_nick(typed) == typed  # what the game takes, the phone takes
    assert "letters, digits, spaces" in d.screen_text()
    d.key(pygame.K_BACKSPACE)
    d.type("Lan")
    assert "letters, digits, spaces" not in d.screen_text()
    d.type("x" * 30)
    assert len(d.scene.values["nickname"]) == nickname.NICKNAME_MAX and "up to 24" in d.screen_text()


def test_the_next_student_on_a_lab_pc_starts_with_an_empty_nickname(make_driver):
    # try-out: the last player's nickname was filled in, and Enter went on as them (their progress,
    # their name on the class results); they are one explicit button away instead
    d = make_driver(lang="en")
    d.app.prefs.nickname, d.app.prefs.class_code = "Minh Anh", "9A"
    d.app.reset(ProfileScene(d.app))
    d.frame()
    assert d.scene.values == {"nickname": "", "class_code": "9A"}
    assert "Continue as Minh Anh · 9A" in d.texts()
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)
    assert d.name == "ProfileScene" and "Please type a nickname." in d.texts()
    d.type("Lan")
    assert "Continue as Minh Anh · 9A" not in d.texts()  # typing a name is the choice
    d.scene.focus = ("field", "class_code")
    d.key(pygame.K_RETURN)
    assert d.name != "ProfileScene" and d.app.prefs.nickname == "Lan"
    d.app.reset(ProfileScene(d.app))
    d.frame()
    d.click_button("Continue as Lan · 9A")
    assert d.name != "ProfileScene" and d.app.prefs.nickname == "Lan"
