"""A throwaway project (code, one scenario, locale/) so the tools never touch the real catalogues."""

import shutil
from pathlib import Path

import pytest

from game.core import i18n as core_i18n
from game.i18n.project import Project

REPO = Path(__file__).resolve().parents[2]

UI_CODE = '''\
def draw(tr, n, name):
    # Translators: the big button on the home screen
    a = tr.gettext("Play")
    b = tr.pgettext("menu", "Settings")
    c = tr.ngettext("{n} message", "{n} messages", n).format(n=n)
    d = tr.npgettext("call", "{n} missed call", "{n} missed calls", n).format(n=n)
    e = _("Hello, {name}!").format(name=name)
    f = N_("Back")
    g = tr.gettext(name)  # not a literal: reported, not extracted
    h = tr.gettext(f"Hi {name}")
    return a, b, c, d, e, f, g, h
'''


@pytest.fixture
def project(tmp_path) -> Project:
    (tmp_path / "game" / "ui").mkdir(parents=True)
    (tmp_path / "game" / "ui" / "home.py").write_text(UI_CODE, encoding="utf-8")
    scn = tmp_path / "scenarios"
    scn.mkdir()
    shutil.copy(REPO / "scenarios" / "demo_shipper.yaml", scn / "demo_shipper.yaml")
    shutil.copytree(REPO / "scenarios" / "images", scn / "images")
    for lang in ("vi", "en"):
        (tmp_path / "locale" / lang / "LC_MESSAGES").mkdir(parents=True)
    core_i18n.clear_cache()
    yield Project(root=tmp_path)
    core_i18n.clear_cache()


@pytest.fixture
def edit():
    def _edit(path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return _edit
