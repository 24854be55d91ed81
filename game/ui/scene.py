"""Scene base class: build a render model, hit-test it, and move keyboard focus over it."""

from __future__ import annotations

import time

import pygame

# Tests set this (tests/conftest.py): every render model a scroll reuses (Scene.refresh) is compared,
# item by item, with a full build of the same state, so a still() that misses a change fails a test.
CHECK_REUSE = False

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
        self._contents: dict = {}  # view -> (content, at, key, items, offset) of each view built by in_view()
        self._runs: list = []  # (view, content, at, key, offset, start, length): each view's items in self.items
        self._still = None  # still() when the model was last built
        # after a refresh that reused the last model: [(old start, old length, new start, new length)]
        # of the runs built again (everything else is the same items); None after a build
        self.reused: list | None = None
        self.reused_from: list | None = None  # the model those runs were swapped out of
        self.refocused: list = []  # indices of kept items whose focus changed in that refresh
        self._focus = None  # the focus the model shows

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

    def in_view(self, view, content, at=None) -> list:
        """Called by build() for a scrolled view whose items come from one function of the state:
        content() -> (offset, items clipped to the view, key of everything else in the model that
        depends on the offset). While still() stays the same, a later frame calls content() again
        and swaps its items in, instead of building the whole model (Scene.refresh); content()
        must depend on nothing but the offset and what still() holds. at() -> (offset, key), as
        content() would give them without building: when they are the same, the view's items stay."""
        offset, items, key = content()
        self.scrolled(view, offset)
        self._contents[tuple(view)] = (content, at, key, items, offset)
        return items

    def still(self):
        """A hashable summary of everything this scene's model shows except its scrolled views'
        offsets, or None when it cannot tell (animating, waiting on time, or not worked out): while
        it is the same, only in_view() content and the focus ring can have changed. It must hold
        whatever time shows. Default: None (always rebuilt)."""
        return None

    def refresh(self, reuse: bool = True) -> list:
        """Build the render model (or, while only scrolled views moved, the views' items: _reused)."""
        items = self._reused() if reuse else None
        if items is not None and CHECK_REUSE:
            reused, runs, moved, refocused = items, self._runs, self.reused, self.refocused
            built = self._build()
            if reused != built:
                bad = next((i for i, (a, b) in enumerate(zip(reused, built, strict=False)) if a != b), min(len(reused), len(built)))
                raise AssertionError(f"{type(self).__name__}: a scroll reused a stale model at item {bad}: "
                                     f"{reused[bad:bad + 1]} != {built[bad:bad + 1]}")
            self._runs, self.reused, self.refocused = runs, moved, refocused
            items = reused
        if items is None:
            items = self._build()
        self.items = items
        self._built = True
        return items

    def _build(self) -> list:
        self.scrolls = {}
        self._contents = {}
        items = self.build()
        for it in items:
            it.focused = it.kind == "button" and it.action is not None and it.action == self.focus
        self._runs = []
        for view, (content, at, key, got, offset) in self._contents.items():
            where = [i for i, it in enumerate(items) if it.clip is not None and it.clip == view]
            if not got or len(where) != len(got) or where[-1] - where[0] + 1 != len(got) or items[where[0]] is not got[0]:
                self._runs = []  # the view's items are not one run of its content(): always rebuilt
                break
            self._runs.append((view, content, at, key, offset, where[0], len(got)))
        self._runs.sort(key=lambda r: r[5])
        self._still = self.still() if self._runs else None
        self.reused, self._focus = None, self.focus
        self.items = items
        return items

    def _reused(self) -> list | None:
        """The last model with each in_view() run built again for the views' offsets now, if
        nothing else it shows can have changed (still() is the same; the focus may have moved);
        else None."""
        if self._still is None or self.still() != self._still:
            return None
        out, done, runs, moved = [], 0, [], []
        old = self.items
        focus = self.focus
        for view, content, at, key, offset, start, n in self._runs:
            out += old[done:start]
            done = start + n
            if at is not None and at() == (offset, key):  # not moved: its items stay
                runs.append((view, content, at, key, offset, len(out), n))
                out += old[start:done]
                continue
            offset, got, k = content()
            if k != key or not got:
                return None
            for it in got:
                it.focused = it.kind == "button" and it.action is not None and it.action == focus
            runs.append((view, content, at, key, offset, len(out), len(got)))
            moved.append((start, n, len(out), len(got)))
            out += got
            self.scrolls[view] = int(offset)
        out += old[done:]
        refocused = []
        if focus != self._focus:  # the ring moved: the kept items it left or reached change
            for i, it in enumerate(out):
                f = it.kind == "button" and it.action is not None and it.action == focus
                if f != it.focused:
                    it.focused = f
                    refocused.append(i)
        self._runs, self.reused, self.refocused, self.reused_from, self._focus = runs, moved, refocused, old, focus
        return out

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

    def prepare(self) -> bool:
        """Called on a turn with nothing to show: do one short piece of work that makes a likely
        next frame cheaper, without changing what the scene shows. Returns whether more is left."""
        return False

    # -- time ----------------------------------------------------------------

    def update(self, dt: float) -> None:
        pass

    def wake_in(self) -> float | None:
        """Seconds until this scene needs another frame: 0 = animating, None = only on input."""
        return None

    def on_enter(self) -> None:
        pass
