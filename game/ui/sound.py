"""Ringtone and message ping, synthesised at start-up (no sound files, nothing to license).

If there is no audio device the mixer fails to start and every call here does nothing.
"""

from __future__ import annotations

import array
import contextlib
import math

import pygame


def _tone(rate: int, channels: int, parts: list[tuple[float, float, float]]) -> bytes:
    """parts: (seconds, frequency Hz or 0 for silence, volume 0..1) -> 16-bit samples."""
    buf = array.array("h")
    for secs, freq, vol in parts:
        n = int(rate * secs)
        fade = max(1, int(rate * 0.01))
        for i in range(n):
            env = min(1.0, i / fade, (n - i) / fade)
            v = int(32767 * vol * env * math.sin(2 * math.pi * freq * i / rate)) if freq else 0
            buf.extend([v] * channels)
    return buf.tobytes()


class Sounds:
    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self.ok = False
        self._sounds: dict = {}
        self._ring_channel = None
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=22050, size=-16, channels=1, buffer=1024)
            rate, _size, channels = pygame.mixer.get_init()
        except (pygame.error, TypeError):
            return  # no audio device: play silently
        ring = []
        for _ in range(2):
            ring += [(0.4, 880, 0.25), (0.05, 0, 0), (0.4, 698, 0.25), (0.3, 0, 0)]
        specs = {
            "ring": ring,
            "ping": [(0.07, 1318, 0.22), (0.02, 0, 0), (0.12, 1760, 0.18)],
            "notify": [(0.1, 988, 0.2), (0.1, 1319, 0.18)],
            "end": [(0.15, 440, 0.2), (0.05, 0, 0), (0.15, 440, 0.2)],
        }
        try:
            for name, parts in specs.items():
                self._sounds[name] = pygame.mixer.Sound(buffer=_tone(rate, channels, parts))
            self.ok = True
        except pygame.error:
            self._sounds = {}

    def play(self, name: str, loop: bool = False) -> None:
        snd = self._sounds.get(name)
        if not (self.enabled and snd):
            return
        try:
            ch = snd.play(loops=-1 if loop else 0)
            if name == "ring":
                self._ring_channel = ch
        except pygame.error:
            pass

    def play_file(self, path) -> None:
        """A scenario's own recording (a line's `audio:`); a missing or bad file is skipped."""
        if not (self.enabled and self.ok):
            return
        key = str(path)
        try:
            if key not in self._sounds:
                self._sounds[key] = pygame.mixer.Sound(key)
            self._sounds[key].play()
        except (pygame.error, FileNotFoundError, OSError):
            self._sounds[key] = None

    def play_loaded(self, snd) -> None:
        """A scenario's recording, once game.ui.assets has loaded it off the frame."""
        if self.enabled and self.ok:
            with contextlib.suppress(pygame.error):
                snd.play()

    def stop_ring(self) -> None:
        if self._ring_channel is not None:
            with contextlib.suppress(pygame.error):
                self._ring_channel.stop()
            self._ring_channel = None
