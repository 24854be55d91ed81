"""Catalogues survive the standard tools: `msgmerge --previous` against the template (what Poedit's
"Update from POT" and Weblate's msgmerge add-on run) and `msgcat` change no byte of a catalogue
`i18n update` wrote; `i18n check` catches what would make them differ."""

import shutil
import subprocess

import polib
import pytest

from game.core.i18n import DOMAINS
from game.i18n.catalogues import update
from game.i18n.project import read_po
from game.i18n.report import check
from game.i18n.wrap import field
from tests.i18n.conftest import REPO

GETTEXT = shutil.which("msgmerge") is not None and shutil.which("msgcat") is not None
needs_gettext = pytest.mark.skipif(not GETTEXT, reason="GNU gettext not installed")
SHIPPED = [(lang, d) for lang in ("vi", "en") for d in DOMAINS]  # the tools' cli, report, diagnostics too


def _msgmerge(po, pot, out):
    subprocess.run(["msgmerge", "--previous", "--quiet", "-o", str(out), str(po), str(pot)], check=True)
    return out.read_text(encoding="utf-8")


@needs_gettext
@pytest.mark.parametrize("lang,domain", SHIPPED)
def test_msgmerge_changes_no_shipped_catalogue(lang, domain, tmp_path):
    po = REPO / "locale" / lang / "LC_MESSAGES" / f"{domain}.po"
    merged = _msgmerge(po, REPO / "locale" / f"{domain}.pot", tmp_path / "out.po")
    before = po.read_text(encoding="utf-8")
    assert merged == before, f"msgmerge --previous changes {po.relative_to(REPO)}"


@needs_gettext
@pytest.mark.parametrize("domain", DOMAINS)
def test_msgcat_changes_no_template(domain):
    pot = REPO / "locale" / f"{domain}.pot"
    out = subprocess.run(["msgcat", str(pot)], capture_output=True, text=True, check=True).stdout
    assert out == pot.read_text(encoding="utf-8")


@needs_gettext
def test_after_an_edit_update_and_msgmerge_agree(project, edit):
    """A changed, an added and a removed string: our merge and GNU's give the same catalogue."""
    update(project)
    po = project.po("vi", "game")
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgid "Play"\nmsgstr ""', 'msgid "Play"\nmsgstr "Chơi"'), encoding="utf-8")
    home = project.root / "game" / "ui" / "home.py"
    edit(home, 'tr.gettext("Play")', 'tr.gettext("Play now")')
    edit(home, 'f = N_("Back")', 'f = N_("Back to the start, the long way round, so it wraps over two lines")')
    update(project)
    ours = po.read_text(encoding="utf-8")
    e = next(x for x in read_po(po) if x.msgid == "Play now")
    assert e.fuzzy and e.msgstr == "Chơi" and e.previous_msgid == "Play"
    assert _msgmerge(po, project.pot("game"), project.root / "gnu.po") == ours


def test_check_fails_on_a_stale_reference_and_an_old_catalogue(project, edit):
    update(project)
    assert not [i for i in check(project, _fresh(project)) if i.severity == "error"]
    home = project.root / "game" / "ui" / "home.py"
    edit(home, "def draw(tr, n, name):\n", "def draw(tr, n, name):\n    pass\n\n")
    found = [i.format() for i in check(project, _fresh(project, write=False)) if i.severity == "error"]
    assert any("stale reference game/ui/home.py:3" in m and "home.py:5" in m for m in found), found
    assert any("locale/game.pot" in m and "out of date" in m for m in found), found


def test_check_fails_on_an_edited_own_language_entry(project):
    update(project)
    path = project.po("en", "game")
    path.write_text(path.read_text(encoding="utf-8").replace('msgid "Play"\nmsgstr "Play"',
                                                            'msgid "Play"\nmsgstr "Playy"'), encoding="utf-8")
    found = [i.format() for i in check(project, _fresh(project)) if i.severity == "error"]
    assert any("'Play'" in m and "the text itself" in m for m in found), found


def test_check_flags_a_translation_over_its_limit(project, edit):
    edit(project.root / "game" / "ui" / "home.py", "# Translators: the big button on the home screen",
         "# Translators: the big button on the home screen; max 6 characters")
    update(project)
    path = project.po("vi", "game")
    path.write_text(path.read_text(encoding="utf-8").replace('msgid "Play"\nmsgstr ""',
                                                            'msgid "Play"\nmsgstr "Chơi ngay"'), encoding="utf-8")
    found = [i.format() for i in check(project, _fresh(project)) if i.severity == "error"]
    assert any("9 characters" in m and "room for 6" in m for m in found), found
    path.write_text(path.read_text(encoding="utf-8").replace('"Chơi ngay"', '"Chơi"'), encoding="utf-8")
    assert not [i for i in check(project, _fresh(project)) if i.severity == "error"]


def _fresh(project, write=True):
    from game.i18n.extract import extract

    return {d: ex.pot for d, ex in extract(project, write=write).items()}


@pytest.mark.parametrize("text", ["short", "a " * 60, "line one\nline two that is long " * 4,
                                  "hoanhocphi-thpt-nguyenduc-tphcm.com " * 3, "无" * 50, "x" * 120])
def test_wrapped_strings_read_back_unchanged(text):
    escaped = polib.escape(text)
    lines = field("", "msgstr", escaped)
    joined = "".join(line[line.index('"') + 1:-1] for line in lines)
    assert joined == escaped
    assert all(len(line) <= 79 for line in lines if " " in text or "\n" in text)


def test_a_line_breaks_between_two_placeholders_as_msgmerge_breaks_it():
    """GNU msgmerge breaks "...sessions, {in_classes}" | "{span})" (between a closing and an opening
    brace), where this writer had broken before "{in_classes}": the shipped catalogue then changed
    under msgmerge."""
    text = "no session matches {options} (the files hold {n} sessions, {in_classes}{span})"
    assert field("", "msgid_plural", polib.escape(text))[1:] == [
        '"no session matches {options} (the files hold {n} sessions, {in_classes}"', '"{span})"']


def test_check_fails_on_a_catalogue_missing_template_entries(project, edit):
    update(project)
    edit(project.root / "game" / "ui" / "home.py", 'f = N_("Back")', 'f = N_("Back"), N_("Forward")')
    from game.i18n.extract import extract

    extract(project)  # the template has it; the catalogues were not updated
    found = [i.format() for i in check(project, _fresh(project)) if i.severity == "error"]
    assert any("1 template entry is missing" in m and "'Forward'" in m for m in found), found


def test_glossary_names_are_not_entries():
    """Zumi, Meetly, SongXanh... are in docs/glossary.md once, not in the catalogues 17 times."""
    from game.i18n.extract import glossary_names

    names = glossary_names(__import__("game.i18n.project", fromlist=["Project"]).Project())
    assert {"Zumi", "Meetly", "SongXanh", "Mess"} <= names
    pot = read_po(REPO / "locale" / "scenarios.pot")
    assert not [e.msgctxt for e in pot if e.msgid in names]
    assert any(e.msgid == "SongXanh Bank" for e in pot), "a name with a word to translate stays an entry"
    assert any("Zumi" in e.msgid and e.msgid != "Zumi" for e in pot), "names inside sentences stay"


def test_ui_catalogue_gives_context_and_limits():
    pot = read_po(REPO / "locale" / "game.pot")
    ctx = {(e.msgctxt, e.msgid) for e in pot}
    # one English word, two uses: each has its own context, so a language can word them differently
    assert {("setting is", "Off"), ("decision timers", "Off")} <= ctx
    assert {("text size", "Medium"), ("difficulty", "medium")} <= ctx
    limited = {e.msgid for e in pot if "max 14 characters" in " ".join((e.comment or "").split())}
    assert {"Decline", "Accept", "Hang up"} <= limited
