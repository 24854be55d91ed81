"""The common look of the menu pages: a centred light panel on the dark background."""

from __future__ import annotations

import pygame

from . import items as I
from .kit import Column


def page(scene, title: str, subtitle: str = "", width: int = 760):
    """Returns (items, column, panel rect) for a page with a title."""
    app, th, fonts = scene.app, scene.theme, scene.fonts
    W, H = app.size
    s = app.scale
    pw = min(W - int(60 * s), int(width * s))
    panel = pygame.Rect(0, 0, pw, H - int(60 * s))
    panel.center = (W // 2, H // 2)
    out = [I.box(panel, th["panel"], radius=int(18 * s), group="panel")]
    pad = int(32 * s)
    col = Column(fonts, panel.left + pad, panel.top + pad, panel.w - 2 * pad, out, gap=int(10 * s))
    out.append(I.icon((panel.left + pad, panel.top + pad, int(30 * s), int(34 * s)), "shield", th["accent"]))
    col.x += int(42 * s)
    col.w -= int(42 * s)
    col.text(title, th["panel_text"], "h1")
    col.x -= int(42 * s)
    col.w += int(42 * s)
    if subtitle:
        col.text(subtitle, th["panel_muted"], "body")
    col.space(int(8 * s))
    return out, col, panel


def footer_buttons(scene, panel, buttons: list[tuple[str, object, bool]]) -> list:
    """Buttons in a row along the bottom of the panel: (label, action, primary)."""
    th, fonts, s = scene.theme, scene.fonts, scene.app.scale
    pad = int(32 * s)
    gap = int(12 * s)
    n = max(1, len(buttons))
    bw = (panel.w - 2 * pad - gap * (n - 1)) // n
    h = fonts.line_height("button") * 2 + 4
    y = panel.bottom - pad - h
    out = []
    for i, (label, action, primary) in enumerate(buttons):
        r = pygame.Rect(panel.left + pad + i * (bw + gap), y, bw, h)
        bg, fg = (th["accent"], th["accent_text"]) if primary else (th["button"], th["button_text"])
        out.append(I.button(r, label, action, bg, fg, align="center",
                            border=2 if th.high_contrast else 0, border_colour=th["card_border"]))
    return out


def footer_top(scene, panel) -> int:
    """The y above which page content must stay (room for the footer buttons)."""
    s = scene.app.scale
    return panel.bottom - int(32 * s) - (scene.fonts.line_height("button") * 2 + 4) - int(12 * s)
