"""Notification banners that slide in from the top of the screen."""

from __future__ import annotations

import pygame

from .. import items as I
from . import thumb
from .header import fit

SLIDE = 0.25  # seconds to slide in or out
MAX_LINES = 6  # a longer text ends in "…" on its banner; the notification shade holds all of it


# Screens a kept banner may stand over: a conversation (stacked on its input bar, so banners cover its
# oldest messages), lists, home, a call. Not a post, an email, a page or the camera, whose own text
# starts under the header: there the banner covered what the decision is about, and leaves as before.
KEEP_OVER_SCREENS = {(name,) for name in ("thread", "list", "mail", "home", "lock", "recents", "call")}


def kept(scene, b) -> bool:
    """A banner that landed since the last decision stays, fully in, while the player decides: an
    OTP, a shipper's number or a Guide's question had slid out before the options were read (the
    shade keeps them too, but a student reading the options does not look there). It slides out
    once the choice is made (PhoneUI.decided)."""
    return (scene.card is None and scene.engine.deciding and b.born >= scene.phone.decided_at and not b.held
            and scene.phone.screen[:1] in KEEP_OVER_SCREENS)


def age(scene, b) -> float:
    """Seconds the banner has been shown, held at the end of its slide-in while it is kept."""
    a = scene.phone.now - b.born
    return min(a, b.ttl - SLIDE) if kept(scene, b) and a >= 0 else a


def ttl_for(text: str) -> float:
    """Seconds a banner stays: 4, and longer for a long text (about 15 characters a second), up to 12."""
    return max(4.0, min(12.0, len(text or "") / 15))


# full-screen system dialogs: the installer and the permissions screen. A banner never covers them;
# it waits and slides in once the player leaves the dialog. The camera is an app like the others: a
# story's notification that lands while it is open (fake_charity's "you check the page") slides in
# over it, as on a phone, or the player decided without it
DIALOGS = ("install",)


def _behind_dialog(ph) -> bool:
    return bool(ph.screen[:1]) and ph.screen[0] in DIALOGS


def settle(scene) -> None:
    """Which banners wait and which end, for the screen open now: called by the play scene's update
    after input and time have moved the phone, so drawing (build) only reads them. Behind a dialog a
    banner waits (held) and its whole time starts once the dialog is gone; a banner for the screen
    the player is already on ends, as on a phone (the phone followed the story to that
    conversation while the banner waited behind a dialog)."""
    ph = scene.phone
    now = ph.now
    if _behind_dialog(ph):
        for b in ph.banners:
            if 0 <= now - b.born <= b.ttl or b.held:
                b.held = True
        return
    for b in ph.banners:
        if b.held:  # the dialog is gone: its whole time starts now
            b.held, b.born = False, now
        if b.target is not None and b.target == ph.screen and 0 <= now - b.born <= b.ttl:
            b.born = now - b.ttl - 1


def build(scene, rect: pygame.Rect, below: int = 0) -> list:
    """Banners in `rect`, starting `below` px down: under the open screen's header, so they never
    hide who the player is talking to (tryout F6); they slide out from under it. A screen with a
    top band of its own (a call's name and state, the browser's URL bar) keeps it in view too.
    Stacked banners never overlap: each one slides out from under the one above it."""
    th, fonts, s = scene.theme, scene.fonts, scene.app.scale
    ph = scene.phone
    if _behind_dialog(ph):
        return []  # they wait (settle)
    if ph.top_band[0] == ph.screen:
        below = max(below, ph.top_band[1])
    out = []
    pad = int(10 * s)
    rect = pygame.Rect(rect.left, rect.top + below, rect.w, rect.h - below)
    y = rect.top + int(6 * s)
    above = rect.top  # the bottom of what the next banner slides out from under
    for b in ph.banners[-2:]:
        shown = age(scene, b)
        if shown < 0 or shown > b.ttl:
            continue
        tw = rect.w - 4 * pad - (thumb.size(scene) + pad if b.image else 0)
        # the whole text, not two lines cut with "…": OTP codes and tips sit at the end of theirs
        lines = fonts.wrap(b.text, "small", tw) if b.text else []
        if len(lines) > MAX_LINES:
            lines = lines[:MAX_LINES - 1] + [fonts.fit(" ".join(lines[MAX_LINES - 1:]), "small", tw)]
        body_h = fonts.line_height("small") * len(lines)
        h = max(fonts.line_height("tiny") + body_h, thumb.size(scene) if b.image else 0) + 2 * pad + 2
        r = pygame.Rect(rect.left + pad, y, rect.w - 2 * pad, h)
        if not scene.app.prefs.reduced_motion:
            k = min(1.0, shown / SLIDE, (b.ttl - shown) / SLIDE)
            r.y = int(y - (h + y - above) * (1 - k))
        clip = pygame.Rect(rect.left, above, rect.w, rect.bottom - above)
        look = th.look(b.app or "generic")
        out.append(I.button(r, None, ("phone", "open", b.target or ("home",)), th["banner"], th["banner_text"],
                            radius=int(14 * s), layer=5, group="banner", area="phone", clip=clip, border=1,
                            border_colour=th["card_border"], extra={"nofocus": True}))
        ic = pygame.Rect(r.left + pad, r.top + pad, fonts.line_height("tiny"), fonts.line_height("tiny"))
        colour = th.looks.get("notify", {}).get(b.style) if b.style else None
        out.append(I.box(ic, colour or look.get("icon", th["accent"]), radius=4, layer=6, area="phone", clip=clip))
        out.append(I.text((ic.right + 6, r.top + pad, tw - ic.w - 6, fonts.line_height("tiny")),
                          fit(fonts, b.title, "tiny", tw - ic.w - 6), th["screen_muted"], "tiny", layer=6, area="phone",
                          clip=clip))
        if lines:
            out.append(I.text((r.left + pad, ic.bottom + 2, tw, body_h), "\n".join(lines), th["banner_text"],
                              "small", layer=6, area="phone", clip=clip))
        if b.image:
            out += thumb.items(scene, r, b.image, pad, layer=6, clip=clip)
        y = r.bottom + int(6 * s)
        above = r.bottom
    return out


def alive(scene, b) -> bool:
    """Whether the banner is still to be shown (arriving, in, kept, or leaving)."""
    return 0 <= age(scene, b) <= b.ttl or b.held


def next_change(scene) -> float | None:
    """Seconds until a banner on screen next moves: 0 while one slides, the time until the next one
    starts to slide out, None when none will move by itself (none shown, held behind a dialog, or
    kept while the player decides). A banner standing still needs no frames."""
    out = None
    for b in scene.phone.banners[-2:]:
        if b.held:
            continue
        a = age(scene, b)
        if a < 0 or a > b.ttl:
            continue
        if scene.app.prefs.reduced_motion:
            wait = b.ttl - a  # no slide: it only appears and goes
        elif a < SLIDE or a > b.ttl - SLIDE:
            wait = 0.0
        elif kept(scene, b):
            continue
        else:
            wait = b.ttl - SLIDE - a
        out = wait if out is None else min(out, wait)
    return out
