"""Home screen: app icons (Messages, the scenario's chat apps, Phone, Notifications) with unread badges."""

from __future__ import annotations

import pygame

from .. import items as I
from ..words import app_name
from . import screens


def apps(scene) -> list[tuple[str, str, tuple]]:
    """(label, look, screen to open) for each icon."""
    tr, scn = scene.tr, scene.scn
    out = [(app_name(tr, scn, a), a.look if a.kind == "chat" else "sms", ("list", a.id)) for a in scn.apps
           if a.kind in ("sms", "chat")]
    out.append((tr.gettext("Phone"), "phone", ("recents",)))
    out += screens.home_apps(scene)  # mail, social, browser, camera
    out.append((tr.gettext("Notifications"), "bell", ("shade",)))  # every banner again, in full
    return out


def build(scene, rect: pygame.Rect) -> list:
    th, fonts, s = scene.theme, scene.fonts, scene.app.scale
    out = [I.Item("gradient", pygame.Rect(rect), th["lock_bg"], area="phone", extra={"to": th["lock_bg2"]})]
    cols = 3
    pad = int(18 * s)
    cell = (rect.w - 2 * pad) // cols
    size = int(cell * 0.62)
    lh = fonts.line_height("tiny")
    threads = scene.engine.phone.threads
    for i, (label, look, target) in enumerate(apps(scene)):
        r, c = divmod(i, cols)
        x = rect.left + pad + c * cell + (cell - size) // 2
        y = rect.top + int(26 * s) + r * (size + lh * 2 + int(18 * s))
        ir = pygame.Rect(x, y, size, size)
        colour = (th.looks["phone"]["icon"] if look == "phone" else th["accent"] if look == "bell"
                  else th.looks[screens.ICON_LOOK[look]]["icon"] if look in screens.ICON_LOOK
                  else th.look(look).get("icon", th["accent"]))
        if th.high_contrast:
            colour = th["accent"]
        fg = th["accent_text"] if th.high_contrast else (255, 255, 255)
        out.append(I.button(ir, None, ("phone", "open", target), colour, fg, radius=int(size * 0.26),
                            group="app_icon", area="phone", border=2, border_colour=(255, 255, 255)))
        glyph = pygame.Rect(0, 0, size // 2, size // 2)
        glyph.center = ir.center
        if look in ("phone", "bell", *screens.ICON_LOOK):
            out.append(I.icon(glyph, look, fg, layer=1, area="phone"))
        else:
            initial = label[:1].upper()
            if look == "sms":
                out.append(I.icon(glyph, "bubble", fg, layer=1, area="phone"))
            else:
                out.append(I.text((ir.left, ir.centery - fonts.line_height("title") // 2, ir.w, fonts.line_height("title")),
                                  initial, fg, "title", align="center", layer=1, area="phone"))
        out.append(I.text((rect.left + pad + c * cell, ir.bottom + 4, cell, lh * 2), label, th["lock_text"], "tiny",
                          align="center", area="phone"))
        n = (scene.phone.unread(threads, target[1]) if target[0] == "list" else
             scene.missed_calls() if target[0] == "recents" else screens.unread(scene, target))
        if n:
            br = pygame.Rect(0, 0, lh + 6, lh + 6)
            br.center = (ir.right - 2, ir.top + 2)
            out.append(I.box(br, th["badge"], radius=br.h // 2, layer=2, area="phone"))
            out.append(I.text(br.move(0, 2), str(n), (255, 255, 255), "tiny", align="center", layer=3, area="phone"))
    return out
