"""Translations cannot run code paths they shouldn't: exact placeholders, a safe plural evaluator,
control characters reported by `i18n check` and removed at run time."""

import logging

import pytest

from game.core import i18n
from game.core.i18n import load_translator
from game.core.plural import compile_plural, problem
from game.i18n.catalogues import templates, update
from game.i18n.report import check

from .test_runtime import _set


@pytest.fixture
def updated(project):
    update(project)
    i18n.clear_cache()
    return project


@pytest.mark.parametrize("evil", ["{n:>999999999} tin nhắn", "{n.__class__} tin nhắn", "{n!r} tin nhắn",
                                  "{n[0]} tin nhắn", "{n:{n}} tin nhắn"])
def test_check_refuses_and_runtime_ignores_specs_conversions_and_attributes(updated, evil, caplog):
    _set(updated.po("vi", "game"), {"{n} message": evil, "Play": "Chơi"})
    issues = [i for i in check(updated, templates(updated), ["vi"]) if i.severity == "error"]
    assert any("{n} message" in i.message for i in issues), [i.format() for i in issues]
    with caplog.at_level(logging.WARNING, logger="la_chan.i18n"):
        tr = load_translator("vi", updated.locale_dir)
    assert tr.ngettext("{n} message", "{n} messages", 3).format(n=3) == "3 messages"  # the source text
    assert tr.gettext("Play") == "Chơi"  # the rest of the catalogue still works


def test_check_reports_control_characters_with_their_column(updated):
    _set(updated.po("vi", "game"), {"Play": "Ch\x1b[2Jơi", "Settings": "Cài\nđặt\x00"})
    issues = check(updated, templates(updated), ["vi"])
    found = [i for i in issues if "LC420" in i.message]
    assert len(found) == 2, [i.format() for i in issues]
    assert any("U+001B ESC at line 1, column 3" in i.message for i in found)
    assert any("U+0000 NUL at line 2, column 4" in i.message for i in found)
    assert all("\x1b" not in i.format() and "\x00" not in i.format() for i in issues)
    tr = load_translator("vi", updated.locale_dir)
    assert tr.gettext("Play") == "Ch[2Jơi"


@pytest.mark.parametrize(("header", "bad"), [
    ("nplurals=1; plural=0;", False),
    ("nplurals=2; plural=(n != 1);", False),
    ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
     False),
    ("nplurals=2; plural=n/0;", True),
    ("nplurals=2; plural=n%(n-5);", True),
    ("nplurals=2; plural=n+1;", True),  # names a form that does not exist
    ("nplurals=2; plural=__import__('os').system('x');", True),
    ("nplurals=2; plural=" + "(" * 100 + "n" + ")" * 100 + ";", True),
    ("nplurals=2; plural=n ? : 1;", True),
])
def test_plural_headers_are_checked_by_the_safe_evaluator(header, bad):
    assert (problem(header) is not None) == bad


def test_the_evaluator_follows_c_semantics():
    f = compile_plural("n % 3 == 1 ? 0 : -n / 2 == -2 ? 1 : 2")
    assert [f(n) for n in (1, 4, 5, 6)] == [0, 0, 1, 2]
    with pytest.raises(ZeroDivisionError):
        compile_plural("1 / (n - 2)")(2)


def _insert(path, after: str, text: str) -> int:
    """Put `text` into the file right after the first `after`; the 1-based line it lands on."""
    body = path.read_text(encoding="utf-8")
    at = body.index(after) + len(after)
    path.write_text(body[:at] + text + body[at:], encoding="utf-8")
    return body.count("\n", 0, at) + 1


@pytest.mark.parametrize("ch", ["\x85", "\u2028", "\x0b", "\x1c"])
def test_a_line_breaking_control_character_spoils_one_entry_not_the_catalogue(updated, ch, caplog):
    """U+0085 (a cp1252 '…' mis-decoded) and friends end a line for polib: once the whole file was
    dropped at run time and `i18n check` blamed line 1."""
    _set(updated.po("vi", "game"), {"Play": "Chơi", "Settings": "Cài đặt"})
    line = _insert(updated.po("vi", "game"), 'msgstr "Chơi', ch)
    i18n.clear_cache()
    with caplog.at_level(logging.WARNING, logger="la_chan.i18n"):
        tr = load_translator("vi", updated.locale_dir)
    assert tr.pgettext("menu", "Settings") == "Cài đặt"  # the rest of the catalogue still works
    assert tr.gettext("Play") == "Play"  # the spoiled entry shows the source text
    warned = [r.getMessage() for r in caplog.records if "Play" in r.getMessage()]
    assert warned and f"game.po:{line}:" in warned[0] and f"U+{ord(ch):04X}" in warned[0], caplog.text
    issues = [i for i in check(updated, templates(updated), ["vi"]) if i.severity == "error"]
    assert [(i.line, "LC420" in i.message, "Play" in i.message) for i in issues] == [(line, True, True)], \
        [i.format() for i in issues]


def test_a_broken_plural_header_falls_back_to_the_languages_own_rule(updated, caplog):
    """vi has one form: falling back to the English rule picked form 1, which vi does not have, and
    every plural showed in English."""
    _set(updated.po("vi", "game"), {"{n} message": "{n} tin nhắn"})
    path = updated.po("vi", "game")
    path.write_text(path.read_text(encoding="utf-8").replace("nplurals=1; plural=0;", "nplurals=2; plural=(n/0);"),
                    encoding="utf-8")
    i18n.clear_cache()
    with caplog.at_level(logging.WARNING, logger="la_chan.i18n"):
        tr = load_translator("vi", updated.locale_dir)
        assert [tr.ngettext("{n} message", "{n} messages", n) for n in (1, 29)] == ["{n} tin nhắn"] * 2
    assert "plural rule of vi" in caplog.text
    assert i18n._safe_plural("nplurals=2; plural=(n/0);", "x.po", "en")(29) == 1
    assert i18n._safe_plural("nplurals=2; plural=(n/0);", "x.po", "fr")(1) == 0


def test_a_broken_plural_header_is_one_problem_at_its_line(updated):
    _set(updated.po("vi", "game"), {"{n} message": "{n} tin nhắn"})
    path = updated.po("vi", "game")
    body = path.read_text(encoding="utf-8")
    path.write_text(body.replace("nplurals=1; plural=0;", "nplurals=2; plural=(n/0);"), encoding="utf-8")
    line = body[:body.index("Plural-Forms")].count("\n") + 1
    issues = [i for i in check(updated, templates(updated), ["vi"]) if i.severity == "error"]
    assert [(i.line, "Plural-Forms" in i.message) for i in issues] == [(line, True)], [i.format() for i in issues]
