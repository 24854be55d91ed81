"""Ringtone and message ping, synthesised when first played (no sound files, nothing to license).

If there is no audio device the mixer fails to start and every call here does nothing.
"""

from __future__ import annotations

import array
import contextlib
import math

import pygame


def _tone(rate: int, channels: int, parts: list[tuple[float, float, float]]) -> bytes:
    """parts: (seconds, frequency Hz or 0 for silence, volume 0..1) -> 16-bit samples.

    Only the 10 ms fades are computed sample by sample; in between, one period is repeated
    (the pitch rounded to a whole number of samples per period, under 1 % off for these
    tones). Per-sample synthesis of every tone took ~0.2 s of each start-up.
    """
    out = bytearray()
    for secs, freq, vol in parts:
        n = int(rate * secs)
        if not freq:
            out += bytes(2 * channels * n)
            continue
        period = max(2, round(rate / freq))
        fade = max(1, min(n // 2, int(rate * 0.01)))

        def sample(i, env=1.0, period=period, vol=vol):
            return int(32767 * vol * env * math.sin(2 * math.pi * i / period))

        head = array.array("h", (v for i in range(fade) for v in [sample(i, i / fade)] * channels))
        tail = array.array("h", (v for i in range(n - fade, n) for v in [sample(i, (n - i) / fade)] * channels))
        one = array.array("h", (v for i in range(fade, fade + period) for v in [sample(i)] * channels)).tobytes()
        middle = max(0, n - 2 * fade)
        reps = -(-middle // period)
        out += head.tobytes() + (one * reps)[: 2 * channels * middle] + tail.tobytes()
    return bytes(out)


_RING = [(0.4, 880, 0.25), (0.05, 0, 0), (0.4, 698, 0.25), (0.3, 0, 0)] * 2
SPECS = {
    "ring": _RING,
    "ping": [(0.07, 1318, 0.22), (0.02, 0, 0), (0.12, 1760, 0.18)],
    "notify": [(0.1, 988, 0.2), (0.1, 1319, 0.18)],
    "end": [(0.15, 440, 0.2), (0.05, 0, 0), (0.15, 440, 0.2)],
}


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
        self._format = (rate, channels)
        self.ok = True

    def _get(self, name: str):
        """The named tone, built the first time it is needed (off the start-up path)."""
        if name not in self._sounds and name in SPECS and self.ok:
            try:
                self._sounds[name] = pygame.mixer.Sound(buffer=_tone(*self._format, SPECS[name]))
            except pygame.error:
                self._sounds[name] = None
        return self._sounds.get(name)

    def play(self, name: str, loop: bool = False) -> None:
        if not self.enabled:
            return
        snd = self._get(name)
        if not snd:
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
