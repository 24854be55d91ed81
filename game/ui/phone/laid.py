"""Rows of a scrolled list (an inbox, a feed) laid out once and copied to where they are now.

Scrolling moves rows; it does not change them. Building a row measures and fits its text, so
building every row in sight at every frame of a scroll cost more than painting it."""

from __future__ import annotations

from .. import items as I

ROWS_KEPT = 400  # a few screenfuls


class LaidOut:
    def __init__(self):
        self._rows: dict = {}
        self._owner: tuple = ()
        self.ends: dict = {}  # a long list's scroll key -> how far it could scroll when last built

    def height(self, scene, key: tuple, source) -> int | None:
        """The row's height if it is laid out already (None: not yet), without copying its items."""
        got = self._get(scene, key, source)
        return None if got is None else got[2]

    def at(self, scene, key: tuple, source, y: int, lay) -> tuple[list, int]:
        """(items, height) of the row `key` moved down by y. `lay()` lays the row out at y = 0 as
        (items, height); it runs once per key while `source` (the email or post shown) is the same
        object and the theme, language, text size, scale and scenario stay the same."""
        got = self._get(scene, key, source)
        if got is None:
            if len(self._rows) >= ROWS_KEPT:
                self._rows.clear()
            got = self._rows[key] = (source, *lay())
        _source, items, h = got
        out = []
        for it in items:
            c = I.clone(it)
            c.rect.move_ip(0, y)
            out.append(c)
        return out, h

    def _get(self, scene, key: tuple, source):
        owner = (scene.theme, scene.tr, scene.fonts.body_px, scene.app.scale, scene.engine.scn)
        if owner != self._owner:
            self._rows.clear()
            self._owner = owner
        got = self._rows.get(key)
        return got if got is not None and got[0] is source else None
