"""Scenario images and sounds, loaded off the frame.

Every file is checked first from its headers (game.core.assetcheck: format, pixel size,
duration, bytes), then decoded by one background thread, so a slow USB stick or a huge file
never freezes a frame. Until a file is ready `image()` answers None (the phone keeps its
space); a file that fails the check or the decoder gets a placeholder and one logged warning.
The main thread converts finished images to the display format in `poll()`.

A picture is handed out as a `Picture`: its size at all times, its full-size pixels only while
they are needed. The painter draws pictures through scaled copies it caches; once a frame has
made its copies, the full-size pixels are dropped (`Picture.release`) and decoded again from the
file's bytes, kept in memory, if a copy at another size is ever needed. The four pictures of a
scenario are ~2.7 MB of pixels from ~110 KB of files.
"""

from __future__ import annotations

import io
import logging
import queue
import threading
from pathlib import Path

import pygame

from game.core.assetcheck import problem

log = logging.getLogger("la_chan.assets")

PLACEHOLDER_SIZE = (160, 120)


def placeholder() -> pygame.Surface:
    """A grey card with a cross: where a bad image would have been."""
    w, h = PLACEHOLDER_SIZE
    surf = pygame.Surface((w, h), pygame.SRCALPHA)
    surf.fill((200, 200, 205, 255))
    pygame.draw.rect(surf, (150, 150, 160), surf.get_rect(), 3)
    pygame.draw.line(surf, (150, 150, 160), (0, 0), (w - 1, h - 1), 3)
    pygame.draw.line(surf, (150, 150, 160), (0, h - 1), (w - 1, 0), 3)
    return surf


def _pixels(data: bytes, hint: str) -> pygame.Surface:
    """A picture file's pixels, decoded from its bytes (the same call the first time and every time after)."""
    return pygame.image.load(io.BytesIO(data), hint)


def _for_display(surf: pygame.Surface) -> pygame.Surface:
    return surf.convert_alpha() if pygame.display.get_surface() is not None else surf


def _rect(size, kw) -> pygame.Rect:
    """Surface.get_rect's answer for a surface of this size."""
    r = pygame.Rect((0, 0), size)
    for k, v in kw.items():
        setattr(r, k, v)
    return r


class Picture:
    """A scenario picture: what layouts ask of a surface (its size), and its pixels on demand.

    `pixels()` gives the full-size pixels, decoded again from the file's bytes if they were
    released; `release()` drops them. `subsurface(rect)` is a part of the picture (a thumbnail's
    square), decoded with it."""

    __slots__ = ("_data", "_hint", "_size", "_pixels", "__weakref__")

    def __init__(self, data: bytes, hint: str, pixels: pygame.Surface):
        self._data, self._hint, self._pixels = data, hint, pixels
        self._size = pixels.get_size()

    def get_size(self) -> tuple[int, int]:
        return self._size

    def get_width(self) -> int:
        return self._size[0]

    def get_height(self) -> int:
        return self._size[1]

    def get_rect(self, **kw) -> pygame.Rect:
        return _rect(self._size, kw)

    def held(self) -> bool:
        """Whether the full-size pixels are in memory now."""
        return self._pixels is not None

    def pixels(self) -> pygame.Surface:
        if self._pixels is None:
            try:
                surf = _for_display(_pixels(self._data, self._hint))
            except (pygame.error, OSError, ValueError, MemoryError) as exc:  # decoded once: should never happen
                log.warning("picture %s not decoded again: %s", self._hint, exc)
                surf = pygame.transform.smoothscale(placeholder(), self._size)
            self._pixels = surf
        return self._pixels

    def release(self) -> None:
        self._pixels = None

    def subsurface(self, rect) -> _Part:
        return _Part(self, pygame.Rect(rect))


class _Part:
    """A rectangle of a Picture, as Picture.subsurface gives it."""

    __slots__ = ("_whole", "_rect", "__weakref__")

    def __init__(self, whole: Picture, rect: pygame.Rect):
        self._whole, self._rect = whole, rect

    def get_size(self) -> tuple[int, int]:
        return self._rect.size

    def get_width(self) -> int:
        return self._rect.w

    def get_height(self) -> int:
        return self._rect.h

    def get_rect(self, **kw) -> pygame.Rect:
        return _rect(self._rect.size, kw)

    def held(self) -> bool:
        return self._whole.held()

    def pixels(self) -> pygame.Surface:
        return self._whole.pixels().subsurface(self._rect)

    def release(self) -> None:
        self._whole.release()


def _decode(kind: str, path: Path):
    """Check the headers, then decode (in the worker thread). Returns the object or an error text:
    for an image, (the file's bytes, its pixels)."""
    bad = problem(path)
    if bad is not None:
        return f"{bad.code} {bad}"
    try:
        if kind == "image":
            data = path.read_bytes()
            return data, _pixels(data, path.name)
        if not pygame.mixer.get_init():
            return "no audio device"
        return pygame.mixer.Sound(str(path))
    except (pygame.error, OSError, ValueError, MemoryError) as exc:
        return f"cannot decode ({exc})"


class AssetLoader:
    """One background thread per loader; results are handed over in `poll()` on the main thread."""

    def __init__(self):
        self._ready: dict[tuple[str, str], object] = {}
        self._pending: set[tuple[str, str]] = set()
        self._callbacks: dict[tuple[str, str], list] = {}
        self._jobs: queue.Queue = queue.Queue()
        self._done: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self.arrived = 0  # files handed over so far: a layout that depends on pictures keys on it

    # -- the main thread ---------------------------------------------------------

    def image(self, path, load: bool = True) -> Picture | pygame.Surface | None:
        """The picture if it is ready, a placeholder surface if it is bad, None while it loads (or,
        with load=False, when it has not been loaded: nothing is started)."""
        if not load:
            return self._ready.get(("image", str(Path(path))))
        return self._get("image", Path(path))

    def sound(self, path, then) -> None:
        """Call then(sound) once the sound is loaded (at once if it already is); bad sounds are skipped."""
        key = ("sound", str(path))
        if key in self._ready:
            if self._ready[key] is not None:
                then(self._ready[key])
            return
        self._callbacks.setdefault(key, []).append(then)
        self._get("sound", Path(path))

    def pending(self) -> bool:
        return bool(self._pending)

    def poll(self) -> bool:
        """Take finished loads (converting images for the display); True if anything arrived."""
        got = False
        while True:
            try:
                key, value = self._done.get_nowait()
            except queue.Empty:
                return got
            got = True
            self.arrived += 1
            self._pending.discard(key)
            kind, path = key
            if isinstance(value, str):
                log.warning("%s %s not used: %s", kind, path, value)
                value = placeholder() if kind == "image" else None
            elif kind == "image":
                data, pixels = value
                value = Picture(data, Path(path).name, _for_display(pixels))
            self._ready[key] = value
            for then in self._callbacks.pop(key, []):
                if value is not None:
                    then(value)

    def wait(self, timeout: float = 5.0) -> None:
        """Block until every requested file is handled (tests, benchmarks); then poll()."""
        import time

        end = time.monotonic() + timeout
        while self._pending and time.monotonic() < end:
            if not self.poll():
                time.sleep(0.005)

    # -- internals ---------------------------------------------------------------

    def _get(self, kind: str, path: Path):
        key = (kind, str(path))
        if key in self._ready:
            return self._ready[key]
        if key not in self._pending:
            self._pending.add(key)
            self._jobs.put(key)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="asset-loader", daemon=True)
                self._thread.start()
        # No poll() here: this runs while drawing, and drawing must not change what is on screen
        # between two paints. Arrivals are taken in update(), which marks the frame dirty.
        return self._ready.get(key)

    def _work(self) -> None:
        while True:
            try:
                key = self._jobs.get(timeout=2.0)
            except queue.Empty:
                return  # idle: the thread ends; the next request starts another
            kind, path = key
            try:
                value = _decode(kind, Path(path))
            except Exception as exc:  # noqa: BLE001 — a bad file must never kill the loader
                value = f"cannot decode ({exc.__class__.__name__})"
            self._done.put((key, value))
