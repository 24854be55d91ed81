"""A third language, started the way docs/translating.md says, works end to end."""

from game.cli import main
from game.core.i18n import available_languages, load_translator
from game.core.texts import Text
from game.i18n.project import read_po

KEY = "demo_shipper/interrogation/choice/hang_up/text"


def pseudo(s: str) -> str:
    """Accented, bracketed text that keeps {placeholders} intact."""
    table = str.maketrans("aeiouAEIOU", "åéîøüÅÉÎØÜ")
    out, depth = [], 0
    for ch in s:
        depth += ch == "{"
        out.append(ch if depth else ch.translate(table))
        depth -= ch == "}"
    return "[" + "".join(out) + "]"


def test_pseudo_locale_end_to_end(project, monkeypatch):
    import game.cli.i18n as cli

    monkeypatch.setattr(cli, "Project", lambda: project)
    assert main(["i18n", "update"]) == 0
    assert main(["i18n", "new", "qps", "--plural", "nplurals=2; plural=(n != 1);", "--name", "Pseudo"]) == 0
    assert main(["i18n", "new", "qps"]) == 1  # already there: refused
    assert available_languages(project.locale_dir)["qps"] == "Pseudo"

    for domain in ("game", "scenarios"):
        path = project.po("qps", domain)
        po = read_po(path)
        assert len(po) > 0
        for e in po:
            if e.msgctxt == KEY:
                continue  # left untranslated on purpose: falls back to English, then source
            if e.msgid_plural:
                e.msgstr_plural = {0: pseudo(e.msgid), 1: pseudo(e.msgid_plural)}
            else:
                e.msgstr = pseudo(e.msgid)
        po.save(str(path))
    assert main(["i18n", "check", "--lang", "qps"]) == 0

    tr = load_translator("qps", project.locale_dir)
    assert tr.gettext("Play") == "[Plåy]"
    assert tr.ngettext("{n} message", "{n} messages", 3).format(n=3) == "[3 méssågés]"
    assert tr.ngettext("{n} message", "{n} messages", 1).format(n=1) == "[1 méssågé]"
    assert tr.text(Text("red_flag/urgency/name", "Thúc ép gấp gáp")) == "[" + pseudo("Thúc ép gấp gáp")[1:]
    # Untranslated here and in English: the source text.
    assert tr.text(Text(KEY, "Tắt máy")) == "Tắt máy"
    # Translated in English only: a third language falls back to English before the source.
    en = project.po("en", "scenarios")
    po = read_po(en)
    for e in po:
        if e.msgctxt == KEY:
            e.msgstr = "Hang up"
    po.save(str(en))
    assert load_translator("qps", project.locale_dir).text(Text(KEY, "Tắt máy")) == "Hang up"
    # ... and the translator sees the English next to the Vietnamese source after an update.
    assert main(["i18n", "update", "qps"]) == 0
    entry = next(e for e in read_po(project.po("qps", "scenarios")) if e.msgctxt == KEY)
    assert "English: Hang up" in entry.comment
    assert main(["i18n", "status", "--lang", "qps", "--min", "100"]) == 1


def test_language_started_from_the_template_in_poedit(project, monkeypatch):
    """`File → New from POT` in Poedit: a copy of the template with a language header."""
    import game.cli.i18n as cli

    monkeypatch.setattr(cli, "Project", lambda: project)
    assert main(["i18n", "extract"]) == 0
    for domain in ("game", "scenarios"):
        po = read_po(project.pot(domain))
        po.metadata["Language"] = "th"
        po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
        for e in po:
            if e.msgid == "Play":
                e.msgstr = "เล่น"
            elif e.msgid_plural:
                e.msgstr_plural = {0: ""}
        path = project.po("th", domain)
        path.parent.mkdir(parents=True, exist_ok=True)
        po.save(str(path))
    assert available_languages(project.locale_dir)["th"] == "ไทย"
    assert load_translator("th", project.locale_dir).gettext("Play") == "เล่น"
    assert main(["i18n", "update", "th"]) == 0
    assert main(["i18n", "check", "--lang", "th"]) == 0
    assert load_translator("th", project.locale_dir).gettext("Play") == "เล่น"
