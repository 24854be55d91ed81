"""The render model: what a scene shows, as a flat list of items.

Scenes build items from state; the painter draws them; input is hit-tested against
them; tests read them (texts on screen, rectangles that must not overlap).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame


@dataclass
class Item:
    kind: str  # box, text, button, image, icon, hit
    rect: pygame.Rect
    colour: tuple | None = None
    text: str | None = None
    role: str = "body"  # font role for text and buttons
    fg: tuple | None = None  # button text colour
    radius: int = 0
    border: int = 0
    border_colour: tuple | None = None
    align: str = "left"
    action: object = None  # buttons and hit areas: what activating it means
    enabled: bool = True
    focused: bool = False
    key: str = ""  # keyboard hint shown on a button, e.g. "1"
    icon: str = ""  # icon name (kind icon, or a button's leading icon)
    surface: object = None  # image
    layer: int = 0
    clip: pygame.Rect | None = None
    group: str = ""  # layout group for overlap tests (bubbles, buttons, cards...)
    area: str = ""  # "phone" when it must stay inside the phone screen
    extra: dict = field(default_factory=dict)

    @property
    def clickable(self) -> bool:
        return self.action is not None and self.enabled


def box(rect, colour, radius=0, **kw) -> Item:
    return Item("box", pygame.Rect(rect), colour, radius=radius, **kw)


def text(rect, s, colour, role="body", align="left", **kw) -> Item:
    return Item("text", pygame.Rect(rect), colour, s, role, align=align, **kw)


def button(rect, label, action, bg, fg, role="button", **kw) -> Item:
    kw.setdefault("group", "button")
    kw.setdefault("radius", 10)
    return Item("button", pygame.Rect(rect), bg, label, role, fg=fg, action=action, **kw)


def icon(rect, name, colour, **kw) -> Item:
    return Item("icon", pygame.Rect(rect), colour, icon=name, **kw)


def hit(rect, action, **kw) -> Item:
    return Item("hit", pygame.Rect(rect), action=action, **kw)


def clone(it: Item) -> Item:
    """A copy that can be moved, clipped and focused without touching the original (a remembered
    layout); many times cheaper than dataclasses.replace. Nothing else of it may change: the frame
    loop reuses what it worked out for the original (app._signature)."""
    c = Item.__new__(Item)
    d = it.__dict__.copy()  # one copy of the fields, not an update of an empty dict (~40 % faster)
    d["rect"] = it.rect.copy()
    if "_src" not in d:
        d["_src"] = it
    c.__dict__ = d
    return c
