"""Player files that cannot break start-up: bounded reads, shape checks, bad files set aside with
a visible notice, damaged resume snapshots offered as "start again"."""

import json

import pygame

from game.core import results as R
from game.core import storage
from game.core.loader import SCENARIOS_DIR, load_scenario
from game.core.progress import Progress, replay_snapshot, snapshot_problem
from game.ui.kit import button_height, button_text_width
from game.ui.scenes.picker import PickerScene

DEEP = "[" * 200_000 + "]" * 200_000


def _backups(folder, name):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(name + ".bad-"))


def test_deeply_nested_progress_file_is_set_aside_and_the_menu_says_so(make_driver, data_dir):
    (data_dir / "progress.json").write_text('{"prefs": ' + DEEP + "}", encoding="utf-8")
    d = make_driver(lang="en")
    d.app.push(PickerScene(d.app))
    d.frame()
    assert d.name == "PickerScene"
    [backup] = _backups(data_dir, "progress.json")
    assert (data_dir / backup).read_text(encoding="utf-8").startswith('{"prefs": [[[')  # the old file is kept
    assert any("were damaged and have been put aside as " + backup in t for t in d.texts()), d.texts()
    from game.ui.scenes.language import LanguageScene

    d.app.push(LanguageScene(d.app))  # the first screen a student sees says so too
    d.frame()
    assert any(backup in t for t in d.texts())


def test_the_notice_is_translated(make_driver, data_dir):
    (data_dir / "progress.json").write_text("[1, 2, 3]", encoding="utf-8")  # JSON, wrong shape
    d = make_driver(lang="vi")
    d.app.push(PickerScene(d.app))
    d.frame()
    [backup] = _backups(data_dir, "progress.json")
    line = next(t for t in d.texts() if backup in t)
    assert "damaged" not in line  # Vietnamese, not the English msgid


def test_a_bad_file_is_never_overwritten_without_a_backup(data_dir):
    bad = b'{"prefs": {"nickname": "An"}, "players": "oops"}'
    (data_dir / "progress.json").write_bytes(bad)
    p = Progress(data_dir / "progress.json")
    p.prefs.nickname = "Binh"
    assert p.save()
    [backup] = _backups(data_dir, "progress.json")
    assert (data_dir / backup).read_bytes() == bad
    assert json.loads((data_dir / "progress.json").read_text(encoding="utf-8"))["prefs"]["nickname"] == "Binh"


def test_huge_and_non_utf8_files_are_refused_quickly(data_dir):
    path = data_dir / "progress.json"
    with path.open("wb") as fh:
        fh.write(b'{"prefs": "')
        fh.truncate(storage.MAX_JSON_BYTES + 10)
    assert Progress(path).prefs.nickname == ""
    path.write_bytes(b'{"prefs": {"nickname": "\xff\xfe"}}')
    assert Progress(path).prefs.nickname == ""
    assert len(storage.notices()) == 2


def test_deep_machine_id_file_does_not_turn_recording_off(data_dir):
    (data_dir / "machine-id.json").write_text(DEEP, encoding="utf-8")
    rec = R.make_recorder(data_dir / "results", data_dir=data_dir)
    try:
        assert isinstance(rec, R.ResultsStore), "recording must stay on"
        assert not rec.warning
    finally:
        rec.close()
    assert _backups(data_dir, "machine-id.json")
    assert [n.kind for n in storage.notices()] == ["machine_id"]


def test_bad_trainer_settings_are_set_aside_and_the_notice_says_where_results_go(make_driver, data_dir):
    (data_dir / "trainer.json").write_text('{"results_dir": ' + DEEP + "}", encoding="utf-8")
    assert R.trainer_settings(data_dir) == {"results_dir": None, "quiz": False}
    assert _backups(data_dir, "trainer.json")
    d = make_driver(lang="en")
    d.app.push(PickerScene(d.app))
    d.frame()
    assert any("Results are now saved on this computer" in t for t in d.texts())


def test_damaged_resume_snapshot_is_offered_as_start_again(make_driver, data_dir):
    scn = load_scenario(SCENARIOS_DIR / "demo_shipper.yaml").scenario
    bad_runs = [
        {"scenario": scn.id, "version": scn.version, "choices": ["not a record"]},
        {"scenario": scn.id, "version": scn.version, "choices": [{"choice": 5}]},
        {"scenario": scn.id, "version": scn.version, "choices": [{"choice": "x", "at": "soon"}]},
        {"scenario": scn.id, "version": scn.version, "choices": [{"choice": "x", "at": 1e308}]},
    ]
    for snap in bad_runs:
        assert snapshot_problem(snap) is not None
        assert replay_snapshot(scn, snap) is None
    data = {"prefs": {"nickname": "Minh"}, "players": {"Minh": {"done": {}, "run": {scn.id: bad_runs[0]}}}}
    (data_dir / "progress.json").write_text(json.dumps(data), encoding="utf-8")
    d = make_driver(lang="en", timers=False)
    d.app.push(PickerScene(d.app))
    d.frame()
    assert "Resume where you stopped" not in d.texts()
    for lang in ("vi", "en"):  # its label is long: the button is as tall as its wrapped label (try-out)
        d.app.set_language(lang)
        d.frame()
        again = next(it for it in d.scene.items if it.group == "card_button" and it.action == ("play", scn.id))
        assert again.rect.h >= button_height(d.app.fonts, again.text, again.role, again.rect.w)
        assert len(d.app.fonts.wrap(again.text, again.role, button_text_width(d.app.fonts, again.role, again.rect.w))) > 1
    d.click_button("Start again (the saved game could not be resumed)")
    assert d.name in ("PlayScene", "WarningScene")  # a fresh start (content note first, if any)
    assert d.app.progress.run("Minh", scn.id) is None  # the damaged run is dropped
    d.key(pygame.K_SPACE)


def test_engine_failure_while_replaying_means_start_again(monkeypatch, make_driver, data_dir):
    from game.core.engine import Engine

    scn = load_scenario(SCENARIOS_DIR / "demo_shipper.yaml").scenario

    def boom(*a, **k):
        raise ZeroDivisionError("replay broke")

    monkeypatch.setattr(Engine, "replay", classmethod(boom))
    assert replay_snapshot(scn, {"choices": [{"choice": "a", "at": 1.0}]}) is None


def test_progress_that_cannot_be_saved_is_explained_in_the_players_words(make_driver):
    """A data folder that cannot be written: the side panel says why in Vietnamese, never the
    operating system's English ("Not a directory"), and the game plays on (try-out)."""
    import errno

    from game.core.loader import SCENARIOS_DIR, load_scenario
    from game.ui.scenes.play import PlayScene

    d = make_driver(lang="vi")
    blocker = d.app.progress.path.parent / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    d.app.progress.path = blocker / "progress.json"  # its folder is a file: every save fails
    d.app.push(PlayScene(d.app, load_scenario(SCENARIOS_DIR / "tutorial.yaml").scenario))
    d.frame()
    assert d.app.progress.save() is False and d.app.progress.error_errno in (errno.ENOTDIR, errno.EEXIST)
    d.frame()
    shown = d.screen_text()
    assert "Không lưu được tiến độ" in shown and "không tìm thấy thư mục" in shown
    assert "not-a-folder" in shown  # where: a teacher can fix that folder (try-out)
    assert "Not a directory" not in shown
