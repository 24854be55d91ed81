"""Scene base class: build a render model, hit-test it, and move keyboard focus over it."""

from __future__ import annotations

import time

import pygame

NEXT_KEYS = (pygame.K_TAB, pygame.K_DOWN, pygame.K_RIGHT)
PREV_KEYS = (pygame.K_UP, pygame.K_LEFT)
ACTIVATE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


class Since:
    """Seconds since a moment, by a scene's own clock (frame time) or the wall clock, whichever is
    more: the real loop sends no frames to a scene that does not move, so its frame time stands
    still while the player reads, and a guard counted in frame time alone never ran out."""

    def __init__(self, frame_now: float = 0.0):
        self.frame_at, self.clock_at = frame_now, time.monotonic()

    def seconds(self, frame_now: float) -> float:
        return max(frame_now - self.frame_at, time.monotonic() - self.clock_at)


class Scene:
    overlay = False  # True: the scene below is drawn first (pause, dialogs)

    def __init__(self, app):
        self.app = app
        self.items: list = []
        self.focus = None  # the focused button's action (survives rebuilds)
        self._built = False
        self.scrolls: dict = {}  # view -> offset, for each scrolled view the last build drew

    def scrolled(self, view, offset: int) -> None:
        """Called by build(): the items clipped to `view` are placed `offset` pixels up from where
        they would be unscrolled. The frame loop then moves the view's pixels when only the offset
        changed, and paints just the strip that comes into sight (App.render)."""
        self.scrolls[tuple(view)] = int(offset)

    # shorthands
    @property
    def tr(self):
        return self.app.tr

    @property
    def theme(self):
        return self.app.theme

    @property
    def fonts(self):
        return self.app.fonts

    # -- render model --------------------------------------------------------

    def build(self) -> list:
        return []

    def refresh(self) -> list:
        self.scrolls = {}
        self.items = self.build()
        for it in self.items:
            it.focused = it.kind == "button" and it.action is not None and it.action == self.focus
        self._built = True
        return self.items

    def laid_out(self) -> list:
        """The render model, built now if the scene has none yet or something moved since (input is
        hit-tested against it before the next frame draws it)."""
        return self.items if self._built else self.refresh()

    def focusables(self) -> list:
        return [i for i in self.items if i.kind == "button" and i.clickable and not i.extra.get("nofocus")]

    # -- input ---------------------------------------------------------------

    def handle_event(self, ev) -> bool:
        """Returns whether the event was consumed."""
        self.laid_out()
        if ev.type == pygame.MOUSEBUTTONDOWN and getattr(ev, "button", 1) == 1:
            hit = self.hit(ev.pos)
            if hit is not None:
                self.focus = None
                self.activate(hit.action)
                return True
            return False
        if ev.type == pygame.KEYDOWN:
            if ev.key in NEXT_KEYS or ev.key in PREV_KEYS:
                back = ev.key in PREV_KEYS or (ev.key == pygame.K_TAB and ev.mod & pygame.KMOD_SHIFT)
                self.move_focus(-1 if back else 1)
                return True
            if ev.key in ACTIVATE_KEYS:
                action = self.focus if self.focus is not None and self._has(self.focus) else self.default_action()
                if action is not None:
                    self.activate(action)
                    return True
        return False

    def hit(self, pos):
        for it in sorted(self.items, key=lambda i: -i.layer):
            if it.clickable and it.rect.collidepoint(pos) and (it.clip is None or it.clip.collidepoint(pos)):
                return it
        return None

    def _has(self, action) -> bool:
        return any(i.action == action for i in self.focusables())

    def move_focus(self, step: int) -> None:
        acts = [i.action for i in self.focusables()]
        if not acts:
            return
        if self.focus in acts:
            self.focus = acts[(acts.index(self.focus) + step) % len(acts)]
        else:
            self.focus = acts[0 if step > 0 else -1]

    def default_action(self):
        return None

    def activate(self, action) -> None:
        pass

    # -- time ----------------------------------------------------------------

    def update(self, dt: float) -> None:
        pass

    def wake_in(self) -> float | None:
        """Seconds until this scene needs another frame: 0 = animating, None = only on input."""
        return None

    def on_enter(self) -> None:
        pass
