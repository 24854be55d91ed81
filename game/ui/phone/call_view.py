"""Call screens: incoming (ringing), in call with captions and timer, video call, ended.

In a video call the picture has a band of its own: the caller's name and the call's state above it,
the captions and the controls below it, so nothing is drawn over the picture's own text. The
picture keeps its proportions inside its band (letterboxed, never stretched or cut).
"""

from __future__ import annotations

import math

import pygame

from .. import items as I
from ..words import app_name, contact_name, contact_saved, duration, flag_name
from . import video_fx
from .header import fit


def build(scene, rect: pygame.Rect) -> list:
    call = scene.engine.phone.call
    if call is None:
        return []
    th, fonts, s, tr, scn = scene.theme, scene.fonts, scene.app.scale, scene.tr, scene.scn
    common = {"area": "phone"}
    video = call.video and call.status == "active"
    out = [I.box(rect, th["call_bg"], **common)]
    img = scene.image(call.image) if call.image else None
    saved = contact_saved(scn, call.contact)
    name = contact_name(tr, scn, call.contact)
    app = scn.app(call.app) if call.app else None
    pad = int(14 * s)
    y = rect.top + int(14 * s)
    w = rect.w - 2 * pad
    if call.status == "ringing":
        kind = tr.gettext("Incoming video call") if call.video else tr.gettext("Incoming call")
    elif call.outgoing and call.status == "active":
        kind = tr.gettext("Calling")
    else:
        kind = {"active": tr.gettext("Video call") if call.video else tr.gettext("In call"),
                "ended": tr.gettext("Call ended"), "declined": tr.gettext("Declined"),
                "missed": tr.gettext("Missed call")}.get(call.status, "")
    via = app_name(tr, scn, app) if app else tr.gettext("Phone")
    big = not video
    out.append(I.text((rect.left + pad, y, w, fonts.line_height("small")), fit(fonts, f"{via} · {kind}", "small", w),
                      th["call_muted"], "small", align="center", **common))
    y += fonts.line_height("small") + int(6 * s)
    if big:
        # once captions run, the avatar shrinks so more of the conversation stays in view
        frac = 0.2 if call.lines and call.status in ("active", "ended") else 0.34
        av = pygame.Rect(0, 0, int(rect.w * frac), int(rect.w * frac))
        av.midtop = (rect.centerx, y + int(8 * s))
        if call.status == "ringing" and not scene.app.prefs.reduced_motion:
            k = (math.sin(scene.phone.now * 4) + 1) / 2
            ring = av.inflate(int(18 * s * k) + 8, int(18 * s * k) + 8)
            out.append(I.box(ring, (255, 255, 255, 40 + int(40 * k)), radius=ring.h // 2, **common))
        out.append(I.box(av, th["accent"] if saved else (110, 118, 135), radius=av.h // 2, **common))
        contact = scn.contact(call.contact)
        face = scene.image(contact.avatar) if contact is not None and contact.avatar else None
        if face is not None:
            out.append(I.Item("image", av.copy(), surface=face, radius=av.h // 2, layer=1, **common))
        else:
            letter = name[:1].upper() if saved else "?"
            role = "huge" if frac > 0.3 else "h1"
            out.append(I.text((av.left, av.centery - fonts.line_height(role) // 2, av.w, fonts.line_height(role)),
                              letter, (255, 255, 255), role, align="center", layer=1, **common))
        y = av.bottom + int(12 * s)
    th_ = fonts.measure(name, "title", w)[1]
    out.append(I.text((rect.left + pad, y, w, th_), name, th["call_text"], "title", align="center", **common))
    y += th_
    sub = tr.gettext("Unknown") if not saved else ""
    if call.status == "active" or call.status in ("ended", "declined") and call.answered_at is not None:
        end = call.ended_at if call.ended_at is not None else scene.engine.time
        sub = (sub + " · " if sub else "") + duration(end - (call.answered_at or end))
    if sub:
        out.append(I.text((rect.left + pad, y, w, fonts.line_height("small")), sub, th["call_muted"], "small",
                          align="center", **common))
        y += fonts.line_height("small")
    if call.bad_connection and call.status == "active":
        cue = pygame.Rect(0, 0, int(rect.w * 0.72), fonts.line_height("small") + int(8 * s))
        cue.midtop = (rect.centerx, y + int(6 * s))
        out.append(I.box(cue, (0, 0, 0, 170), radius=cue.h // 2, **common))
        out.append(I.icon((cue.left + int(10 * s), cue.top + 4, cue.h - 8, cue.h - 8), "weak", th["timer"], layer=1, **common))
        out.append(I.text((cue.left + cue.h + int(6 * s), cue.top + 4, cue.w - cue.h - int(10 * s), cue.h - 8),
                          tr.gettext("Poor connection"), th["timer"], "small", layer=1, **common))
        y = cue.bottom
    # the name band (who is calling, the call's state): banners slide in below it, never over it
    scene.phone.top_band = (("call",), y - rect.top + int(4 * s))
    y += int(10 * s)
    # buttons at the bottom
    bsize = int(rect.w * 0.2)
    lab_h = fonts.line_height("tiny")
    by = rect.bottom - bsize - lab_h - int(18 * s)
    if call.status == "ringing":
        # Translators: labels under the round call buttons (each has half the phone's width);
        # max 14 characters
        specs = [("decline", "hangup", th["decline"], tr.gettext("Decline"), rect.left + rect.w // 4),
                 # Translators: max 14 characters (see Decline)
                 ("accept", "phone", th["accept"], tr.gettext("Accept"), rect.right - rect.w // 4)]
    elif call.live:
        # Translators: the label under the red round button during a call; max 14 characters
        specs = [("hang_up", "hangup", th["decline"], tr.gettext("Hang up"), rect.centerx)]
    else:
        specs = []
    for act, ic, colour, label, cx in specs:
        br = pygame.Rect(0, 0, bsize, bsize)
        br.midtop = (cx, by)
        # live while the story runs (pressing skips to the decision); off when no choice fits
        enabled = scene.card is None and (not scene.engine.deciding or scene.call_choice(act) is not None)
        out.append(I.button(br, None, ("call", act), colour, (255, 255, 255), radius=bsize // 2, enabled=enabled,
                            group="call_button", **common))
        out.append(I.icon(br.inflate(-bsize // 3, -bsize // 3), ic, (255, 255, 255), layer=1, **common))
        out.append(I.text((cx - rect.w // 4, br.bottom + 4, rect.w // 2, lab_h), label, th["call_text"], "tiny",
                          align="center", **common))
    if video:  # the picture's band: below the name and state, above the captions and controls
        band = pygame.Rect(rect.left, y, rect.w, max(0, by - int(10 * s) - y))
        if call.lines:  # the upper part of the band; the captions keep room for the newest line below
            keep = max(caption_height(scene, call.lines[-1], w), min_caption_height(scene))
            band.h = max(int(band.h * MIN_PICTURE_SHARE), band.h - keep - int(8 * s))
        if img is not None and band.h > 0:
            # a poor connection: from the moment it is answered, the picture goes soft, tears, then loses
            # the face in dark blocks, over and over (story time: it holds still while the game is paused)
            since = scene.engine.time - (call.answered_at if call.answered_at is not None else scene.engine.time)
            mode = video_fx.phase(since, scene.app.prefs.reduced_motion) if call.bad_connection else "fit"
            out.insert(1, I.Item("image", picture_rect(img.get_size(), band), surface=img, radius=int(12 * s),
                                 extra={"mode": mode, "picture": True}, **common))
        y = band.bottom + int(8 * s)
    # captions, newest at the bottom, above the buttons
    if call.status in ("active", "ended") and call.lines:
        cap = pygame.Rect(rect.left + pad, y, w, (by - int(10 * s)) - y)
        out += captions(scene, call, cap, video)
    return out


MIN_PICTURE_SHARE = 0.4  # of the space between the caller's name and the controls, once captions run
CAPTION_LINES = 3  # the captions always keep room for a line this long, so the picture keeps one size


def caption_height(scene, line, width: int) -> int:
    """The height of one caption box (speaker, text, the red flags it carries while the card is open)."""
    fonts, pad = scene.fonts, int(8 * scene.app.scale)
    fh = fonts.line_height("tiny")
    return fh + fonts.measure(scene.tr.text(line.text), "body", width - 2 * pad)[1] + 2 * pad + \
        len(scene.flags_on(line.id)) * (fh + 2)


def min_caption_height(scene) -> int:
    fonts, pad = scene.fonts, int(8 * scene.app.scale)
    return fonts.line_height("tiny") + CAPTION_LINES * fonts.line_height("body") + 2 * pad


def picture_rect(size, band: pygame.Rect) -> pygame.Rect:
    """The largest rectangle with the picture's proportions inside `band`, centred."""
    iw, ih = max(1, size[0]), max(1, size[1])
    k = min(band.w / iw, band.h / ih)
    r = pygame.Rect(0, 0, max(1, int(iw * k)), max(1, int(ih * k)))
    r.center = band.center
    return r


def captions(scene, call, box: pygame.Rect, video: bool) -> list:
    th, fonts, s, tr, scn = scene.theme, scene.fonts, scene.app.scale, scene.tr, scene.scn
    if box.h <= 0:
        return []
    out = []
    pad = int(8 * s)
    tax = scene.app.get_taxonomy()
    y = box.bottom
    for line in reversed(call.lines):
        txt = tr.text(line.text)
        who = contact_name(tr, scn, line.speaker)
        flags = scene.flags_on(line.id)
        th_ = fonts.measure(txt, "body", box.w - 2 * pad)[1]
        fh = fonts.line_height("tiny")
        h = caption_height(scene, line, box.w)
        r = pygame.Rect(box.left, y - h, box.w, h)
        if r.top < box.top:
            break
        mine = line.speaker == "player"
        bg = (255, 255, 255, 235) if mine else (0, 0, 0, 175)
        fg = th["screen_text"] if mine else th["call_text"]
        if th.high_contrast:
            bg, fg = ((0, 0, 0), (255, 255, 255))
        out.append(I.box(r, bg, radius=int(10 * s), group="caption", border=3 if flags else (2 if th.high_contrast else 0),
                         border_colour=th["flag"] if flags else th["card_border"], area="phone", extra={"line": line.id}))
        out.append(I.text((r.left + pad, r.top + pad // 2, r.w - 2 * pad, fh), who,
                          th["screen_muted"] if mine and not th.high_contrast else th["call_muted"], "tiny", layer=1,
                          area="phone"))
        out.append(I.text((r.left + pad, r.top + pad // 2 + fh, r.w - 2 * pad, th_), txt, fg, "body", layer=1, area="phone"))
        fy = r.top + pad // 2 + fh + th_ + 2
        for f in flags:
            out.append(I.icon((r.left + pad, fy + 2, fh - 4, fh - 4), "flag", th["flag"], layer=1, area="phone"))
            out.append(I.text((r.left + pad + fh, fy, r.w - 2 * pad - fh, fh),
                              fit(fonts, flag_name(tr, tax, f), "tiny", r.w - 2 * pad - fh), th["flag"], "tiny", layer=1,
                              area="phone"))
            fy += fh + 2
        y = r.top - int(6 * s)
    return out
