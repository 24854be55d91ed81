"""The application: window, scene stack, frame loop, settings and shared services.

Tests drive it without the real loop: post pygame events, then call `step(dt)` and
`draw()` with a fixed dt (Clock.tick really sleeps).
"""

from __future__ import annotations

import time

import pygame

from game.core.i18n import load_translator
from game.core.progress import Progress
from game.core.recording import NullRecorder

from .fonts import Fonts
from .painter import Painter
from .sound import Sounds
from .theme import Theme

MIN_SIZE = (960, 600)
BASE = (1280, 720)


class App:
    def __init__(self, *, lang: str | None = None, size=BASE, fullscreen: bool | None = None,
                 progress: Progress | None = None, recorder=None, scenario_paths=None, default_lang: str = "vi"):
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
        self.stack: list = []
        self.running = True
        self.dirty = True
        self.frames = 0
        self.first_frame_at: float | None = None
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
        if self.prefs.fullscreen:
            surf = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            surf = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        self._rescale(surf.get_size())
        return surf

    def set_zoom(self, zoom: float) -> None:
        """Enlarge everything beyond the window-size scale (projector mode)."""
        self.zoom = zoom
        self._rescale(self.surface.get_size())

    def _rescale(self, size) -> None:
        w, h = size
        self.scale = max(0.75, min(2.5, min(w / BASE[0], h / BASE[1]))) * getattr(self, "zoom", 1.0)
        self.fonts.configure(self.prefs.text_size, self.scale)
        self.dirty = True

    @property
    def size(self) -> tuple[int, int]:
        return self.surface.get_size()

    def toggle_fullscreen(self) -> None:
        self.prefs.fullscreen = not self.prefs.fullscreen
        self.surface = self._open_window()
        self.progress.save()

    def resize(self, size) -> None:
        """The window was resized: keep a minimum size, then lay everything out again."""
        if not self.prefs.fullscreen:
            if size[0] < MIN_SIZE[0] or size[1] < MIN_SIZE[1]:
                size = (max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1]))
                self.surface = pygame.display.set_mode(size, pygame.RESIZABLE)
            else:
                self.surface = pygame.display.get_surface() or self.surface
            self.windowed_size = self.surface.get_size()
        self._rescale(self.surface.get_size())

    # -- settings that change how everything looks ---------------------------

    def set_language(self, lang: str) -> None:
        self.lang = self.prefs.lang = lang
        self.tr = load_translator(lang)
        self.fonts.clear()
        self.progress.save()
        self.dirty = True

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
            self._rescale(self.surface.get_size())
            return
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_F11:
            self.toggle_fullscreen()
            return
        if self.top is not None:
            self.top.handle_event(ev)

    def step(self, dt: float, events=None) -> None:
        """Handle queued input and move time on by dt seconds."""
        for ev in pygame.event.get() if events is None else events:
            self.handle(ev)
            if not self.running:
                return
        if self.top is not None:
            self.top.update(dt)

    def draw(self) -> None:
        """Paint the visible scenes (the top one and any it overlays)."""
        surf = self.surface
        surf.fill(self.theme["bg"])
        self.painter.begin()
        first = len(self.stack) - 1
        while first > 0 and self.stack[first].overlay:
            first -= 1
        for scene in self.stack[max(0, first):]:
            self.painter.paint(surf, scene.refresh())
        self.frames += 1
        self.dirty = False

    def wake_in(self) -> float | None:
        return self.top.wake_in() if self.top is not None else None

    def run(self, on_first_frame=None) -> None:
        """The real loop: 60 fps while something moves, otherwise sleep until input."""
        last = time.perf_counter()
        clock = pygame.time.Clock()
        while self.running and self.stack:
            wake = self.wake_in()
            if wake == 0 or self.dirty:
                clock.tick(60)
            else:
                ms = 1000 if wake is None else max(1, min(1000, int(wake * 1000)))
                ev = pygame.event.wait(ms)
                if ev.type != pygame.NOEVENT:
                    pygame.event.post(ev)
            now = time.perf_counter()
            dt, last = min(0.25, now - last), now
            self.step(dt)
            if not self.running:
                break
            if self.dirty or self.wake_in() is not None:
                self.draw()
                pygame.display.flip()
                if self.first_frame_at is None:
                    self.first_frame_at = time.perf_counter()
                    if on_first_frame:
                        on_first_frame(self)
        pygame.quit()
