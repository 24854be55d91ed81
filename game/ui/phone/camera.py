"""The camera on a QR code: a viewfinder with the code, and a sheet that says what the code really
is: a transfer to a named personal (or organisation) account, a link in full, or an app download.

Opened by the story (a `scan` event) or freely from a code the phone shows ("Scan"): looking
never chooses anything."""

from __future__ import annotations

import pygame

from game.core.placeholders import format_value

from .. import items as I
from . import qr as qrmod
from .common import find_qr


def code_for(scene, scr: tuple):
    eng = scene.engine
    if scr[0] == "scan":
        scan = next((x for x in eng.phone.scans if x.id == scr[1]), None)
        return scan.qr if scan else None, scan
    return (find_qr(eng, scr[1]) if len(scr) > 1 else None), None

NBSP = "\u00a0"


def result_lines(scene, code) -> tuple[str, list[str]]:
    """(title, lines) of the scan result sheet."""
    tr = scene.tr
    if code.shows == "transfer":
        name = tr.text(code.name) if code.name else "?"
        if code.personal:
            # Translators: a scanned payment QR, worded plainly as a banking app would: the player has to notice
            # that the account belongs to a person, not to the organisation asking for money
            head = tr.gettext("Transfer money to a personal account: {name}").format(name=name)
        else:
            head = tr.gettext("Transfer money to an organisation's account: {name}").format(name=name)
        # an account number or an amount is never broken across lines ("8820 000 / 417"): no-break spaces
        parts = [tr.text(code.bank) if code.bank else "", (code.account or "").replace(" ", NBSP),
                 format_value("money", code.amount, tr.lang).replace(" ", NBSP) if code.amount else ""]
        return tr.gettext("Payment code"), [head, " · ".join(p for p in parts if p)]
    if code.shows == "link":
        return tr.gettext("Website link"), [code.url or code.payload]
    name = tr.text(code.name) if code.name else "?"
    return tr.gettext("App download"), [tr.gettext("App: {name}").format(name=name),
                                        tr.gettext("Download from: {address}").format(address=code.url or code.payload)]


def build(scene, rect: pygame.Rect, scr: tuple) -> list:
    th, fonts, s, tr = scene.theme, scene.fonts, scene.app.scale, scene.tr
    code, scan = code_for(scene, scr)
    dark = th["call_bg"]
    out = [I.box(rect, dark, area="phone")]
    # top bar: back, title
    bh = fonts.line_height("strong") + int(16 * s)
    bk = pygame.Rect(rect.left + int(4 * s), rect.top, int(34 * s), bh)
    out.append(I.button(bk, None, ("phone", "back"), dark, (255, 255, 255), radius=6, area="phone", group="header"))
    out.append(I.icon(bk.inflate(-int(14 * s), -int(bh * 0.45)), "back", (255, 255, 255), layer=1, area="phone"))
    out.append(I.text((bk.right, rect.top + int(8 * s), rect.w - 2 * bk.w, fonts.line_height("strong")),
                      tr.gettext("Scan QR code"), (255, 255, 255), "strong", align="center", area="phone"))
    # viewfinder
    side = int(min(rect.w * 0.66, rect.h * 0.36))
    vf = pygame.Rect(0, 0, side, side)
    vf.midtop = (rect.centerx, rect.top + bh + int(28 * s))
    # what the camera sees: a dim, soft scene around the code (the screen or paper it is on)
    feed_r = pygame.Rect(rect.left, rect.top + bh, rect.w, vf.bottom + int(28 * s) - rect.top - bh)
    out.append(I.Item("gradient", feed_r, (70, 74, 84), area="phone", extra={"to": (34, 37, 44)}))
    out.append(I.box(vf.inflate(int(18 * s), int(18 * s)), (96, 100, 110), radius=int(14 * s), area="phone"))
    if code is not None:
        img = qrmod.surface(code.payload, int(side * 0.86))
        ir = img.get_rect(center=vf.center)
        out.append(I.box(ir.inflate(10, 10), (255, 255, 255), radius=6, layer=1, area="phone"))
        out.append(I.Item("image", ir, surface=img, layer=2, area="phone", extra={"qr": code.payload}))
    out.append(I.icon(vf.inflate(int(30 * s), int(30 * s)), "scanframe", (255, 255, 255), layer=3, area="phone"))
    # result sheet
    y = feed_r.bottom + int(12 * s)
    sheet = pygame.Rect(rect.left + int(10 * s), y, rect.w - int(20 * s), rect.bottom - y - int(10 * s))
    pad = int(14 * s)
    w = sheet.w - 2 * pad
    if code is None:
        out.append(I.text((sheet.left, sheet.top, sheet.w, fonts.line_height("small") * 3),
                          tr.gettext("Point the camera at a QR code."), (220, 222, 228), "small", align="center",
                          area="phone"))
        return out
    title, lines = result_lines(scene, code)
    body = "\n".join(lines)
    bh_ = fonts.measure(body, "body", w)[1]
    sheet.h = min(sheet.h, fonts.line_height("tiny") + bh_ + 2 * pad + int(6 * s))
    hl = bool(scan and scene.flags_on(scan.id))
    out.append(I.box(sheet, th["banner"], radius=int(16 * s), border=3 if hl else 2 if th.high_contrast else 0,
                     border_colour=th["flag"] if hl else th["card_border"], group="scan_result", area="phone"))
    # One neutral look for every result, as a phone's scanner has: a warning colour would give the
    # answer away (the student try-out); the feedback card is where the lesson is told.
    icon = {"transfer": "neutral", "link": "link", "app": "link"}[code.shows]
    isz = fonts.line_height("tiny")
    colour = th["accent"]
    out.append(I.icon((sheet.left + pad, sheet.top + pad, isz, isz), icon, colour, fg=th["banner"], layer=1, area="phone"))
    out.append(I.text((sheet.left + pad + isz + 6, sheet.top + pad, w - isz - 6, isz), title, th["screen_muted"], "tiny",
                      layer=1, area="phone"))
    out.append(I.text((sheet.left + pad, sheet.top + pad + isz + int(6 * s), w, bh_), body, th["banner_text"], "body",
                      layer=1, area="phone", clip=sheet, extra={"scan_result": code.shows}))
    # Translators: under a scan result: scanning only shows what the code holds
    note = tr.gettext("Scanning only shows what the code does. Nothing is paid, opened or installed.")
    nh = fonts.measure(note, "small", sheet.w)[1]
    if sheet.bottom + int(12 * s) + nh <= rect.bottom - int(8 * s):
        out.append(I.text((sheet.left, sheet.bottom + int(12 * s), sheet.w, nh), note, th["call_muted"], "small",
                          align="center", area="phone"))
    return out
