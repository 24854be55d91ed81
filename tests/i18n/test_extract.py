from game.i18n.extract import extract, extract_scenarios, extract_ui
from game.i18n.project import source_language


def _by_id(pot):
    return {(e.msgctxt, e.msgid): e for e in pot}


def test_ui_calls_on_any_object_and_bare(project):
    ex = extract_ui(project)
    got = _by_id(ex.pot)
    assert set(got) == {
        (None, "Play"), ("menu", "Settings"), (None, "{n} message"), ("call", "{n} missed call"),
        (None, "Hello, {name}!"), (None, "Back"),
    }
    assert got[(None, "{n} message")].msgid_plural == "{n} messages"
    assert got[("call", "{n} missed call")].msgid_plural == "{n} missed calls"
    assert got[(None, "Play")].occurrences == [("game/ui/home.py", "3")]
    assert got[(None, "Play")].comment == "the big button on the home screen"
    assert "python-brace-format" in got[(None, "Hello, {name}!")].flags
    assert "python-brace-format" not in got[(None, "Play")].flags


def test_non_literals_are_reported(project):
    warnings = extract_ui(project).warnings
    assert any("home.py:9" in w and "not a literal" in w for w in warnings)
    assert any("home.py:10" in w and "f-string" in w for w in warnings)


def test_scenario_entries_carry_key_location_note_and_language(project):
    pot = extract_scenarios(project).pot
    e = next(e for e in pot if e.msgctxt == "demo_shipper/interrogation/choice/hang_up/text")
    assert e.msgid == "Tắt máy"
    assert e.occurrences[0][0] == "scenarios/demo_shipper.yaml"
    assert int(e.occurrences[0][1]) > 1
    assert source_language(e) == "vi"
    officer = next(e for e in pot if e.msgctxt == "demo_shipper/contact/officer/name")
    assert "Kẻ gian mạo danh công an" in officer.comment
    assert any(e.msgctxt == "red_flag/urgency/name" for e in pot)
    assert any(e.msgctxt.startswith("hotline/") and e.occurrences[0][0] == "assets/data/hotlines.yaml"
               for e in pot)


def test_extract_writes_templates_only_when_changed(project):
    extract(project)
    pot = project.pot("game")
    first = pot.read_text(encoding="utf-8")
    mtime = pot.stat().st_mtime_ns
    extract(project)
    assert pot.read_text(encoding="utf-8") == first
    assert pot.stat().st_mtime_ns == mtime
