"""A third language in a non-Latin script, made by `i18n new th` and game/i18n/pseudo.py in a
temporary copy of locale/: every command's --lang takes it, the language screen lists it with a
working key, the saved preference keeps it, and its screens draw every character."""

import shutil
from pathlib import Path

import pygame
import pytest

from game.cli import build_parser, main
from game.core import glyphs
from game.core import i18n as core_i18n
from game.i18n.catalogues import new_language
from game.i18n.project import Project
from game.i18n.pseudo import fill

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def thai_locale(tmp_path_factory):
    locale = tmp_path_factory.mktemp("thai") / "locale"
    shutil.copytree(REPO / "locale", locale)
    project = Project(root=REPO, locale_dir=locale)
    new_language(project, "th", name="ไทย")
    assert fill(project, "th") > 1000
    return locale


@pytest.fixture
def with_thai(thai_locale, monkeypatch):
    monkeypatch.setattr(core_i18n, "LOCALE_DIR", thai_locale)
    core_i18n.clear_cache()
    yield thai_locale
    core_i18n.clear_cache()


def undrawn(texts) -> list[str]:
    return [t for t in texts if glyphs.missing(t)]


def test_language_screen_lists_it_with_a_working_key_and_the_choice_is_kept(with_thai, make_driver, data_dir):
    from game.ui.scenes.language import LanguageScene

    d = make_driver(lang="vi")
    d.app.replace(LanguageScene(d.app))
    d.frame()
    labels = [it.text for it in d.scene.items if it.kind == "button"]
    assert labels[:3] == ["Tiếng Việt", "English", "ไทย"]
    assert [it.key for it in d.scene.items if it.kind == "button"][:3] == ["1", "2", "3"]
    d.key(pygame.K_3)
    assert d.app.lang == "th" and d.name == "ProfileScene"
    d.frame()
    thai_lines = [t for t in d.texts() if any("\u0e00" <= ch <= "\u0e7f" for ch in t)]
    assert len(thai_lines) >= 3, d.texts()
    assert undrawn(d.texts()) == []
    pygame.display.quit()

    again = make_driver(lang=None)  # next start: the saved preference
    assert again.app.lang == "th"
    hint = "Use the arrow keys and Enter, or click."
    assert again.app.tr.gettext(hint) != hint and not glyphs.missing(again.app.tr.gettext(hint))


def test_a_language_gone_from_locale_is_forgotten(with_thai, data_dir, monkeypatch):
    from game.core.progress import Prefs

    assert Prefs.from_json({"lang": "th"}).lang == "th"
    assert Prefs.from_json({"lang": "xx"}).lang == ""


@pytest.mark.parametrize("command", [["play"], ["classroom"], ["host"], ["lint"], ["walk", "x.yaml"],
                                     ["report", "results.json"], ["results", "export", "x.json"]])
def test_every_lang_option_takes_a_present_language_and_names_them_otherwise(with_thai, command, capsys):
    args = build_parser(only=command[0]).parse_args([*command, "--lang", "th"])
    assert args.lang == "th"
    with pytest.raises(SystemExit) as exc:
        build_parser(only=command[0]).parse_args([*command, "--lang", "xx"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "'xx'" in err and "vi (Tiếng Việt)" in err and "en (English)" in err and "th (ไทย)" in err


def test_i18n_lang_options_name_present_languages(with_thai, monkeypatch, capsys):
    import game.cli.i18n as cli

    monkeypatch.setattr(cli, "Project", lambda: Project(root=REPO, locale_dir=with_thai))
    assert main(["i18n", "check", "--lang", "xx"]) == 2
    assert "present: vi, en, th" in capsys.readouterr().err
    assert main(["i18n", "check", "--lang", "th"]) == 0
    out = capsys.readouterr().out
    assert "LC406" not in out and out.strip().endswith("0 errors, 0 warnings")
    assert main(["i18n", "status", "--lang", "th", "--min", "100"]) == 0


def test_the_number_key_that_picks_a_language_is_not_typed_into_the_nickname(with_thai, make_driver):
    from game.ui.scenes.language import LanguageScene

    d = make_driver(lang="vi")
    d.app.prefs.nickname = ""
    d.app.replace(LanguageScene(d.app))
    d.frame()
    # As SDL queues them: the key, then its text, in one batch.
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_3, mod=0, unicode="3", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="3"))
    d.frame()
    assert d.name == "ProfileScene" and d.scene.values["nickname"] == ""
    d.type("Lan")
    assert d.scene.values["nickname"] == "Lan"


def test_results_report_and_lint_speak_the_third_language(with_thai, tmp_path, capsys, data_dir):
    """The pseudo-Thai fills the tools' catalogues too (cli, report, diagnostics): every tool's words
    come out in Thai script, in the formats scripts read."""
    from game.i18n.pseudo import thai

    usb = tmp_path / "usb"
    assert main(["results", "simulate", "-o", str(usb), "--students", "3", "--seed", "1", "--lang", "th"]) == 0
    said = capsys.readouterr().out
    assert "results files" not in said and any("\u0e00" <= ch <= "\u0e7f" for ch in said), said
    out = tmp_path / "report.html"
    assert main(["report", str(usb), "-o", str(out), "--lang", "th"]) == 0
    html = out.read_text(encoding="utf-8")
    assert '<html lang="th">' in html
    assert thai("Class report") in html and thai("How the stories ended") in html
    assert "Class report" not in html
    # The report's own font has no Thai: the bundled Thai font is embedded (Lao and Khmer are not needed)
    assert '@font-face { font-family: "La Chan Thai"; font-style: normal; font-weight: 400;' in html
    assert '@font-face { font-family: "La Chan Lao"' not in html
    assert main(["results", "merge", str(tmp_path / "nothing"), "-o", str(tmp_path / "m.db"), "--lang", "th"]) != 0
    bad = REPO / "tests" / "fixtures" / "invalid" / "lc202_unknown_reference.yaml"
    capsys.readouterr()
    assert main(["lint", str(bad), "--lang", "th"]) == 1
    lines = capsys.readouterr().out.splitlines()
    first = lines[0]
    assert f"lc202_unknown_reference.yaml:33:15: LC202 {thai('error')}: " in first, first
    assert "`scammed_end`" in first  # the author's ids stay as written
    assert lines[-1].startswith("1 ") and "files" not in lines[-1], lines[-1]
