"""How the game finds its results folder, and the warning a student sees when it fails."""

from pathlib import Path

from game.cli import main
from game.core import results as R


def test_results_folder_precedence(tmp_path, monkeypatch):
    monkeypatch.delenv(R.RESULTS_DIR_ENV, raising=False)
    data = tmp_path / "data"
    assert R.results_dir_for(None, data) == data / "results"
    R.save_trainer_settings(data, results_dir=str(tmp_path / "saved"))
    assert R.results_dir_for(None, data) == tmp_path / "saved"
    monkeypatch.setenv(R.RESULTS_DIR_ENV, str(tmp_path / "env"))
    assert R.results_dir_for(None, data) == tmp_path / "env"
    assert R.results_dir_for(tmp_path / "flag", data) == tmp_path / "flag"
    (data / R.SETTINGS_FILE).write_text("{not json", encoding="utf-8")
    assert R.trainer_settings(data) == {"results_dir": None, "quiz": False}


def test_unwritable_folder_warns_on_the_scenario_list(make_driver, tmp_path):
    from game.ui.scenes.picker import PickerScene

    blocker = tmp_path / "stick"
    blocker.write_text("a file where the folder should be")
    rec = R.ResultsStore(blocker / "results", data_dir=tmp_path / "local", machine="pc9")
    d = make_driver(recorder=rec)
    d.app.push(PickerScene(d.app))
    d.frame()
    assert R.WARN_FALLBACK in d.screen_text()
    rec.close()


def test_simulate_command_makes_a_reportable_class(tmp_path, capsys):
    usb = tmp_path / "usb"
    assert main(["results", "simulate", "-o", str(usb), "--students", "4", "--lang", "en"]) == 0
    assert len(list(usb.glob("results-*.db"))) == 5  # 4 students + the projector
    out = tmp_path / "r.html"
    assert main(["report", str(usb), "-o", str(out), "--lang", "en"]) == 0
    html = Path(out).read_text(encoding="utf-8")
    assert 'id="n-students">4<' in html and "class vote (projector)" in html


def test_warning_goes_through_the_translator():
    from game.ui.quiz.flow import results_warning

    class Upper:  # a stand-in catalogue: proves the text is looked up, whatever the .po holds
        def gettext(self, msgid):
            return msgid.upper()

    class Rec:
        warning = R.WARN_FALLBACK

    assert results_warning(Upper(), Rec()) == R.WARN_FALLBACK.upper()
    Rec.warning = R.WARN_LOST
    assert results_warning(Upper(), Rec()) == R.WARN_LOST.upper()
    Rec.warning = None
    assert results_warning(Upper(), Rec()) == ""


def test_settings_page_says_results_are_saved_without_the_folder(make_driver, tmp_path):
    from game.ui.quiz import flow
    from game.ui.scenes.settings import SettingsScene

    rec = R.ResultsStore(tmp_path / "share", data_dir=tmp_path / "local", machine="pc2")
    d = make_driver(recorder=rec)
    flow.configure(d.app, True)
    d.app.push(SettingsScene(d.app))
    d.frame()
    text = d.screen_text()
    assert "Results are being saved." in text and "Before/after check: on" in text
    assert str(tmp_path) not in text  # students read this page: no path
    rec.close()
