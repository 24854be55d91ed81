"""Fonts, the one word-wrap used for measuring and drawing, and the rendered-text cache.

pygame's default font cannot draw Vietnamese, so the main font is Be Vietnam Pro. Each role's
font is a fallback chain (`ChainFont`): a run of characters the main font lacks is drawn with
the first bundled font that has them (Noto Sans Thai, Lao, Khmer; see game.core.glyphs), then a
system CJK font if one is installed. A character no font has is left out and logged, once.
Text is NFC-normalised before measuring. Rendered surfaces are cached by (text, width, font,
colour); the cache is dropped when language, text size or theme changes.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
import unicodedata
from bisect import bisect_right
from itertools import accumulate
from pathlib import Path

import pygame

from game.core import glyphs
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
# CJK is not bundled (a CJK font is 5-20 MB per weight; docs/architecture.md): the first of these
# that exists is the last link of every chain. Checked once, only when a character needs it.
SYSTEM_FALLBACKS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "C:/Windows/Fonts/msyh.ttc", "C:/Windows/Fonts/simsun.ttc", "C:/Windows/Fonts/malgun.ttf",
    "/System/Library/Fonts/PingFang.ttc", "/System/Library/Fonts/Hiragino Sans GB.ttc",
)
CACHE_LIMIT = 3000
# The most lines one text is drawn in: a surface's rows past 65,535 px are drawn 65,536 px higher
# (pygame's blit), so a 50,000-letter word's bubble drew its lines over each other. 200 lines are
# pages of a phone's screen, and at the largest text size and scale still well under that.
MAX_LINES = 200
# Rendered text kept, oldest dropped first. The most text one frame draws is the picker's, 2.1 MB
# (the debrief 1.4, a played scenario 1.7): 3 MB holds that and what the next screen reuses. At 4 MB
# the cache ended a played scenario full; at 2.5 MB the debrief re-rendered its text on every scroll.
TEXT_CACHE_BYTES = 3 * 1024 * 1024


log = logging.getLogger("la_chan.fonts")
# first items of Fonts.width's and Fonts.remember's keys among measure()'s (text, role, px, width)
_WIDTH, _REMEMBERED = object(), object()


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


_system_font: list = []  # [] not looked for yet; [None] or [Path] once looked


def system_fallback():
    """The first installed system font of SYSTEM_FALLBACKS (for CJK), or None."""
    if not _system_font:
        found = next((Path(p) for p in SYSTEM_FALLBACKS if Path(p).is_file()), None)
        _system_font.append(found if found is not None and glyphs.covered(found) else None)
    return _system_font[0]


@functools.cache
def _drawn_by(path: Path) -> frozenset[str]:
    """The characters a font file has, and the blanks: one set per file, shared by its sizes
    (ten roles at three weights built ten sets of ~1,000 one-character strings, ~0.3 MB)."""
    return frozenset(map(chr, glyphs.covered(path))) | frozenset(" \n\t")


def _joins_previous(ch: str) -> bool:
    """A combining mark or joiner: drawn with (and never split from) the character before it."""
    return unicodedata.category(ch) in ("Mn", "Mc", "Me") or ch in "\u200c\u200d\ufe0e\ufe0f"


class ChainFont:
    """Duck-types the pygame.font.Font calls the UI uses (size, metrics, render, line size) over a
    chain of fonts: each run of text is drawn with the first font that has its characters, on the
    main font's baseline. Text the main font covers takes the main font's own path."""

    def __init__(self, paths: list[Path], px: int):
        self.px = px
        self.paths = list(paths)
        self.main = pygame.font.Font(str(self.paths[0]), px)
        self._fonts: dict[int, pygame.font.Font] = {0: self.main}
        self._main_chars = _drawn_by(self.paths[0])
        self._pick: dict[str, int] = {}
        self._system = False
        self.words: dict[str, int] = {}  # word -> width, as wrapping measured it (WORDS_KEPT at most)

    def index(self, ch: str) -> int:
        """Which font of the chain draws ch (-1: none)."""
        i = self._pick.get(ch)
        if i is None:
            cp = ord(ch)
            i = next((n for n, path in enumerate(self.paths) if cp in glyphs.covered(path)), -1)
            if i < 0 and not self._system:
                self._system = True
                extra = system_fallback()
                if extra is not None:
                    self.paths.append(extra)
                    i = len(self.paths) - 1 if cp in glyphs.covered(extra) else -1
            self._pick[ch] = i
        return i

    def font(self, i: int) -> pygame.font.Font:
        f = self._fonts.get(i)
        if f is None:
            f = self._fonts[i] = pygame.font.Font(str(self.paths[i]), self.px)
            script = glyphs.SCRIPTS.get(self.paths[i].stem.split("-")[0])
            if script and hasattr(f, "set_script"):  # pygame-ce with SDL_ttf >= 2.20
                with contextlib.suppress(pygame.error):  # SDL_ttf without HarfBuzz: drawn unshaped
                    f.set_script(script)
        return f

    def runs(self, text: str) -> list[tuple[pygame.font.Font, str]]:
        """Consecutive characters drawn by the same font; a combining mark stays with its base."""
        if self._main_chars.issuperset(text):
            return [(self.main, text)]
        out: list[list] = []
        for ch in text:
            i = out[-1][0] if out and (_joins_previous(ch) or ch == " ") else max(0, self.index(ch))
            if out and out[-1][0] == i:
                out[-1][1].append(ch)
            else:
                out.append([i, [ch]])
        return [(self.font(i), "".join(chars)) for i, chars in out]

    def size(self, text: str) -> tuple[int, int]:
        if self._main_chars.issuperset(text):
            return self.main.size(text)
        return sum(f.size(t)[0] for f, t in self.runs(text)), self.main.get_height()

    def metrics(self, text: str) -> list:
        if self._main_chars.issuperset(text):
            return self.main.metrics(text)
        return [(self.font(max(0, self.index(ch))).metrics(ch) or [None])[0] for ch in text]

    def get_linesize(self) -> int:
        return self.main.get_linesize()

    def get_height(self) -> int:
        return self.main.get_height()

    def get_ascent(self) -> int:
        return self.main.get_ascent()

    def render(self, text: str, antialias: bool, colour) -> pygame.Surface:
        runs = self.runs(text)
        if len(runs) == 1 and runs[0][0] is self.main:
            return self.main.render(text, antialias, colour)
        imgs = [(f, f.render(t, antialias, colour)) for f, t in runs if f.size(t)[0] > 0]  # SDL refuses zero width
        if not imgs:
            return self.main.render(" ", antialias, colour)
        asc = self.main.get_ascent()
        # On the main font's baseline; a fallback's deeper descent may hang below the line box
        # (Fonts.render leaves room for it), its taller ascent is blank space above its glyphs.
        h = max(self.main.get_height(), *(asc - f.get_ascent() + img.get_height() for f, img in imgs))
        surf = pygame.Surface((max(1, sum(img.get_width() for _f, img in imgs)), h), pygame.SRCALPHA)
        x = 0
        for f, img in imgs:
            surf.blit(img, (x, asc - f.get_ascent()))  # every run on the main font's baseline
            x += img.get_width()
        return surf


class Fonts:
    def __init__(self, text_size: str = "medium", scale: float = 1.0):
        self._fonts: dict = {}
        self._wraps: dict = {}
        self._surfaces = SurfaceCache(TEXT_CACHE_BYTES)
        self._measures: dict = {}
        self._logged: set[str] = set()
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
        self._by_role: dict = {}  # role -> font at the present size
        self._lines: dict = {}  # role -> line height

    def px(self, role: str) -> int:
        return max(8, round(self.body_px * ROLES[role][1]))

    def get(self, role: str) -> ChainFont:
        f = self._by_role.get(role)  # layout asks thousands of times a frame
        if f is not None:
            return f
        weight = ROLES[role][0]
        key = (weight, self.px(role))
        f = self._fonts.get(key)
        if f is None:
            f = self._fonts[key] = ChainFont([FONT_DIR / WEIGHTS[weight], *glyphs.chain(weight)[1:]], key[1])
        self._by_role[role] = f
        return f

    def line_height(self, role: str) -> int:
        h = self._lines.get(role)
        if h is None:
            h = self._lines[role] = self.get(role).get_linesize()
        return h

    def drawable(self, text: str) -> str:
        """Leave out characters no font of the chain has (emoji and the like), which would draw as
        empty gaps, and log them (once per character); lint and `i18n check` warn about them."""
        if text.isascii():
            return text
        font = self.get("body")
        missing = {ch for ch in set(text)  # distinct characters: linear in the text, not in glyph lookups
                   if not ch.isspace() and font.index(ch) < 0}
        if not missing:
            return text
        new = missing - self._logged - glyphs.INVISIBLE  # a lone variation selector is no loss
        if new:
            self._logged |= new
            log.warning("no font can draw %s: left out of %r", " ".join(sorted(new)), text[:80])
        return "".join(ch for ch in text if ch not in missing).replace("  ", " ").strip()

    def wrap(self, text: str, role: str, width: int) -> list[str]:
        """Greedy word wrap by measured width, linear in the text's length (every character is
        measured a bounded number of times). A word longer than a line breaks where a URL would
        (after `/` or `-`, before `.`, `?` or `&`), else anywhere. At most MAX_LINES lines, the
        last one then ending in "…"."""
        key = (text, role, self.body_px, width)
        lines = self._wraps.get(key)
        if lines is not None:
            return lines
        font = self.get(role)
        lines: list[str] = []
        widths: list[int | None] = []  # each line's measured width, where wrapping measured it
        for para in self.drawable(nfc(clean(text))).split("\n"):
            # lines are final once appended: wrapping stops as soon as the cut below is certain
            _wrap_para(font, para, max(1, width), lines, MAX_LINES + 1, widths)
            if len(lines) > MAX_LINES:
                break
        if len(lines) > MAX_LINES:  # cut, and said to be: measure and render follow wrap
            lines[MAX_LINES - 1:] = [self.fit(lines[MAX_LINES - 1] + "…", role, width)]
        elif None not in widths and key not in self._measures:
            # what measure() would find by measuring every line again (a text's first frame)
            _keep(self._measures, key, (max(widths, default=0), len(lines) * font.get_linesize()))
        _keep(self._wraps, key, lines)
        return lines

    def fit(self, text: str, role: str, width: int) -> str:
        """One line: the text, cut with an ellipsis when it is wider than width (cached; linear)."""
        key = ("fit", text, role, self.body_px, width)
        out = self._wraps.get(key)
        if out is None:
            f = self.get(role)
            out = self.drawable(nfc(clean(text))).replace("\n", " ")
            # a short text's width is kept: a screen that fits a name often measures what it shows
            if (self.width(out, role) if len(out) <= PREFIX else _at_least(f, out, width)) > width:
                room = width - f.size("…")[0]
                head = out[:CHUNK]  # the cut is within a long text's first chunk when that is too wide
                measured = head if len(out) > CHUNK and _at_least(f, head, room) > room else out
                end = _fits(f, measured, max(1, room), _advances(f, measured))
                while 1 < end < len(out) and not _breakable(out, end):  # never between a letter and its mark
                    end -= 1
                out = out[:end] + "…"
            _keep(self._wraps, key, out)
        return out

    def measure(self, text: str, role: str, width: int) -> tuple[int, int]:
        """(width, height) the wrapped text will take (cached: layout asks every frame)."""
        key = (text, role, self.body_px, width)
        size = self._measures.get(key)
        if size is None:
            lines = self.wrap(text, role, width)
            size = self._measures.get(key)  # wrapping it measured its lines
            if size is not None:
                return size
            font = self.get(role)
            w = max((font.size(ln)[0] for ln in lines), default=0)
            size = (w, len(lines) * font.get_linesize())
            _keep(self._measures, key, size)
        return size

    def width(self, text: str, role: str) -> int:
        """The font's own width of one line as given, `get(role).size(text)[0]` (cached with
        measure()'s answers: screens built again at every frame measure the same labels)."""
        key = (_WIDTH, text, role, self.body_px)
        w = self._measures.get(key)
        if w is None:
            w = _keep(self._measures, key, self.get(role).size(text)[0])
        return w

    def remember(self, key: tuple, make):
        """make()'s answer, kept with measure()'s answers at this text size: for a layout helper
        whose answer depends only on its arguments and the fonts (an address broken into lines,
        a file name cut to fit). `key` names the helper and all its arguments."""
        key = (_REMEMBERED, *key, self.body_px)
        got = self._measures.get(key)
        if got is None:
            got = _keep(self._measures, key, make())
        return got

    def render(self, text: str, role: str, colour: tuple, width: int, align: str = "left") -> pygame.Surface:
        """The wrapped text as one cached surface."""
        key = (text, width, role, self.body_px, colour, align)
        surf = self._surfaces.get(key)
        if surf is not None:
            return surf
        font = self.get(role)
        lines = self.wrap(text, role, width)
        lh = font.get_linesize()
        w = max(1, min(self.measure(text, role, width)[0], width) if align == "left" else width)
        imgs = [font.render(ln, True, colour[:3]) if ln else None for ln in lines]
        # A fallback's descender (Thai, Khmer) below the last line's box.
        hang = max((img.get_height() - font.get_height() for img in imgs[-1:] if img is not None), default=0)
        surf = pygame.Surface((w, max(1, lh * len(lines) + max(0, hang))), pygame.SRCALPHA)
        for i, img in enumerate(imgs):
            if img is None:
                continue
            if len(colour) > 3:
                img.set_alpha(colour[3])
            x = 0 if align == "left" else (w - img.get_width()) // 2 if align == "center" else w - img.get_width()
            surf.blit(img, (x, i * lh))
        self._surfaces[key] = surf
        return surf


# -- linear-time layout helpers ------------------------------------------------------

# In a word wider than the line (a URL, a pasted token), break after these...
_BREAK_AFTER = frozenset("/-\u200b")  # U+200B: a break a translator marked in Thai, Lao or Khmer
# ...or before these, so `example.com/a?b=1&c=2` splits where a reader expects.
_BREAK_BEFORE = frozenset(".?&=")
_BREAK_ANY = re.compile("[" + re.escape("".join(sorted(_BREAK_AFTER | _BREAK_BEFORE))) + "]")


# Scripts written without spaces between words: a line may break between two of their characters.
_NO_SPACES = ((0x0E00, 0x0EFF), (0x1780, 0x17FF), (0x19E0, 0x19FF))  # Thai, Lao; Khmer and its symbols
# A break never follows these: Thai/Lao vowels written before their consonant, the Khmer coeng
# (which makes the next consonant a subscript), joiners.
_NO_BREAK_AFTER = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4\u17d2\u200d")
# ...nor precedes these: SARA AM (a spacing mark of the syllable before) and the repetition signs.
_NO_BREAK_BEFORE = frozenset("\u0e33\u0eb3\u0e46\u0ec6")


WORDS_KEPT = 1000  # widths of words a font keeps for wrapping (a few screens' worth)
CHUNK = 4096  # characters of a long word broken at a time (a line holds far fewer)
PREFIX = 256  # characters measured first of a longer text: measuring 100,000 whole took ~10 ms


def _at_least(font, text: str, width: int) -> int:
    """The text's width, or, for a long text whose start is already well over `width`, that start's
    width (a lower bound: the characters after it only add their advances; the slack of a line
    height covers kerning at the cut). Callers only compare it with `width`."""
    if len(text) > PREFIX:
        head = font.size(text[:PREFIX])[0]
        if head > width + font.get_height():
            return head
    return font.size(text)[0]


def _no_spaces(ch: str) -> bool:
    cp = ord(ch)
    return cp >= 0x0E00 and any(lo <= cp <= hi for lo, hi in _NO_SPACES)


def _breakable(text: str, i: int) -> bool:
    """Whether a line may end before text[i] without splitting a grapheme."""
    return (0 < i < len(text) and not _joins_previous(text[i]) and text[i] not in _NO_BREAK_BEFORE
            and text[i - 1] not in _NO_BREAK_AFTER)


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
        if end < len(text) and _no_spaces(text[end]):
            # Shaped Khmer (and stacked Thai/Lao marks) is narrower than its characters' advances
            # add up to: gallop forward while it still fits (a few measures per line).
            step = 1
            while end + step <= len(text) and font.size(text[start:end + step])[0] <= width:
                end += step
                step *= 2
            end = _longest_fit(font, text, width, start, end, min(len(text), end + step) - 1)
        return end
    # text[start:start + 1] is one character; text[start:end] is too wide
    return _longest_fit(font, text, width, start, start + 1, end - 1)


def _longest_fit(font, text: str, width: int, start: int, lo: int, hi: int) -> int:
    """The largest end in [lo, hi] whose text[start:end] the font measures within `width`
    (text[start:lo] is known to fit)."""
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.size(text[start:mid])[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _keep(cache: dict, key, value):
    """value, stored in a layout cache that is emptied once it holds CACHE_LIMIT answers."""
    if len(cache) > CACHE_LIMIT:
        cache.clear()
    cache[key] = value
    return value


def _break_long_word(font, word: str, width: int, most: int) -> list[str]:
    """A word wider than the line, in pieces that each fit: at a URL break point in the back two
    thirds of the piece when there is one, else anywhere. A longer word is broken a chunk at a time
    until there are `most` pieces (the rest of the word is then left out), so the work follows the
    lines kept, not the word's length."""
    if len(word) <= CHUNK:
        return _pieces(font, word, width)
    out: list[str] = []
    start = 0
    while start < len(word) and len(out) < most:
        got = _pieces(font, word[start:start + CHUNK], width)
        if start + CHUNK < len(word) and len(got) > 1:
            got.pop()  # it ends where the chunk does, not where the word may break: done again
        out += got
        start += sum(map(len, got))
    return out


def _pieces(font, word: str, width: int) -> list[str]:
    pos = _advances(font, word)
    pieces, start = [], 0
    while start < len(word):
        end = _fits(font, word, width, pos, start)
        if end < len(word):
            floor = start + max(1, (end - start) // 3)
            cut = -1
            if _BREAK_ANY.search(word, floor - 1, end + 1):  # most pieces of a long token have none
                cut = max([word.rfind(c, floor - 1, end) + 1 for c in _BREAK_AFTER]
                          + [word.rfind(c, floor, end + 1) for c in _BREAK_BEFORE])
            if cut >= floor:
                end = cut
            back = end
            ok = _breakable(word, back)
            while not ok and back > start + 1:  # keep a mark with its letter
                back -= 1
                ok = _breakable(word, back)
            if ok:
                end = back
            else:
                while end < len(word) and not _breakable(word, end):
                    end += 1
        pieces.append(word[start:end])
        start = end
    return pieces


def _wrap_para(font, para: str, width: int, lines: list[str], limit: int, widths: list) -> None:
    """Append the wrapped lines of one paragraph (no newlines) to `lines`, stopping once there
    are `limit` lines (the last line being built is then left out); and to `widths` each line's
    width as the font measures it, or None where it was not measured."""
    if len(lines) < limit and len(para) * font.px * 2 // 5 <= width:
        # maybe one line (most UI text is): measured whole, that is one measure, not one a word
        # and one for the line. The word by word wrap below keeps such a line whole too: it
        # confirms a line within rounding and kerning of the edge by measuring it whole.
        w = font.size(para)[0]
        if w <= width:
            lines.append(para)
            widths.append(w)
            return
    words = font.words
    space = words.get(" ")
    if space is None:
        space = words[" "] = font.size(" ")[0]
    cur: list[str] = []
    cur_w = 0
    exact = True  # cur_w is the font's measure of the line so far (not a sum of its words')

    def flush():
        nonlocal cur, cur_w, exact
        line = " ".join(cur)
        # Words were measured one by one; confirm the joined line (kerning, rounding) and carry
        # the last word over in the rare case it overshoots.
        if len(cur) > 1:
            w = font.size(line)[0]
            if w > width:
                last = cur.pop()
                lines.append(" ".join(cur))
                widths.append(None)
                cur, cur_w, exact = [last], font.size(last)[0], True
                return
        else:
            w = cur_w if exact else None
        lines.append(line)
        widths.append(w)
        cur, cur_w, exact = [], 0, True

    for word in para.split(" "):
        if len(lines) >= limit:
            return
        ww = words.get(word)
        if ww is None:
            ww = _at_least(font, word, width) if word else 0  # a very long word: only known to be too wide
            if len(word) < 40:  # words recur from text to text: each is measured once
                if len(words) >= WORDS_KEPT:
                    words.clear()
                words[word] = ww
        if cur and cur_w + space + ww <= width:
            cur.append(word)
            cur_w += space + ww
            exact = False
            continue
        if cur and cur_w + space + ww <= width + len(cur) + 2:
            # Within rounding and kerning of the edge: measure the real line (a few times per line
            # at most, so still linear), so a width taken from `measure` wraps the same way again.
            real = font.size(" ".join(cur) + " " + word)[0]
            if real <= width:
                cur.append(word)
                cur_w, exact = real, True
                continue
        if cur and ww > width - cur_w - space and any(map(_no_spaces, word)):
            # Thai, Lao, Khmer: fill the rest of the line, cutting between two of their characters.
            end = _fits(font, word, max(1, width - cur_w - space), _advances(font, word)) + 1
            head = " ".join(cur) + " "
            for _ in range(4):  # measured apart, the joined line can still be a pixel wider: step back
                end -= 1
                while end > 0 and not (_breakable(word, end) and _no_spaces(word[end - 1]) and _no_spaces(word[end])):
                    end -= 1
                zwsp = word.rfind("\u200b", 0, end + 1)  # a break the translator marked: preferred
                if zwsp >= 0:
                    end = zwsp + 1
                if end <= 0 or font.size(head + word[:end])[0] <= width:
                    break
            if end > 0 and font.size(head + word[:end])[0] <= width:
                cur.append(word[:end])
                word = word[end:]
                ww = font.size(word)[0]
        if cur:
            flush()
            if cur and cur_w + space + ww <= width:  # the carried word and this one share a line
                cur.append(word)
                cur_w += space + ww
                exact = False
                continue
            if cur:
                flush()
        if ww > width and len(word) > 1:
            *whole, word = _break_long_word(font, word, width, limit - len(lines) + 1)
            lines.extend(whole)
            widths.extend([None] * len(whole))
            ww = font.size(word)[0]
        cur, cur_w, exact = [word], ww, True
    flush()
    if cur:  # the last word, carried over by the check of the joined line
        flush()
