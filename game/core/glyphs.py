"""Which characters the bundled font can draw, read from its cmap table (pure Python).

Lint uses this to warn about text that would show as empty boxes in the game, such as
emoji, which Be Vietnam Pro does not have.
"""

from __future__ import annotations

import functools
import struct
from pathlib import Path

FONT = Path(__file__).resolve().parents[2] / "assets" / "fonts" / "BeVietnamPro-Regular.ttf"


@functools.cache
def covered(font: Path = FONT) -> frozenset[int]:
    """Code points with a real glyph (glyph id != 0). Empty if the font cannot be read."""
    try:
        data = font.read_bytes()
        return frozenset(_cmap(data))
    except (OSError, struct.error, ValueError):
        return frozenset()


def _cmap(data: bytes) -> set[int]:
    num_tables = struct.unpack_from(">H", data, 4)[0]
    tables = {}
    for i in range(num_tables):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag] = offset
    base = tables[b"cmap"]
    _version, count = struct.unpack_from(">HH", data, base)
    subtables = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, base + 4 + 8 * i)
        subtables[(platform, encoding)] = base + offset
    for key in ((3, 10), (0, 4), (0, 6)):
        if key in subtables and struct.unpack_from(">H", data, subtables[key])[0] == 12:
            return _format12(data, subtables[key])
    for key in ((3, 1), (0, 3), (0, 1), (0, 0)):
        if key in subtables and struct.unpack_from(">H", data, subtables[key])[0] == 4:
            return _format4(data, subtables[key])
    raise ValueError("no usable cmap subtable")


def _format12(data: bytes, at: int) -> set[int]:
    groups = struct.unpack_from(">I", data, at + 12)[0]
    out: set[int] = set()
    for i in range(groups):
        start, end, glyph = struct.unpack_from(">III", data, at + 16 + 12 * i)
        out.update(range(start if glyph else start + 1, end + 1))
    return out


def _format4(data: bytes, at: int) -> set[int]:
    seg_count = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends = struct.unpack_from(f">{seg_count}H", data, at + 14)
    starts = struct.unpack_from(f">{seg_count}H", data, at + 16 + 2 * seg_count)
    deltas = struct.unpack_from(f">{seg_count}h", data, at + 16 + 4 * seg_count)
    range_at = at + 16 + 6 * seg_count
    offsets = struct.unpack_from(f">{seg_count}H", data, range_at)
    out: set[int] = set()
    for i in range(seg_count):
        for cp in range(starts[i], ends[i] + 1):
            if cp == 0xFFFF:
                continue
            if offsets[i] == 0:
                glyph = (cp + deltas[i]) & 0xFFFF
            else:
                where = range_at + 2 * i + offsets[i] + 2 * (cp - starts[i])
                glyph = struct.unpack_from(">H", data, where)[0]
                glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
            if glyph:
                out.add(cp)
    return out


@functools.cache
def _fine(font: Path) -> frozenset[str]:
    return frozenset(map(chr, covered(font))) | frozenset(" \t\n\r\u200d\ufe0f\ufe0e\u00a0")


def missing(text: str, font: Path = FONT) -> list[str]:
    """Characters of `text` the font cannot draw (whitespace and joiners are fine), in order."""
    have = covered(font)
    if not have or _fine(font).issuperset(text):
        return []
    seen: list[str] = []
    for ch in text:
        if ch.isspace() or ch in "\u200d\ufe0f\ufe0e" or ord(ch) in have:
            continue
        if ch not in seen:
            seen.append(ch)
    return seen
