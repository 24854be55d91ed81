"""Fonts, the one word-wrap used for measuring and drawing, and the rendered-text cache.

pygame's default font cannot draw Vietnamese, so every font is Be Vietnam Pro. Text is
NFC-normalised before measuring. Rendered surfaces are cached by (text, width, font,
colour); the cache is dropped when language, text size or theme changes.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from itertools import accumulate
from pathlib import Path

import pygame

from game.core.textgate import clean

from .surfcache import SurfaceCache

FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
WEIGHTS = {"regular": "BeVietnamPro-Regular.ttf", "semibold": "BeVietnamPro-SemiBold.ttf", "bold": "BeVietnamPro-Bold.ttf"}
SIZE_STEPS = {"small": 15, "medium": 18, "large": 22}  # body text px at 720 p
# role -> (weight, size relative to body)
ROLES = {
    "body": ("regular", 1.0), "small": ("regular", 0.8), "tiny": ("regular", 0.7),
    "strong": ("semibold", 1.0), "button": ("semibold", 1.0), "label": ("semibold", 0.8),
    "title": ("bold", 1.25), "h1": ("bold", 1.6), "huge": ("bold", 2.6), "clock": ("semibold", 3.4),
}
CACHE_LIMIT = 3000
TEXT_CACHE_BYTES = 4 * 1024 * 1024  # rendered text kept, oldest dropped first (a screenful is ~2 MB)


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


class Fonts:
    def __init__(self, text_size: str = "medium", scale: float = 1.0):
        self._fonts: dict = {}
        self._wraps: dict = {}
        self._surfaces = SurfaceCache(TEXT_CACHE_BYTES)
        self._measures: dict = {}
        self._glyph: dict[str, bool] = {}
        self.configure(text_size, scale)

    def configure(self, text_size: str, scale: float) -> None:
        self.text_size = text_size if text_size in SIZE_STEPS else "medium"
        self.scale = scale
        self.body_px = max(9, round(SIZE_STEPS[self.text_size] * scale))
        self.clear()

    def clear(self) -> None:
        """Drop every cached wrap and surface (language, size or theme changed)."""
        self._wraps.clear()
        self._surfaces.clear()
        self._measures.clear()

    def px(self, role: str) -> int:
        return max(8, round(self.body_px * ROLES[role][1]))

    def get(self, role: str) -> pygame.font.Font:
        weight = ROLES[role][0]
        key = (weight, self.px(role))
        f = self._fonts.get(key)
        if f is None:
            f = self._fonts[key] = pygame.font.Font(str(FONT_DIR / WEIGHTS[weight]), key[1])
        return f

    def line_height(self, role: str) -> int:
        return self.get(role).get_linesize()

    def drawable(self, text: str) -> str:
        """Drop characters the font has no glyph for (emoji and the like), which would draw as
        empty gaps; lint warns authors about them."""
        if text.isascii():
            return text
        font = self.get("body")
        missing = set()
        for ch in set(text):  # distinct characters: linear in the text, not in glyph lookups
            ok = self._glyph.get(ch)
            if ok is None:
                m = font.metrics(ch)[0] if not ch.isspace() else (0, 1, 0, 1, 1)
                ok = self._glyph[ch] = m is not None and (m[1] > m[0] or m[3] > m[2])
            if not ok:
                missing.add(ch)
        if not missing:
            return text
        return "".join(ch for ch in text if ch not in missing).replace("  ", " ").strip()

    def wrap(self, text: str, role: str, width: int) -> list[str]:
        """Greedy word wrap by measured width, linear in the text's length (every character is
        measured a bounded number of times). A word longer than a line breaks where a URL would
        (after `/` or `-`, before `.`, `?` or `&`), else anywhere."""
        key = (text, role, self.body_px, width)
        lines = self._wraps.get(key)
        if lines is not None:
            return lines
        font = self.get(role)
        lines = []
        for para in self.drawable(nfc(clean(text))).split("\n"):
            _wrap_para(font, para, max(1, width), lines)
        if len(self._wraps) > CACHE_LIMIT:
            self._wraps.clear()
        self._wraps[key] = lines
        return lines

    def fit(self, text: str, role: str, width: int) -> str:
        """One line: the text, cut with an ellipsis when it is wider than width (cached; linear)."""
        key = ("fit", text, role, self.body_px, width)
        out = self._wraps.get(key)
        if out is None:
            f = self.get(role)
            out = self.drawable(nfc(clean(text))).replace("\n", " ")
            if f.size(out)[0] > width:
                room = width - f.size("…")[0]
                out = out[:_fits(f, out, max(1, room), _advances(f, out))] + "…"
            if len(self._wraps) > CACHE_LIMIT:
                self._wraps.clear()
            self._wraps[key] = out
        return out

    def measure(self, text: str, role: str, width: int) -> tuple[int, int]:
        """(width, height) the wrapped text will take (cached: layout asks every frame)."""
        key = (text, role, self.body_px, width)
        size = self._measures.get(key)
        if size is None:
            lines = self.wrap(text, role, width)
            font = self.get(role)
            w = max((font.size(ln)[0] for ln in lines), default=0)
            size = (w, len(lines) * font.get_linesize())
            if len(self._measures) > CACHE_LIMIT:
                self._measures.clear()
            self._measures[key] = size
        return size

    def render(self, text: str, role: str, colour: tuple, width: int, align: str = "left") -> pygame.Surface:
        """The wrapped text as one cached surface."""
        key = (text, width, role, self.body_px, colour, align)
        surf = self._surfaces.get(key)
        if surf is not None:
            return surf
        font = self.get(role)
        lines = self.wrap(text, role, width)
        lh = font.get_linesize()
        w = max((font.size(ln)[0] for ln in lines), default=1)
        w = max(1, min(w, width) if align == "left" else width)
        surf = pygame.Surface((w, max(1, lh * len(lines))), pygame.SRCALPHA)
        for i, ln in enumerate(lines):
            if not ln:
                continue
            img = font.render(ln, True, colour[:3])
            if len(colour) > 3:
                img.set_alpha(colour[3])
            x = 0 if align == "left" else (w - img.get_width()) // 2 if align == "center" else w - img.get_width()
            surf.blit(img, (x, i * lh))
        self._surfaces[key] = surf
        return surf


# -- linear-time layout helpers ------------------------------------------------------

# In a word wider than the line (a URL, a pasted token), break after these...
_BREAK_AFTER = frozenset("/-")
# ...or before these, so `example.com/a?b=1&c=2` splits where a reader expects.
_BREAK_BEFORE = frozenset(".?&=")


def _advances(font, text: str) -> list[int]:
    """Running totals of the characters' advances: `pos[i]` is where character i starts. One
    metrics call over the distinct characters (0 advance for one the font lacks)."""
    if not text:
        return [0]
    distinct = "".join(set(text))
    ms = font.metrics(distinct)
    if len(ms) != len(distinct):  # a pygame that counts astral characters differently: one by one
        ms = [(font.metrics(ch) or [None])[0] for ch in distinct]
    width = {ch: m[4] if m else 0 for ch, m in zip(distinct, ms, strict=True)}
    return [0, *accumulate(map(width.__getitem__, text))]


def _fits(font, text: str, width: int, pos: list[int], start: int = 0) -> int:
    """The end index of the longest text[start:end] (at least one character) whose measured width
    is within `width`. The advances give a guess by bisection; the font then confirms it, and a
    kerning or rounding overshoot is corrected by a binary search over the short guessed line."""
    end = max(start + 1, min(len(text), bisect_right(pos, pos[start] + width, start) - 1))
    if end - start == 1 or font.size(text[start:end])[0] <= width:
        return end
    lo, hi = start + 1, end - 1  # text[start:lo] is one character; text[start:end] is too wide
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.size(text[start:mid])[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _break_long_word(font, word: str, width: int) -> list[str]:
    """A word wider than the line, in pieces that each fit: at a URL break point in the back two
    thirds of the piece when there is one, else anywhere."""
    pos = _advances(font, word)
    pieces, start = [], 0
    while start < len(word):
        end = _fits(font, word, width, pos, start)
        if end < len(word):
            floor = start + max(1, (end - start) // 3)
            cut = max([word.rfind(c, floor - 1, end) + 1 for c in _BREAK_AFTER]
                      + [word.rfind(c, floor, end + 1) for c in _BREAK_BEFORE])
            if cut >= floor:
                end = cut
        pieces.append(word[start:end])
        start = end
    return pieces


def _wrap_para(font, para: str, width: int, lines: list[str]) -> None:
    """Append the wrapped lines of one paragraph (no newlines) to `lines`."""
    space = font.size(" ")[0]
    cur: list[str] = []
    cur_w = 0

    def flush():
        nonlocal cur, cur_w
        line = " ".join(cur)
        # Words were measured one by one; confirm the joined line (kerning, rounding) and carry
        # the last word over in the rare case it overshoots.
        if len(cur) > 1 and font.size(line)[0] > width:
            last = cur.pop()
            lines.append(" ".join(cur))
            cur, cur_w = [last], font.size(last)[0]
            return
        lines.append(line)
        cur, cur_w = [], 0

    for word in para.split(" "):
        ww = font.size(word)[0] if word else 0
        if cur and cur_w + space + ww <= width:
            cur.append(word)
            cur_w += space + ww
            continue
        if cur and cur_w + space + ww <= width + len(cur) + 2:
            # Within rounding and kerning of the edge: measure the real line (a few times per line
            # at most, so still linear), so a width taken from `measure` wraps the same way again.
            real = font.size(" ".join(cur) + " " + word)[0]
            if real <= width:
                cur.append(word)
                cur_w = real
                continue
        if cur:
            flush()
            if cur and cur_w + space + ww <= width:  # the carried word and this one share a line
                cur.append(word)
                cur_w += space + ww
                continue
            if cur:
                flush()
        if ww > width and len(word) > 1:
            *whole, word = _break_long_word(font, word, width)
            lines.extend(whole)
            ww = font.size(word)[0]
        cur, cur_w = [word], ww
    flush()
