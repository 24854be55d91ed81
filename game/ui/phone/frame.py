"""The device: rounded frame, status bar (game time, signal, battery) and home bar."""

from __future__ import annotations

import pygame

from .. import items as I
from ..words import clock


def status_height(fonts) -> int:
    return fonts.line_height("small") + 10


def home_bar_height(scale) -> int:
    return int(22 * scale)


def content_rect(lay, fonts) -> pygame.Rect:
    """The screen area between the status bar and the home bar."""
    sc = lay.screen
    top = sc.top + status_height(fonts)
    return pygame.Rect(sc.left, top, sc.w, sc.bottom - home_bar_height(lay.scale) - top)


def build(scene, lay, dark: bool, bg) -> list:
    th, fonts, s = scene.theme, scene.fonts, lay.scale
    out = [
        I.box(lay.phone.inflate(4, 4), th["phone_edge"], radius=lay.radius + 2),
        I.box(lay.phone, th["phone_frame"], radius=lay.radius),
        I.box(lay.screen, bg, radius=lay.radius - 8, area="phone"),
    ]
    fg = th["lock_text"] if dark else th["status_text"]
    sh = status_height(fonts)
    bar = pygame.Rect(lay.screen.left + int(22 * s), lay.screen.top + 4, lay.screen.w - int(44 * s), sh - 6)
    out.append(I.text(bar, clock(scene.engine.time, scene.engine.scn.clock_minutes), fg, "label", area="phone", group="status"))
    ih = int(sh * 0.5)
    bat = pygame.Rect(0, 0, int(ih * 2), ih)
    bat.midright = (bar.right, bar.centery)
    sig = pygame.Rect(0, 0, int(ih * 1.5), ih)
    sig.midright = (bat.left - int(8 * s), bar.centery)
    out.append(I.icon(bat, "battery", fg, area="phone", group="status"))
    out.append(I.icon(sig, "signal", fg, area="phone", group="status"))
    # camera notch
    notch = pygame.Rect(0, 0, int(lay.screen.w * 0.28), int(sh * 0.62))
    notch.midtop = (lay.screen.centerx, lay.screen.top + 3)
    out.append(I.box(notch, th["phone_frame"], radius=notch.h // 2, area="phone"))
    hb = home_bar_height(s)
    home = pygame.Rect(0, 0, int(lay.screen.w * 0.36), max(4, int(5 * s)))
    home.center = (lay.screen.centerx, lay.screen.bottom - hb // 2)
    out.append(I.box(home, fg, radius=3, area="phone"))
    out.append(I.hit(pygame.Rect(lay.screen.left, lay.screen.bottom - hb, lay.screen.w, hb), ("phone", "home"),
                     area="phone"))
    return out
