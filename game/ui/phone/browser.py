"""The browser: a URL bar that always shows the whole domain (a long path is cut, never the domain),
a drawn lock when the page is https, and the page built from its blocks.

When the feedback card names a red flag the page event carried (a look-alike domain), the domain
in the URL bar is marked in red. Fields show what was typed once the player chose to type
(`page: fill`); passwords and OTP codes as dots. The page's buttons are only drawn: decisions are
the choices beside the phone."""

from __future__ import annotations

import pygame

from .. import items as I
from .common import Scroller, fit_url, split_url

DOTS = {"password": "••••••••", "otp": "••••••", "number": "•••• •••"}


def page_for(scene, scr: tuple):
    pages = scene.engine.phone.pages
    if len(scr) > 1:
        return next((p for p in pages if p.id == scr[1]), None)
    return pages[-1] if pages else None


def host_lines(fonts, host: str, w: int) -> tuple[str, list[str]]:
    """(role, lines) that show the WHOLE host in w px: one line in small or tiny type, else two
    tiny lines broken after a dot or dash (a look-alike domain's start is the trick, its end the truth)."""
    return fonts.remember(("host_lines", host, w), lambda: _host_lines(fonts, host, w))


def _host_lines(fonts, host: str, w: int) -> tuple[str, list[str]]:
    for role in ("small", "tiny"):
        if fonts.width(host, role) <= w:
            return role, [host]
    # the longest head that fits and ends after a dot or dash, else anywhere: tried from the
    # longest (a head is never narrower than a shorter one), a measure or two, not one per dot
    size = fonts.get("tiny").size
    cut = next((i + 1 for i in range(len(host) - 1, -1, -1) if host[i] in ".-" and size(host[:i + 1])[0] <= w), 0)
    if not cut:
        cut = next((i for i in range(len(host), 1, -1) if size(host[:i])[0] <= w), 1)
    rest = host[cut:]
    if size(rest)[0] > w:
        from .common import keep_end

        rest = keep_end(fonts, rest, "tiny", w)
    return "tiny", [host[:cut], rest]


def bar_height(fonts, s, lines: int = 1) -> int:
    return max(fonts.line_height("small"), fonts.line_height("tiny") * lines) + int(26 * s)


def build(scene, rect: pygame.Rect, scr: tuple) -> list:
    th, fonts, s, tr = scene.theme, scene.fonts, scene.app.scale, scene.tr
    page = page_for(scene, scr)
    look = th.look("browser") if not th.high_contrast else th.look("generic")
    out = [I.box(rect, th["screen"], area="phone")]
    pill_w = rect.w - int(44 * s) - int(20 * s) - fonts.line_height("small")
    host_role, hosts = host_lines(fonts, fit_url(fonts, page.url, "tiny", 10**6)[0], pill_w) if page else ("small", [""])
    bh = bar_height(fonts, s, len(hosts))
    bar = pygame.Rect(rect.left, rect.top, rect.w, bh)
    scene.phone.top_band = (scr, bh)  # the URL bar (the clue): banners slide in below it
    fg = look.get("bar_text", th["screen_text"])
    out.append(I.box(bar, look.get("bar", th["screen"]), area="phone"))
    bk = pygame.Rect(bar.left + int(4 * s), bar.top, int(30 * s), bh)
    out.append(I.button(bk, None, ("phone", "back"), look.get("bar", th["screen"]), fg, radius=6, area="phone",
                        group="header"))
    out.append(I.icon(bk.inflate(-int(12 * s), -int(bh * 0.5)), "back", fg, layer=1, area="phone"))
    pill = pygame.Rect(bk.right + int(2 * s), bar.top + int(7 * s), bar.right - bk.right - int(10 * s), bh - int(14 * s))
    flags = scene.flags_on(page.id) if page else []
    # an orange outline like every other place a feedback card's flag appeared
    out.append(I.box(pill, th["screen"], radius=pill.h // 2, border=3 if flags else 1,
                     border_colour=th["flag"] if flags else th["card_border"], layer=1, area="phone", group="urlbar"))
    if page is None:
        out.append(I.text((rect.left, bar.bottom + int(40 * s), rect.w, 60), tr.gettext("No page open."),
                          th["screen_muted"], "small", align="center", area="phone"))
        return out
    lh = fonts.line_height("small")
    x = pill.left + int(10 * s)
    ls = lh - int(4 * s)
    if page.secure:
        lr = pygame.Rect(x, pill.centery - ls // 2, int(ls * 0.75), ls)
        out.append(I.icon(lr, "padlock", th["screen_text"], layer=2, area="phone", extra={"secure": True}))
        x = lr.right + int(6 * s)
    else:
        wr = pygame.Rect(x, pill.centery - ls // 2, ls, ls)
        out.append(I.icon(wr, "warn", th["unsafe"], fg=th["screen"], layer=2, area="phone", extra={"secure": False}))
        x = wr.right + int(6 * s)
    room = pill.right - int(10 * s) - x
    hl = fonts.line_height(host_role)
    y = pill.centery - hl * len(hosts) // 2
    host = "".join(hosts)
    for i, part in enumerate(hosts):
        hw = fonts.width(part, host_role)
        hr = pygame.Rect(x, y + i * hl, hw, hl)
        if flags:  # the feedback card names a flag of this page: show where it is
            out.append(I.box(hr.inflate(6, 0), th["flag_bg"], radius=3, layer=2, area="phone",
                             extra={"domain_flag": flags}))
            out.append(I.box((hr.left, hr.bottom - 2, hr.w, 2), th["unsafe"], layer=3, area="phone"))
        out.append(I.text(hr, part, th["screen_text"], host_role, layer=3, area="phone",
                          extra={"domain": host} if i == 0 else {"domain_part": i}))
    _h, rest = split_url(page.url)
    room -= hw
    if rest and len(hosts) == 1 and room > fonts.width("/…", host_role):
        out.append(I.text((hr.right, hr.top, room, hl), fonts.fit(rest, host_role, room), th["screen_muted"],
                          host_role, layer=3, area="phone"))
    if page.closed:
        # the address stays in the bar (the feedback card may point at its domain); the page is gone
        out.append(I.text((rect.left, bar.bottom + int(40 * s), rect.w, 60), tr.gettext("You closed this page."),
                          th["screen_muted"], "small", align="center", area="phone"))
        return out
    # the page
    view = pygame.Rect(rect.left, bar.bottom, rect.w, rect.bottom - bar.bottom)
    out.append(I.box((view.left, view.top, view.w, 1), th["card_border"], layer=1, area="phone"))
    sc = Scroller(scene, view, ("page", page.id))
    pad = int(16 * s)
    px, pw = view.left + pad, view.w - 2 * pad
    c = {"clip": view, "area": "phone"}
    y = sc.y + pad
    for i, b in enumerate(page.blocks):
        label = tr.text(b.text) if b.text else ""
        if b.kind == "heading":
            h = fonts.measure(label, "h1" if i == 0 else "title", pw)[1]
            out.append(I.text((px, y, pw, h), label, th["screen_text"], "h1" if i == 0 else "title", **c))
            y += h + int(10 * s)
        elif b.kind == "text":
            h = fonts.measure(label, "body", pw)[1]
            out.append(I.text((px, y, pw, h), label, th["screen_text"], "body", **c))
            y += h + int(10 * s)
        elif b.kind == "image":
            img = scene.image(b.image)
            ih = int(pw * 0.5) if img is None else min(int(pw * img.get_height() / max(1, img.get_width())), pw)
            ir = pygame.Rect(px, y, pw, ih)
            out.append(I.Item("image", ir, surface=img, radius=int(8 * s), **c) if img is not None
                       else I.box(ir, th["card_border"], radius=int(8 * s), **c))
            y += ih + int(10 * s)
        elif b.kind == "field":
            out.append(I.text((px, y, pw, fonts.line_height("small")), label, th["screen_muted"], "small", **c))
            y += fonts.line_height("small") + int(4 * s)
            fr = pygame.Rect(px, y, pw, fonts.line_height("body") + int(16 * s))
            out.append(I.box(fr, th["screen"], radius=int(8 * s), border=2 if page.filled else 1,
                             border_colour=th["accent"] if page.filled else th["card_border"], group="field",
                             extra={"field": b.input}, **c))
            typed = _typed(scene, b.input) if page.filled else ""
            if typed:
                out.append(I.text((fr.left + int(10 * s), fr.top + int(8 * s), fr.w - int(20 * s), fonts.line_height("body")),
                                  typed, th["screen_text"], "body", layer=1, extra={"typed": b.input}, **c))
            y = fr.bottom + int(12 * s)
        elif b.kind == "button":
            br = pygame.Rect(px, y, pw, fonts.line_height("button") + int(18 * s))
            # drawn like the page's button; what the player does is one of the choices beside the phone
            out.append(I.box(br, (26, 115, 232) if not th.high_contrast else th["accent"], radius=int(10 * s),
                             group="page_button", **c))
            out.append(I.text((br.left, br.centery - fonts.line_height("button") // 2, br.w, fonts.line_height("button")),
                              label, (255, 255, 255) if not th.high_contrast else th["accent_text"], "button",
                              align="center", layer=1, **c))
            y = br.bottom + int(12 * s)
    sc.finish(y + pad)
    return out


def _typed(scene, kind: str) -> str:
    if kind in DOTS:
        return DOTS[kind]
    player = getattr(scene.scn, "player", None)
    # a login asks for an email or a phone number: the player's own (`player.number`) when the
    # story gives one, else their name
    if player is not None and getattr(player, "number", None):
        return player.number
    return (scene.tr.text(player and _player_name(scene)) if player else "") or "••••"


def _player_name(scene):
    from game.core.texts import Text

    p = scene.scn.player
    return Text(f"{scene.scn.id}/player/name", p.name) if getattr(p, "name", None) else None
