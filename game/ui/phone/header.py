"""An app's top bar inside the phone: back arrow, avatar, title and subtitle, in the app's colours."""

from __future__ import annotations

import pygame

from .. import items as I


def header_height(fonts, scale) -> int:
    return fonts.line_height("strong") + fonts.line_height("tiny") + int(16 * scale)


def build(scene, rect: pygame.Rect, title: str, subtitle: str, look: dict, avatar: str | None = None) -> list:
    th, fonts, s = scene.theme, scene.fonts, scene.app.scale
    h = header_height(fonts, s)
    bar = pygame.Rect(rect.left, rect.top, rect.w, h)
    fg = look.get("bar_text", th["screen_text"])
    out = [I.box(bar, look.get("bar", th["screen"]), area="phone")]
    bk = pygame.Rect(bar.left + int(4 * s), bar.top, int(34 * s), h)
    out.append(I.button(bk, None, ("phone", "back"), look.get("bar", th["screen"]), fg, radius=6, area="phone",
                        group="header"))
    out.append(I.icon(bk.inflate(-int(14 * s), -int(h * 0.45)), "back", fg, layer=1, area="phone"))
    x = bk.right + int(4 * s)
    if avatar is not None:
        ar = pygame.Rect(x, bar.top + (h - int(h * 0.7)) // 2, int(h * 0.7), int(h * 0.7))
        # an unknown sender gets a grey "?" face; a saved one the app's colour (never the bar's own colour)
        face = (110, 118, 135) if avatar == "?" else look.get("icon", th["accent"])
        if face == look.get("bar"):
            face = th["accent"] if face != th["accent"] else (110, 118, 135)
        out.append(I.box(ar, face, radius=ar.h // 2, border=2, border_colour=(255, 255, 255), area="phone"))
        out.append(I.text((ar.left, ar.centery - fonts.line_height("label") // 2, ar.w, fonts.line_height("label")),
                          avatar, (255, 255, 255), "label", align="center", layer=1, area="phone"))
        x = ar.right + int(8 * s)
    w = bar.right - x - int(8 * s)
    out.append(I.text((x, bar.top + int(6 * s), w, fonts.line_height("strong")), _fit(fonts, title, "strong", w),
                      fg, "strong", area="phone"))
    if subtitle:
        out.append(I.text((x, bar.top + int(6 * s) + fonts.line_height("strong"), w, fonts.line_height("tiny")),
                          _fit(fonts, subtitle, "tiny", w), fg, "tiny", area="phone"))
    return out


def _fit(fonts, s: str, role: str, w: int) -> str:
    """One line: cut with an ellipsis when too wide."""
    return fonts.fit(s, role, w)


fit = _fit
