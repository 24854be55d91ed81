"""Fonts, the one word-wrap used for measuring and drawing, and the rendered-text cache.

pygame's default font cannot draw Vietnamese, so every font is Be Vietnam Pro. Text is
NFC-normalised before measuring. Rendered surfaces are cached by (text, width, font,
colour); the cache is dropped when language, text size or theme changes.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pygame

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
        out = []
        for ch in text:
            ok = self._glyph.get(ch)
            if ok is None:
                m = font.metrics(ch)[0] if not ch.isspace() else (0, 1, 0, 1, 1)
                ok = self._glyph[ch] = m is not None and (m[1] > m[0] or m[3] > m[2])
            if ok:
                out.append(ch)
        return "".join(out).replace("  ", " ").strip() if len(out) != len(text) else text

    def wrap(self, text: str, role: str, width: int) -> list[str]:
        """Greedy word wrap by measured width; words longer than a line are split by letters."""
        key = (text, role, self.body_px, width)
        lines = self._wraps.get(key)
        if lines is not None:
            return lines
        font = self.get(role)
        lines = []
        for para in self.drawable(nfc(text)).split("\n"):
            cur = ""
            for word in para.split(" "):
                trial = f"{cur} {word}" if cur else word
                if font.size(trial)[0] <= width or not cur and not word:
                    cur = trial
                    continue
                if cur:
                    lines.append(cur)
                cur = ""
                while font.size(word)[0] > width and len(word) > 1:
                    cut = len(word)
                    while cut > 1 and font.size(word[:cut])[0] > width:
                        cut -= 1
                    lines.append(word[:cut])
                    word = word[cut:]
                cur = word
            lines.append(cur)
        if len(self._wraps) > CACHE_LIMIT:
            self._wraps.clear()
        self._wraps[key] = lines
        return lines

    def fit(self, text: str, role: str, width: int) -> str:
        """One line: the text, cut with an ellipsis when it is wider than width (cached)."""
        key = ("fit", text, role, self.body_px, width)
        out = self._wraps.get(key)
        if out is None:
            f = self.get(role)
            out = self.drawable(nfc(text))
            if f.size(out)[0] > width:
                while out and f.size(out + "…")[0] > width:
                    out = out[:-1]
                out += "…"
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
