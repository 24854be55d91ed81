"""How the C heap gives memory back (glibc only; elsewhere nothing happens).

Surfaces are malloc'ed by SDL. glibc serves a block of 128 KiB or more with its own mmap and
unmaps it when freed, but after the first such block is freed it raises that threshold to the
block's size (up to 32 MiB), so later text and image surfaces land in the heap and a freed one
stays resident between live ones. The game frees surfaces all the time (the text and image
caches drop their oldest, a picture is converted to the display format), so the heap grew by
the caches' churn, not by what they hold. A fixed threshold keeps surfaces of 128 KiB and more
in their own mappings, given back when freed; the heap's top is trimmed past 256 KiB.
Measured in a real window (`bench ui`'s played scenario, three alternated runs each): peak
54.5 -> 53.0 MB, frame times within the runs' noise. Process-wide, so set once.
"""

from __future__ import annotations

import ctypes
import sys

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's malloc.h
MMAP_THRESHOLD = 128 * 1024
TRIM_THRESHOLD = 256 * 1024

_done: list[bool] = []


def tune_malloc() -> bool:
    """Set glibc's thresholds once; False where there is no glibc (macOS, Windows, musl)."""
    if _done:
        return _done[0]
    ok = False
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None)
            if hasattr(libc, "gnu_get_libc_version"):  # musl has a mallopt that ignores everything
                ok = bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and \
                    bool(libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
        except (OSError, AttributeError):
            ok = False
    _done.append(ok)
    return ok
