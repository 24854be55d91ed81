import polib

from game.i18n.catalogues import update
from game.i18n.project import read_po

KEY = "demo_shipper/interrogation/choice/hang_up/text"


def _entry(po, ctxt, msgid=None, obsolete=False):
    found = [e for e in po if e.msgctxt == ctxt and (msgid is None or e.msgid == msgid)
             and e.obsolete == obsolete]
    assert len(found) == 1, (ctxt, msgid, found)
    return found[0]


def _translate(path, mapping):
    po = read_po(path)
    for e in po:
        if e.msgctxt in mapping or (e.msgctxt is None and e.msgid in mapping):
            text = mapping.get(e.msgctxt) or mapping[e.msgid]
            if e.msgid_plural:
                e.msgstr_plural = {k: text for k in e.msgstr_plural}
            else:
                e.msgstr = text
    po.save(str(path))


def test_changed_source_keeps_translation_as_fuzzy_with_previous(project, edit):
    update(project)
    en = project.po("en", "scenarios")
    _translate(en, {KEY: "Hang up"})
    edit(project.root / "scenarios" / "demo_shipper.yaml", '"Tắt máy"', '"Tắt máy ngay"')
    res = update(project)
    assert res.stats[("en", "scenarios")].fuzzy == 1
    e = _entry(read_po(en), KEY)
    assert e.msgid == "Tắt máy ngay"
    assert e.msgstr == "Hang up"
    assert e.fuzzy
    assert e.previous_msgid == "Tắt máy"
    assert '#| msgid "Tắt máy"' in en.read_text(encoding="utf-8")
    # A second update changes nothing and keeps the original previous msgid.
    update(project)
    e = _entry(read_po(en), KEY)
    assert e.fuzzy and e.previous_msgid == "Tắt máy"


def test_changed_ui_string_matched_by_similarity(project, edit):
    update(project)
    vi = project.po("vi", "game")
    _translate(vi, {"Hello, {name}!": "Xin chào, {name}!"})
    edit(project.root / "game" / "ui" / "home.py", '"Hello, {name}!"', '"Hello there, {name}!"')
    update(project)
    po = read_po(vi)
    e = next(e for e in po if e.msgid == "Hello there, {name}!")
    assert e.fuzzy and e.msgstr == "Xin chào, {name}!" and e.previous_msgid == "Hello, {name}!"
    assert not any(x.obsolete for x in po)  # consumed by the fuzzy match, not obsolete


def test_removed_strings_become_obsolete_and_come_back(project, edit):
    update(project)
    vi = project.po("vi", "game")
    _translate(vi, {"Back": "Quay lại", "Play": "Chơi"})
    edit(project.root / "game" / "ui" / "home.py", 'f = N_("Back")', 'f = None')
    res = update(project)
    assert res.stats[("vi", "game")].obsolete == 1
    po = read_po(vi)
    gone = [e for e in po if e.msgid == "Back"]
    assert len(gone) == 1 and gone[0].obsolete and gone[0].msgstr == "Quay lại"
    assert "#~ msgid \"Back\"" in vi.read_text(encoding="utf-8")
    assert _entry(po, None, "Play").msgstr == "Chơi"
    # The string returns: the obsolete translation is revived as it was.
    edit(project.root / "game" / "ui" / "home.py", 'f = None', 'f = N_("Back")')
    update(project)
    back = _entry(read_po(vi), None, "Back")
    assert back.msgstr == "Quay lại" and not back.fuzzy


def test_untranslated_removed_strings_are_dropped(project, edit):
    update(project)
    edit(project.root / "game" / "ui" / "home.py", 'f = N_("Back")', 'f = None')
    update(project)
    assert not [e for e in read_po(project.po("vi", "game")) if e.msgid == "Back"]


def test_every_catalogue_holds_every_template_entry(project):
    update(project)
    # demo_shipper is written in Vietnamese; the UI in English. Entries in the catalogue's own
    # language are translated as themselves (msgen), so the tools show 100% and the game the source.
    pots = {d: read_po(project.pot(d)) for d in ("game", "scenarios")}
    for lang in ("vi", "en"):
        for d, pot in pots.items():
            po = read_po(project.po(lang, d))
            assert [(e.msgctxt, e.msgid) for e in po] == [(t.msgctxt, t.msgid) for t in pot], (lang, d)
    vi_key = _entry(read_po(project.po("vi", "scenarios")), KEY)
    assert vi_key.msgstr == vi_key.msgid and not vi_key.fuzzy
    play = _entry(read_po(project.po("en", "game")), None, "Play")
    assert play.msgstr == "Play"
    plural = _entry(read_po(project.po("en", "game")), None, "{n} message")
    assert plural.msgstr_plural == {0: "{n} message", 1: "{n} messages"}
    assert _entry(read_po(project.po("en", "scenarios")), KEY).msgstr == ""
    assert _entry(read_po(project.po("vi", "game")), None, "Play").msgstr == ""


def test_a_changed_source_in_its_own_language_is_rewritten_not_fuzzy(project, edit):
    update(project)
    edit(project.root / "scenarios" / "demo_shipper.yaml", '"Tắt máy"', '"Tắt máy ngay"')
    update(project)
    vi = read_po(project.po("vi", "scenarios"))
    e = _entry(vi, KEY)
    assert e.msgstr == "Tắt máy ngay" and not e.fuzzy
    assert not [o for o in vi if o.obsolete], "an identity entry is never kept as obsolete"
    en = _entry(read_po(project.po("en", "scenarios")), KEY)
    assert en.msgid == "Tắt máy ngay"


def test_english_source_scenario_goes_to_vi_catalogue(project, edit):
    path = project.root / "scenarios" / "demo_shipper.yaml"
    edit(path, "source_language: vi", "source_language: en")
    edit(path, '"Tắt máy"', '"Hang up"')
    update(project)
    vi = read_po(project.po("vi", "scenarios"))
    assert _entry(vi, KEY).msgid == "Hang up"
    assert _entry(read_po(project.po("en", "scenarios")), KEY).msgstr == "Hang up"
    assert any(e.msgctxt == "red_flag/urgency/name" for e in read_po(project.po("en", "scenarios")))


def test_plural_entries_follow_the_language(project):
    update(project)
    vi = _entry(read_po(project.po("vi", "game")), None, "{n} message")
    en_header = polib.pofile(str(project.po("en", "game"))).metadata["Plural-Forms"]
    assert sorted(vi.msgstr_plural) == [0]
    assert en_header == "nplurals=2; plural=(n != 1);"
    assert read_po(project.po("vi", "game")).metadata["Plural-Forms"] == "nplurals=1; plural=0;"


def test_unreadable_catalogue_is_left_alone(project):
    update(project)
    path = project.po("vi", "game")
    path.write_text('msgid "oops\n', encoding="utf-8")
    res = update(project)
    assert res.errors and path.read_text(encoding="utf-8") == 'msgid "oops\n'
