"""A poor video connection, drawn over any call picture: low-bitrate blocks, a glitch, a dark frozen frame.

Each effect is a pure function of (picture, size) that returns a new surface; the painter caches the
result per picture, size and effect, so a frame only blits. The glitch is seeded, never random per
frame: the same picture glitches the same way every time (and in every screenshot).
"""

from __future__ import annotations

import random

import pygame

# (seconds, effect) from the moment a call with a poor connection is answered: a soft low-bitrate
# picture, a glitch, the face lost in dark blocks, another glitch, and again. With reduced motion the
# picture stays on one glitch frame.
CYCLE = ((2.2, "soft"), (0.6, "glitch"), (1.2, "hidden"), (0.5, "glitch2"))
STILL = "glitch"


def phase(now: float, still: bool) -> str:
    """The effect shown `now` seconds after the call was answered."""
    if still:
        return STILL
    t = now % sum(d for d, _ in CYCLE)
    for d, mode in CYCLE:
        if t < d:
            return mode
        t -= d
    return CYCLE[-1][1]


def _blocks(surf: pygame.Surface, size: tuple, across: int) -> pygame.Surface:
    """The picture as `across` square blocks wide (smooth down, blocky up)."""
    w, h = size
    bw = max(1, min(w, across))
    bh = max(1, round(bw * h / max(1, w)))
    small = pygame.transform.smoothscale(surf, (bw, bh))
    return pygame.transform.scale(small, (w, h))


def soft(surf: pygame.Surface, size: tuple) -> pygame.Surface:
    """Low bitrate: the detail of a picture a quarter of the size, smoothed back up."""
    w, h = size
    small = pygame.transform.smoothscale(surf, (max(1, w // 4), max(1, h // 4)))
    return pygame.transform.smoothscale(small, (w, h))


def hidden(surf: pygame.Surface, size: tuple) -> pygame.Surface:
    """The connection drops: the face is lost in a few large dark blocks."""
    out = _blocks(surf, size, 7)
    out.fill((88, 92, 104), special_flags=pygame.BLEND_RGB_MULT)
    return out


def glitch(surf: pygame.Surface, size: tuple, seed: int = 1) -> pygame.Surface:
    """A frozen, torn frame: shifted bands, smeared rows, stale blocks, a colour split."""
    w, h = size
    base = soft(surf, size)
    out = base.copy()
    rng = random.Random(seed * 7919 + w * 31 + h)
    block = max(4, w // 12)
    # torn bands: a slice of the picture slides sideways
    for _ in range(4):
        bh = max(2, int(h * rng.uniform(0.03, 0.09)))
        y = rng.randrange(0, max(1, h - bh))
        dx = int(w * rng.uniform(0.05, 0.16)) * rng.choice((-1, 1))
        out.blit(base, (dx, y), (0, y, w, bh))
    # smeared rows: one row of pixels dragged down, as when a decoder freezes mid-frame
    for _ in range(2):
        x = rng.randrange(0, max(1, w - block * 3))
        y = rng.randrange(h // 4, max(h // 4 + 1, h - block * 2))
        sw, sh = block * rng.randint(2, 4), block * rng.randint(1, 2)
        sw, sh = min(sw, w - x), min(sh, h - y)
        if sw > 0 and sh > 0:
            out.blit(pygame.transform.scale(base.subsurface((x, y, sw, 1)), (sw, sh)), (x, y))
    # stale blocks: squares copied from elsewhere in the frame
    for _ in range(5):
        bx, by = rng.randrange(0, max(1, w // block)) * block, rng.randrange(0, max(1, h // block)) * block
        sx, sy = rng.randrange(0, max(1, w - block)), rng.randrange(0, max(1, h - block))
        out.blit(base, (bx, by), (sx, sy, block, block))
    # a colour split across one band
    y = rng.randrange(0, max(1, h - h // 8))
    band = pygame.Rect(0, y, w, max(2, h // 8))
    out.fill((44, 0, 52), band, special_flags=pygame.BLEND_RGB_ADD)
    out.fill((0, 40, 30), band.move(0, band.h), special_flags=pygame.BLEND_RGB_ADD)
    return out


MODES = {
    "soft": soft,
    "hidden": hidden,
    "glitch": glitch,
    "glitch2": lambda surf, size: glitch(surf, size, seed=2),
}
