"""Banners hide nothing essential: during a call they slide in below the caller's name band, on the
browser below the URL bar, never over a full-screen dialog (installer, permissions), and two
stacked banners never overlap, even mid-slide."""

import pygame

from game.core.loader import load_all
from game.ui.phone.state import Banner
from game.ui.scenes.play import PlayScene

from .test_channels import phone_items, play, to_step


def banner_rects(d):
    """The visible part of each banner (its rectangle inside its clip)."""
    return [it.rect.clip(it.clip) if it.clip else it.rect for it in phone_items(d) if it.group == "banner"]


def shipped(sid):
    """A shipped scenario, by id."""
    return next(x.scenario for x in load_all() if x.ok and x.scenario.id == sid)


def push(sc, text, age=0.0):
    sc.phone.banners.append(Banner("Mail · Someone", text, "mail", ("shade",), sc.phone.now - age, ttl=8.0))


def test_banner_in_a_call_sits_below_the_name_band(make_driver):
    scn = shipped("fake_vneid")
    d = make_driver(lang="en", timers=False)
    d.app.reset(PlayScene(d.app, scn))
    d.frame()
    checked = 0
    for _ in range(3000):
        if d.name != "PlayScene":
            break
        sc = d.scene
        call = sc.engine.phone.call
        if sc.phone.screen == ("call",) and call is not None and call.status == "active" and sc.card is None:
            push(sc, "A banner during the call", age=1.0)
            d.draw()
            name = [it for it in phone_items(d) if it.kind == "text" and it.text == "0798 000 119" and it.role == "title"]
            assert name, d.texts()
            for r in banner_rects(d):
                assert r.top >= name[0].rect.bottom, (r, name[0].rect)
            checked += 1
            sc.phone.banners.clear()
            if checked > 3:
                break
        if sc.card is not None:
            d.key(pygame.K_RETURN)
        elif sc.engine.deciding:
            d.key(pygame.K_1)
        else:
            d.key(pygame.K_SPACE, dt=0.3)
    assert checked


def test_no_banner_over_the_installer_until_the_player_leaves(make_driver):
    d = play(make_driver)
    to_step(d, "s_install")
    sc = d.scene
    assert sc.phone.screen[0] == "install"
    push(sc, "Your order has been delivered", age=0.5)
    d.draw()
    assert not banner_rects(d)
    d.frame(6.0)  # longer than the banner would have lasted
    d.draw()
    assert not banner_rects(d)
    sc.phone.open(("home",))
    d.frame(1.0)
    d.draw()
    assert banner_rects(d), "the held banner shows once the dialog is gone"


def test_a_story_notification_slides_in_over_the_camera(make_driver):
    """fake_charity's "you check the page" landed while the camera was open and waited behind it, so
    the player decided without it (try-out): the camera is an app, and banners slide in over it."""
    d = play(make_driver)
    to_step(d, "s_feed")
    sc = d.scene
    sc.phone.open(("camera", "v2_channels/s_feed/p1/qr"))
    push(sc, "The page was created last month", age=0.5)
    d.draw()
    assert banner_rects(d) and not sc.phone.banners[-1].held


def test_browser_banner_below_the_url_bar(make_driver):
    d = play(make_driver)
    to_step(d, "s_page")
    sc = d.scene
    assert sc.phone.screen[0] in ("page", "browser")
    push(sc, "A banner over the page", age=1.0)
    d.draw()
    bar = [it for it in phone_items(d) if it.group == "urlbar"]
    assert bar
    for r in banner_rects(d):
        assert r.top >= bar[0].rect.bottom


def test_two_stacked_banners_never_overlap_mid_slide(make_driver):
    d = play(make_driver)
    to_step(d, "s_chat")
    sc = d.scene
    sc.phone.banners.clear()
    sc.phone.open(("home",))
    push(sc, "The first banner, with a text long enough to take two or three lines on the phone", age=1.0)
    for age in (0.02, 0.08, 0.12, 0.2):
        push(sc, "The second one, sliding in", age=age)
        d.draw()
        rects = banner_rects(d)
        assert len(rects) == 2
        assert not rects[0].colliderect(rects[1]) or rects[1].h == 0, (age, rects)
        sc.phone.banners.pop()


def test_scanned_account_number_is_never_broken_across_lines(make_driver):
    scn = shipped("fake_charity")
    d = make_driver(lang="vi", timers=False)
    d.app.reset(PlayScene(d.app, scn))
    d.frame()
    path = {"feed": "scan_qr"}
    for _ in range(3000):
        sc = d.scene
        if sc.engine.deciding and sc.engine.step.id == "scan":
            break
        if sc.card is not None:
            d.key(pygame.K_RETURN)
        elif sc.engine.deciding:
            d.key(pygame.K_1 + [c.id for c in sc.numbered()].index(path[sc.engine.step.id]))
        else:
            d.key(pygame.K_SPACE, dt=0.3)
    assert d.scene.phone.screen[0] == "scan"
    d.draw()
    items = [it for it in phone_items(d) if it.kind == "text" and "8820" in (it.text or "")]
    assert items
    lines = d.app.fonts.wrap(items[0].text, items[0].role, items[0].rect.w)
    assert any("8820" in ln and "417" in ln for ln in lines), lines


def test_shade_keeps_the_newest_card_above_the_call_strip(make_driver):
    scn = shipped("fake_vneid")
    d = make_driver(lang="vi", timers=False)
    d.app.reset(PlayScene(d.app, scn))
    d.frame()
    sc = d.scene
    d.run_until(lambda: sc.engine.phone.call is not None and sc.engine.phone.call.live
                and sc.engine.phone.notifications, limit=400, dt=0.1)
    sc.phone.open(("shade",))
    d.draw()
    strip = [it for it in phone_items(d) if it.group == "callbar"]
    cards = [it for it in phone_items(d) if it.group == "notification"]
    assert strip and cards
    assert max(c.rect.bottom for c in cards) <= strip[0].rect.top


def test_feed_counts_stay_inside_the_post_with_large_text(make_driver):
    scn = shipped("fake_charity")
    d = make_driver(lang="vi", timers=False)
    d.app.prefs.text_size = "large"
    d.app.apply_prefs()
    d.app.reset(PlayScene(d.app, scn))
    d.frame()
    sc = d.scene
    d.run_until(lambda: sc.engine.deciding, limit=600, dt=0.2)
    assert sc.phone.screen[0] == "feed"
    for top in range(0, 3000, 60):
        sc.phone.scroll[("feed", "kipo")] = top
        d.draw()
        view = sc.phone_rect
        for it in phone_items(d):
            if it.kind == "text" and ("chia sẻ" in (it.text or "") or "bình luận" in (it.text or "")):
                assert it.rect.right <= view.right - 4, (it.text, it.rect, view)


def test_no_banner_for_the_conversation_on_screen(make_driver):
    # a message lands while the permissions dialog holds banners; the phone then follows the story
    # to that conversation: its banner must not slide in over the very message it announces
    d = play(make_driver)
    to_step(d, "s_chat")
    sc = d.scene
    key = next(iter(sc.engine.phone.threads))
    sc.phone.banners.clear()
    sc.phone.open(("install", "x"))
    sc.phone.banners.append(Banner("Chat · Minh", "Scan this", None, ("thread", *key), sc.phone.now, ttl=8.0))
    d.draw()
    sc.phone.open(("thread", *key))
    d.frame(0.3)
    d.draw()
    assert not banner_rects(d)


def test_closed_page_keeps_its_address_in_the_bar(make_driver):
    # closing the look-alike page is the safe choice; its feedback card points at the domain, which
    # must still be in the (outlined) URL bar rather than an empty outline
    d = play(make_driver)
    to_step(d, "s_page")
    sc = d.scene
    d.key(pygame.K_2)
    assert sc.card is not None
    d.draw()
    assert "You closed this page." in d.screen_text()
    dom = [it for it in phone_items(d) if it.extra.get("domain")]
    assert dom and dom[0].extra["domain"] == "kipo.com-page-help-center.example"


LANDED = """schema_version: 1
id: time_skip
source_language: en
title: "Time skip"
summary: "A notification of no app"
difficulty: 1
minutes: 1
player: {name: "Lan"}
contacts:
  - {id: tu, name: "Tu", number: "0912 345 678"}
apps:
  - {id: chat, kind: chat, name: "Chatter"}
steps:
  - id: s1
    events:
      - {id: n1, type: notification, style: system, title: "Two days later, in the evening"}
      - {id: n2, type: notification, style: app, app: chat, title: "Chatter", text: "Your code is 1234"}
      - {id: m1, type: message, app: chat, from: tu, thread: tu, text: "Hi"}
    choices:
      - {id: ok, text: "Block", safety: safe, score: 5, explanation: "Right.", next: end}
endings:
  - {id: end, outcome: safe, title: "Done", debrief: "Done."}
"""


def test_a_notification_of_no_app_is_headed_by_its_time_not_its_title_again(make_driver, tmp_path):
    """The shade and the lock screen showed "Two days later, in the evening · 21:05" above "Two days
    later, in the evening", and "Kipo · 21:05" above "Kipo" (try-outs)."""
    from game.core.loader import load_scenario

    (tmp_path / "skip.yaml").write_text(LANDED, encoding="utf-8")
    d = make_driver(lang="en", timers=False)
    sc = PlayScene(d.app, load_scenario(tmp_path / "skip.yaml").scenario)
    d.app.push(sc)
    d.frame()
    sc.engine.skip()
    for screen in (("shade",), ("lock",)):
        sc.phone.screen = screen
        d.frame()
        texts = [it.text for it in phone_items(d) if it.kind == "text" and it.text]
        assert sum("Two days later, in the evening" in t for t in texts) == 1, (screen, texts)
        # one whose title is its app's name: "Chatter · 20:14" above the text, not above "Chatter" again
        assert "Your code is 1234" in texts and not [t for t in texts if t.startswith("Chatter\n")], texts


def test_a_feedback_card_that_points_at_outlines_clears_the_banners_over_them(make_driver):
    """The tutorial's card said "the orange outlines show where they appeared" while two Guide
    banners covered the outlined message (try-out): the banners leave when such a card opens."""
    scn = shipped("tutorial")
    d = make_driver(lang="en", timers=False)
    d.app.reset(PlayScene(d.app, scn))
    d.frame()
    checked = 0
    for _ in range(400):
        if d.name != "PlayScene":
            break
        sc = d.scene
        if sc.card is not None:
            if sc._flag_keys:
                d.draw()
                assert not banner_rects(d), "a banner over the outlined evidence"
                checked += 1
            d.key(pygame.K_RETURN)
        elif sc.engine.deciding:
            push(sc, "A banner as the player decides", age=0.5)
            d.key(pygame.K_1)
        else:
            d.key(pygame.K_SPACE, dt=0.3)
    assert checked


def test_what_lands_in_a_short_conversation_is_not_under_a_banner(make_driver):
    # the tutorial's first Guide tip slid in over Hà's first message for most of its 10 s, while
    # the tip itself asked the player to read the whole conversation; chat apps stack a short
    # conversation on the input bar, so new messages land below the banners, not under them
    scn = shipped("tutorial")
    for lang in ("vi", "en"):
        d = make_driver(lang=lang)
        d.app.reset(PlayScene(d.app, scn))
        seen_together = 0
        for _ in range(200):
            d.frame(0.1)
            d.draw()
            bubbles = [it.rect.clip(it.clip) for it in phone_items(d) if it.group == "bubble"]
            banners = banner_rects(d)
            if bubbles and banners:
                seen_together += 1
                assert not any(b.colliderect(u) for b in banners for u in bubbles), (lang, banners, bubbles)
            if d.scene.engine.deciding:
                break
        assert d.scene.engine.deciding and seen_together  # the tip and the messages were on screen together


def test_a_banner_stays_while_the_player_decides_and_leaves_with_the_choice(make_driver):
    # try-out: an OTP, a shipper's number, the Guide's question slid out while the student was still
    # reading the options; a banner that is standing still needs no frames either
    scn = shipped("tutorial")
    d = make_driver(lang="vi")
    d.app.reset(PlayScene(d.app, scn))
    d.run_until(lambda: d.scene.engine.deciding, dt=0.1)
    sc = d.scene
    tip = next(b for b in sc.phone.banners if b.title == "Hướng dẫn")
    for _ in range(60):  # 30 s, three times the tip's own time
        d.frame(0.5)
    d.draw()
    assert banner_rects(d) and tip in sc.phone.banners
    assert d.app.wake_in() is None  # nothing moves: the loop sleeps until input
    d.key(pygame.K_1)
    assert sc.card is not None and sc.phone.now - tip.born > tip.ttl - 0.3  # sliding out
    d.frame(0.3)
    d.draw()
    assert tip not in sc.phone.banners and not banner_rects(d)


def test_drawing_never_changes_the_banners(make_driver):
    """Which banners wait behind a dialog and which end is decided in the scene's update
    (banner.settle), never while drawing: a frame drawn twice draws the same thing, and a screen
    prepared off stage cannot end a banner."""
    d = play(make_driver)
    to_step(d, "s_chat")
    sc = d.scene
    key = next(iter(sc.engine.phone.threads))
    sc.phone.banners.clear()
    sc.phone.banners.append(Banner("Chat · Minh", "Scan this", None, ("thread", *key), sc.phone.now, ttl=8.0))
    push(sc, "Your order has been delivered", age=0.5)
    for screen in (("install", "x"), ("thread", *key), ("home",)):
        sc.phone.open(screen)
        before = [(b.held, b.born) for b in sc.phone.banners]
        sc.build()
        sc.build()
        assert [(b.held, b.born) for b in sc.phone.banners] == before, screen
    sc.phone.open(("install", "x"))
    d.frame(0.1)
    assert all(b.held for b in sc.phone.banners), "the update holds them behind the dialog"
    sc.phone.open(("thread", *key))
    d.frame(0.1)
    assert [b.target for b in sc.phone.banners] == [("shade",)], "the update ends the banner for the screen on show"
    assert not sc.phone.banners[0].held
