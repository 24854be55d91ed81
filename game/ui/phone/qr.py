"""QR codes drawn from their payload (segno builds the matrix; pygame draws it, cached per payload).

A code the story shows can be scanned freely from the phone ("Scan" under it): that only opens the
camera on it (exploration); a decision is always one of the choices beside the phone.
"""

from __future__ import annotations

import pygame

from .. import items as I
from ..kit import button_pad
from .header import fit

QUIET = 2  # modules of white border around the code (phone screens show a thin margin)
_MATRIX: dict[str, tuple] = {}
_SURF: dict[tuple, pygame.Surface] = {}


def matrix(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The code's dark/light modules, row by row, without quiet zone (cached)."""
    m = _MATRIX.get(payload)
    if m is None:
        # imported here: segno's writers pull in xml.sax.saxutils -> urllib.request -> http.client
        # -> ssl, ~9 MB and ~50 ms that a game without a QR code on screen never needs
        import segno

        code = segno.make(payload, error="m", micro=False)
        m = _MATRIX[payload] = tuple(tuple(bool(v) for v in row) for row in code.matrix)
        if len(_MATRIX) > 64:
            _MATRIX.pop(next(iter(_MATRIX)))
    return m


def warm(scn) -> None:
    """Build the matrices of the story's codes as it starts: the first code shown would otherwise
    import segno (~45 ms here) and encode itself inside a frame, stalling the first feed, mail or
    conversation that shows one (80 ms measured). A story without codes imports nothing."""
    for step in scn.steps:
        for ev in step.events:
            code = getattr(ev, "qr", None)
            if code is not None:
                matrix(code.payload)


def surface(payload: str, size: int) -> pygame.Surface:
    """The code as a square surface of about `size` px: whole pixels per module, so it stays sharp."""
    key = (payload, size)
    out = _SURF.get(key)
    if out is None:
        m = matrix(payload)
        n = len(m) + 2 * QUIET
        small = pygame.Surface((n, n))
        small.fill((255, 255, 255))
        for y, row in enumerate(m):
            for x, dark in enumerate(row):
                if dark:
                    small.set_at((x + QUIET, y + QUIET), (0, 0, 0))
        px = max(1, size // n)
        out = _SURF[key] = pygame.transform.scale(small, (n * px, n * px))
        if len(_SURF) > 64:
            _SURF.pop(next(iter(_SURF)))
    return out


def block(scene, x: int, y: int, w: int, qr, clip=None, scan: bool = True, layer: int = 1) -> tuple[list, int]:
    """A QR code image with a "Scan" action under it; returns (items, height)."""
    th, fonts, s, tr = scene.theme, scene.fonts, scene.app.scale, scene.tr
    size = min(w, int(150 * s))
    img = surface(qr.payload, size)
    r = pygame.Rect(0, 0, img.get_width(), img.get_height())
    r.midtop = (x + w // 2, y)
    common = {"clip": clip, "area": "phone"}
    out = [I.box(r.inflate(6, 6), (255, 255, 255), radius=6, layer=layer, border=1,
                 border_colour=th["card_border"], **common),
           I.Item("image", r, surface=img, layer=layer + 1, extra={"qr": qr.payload}, **common)]
    h = r.h + 6
    if scan:
        bh = fonts.line_height("small") + int(10 * s)
        b = pygame.Rect(0, y + h + int(6 * s), min(w, int(150 * s)), bh)
        b.centerx = r.centerx
        # Translators: under a QR code on the phone: open the camera on it (looking only, no decision)
        out.append(I.button(b, fit(fonts, tr.gettext("Scan"), "small", b.w - 2 * button_pad(fonts, "small")), ("phone", "open", ("camera", qr.key)),
                            th["accent"], th["accent_text"], role="small", align="center", radius=bh // 2,
                            layer=layer + 1, group="qr_scan", **common))
        h = b.bottom - y
    return out, h


def height(scene, payload: str, w: int, scan: bool = True) -> int:
    """The height block() takes for this code at width w."""
    fonts, s = scene.fonts, scene.app.scale
    h = surface(payload, min(w, int(150 * s))).get_height() + 6
    if scan:
        h += int(6 * s) + fonts.line_height("small") + int(10 * s)
    return h
