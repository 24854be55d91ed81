"""A translation of a scenario text keeps the source's `{placeholders}`: `i18n check` fails on one that
does not, `lint` (with the catalogues) warns LC408, and the game shows the source text instead."""

from game.cli import main
from game.cli.lint import lint
from game.core import i18n as core_i18n
from game.core.texts import Text
from game.i18n.project import read_po

KEY = "demo_shipper/interrogation/choice/hang_up/text"


def _translate(project, text: str) -> int:
    path = project.po("en", "scenarios")
    po = read_po(path)
    entry = next(e for e in po if e.msgctxt == KEY)
    entry.msgstr = text
    entry.flags = [f for f in entry.flags if f != "fuzzy"]
    po.save(str(path))
    core_i18n.clear_cache()
    return next(e.linenum for e in read_po(path) if e.msgctxt == KEY)


def test_a_dropped_or_renamed_placeholder_is_reported(project, edit, monkeypatch, capsys):
    import game.cli.i18n as cli

    monkeypatch.setattr(cli, "Project", lambda: project)
    edit(project.root / "scenarios" / "demo_shipper.yaml", '"Tắt máy"', '"Tắt máy ({pressure} lần)"')
    assert main(["i18n", "update"]) == 0

    for bad in ("Hang up", "Hang up ({so_lan} times)"):
        line = _translate(project, bad)
        capsys.readouterr()
        assert main(["i18n", "check", "--lang", "en"]) == 1
        out = capsys.readouterr().out
        assert f"scenarios.po:{line}: error: [{KEY}] placeholders differ" in out, out
        diags = [d for d in lint([], project=project)[1] if d.code == "LC408"]
        assert [(d.path, d.mark.line, d.severity) for d in diags] == [
            ("locale/en/LC_MESSAGES/scenarios.po", line, "warning")]
        assert f"the en translation of `{KEY}`" in diags[0].format("en")
        assert "{pressure}" in diags[0].format("en") and "bản dịch en" in diags[0].format("vi")
        tr = core_i18n.load_translator("en", project.locale_dir)
        assert tr.text(Text(KEY, "Tắt máy ({pressure} lần)")) == "Tắt máy ({pressure} lần)"  # the source

    _translate(project, "Hang up ({pressure} times)")
    capsys.readouterr()
    assert main(["i18n", "check", "--lang", "en"]) == 0
    assert not [d for d in lint([], project=project)[1] if d.code == "LC408"]
    tr = core_i18n.load_translator("en", project.locale_dir)
    assert tr.text(Text(KEY, "Tắt máy ({pressure} lần)")) == "Hang up ({pressure} times)"
