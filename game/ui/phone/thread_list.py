"""An app's list of conversations, and the Phone app's list of calls."""

from __future__ import annotations

import pygame

from .. import items as I
from ..words import app_name, clock, contact_name, contact_saved
from . import header
from .header import fit


def build(scene, rect: pygame.Rect, app_id: str) -> list:
    th, fonts, s, tr, scn = scene.theme, scene.fonts, scene.app.scale, scene.tr, scene.scn
    app = scn.app(app_id)
    look = th.look(app.look if app else "generic")
    out = [I.box(rect, look.get("bg", th["screen"]), area="phone")]
    out += header.build(scene, rect, app_name(tr, scn, app), "", look)
    y = rect.top + header.header_height(fonts, s)
    threads = [(k, t) for k, t in scene.engine.phone.threads.items() if k[0] == app_id and (t.messages or t.typing)]
    threads.sort(key=lambda kt: -(kt[1].messages[-1].at if kt[1].messages else 1e9))
    pad = int(10 * s)
    rh = fonts.line_height("strong") + fonts.line_height("small") + 2 * pad
    for key, t in threads:
        row = pygame.Rect(rect.left, y, rect.w, rh)
        if row.bottom > rect.bottom:
            break
        out.append(I.button(row, None, ("phone", "open", ("thread", *key)), look.get("bg", th["screen"]),
                            th["screen_text"], radius=0, group="row", area="phone"))
        av = pygame.Rect(row.left + pad, row.top + pad, rh - 2 * pad, rh - 2 * pad)
        name = contact_name(tr, scn, key[1])
        out.append(I.box(av, look.get("icon", th["accent"]), radius=av.h // 2, layer=1, area="phone"))
        out.append(I.text((av.left, av.centery - fonts.line_height("strong") // 2, av.w, fonts.line_height("strong")),
                          name[:1].upper() if contact_saved(scn, key[1]) else "?", (255, 255, 255), "strong",
                          align="center", layer=2, area="phone"))
        x = av.right + pad
        tw = row.right - x - pad
        unread = scene.phone.unread({key: t})
        last = t.messages[-1] if t.messages else None
        if t.typing:
            preview = tr.gettext("typing…")
        else:
            preview = tr.text(last.text) if last.text else tr.gettext("Photo")
            if last.outgoing:
                preview = tr.gettext("You: {text}").format(text=preview)
        when = clock(last.at, scene.engine.scn.clock_minutes) if last else ""
        cw = fonts.get("tiny").size(when)[0] + 4
        out.append(I.text((x, row.top + pad, tw - cw, fonts.line_height("strong")), fit(fonts, name, "strong", tw - cw),
                          look.get("in_text", th["screen_text"]), "strong", layer=1, area="phone"))
        out.append(I.text((row.right - pad - cw, row.top + pad, cw, fonts.line_height("tiny")), when,
                          th["screen_muted"], "tiny", align="right", layer=1, area="phone"))
        out.append(I.text((x, row.top + pad + fonts.line_height("strong"), tw - (30 if unread else 0),
                           fonts.line_height("small")), fit(fonts, preview, "small", tw - (30 if unread else 0)),
                          th["screen_text"] if unread else th["screen_muted"], "small", layer=1, area="phone"))
        if unread:
            br = pygame.Rect(0, 0, fonts.line_height("tiny") + 6, fonts.line_height("tiny") + 6)
            br.midright = (row.right - pad, row.top + pad + fonts.line_height("strong") + fonts.line_height("small") // 2)
            out.append(I.box(br, th["badge"], radius=br.h // 2, layer=1, area="phone"))
            out.append(I.text(br.move(0, 2), str(unread), (255, 255, 255), "tiny", align="center", layer=2, area="phone"))
        out.append(I.box((x, row.bottom - 1, row.right - x, 1), th["card_border"], layer=1, area="phone"))
        y = row.bottom
    if not threads:
        out.append(I.text((rect.left + pad, y + pad, rect.w - 2 * pad, 60), tr.gettext("No messages yet."),
                          th["screen_muted"], "small", align="center", area="phone"))
    return out


def build_recents(scene, rect: pygame.Rect) -> list:
    th, fonts, s, tr, scn = scene.theme, scene.fonts, scene.app.scale, scene.tr, scene.scn
    look = th.look("generic")
    out = [I.box(rect, th["screen"], area="phone")]
    out += header.build(scene, rect, tr.gettext("Phone"), tr.gettext("Recent calls"), look)
    y = rect.top + header.header_height(fonts, s)
    pad = int(10 * s)
    status = {"missed": tr.gettext("Missed call"), "declined": tr.gettext("Declined"),
              "ended": tr.gettext("Call ended"), "active": tr.gettext("In call"), "ringing": tr.gettext("Ringing")}
    rh = fonts.line_height("strong") + fonts.line_height("small") + 2 * pad
    for call in reversed(scene.phone.calls):
        row = pygame.Rect(rect.left, y, rect.w, rh)
        if row.bottom > rect.bottom:
            break
        target = ("call",) if call is scene.engine.phone.call and call.live else ("recents",)
        out.append(I.button(row, None, ("phone", "open", target), th["screen"], th["screen_text"], radius=0,
                            group="row", area="phone"))
        name = contact_name(tr, scn, call.contact)
        kind = tr.gettext("Outgoing") if call.outgoing else status.get(call.status, call.status)
        missed = call.status == "missed"
        cw = fonts.get("tiny").size(clock(call.started_at, scene.engine.scn.clock_minutes))[0] + 4
        out.append(I.text((row.left + pad, row.top + pad, row.w - 2 * pad - cw, fonts.line_height("strong")),
                          fit(fonts, name, "strong", row.w - 2 * pad - cw), th["unsafe"] if missed else th["screen_text"],
                          "strong", layer=1, area="phone"))
        out.append(I.text((row.right - pad - cw, row.top + pad, cw, fonts.line_height("tiny")), clock(call.started_at, scene.engine.scn.clock_minutes),
                          th["screen_muted"], "tiny", align="right", layer=1, area="phone"))
        app = scn.app(call.app) if call.app else None
        sub = f"{kind} · {app_name(tr, scn, app)}" if app else kind
        out.append(I.text((row.left + pad, row.top + pad + fonts.line_height("strong"), row.w - 2 * pad,
                           fonts.line_height("small")), fit(fonts, sub, "small", row.w - 2 * pad), th["screen_muted"],
                          "small", layer=1, area="phone"))
        y = row.bottom
    if not scene.phone.calls:
        out.append(I.text((rect.left + pad, y + pad, rect.w - 2 * pad, 60), tr.gettext("No calls yet."),
                          th["screen_muted"], "small", align="center", area="phone"))
    return out
