"""Which characters the bundled fonts can draw, read from their cmap tables (pure Python).

The game draws with Be Vietnam Pro and falls back, character by character, to the bundled
Noto Sans Thai, Lao and Khmer (the fallback chain, in order). Lint and `i18n check` use this
to warn about text that no bundled font can draw, such as emoji or CJK (see
docs/architecture.md, "Fonts and scripts"); the game leaves such characters out and logs it.
"""

from __future__ import annotations

import functools
import re
import struct
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FONT = FONT_DIR / "BeVietnamPro-Regular.ttf"
# The fallback chain after the main font, one family per script; every family has these weights.
FALLBACK_FAMILIES = ("NotoSansThai", "NotoSansLao", "NotoSansKhmer")
# The ISO 15924 script each fallback is shaped as (HarfBuzz reorders Khmer vowels and stacks its
# subscript consonants only when told the script).
SCRIPTS = {"NotoSansThai": "Thai", "NotoSansLao": "Laoo", "NotoSansKhmer": "Khmr"}
FALLBACK_WEIGHTS = {"regular": "Regular", "semibold": "Bold", "bold": "Bold"}


def chain(weight: str = "regular") -> list[Path]:
    """The bundled fonts for one weight, in the order a character is looked up."""
    main = {"regular": "Regular", "semibold": "SemiBold", "bold": "Bold"}.get(weight, "Regular")
    tail = FALLBACK_WEIGHTS.get(weight, "Regular")
    return [FONT_DIR / f"BeVietnamPro-{main}.ttf", *(FONT_DIR / f"{fam}-{tail}.ttf" for fam in FALLBACK_FAMILIES)]


@functools.cache
def covered(font: Path = FONT) -> frozenset[int]:
    """Code points with a real glyph (glyph id != 0). Empty if the font cannot be read."""
    try:
        data = font.read_bytes()
        start = struct.unpack_from(">I", data, 12)[0] if data[:4] == b"ttcf" else 0  # a collection: its first font
        return frozenset(_cmap(data, start))
    except (OSError, struct.error, ValueError):
        return frozenset()


def _cmap(data: bytes, start: int = 0) -> set[int]:
    num_tables = struct.unpack_from(">H", data, start + 4)[0]
    tables = {}
    for i in range(num_tables):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, start + 12 + 16 * i)
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


INVISIBLE = frozenset("\u200b\u200c\u200d\ufe0f\ufe0e")  # joiners and variation selectors: nothing to draw
_FINE = INVISIBLE | frozenset(" \t\n\r\u00a0")


@functools.cache
def bundled() -> frozenset[int]:
    """Code points some bundled font (any fallback) can draw."""
    out: set[int] = set()
    for path in chain("regular"):
        out |= covered(path)
    return frozenset(out)


@functools.cache
def _fine(font: Path | None) -> frozenset[str]:
    return frozenset(map(chr, bundled() if font is None else covered(font))) | _FINE


@functools.cache
def _unfine(font: Path | None) -> re.Pattern:
    """One character outside _fine(font): a regex scan, about 3x faster than a set test."""
    ranges: list[list[int]] = []
    for cp in sorted(map(ord, _fine(font))):
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return re.compile("[^" + "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}"
                                     for a, b in ranges) + "]")


def missing(text: str, font: Path | None = None) -> list[str]:
    """Characters of `text` that no bundled font can draw (or, given `font`, that one font cannot;
    whitespace and joiners are fine), in order of first appearance."""
    have = bundled() if font is None else covered(font)
    if not have or _unfine(font).search(text) is None:
        return []
    seen: list[str] = []
    for ch in text:
        if ch.isspace() or ch in _FINE or ord(ch) in have:
            continue
        if ch not in seen:
            seen.append(ch)
    return seen
