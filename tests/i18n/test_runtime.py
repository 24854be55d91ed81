import logging
import unicodedata

import pytest

from game.core import i18n
from game.core.i18n import Translator, load_translator, placeholder_problem
from game.core.texts import Text
from game.i18n.catalogues import update
from game.i18n.project import read_po

KEY = "demo_shipper/interrogation/choice/hang_up/text"


def _set(path, values, fuzzy=()):
    po = read_po(path)
    for e in po:
        k = e.msgctxt if e.msgctxt in values else e.msgid
        if k in values:
            if e.msgid_plural:
                e.msgstr_plural = {i: values[k] for i in e.msgstr_plural}
            else:
                e.msgstr = values[k]
            if k in fuzzy:
                e.flags.append("fuzzy")
    po.save(str(path))


@pytest.fixture
def filled(project):
    update(project)
    _set(project.po("vi", "game"), {"Play": "Chơi", "Settings": "Cài đặt", "{n} message": "{n} tin nhắn",
                                    "Back": "Quay lại", "Hello, {name}!": "Chào {ten}!"}, fuzzy={"Back"})
    _set(project.po("en", "scenarios"), {KEY: "Hang up"})
    return project


def test_translations_are_shown_and_missing_ones_fall_back(filled):
    tr = load_translator("vi", filled.locale_dir)
    assert tr.gettext("Play") == "Chơi"
    assert tr.pgettext("menu", "Settings") == "Cài đặt"
    assert tr.ngettext("{n} message", "{n} messages", 5).format(n=5) == "5 tin nhắn"
    assert tr.npgettext("call", "{n} missed call", "{n} missed calls", 2) == "{n} missed calls"  # untranslated
    assert tr.gettext("Back") == "Back"  # fuzzy: source text
    assert tr.gettext("Not in any catalogue") == "Not in any catalogue"
    en = load_translator("en", filled.locale_dir)
    assert en.text(Text(KEY, "Tắt máy")) == "Hang up"
    assert en.text(Text("demo_shipper/demand/choice/wait/text", "Chờ, không làm gì")) == "Chờ, không làm gì"
    # The scenario is Vietnamese: the vi catalogue has no entry and the source is shown.
    assert load_translator("vi", filled.locale_dir).text(Text(KEY, "Tắt máy")) == "Tắt máy"


def test_wrong_placeholder_is_ignored_at_runtime(filled, caplog):
    with caplog.at_level(logging.WARNING, logger="la_chan.i18n"):
        tr = load_translator("vi", filled.locale_dir)
    assert tr.gettext("Hello, {name}!").format(name="Lan") == "Hello, Lan!"
    assert "wrong placeholders" in caplog.text


@pytest.mark.parametrize("content", ['msgid "oops\n', "\x00\x01 not a po file", 'msgid "a"\nmsgstr "b\n'])
def test_broken_catalogue_falls_back_with_warning(filled, caplog, content):
    filled.po("vi", "game").write_text(content, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="la_chan.i18n"):
        tr = load_translator("vi", filled.locale_dir)
    assert tr.gettext("Play") == "Play"
    assert "broken" in caplog.text


def test_bad_plural_header_falls_back(filled, caplog):
    path = filled.po("vi", "game")
    path.write_text(path.read_text(encoding="utf-8").replace("plural=0;", "plural=import os;"),
                    encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="la_chan.i18n"):
        tr = load_translator("vi", filled.locale_dir)
    # The translations stay; only the plural rule falls back to the source language's (n != 1).
    assert tr.gettext("Play") == "Chơi"
    assert "plural rule" in caplog.text
    assert tr.ngettext("{n} message", "{n} messages", 5) == "{n} tin nhắn"


def test_plural_rule_failing_at_run_time_falls_back_with_one_warning(filled, caplog):
    path = filled.po("vi", "game")
    path.write_text(path.read_text(encoding="utf-8").replace("plural=0;", "plural=n/(n-3);"), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="la_chan.i18n"):
        tr = load_translator("vi", filled.locale_dir)
        for n in range(6):  # n=3 divides by zero: the source rule (n != 1) picks the form instead
            tr.ngettext("{n} message", "{n} messages", n)
    assert caplog.text.count("Plural-Forms fails") == 1


def test_missing_catalogue_falls_back_with_warning(tmp_path, caplog):
    i18n.clear_cache()
    with caplog.at_level(logging.WARNING, logger="la_chan.i18n"):
        tr = load_translator("vi", tmp_path)
    assert tr.gettext("Play") == "Play"
    assert tr.text(Text("a/b", "Xin chào")) == "Xin chào"
    assert "missing" in caplog.text


def test_catalogues_are_cached_and_reloaded_when_changed(filled):
    a = i18n.load_catalogue(filled.po("vi", "game"))
    assert i18n.load_catalogue(filled.po("vi", "game")) is a
    _set(filled.po("vi", "game"), {"Play": "Chơi ngay"})
    assert load_translator("vi", filled.locale_dir).gettext("Play") == "Chơi ngay"


def test_text_is_nfc(filled):
    decomposed = unicodedata.normalize("NFD", "Chơi")
    _set(filled.po("vi", "game"), {"Play": decomposed})
    out = load_translator("vi", filled.locale_dir).gettext("Play")
    assert out == "Chơi" and unicodedata.is_normalized("NFC", out)
    # An NFD source still finds its NFC catalogue entry.
    en = load_translator("en", filled.locale_dir)
    assert en.text(Text(KEY, unicodedata.normalize("NFD", "Tắt máy"))) == "Hang up"


def test_translator_without_catalogues_shows_source():
    tr = Translator("vi")
    assert tr.gettext("Play") == "Play"
    assert tr.ngettext("{n} day", "{n} days", 1) == "{n} day"
    assert tr.text(None) == ""


@pytest.mark.parametrize(("msgid", "msgstr", "bad"), [
    ("Hello, {name}!", "Chào {name}!", False),
    ("Hello, {name}!", "Chào {ten}!", True),
    ("Hello, {name}!", "Chào bạn!", True),
    ("{a} of {b}", "{b} / {a}", False),
    ("{score:.0f}%", "{score:.0f} %", False),
    ("{score:.0f}%", "{score:.1f} %", True),  # a format spec must be the source's, exactly
    ("{n} tin", "{n:>999999999} tin", True),  # padding to gigabytes
    ("{n} tin", "{n.__class__} tin", True),  # attribute access
    ("{n} tin", "{n!r} tin", True),  # conversion
    ("{n} tin", "{n[0]} tin", True),  # index access
    ("{} of {}", "{} / {}", False),
    ("{} of {}", "{}{}{}", True),  # a third positional argument that is never given
    ("Score {n}", "Điểm {n", True),
    ("No braces", "Không {x}", True),
    ("Literal { brace", "Dấu {", False),
])
def test_placeholder_rules(msgid, msgstr, bad):
    assert bool(placeholder_problem(msgid, msgstr)) is bad


def test_plural_placeholder_rules():
    assert placeholder_problem("One message", "", "{n} messages", ["{n} tin nhắn"]) is None
    assert placeholder_problem("One message", "", "{n} messages", ["tin nhắn"])
    assert placeholder_problem("One message", "", "{n} messages", ["Một", "{n} {x}"])


def test_direct_loading_matches_msgfmt_binary_route(filled):
    """The Catalogue built from polib gives what GNUTranslations(to_binary()) gives."""
    import gettext
    import io

    from game.i18n.project import read_po

    path = filled.po("vi", "game")
    _set(path, {"Hello, {name}!": "Xin chào, {name}!", "{n} missed call": "{n} cuộc gọi nhỡ"})
    ours = i18n.load_catalogue(path)
    ref = gettext.GNUTranslations(io.BytesIO(read_po(path).to_binary()))
    assert ours.gettext("Play") == ref.gettext("Play") == "Chơi"
    assert ours.gettext("Back") == ref.gettext("Back") == "Back"
    for n in (0, 1, 2, 5):
        assert ours.npgettext("call", "{n} missed call", "{n} missed calls", n) == \
            ref.npgettext("call", "{n} missed call", "{n} missed calls", n)
        assert ours.ngettext("{n} message", "{n} messages", n) == ref.ngettext("{n} message", "{n} messages", n)
    assert ours.pgettext("menu", "Settings") == ref.pgettext("menu", "Settings")
    assert ours.gettext("Hello, {name}!") == ref.gettext("Hello, {name}!")
