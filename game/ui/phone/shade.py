"""The notification shade: every notification and incoming message so far, each in full.

Banners go away after a few seconds and the lock screen holds only what fits; here nothing a
scenario said is cut or lost. Oldest at the top, newest at the bottom (where it opens), scrolled
like a conversation (PgUp/PgDn, Home/End, the mouse wheel)."""

from __future__ import annotations

import pygame

from .. import items as I
from . import header, lock, thumb
from .common import callbar_room


def build(scene, rect: pygame.Rect) -> list:
    th, fonts, s, tr = scene.theme, scene.fonts, scene.app.scale, scene.tr
    out = [I.box(rect, th["screen"], area="phone")]
    out += header.build(scene, rect, tr.gettext("Notifications"), "", th.look("generic"))
    top = rect.top + header.header_height(fonts, s)
    # the newest card sits at the bottom: above the "back to the call" strip when there is one
    view = pygame.Rect(rect.left, top, rect.w, rect.bottom - top - callbar_room(scene))
    pad = int(10 * s)
    w = rect.w - 2 * pad
    hh = fonts.line_height("tiny")
    cards = []
    for app, title, body, at, target, nid in reversed(lock.entries(scene)):  # oldest first
        lines = "\n".join(x for x in (title, body) if x)
        pic = thumb.image_of(scene, nid)
        tw = w - 2 * pad - (thumb.size(scene) + pad if pic else 0)
        h = max(hh + fonts.measure(lines, "small", tw)[1], thumb.size(scene) if pic else 0)
        cards.append((app, lines, at, target, nid, h + 2 * pad))
    total = sum(c[-1] + int(8 * s) for c in cards) + pad
    scene.thread_max_scroll = max(0, total - view.h)
    up = min(scene.phone.scroll.get(("shade",), 0), scene.thread_max_scroll)
    # anchored at the bottom: scroll 0 shows the newest
    y = view.top + pad + max(0, view.h - total) - (scene.thread_max_scroll - up)
    if not cards:
        out.append(I.text((rect.left + pad, view.top + pad, w, 60), tr.gettext("No notifications yet."),
                          th["screen_muted"], "small", align="center", area="phone"))
    for app, lines, at, target, nid, h in cards:
        card = pygame.Rect(rect.left + pad, y, w, h)
        y = card.bottom + int(8 * s)
        if card.bottom < view.top or card.top > view.bottom:
            continue
        hl = scene.highlighted(nid)
        kw = {"radius": int(14 * s), "area": "phone", "clip": view, "border": 3 if hl else 1,
              "border_colour": th["flag"] if hl else th["card_border"]}
        if target is not None:  # a message: open its conversation
            out.append(I.button(card, None, ("phone", "open", target), th["banner"], th["banner_text"],
                                group="notification", **kw))
        else:
            out.append(I.box(card, th["banner"], group="notification", **kw))
        out.append(I.text((card.left + pad, card.top + pad // 2, w - 2 * pad, hh),
                          lock.heading(app, at, scene), th["screen_muted"], "tiny",
                          layer=1, area="phone", clip=view))
        pic = thumb.image_of(scene, nid)
        tw = w - 2 * pad - (thumb.size(scene) + pad if pic else 0)
        out.append(I.text((card.left + pad, card.top + pad // 2 + hh, tw, card.h - hh - pad), lines,
                          th["banner_text"], "small", layer=1, area="phone", clip=view))
        if pic:
            out += thumb.items(scene, card, pic, pad, layer=1, clip=view)
    return out
