"""The mail app: the inbox (with spam and trash folders) and one message.

The message view shows the sender's display name AND the whole address; an address too long for
the line keeps its end (the domain, where the clue is) and loses its start. Attachments keep their
whole extension (`hoa_don.pdf.apk`)."""

from __future__ import annotations

import pygame

from .. import items as I
from ..kit import button_pad
from ..words import app_name, clock
from . import header, qr
from .common import (
    Scroller,
    avatar,
    avatar_colour,
    has_face,
    keep_end,
    keep_extension,
    sender_name,
    wrap_address,
)
from .header import fit

FOLDERS = ("inbox", "spam", "trash")


def _folder_name(tr, f: str) -> str:
    return {"inbox": tr.gettext("Inbox"), "spam": tr.gettext("Spam"), "trash": tr.gettext("Trash")}[f]


def display_name(scene, mail) -> str:
    return scene.tr.text(mail.display_name) if mail.display_name else sender_name(scene, mail.sender)


def build_inbox(scene, rect: pygame.Rect, app_id: str, folder: str = "inbox") -> list:
    th, fonts, s, tr, scn = scene.theme, scene.fonts, scene.app.scale, scene.tr, scene.scn
    look = th.look("mail") if not th.high_contrast else th.look("generic")
    out = [I.box(rect, th["screen"], area="phone")]
    out += header.build(scene, rect, app_name(tr, scn, scn.app(app_id)), _folder_name(tr, folder), look)
    pad = int(10 * s)
    y = rect.top + header.header_height(fonts, s)
    # folder tabs
    tab_h = fonts.line_height("small") + int(12 * s)
    tw = (rect.w - 2 * pad) // len(FOLDERS)
    mails = [m for m in scene.engine.phone.emails if m.app == app_id]
    for i, f in enumerate(FOLDERS):
        n = sum(1 for m in mails if m.folder == f)
        label = _folder_name(tr, f) + (f" ({n})" if n and f != "inbox" else "")
        r = pygame.Rect(rect.left + pad + i * tw, y + int(4 * s), tw - int(4 * s), tab_h)
        on = f == folder
        room = r.w - 2 * button_pad(fonts, "tiny")
        role = "small" if fonts.width(label, "small") <= r.w - 2 * button_pad(fonts, "small") else "tiny"
        out.append(I.button(r, fit(fonts, label, role, room), ("phone", "open", ("mail", app_id, f)),
                            th["accent"] if on else th["button"], th["accent_text"] if on else th["button_text"],
                            role=role, align="center", radius=r.h // 2, group="tab", area="phone"))
    y += tab_h + int(10 * s)
    view = pygame.Rect(rect.left, y, rect.w, rect.bottom - y)
    seen = scene.phone.seen
    rh = fonts.line_height("strong") + fonts.line_height("small") * 2 + 2 * pad
    shown = [m for m in reversed(mails) if m.folder == folder]
    end = [y]  # where the rows end

    def content():
        """(offset, the rows in sight, nothing else) for the scroll now."""
        sc = Scroller(scene, view, ("mail", app_id, folder))
        got = []
        # rows are all rh tall: those in sight are found by arithmetic, not by walking the inbox
        first = max(0, (view.top - sc.y - rh) // rh)
        last = min(len(shown), (view.bottom - sc.y) // rh + 1)
        for i in range(first, last):
            m = shown[i]
            row = pygame.Rect(rect.left, sc.y + i * rh, rect.w, rh)
            if row.bottom < view.top or row.top > view.bottom:
                continue
            unread = not seen.get(("mail", m.id))
            hl = bool(scene.flags_on(m.id))
            key = ("inbox", m.id, unread, hl, has_face(scene, m.sender), row.left, row.w, rh, tuple(view))
            items, _h = scene.laid.at(scene, key, m, row.top, lambda m=m, unread=unread, hl=hl: (
                _inbox_row(scene, m, pygame.Rect(rect.left, 0, rect.w, rh), view, unread, hl), rh))
            got += items
        y = sc.y + len(shown) * rh
        sc.finish(y)
        end[0] = y
        return sc.top, got, None

    # built again on its own while the player only scrolls (Scene.in_view)
    out += scene.in_view(view, content, lambda: (scene.phone.scroll.get(("mail", app_id, folder), 0), None))
    y = end[0]
    if not shown:
        out.append(I.text((rect.left + pad, y + pad, rect.w - 2 * pad, 60), tr.gettext("No mail here."),
                          th["screen_muted"], "small", align="center", area="phone"))
    return out


def _inbox_row(scene, m, row: pygame.Rect, view: pygame.Rect, unread: bool, hl: bool) -> list:
    th, fonts, s, tr, scn = scene.theme, scene.fonts, scene.app.scale, scene.tr, scene.scn
    pad = int(10 * s)
    c = {"clip": view, "area": "phone"}
    out = [I.button(row, None, ("phone", "open", ("email", m.app, m.id)), th["screen"], th["screen_text"],
                    radius=0, group="row", border=3 if hl else 0, border_colour=th["flag"] if hl else None, **c)]
    name = display_name(scene, m)
    av = pygame.Rect(row.left + pad + int(10 * s), row.top + pad, int(34 * s), int(34 * s))
    out += avatar(scene, av, name, avatar_colour(m.sender), clip=view, cid=m.sender)
    if unread:
        dot = pygame.Rect(0, 0, int(8 * s), int(8 * s))
        dot.center = (row.left + pad + int(2 * s), av.centery)
        out.append(I.box(dot, th["accent"], radius=dot.h // 2, layer=1, extra={"unread": m.id}, **c))
    x = av.right + pad
    w = row.right - x - pad
    when = clock(m.at, scn.clock_minutes)
    cw = fonts.width(when, "tiny") + 6
    role = "strong" if unread else "label"
    out.append(I.text((x, row.top + pad - 2, w - cw, fonts.line_height(role)), fit(fonts, name, role, w - cw),
                      th["screen_text"], role, layer=1, **c))
    out.append(I.text((row.right - pad - cw, row.top + pad, cw, fonts.line_height("tiny")), when,
                      th["accent"] if unread else th["screen_muted"], "tiny", align="right", layer=1, **c))
    ly = row.top + pad - 2 + fonts.line_height(role)
    subj = tr.text(m.subject)
    out.append(I.text((x, ly, w, fonts.line_height("small")), fit(fonts, subj, "small", w), th["screen_text"],
                      "small", layer=1, **c))
    preview = tr.text(m.text).replace("\n", " ") if m.text else ""
    out.append(I.text((x, ly + fonts.line_height("small"), w, fonts.line_height("small")),
                      fit(fonts, preview, "small", w), th["screen_muted"], "small", layer=1, **c))
    out.append(I.box((x, row.bottom - 1, row.right - x, 1), th["card_border"], layer=1, **c))
    return out


def build_message(scene, rect: pygame.Rect, app_id: str, mail_id: str) -> list:
    th, fonts, s, tr, scn = scene.theme, scene.fonts, scene.app.scale, scene.tr, scene.scn
    mail = next((m for m in scene.engine.phone.emails if m.id == mail_id), None)
    look = th.look("mail") if not th.high_contrast else th.look("generic")
    out = [I.box(rect, th["screen"], area="phone")]
    folder = _folder_name(tr, mail.folder) if mail else ""
    out += header.build(scene, rect, app_name(tr, scn, scn.app(app_id)), folder, look)
    if mail is None:
        return out
    hh = header.header_height(fonts, s)
    view = pygame.Rect(rect.left, rect.top + hh, rect.w, rect.h - hh)
    sc = Scroller(scene, view, ("email", mail_id))
    pad = int(12 * s)
    x, w = view.left + pad, view.w - 2 * pad
    c = {"clip": view, "area": "phone"}
    flags = scene.flags_on(mail.id)
    y = sc.y + pad
    subj = tr.text(mail.subject)
    h = fonts.measure(subj, "title", w)[1]
    out.append(I.text((x, y, w, h), subj, th["screen_text"], "title", **c))
    y += h + pad
    # sender block: avatar, display name, full address (never cut at its end), reply-to
    name = display_name(scene, mail)
    av = pygame.Rect(x, y, int(38 * s), int(38 * s))
    out += avatar(scene, av, name, avatar_colour(mail.sender), clip=view, cid=mail.sender)
    tx = av.right + int(8 * s)
    tw = x + w - tx
    when = clock(mail.at, scn.clock_minutes)
    cw = fonts.width(when, "tiny") + 6
    out.append(I.text((tx, y, tw - cw, fonts.line_height("strong")), fit(fonts, name, "strong", tw - cw),
                      th["screen_text"], "strong", **c))
    out.append(I.text((x + w - cw, y + 2, cw, fonts.line_height("tiny")), when, th["screen_muted"], "tiny",
                      align="right", **c))
    y += fonts.line_height("strong")
    addr = mail.address or ""
    if addr:
        # the whole address, on two or three lines if it needs them: the part after the `@` is the clue
        rows = wrap_address(fonts, f"<{addr}>", "small", tw)
        lh = fonts.line_height("small")
        ar = pygame.Rect(tx, y, max(fonts.width(r, "small") for r in rows), lh * len(rows))
        if flags:
            out.append(I.box(ar.inflate(6, 2), th["flag_bg"], radius=4, border=2, border_colour=th["flag"], **c))
        for i, row in enumerate(rows):
            out.append(I.text((tx, y + i * lh, fonts.width(row, "small"), lh), row,
                              th["screen_muted"] if not flags else th["screen_text"], "small", layer=1,
                              extra={"address": addr}, **c))
        y += lh * len(rows)
    if mail.reply_to and mail.reply_to != addr:
        # Translators: an email header: where a reply goes, when that is another address than the sender's
        label = tr.gettext("Reply-To: {address}").format(address="")
        lw_ = fonts.width(label, "small")
        shown = keep_end(fonts, mail.reply_to, "small", tw - lw_)
        # the same colour as the sender's address: a red line would give the answer away (student try-out)
        out.append(I.text((tx, y, tw, fonts.line_height("small")), label + shown, th["screen_muted"], "small",
                          extra={"reply_to": mail.reply_to}, **c))
        y += fonts.line_height("small")
    # Translators: an email header: the message was sent to the player
    out.append(I.text((tx, y, tw, fonts.line_height("tiny")), tr.gettext("to me"), th["screen_muted"], "tiny", **c))
    y = max(y + fonts.line_height("tiny"), av.bottom) + pad
    out.append(I.box((x, y, w, 1), th["card_border"], **c))
    y += pad
    if mail.text:
        body = tr.text(mail.text)
        h = fonts.measure(body, "body", w)[1]
        out.append(I.text((x, y, w, h), body, th["screen_text"], "body", **c))
        y += h + pad
    if mail.image:
        img = scene.image(mail.image)
        ih = int(w * 0.56) if img is None else min(int(w * img.get_height() / max(1, img.get_width())), int(w * 1.2))
        ir = pygame.Rect(x, y, w, ih)
        out.append(I.Item("image", ir, surface=img, radius=int(8 * s), **c) if img is not None else
                   I.box(ir, th["card_border"], radius=int(8 * s), **c))
        y += ih + pad
    if mail.link:
        out_link, lh = link_card(scene, x, y, w, mail.link, view)
        out += out_link
        y += lh + pad
    if mail.qr:
        items, qh = qr.block(scene, x, y, w, mail.qr, clip=view)
        out += items
        y += qh + pad
    for a in mail.attachments:
        ch = fonts.line_height("small") + fonts.line_height("tiny") + int(14 * s)
        chip = pygame.Rect(x, y, w, ch)
        out.append(I.box(chip, th["banner"], radius=int(10 * s), border=1, border_colour=th["card_border"],
                         group="attachment", extra={"file": a.name}, **c))
        ic = pygame.Rect(chip.left + int(8 * s), chip.top + int(6 * s), ch - int(12 * s), ch - int(12 * s))
        ext = a.name.rsplit(".", 1)[-1].lower() if "." in a.name else ""
        colour = th["unsafe"] if ext in ("apk", "exe", "scr", "bat", "js") else th["accent"]
        out.append(I.icon(ic, "file", colour, fg=th["banner"], layer=1, **c))
        nx = ic.right + int(8 * s)
        nw = chip.right - nx - int(8 * s)
        out.append(I.text((nx, chip.top + int(6 * s), nw, fonts.line_height("small")),
                          keep_extension(fonts, a.name, "small", nw), th["screen_text"], "small", layer=1, **c))
        if a.size:
            out.append(I.text((nx, chip.top + int(6 * s) + fonts.line_height("small"), nw, fonts.line_height("tiny")),
                              a.size, th["screen_muted"], "tiny", layer=1, **c))
        y += ch + int(6 * s)
    sc.finish(y + pad)
    return out


def link_card(scene, x: int, y: int, w: int, link, clip) -> tuple[list, int]:
    """A link preview (image, title, text, the address's domain in full)."""
    from .common import fit_url

    th, fonts, s, tr = scene.theme, scene.fonts, scene.app.scale, scene.tr
    pad = int(10 * s)
    c = {"clip": clip, "area": "phone"}
    iw = w - 2 * pad
    title = tr.text(link.title)
    text = tr.text(link.text) if link.text else ""
    th_ = fonts.measure(title, "label", iw)[1]
    dh = fonts.measure(text, "tiny", iw)[1] if text else 0
    img_h = int(w * 0.45) if link.image else 0
    h = img_h + pad + th_ + dh + fonts.line_height("tiny") + pad
    card = pygame.Rect(x, y, w, h)
    out = [I.box(card, th["banner"], radius=int(10 * s), border=1, border_colour=th["card_border"], **c)]
    cy = card.top
    if link.image:
        img = scene.image(link.image)
        if img is not None:
            out.append(I.Item("image", pygame.Rect(card.left, cy, w, img_h), surface=img, layer=1, **c))
        cy += img_h
    cy += pad
    host, rest = fit_url(fonts, link.url, "tiny", iw)
    out.append(I.text((card.left + pad, cy, iw, fonts.line_height("tiny")), host + rest,
                      th["screen_muted"], "tiny", layer=1, **c))
    cy += fonts.line_height("tiny")
    out.append(I.text((card.left + pad, cy, iw, th_), title, th["screen_text"], "label", layer=1, **c))
    cy += th_
    if text:
        out.append(I.text((card.left + pad, cy, iw, dh), text, th["screen_muted"], "tiny", layer=1, **c))
    return out, h
