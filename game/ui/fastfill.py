"""Filling rectangles at the speed SDL fills whole rows.

SDL_FillRect writes 32-bit pixels with non-temporal (streaming) stores in 64-byte blocks and
the rest of each row with plain stores. When a row's plain-stored tail shares a cache line with
its streamed part, every row stalls: measured under Xvfb on the 2-core development PC, filling
the phone's 318x671 screen at x = 481 took 0.28 ms, and the same rectangle at x = 480 0.04 ms.
So a fill is split into a middle whose columns start and end on 16-pixel (64-byte) boundaries,
streamed whole, and two edges under 16 pixels wide, stored plainly: 0.04-0.06 ms for any x.
The pixels are the same either way."""

from __future__ import annotations

import pygame

ALIGN = 16  # pixels: 64 bytes of 32-bit pixels


def fill(surface: pygame.Surface, colour, rect) -> None:
    # clipped here, not by Surface.fill: pygame-ce 2.5.0 filled the wrong rows when a rectangle
    # that started above the surface met a clip rectangle (a bubble scrolled out of sight
    # appeared at the top of the conversation)
    r = pygame.Rect(rect).clip(surface.get_clip())
    if not (r.w and r.h):
        return
    a = (r.left + ALIGN - 1) & -ALIGN
    b = r.right & -ALIGN
    if b - a < ALIGN or surface.get_bytesize() != 4:
        surface.fill(colour, r)
        return
    surface.fill(colour, (a, r.top, b - a, r.h))
    if a > r.left:
        surface.fill(colour, (r.left, r.top, a - r.left, r.h))
    if r.right > b:
        surface.fill(colour, (b, r.top, r.right - b, r.h))


def rounded(surface: pygame.Surface, colour, rect, radius: int, corners) -> None:
    """An opaque box with rounded corners: three fills and four quarters of `corners(r)`, a cached
    2r x 2r disc on a colour key (pygame.draw.rect with a border radius fills its body row band by
    row band, each as slowly as a misaligned fill)."""
    r0 = pygame.Rect(rect)
    r = min(radius, r0.w // 2, r0.h // 2)
    if r <= 0:
        fill(surface, colour, r0)
        return
    fill(surface, colour, (r0.left, r0.top + r, r0.w, r0.h - 2 * r))
    if r0.w > 2 * r:
        fill(surface, colour, (r0.left + r, r0.top, r0.w - 2 * r, r))
        fill(surface, colour, (r0.left + r, r0.bottom - r, r0.w - 2 * r, r))
    disc = corners(r)
    surface.blit(disc, r0.topleft, (0, 0, r, r))
    surface.blit(disc, (r0.right - r, r0.top), (r, 0, r, r))
    surface.blit(disc, (r0.left, r0.bottom - r), (0, r, r, r))
    surface.blit(disc, (r0.right - r, r0.bottom - r), (r, r, r, r))
