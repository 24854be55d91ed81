"""The social feed: posts from pages and people (newest first), and "About this page", a sheet
opened from a page's name with its creation date, former names and description (real clues
for fake charity and shop pages). The verified badge is drawn, never a font glyph."""

from __future__ import annotations

import pygame

from .. import items as I
from ..words import app_name, clock
from . import header, qr
from .common import Scroller, avatar, avatar_colour, contact_text, has_face, sender_name
from .header import fit
from .mail import link_card


def _count(tr, n: int) -> str:
    """1200 as a feed shows it: 1,2K (vi) or 1.2K (en)."""
    if n < 1000:
        return str(n)
    whole, tenth = divmod(n // 100, 10)
    if whole >= 100 or not tenth:
        return f"{whole}K"
    return f"{whole}{',' if tr.lang.startswith('vi') else '.'}{tenth}K"


def build(scene, rect: pygame.Rect, app_id: str) -> list:
    th, fonts, s, tr, scn = scene.theme, scene.fonts, scene.app.scale, scene.tr, scene.scn
    look = th.look("social") if not th.high_contrast else th.look("generic")
    out = [I.box(rect, look.get("bg", th["screen"]), area="phone")]
    out += header.build(scene, rect, app_name(tr, scn, scn.app(app_id)), "", look)
    hh = header.header_height(fonts, s)
    view = pygame.Rect(rect.left, rect.top + hh, rect.w, rect.h - hh)
    posts = [p for p in reversed(scene.engine.phone.posts) if p.app == app_id]
    at: dict = {}

    # the first post a feedback card outlines is laid out even when it is below the view, so the
    # reveal below can bring it into view (None: no post is flagged)
    first_flagged = next((i for i, p in enumerate(posts) if scene.flags_on(p.id)), None)
    skey = ("feed", app_id)
    # each post's layout key, made once per build: a scroll asks for it at every step, and what it
    # holds (outline, picture loaded) does not change while only the scroll does (PlayScene.still)
    vt = tuple(view)
    keys = [(p.id, vt, tuple(scene.flags_on(p.id)), p.image is not None and scene.image(p.image) is not None,
             has_face(scene, p.sender), tuple(has_face(scene, cm.sender) for cm in p.comments))
            for p in posts]
    gap = int(8 * s)

    def content(full: bool = False, again: int = 0):
        """(offset, the posts in sight, nothing else) for the scroll now. Only the posts in sight or
        above it are laid out (a post is laid out once: per view, outline and image loaded;
        phone/laid.py also keys the language, text size and scale); one below that was never laid out
        counts as tall as the mean of those that were, until it comes into view. `full`: every post."""
        sc = Scroller(scene, view, skey)
        top = sc.top
        y = sc.y + int(6 * s)
        got = []
        flagged = None  # (top, bottom) of the first post a just-opened feedback card outlines
        known, n_known, guessed = 0, 0, False
        height = scene.laid.height
        for i, p in enumerate(posts):
            key = keys[i]
            h = height(scene, key, p)
            if h is None and not full and y > view.bottom and (first_flagged is None or i > first_flagged):
                h, guessed = known // n_known if n_known else view.h, True  # below the view: guessed until it comes into sight
            else:
                if h is None or (y + h >= view.top and y <= view.bottom):
                    items, h = scene.laid.at(scene, key, p, y, lambda p=p: _post(scene, p, view, 0))
                    if y + h >= view.top and y <= view.bottom:
                        got += items
                known, n_known = known + h, n_known + 1
            if i == first_flagged:
                flagged = (y, y + h)
            y += h + gap
        sc.finish(y)
        if guessed and top >= min(scene.laid.ends.get(skey, top + 1), scene.thread_max_scroll):
            # the view is at the end (End, or scrolled down to it): lay out the rest, and stay at
            # the end, the real one
            scene.phone.scroll[skey] = 1 << 30
            return content(True, again)
        scene.laid.ends[skey] = scene.thread_max_scroll
        if scene.phone.scroll[skey] != top and again < 2:
            return content(full, again + 1)  # the feed was shorter than the offset: placed again at its end
        at.update(sc=sc, flagged=flagged)
        return sc.top, got, None

    # built again on its own while the player only scrolls (Scene.in_view)
    out += scene.in_view(view, content, lambda: (scene.phone.scroll.get(("feed", app_id), 0), None))
    sc, flagged = at["sc"], at["flagged"]
    if flagged is not None and scene.reveal_flags and scene.card is not None:
        scene.reveal_flags = False  # bring it into view once, as a conversation does
        if flagged[0] < view.top or flagged[1] > view.bottom:
            scene.phone.scroll[("feed", app_id)] = max(0, sc.top + flagged[0] - view.top - int(6 * s))
            return build(scene, rect, app_id)
    if not posts:
        out.append(I.text((view.left, view.top + 20, view.w, 60), tr.gettext("Nothing new yet."),
                          th["screen_muted"], "small", align="center", area="phone"))
    return out


def _post(scene, p, view, y: int) -> tuple[list, int]:
    th, fonts, s, tr, scn = scene.theme, scene.fonts, scene.app.scale, scene.tr, scene.scn
    pad = int(12 * s)
    c = {"clip": view, "area": "phone"}
    x, w = view.left + pad, view.w - 2 * pad
    out: list = []
    top = y
    y += pad
    contact = scn.contact(p.sender)
    name = sender_name(scene, p.sender)
    av = pygame.Rect(x, y, int(38 * s), int(38 * s))
    out += avatar(scene, av, name, avatar_colour(p.sender), clip=view, cid=p.sender)
    nx = av.right + int(8 * s)
    nw = x + w - nx
    bsz = fonts.line_height("strong") - int(6 * s)
    verified = bool(contact and contact.verified)
    shown = fit(fonts, name, "strong", nw - (bsz + 6 if verified else 0))
    tw_ = fonts.width(shown, "strong")
    nr = pygame.Rect(nx, y, tw_, fonts.line_height("strong"))
    # the page's name opens "About this page"
    out.append(I.button(nr.inflate(4, 0), None, ("phone", "open", ("about", p.app, p.sender)), th["screen"],
                        th["screen_text"], radius=4, group="page_name", extra={"nofocus": False}, **c))
    out.append(I.text(nr, shown, th["screen_text"], "strong", layer=1, **c))
    if verified:
        br = pygame.Rect(nr.right + 5, nr.centery - bsz // 2, bsz, bsz)
        out.append(I.icon(br, "verified", (24, 119, 242), fg=(255, 255, 255), layer=1, extra={"badge": p.sender}, **c))
    sub = clock(p.at, scn.clock_minutes)
    if p.sponsored:
        # Translators: a social post that was paid for (an ad), as the feed labels it
        sub = tr.gettext("Sponsored") + " · " + sub
    out.append(I.text((nx, y + fonts.line_height("strong"), nw, fonts.line_height("tiny")), fit(fonts, sub, "tiny", nw),
                      th["screen_muted"], "tiny", **c))
    y = max(av.bottom, y + fonts.line_height("strong") + fonts.line_height("tiny")) + int(8 * s)
    if p.text:
        body = tr.text(p.text)
        h = fonts.measure(body, "body", w)[1]
        out.append(I.text((x, y, w, h), body, th["screen_text"], "body", **c))
        y += h + int(8 * s)
    if p.image:
        img = scene.image(p.image)
        iw = view.w
        ih = int(iw * 0.6) if img is None else min(int(iw * img.get_height() / max(1, img.get_width())), int(iw * 1.1))
        ir = pygame.Rect(view.left, y, iw, ih)
        out.append(I.Item("image", ir, surface=img, **c) if img is not None else I.box(ir, th["card_border"], **c))
        y += ih + int(8 * s)
    if p.link:
        items, lh = link_card(scene, x, y, w, p.link, view)
        out += items
        y += lh + int(8 * s)
    if p.qr:
        items, qh = qr.block(scene, x, y, w, p.qr, clip=view)
        out += items
        y += qh + int(8 * s)
    # counts
    ih = fonts.line_height("small")
    counts = []
    if p.likes:
        counts.append(("like", _count(tr, p.likes)))
    if p.comments:
        counts.append(("comment", tr.ngettext("{n} comment", "{n} comments", len(p.comments)).format(n=len(p.comments))))
    if p.shares:
        counts.append(("share", tr.ngettext("{n} share", "{n} shares", p.shares).format(n=_count(tr, p.shares))))
    cx = x
    for icon, label in counts:
        lw = fonts.width(label, "small")
        if cx > x and cx + ih + lw > x + w:  # no room left on this line (large text): the next one
            cx, y = x, y + ih + int(2 * s)
        out.append(I.icon((cx, y + 3, ih - 6, ih - 6), icon, th["screen_muted"], fg=th["screen"], **c))
        out.append(I.text((cx + ih, y, lw + 2, ih), label, th["screen_muted"], "small", **c))
        cx += ih + lw + int(14 * s)
    if counts:
        y += ih + int(6 * s)
    out.append(I.box((x, y, w, 1), th["card_border"], **c))
    y += int(6 * s)
    for cm in p.comments:
        cname = sender_name(scene, cm.sender)
        ctext = tr.text(cm.text)
        car = pygame.Rect(x, y, int(26 * s), int(26 * s))
        out += avatar(scene, car, cname, avatar_colour(cm.sender), clip=view, cid=cm.sender)
        bx = car.right + int(6 * s)
        bw = x + w - bx
        th_ = fonts.measure(ctext, "small", bw - int(16 * s))[1]
        # the name's row is as tall as its own role's line, so diacritics (Thảo, Hạnh) are never cut
        nh = fonts.line_height("label")
        bub = pygame.Rect(bx, y, bw, nh + th_ + int(10 * s))
        out.append(I.box(bub, th["banner"], radius=int(12 * s), **c))
        out.append(I.text((bx + int(8 * s), y + int(4 * s), bw - int(16 * s), nh),
                          fit(fonts, cname, "label", bw - int(16 * s)), th["screen_text"], "label", layer=1, **c))
        out.append(I.text((bx + int(8 * s), y + int(4 * s) + nh, bw - int(16 * s), th_), ctext,
                          th["screen_text"], "small", layer=1, **c))
        y = max(bub.bottom, car.bottom) + int(6 * s)
    y += pad - int(6 * s)
    hl = bool(scene.flags_on(p.id))
    card = pygame.Rect(view.left, top, view.w, y - top)
    out.insert(0, I.box(card, th["screen"], border=3 if hl else 0, border_colour=th["flag"] if hl else None,
                        group="post", extra={"post": p.id}, **c))
    return out, y - top


def build_about(scene, rect: pygame.Rect, app_id: str, cid: str) -> list:
    """The feed, dimmed, with the "About this page" sheet over its lower part."""
    th, fonts, s, tr = scene.theme, scene.fonts, scene.app.scale, scene.tr
    out = build(scene, rect, app_id)
    out.append(I.button(rect, None, ("phone", "back"), (0, 0, 0, 120), None, radius=0, layer=6, group="scrim",
                        area="phone", extra={"nofocus": True}))
    pad = int(16 * s)
    w = rect.w - 2 * pad
    contact = scene.scn.contact(cid)
    rows: list[tuple[str, str]] = []
    if contact is not None and contact.created:
        rows.append((tr.gettext("Page created"), _date(tr, contact.created)))
    former = [contact_text(scene, cid, "former_names", i) for i in range(len(contact.former_names))] if contact else []
    if former:
        # Translators: "About this page": the names the page had before (a shop renamed into a charity)
        rows.append((tr.gettext("Former names"), "\n".join(former)))
    about = contact_text(scene, cid, "about")
    if about:
        rows.append((tr.gettext("About"), about))
    if not rows:
        rows.append((tr.gettext("About"), tr.gettext("This page has shared no details.")))
    name = sender_name(scene, cid)
    heights = [fonts.line_height("tiny") + fonts.measure(v, "body", w)[1] + int(10 * s) for _k, v in rows]
    h = fonts.line_height("title") + fonts.line_height("strong") + sum(heights) + 3 * pad
    sheet = pygame.Rect(rect.left, max(rect.top + int(40 * s), rect.bottom - h), rect.w, min(h, rect.h - int(40 * s)))
    c = {"area": "phone", "layer": 7, "clip": sheet}
    out.append(I.box(sheet.inflate(0, 30).move(0, 15), th["screen"], radius=int(18 * s), group="sheet",
                     border=2 if th.high_contrast else 0, border_colour=th["card_border"], **c))
    grab = pygame.Rect(0, 0, int(40 * s), int(5 * s))
    grab.midtop = (sheet.centerx, sheet.top + int(8 * s))
    out.append(I.box(grab, th["card_border"], radius=3, **c))
    y = sheet.top + pad
    # Translators: the title of a sheet that tells who runs a social page, since when, under which names
    out.append(I.text((sheet.left + pad, y, w, fonts.line_height("title")), tr.gettext("About this page"),
                      th["screen_text"], "title", **c))
    y += fonts.line_height("title")
    # the page's own picture beside its name, as the feed shows it (a tick drawn in it is no badge)
    ah = fonts.line_height("strong")
    out += avatar(scene, (sheet.left + pad, y, ah, ah), name, avatar_colour(cid), clip=sheet, layer=7, cid=cid)
    nx = sheet.left + pad + ah + int(8 * s)
    out.append(I.text((nx, y, sheet.left + pad + w - nx, ah), fit(fonts, name, "strong", sheet.left + pad + w - nx),
                      th["screen_muted"], "strong", **c))
    y += ah + pad // 2
    for (k, v), rh in zip(rows, heights, strict=True):
        out.append(I.text((sheet.left + pad, y, w, fonts.line_height("tiny")), k, th["screen_muted"], "tiny", **c))
        vh = rh - fonts.line_height("tiny") - int(10 * s)
        out.append(I.text((sheet.left + pad, y + fonts.line_height("tiny"), w, vh), v, th["screen_text"], "body", **c))
        y += rh
    return out


def _date(tr, iso: str) -> str:
    """YYYY-MM-DD as the player reads a date: 02/10/2026 (vi) or 2 Oct 2026 (en)."""
    try:
        yy, mm, dd = (int(p) for p in iso.split("-"))
    except ValueError:
        return iso
    if tr.lang.startswith("vi"):
        return f"{dd:02d}/{mm:02d}/{yy}"
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return f"{dd} {months[mm - 1]} {yy}" if 1 <= mm <= 12 else iso
