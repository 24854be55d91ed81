"""Python's cyclic garbage collector, paced by the frame loop.

The collector runs after every 700 allocations by default, wherever the program happens to be.
A frame allocates a few thousand short-lived objects (the render model), almost all freed at
once by reference counting, so those collections found nothing to free and cost 0.1-3 ms inside
frames (and a full one 10 ms, in the scenario menu). So: young collections are rarer, the objects
made at start-up (fonts, catalogues, modules), which live as long as the game, are left out of
every later collection, and the loop collects in turns when it has nothing to show."""

from __future__ import annotations

import gc
import time

YOUNG = 20_000  # allocations between automatic young collections (a safety net when nothing is idle)
IDLE_GAP = 0.5  # s: at most this often in idle turns
FULL_GAP = 60.0  # s: a full collection in an idle turn at most this often


_frozen = False  # once per process: a test run makes many Apps


class GcPacer:
    def __init__(self):
        self._last = self._last_full = time.perf_counter()

    def start(self) -> None:
        if gc.get_threshold()[0] < YOUNG:
            gc.set_threshold(YOUNG, *gc.get_threshold()[1:])

    def idle(self) -> None:
        """A turn with nothing to show: collect now, off the frames' path. The first one after
        start-up also sets aside what exists by then (it lives as long as the game)."""
        global _frozen
        now = time.perf_counter()
        if now - self._last < IDLE_GAP or not gc.isenabled():
            return
        self._last = now
        if not _frozen:
            _frozen = True
            gc.collect()
            gc.freeze()
        elif now - self._last_full >= FULL_GAP:
            self._last_full = now
            gc.collect()
        elif gc.get_count()[0] > 100:
            gc.collect(1)
