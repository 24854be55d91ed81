"""Draws a render model onto a surface and records the text that became visible."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import pygame

from . import fastfill, icons
from .kit import button_pad, button_text_width, key_width
from .phone import video_fx
from .surfcache import SurfaceCache

# Scaled images, gradients, translucent boxes and corner discs. One frame uses at most 0.9 MB of them
# (the channel screens; a video call 0.6): 3 MB is over three frames' worth.
ICON_MARGIN = 4  # px an icon's strokes may reach beyond its rectangle (app.MARGIN)
SCALED_CACHE_BYTES = 3 * 1024 * 1024
TRANSLUCENT_BAND = 32  # rows: a tall translucent box is kept as its corners and this many rows between
# Frames a video call's picture keeps its full-size pixels after it was last drawn (Painter.scaled's keep).
CALL_PICTURE_KEEP_FRAMES = 120
# An opaque rounded box up to this many pixels is kept whole and blitted at once (Painter._whole_box):
# its three fills and four corners cost ~45 us, one blit ~5.
WHOLE_BOX_AREA = 64 * 64
GRADIENT_STRIP = 32  # px: a blend is kept this wide and blitted across (as fast as one blit of the whole)


@dataclass
class Drawn:
    text: str
    rect: pygame.Rect
    role: str


def _gone():
    return None


def _ref(surf):
    """A weak reference to a picture (a strong one where a pygame build's surfaces take none)."""
    try:
        return weakref.ref(surf)
    except TypeError:
        return lambda: surf


def _in_display_alpha_format(surf: pygame.Surface) -> bool:
    """Whether convert_alpha() would give surf's own pixel format (and so only a copy)."""
    ref = pygame.Surface((1, 1), pygame.SRCALPHA).convert_alpha()
    return bool(surf.get_flags() & pygame.SRCALPHA) and surf.get_bitsize() == ref.get_bitsize() \
        and surf.get_masks() == ref.get_masks()


def _round_corners(out: pygame.Surface, radius: int) -> None:
    """Make out's corners transparent, as a rounded box of its size would be. Only the top and
    bottom `radius` rows can hold a corner, so the mask is a box of out's width and 2 * radius + 1
    rows, its top and bottom cut onto out's: pygame draws the same corners at any height, so the
    pixels are a whole-size mask's (a test compares them), but a picture no longer needs a
    second whole-size surface while it is cut: 0.5 MB less at once for a 314 x 419 px picture,
    on top of its decoded and scaled pixels (within the noise of `bench ui`'s peak, which a
    played scenario's text cache sets)."""
    w, h = out.get_size()
    tall = h >= 2 * radius + 2 and w >= 2 * radius  # pygame shrinks a radius the box has no room for
    mask = pygame.Surface((w, 2 * radius + 1) if tall else (w, h), pygame.SRCALPHA)
    pygame.draw.rect(mask, (255, 255, 255, 255), mask.get_rect(), border_radius=radius)
    if not tall:
        out.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
        return
    out.blit(mask, (0, 0), (0, 0, w, radius), special_flags=pygame.BLEND_RGBA_MIN)
    out.blit(mask, (0, h - radius), (0, radius + 1, w, radius), special_flags=pygame.BLEND_RGBA_MIN)


class Painter:
    def __init__(self, fonts, theme):
        self.fonts = fonts
        self.theme = theme
        self.drawn: list[Drawn] = []  # text drawn in the last frame (for tests)
        self._scaled = SurfaceCache(SCALED_CACHE_BYTES)
        self._sources: dict = {}  # key of a scaled copy -> a (weak) reference to the picture it was made from
        # scenario pictures (assets.Picture) holding their full-size pixels -> (last frame they were drawn, frames to keep them)
        self._decoded: dict = {}
        self._frame = 0  # frames begun
        self._stage = pygame.Surface((1, 1))  # see rehearse

    def forget_pictures(self) -> None:
        """Drop the scaled copies of pictures, whose sources (a scenario's images) go with the play
        scene: called when a play scene starts and when it hands over to the debrief, so they do
        not hold memory the next scene needs. (A copy is never shown for another picture that took
        its source's id(): `scaled` checks the source itself.) The full-size pixels a call's picture
        kept go too."""
        self._scaled.discard_if(lambda key: isinstance(key[0], int))
        for pic in self._decoded:
            pic.release()
        self._decoded.clear()

    def begin(self) -> None:
        self.drawn = []
        self._frame += 1
        if self._decoded:  # the last frame made its copies: the full-size pixels go (a call's picture's later)
            for pic in [p for p, (last, keep) in self._decoded.items() if self._frame - last > keep]:
                pic.release()
                del self._decoded[pic]

    def scaled(self, surf, size: tuple, mode: str = "fit", radius: int = 0, keep: int = 0) -> pygame.Surface:
        """The image scaled to size (or through a poor-connection effect, video_fx.MODES; corners rounded), cached.
        `surf` is a surface or a scenario picture (assets.Picture), whose full-size pixels are
        decoded when a copy needs them and released when the next frame begins, or `keep` frames after
        it was last drawn."""
        key = (id(surf), size, mode, radius)
        out = self._scaled.get(key)
        if out is not None and self._sources.get(key, _gone)() is not surf:
            out = None  # a freed picture's id() now belongs to another one (a new QR code, thumbnail or image)
        if out is None:
            w, h = max(1, size[0]), max(1, size[1])
            if keep:  # a call's picture at a new band size: its copies at other sizes are not shown again soon,
                # and a copy made again from the pixels it keeps costs ~0.3 ms
                pid = id(surf)
                self._scaled.discard_if(lambda k: k[0] == pid and k[1] != size)
            src = surf
            if not isinstance(surf, pygame.Surface):  # a scenario picture (assets.Picture): pixels on demand
                src = surf.pixels()
                self._decoded[surf] = (self._frame, keep)
            if mode in video_fx.MODES:
                out = video_fx.MODES[mode](src, (w, h))
            else:
                out = pygame.transform.smoothscale(src, (w, h))
            if radius:
                if not pygame.display.get_surface():
                    out = out.copy()
                elif not _in_display_alpha_format(out):
                    out = out.convert_alpha()
                # else out, a new surface, is already in that format (scaled from a picture converted
                # when decoded): convert_alpha would only copy it, one more picture-sized surface in
                # the frame that first draws a picture
                _round_corners(out, radius)
            self._scaled[key] = out
            if len(self._sources) > 2 * len(self._scaled) + 64:
                self._sources = {k: r for k, r in self._sources.items() if k in self._scaled}
            self._sources[key] = _ref(surf)
        if keep and surf in self._decoded:
            self._decoded[surf] = (self._frame, keep)
        return out

    def gradient(self, size: tuple, top: tuple, bottom: tuple) -> pygame.Surface:
        """A vertical blend `GRADIENT_STRIP` px wide (or the whole width, if less), built once per
        height and colours (a 1x2 surface smooth-scaled up). Every row of the blend at any width is
        one colour, the same at every width, so a strip blitted across the width paints the pixels
        the whole blend did; the phone's wallpaper is 79 KB so, not 0.8 MB."""
        w = max(1, min(size[0], GRADIENT_STRIP))
        key = ("gradient", w, size[1], top, bottom)
        out = self._scaled.get(key)
        if out is None:
            tiny = pygame.Surface((2, 2))
            tiny.fill(top[:3], (0, 0, 2, 1))
            tiny.fill(bottom[:3], (0, 1, 2, 1))
            big = pygame.transform.smoothscale(tiny, (w, max(2, size[1] * 2)))
            out = big.subsurface((0, size[1] // 2, w, size[1])).copy()
            self._scaled[key] = out
        return out

    def _gradient(self, surface, rect, top, bottom) -> None:
        strip = self.gradient(rect.size, top, bottom)
        sw, h = strip.get_size()
        w = max(1, rect.w)  # a 0-wide blend was painted 1 px wide
        surface.blits([(strip, (rect.x + dx, rect.y), (0, 0, min(sw, w - dx), h)) for dx in range(0, w, sw)],
                      doreturn=False)

    def paint(self, surface: pygame.Surface, items, within: pygame.Rect | None = None) -> None:
        """Draw items in layer order; `within` limits all drawing to one rectangle (a partial repaint)."""
        for it in sorted(items, key=lambda i: i.layer):
            clip = it.clip if within is None else (within if it.clip is None else it.clip.clip(within))
            surface.set_clip(clip)
            self._one(surface, it)
        surface.set_clip(within)

    def rehearse(self, items) -> None:
        """Paint items where nothing shows (a 1 x 1 surface, every draw clipped away): their text is
        rendered and their icons, corners and translucent boxes are built into the caches, so the
        frame that shows them only blits. Pictures are left alone: their pixels are decoded when shown."""
        drawn = self.drawn
        try:
            self.paint(self._stage, [it for it in items if it.kind != "image"])
        finally:
            self.drawn = drawn

    def _one(self, surface, it) -> None:
        k = it.kind
        if k == "box":
            self._box(surface, it.rect, it.colour, it.radius, it.border, it.border_colour)
        elif k == "text":
            self._text(surface, it.text, it.role, it.colour, it.rect, it.align)
        elif k == "button":
            self._button(surface, it)
        elif k == "image" and it.surface is not None:
            # a video call's picture (drawn with a mode) is scaled again as captions shrink its band, a
            # few seconds apart: its full-size pixels are kept while it is drawn (a decode costs ~2-3 ms)
            mode = it.extra.get("mode")
            surface.blit(self.scaled(it.surface, it.rect.size, mode or "fit", it.radius,
                                     CALL_PICTURE_KEEP_FRAMES if mode else 0), it.rect)
        elif k == "gradient":
            self._gradient(surface, it.rect, it.colour, it.extra["to"])
        elif k == "icon":
            self._icon(surface, it.icon, it.rect, it.colour, it.fg or (255, 255, 255), it.extra.get("phase", 0.0))

    def _box(self, surface, rect, colour, radius=0, border=0, border_colour=None) -> None:
        if colour is not None:
            if len(colour) == 4 and colour[3] < 255:
                self._translucent(surface, rect, colour, radius)
            elif radius > 0 and rect.w * rect.h <= WHOLE_BOX_AREA:
                surface.blit(self._whole_box(rect.size, colour[:3], radius), rect)
            elif radius > 0:
                fastfill.rounded(surface, colour[:3], rect, radius, lambda r: self._disc(r, colour[:3]))
            else:
                fastfill.fill(surface, colour[:3], rect)
        if border and border_colour is not None:
            pygame.draw.rect(surface, border_colour, rect, border, border_radius=radius)

    def _translucent(self, surface, rect, colour, radius) -> None:
        """A box in a colour with alpha, blitted from a surface built once per size and colour.
        A box taller than its corners and a band is built only that tall (its top corners, a
        TRANSLUCENT_BAND of rows, its bottom corners) and its middle rows blitted band by band:
        pygame draws the same corners at any height, so the pixels are the whole box's, and one
        surface serves the box at every height (a video call's caption box grows with its text)."""
        w, h = rect.size
        r = max(0, radius)
        band = TRANSLUCENT_BAND
        tall = h >= 2 * r + band and w >= 2 * r  # pygame shrinks a radius the box has no room for
        key = ("translucent", (w, 2 * r + band) if tall else rect.size, colour, radius)
        tmp = self._scaled.get(key)
        if tmp is None:  # built once per size and colour, not every frame
            tmp = self._scaled[key] = pygame.Surface(key[1], pygame.SRCALPHA)
            pygame.draw.rect(tmp, colour, tmp.get_rect(), border_radius=radius)
        if not tall:
            surface.blit(tmp, rect)
            return
        x, y = rect.topleft
        parts = [(tmp, (x, y), (0, 0, w, r))]
        parts += [(tmp, (x, y + dy), (0, r, w, min(band, h - r - dy))) for dy in range(r, h - r, band)]
        parts.append((tmp, (x, y + h - r), (0, r + band, w, r)))
        surface.blits(parts, doreturn=False)

    def _whole_box(self, size: tuple, colour: tuple, radius: int) -> pygame.Surface:
        """A small opaque rounded box (an avatar, a badge, a dot) painted once, as fastfill.rounded
        paints it, on a colour key: one blit instead of its fills and four corners."""
        key = ("box", size, colour, radius)
        out = self._scaled.get(key)
        if out is None:
            out = pygame.Surface(size)
            keyc = (255 - colour[0], 255 - colour[1], 255 - colour[2])  # never the colour itself
            out.fill(keyc)
            fastfill.rounded(out, colour, out.get_rect(), radius, lambda r: self._disc(r, colour))
            out.set_colorkey(keyc)
            self._scaled[key] = out
        return out

    def _disc(self, r: int, colour: tuple) -> pygame.Surface:
        """A 2r x 2r disc in `colour` on a colour key: its quarters are a rounded box's corners."""
        key = ("disc", r, colour)
        out = self._scaled.get(key)
        if out is None:
            out = pygame.Surface((2 * r, 2 * r))
            keyc = (255 - colour[0], 255 - colour[1], 255 - colour[2])  # never the colour itself
            out.fill(keyc)
            pygame.draw.rect(out, colour, out.get_rect(), border_radius=r)
            out.set_colorkey(keyc)
            self._scaled[key] = out
        return out

    def _icon(self, surface, name: str, rect, colour, fg, phase: float = 0.0) -> None:
        """An icon drawn once on its own transparent surface and blitted from then on. Its pixels
        then never depend on the clip: upstream pygame 2.6 draws a clipped circle or arc with other
        pixels than an unclipped one, so a partial repaint left a stray row in an icon."""
        rect = pygame.Rect(rect)
        if phase or len(colour) > 3 or len(fg) > 3:
            # an animated icon (the typing dots), or a colour with alpha (pygame.draw ignores it on
            # the screen but would keep it on a transparent surface): drawn afresh in each frame
            icons.draw(surface, name, rect, colour, fg, phase)
            return
        key = ("icon", name, rect.size, colour, fg)
        img = self._scaled.get(key)
        if img is None:
            m = ICON_MARGIN
            img = pygame.Surface((rect.w + 2 * m, rect.h + 2 * m), pygame.SRCALPHA)
            icons.draw(img, name, pygame.Rect(m, m, rect.w, rect.h), colour, fg)
            self._scaled[key] = img
        surface.blit(img, (rect.x - ICON_MARGIN, rect.y - ICON_MARGIN))

    def _text(self, surface, s, role, colour, rect, align="left") -> None:
        if not s:
            return
        img = self.fonts.render(s, role, colour, max(1, rect.w), align)
        surface.blit(img, rect.topleft)
        self.drawn.append(Drawn(s, pygame.Rect(rect.topleft, img.get_size()), role))

    def _button(self, surface, it) -> None:
        th = self.theme
        bg = it.colour if it.enabled else th["disabled"]
        fg = it.fg if it.enabled else th["disabled_text"]
        self._box(surface, it.rect, bg, it.radius, it.border, it.border_colour)
        if it.focused:
            pygame.draw.rect(surface, th["focus"], it.rect.inflate(6, 6), 3, border_radius=it.radius + 3)
        pad = button_pad(self.fonts, it.role)
        x = it.rect.left + pad
        if it.key:
            kr = pygame.Rect(0, 0, key_width(self.fonts, it.key), self.fonts.line_height("label"))
            kr.midleft = (x, it.rect.centery)
            pygame.draw.rect(surface, fg, kr, 2, border_radius=5)
            self._text(surface, it.key, "label", fg, kr.move(0, 0), "center")
            x = kr.right + pad
        if it.icon:
            isz = self.fonts.line_height(it.role) - 2
            ir = pygame.Rect(x, it.rect.centery - isz // 2, isz, isz)
            self._icon(surface, it.icon, ir, fg, bg)
            x = ir.right + pad
        if it.text:
            width = button_text_width(self.fonts, it.role, it.rect.w, it.key, it.icon)  # as the layout measured
            img = self.fonts.render(it.text, it.role, fg, max(1, width), "center" if it.align == "center" else "left")
            y = it.rect.centery - img.get_height() // 2
            bx = x if it.align != "center" else x + (width - img.get_width()) // 2
            surface.blit(img, (bx, y))
            self.drawn.append(Drawn(it.text, pygame.Rect((bx, y), img.get_size()), it.role))
