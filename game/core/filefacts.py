"""Facts about files on disk, remembered for the length of one lint run.

Lint checks hundreds of files that name the same folders and the same few images, and each
fact costs system calls: resolving a path stats every folder on the way, checking an asset
reads its header. While a run lasts the files do not change, so each fact is worked out
once. Outside a run nothing is remembered: the game's watch mode must see a fixed file at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_memo: dict | None = None  # None: not in a run, work everything out every time


def remember(memo: dict | None) -> dict | None:
    """Keep facts in `memo` from now on (None: remember nothing); returns what was used before."""
    global _memo
    before, _memo = _memo, memo
    return before


def fact(key: tuple, work_out: Callable[[], T]) -> T:
    """work_out(), or what it gave for the same key earlier in this run."""
    if _memo is None:
        return work_out()
    try:
        return _memo[key]
    except KeyError:
        value = _memo[key] = work_out()
        return value
