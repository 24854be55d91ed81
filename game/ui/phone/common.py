"""Shared pieces of the mail, feed, browser, camera and install screens: names as those apps show
them, avatars, text that keeps its important end in view, scrolling from the top."""

from __future__ import annotations

from urllib.parse import urlsplit

import pygame

from game.core.texts import Text

from .. import items as I

ELLIPSIS = "…"


def sender_name(scene, cid: str) -> str:
    """The name a mail or social app shows: the name the sender gave itself (saved or not)."""
    c = scene.scn.contact(cid)
    if c is None:
        return scene.tr.gettext("Unknown")
    return scene.tr.text(Text(f"{scene.scn.id}/contact/{c.id}/name", c.name))


def contact_text(scene, cid: str, name: str, i: int | None = None) -> str:
    c = scene.scn.contact(cid)
    value = getattr(c, name, None) if c else None
    if i is not None:
        value = value[i] if value and i < len(value) else None
    if not value:
        return ""
    key = f"{scene.scn.id}/contact/{cid}/{name}" + (f"/{i}" if i is not None else "")
    return scene.tr.text(Text(key, value))


def keep_end(fonts, s: str, role: str, w: int) -> str:
    """One line that keeps the END of s (an address's domain): cut at the start with "…"."""
    if fonts.width(s, role) <= w:
        return s
    return fonts.remember(("keep_end", s, role, w), lambda: _keep_end(fonts, s, role, w))


def _keep_end(fonts, s: str, role: str, w: int) -> str:
    lo, hi = 0, len(s)
    while lo < hi:  # the longest tail that fits after "…"
        mid = (lo + hi) // 2
        if fonts.get(role).size(ELLIPSIS + s[len(s) - mid:])[0] <= w:
            lo = mid + 1
        else:
            hi = mid
    return ELLIPSIS + s[len(s) - max(0, lo - 1):]


def wrap_address(fonts, s: str, role: str, w: int, max_lines: int = 3) -> list[str]:
    """An address on as many lines as it needs (up to max_lines, then its end is kept): broken
    after `@`, `.`, `-` or `_` where it can be, so every character, the `@` included, shows."""
    return fonts.remember(("wrap_address", s, role, w, max_lines), lambda: _wrap_address(fonts, s, role, w, max_lines))


def _wrap_address(fonts, s: str, role: str, w: int, max_lines: int) -> list[str]:
    lines: list[str] = []
    rest = s
    size = fonts.get(role).size
    while rest and len(lines) < max_lines - 1 and size(rest)[0] > w:
        lo, hi = 1, len(rest)
        while lo < hi:  # the longest head that fits
            mid = (lo + hi + 1) // 2
            if size(rest[:mid])[0] <= w:
                lo = mid
            else:
                hi = mid - 1
        cut = max((i + 1 for i in range(lo) if rest[i] in "@.-_"), default=lo)
        if cut < lo // 2:
            cut = lo  # no separator in the second half: break where it fills the line
        lines.append(rest[:cut])
        rest = rest[cut:]
    lines.append(keep_end(fonts, rest, role, w))
    return lines


def keep_extension(fonts, name: str, role: str, w: int) -> str:
    """A file name cut in the middle so its whole extension (`.pdf.apk`) always shows."""
    if fonts.width(name, role) <= w:
        return name
    return fonts.remember(("keep_extension", name, role, w), lambda: _keep_extension(fonts, name, role, w))


def _keep_extension(fonts, name: str, role: str, w: int) -> str:
    stem, dot, ext = name.partition(".")
    ext = dot + ext
    if fonts.get(role).size(ELLIPSIS + ext)[0] > w:
        return keep_end(fonts, name, role, w)
    lo, hi = 0, len(stem)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fonts.get(role).size(stem[:mid] + ELLIPSIS + ext)[0] <= w:
            lo = mid
        else:
            hi = mid - 1
    return stem[:lo] + ELLIPSIS + ext


def split_url(url: str) -> tuple[str, str]:
    """(host, rest) of a URL, without the scheme: `page-help.example`, `/login`."""
    parts = urlsplit(url if "//" in url else "//" + url)
    host = parts.hostname or url
    rest = parts.path + (("?" + parts.query) if parts.query else "")
    return host, "" if rest == "/" else rest


def fit_url(fonts, url: str, role: str, w: int) -> tuple[str, str]:
    """(host, rest) to draw in w px: the whole host, always; the path cut with "…" if it does not fit.
    A host wider than w keeps its end (the registered domain)."""
    host, rest = split_url(url)
    hw = fonts.width(host, role)
    if hw > w:
        return keep_end(fonts, host, role, w), ""
    return host, fonts.fit(rest, role, w - hw) if rest else ""


def has_face(scene, cid: str | None) -> bool:
    """Whether `avatar` draws the contact's picture now (else its initial): a row laid out once keys
    on it, and asking starts the picture's load (a screen prepared ahead loads none: PlayScene.image)."""
    c = scene.scn.contact(cid) if cid else None
    return c is not None and bool(c.avatar) and scene.image(c.avatar) is not None


def avatar(scene, rect, name: str, colour, clip=None, layer: int = 1, cid: str | None = None) -> list:
    """A round face: the contact's own picture when it has one (`avatar:`), else its initial.
    A page's picture is shown as it is: a tick drawn inside it is part of the lesson (not a badge)."""
    fonts = scene.fonts
    rect = pygame.Rect(rect)
    c = scene.scn.contact(cid) if cid else None
    face = scene.image(c.avatar) if c is not None and c.avatar else None
    if face is not None:
        return [I.box(rect, colour, radius=rect.h // 2, layer=layer, clip=clip, area="phone"),
                I.Item("image", rect.copy(), surface=face, radius=rect.h // 2, layer=layer + 1, clip=clip,
                       area="phone", extra={"avatar": cid})]
    role = "strong" if rect.h >= fonts.line_height("strong") + 4 else "tiny"
    lh = fonts.line_height(role)
    return [I.box(rect, colour, radius=rect.h // 2, layer=layer, clip=clip, area="phone"),
            I.text((rect.left, rect.centery - lh // 2, rect.w, lh), (name[:1] or "?").upper(), (255, 255, 255), role,
                   align="center", layer=layer + 1, clip=clip, area="phone")]


AVATAR_COLOURS = ((0x1e, 0x88, 0xe5), (0x8e, 0x24, 0xaa), (0x00, 0x89, 0x7b), (0xf4, 0x51, 0x1e),
                  (0x6d, 0x4c, 0x41), (0x39, 0x49, 0xab), (0xc2, 0x18, 0x5b))


def avatar_colour(cid: str) -> tuple:
    return AVATAR_COLOURS[sum(map(ord, cid)) % len(AVATAR_COLOURS)]


def find_qr(engine, key: str):
    """The QR code the story showed under `key` (a message, email, post or scan), or None."""
    ph = engine.phone
    for th in ph.threads.values():
        for m in th.messages:
            if m.qr is not None and m.qr.key == key:
                return m.qr
    for x in (*ph.emails, *ph.posts, *ph.scans):
        if x.qr is not None and x.qr.key == key:
            return x.qr
    return None


def callbar_room(scene) -> int:
    """Height the green "back to the call" strip takes at the bottom of every screen but the call's
    own while a call is live (0 when there is none): scrolled content must end above it."""
    call = scene.engine.phone.call
    if call is None or not call.live or scene.phone.screen[:1] == ("call",):
        return 0
    return scene.fonts.line_height("small") + 8 + 12


class Scroller:
    """A screen scrolled from the top: items placed at content y, shifted and clipped to the view."""

    def __init__(self, scene, view: pygame.Rect, key: tuple):
        self.scene, self.view, self.key = scene, view, key
        self.top = scene.phone.scroll.get(key, 0)  # px scrolled down
        self.y = view.top - self.top
        # the frame loop then moves the view's pixels and paints only the strip that comes into sight
        scene.scrolled(view, self.top)

    def finish(self, total_bottom: int) -> None:
        """Record how far this screen can scroll (the play scene's scroll keys use it)."""
        content = total_bottom + self.top - self.view.top
        mx = max(0, content - (self.view.h - callbar_room(self.scene)))
        self.scene.thread_max_scroll = mx
        self.scene.phone.scroll[self.key] = min(self.top, mx)
