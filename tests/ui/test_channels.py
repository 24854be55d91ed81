"""The format-2 phone screens (issue 13), driven headless: mail (inbox and message), the social
feed and "About this page", the browser, the camera on a QR code, the installer and the
permissions screen. Every new focus opens its screen; nothing crashes; what matters is drawn."""

from pathlib import Path

import pygame
import pytest
import segno

from game.core.loader import load_scenario
from game.ui.phone import qr as qrmod
from game.ui.scenes.play import PlayScene

from .driver import layout_problems

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "v2"


def play(make_driver, name="v2_channels.yaml", lang="en", size=(1280, 720), **kw):
    loaded = load_scenario(FIX / name)
    assert loaded.scenario is not None and not loaded.errors, loaded.errors
    d = make_driver(lang=lang, size=size, timers=False, **kw)
    d.app.push(PlayScene(d.app, loaded.scenario))
    d.frame()
    return d


def to_step(d, step: str):
    """Space past events, 1 at decisions (the neutral "next"), Enter past cards, until `step` is deciding."""
    for _ in range(3000):
        sc = d.scene
        if sc.card is not None:
            d.key(pygame.K_RETURN)
        elif sc.engine.deciding and sc.engine.step.id == step:
            d.frame()
            return
        elif sc.engine.deciding:
            d.key(pygame.K_1)
        else:
            d.key(pygame.K_SPACE, dt=0.2)
    raise AssertionError(f"never reached {step}")


def phone_items(d, **extra):
    out = [it for it in d.scene.items if it.area == "phone"]
    for k, v in extra.items():
        out = [it for it in out if it.extra.get(k) == v] if v is not True else [it for it in out if k in it.extra]
    return out


def no_problems(d):
    d.draw()
    probs = [p for p in layout_problems(d.scene) if "phone" in p or "outside" in p]
    assert not probs, probs


def test_mail_inbox_and_message_keep_the_domain_and_the_extension(make_driver):
    d = play(make_driver, size=(960, 600))
    to_step(d, "s_mail")
    sc = d.scene
    assert sc.phone.screen == ("email", "mail", "v2_channels/s_mail/m1")  # the phone follows the story
    no_problems(d)
    text = d.screen_text()
    assert "Kipo Support" in text and "Your page will be locked in 24 hours" in text
    assert "500,000 VND" in text  # {amount}, filled and formatted for English
    rows = phone_items(d, address=True)
    whole = "<" + rows[0].extra["address"] + ">"
    # every character of the address shows, the `@` and the domain included, over as many lines as it needs
    assert "".join(r.text for r in rows) == whole and len(rows) > 1, [r.text for r in rows]
    assert whole.endswith("page-help-center-support.example>")
    reply = phone_items(d, reply_to=True)[0].text
    assert reply.endswith("freemail.example")
    chip = [t for t in d.texts() if t.endswith(".pdf.apk")]
    assert chip, d.texts()
    # Back goes to the inbox: both mails, the unread one with a dot
    d.key(pygame.K_BACKSPACE)
    assert sc.phone.screen == ("mail", "mail")
    d.draw()
    assert "Your November statement" in d.screen_text()
    assert phone_items(d, unread="v2_channels/s_mail/m0")
    no_problems(d)


def test_vietnamese_money_format(make_driver):
    d = play(make_driver, lang="vi")
    to_step(d, "s_mail")
    assert "500.000đ" in d.screen_text()


def test_feed_badge_sponsored_counts_and_about_sheet(make_driver):
    d = play(make_driver)
    to_step(d, "s_feed")
    sc = d.scene
    assert sc.phone.screen == ("feed", "feed")
    d.run_until(lambda: sc.image("img/flood.png") is not None and not sc.phone.banners, limit=400, dt=0.1)
    d.draw()
    text = d.screen_text()
    assert "Warm Hands Fund" in text and "Sponsored" in text.replace("\n", " ")
    assert "1.2K" in text and "2 comments" in text and "Sent! Stay strong everyone." in text
    badge = phone_items(d, badge="quy")
    assert badge
    # the badge is drawn: its pixels are the badge blue, and there is no glyph text for it
    surf = d.app.surface
    r = badge[0].rect
    blue = sum(1 for x in range(r.left, r.right) for y in range(r.top, r.bottom)
               if surf.get_at((x, y))[:3] == (24, 119, 242))
    assert blue > r.w * r.h * 0.3, blue
    d.click_action(("phone", "open", ("about", "feed", "quy")))
    assert sc.phone.screen == ("about", "feed", "quy")
    d.draw()
    text = d.screen_text()
    assert "About this page" in text and "2 Oct 2026" in text
    assert "Pretty Clothes Shop" in text and "Flash Sale 9.9" in text and "flood victims" in text
    d.key(pygame.K_BACKSPACE)
    assert sc.phone.screen == ("feed", "feed")


def test_scanning_a_qr_is_only_looking(make_driver):
    d = play(make_driver)
    to_step(d, "s_feed")
    sc = d.scene
    d.draw()
    code = phone_items(d, qr=True)[0]
    want = segno.make("BANK|0123456789|NGUYEN VAN A|500000", error="m")
    n = want.symbol_size(border=0)[0] + 2 * qrmod.QUIET
    assert code.surface.get_width() % n == 0  # whole pixels per module
    # the drawn image is segno's matrix, module by module
    px = code.surface.get_width() // n
    for y, row in enumerate(want.matrix):
        for x, v in enumerate(row):
            got = code.surface.get_at(((x + qrmod.QUIET) * px + px // 2, (y + qrmod.QUIET) * px + px // 2))[:3]
            assert (got == (0, 0, 0)) == bool(v)
    log = list(sc.engine.log)
    d.click_action(("phone", "open", ("camera", "v2_channels/s_feed/p1/qr")))
    assert sc.phone.screen[0] == "camera"
    d.draw()
    text = d.screen_text().replace("\n", " ")
    assert "personal account: NGUYEN VAN A" in text and "0123456789" in text and "500,000 VND" in text
    assert sc.engine.log == log and sc.engine.deciding  # looking chose nothing
    d.key(pygame.K_BACKSPACE)
    assert sc.phone.screen == ("feed", "feed")  # back where the code was


def test_scan_event_opens_the_camera(make_driver):
    d = play(make_driver)
    to_step(d, "s_scan")
    sc = d.scene
    assert sc.phone.screen == ("scan", "v2_channels/s_scan/sc")
    assert "Sen Bank" in d.screen_text()
    assert phone_items(d, scan_result="transfer")
    no_problems(d)


def test_notification_image_thumbnail(make_driver):
    d = play(make_driver)
    to_step(d, "s_scan")
    sc = d.scene
    d.run_until(lambda: sc.image("img/flood.png") is not None, limit=200, dt=0.05)
    sc.phone.screen = ("shade",)
    d.draw()
    assert phone_items(d, thumb="img/flood.png")
    # mails and posts are in the shade too: nothing the story said is lost with its banner
    d.key(pygame.K_HOME)
    d.draw()
    text = d.screen_text()
    assert "Your page will be locked in 24 hours" in text and "Warm Hands Fund" in text
    sc.phone.screen = ("lock",)
    d.draw()
    assert phone_items(d, thumb="img/flood.png")


def test_browser_url_bar_and_filled_fields(make_driver):
    d = play(make_driver, size=(960, 600))
    to_step(d, "s_page")
    sc = d.scene
    assert sc.phone.screen == ("page", "v2_channels/s_page/pg")
    no_problems(d)
    dom = phone_items(d, domain=True)[0]
    assert dom.extra["domain"] == "kipo.com-page-help-center.example"  # the whole domain, in one or two lines
    assert "".join(it.text for it in phone_items(d, domain=True) + phone_items(d, domain_part=True)) == dom.extra["domain"]
    assert phone_items(d, secure=True)
    assert not phone_items(d, domain_flag=True)
    assert "Pay 500,000 VND and continue" in d.screen_text()
    d.key(pygame.K_1)  # type the password: a choice
    assert sc.card is not None
    d.draw()
    assert phone_items(d, domain_flag=True), "the feedback names the look-alike address: the URL bar shows it"
    typed = {it.extra["typed"]: it.text for it in phone_items(d, typed=True)}
    assert typed["password"].strip("•") == "" and typed["otp"].strip("•") == ""
    assert typed["text"] == "Lan"


def test_installer_and_permissions(make_driver):
    d = play(make_driver, size=(960, 600))
    to_step(d, "s_install")
    sc = d.scene
    assert sc.phone.screen == ("install", "v2_channels/s_install/ins")
    text = d.screen_text()
    assert "VNeID Update" in text and "VNeID Support Center" in text and "18 MB" in text and "Install" in text
    no_problems(d)
    to_step(d, "s_perm")
    assert sc.phone.screen == ("install", "v2_channels/s_perm/perm")
    d.draw()
    text = d.screen_text()
    assert {it.extra["permission"] for it in phone_items(d, permission=True)} == {
        "accessibility", "read_sms", "screen_share", "overlay"}
    assert "OTP" in text and "Allow" in text
    no_problems(d)


def test_permission_descriptions_cover_every_permission():
    from game.core.loader import load_taxonomy
    from game.core.model import PERMISSIONS

    tax = load_taxonomy()
    assert set(tax.permissions) == set(PERMISSIONS)


@pytest.mark.parametrize("name", ["v2_demo.yaml", "v2_channels.yaml"])
def test_every_new_focus_draws(make_driver, name):
    """Play to the end by keys; at each frame the phone is drawn; home icons and Back work."""
    d = play(make_driver, name=name, size=(960, 600))
    seen = set()
    for _ in range(3000):
        sc = d.scene
        if d.name != "PlayScene":
            break
        seen.add(sc.phone.screen[0])
        if sc.card is not None:
            d.key(pygame.K_RETURN)
        elif sc.engine.deciding:
            d.key(pygame.K_1)
        else:
            d.key(pygame.K_SPACE, dt=0.2)
    assert d.name == "DebriefScene"
    # events without a delay land together: the phone shows the last one's screen
    assert seen & {"email", "feed", "page", "scan", "install"}, seen


def test_home_has_the_new_apps(make_driver):
    d = play(make_driver)
    sc = d.scene
    sc.phone.screen = ("home",)
    d.draw()
    for target in (("mail", "mail"), ("feed", "feed"), ("browser",), ("camera",)):
        d.click_action(("phone", "open", target))
        assert sc.phone.screen == target
        d.draw()
        d.key(pygame.K_BACKSPACE)
        assert sc.phone.screen == ("home",)
        d.draw()


def test_a_qr_in_a_chat_bubble_can_be_scanned_by_keyboard(make_driver):
    d = play(make_driver, size=(960, 600))
    to_step(d, "s_chat")
    sc = d.scene
    assert sc.phone.screen[0] == "thread"
    no_problems(d)
    action = ("phone", "open", ("camera", "v2_channels/s_chat/q1/qr"))
    for _ in range(40):  # Tab reaches the Scan button like any other button
        if sc.focus == action:
            break
        d.key(pygame.K_TAB)
    assert sc.focus == action
    d.key(pygame.K_RETURN)
    assert sc.phone.screen == ("camera", "v2_channels/s_chat/q1/qr")
    d.draw()
    assert "https://class-fund.example/join" in d.screen_text()
    assert sc.engine.deciding and not sc.engine.log
    d.key(pygame.K_BACKSPACE)
    assert sc.phone.screen[0] == "thread"


def test_spam_choice_moves_the_mail_and_labels_fill_placeholders(make_driver):
    d = play(make_driver)
    to_step(d, "s_mail")
    sc = d.scene
    assert "Report 500,000 VND fee mail as spam" in d.texts()  # a choice label, filled from the engine
    d.key(pygame.K_2)
    assert sc.card is not None
    d.key(pygame.K_RETURN)
    mail = next(m for m in sc.engine.phone.emails if m.id == "v2_channels/s_mail/m1")
    assert mail.folder == "spam"
    d.run_until(lambda: not sc.phone.banners)  # a banner would sit over the folder tabs
    sc.phone.screen = ("mail", "mail")
    d.draw()
    assert "Your page will be locked in 24 hours" not in d.screen_text()
    assert "Spam (1)" in d.texts()
    d.click_action(("phone", "open", ("mail", "mail", "spam")))
    d.draw()
    assert "Your page will be locked in 24 hours" in d.screen_text()
    d.key(pygame.K_BACKSPACE)
    assert sc.phone.screen == ("mail", "mail")


def test_translator_fills_placeholders_after_translating():
    from game.core.i18n import Translator
    from game.core.texts import Text

    t = Text("k", "Phí {amount}, {{ngoặc}} {unknown}", (("amount", "money", 1500000),))
    assert Translator("vi").text(t) == "Phí 1.500.000đ, {ngoặc} {unknown}"
    assert Translator("en").text(t) == "Phí 1,500,000 VND, {ngoặc} {unknown}"


def test_feed_and_about_show_the_pages_own_picture(make_driver):
    # a page with `avatar:` shows its picture (fake_charity's has a tick drawn in it: a badge in a
    # picture is not verification), not an initial letter
    d = play(make_driver)
    to_step(d, "s_feed")
    sc = d.scene
    d.run_until(lambda: sc.image("img/flood.png") is not None and not sc.phone.banners, limit=400, dt=0.1)
    d.draw()
    faces = [it for it in phone_items(d, avatar="quy") if it.kind == "image"]
    assert faces and faces[0].surface is not None
    assert "W" not in d.texts()  # no initial where the picture is
    d.click_action(("phone", "open", ("about", "feed", "quy")))
    assert sc.phone.screen == ("about", "feed", "quy")
    d.draw()
    assert [it for it in phone_items(d, avatar="quy") if it.kind == "image" and it.layer >= 7]
    no_problems(d)


def test_feed_comment_names_keep_their_diacritics(make_driver):
    d = play(make_driver, name="v2_channels_vi.yaml", lang="vi", size=(960, 600))
    to_step(d, "s_feed")
    d.draw()
    probs = [p for p in layout_problems(d.scene) if "needs" in p]
    assert not probs, probs


def test_two_mails_landing_together(make_driver):
    # m0 and m1 land at the same clock time; the phone opens m1 (the story's focus). As a phone in
    # the mail app does, m0 gets no banner (it is in the inbox, unread), and the shade lists the two
    # in the order they arrived: m0 above m1 (oldest at the top)
    d = play(make_driver)
    to_step(d, "s_mail")
    sc = d.scene
    assert sc.phone.screen == ("email", "mail", "v2_channels/s_mail/m1")
    assert not [b for b in sc.phone.banners if b.target and b.target[0] == "email"]
    sc.phone.open(("shade",))
    d.draw()
    texts = [t for t in d.texts() if "Your November statement" in t or "locked in 24 hours" in t]
    assert len(texts) == 2 and "November" in texts[0], texts


def test_a_login_field_is_filled_with_the_players_own_number_when_the_story_gives_one(make_driver, tmp_path):
    """"Email or phone number" filled with a name read wrong (student try-out): with `player.number`
    the field shows it."""
    from game.ui.phone import browser

    class Scn:
        id = "x"

        class player:  # noqa: N801 - a stand-in for the model's Player
            name = "Lan"
            number = "0915 000 101"

    class Scene:
        scn = Scn
        tr = None

    assert browser._typed(Scene, "text") == "0915 000 101"
    assert browser._typed(Scene, "password").strip("•") == ""


def test_a_storys_qr_codes_are_encoded_as_it_starts_not_when_first_shown(make_driver, monkeypatch):
    """The first code shown used to import segno and encode itself inside a frame (an 80 ms stall
    opening a feed); the play scene now encodes the story's codes when it starts."""
    qrmod._MATRIX.clear()
    d = play(make_driver)
    assert "BANK|0123456789|NGUYEN VAN A|500000" in qrmod._MATRIX
    made = []
    monkeypatch.setattr(segno, "make", lambda *a, **k: made.append(a))
    to_step(d, "s_feed")
    d.draw()
    assert phone_items(d, qr=True) and not made  # drawn from the matrices made at the start
