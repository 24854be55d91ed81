import json
import shutil
import subprocess

import pytest

from game.cli import main
from game.core.i18n import DOMAINS
from game.i18n.project import read_po

KEY = "demo_shipper/interrogation/choice/hang_up/text"


@pytest.fixture
def cli(project, monkeypatch):
    import game.cli.i18n as mod

    monkeypatch.setattr(mod, "Project", lambda: project)
    assert main(["i18n", "update"]) == 0
    return project


def _fill(path, func):
    po = read_po(path)
    for e in po:
        if e.msgid_plural:
            e.msgstr_plural = {k: func(e.msgid_plural) for k in e.msgstr_plural}
        else:
            e.msgstr = func(e.msgid)
    po.save(str(path))


def test_status_min_fails_until_everything_is_translated(cli, capsys):
    assert main(["i18n", "status", "--min", "100"]) == 1
    for lang in ("vi", "en"):
        for domain in DOMAINS:  # the tools' domains too (diagnostics come from the real data folder)
            _fill(cli.po(lang, domain), lambda s: "T: " + s)
    capsys.readouterr()
    assert main(["i18n", "status", "--min", "100"]) == 0
    out = capsys.readouterr().out
    assert "demo_shipper" in out and "shared" in out
    assert main(["i18n", "status", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    en = next(r for r in rows if r["lang"] == "en" and r["domain"] == "scenarios")
    assert en["percent"] == 100.0 and en["scenarios"]["demo_shipper"]["translated"] > 0


def test_status_counts_strings_not_yet_merged(cli, edit, capsys):
    _fill(cli.po("vi", "game"), lambda s: "T: " + s)
    edit(cli.root / "game" / "ui" / "home.py", '"Play"', '"Play now"')
    capsys.readouterr()
    assert main(["i18n", "status", "--lang", "vi", "--min", "100", "--format", "json"]) == 1
    vi = next(r for r in json.loads(capsys.readouterr().out) if r["domain"] == "game")
    assert vi["untranslated"] == 1


def test_check_reports_placeholders_headers_and_orphans(cli, edit, capsys):
    _fill(cli.po("vi", "game"), lambda s: s.replace("{name}", "{ten}"))
    assert main(["i18n", "check"]) == 1
    out = capsys.readouterr().out
    assert "placeholders differ" in out and "{ten}" in out
    _fill(cli.po("vi", "game"), lambda s: s)
    assert main(["i18n", "check"]) == 0
    capsys.readouterr()
    # A plural header that is wrong for Vietnamese.
    path = cli.po("vi", "game")
    path.write_text(path.read_text(encoding="utf-8").replace("nplurals=1; plural=0;",
                                                             "nplurals=2; plural=(n != 1);"),
                    encoding="utf-8")
    assert main(["i18n", "check"]) == 1
    assert "Plural-Forms must be" in capsys.readouterr().out
    _fill(cli.po("vi", "game"), lambda s: s)
    # A string removed from the code but not merged yet: orphan.
    main(["i18n", "update"])
    edit(cli.root / "game" / "ui" / "home.py", 'b = tr.pgettext("menu", "Settings")', "b = 1")
    capsys.readouterr()
    assert main(["i18n", "check"]) == 1
    assert "orphan context [menu]" in capsys.readouterr().out


def test_check_reports_duplicates(cli, capsys):
    path = cli.po("vi", "game")
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgid "Play"\nmsgstr "Chơi"\n', encoding="utf-8")
    assert main(["i18n", "check", "--lang", "vi"]) == 1
    assert "'Play' appears twice" in capsys.readouterr().out


def test_import_json_fills_matching_keys(cli, tmp_path, edit, capsys):
    data = {
        KEY: "Hang up",
        "demo_shipper/demand/choice/wait/text": {"source": "Chờ đã", "text": "Wait"},  # stale source
        "demo_shipper/nope/text": "Nothing",
    }
    f = tmp_path / "demo_shipper.en.json"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["i18n", "import-json", str(f), "--lang", "en"]) == 0
    assert "1 unknown keys" in capsys.readouterr().out
    po = {e.msgctxt: e for e in read_po(cli.po("en", "scenarios"))}
    assert po[KEY].msgstr == "Hang up" and not po[KEY].fuzzy
    wait = po["demo_shipper/demand/choice/wait/text"]
    assert wait.msgstr == "Wait" and wait.fuzzy and wait.previous_msgid == "Chờ đã"
    # Existing translations are kept unless --overwrite.
    f.write_text(json.dumps({KEY: "Hang up now"}), encoding="utf-8")
    main(["i18n", "import-json", str(f), "--lang", "en"])
    assert {e.msgctxt: e for e in read_po(cli.po("en", "scenarios"))}[KEY].msgstr == "Hang up"
    main(["i18n", "import-json", str(f), "--lang", "en", "--overwrite"])
    assert {e.msgctxt: e for e in read_po(cli.po("en", "scenarios"))}[KEY].msgstr == "Hang up now"
    # The source changes; a JSON file that still has the old translation leaves the entry fuzzy.
    edit(cli.root / "scenarios" / "demo_shipper.yaml", '"Tắt máy"', '"Tắt máy luôn"')
    f.write_text(json.dumps({KEY: "Hang up now"}), encoding="utf-8")
    main(["i18n", "import-json", str(f), "--lang", "en", "--overwrite"])
    e = {e.msgctxt: e for e in read_po(cli.po("en", "scenarios"))}[KEY]
    assert e.fuzzy and e.msgstr == "Hang up now" and e.previous_msgid == "Tắt máy"
    f.write_text(json.dumps({KEY: "Hang up right now"}), encoding="utf-8")
    main(["i18n", "import-json", str(f), "--lang", "en"])
    e = {e.msgctxt: e for e in read_po(cli.po("en", "scenarios"))}[KEY]
    assert not e.fuzzy and e.msgstr == "Hang up right now"
    f.write_text("{not json", encoding="utf-8")
    assert main(["i18n", "import-json", str(f), "--lang", "en"]) == 1


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext not installed")
def test_generated_catalogues_pass_msgfmt(cli, edit):
    _fill(cli.po("vi", "game"), lambda s: "T " + s)
    _fill(cli.po("en", "scenarios"), lambda s: "T " + s)
    edit(cli.root / "scenarios" / "demo_shipper.yaml", '"Tắt máy"', '"Tắt máy ngay"')
    edit(cli.root / "game" / "ui" / "home.py", 'f = N_("Back")', "f = None")
    main(["i18n", "update"])  # now with fuzzy, previous and obsolete entries
    text = cli.po("en", "scenarios").read_text(encoding="utf-8")
    assert "#| msgid" in text
    assert "#~ " in cli.po("vi", "game").read_text(encoding="utf-8")
    for lang in ("vi", "en"):
        for domain in ("game", "scenarios"):
            r = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(cli.po(lang, domain))],
                               capture_output=True, text=True)
            assert r.returncode == 0, r.stderr
