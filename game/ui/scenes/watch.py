"""Author dev mode: reload the scenario when its file changes, replay the choices so far,
and show lint errors in an overlay instead of quitting."""

from __future__ import annotations

import os
from pathlib import Path

import pygame

from game.core.loader import load_scenario

from .. import items as I
from ..kit import Column
from ..scene import Scene

POLL = 0.5  # seconds between mtime checks


class Watcher:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.mtime = self._mtime()
        self.wait = 0.0

    def _mtime(self):
        try:
            return os.stat(self.path).st_mtime_ns
        except OSError:
            return None

    def changed(self, dt: float) -> bool:
        self.wait += dt
        if self.wait < POLL:
            return False
        self.wait = 0.0
        m = self._mtime()
        if m != self.mtime:
            self.mtime = m
            return True
        return False


def reload_scene(app, path: Path, choices: list, start: str | None, replace_top: bool) -> None:
    """Load the file again: play on from the same choices, or show what is wrong."""
    app.sounds.stop_ring()
    loaded = load_scenario(Path(path), app.get_taxonomy())
    if not loaded.ok:
        scene = LintOverlay(app, path, loaded.diagnostics, choices, start)
    else:
        scene = app.make("play", loaded.scenario, resume={"choices": choices}, start=start, watch=Path(path))
    if replace_top:
        app.reset(scene)
    else:
        app.push(scene)


class LintOverlay(Scene):
    def __init__(self, app, path, diagnostics, choices, start):
        super().__init__(app)
        self.path = Path(path)
        self.diagnostics = diagnostics
        self.choices = choices
        self.start = start
        self.watcher = Watcher(self.path)
        self.scroll = 0

    def build(self):
        th, tr, fonts, s = self.theme, self.tr, self.fonts, self.app.scale
        W, H = self.app.size
        out = [I.box((0, 0, W, H), th["bg"])]
        pad = int(30 * s)
        col = Column(fonts, pad, pad - self.scroll, W - 2 * pad, out, gap=int(6 * s))
        col.text(tr.gettext("The scenario has errors"), th["unsafe"], "h1")
        col.text(tr.gettext("Fix the file and save it: the game reloads by itself."), th["text"], "body")
        col.text(str(self.path), th["muted"], "small")
        col.space(int(10 * s))
        for d in self.diagnostics:
            colour = th["unsafe"] if d.severity == "error" else th["muted"]
            col.text(d.format(self.tr.lang), colour, "small")
        return out

    def update(self, dt: float) -> None:
        if self.watcher.changed(dt):
            reload_scene(self.app, self.path, self.choices, self.start, replace_top=True)

    def handle_event(self, ev) -> bool:
        if ev.type == pygame.MOUSEWHEEL:
            self.scroll = max(0, self.scroll - ev.y * 40)
            return True
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_ESCAPE:
            self.app.running = False
            return True
        return super().handle_event(ev)

    def wake_in(self):
        return 0.5
