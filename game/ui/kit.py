"""Small layout helpers shared by scenes: stacking text and buttons in a column."""

from __future__ import annotations

import pygame

from . import items as I


class Column:
    """Adds items top to bottom inside a width, tracking the next y."""

    def __init__(self, fonts, x: int, y: int, w: int, out: list, gap: int = 8, **common):
        self.fonts, self.x, self.y, self.w, self.out, self.gap, self.common = fonts, x, y, w, out, gap, common

    def text(self, s: str, colour, role="body", align="left", indent=0, **kw) -> pygame.Rect:
        w = self.w - indent
        _tw, th = self.fonts.measure(s, role, w)
        r = pygame.Rect(self.x + indent, self.y, w, th)
        self.out.append(I.text(r, s, colour, role, align, **{**self.common, **kw}))
        self.y += th + self.gap
        return r

    def button(self, label, action, bg, fg, role="button", key="", icon="", h=None, **kw) -> pygame.Rect:
        h = h or button_height(self.fonts, label, role, self.w, key, icon)
        r = pygame.Rect(self.x, self.y, self.w, h)
        self.out.append(I.button(r, label, action, bg, fg, role, key=key, icon=icon, align=kw.pop("align", "left"),
                                 **{**self.common, **kw}))
        self.y += h + self.gap
        return r

    def space(self, n: int) -> None:
        self.y += n


def button_height(fonts, label, role, w, key="", icon="") -> int:
    """Height a button needs: its label wrapped at the width the painter wraps it at."""
    lh = fonts.line_height(role)
    pad = button_pad(fonts, role)
    _tw, th = fonts.measure(label, role, button_text_width(fonts, role, w, key, icon))
    return max(lh + 16, th + 2 * pad)


def button_text_width(fonts, role, w, key="", icon="") -> int:
    """Width left for a button's label after its padding, key cap and icon (painter and layout agree)."""
    pad = button_pad(fonts, role)
    avail = w - 2 * pad
    if key:
        avail -= key_width(fonts, key) + pad
    if icon:
        avail -= fonts.line_height(role) - 2 + pad
    return max(10, avail)


def key_width(fonts, key: str) -> int:
    """Width of the key-cap hint drawn at a button's left ("1", "Space")."""
    w, _h = fonts.measure(key, "label", 1 << 20)  # cached; one line at any width a key cap has
    return max(fonts.line_height("label") + 4, w + 12)


def button_pad(fonts, role) -> int:
    return max(8, fonts.line_height(role) // 2)


def outline(it, colour, width=2):
    it.border, it.border_colour = width, colour
    return it
