"""Lock screen: big clock and the notifications that arrived."""

from __future__ import annotations

import pygame

from .. import items as I
from ..words import app_name, clock, contact_name
from . import screens, thumb


def entries(scene) -> list[tuple]:
    """(app name, title, text, at, target) for every notification and incoming message, newest first."""
    eng, tr, scn = scene.engine, scene.tr, scene.scn
    out = []
    for n in eng.phone.notifications:
        app = scn.app(n.app) if n.app else None
        # a notification of no app (a story's "Two days later") is headed by its time alone, not by its
        # title a second time
        label, title = app_name(tr, scn, app) if app else "", tr.text(n.title)
        # ...and one whose title is its app's name ("Kipo · 21:05" above "Kipo") shows the name once
        out.append((label, "" if title == label else title, tr.text(n.text), n.at, None, n.id))
    for key, th in eng.phone.threads.items():
        for m in th.messages:
            if m.outgoing:
                continue
            body = tr.text(m.text) if m.text else tr.gettext("Photo")
            out.append((app_name(tr, scn, scn.app(key[0])), contact_name(tr, scn, m.sender), body, m.at,
                        ("thread", *key), m.id))
    out += screens.entries(scene)  # emails and posts
    # newest first; things that landed at the same clock time, last-arrived first (the engine's lists
    # are grouped by kind, so the arrival order the play scene noted decides between them)
    arrived = scene.phone.arrived
    order = sorted(range(len(out)), key=lambda i: (out[i][3], arrived.get(out[i][5], -1), i), reverse=True)
    return [out[i] for i in order]


def heading(app: str, at, scene) -> str:
    """A notification's small top line: its app and time (the time alone for one of no app)."""
    when = clock(at, scene.engine.scn.clock_minutes)
    return f"{app} · {when}" if app else when


def build(scene, rect: pygame.Rect) -> list:
    th, fonts, s, tr = scene.theme, scene.fonts, scene.app.scale, scene.tr
    out = [I.Item("gradient", pygame.Rect(rect), th["lock_bg"], area="phone", extra={"to": th["lock_bg2"]})]
    col_y = rect.top + int(18 * s)
    li = pygame.Rect(0, 0, int(22 * s), int(28 * s))
    li.midtop = (rect.centerx, col_y)
    out.append(I.icon(li, "lock", th["lock_text"], area="phone"))
    col_y = li.bottom + int(4 * s)
    ch = fonts.line_height("clock")
    out.append(I.text((rect.left, col_y, rect.w, ch), clock(scene.engine.time, scene.engine.scn.clock_minutes), th["lock_text"], "clock",
                      align="center", area="phone"))
    col_y += ch + int(10 * s)
    pad = int(10 * s)
    w = rect.w - 2 * pad
    bottom = rect.bottom - fonts.line_height("small") * 2 - int(16 * s)
    shown = entries(scene)
    more_h = fonts.line_height("small") + int(12 * s)
    for i, (app, title, body, at, target, nid) in enumerate(shown):
        lines = "\n".join(x for x in (title, body) if x)
        pic = thumb.image_of(scene, nid)
        tw = w - 2 * pad - (thumb.size(scene) + pad if pic else 0)
        _tw, h = fonts.measure(lines, "small", tw)
        hh = fonts.line_height("tiny")
        card = pygame.Rect(rect.left + pad, col_y, w, max(hh + h, thumb.size(scene) if pic else 0) + 2 * pad)
        room = bottom if i == len(shown) - 1 else bottom - more_h - int(8 * s)
        if card.bottom > room:
            # never cut a notification: the older ones are all in the shade, each in full
            more = pygame.Rect(rect.left + pad, col_y, w, more_h)
            out.append(I.button(more, tr.ngettext("{n} more notification", "{n} more notifications",
                                                  len(shown) - i).format(n=len(shown) - i),
                                ("phone", "open", ("shade",)), th["banner"], th["banner_text"], role="small",
                                align="center", radius=more.h // 2, group="notification", area="phone"))
            break
        hl = scene.highlighted(nid)
        out.append(I.button(card, None, ("phone", "open", target or ("home",)), th["banner"], th["banner_text"],
                            radius=int(14 * s), group="notification", area="phone",
                            border=3 if hl else 0, border_colour=th["flag"] if hl else None))
        out.append(I.text((card.left + pad, card.top + pad // 2, w - 2 * pad, hh), heading(app, at, scene),
                          th["screen_muted"], "tiny", layer=1, area="phone"))
        out.append(I.text((card.left + pad, card.top + pad // 2 + hh, tw, h), lines, th["banner_text"],
                          "small", layer=1, area="phone"))
        if pic:
            out += thumb.items(scene, card, pic, pad, layer=1)
        col_y = card.bottom + int(8 * s)
    hint = pygame.Rect(rect.left + pad, rect.bottom - fonts.line_height("small") * 2 - int(8 * s), w,
                       fonts.line_height("small") * 2)
    out.append(I.button(hint, tr.gettext("Unlock"), ("phone", "unlock"), th["lock_bg2"], th["lock_text"],
                        role="small", align="center", radius=hint.h // 2, area="phone"))
    return out
