"""Routing for the format-2 channel screens (mail, feed, browser, camera, installer): which screen
the engine's focus opens, where Back goes, which home icons exist, what banners say, and scrolling.
The play scene calls these so that it only names them.

Screens: ("mail", app[, folder]) ("email", app, id) ("feed", app) ("about", app, contact)
("browser",) ("page", id) ("scan", id) ("camera",[ qr key]) ("install", id)."""

from __future__ import annotations

import pygame

from ..words import app_name
from . import browser, camera, feed, install, mail
from .banner import ttl_for
from .common import sender_name
from .state import Banner

SCREENS = ("mail", "email", "feed", "about", "browser", "page", "scan", "camera", "install")
# screens drawn under a header of the usual height (banners slide out below it)
WITH_HEADER = ("mail", "email", "feed", "about")


def handles(scr: tuple) -> bool:
    return scr[0] in SCREENS


def build(scene, rect: pygame.Rect, scr: tuple) -> list:
    kind = scr[0]
    if kind == "mail":
        return mail.build_inbox(scene, rect, scr[1], scr[2] if len(scr) > 2 else "inbox")
    if kind == "email":
        return mail.build_message(scene, rect, scr[1], scr[2])
    if kind == "feed":
        return feed.build(scene, rect, scr[1])
    if kind == "about":
        return feed.build_about(scene, rect, scr[1], scr[2])
    if kind in ("browser", "page"):
        return browser.build(scene, rect, scr)
    if kind in ("scan", "camera"):
        return camera.build(scene, rect, scr)
    return install.build(scene, rect, scr[1])


def screen_for(focus: tuple) -> tuple | None:
    """The screen the story's focus opens, for the new channels (None: not one of them)."""
    if focus[0] in ("email", "feed", "page", "scan", "install"):
        return focus
    return None


def opened(ph, target: tuple) -> None:
    """The camera opened on a code from a conversation, mail or post goes Back to it."""
    if target[0] == "camera":
        ph.camera_from = ph.screen


def back(scr: tuple, ph=None) -> tuple:
    kind = scr[0]
    if kind == "camera" and ph is not None and ph.camera_from:
        to, ph.camera_from = ph.camera_from, None
        return to
    if kind == "email":
        return ("mail", scr[1])
    if kind == "about":
        return ("feed", scr[1])
    if kind == "mail" and len(scr) > 2 and scr[2] != "inbox":
        return ("mail", scr[1])
    return ("home",)


def mark_seen(scene, scr: tuple) -> None:
    if scr[0] == "email":
        scene.phone.seen[("mail", scr[2])] = 1
    elif scr[0] == "feed":
        scene.phone.seen[("feed", scr[1])] = sum(1 for p in scene.engine.phone.posts if p.app == scr[1])


def unread(scene, target: tuple) -> int:
    """The badge on a home icon for a mail or social app."""
    eng, seen = scene.engine, scene.phone.seen
    if target[0] == "mail":
        return sum(1 for m in eng.phone.emails if m.app == target[1] and m.folder == "inbox"
                   and not seen.get(("mail", m.id)))
    if target[0] == "feed":
        return max(0, sum(1 for p in eng.phone.posts if p.app == target[1]) - seen.get(("feed", target[1]), 0))
    return 0


def home_apps(scene) -> list[tuple[str, str, tuple]]:
    """(label, icon, screen) for the mail and social apps, then the built-in browser and camera."""
    tr, scn = scene.tr, scene.scn
    out = []
    for a in scn.apps:
        if a.kind == "email":
            out.append((app_name(tr, scn, a), "mail", ("mail", a.id)))
        elif a.kind == "social":
            out.append((app_name(tr, scn, a), "social", ("feed", a.id)))
    out.append((tr.gettext("Browser"), "globe", ("browser",)))
    out.append((tr.gettext("Camera"), "camera", ("camera",)))
    return out


ICON_LOOK = {"mail": "mail", "social": "social", "globe": "browser", "camera": "camera"}


def _parts(scene, kind: str, ref) -> tuple[str, str, str, str, tuple]:
    """(app name, sender, text, look, screen) of a new email or post."""
    tr, scn = scene.tr, scene.scn
    if kind == "email":
        return (app_name(tr, scn, scn.app(ref.app)), mail.display_name(scene, ref), tr.text(ref.subject), "mail",
                ("email", ref.app, ref.id))
    return (app_name(tr, scn, scn.app(ref.app)), sender_name(scene, ref.sender),
            tr.text(ref.text) if ref.text else tr.gettext("Photo"), "social", ("feed", ref.app))


def banner_for(scene, h) -> tuple[str, str, str, tuple] | None:
    """(title, text, look, target) of the banner a new email or post shows when the player is elsewhere."""
    if h.kind not in ("email", "post"):
        return None
    app, who, body, look, target = _parts(scene, h.kind, h.ref)
    return f"{app} · {who}", body, look, target


def banner(scene, h) -> bool:
    """A banner for a new email or post unless the phone already shows it; False if h is not one."""
    got = banner_for(scene, h) if hasattr(h, "kind") else None
    if got is None:
        return False
    title, body, look, target = got
    scr = scene.phone.screen
    # as a phone does: no banner for what the open app itself lists (a second mail landing while
    # the player reads the first is in the inbox, unread; a post while in the feed is in the feed)
    same_app = (scr[0] in ("mail", "email") and target[0] == "email" and scr[1:2] == target[1:2]) or \
        (scr[0] in ("feed", "about") and target[0] == "feed" and scr[1:2] == target[1:2])
    if scr != ("lock",) and not same_app:
        scene.app.sounds.play("notify")
        scene.phone.banners.append(Banner(title, body, look, target, scene.phone.now, ttl=ttl_for(body)))
    return True


def entries(scene) -> list[tuple]:
    """Emails (in the inbox) and posts as the lock screen and the shade list them:
    (app name, title, text, at, target, id)."""
    ph = scene.engine.phone
    out = []
    for kind, ref in [*(("email", m) for m in ph.emails if m.folder == "inbox"), *(("post", p) for p in ph.posts)]:
        app, who, body, _look, target = _parts(scene, kind, ref)
        out.append((app, who, body, ref.at, target, ref.id))
    return out


REACH_MAX = 24  # screens prepared ahead at most (PlayScene.prepare): a step lands a handful


def within_reach(scene) -> list[tuple]:
    """The screens the player can open now, for PlayScene.prepare: what the story has landed (each
    email, each post's feed and its page's About sheet, the camera on each code, each web page, scan,
    installer screen and conversation) and each inbox. The newest of each kind come first, then the
    next newest of each, so a step that lands thirty emails and a web page prepares the page early."""
    ph = scene.engine.phone
    kinds: dict = {}
    for i, (at, target) in enumerate(_landed(ph)):
        kinds.setdefault(target[0], []).append((-at, -i, target))
    for got in kinds.values():
        got.sort()  # newest first; of what landed at once, the last to land first
    out: list = []
    for rank in range(max((len(v) for v in kinds.values()), default=0)):
        out += [got[rank][2] for got in kinds.values() if rank < len(got)]
        if len(out) >= 4 * REACH_MAX:
            break
    return list(dict.fromkeys(out))[:REACH_MAX]


def _landed(ph):
    """(when, screen) for everything on the phone that opens a screen of its own."""
    for m in ph.emails:
        yield m.at, ("mail", m.app)
        yield m.at, ("email", m.app, m.id)
        if m.qr is not None:
            yield m.at, ("camera", m.qr.key)
    for p in ph.posts:
        yield p.at, ("feed", p.app)
        yield p.at, ("about", p.app, p.sender)
        if p.qr is not None:
            yield p.at, ("camera", p.qr.key)
    for kind, got in (("page", ph.pages), ("scan", ph.scans), ("install", ph.installs)):
        for x in got:
            yield x.at, (kind, x.id)
    for key, th in ph.threads.items():
        if th.messages:
            yield th.messages[-1].at, ("thread", *key)


def scroll(scene, dy: float) -> None:
    """Wheel/PgUp/PgDn on a channel screen: these scroll from the top (dy > 0 moves up)."""
    ph, scr = scene.phone, scene.phone.screen
    key = scroll_key(scene, scr)
    if key is not None:
        ph.scroll[key] = int(max(0, min(scene.thread_max_scroll, ph.scroll.get(key, 0) - dy)))


def scroll_to(scene, top: bool) -> None:
    key = scroll_key(scene, scene.phone.screen)
    if key is not None:
        scene.phone.scroll[key] = 0 if top else scene.thread_max_scroll


def scroll_key(scene, scr: tuple) -> tuple | None:
    if scr[0] == "mail":
        return ("mail", scr[1], scr[2] if len(scr) > 2 else "inbox")
    if scr[0] == "email":
        return ("email", scr[2])
    if scr[0] in ("feed", "about"):
        return ("feed", scr[1])
    if scr[0] in ("page", "browser"):
        page = browser.page_for(scene, scr)
        return ("page", page.id) if page else None
    return None
