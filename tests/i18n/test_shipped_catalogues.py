"""The catalogues in locale/ are valid, complete for vi and en, and match the sources."""

import shutil
import subprocess

import pytest

from game.core.i18n import DOMAINS
from game.i18n.extract import extract
from game.i18n.project import Project
from game.i18n.report import check, status

PROJECT = Project()
CATALOGUES = sorted(PROJECT.locale_dir.glob("*/LC_MESSAGES/*.po"))


@pytest.fixture(scope="module")
def pots():
    return {d: ex.pot for d, ex in extract(PROJECT, write=False).items()}


def test_vi_and_en_catalogues_exist():
    for lang in ("vi", "en"):
        for domain in DOMAINS:
            assert PROJECT.po(lang, domain).exists()


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext not installed")
@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_msgfmt_check(path):
    r = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_i18n_check_has_no_errors(pots):
    errors = [i.format() for i in check(PROJECT, pots) if i.severity == "error"]
    assert errors == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_fully_translated(pots, lang):
    rows = status(PROJECT, pots, [lang])
    missing = {f"{r.lang}/{r.domain}": r.counts.to_json() for r in rows if r.counts.percent < 100 or r.error}
    assert missing == {}


def test_ui_code_only_translates_literals():
    """`tr.gettext(variable)` or an f-string can never be translated; extract reports them."""
    from game.i18n.extract import extract_code, extract_diagnostics

    assert {d: ex.warnings for d, ex in extract_code(PROJECT).items()} == {"game": [], "cli": [], "report": []}
    assert extract_diagnostics(PROJECT).warnings == []
