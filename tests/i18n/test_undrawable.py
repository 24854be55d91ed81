"""Lint and `i18n check` name, by language and entry, a translation no bundled font can draw."""

from game.cli import main
from game.cli.lint import lint
from game.i18n.project import read_po


def _start_thai(project, monkeypatch, play: str) -> None:
    import game.cli.i18n as cli

    monkeypatch.setattr(cli, "Project", lambda: project)
    assert main(["i18n", "update"]) == 0
    assert main(["i18n", "new", "th", "--name", "ไทย"]) == 0
    path = project.po("th", "game")
    po = read_po(path)
    for e in po:
        if e.msgid == "Play":
            e.msgstr = play
        elif e.msgid == "Back":
            e.msgstr = "กลับ"
    po.save(str(path))


def test_check_and_lint_name_the_language_and_entry(project, monkeypatch, capsys):
    _start_thai(project, monkeypatch, "เล่น 中文 🎮")
    capsys.readouterr()
    assert main(["i18n", "check", "--lang", "th"]) == 0  # a warning, not an error
    out = capsys.readouterr().out
    lc406 = [ln for ln in out.splitlines() if "LC406" in ln]
    assert len(lc406) == 1, out
    assert lc406[0].startswith("locale/th/LC_MESSAGES/game.po:")
    assert "the th translation of 'Play'" in lc406[0] and "中 文 🎮" in lc406[0]

    diags = [d for d in lint([], project=project)[1] if d.code == "LC406"]
    assert len(diags) == 1
    d = diags[0]
    assert d.severity == "warning" and d.path == "locale/th/LC_MESSAGES/game.po"
    line = next(e.linenum for e in read_po(project.po("th", "game")) if e.msgid == "Play")
    assert d.format("en").startswith(f"locale/th/LC_MESSAGES/game.po:{line}:1: LC406 warning: the th translation of `Play` has 中 文 🎮")
    assert "bản dịch th của `Play`" in d.format("vi")


def test_thai_lao_khmer_are_drawable(project, monkeypatch, capsys):
    _start_thai(project, monkeypatch, "เล่น ພາສາລາວ ភាសាខ្មែរ")
    capsys.readouterr()
    assert main(["i18n", "check", "--lang", "th"]) == 0
    assert "LC406" not in capsys.readouterr().out
    assert not [d for d in lint([], project=project)[1] if d.code == "LC406"]
