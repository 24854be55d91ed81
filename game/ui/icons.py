"""Icons drawn with shapes, so meaning never depends on colour or on a font's symbols."""

from __future__ import annotations

import math

import pygame


def _poly(cx, cy, r, n, rot=0.0):
    return [(cx + r * math.cos(rot + 2 * math.pi * i / n), cy + r * math.sin(rot + 2 * math.pi * i / n)) for i in range(n)]


def draw(surf: pygame.Surface, name: str, rect: pygame.Rect, colour, fg=(255, 255, 255), phase: float = 0.0) -> None:
    r = pygame.Rect(rect)
    cx, cy = r.center
    s = min(r.w, r.h)
    lw = max(2, s // 9)
    if name == "safe":  # circle with a tick
        pygame.draw.circle(surf, colour, (cx, cy), s // 2)
        pts = [(cx - s * 0.24, cy + s * 0.02), (cx - s * 0.06, cy + s * 0.2), (cx + s * 0.26, cy - s * 0.18)]
        pygame.draw.lines(surf, fg, False, pts, lw)
    elif name == "risky":  # triangle with "!"
        pts = [(cx, r.top), (r.right, r.bottom - s * 0.05), (r.left, r.bottom - s * 0.05)]
        pygame.draw.polygon(surf, colour, pts)
        pygame.draw.line(surf, fg, (cx, cy - s * 0.12), (cx, cy + s * 0.14), lw)
        pygame.draw.circle(surf, fg, (cx, cy + s * 0.3), max(1, lw // 2 + 1))
    elif name == "unsafe":  # octagon with a cross
        pygame.draw.polygon(surf, colour, _poly(cx, cy, s / 2, 8, math.pi / 8))
        d = s * 0.2
        pygame.draw.line(surf, fg, (cx - d, cy - d), (cx + d, cy + d), lw)
        pygame.draw.line(surf, fg, (cx - d, cy + d), (cx + d, cy - d), lw)
    elif name == "neutral":
        pygame.draw.circle(surf, colour, (cx, cy), s // 2, lw)
    elif name == "help":  # lifebuoy
        pygame.draw.circle(surf, colour, (cx, cy), s // 2)
        pygame.draw.circle(surf, fg, (cx, cy), int(s * 0.32), max(2, s // 7))
        pygame.draw.circle(surf, colour, (cx, cy), int(s * 0.15))
    elif name == "flag":
        pygame.draw.line(surf, colour, (r.left + s * 0.2, r.top), (r.left + s * 0.2, r.bottom), lw)
        pygame.draw.polygon(surf, colour, [(r.left + s * 0.2, r.top), (r.right, r.top + s * 0.25), (r.left + s * 0.2, r.top + s * 0.55)])
    elif name in ("phone", "hangup"):
        handset(surf, r, colour, down=name == "hangup")
    elif name == "back":
        pygame.draw.lines(surf, colour, False, [(cx + s * 0.15, r.top + s * 0.15), (cx - s * 0.2, cy), (cx + s * 0.15, r.bottom - s * 0.15)], lw)
    elif name == "signal":
        n, bw = 4, max(2, r.w // 6)
        for i in range(n):
            h = r.h * (i + 1) / n
            pygame.draw.rect(surf, colour, (r.left + i * (bw + 2), r.bottom - h, bw, h), border_radius=1)
    elif name == "battery":
        body = pygame.Rect(r.left, r.top + r.h * 0.2, r.w * 0.85, r.h * 0.6)
        pygame.draw.rect(surf, colour, body, max(1, lw // 2), border_radius=3)
        inner = body.inflate(-lw * 1.4, -lw * 1.4)
        inner.w = int(inner.w * 0.7)
        pygame.draw.rect(surf, colour, inner, border_radius=2)
        pygame.draw.rect(surf, colour, (body.right, cy - r.h * 0.12, r.w * 0.1, r.h * 0.24))
    elif name == "dots":  # typing indicator, animated by phase
        for i in range(3):
            lift = 0 if phase < 0 else math.sin(phase * 6 - i * 0.9) * s * 0.12
            pygame.draw.circle(surf, colour, (r.left + r.w * (0.25 + 0.25 * i), cy - max(0, lift)), max(2, r.h // 7))
    elif name == "video":
        body = pygame.Rect(r.left, r.top + r.h * 0.25, r.w * 0.62, r.h * 0.5)
        pygame.draw.rect(surf, colour, body, border_radius=3)
        pygame.draw.polygon(surf, colour, [(body.right + 2, cy), (r.right, r.top + r.h * 0.25), (r.right, r.bottom - r.h * 0.25)])
    elif name == "weak":  # poor connection: one bar of four, the rest hollow
        n, bw = 4, max(2, r.w // 6)
        for i in range(n):
            h = r.h * (i + 1) / n
            pygame.draw.rect(surf, colour, (r.left + i * (bw + 2), r.bottom - h, bw, h), 0 if i == 0 else 1)
    elif name == "link":
        pygame.draw.circle(surf, colour, (cx - s * 0.15, cy), s * 0.22, lw)
        pygame.draw.circle(surf, colour, (cx + s * 0.15, cy), s * 0.22, lw)
    elif name == "lock":
        body = pygame.Rect(r.left + r.w * 0.15, cy, r.w * 0.7, r.h * 0.45)
        pygame.draw.rect(surf, colour, body, border_radius=3)
        pygame.draw.arc(surf, colour, (r.left + r.w * 0.28, r.top, r.w * 0.44, r.h * 0.8), 0, math.pi, lw)
    elif name == "shield":  # the game's mark
        pts = [(cx, r.top), (r.right, r.top + r.h * 0.2), (r.right - r.w * 0.08, r.top + r.h * 0.62),
               (cx, r.bottom), (r.left + r.w * 0.08, r.top + r.h * 0.62), (r.left, r.top + r.h * 0.2)]
        pygame.draw.polygon(surf, colour, pts)
        pygame.draw.lines(surf, fg, False, [(cx - s * 0.22, cy), (cx - s * 0.05, cy + s * 0.17), (cx + s * 0.25, cy - s * 0.15)], lw)
    elif name == "bubble":  # speech bubble (the Messages app)
        body = pygame.Rect(r.left, r.top + r.h * 0.1, r.w, r.h * 0.7)
        pygame.draw.ellipse(surf, colour, body)
        pygame.draw.polygon(surf, colour, [(r.left + r.w * 0.2, body.bottom - r.h * 0.15), (r.left + r.w * 0.1, r.bottom),
                                           (r.left + r.w * 0.45, body.bottom - r.h * 0.05)])
    elif name == "bell":  # notifications
        dome = pygame.Rect(r.left + r.w * 0.18, r.top + r.h * 0.08, r.w * 0.64, r.h * 0.78)
        pygame.draw.ellipse(surf, colour, dome)
        pygame.draw.rect(surf, colour, (r.left + r.w * 0.08, r.top + r.h * 0.6, r.w * 0.84, r.h * 0.16),
                         border_radius=max(1, lw // 2))
        pygame.draw.circle(surf, colour, (cx, r.top + r.h * 0.86), max(2, s // 9))
    elif name == "home":
        pygame.draw.rect(surf, colour, r, border_radius=r.h // 2)
    else:
        from . import icons_more

        icons_more.draw(surf, name, r, colour, fg)


_HANDSETS: dict = {}


def handset(surf, r: pygame.Rect, colour, down: bool = False) -> None:
    """A phone handset: two pads joined by a curved grip, drawn 4x larger and smoothed down (cached).
    Down (hang up) lies flat with the grip on top; otherwise it is tilted like the usual call icon."""
    key = (r.size, tuple(colour), down)
    small = _HANDSETS.get(key)
    if small is None:
        small = _HANDSETS[key] = _handset(r, colour, down)
    surf.blit(small, small.get_rect(center=r.center))


def _handset(r: pygame.Rect, colour, down: bool) -> pygame.Surface:
    k = 4
    w, h = max(4, r.w) * k, max(4, r.h) * k
    tmp = pygame.Surface((w, h), pygame.SRCALPHA)
    col = tuple(colour[:3]) + (255,)
    lw = int(w * 0.17)
    pygame.draw.arc(tmp, col, (w * 0.06, h * 0.22, w * 0.88, h * 0.9), math.pi * 0.12, math.pi * 0.88, lw)
    pad_w, pad_h = w * 0.36, h * 0.24
    pygame.draw.rect(tmp, col, (0, h * 0.52, pad_w, pad_h), border_radius=int(pad_h / 2))
    pygame.draw.rect(tmp, col, (w - pad_w, h * 0.52, pad_w, pad_h), border_radius=int(pad_h / 2))
    if not down:
        tmp = pygame.transform.rotate(tmp, 135)
    tw, th = tmp.get_size()
    return pygame.transform.smoothscale(tmp, (max(1, tw // k), max(1, th // k)))
