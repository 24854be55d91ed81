"""A notification's picture as a small square thumbnail at the right of its card (banner, lock
screen, notification shade)."""

from __future__ import annotations

import pygame

from .. import items as I


def size(scene) -> int:
    return int(44 * scene.app.scale)


def image_of(scene, nid) -> str | None:
    """The picture of notification `nid`, if it has one."""
    return next((n.image for n in scene.engine.phone.notifications if n.id == nid and n.image), None)


def items(scene, card: pygame.Rect, rel: str, pad: int, **kw) -> list:
    th, n = scene.theme, size(scene)
    r = pygame.Rect(card.right - pad - n, card.top + pad, n, n)
    img = scene.image(rel)
    kw.setdefault("area", "phone")
    if img is None:
        return [I.box(r, th["card_border"], radius=int(8 * scene.app.scale), extra={"thumb": rel}, **kw)]
    sq = _square(img)
    return [I.Item("image", r, surface=sq, radius=int(8 * scene.app.scale), extra={"thumb": rel}, **kw)]


_SQUARES: dict = {}


def _square(img: pygame.Surface) -> pygame.Surface:
    """The middle square of the picture (not squashed), one per image: the painter caches by surface."""
    got = _SQUARES.get(id(img))
    if got is None or got[0] is not img:
        side = min(img.get_width(), img.get_height())
        sq = img.subsurface(pygame.Rect((img.get_width() - side) // 2, (img.get_height() - side) // 2, side, side))
        if len(_SQUARES) > 32:
            _SQUARES.clear()
        got = _SQUARES[id(img)] = (img, sq)
    return got[1]
