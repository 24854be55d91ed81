"""The application: window, scene stack, frame loop, settings and shared services.

Tests drive it without the real loop: post pygame events, then call `step(dt)` and
`draw()` with a fixed dt (Clock.tick really sleeps).

The loop repaints only what changed: each frame's render model is compared with the last
one, and only the rectangles of items that appeared, moved or changed are painted again
and sent to the screen. When nothing moves it polls input 30 times a second and sleeps in
between (`pygame.event.wait(timeout)` was measured waking ~900 times a second).
"""

from __future__ import annotations

import os
import time
from collections import Counter

import pygame

from game.core.i18n import load_translator
from game.core.progress import Progress
from game.core.recording import NullRecorder

from . import fastfill
from . import scene as scene_mod
from .fonts import Fonts
from .gcpace import GcPacer
from .memtune import tune_malloc
from .painter import Painter
from .sound import Sounds
from .theme import Theme

# SDL's default window framebuffer on Linux goes through (software) OpenGL when no GPU
# driver is present: measured under Xvfb on a 2-core PC, a 1280x720 fill+flip took 13-15 ms
# and the process peaked at ~124 MB; with this hint at 0 (SDL's own software framebuffer),
# 0.4-0.8 ms and ~28 MB. A user's own setting wins; if the window cannot be opened with
# ours, _open_window retries with SDL's default (see docs/architecture.md). SDL reads the
# hint when it creates the window, so setting it before set_mode is enough.
FRAMEBUFFER_HINT = "SDL_FRAMEBUFFER_ACCELERATION"


_fb_ours = False


def _choose_framebuffer() -> bool:
    """Set our framebuffer choice unless the user made one; returns whether the setting is ours."""
    global _fb_ours
    if os.environ.get(FRAMEBUFFER_HINT) is None:
        os.environ[FRAMEBUFFER_HINT] = "0"
        _fb_ours = True
    return _fb_ours


# The window was uncovered, restored or shown: the screen may have lost what we sent it.
_SHOWN_AGAIN = tuple(getattr(pygame, n) for n in ("WINDOWEXPOSED", "VIDEOEXPOSE", "WINDOWSHOWN", "WINDOWRESTORED")
                     if hasattr(pygame, n))

MIN_SIZE = (960, 600)
SETTLE_FRAMES, SETTLE_GAP = 4, 0.1  # after F11: whole repaints, this many seconds apart
BASE = (1280, 720)
FULL_REPAINT_SHARE = 0.45  # a repaint of more than this share of the window paints all of it and flips


class App:
    def __init__(self, *, lang: str | None = None, size=BASE, fullscreen: bool | None = None,
                 progress: Progress | None = None, recorder=None, scenario_paths=None, default_lang: str = "vi"):
        tune_malloc()  # surfaces' memory given back when freed (game/ui/memtune.py)
        self._fb_ours = _choose_framebuffer()
        pygame.display.init()
        pygame.font.init()
        self.progress = progress or Progress()
        self.prefs = self.progress.prefs
        if lang:
            self.prefs.lang = lang
        self.lang = self.prefs.lang or default_lang
        self.tr = load_translator(self.lang)
        self.recorder = recorder or NullRecorder()
        self.scenario_paths = scenario_paths
        self.windowed_size = tuple(size)
        if fullscreen is not None:
            self.prefs.fullscreen = fullscreen
        self.theme = Theme(self.prefs.high_contrast)
        self.fonts = Fonts(self.prefs.text_size, 1.0)
        self.painter = Painter(self.fonts, self.theme)
        self.sounds = Sounds(self.prefs.sound)
        self.gc = GcPacer()
        self.gc.start()
        self.stack: list = []
        self.running = True
        self.dirty = True
        self.frames = 0
        self.first_frame_at: float | None = None
        self._painted: _Census | None = None  # signatures of the items on screen now
        self._held: list = []  # the pictures those signatures name by id() (see _pictures)
        self._offsets: dict = {}  # scrolled view -> its offset, as painted (Scene.scrolled)
        self._prepare_more = True  # whether the top scene may have something to prepare (idle)
        self._signs: dict = {}  # scene -> (its items, their signatures) as last painted
        self._next_signs: dict = {}
        self._painted_size = None
        self.settle = 0  # whole repaints still to do after the window changed mode (F11)
        self.catalog = None  # game.ui.catalog.Catalog, loaded on first use
        self.taxonomy = None
        self.surface = self._open_window()
        pygame.display.set_caption("Lá Chắn")
        self._set_icon()
        pygame.key.set_repeat(400, 40)

    # -- window --------------------------------------------------------------

    def _set_icon(self) -> None:
        from . import icons

        img = pygame.Surface((64, 64), pygame.SRCALPHA)
        icons.draw(img, "shield", pygame.Rect(6, 4, 52, 56), self.theme["accent"])
        pygame.display.set_icon(img)

    def _open_window(self) -> pygame.Surface:
        try:
            surf = self._set_mode()
        except pygame.error:
            if not self._fb_ours or os.environ.get(FRAMEBUFFER_HINT) != "0":
                raise
            # Software framebuffer refused by this driver: fall back to SDL's own choice.
            os.environ.pop(FRAMEBUFFER_HINT, None)
            pygame.display.quit()
            pygame.display.init()
            surf = self._set_mode()
        self._rescale(surf.get_size())
        return surf

    def _set_mode(self) -> pygame.Surface:
        if self.prefs.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)

    def set_zoom(self, zoom: float) -> None:
        """Enlarge everything beyond the window-size scale (projector mode)."""
        self.zoom = zoom
        self._rescale(self.surface.get_size())

    def _rescale(self, size) -> None:
        w, h = size
        self.scale = max(0.75, min(2.5, min(w / BASE[0], h / BASE[1]))) * getattr(self, "zoom", 1.0)
        self.fonts.configure(self.prefs.text_size, self.scale)
        self.dirty = True
        self._painted = None  # everything must be painted again

    @property
    def size(self) -> tuple[int, int]:
        return self.surface.get_size()

    def toggle_fullscreen(self) -> None:
        self.prefs.fullscreen = not self.prefs.fullscreen
        self.surface = self._open_window()
        self.progress.save()
        # The window manager maps the new window after set_mode returns, and may drop what we
        # send before then (a black screen until the next key press): paint all of it now and
        # on the next few frames, which the loop runs without waiting for input.
        self.settle = SETTLE_FRAMES
        self.draw()
        pygame.display.flip()

    def resize(self, size) -> None:
        """The window was resized: keep a minimum size, then lay everything out again."""
        if not self.prefs.fullscreen:
            if size[0] < MIN_SIZE[0] or size[1] < MIN_SIZE[1]:
                size = (max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1]))
                self.surface = pygame.display.set_mode(size, pygame.RESIZABLE)
            else:
                self.surface = pygame.display.get_surface() or self.surface
            self.windowed_size = self.surface.get_size()
        else:
            self.surface = pygame.display.get_surface() or self.surface
        self._rescale(self.surface.get_size())

    # -- settings that change how everything looks ---------------------------

    def set_language(self, lang: str) -> None:
        self.lang = self.prefs.lang = lang
        self.tr = load_translator(lang)
        self.fonts.clear()
        self.progress.save()
        self.dirty = True
        self._painted = None

    def apply_prefs(self) -> None:
        """Re-read look-related prefs (text size, contrast, sound) and drop text caches."""
        self.theme = Theme(self.prefs.high_contrast)
        self.painter.theme = self.theme
        self.sounds.enabled = self.prefs.sound
        if not self.prefs.sound:
            self.sounds.stop_ring()
        self.fonts.configure(self.prefs.text_size, self.scale)
        self.progress.save()
        self.dirty = True
        self._painted = None

    # -- scene stack ---------------------------------------------------------

    @property
    def top(self):
        return self.stack[-1] if self.stack else None

    def push(self, scene) -> None:
        self.stack.append(scene)
        scene.on_enter()
        self.dirty = True

    def pop(self):
        scene = self.stack.pop() if self.stack else None
        if self.top is not None:
            self.top.on_enter()
        self.dirty = True
        return scene

    def replace(self, scene) -> None:
        if self.stack:
            self.stack.pop()
        self.push(scene)

    def reset(self, scene) -> None:
        """Clear the stack and start again from `scene` (e.g. back to the menu)."""
        self.stack = []
        self.push(scene)

    # scenes by name (game/ui/nav.py), so scene modules need not import each other

    def make(self, name: str, /, *args, **kwargs):
        from . import nav

        return nav.make(self, name, *args, **kwargs)

    def goto(self, name: str, /, *args, **kwargs) -> None:
        """Replace the top scene with the scene called `name`."""
        self.replace(self.make(name, *args, **kwargs))

    def push_named(self, name: str, /, *args, **kwargs) -> None:
        self.push(self.make(name, *args, **kwargs))

    def reset_to(self, name: str, /, *args, **kwargs) -> None:
        self.reset(self.make(name, *args, **kwargs))

    def start_scenario(self, scn, **kwargs) -> None:
        from . import nav

        nav.start_scenario(self, scn, **kwargs)

    # -- services ------------------------------------------------------------

    def get_catalog(self):
        if self.catalog is None:
            from .catalog import Catalog

            self.catalog = Catalog(self.scenario_paths)
        return self.catalog

    def get_taxonomy(self):
        if self.taxonomy is None:
            from game.core.loader import load_taxonomy

            self.taxonomy = load_taxonomy()
        return self.taxonomy

    # -- the frame -----------------------------------------------------------

    def handle(self, ev) -> None:
        self.dirty = True
        if ev.type == pygame.QUIT:
            self.running = False
            return
        if ev.type == pygame.VIDEORESIZE:
            self.resize(ev.size)
            return
        if ev.type in (pygame.WINDOWSIZECHANGED,):
            self.surface = pygame.display.get_surface() or self.surface
            self._rescale(self.surface.get_size())
            return
        if ev.type in _SHOWN_AGAIN:
            self._painted = None  # the window's pixels may be gone: paint and send all of it
            return
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_F11:
            self.toggle_fullscreen()
            return
        if self.top is not None:
            self.top.handle_event(ev)

    def step(self, dt: float, events=None) -> None:
        """Handle queued input and move time on by dt seconds."""
        left = False
        for ev in pygame.event.get() if events is None else events:
            if left and ev.type in _TYPED:
                # Keys after one that left a scene were typed before the next scene was seen: not
                # for it (the text of "3" on the language screen is not a nickname; a second Enter
                # on the profile does not start the picker's focused card).
                continue
            before = self.top
            self.handle(ev)
            left = left or (ev.type == pygame.KEYDOWN and self.top is not before)
            if not self.running:
                return
        if left and self.top is not None:
            self.top.laid_out()  # lay it out now (the menu reads its catalogue) rather than in the draw...
            pygame.event.get(_TYPED)  # ...and drop what was typed ahead while it did
        if self.top is not None:
            self.top.update(dt)

    def _visible(self) -> list:
        first = len(self.stack) - 1
        while first > 0 and self.stack[first].overlay:
            first -= 1
        return self.stack[max(0, first):]

    def draw(self) -> None:
        """Paint the visible scenes (the top one and any it overlays), all of it."""
        surf = self.surface
        surf.fill(self.theme["bg"])
        self.painter.begin()
        visible = self._visible()
        layers = [scene.refresh(reuse=False) for scene in visible]  # a whole repaint builds everything
        for items in layers:
            self.painter.paint(surf, items)
        self._offsets = _offsets(visible)
        signed = [self._signed(scene, items, self._offsets) for scene, items in zip(visible, layers, strict=True)]
        self._painted = _Census([sig for sigs in signed for sig in sigs])
        self._held = _pictures(layers)
        self._signs, self._next_signs = self._next_signs, {}
        self._painted_size = surf.get_size()
        self.frames += 1
        self.dirty = False

    def render(self) -> list | None:
        """Repaint only what changed since the last frame.

        Returns the rectangles to send to the screen: [] when nothing changed, None when
        everything was painted (first frame, new size or look, or most of the screen moved).
        A scrolled view (see Scene.scrolled) is moved with Surface.scroll, and only the strip
        it uncovers and whatever else changed are painted again.
        """
        if self.settle > 0:
            self.settle -= 1
            self._painted = None
        if self._painted is None or self.surface.get_size() != self._painted_size:
            self.draw()
            return None
        visible = self._visible()
        layers = [scene.refresh() for scene in visible]
        offsets = _offsets(visible)
        signed = [self._signed(scene, items, offsets) for scene, items in zip(visible, layers, strict=True)]
        now = _Census([sig for sigs in signed for sig in sigs])
        self.dirty = False
        painted = self._painted
        shifts = self._shifts(offsets)
        # a view's items are signed where they lie in its content (_signature), so what stayed in
        # sight while it scrolled signs the same: the census shows only what came into or left it
        changed = now.changed(painted)
        jumped = [pygame.Rect(v) for v, off in offsets.items()
                  if v not in shifts and self._offsets.get(v, off) != off]  # pixels not moved: all of it again
        if not changed and not shifts and not jumped:
            self._offsets = offsets
            self._signs, self._next_signs = self._next_signs, {}
            return []
        old = self._offsets
        # where each changed item is on screen: a view's item at its offset now, or, if it has left the
        # view, where its pixels are (moved with the view when it was scrolled, else as they were)
        dirty = [_extent(sig, offsets if sig in now.sigs or sig[1] in shifts else old) for sig in changed]
        dirty += jumped
        for view, dy in shifts.items():
            dirty += _scroll_damage(pygame.Rect(view), dy, self._painted, now, old)
        rects = _merge(dirty)
        w, h = self.surface.get_size()
        if sum(r.w * r.h for r in rects) > FULL_REPAINT_SHARE * w * h:
            self.surface.fill(self.theme["bg"])
            self.painter.begin()
            for items in layers:
                self.painter.paint(self.surface, items)
            rects = None
        else:
            for view, dy in shifts.items():
                self.surface.set_clip(view)
                self.surface.scroll(0, dy)  # moves the pixels inside the clip only
            self.painter.begin()
            placed = []  # each scene's items in paint order, with their rects (for Rect.collidelistall)
            for items in layers:
                ordered = sorted(items, key=lambda it: it.layer)
                placed.append((ordered, [it.rect for it in ordered]))
            for r in rects:
                self.surface.set_clip(r)
                # items whose rect comes within a margin of r (what they may paint beyond it, a focus
                # ring): a few too many cost a clipped-away draw; their clipped extents cost ~1 us each
                near = r.inflate(2 * BUTTON_MARGIN, 2 * BUTTON_MARGIN)
                here = [[ordered[i] for i in near.collidelistall(rects_)] for ordered, rects_ in placed]
                todo = _unhidden(r, here)
                if todo is None:
                    fastfill.fill(self.surface, self.theme["bg"], r)
                for items in here if todo is None else todo:
                    self.painter.paint(self.surface, items, within=r)
            self.surface.set_clip(None)
            if shifts:
                rects = _merge(rects + [pygame.Rect(v) for v in shifts])
        self._painted = now
        self._held = _pictures(layers)
        self._offsets = offsets
        self._signs, self._next_signs = self._next_signs, {}
        self.frames += 1
        return rects

    def _signed(self, scene, items: list, offsets: dict) -> list:
        """The signatures of a scene's items. When the scene only swapped its scrolled views' items
        into the model this frame signed (Scene.reused) and moved its focus, the rest keep their
        signatures."""
        prev = self._signs.get(scene)
        out = None
        if scene.reused is not None and prev is not None and scene.reused_from is prev[0]:
            out, at, old = [], 0, prev[1]
            for start, n, new_start, new_n in scene.reused:
                out += old[at:start]
                out += [_signature(it, offsets) for it in items[new_start:new_start + new_n]]
                at = start + n
            out += old[at:]
            for i in scene.refocused:  # kept items the focus ring left or reached
                out[i] = _signature(items[i], offsets)
        if out is None or len(out) != len(items):
            out = [_signature(it, offsets) for it in items]
        self._next_signs[scene] = (items, out)
        return out

    def _shifts(self, offsets: dict) -> dict:
        """{view: dy} for each scrolled view whose content moved by less than its height since the
        last frame (and that overlaps no other such view)."""
        out = {}
        for view, off in offsets.items():
            old = self._offsets.get(view)
            if old is not None and old != off and abs(old - off) < view[3]:
                out[view] = old - off
        if len(out) > 1 and any(pygame.Rect(a).colliderect(b) for a in out for b in out if a != b):
            return {}
        return out

    def wake_in(self) -> float | None:
        if self.settle > 0:
            return SETTLE_GAP
        return self.top.wake_in() if self.top is not None else None

    def frame(self, dt: float, events=None) -> bool:
        """One turn of the real loop: input, time, then repaint and show what changed.
        Returns whether anything reached the screen."""
        self._prepare_more = True  # input or time may have put something new in reach
        self.step(dt, events)
        if not self.running or not self.stack:
            return False
        rects = self.render()
        if rects is None:
            pygame.display.flip()
        elif rects:
            pygame.display.update(rects)
        else:
            self.idle()
            return False
        return True

    def idle(self) -> None:
        """A turn with nothing to show: a good moment to collect, then to prepare one screen the
        player may open next (Scene.prepare), so the frame that opens it only paints. Once the scene
        has nothing left to prepare it is not asked again until a turn takes input or time (frame):
        a poll while the player reads costs what a bare clock.tick(30) loop costs."""
        self.gc.idle()
        top = self.top
        if self._prepare_more and top is not None and self.settle <= 0:
            self._prepare_more = top.prepare()

    def run(self, on_first_frame=None) -> None:
        """The real loop: up to 60 frames a second while something animates; otherwise poll
        input 30 times a second (as cheap as a bare `clock.tick(30)` loop) and repaint only
        when input arrives or the top scene's next change is due (`wake_in`)."""
        clock = None  # made after the first frame: a new Clock's first tick waits a whole frame (16 ms)
        last = time.perf_counter()
        due: float | None = last  # when the top scene next changes by itself (None: only on input)
        while self.running and self.stack:
            animating = due is not None and due <= last
            if clock is None:
                clock = pygame.time.Clock()
            else:
                clock.tick(60 if animating or self.dirty else 30)
            events = pygame.event.get()
            now = time.perf_counter()
            if not (events or self.dirty or (due is not None and now >= due)):
                self.idle()
                continue  # a poll that costs what a bare clock.tick(30) loop costs
            dt, last = min(0.25, now - last), now
            shown = self.frame(dt, events)
            wake = self.wake_in()  # asked once per frame, not at every poll
            due = None if wake is None else last + wake
            if shown and self.first_frame_at is None:
                self.first_frame_at = time.perf_counter()
                if on_first_frame:
                    on_first_frame(self)
        pygame.quit()


_TYPED = (pygame.KEYDOWN, pygame.TEXTINPUT)


def _unhidden(r: pygame.Rect, layers: list) -> list | None:
    """What a partial repaint of r must paint, each scene's items in paint order: everything from the
    last opaque box that covers all of r (what lies under it would be painted over), or, when
    nothing covers r, everything (None: the background must be filled first)."""
    for li in range(len(layers) - 1, -1, -1):
        items = layers[li]
        for i in range(len(items) - 1, -1, -1):
            if _covers(items[i], r):
                return [items[i:], *layers[li + 1:]]
    return None


def _opaque(colour) -> bool:
    return colour is not None and not (len(colour) == 4 and colour[3] < 255)


def _covers(it, r: pygame.Rect) -> bool:
    if it.kind not in ("box", "button") or not _opaque(it.colour):
        return False
    if it.kind == "button" and not it.enabled:
        return False  # painted in the disabled colour, not it.colour: not worth a special case
    if it.clip is not None and not it.clip.contains(r):
        return False
    rect = it.rect
    rad = min(it.radius, rect.w // 2, rect.h // 2)
    if rad <= 0:
        return rect.contains(r)
    # a rounded box covers the cross between its corners
    return rect.inflate(-2 * rad, 0).contains(r) or rect.inflate(0, -2 * rad).contains(r)


def _pictures(layers) -> list:
    """The pictures on screen, held until the next frame is compared with this one: a signature
    names a picture by its id(), which a new picture could take over once the old one is freed."""
    return [it.surface for items in layers for it in items if it.surface is not None]


def _signature(it, offsets: dict) -> tuple:
    """Everything about an item that changes its pixels: (rect, clip, is a button, focused, the rest).
    An item clipped to a scrolled view (offsets: view -> offset) has its rect where it lies in the
    view's content, not on screen. A copy of a remembered item (items.clone: a laid-out row, bubble
    or page) shares the rest with the item it was copied from, worked out once: copies are only
    moved, clipped and focused."""
    src = it.__dict__.get("_src")
    if src is None:
        rest = _rest(it)
    else:
        rest = src.__dict__.get("_rest")
        if rest is None:
            rest = src._rest = _rest(src)
        if scene_mod.CHECK_REUSE and rest != _rest(it):  # tests: a copy changed after it was made
            raise AssertionError(f"an item copied from a remembered one was changed: {it}")
    clip = tuple(it.clip) if it.clip is not None else None
    rect = tuple(it.rect)
    if clip is not None and clip in offsets:
        rect = (rect[0], rect[1] + offsets[clip], rect[2], rect[3])
    return rect, clip, it.kind == "button", it.focused, rest


# _rest's fields, by name where the frame loop reads them
KIND, COLOUR, RADIUS, BORDER, EXTRA = 0, 1, 5, 6, 14


def _rest(it) -> tuple:
    try:
        extra = tuple(sorted(it.extra.items())) if it.extra else ()
        hash(extra)
    except TypeError:
        extra = repr(sorted(it.extra.items()))
    return (it.kind, it.colour, it.text, it.role, it.fg, it.radius, it.border, it.border_colour, it.align,
            it.enabled, it.key, it.icon, id(it.surface) if it.surface is not None else 0, it.layer, extra)


# Pixels an item may paint outside its rect: a focused button's ring, an icon's strokes.
MARGIN, BUTTON_MARGIN = 4, 10


def _extent(sig, offsets: dict) -> pygame.Rect:
    """The pixels an item paints, on screen (offsets: where the scrolled views its rect is signed
    in are scrolled to)."""
    m = BUTTON_MARGIN if sig[2] else MARGIN
    r = pygame.Rect(sig[0]).inflate(m, m)
    if sig[1] is None:
        return r
    r.y -= offsets.get(sig[1], 0)
    return r.clip(sig[1])


NEAR = 24  # rectangles closer than this may be joined: each one costs a round of X11 work
SLACK = 64 * 64  # px a join may add beyond the two rectangles' own area, and still be worth it
MAX_RECTS = 12  # more regions than this are joined whatever it costs (40 small ones took ~5 ms to show)
MANY_RECTS = 48  # more changed items than this are painted as the one region they span (_merge)


def _merge(rects: list) -> list:
    """Overlapping or nearby rectangles joined when their union is not much bigger than they are,
    so little is painted twice and the screen gets a few regions rather than one per item. Two
    far-apart cards and a strip are not joined into the whole screen between them: a focus that
    moves from one card to another while the grid scrolls repaints three regions, not everything.
    A new phone screen changes a hundred items: joining them pair by pair cost more than painting
    what they span once, so that many are one region."""
    rects = [r for r in rects if r.w and r.h]
    if len(rects) > MANY_RECTS:
        return [rects[0].unionall(rects[1:])]
    out = _join(rects, lambda o, r, u: u.w * u.h <= 1.3 * (o.w * o.h + r.w * r.h) + SLACK)
    if len(out) > MAX_RECTS:
        out = _join(out, lambda o, r, u: True)
    return out


def _join(rects: list, worth) -> list:
    out: list = []
    for r in rects:
        if not (r.w and r.h):
            continue
        r = r.copy()
        merged = True
        while merged:
            merged = False
            for o in out:
                if o.inflate(NEAR, NEAR).colliderect(r):
                    u = o.union(r)
                    if worth(o, r, u):
                        out.remove(o)
                        r = u
                        merged = True
                        break
        out.append(r)
    return out


class _Census:
    """The signatures of the items on screen: a set (differences in C), with counts kept only for
    signatures that occur more than once (a translucent box painted twice looks different)."""

    __slots__ = ("sigs", "dups")

    def __init__(self, sigs: list, dups: dict | None = None):
        self.sigs = set(sigs) if isinstance(sigs, list) else sigs
        if dups is None and isinstance(sigs, list) and len(self.sigs) != len(sigs):
            dups = {k: n for k, n in Counter(sigs).items() if n > 1}
        self.dups = dups or {}

    def count(self, sig) -> int:
        return self.dups.get(sig, 1) if sig in self.sigs else 0

    def changed(self, other: _Census) -> set:
        out = self.sigs ^ other.sigs
        for sig in self.dups.keys() | other.dups.keys():
            if self.count(sig) != other.count(sig):
                out.add(sig)
        return out



def _offsets(scenes) -> dict:
    """{view as a tuple: offset} of every scrolled view the visible scenes drew."""
    out: dict = {}
    for scene in scenes:
        out.update(getattr(scene, "scrolls", None) or {})
    return out


def _scroll_damage(view: pygame.Rect, dy: int, before: _Census, now: _Census, offsets: dict) -> list:
    """What must be painted again after moving `view`'s pixels by dy: the strip it uncovers, and
    every item not clipped to the view that overlaps it (where it was, and where its moved pixels
    went). A plain opaque box under the whole view is the exception: its pixels moving changes
    nothing, except in the bands of its rounded corners (a phone screen's bottom corners)."""
    v = tuple(view)
    out = [pygame.Rect(view.x, view.bottom + dy, view.w, -dy) if dy < 0 else pygame.Rect(view.x, view.y, view.w, dy)]
    for sig in before.sigs:
        if sig[1] == v or sig[4][KIND] == "hit":  # a hit area paints nothing
            continue
        ext = _extent(sig, offsets)
        if not ext.colliderect(view):
            continue
        bands = _corner_bands(sig, view) if sig in now.sigs else None
        for r in (bands if bands is not None else [ext]):
            out.append(r.clip(view))
            out.append(r.move(0, dy).clip(view))
    return out


def _corner_bands(sig, view: pygame.Rect) -> list | None:
    """For an opaque box without border whose rect holds the view: the rows of the view that cross
    its rounded corners ([] when none do). None for anything else."""
    rest = sig[4]
    if rest[KIND] != "box" or rest[BORDER] or sig[1] is not None or rest[EXTRA] or not _opaque(rest[COLOUR]):
        return None
    r = pygame.Rect(sig[0])
    if not r.contains(view):
        return None
    rad = min(rest[RADIUS], r.w // 2, r.h // 2)
    if rad <= 0 or (view.left >= r.left + rad and view.right <= r.right - rad):
        return []  # square corners, or the view lies between them
    out = []
    for band in (pygame.Rect(r.left, r.top, r.w, rad), pygame.Rect(r.left, r.bottom - rad, r.w, rad)):
        cut = band.clip(view)
        if cut.h:
            out.append(cut)
    return out
