"""Where the phone and the side panels go for a window size (portrait phone, centred)."""

from __future__ import annotations

from dataclasses import dataclass

import pygame


@dataclass
class Layout:
    phone: pygame.Rect  # the device, bezel included
    screen: pygame.Rect  # the display inside the bezel
    left: pygame.Rect  # info panel
    right: pygame.Rect  # choices / feedback
    radius: int
    scale: float


def compute(size, scale: float, zoom: float = 1.0) -> Layout:
    """`zoom` > 1 makes the phone bigger (projector mode reuses the phone this way)."""
    W, H = size
    s = scale
    margin = int(14 * s)
    ph = min(H - 2 * margin, int(H * 0.96 * zoom))
    pw = int(ph * 0.49)
    phone = pygame.Rect(0, 0, pw, ph)
    phone.center = (W // 2, H // 2)
    gap = int(24 * s)
    right_w = min(int(560 * s), W - phone.right - gap - margin)
    if right_w < int(300 * s):  # narrow window: phone to the left, one panel on the right
        phone.left = margin
        right_w = W - phone.right - gap - margin
    right = pygame.Rect(phone.right + gap, margin, right_w, H - 2 * margin)
    lw = min(int(460 * s), phone.left - gap - margin)
    left = pygame.Rect(phone.left - gap - lw, margin, max(0, lw), H - 2 * margin)
    bezel = max(6, int(10 * s))
    screen = phone.inflate(-2 * bezel, -2 * bezel)
    return Layout(phone, screen, left, right, int(38 * s), s)
