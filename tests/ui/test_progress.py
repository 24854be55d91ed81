"""game.core.progress: prefs, best scores and the saved run, robust to bad files."""

import json

from game.core.progress import Prefs, Progress, clean_nickname


def test_best_score_kept_and_run_dropped_on_finish(tmp_path):
    p = Progress(tmp_path / "p.json")
    p.save_run("An", {"scenario": "s1", "version": 1, "choices": [{"choice": "a", "at": 1.0}]})
    assert p.run("An", "s1", 1)["choices"][0]["choice"] == "a"
    assert p.run("An", "s1", 2) is None  # content changed since: no resume
    p.finish("An", "s1", 60)
    p.finish("An", "s1", 40)
    q = Progress(tmp_path / "p.json")
    assert q.best("An", "s1") == 60 and q.completed("An", "s1")
    assert q.run("An", "s1") is None
    assert q.best("Binh", "s1") is None  # per nickname
    assert q.players["An"]["done"]["s1"]["plays"] == 2


def test_prefs_round_trip_and_bad_values(tmp_path):
    path = tmp_path / "p.json"
    p = Progress(path)
    p.prefs.lang, p.prefs.text_size, p.prefs.high_contrast = "vi", "large", True
    p.save()
    assert Progress(path).prefs == Prefs(lang="vi", text_size="large", high_contrast=True)
    path.write_text(json.dumps({"prefs": {"lang": "fr", "text_size": "huge", "timers": "yes"},
                                "players": {"X": {"done": [], "run": "?"}}}), encoding="utf-8")
    q = Progress(path)
    assert q.prefs == Prefs()
    assert q.best("X", "s") is None and q.run("X", "s") is None


def test_unwritable_folder_reports_instead_of_raising(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    p = Progress(blocker / "sub" / "p.json")
    assert p.save() is False and p.error


def test_clean_nickname():
    assert clean_nickname("  Lan   Anh \n") == "Lan Anh"
    assert len(clean_nickname("x" * 100)) == 24
