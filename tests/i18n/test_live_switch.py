"""Switching language in a running (headless) game re-renders the screen at once."""

import pygame
import pytest

from game.cli import main
from game.core import i18n
from game.core.progress import Progress
from game.i18n.project import read_po


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("LA_CHAN_DATA_DIR", str(tmp_path / "data"))
    from game.ui.app import App

    a = App(lang="en", progress=Progress(tmp_path / "data" / "progress.json"))
    yield a
    pygame.display.quit()


def _screen(app) -> str:
    app.step(0.05)
    app.draw()
    return "\n".join(d.text for d in app.painter.drawn)


def test_switch_between_vi_and_en(app):
    from game.ui.scenes.settings import SettingsScene

    app.push(SettingsScene(app))
    assert "Text size" in _screen(app)
    app.set_language("vi")
    shown = _screen(app)
    assert "Cỡ chữ" in shown and "Text size" not in shown
    app.set_language("en")
    assert "Text size" in _screen(app)


def test_switch_to_a_third_language(app, project, monkeypatch):
    """A pseudo-locale made with `i18n new` shows up in the running game."""
    import game.cli.i18n as cli
    from game.ui.scenes.settings import SettingsScene

    monkeypatch.setattr(cli, "Project", lambda: project)
    monkeypatch.setattr(i18n, "LOCALE_DIR", project.locale_dir)
    (project.root / "game" / "ui" / "settings.py").write_text(
        'def rows(tr):\n    return tr.gettext("Text size"), tr.gettext("Settings")\n', encoding="utf-8")
    assert main(["i18n", "new", "qps", "--plural", "nplurals=2; plural=(n != 1);", "--name", "Pseudo"]) == 0
    path = project.po("qps", "game")
    po = read_po(path)
    for e in po:
        if not e.msgid_plural:
            e.msgstr = f"[~{e.msgid}~]"
    po.save(str(path))
    assert i18n.available_languages()["qps"] == "Pseudo"
    app.push(SettingsScene(app))
    assert "Text size" in _screen(app)
    app.set_language("qps")
    assert "[~Text size~]" in _screen(app)
