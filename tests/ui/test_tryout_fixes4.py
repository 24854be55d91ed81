"""Small defects from the last try-out, each through what the user touches: the command lines' counts
("1 file", not "1 files"), ..."""

from game.cli import main
from game.core.loader import SCENARIOS_DIR

ONE = SCENARIOS_DIR / "demo_shipper.yaml"


def test_the_command_lines_count_one_thing_in_the_singular(tmp_path, capsys, data_dir):
    assert main(["lint", str(ONE), "--lang", "en"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("1 file, 1 scenario, ") and last.endswith(": 0 errors, 0 warnings"), last
    assert main(["lint", str(ONE), "--lang", "vi"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("1 tệp, 1 kịch bản, ") and last.endswith(": 0 lỗi, 0 cảnh báo"), last
    assert main(["migrate", str(ONE), "--check", "--lang", "en"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("1 file: 0 to migrate, "), "migrate"

    sim = tmp_path / "sim"
    assert main(["results", "simulate", "-o", str(sim), "--students", "2", "--lang", "en"]) == 0
    assert " results files, " in capsys.readouterr().out  # more than one file: the plural stays
    one = sorted(sim.glob("results-*.db"))[0]
    assert main(["results", "merge", str(one), "-o", str(tmp_path / "c.db"), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert ": 1 file merged, " in out, out
    assert main(["results", "merge", str(one), "-o", str(tmp_path / "c.db"), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith(": 1 file merged, 0 new sessions, 0 new decisions"), out
    assert main(["results", "merge", str(one), "-o", str(tmp_path / "c.db"), "--lang", "vi"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith(": đã gộp 1 tệp, 0 phiên mới, 0 quyết định mới"), out


def _card_after(d, name: str, choice: str):
    import pygame

    from game.core.loader import load_scenario
    from game.ui.scenes.play import PlayScene

    d.app.push(PlayScene(d.app, load_scenario(SCENARIOS_DIR / name).scenario))
    for _ in range(200):
        sc = d.scene
        if sc.card is not None:
            return sc
        if sc.engine.deciding:
            ids = [c.id for c in sc.numbered()]
            if choice in ids:
                d.key(pygame.K_1 + ids.index(choice))
            else:
                d.key(pygame.K_1)
        else:
            d.key(pygame.K_SPACE, dt=0.2)
    raise AssertionError("no feedback card")


def _outlines_in_sight(sc) -> list:
    flag = sc.theme["flag"]
    out = []
    for it in sc.items:
        if it.area == "phone" and it.border and it.border_colour == flag:
            r = it.rect.clip(it.clip) if it.clip is not None else it.rect
            if r.w > 0 and r.h > 0:
                out.append(it)
    return out


def test_the_card_points_at_orange_outlines_only_when_the_phone_shows_one(make_driver):
    """Found in a try-out: after "Call Mum" the phone shows the call, the outlined messages are behind
    it, and the card still said the outlines on the phone show where the red flags appeared."""
    for lang in ("en", "vi"):
        d = make_driver(lang=lang, timers=False)
        hint = d.app.tr.gettext("The orange outlines on the phone show where they appeared.")
        sc = _card_after(d, "otp_mistake.yaml", "call_mom")
        assert sc.card.decision.flags_shown and sc.phone.screen[0] == "call"
        d.frame()
        assert not _outlines_in_sight(sc)
        assert hint not in d.texts(), lang
        d = make_driver(lang=lang, timers=False)
        sc = _card_after(d, "otp_mistake.yaml", "ask_why")  # the conversation stays in sight
        d.frame()
        assert _outlines_in_sight(sc)
        assert hint in d.texts(), lang


def test_the_results_warning_says_where_results_are_kept_only_when_they_are(make_driver, tmp_path):
    """Found in a try-out: with the trainer's results folder unwritable, the scenario list said results
    are kept on this computer before anything had been written here (and this computer's folder could
    not be written either)."""
    from game.core import results as R
    from game.ui.scenes.picker import PickerScene

    stick = tmp_path / "stick"
    stick.write_text("a file where the folder should be")
    for lang in ("en", "vi"):
        broken = tmp_path / f"local-{lang}"
        broken.mkdir()
        (broken / "results").write_text("a file where this computer's results folder should be")
        rec = R.ResultsStore(stick / "results", data_dir=broken, machine="pc1")
        d = make_driver(lang=lang, recorder=rec)
        d.app.push(PickerScene(d.app))
        d.frame()
        tr = d.app.tr
        kept = tr.gettext("The results folder cannot be written. Results are kept on this computer until it can.")
        assert kept not in d.screen_text(), lang
        assert rec.warning == R.WARN_NOWHERE
        nowhere = tr.gettext(R.WARN_NOWHERE)
        assert nowhere in d.screen_text(), lang
        assert lang == "en" or nowhere != R.WARN_NOWHERE  # said in the player's language
        rec.close()
    # this computer can keep them: the warning says so, and a write here has already worked
    rec = R.ResultsStore(stick / "results", data_dir=tmp_path / "fine", machine="pc2")
    assert rec.warning == R.WARN_FALLBACK
    assert (tmp_path / "fine" / "results" / "pending-pc2.db").exists()
    rec.close()


def test_the_debriefs_scroll_hint_stays_clear_of_the_panels_rounded_corners(make_driver):
    """Found in a try-out: "Scroll for more" ended in the debrief panel's rounded bottom corner."""
    import pygame

    from game.core.engine import Engine
    from game.core.loader import load_scenario
    from game.ui.scenes.debrief import DebriefScene

    scn = load_scenario(ONE).scenario
    seen = 0
    for size in ((960, 600), (1280, 720), (1920, 1080)):
        for text_size in ("small", "medium", "large"):
            d = make_driver(size=size, text_size=text_size, timers=False)
            eng = Engine.replay(scn, [{"choice": c} for c in ("answer", "add_officer", "accept_video", "give_id",
                                                            "call_mom")], timers=False)
            d.app.reset(DebriefScene(d.app, scn, eng))
            d.frame()
            d.frame()
            hint = d.app.tr.gettext("Scroll for more (mouse wheel or Page Down)")
            drawn = [t.rect for t in d.app.painter.drawn if t.text == hint]
            if d.scene.max_scroll == 0:
                assert not drawn
                continue
            seen += 1
            (got,) = drawn
            panel = next(it for it in d.scene.items if it.group == "panel")
            r = panel.radius
            assert panel.rect.contains(got), (size, text_size, got, panel.rect)
            inner = panel.rect.inflate(-2 * r, 0), panel.rect.inflate(0, -2 * r)  # the shape without its corners
            assert inner[0].contains(got) or inner[1].contains(got), (size, text_size, got, panel.rect, r)
            pygame.display.quit()
    assert seen >= 6


def _enter():
    import pygame

    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=40))
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="\r"))


def test_enter_pressed_twice_on_the_profile_does_not_start_a_scenario(make_driver, monkeypatch):
    """Found in a try-out: Enter twice quickly on the nickname screen started the menu's focused card."""
    from game.ui.app import App
    from game.ui.scenes.profile import ProfileScene

    # both presses in one turn
    d = make_driver(timers=False)
    d.app.reset(ProfileScene(d.app))
    d.frame()
    d.scene.values["nickname"] = "Tester"
    d.scene.focus = ("field", "class_code")
    _enter()
    _enter()
    d.frame()
    d.frame()
    assert [type(s).__name__ for s in d.app.stack] == ["PickerScene"]
    # the second press while the menu loads its list (it reaches the next turn)
    d = make_driver(timers=False)
    d.app.reset(ProfileScene(d.app))
    d.frame()
    d.scene.values["nickname"] = "Tester"
    d.scene.focus = ("field", "class_code")
    loads = App.get_catalog

    def slow_load(app):
        if app.catalog is None:
            _enter()  # pressed while the list is read
        return loads(app)

    monkeypatch.setattr(App, "get_catalog", slow_load)
    _enter()
    d.frame()
    d.frame()
    d.frame()
    assert [type(s).__name__ for s in d.app.stack] == ["PickerScene"]
    assert d.app.prefs.class_code == ""  # no text of the key reached a field
    # a press once the menu is on screen still starts the focused card
    d.key(__import__("pygame").K_RETURN)
    assert d.name != "PickerScene"
