"""A cache of rendered surfaces bounded by the memory they hold, oldest dropped first.

A count limit is no memory limit: a few thousand bubble-sized surfaces are well over
100 MB, and a whole scenario renders hundreds. Bytes are what a lab PC runs out of.
"""

from __future__ import annotations


class SurfaceCache(dict):
    def __init__(self, max_bytes: int):
        super().__init__()
        self.max_bytes = max_bytes
        self.bytes = 0

    @staticmethod
    def _size(surf) -> int:
        return surf.get_bytesize() * surf.get_width() * surf.get_height() if surf is not None else 0

    def __setitem__(self, key, surf) -> None:
        if key in self:
            self.bytes -= self._size(dict.__getitem__(self, key))
            dict.__delitem__(self, key)
        dict.__setitem__(self, key, surf)
        self.bytes += self._size(surf)
        while self.bytes > self.max_bytes and len(self) > 1:
            oldest = next(iter(self))
            self.bytes -= self._size(dict.pop(self, oldest))

    def get(self, key, default=None):
        """Look up and mark as recently used."""
        if key not in self:
            return default
        surf = dict.pop(self, key)
        dict.__setitem__(self, key, surf)
        return surf

    def discard_if(self, drop) -> None:
        """Forget every entry whose key `drop(key)` is true."""
        for key in [k for k in self if drop(k)]:
            self.bytes -= self._size(dict.pop(self, key))

    def clear(self) -> None:
        dict.clear(self)
        self.bytes = 0
