"""More drawn icons: the phone's mail, social, browser and camera apps, the verified badge, file
chips and the permissions an app asks for. Shapes only, never a font's symbols."""

from __future__ import annotations

import math

import pygame


def _star(cx, cy, r_out, r_in, n):
    pts = []
    for i in range(2 * n):
        r = r_out if i % 2 == 0 else r_in
        a = -math.pi / 2 + math.pi * i / n
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def draw(surf: pygame.Surface, name: str, r: pygame.Rect, colour, fg=(255, 255, 255)) -> bool:
    """Draw icon `name`; False if it is not one of these."""
    cx, cy = r.center
    s = min(r.w, r.h)
    lw = max(2, s // 10)
    if name == "mail":  # envelope
        body = pygame.Rect(0, 0, s, int(s * 0.72))
        body.center = (cx, cy)
        pygame.draw.rect(surf, colour, body, lw, border_radius=max(2, s // 12))
        pygame.draw.lines(surf, colour, False, [(body.left + lw, body.top + lw), (cx, cy + s * 0.06),
                                                (body.right - lw, body.top + lw)], lw)
    elif name == "social":  # two people, one in front
        pygame.draw.circle(surf, colour, (cx - s * 0.16, cy - s * 0.16), s * 0.15)
        pygame.draw.ellipse(surf, colour, (cx - s * 0.42, cy + s * 0.02, s * 0.52, s * 0.4))
        pygame.draw.circle(surf, colour, (cx + s * 0.18, cy - s * 0.1), s * 0.17)
        pygame.draw.ellipse(surf, colour, (cx - s * 0.1, cy + s * 0.1, s * 0.58, s * 0.4))
    elif name == "globe":  # browser
        pygame.draw.circle(surf, colour, (cx, cy), s // 2, lw)
        pygame.draw.ellipse(surf, colour, (cx - s * 0.2, r.centery - s // 2, s * 0.4, s), lw)
        pygame.draw.line(surf, colour, (cx - s // 2, cy), (cx + s // 2, cy), lw)
        pygame.draw.line(surf, colour, (cx - s * 0.42, cy - s * 0.24), (cx + s * 0.42, cy - s * 0.24), max(1, lw - 1))
        pygame.draw.line(surf, colour, (cx - s * 0.42, cy + s * 0.24), (cx + s * 0.42, cy + s * 0.24), max(1, lw - 1))
    elif name == "camera":
        body = pygame.Rect(0, 0, s, int(s * 0.68))
        body.center = (cx, cy + s * 0.06)
        pygame.draw.rect(surf, colour, body, border_radius=max(2, s // 8))
        pygame.draw.rect(surf, colour, (cx - s * 0.18, body.top - s * 0.12, s * 0.36, s * 0.16), border_radius=2)
        pygame.draw.circle(surf, fg, body.center, s * 0.22)
        pygame.draw.circle(surf, colour, body.center, s * 0.13)
    elif name == "verified":  # a scalloped badge with a tick (drawn, like the real apps' badge)
        pygame.draw.polygon(surf, colour, _star(cx, cy, s * 0.5, s * 0.42, 12))
        pygame.draw.circle(surf, colour, (cx, cy), s * 0.43)
        pygame.draw.lines(surf, fg, False, [(cx - s * 0.22, cy + s * 0.01), (cx - s * 0.06, cy + s * 0.17),
                                            (cx + s * 0.23, cy - s * 0.16)], max(2, s // 7))
    elif name == "file":  # a page with a folded corner
        w = s * 0.72
        left = cx - w / 2
        pts = [(left, r.top), (left + w * 0.62, r.top), (left + w, r.top + w * 0.38), (left + w, r.bottom), (left, r.bottom)]
        pygame.draw.polygon(surf, colour, pts)
        pygame.draw.polygon(surf, fg, [(left + w * 0.62, r.top), (left + w * 0.62, r.top + w * 0.38),
                                       (left + w, r.top + w * 0.38)])
    elif name == "like":  # a thumb up
        pygame.draw.rect(surf, colour, (r.left, cy - s * 0.05, s * 0.22, s * 0.5), border_radius=2)
        pygame.draw.polygon(surf, colour, [(r.left + s * 0.3, cy - s * 0.05), (cx - s * 0.02, r.top + s * 0.04),
                                           (cx + s * 0.12, r.top + s * 0.1), (cx + s * 0.04, cy - s * 0.1),
                                           (r.right, cy - s * 0.1), (r.right - s * 0.08, r.bottom - s * 0.05),
                                           (r.left + s * 0.3, r.bottom - s * 0.05)])
    elif name == "share":  # an arrow out of a tray
        pygame.draw.lines(surf, colour, False, [(r.left + s * 0.1, cy), (r.left + s * 0.1, r.bottom - s * 0.08),
                                                (r.right - s * 0.1, r.bottom - s * 0.08), (r.right - s * 0.1, cy)], lw)
        pygame.draw.line(surf, colour, (cx, r.top + s * 0.08), (cx, cy + s * 0.15), lw)
        pygame.draw.lines(surf, colour, False, [(cx - s * 0.2, r.top + s * 0.28), (cx, r.top + s * 0.08),
                                                (cx + s * 0.2, r.top + s * 0.28)], lw)
    elif name == "comment":
        pygame.draw.rect(surf, colour, (r.left, r.top + s * 0.1, s, s * 0.62), lw, border_radius=max(2, s // 6))
        pygame.draw.polygon(surf, colour, [(r.left + s * 0.25, r.top + s * 0.7), (r.left + s * 0.2, r.bottom),
                                           (r.left + s * 0.5, r.top + s * 0.7)])
    elif name == "person":  # accessibility and contacts
        pygame.draw.circle(surf, colour, (cx, r.top + s * 0.2), s * 0.17)
        pygame.draw.ellipse(surf, colour, (cx - s * 0.34, cy, s * 0.68, s * 0.6))
    elif name == "screen":  # screen sharing: a monitor with an arrow
        body = pygame.Rect(r.left, r.top + s * 0.1, s, s * 0.62)
        pygame.draw.rect(surf, colour, body, lw, border_radius=3)
        pygame.draw.line(surf, colour, (cx, r.bottom - s * 0.18), (cx, r.bottom), lw)
        pygame.draw.line(surf, colour, (cx - s * 0.25, r.bottom - lw // 2), (cx + s * 0.25, r.bottom - lw // 2), lw)
        pygame.draw.polygon(surf, colour, [(cx, body.top + s * 0.12), (cx + s * 0.16, body.centery),
                                           (cx - s * 0.16, body.centery)])
    elif name == "layers":  # drawing over other apps
        pygame.draw.rect(surf, colour, (r.left, r.top + s * 0.3, s * 0.7, s * 0.6), lw, border_radius=3)
        pygame.draw.rect(surf, colour, (r.left + s * 0.3, r.top + s * 0.05, s * 0.7, s * 0.6), border_radius=3)
    elif name == "download":  # installing other apps, storage
        pygame.draw.line(surf, colour, (cx, r.top), (cx, cy + s * 0.15), lw)
        pygame.draw.lines(surf, colour, False, [(cx - s * 0.25, cy - s * 0.08), (cx, cy + s * 0.18),
                                                (cx + s * 0.25, cy - s * 0.08)], lw)
        pygame.draw.line(surf, colour, (r.left + s * 0.08, r.bottom - lw), (r.right - s * 0.08, r.bottom - lw), lw)
    elif name == "mic":
        pygame.draw.rect(surf, colour, (cx - s * 0.15, r.top, s * 0.3, s * 0.6), border_radius=int(s * 0.15))
        pygame.draw.arc(surf, colour, (cx - s * 0.3, r.top + s * 0.2, s * 0.6, s * 0.55), math.pi, 2 * math.pi, lw)
        pygame.draw.line(surf, colour, (cx, r.top + s * 0.75), (cx, r.bottom), lw)
    elif name == "pin":  # location
        pygame.draw.circle(surf, colour, (cx, r.top + s * 0.36), s * 0.32)
        pygame.draw.polygon(surf, colour, [(cx - s * 0.26, r.top + s * 0.5), (cx, r.bottom), (cx + s * 0.26, r.top + s * 0.5)])
        pygame.draw.circle(surf, fg, (cx, r.top + s * 0.36), s * 0.12)
    elif name == "folder":
        pygame.draw.rect(surf, colour, (r.left, r.top + s * 0.12, s * 0.45, s * 0.2), border_radius=2)
        pygame.draw.rect(surf, colour, (r.left, r.top + s * 0.22, s, s * 0.66), border_radius=3)
    elif name == "warn":  # a triangle with "!"
        pygame.draw.polygon(surf, colour, [(cx, r.top), (r.right, r.bottom), (r.left, r.bottom)])
        pygame.draw.line(surf, fg, (cx, cy - s * 0.1), (cx, cy + s * 0.18), lw)
        pygame.draw.circle(surf, fg, (cx, r.bottom - s * 0.14), max(1, lw // 2 + 1))
    elif name == "padlock":  # the browser's https lock: a shackle over a body, fitted to a narrow rect
        bw = min(r.w, int(r.h * 0.8))
        body = pygame.Rect(0, 0, bw, int(r.h * 0.58))
        body.midbottom = (cx, r.bottom)
        sw = max(2, bw // 6)
        shackle = pygame.Rect(0, 0, int(bw * 0.64), int(r.h * 0.8))
        shackle.midtop = (cx, r.top)
        pygame.draw.rect(surf, colour, shackle, sw, border_radius=shackle.w // 2)
        pygame.draw.rect(surf, colour, body, border_radius=max(2, bw // 5))
    elif name == "scanframe":  # four rounded corner brackets (the camera's viewfinder)
        lw = max(3, s // 40)
        k = int(s * 0.16)
        for (x, y, dx, dy) in ((r.left, r.top, 1, 1), (r.right - 1, r.top, -1, 1), (r.left, r.bottom - 1, 1, -1),
                               (r.right - 1, r.bottom - 1, -1, -1)):
            pygame.draw.line(surf, colour, (x, y + dy * (lw // 2)), (x + dx * k, y + dy * (lw // 2)), lw)
            pygame.draw.line(surf, colour, (x + dx * (lw // 2), y), (x + dx * (lw // 2), y + dy * k), lw)
    else:
        return False
    return True


PERMISSION_ICONS = {"accessibility": "person", "read_sms": "bubble", "screen_share": "screen", "overlay": "layers",
                    "contacts": "person", "install_apps": "download", "notifications": "bell", "camera": "camera",
                    "microphone": "mic", "location": "pin", "storage": "folder"}
