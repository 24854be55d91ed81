"""The app installer (icon, name, publisher, where the file came from, size) and the permissions
screen (each permission with its icon and what it lets the app do, from assets/data/permissions.yaml).

Install/Cancel and Allow/Deny are drawn as the phone draws them; what the player does is always
one of the choices beside the phone."""

from __future__ import annotations

import pygame

from game.core.texts import Text

from .. import items as I
from ..icons_more import PERMISSION_ICONS
from .common import avatar_colour
from .header import fit


def build(scene, rect: pygame.Rect, inst_id: str) -> list:
    inst = next((x for x in scene.engine.phone.installs if x.id == inst_id), None)
    th = scene.theme
    out = [I.box(rect, th["screen"], area="phone")]
    if inst is None:
        return out
    if inst.screen == "permissions":
        return out + _permissions(scene, rect, inst)
    return out + _installer(scene, rect, inst)


def _icon(scene, r: pygame.Rect, inst, name: str) -> list:
    img = scene.image(inst.icon) if inst.icon else None
    if img is not None:
        return [I.Item("image", r, surface=img, radius=r.h // 4, area="phone")]
    fonts = scene.fonts
    lh = fonts.line_height("h1")
    return [I.box(r, avatar_colour(name), radius=r.h // 4, area="phone"),
            I.text((r.left, r.centery - lh // 2, r.w, lh), (name[:1] or "?").upper(), (255, 255, 255), "h1",
                   align="center", layer=1, area="phone")]


def _buttons(scene, rect, labels: tuple[str, str]) -> list:
    """The two buttons at the bottom (display only: the choices beside the phone decide)."""
    th, fonts, s = scene.theme, scene.fonts, scene.app.scale
    pad = int(14 * s)
    bh = fonts.line_height("button") + int(16 * s)
    w = (rect.w - 3 * pad) // 2
    y = rect.bottom - pad - bh
    out = []
    for i, label in enumerate(labels):
        r = pygame.Rect(rect.left + pad + i * (w + pad), y, w, bh)
        primary = i == 1
        out.append(I.box(r, th["accent"] if primary else th["screen"], radius=bh // 2, border=0 if primary else 2,
                         border_colour=th["accent"], group="install_button", area="phone"))
        out.append(I.text((r.left, r.centery - fonts.line_height("button") // 2, r.w, fonts.line_height("button")),
                          fit(fonts, label, "button", r.w - 8), th["accent_text"] if primary else th["accent"], "button",
                          align="center", layer=1, area="phone"))
    return out


def _installer(scene, rect, inst) -> list:
    th, fonts, s, tr = scene.theme, scene.fonts, scene.app.scale, scene.tr
    pad = int(18 * s)
    name = tr.text(inst.name)
    out = []
    y = rect.top + int(30 * s)
    ir = pygame.Rect(0, 0, int(72 * s), int(72 * s))
    ir.midtop = (rect.centerx, y)
    out += _icon(scene, ir, inst, name)
    y = ir.bottom + int(12 * s)
    w = rect.w - 2 * pad
    h = fonts.measure(name, "h1", w)[1]
    out.append(I.text((rect.left + pad, y, w, h), name, th["screen_text"], "h1", align="center", area="phone"))
    y += h + int(4 * s)
    # Translators: the phone's installer asks, about an app file
    q = tr.gettext("Do you want to install this app?")
    h = fonts.measure(q, "small", w)[1]
    out.append(I.text((rect.left + pad, y, w, h), q, th["screen_muted"], "small", align="center", area="phone"))
    y += h + int(16 * s)
    rows = []
    if inst.publisher:
        rows.append((tr.gettext("Publisher"), tr.text(inst.publisher)))
    else:
        rows.append((tr.gettext("Publisher"), tr.gettext("Unknown")))
    if inst.source:
        rows.append((tr.gettext("Source"), inst.source))
    if inst.size:
        rows.append((tr.gettext("Size"), inst.size))
    card_h = sum(fonts.line_height("tiny") + fonts.measure(v, "body", w - 2 * pad)[1] + int(10 * s) for _k, v in rows)
    card = pygame.Rect(rect.left + pad, y, w, card_h + int(12 * s))
    out.append(I.box(card, th["banner"], radius=int(14 * s), area="phone"))
    cy = card.top + int(8 * s)
    for k, v in rows:
        out.append(I.text((card.left + pad, cy, w - 2 * pad, fonts.line_height("tiny")), k, th["screen_muted"], "tiny",
                          layer=1, area="phone"))
        vh = fonts.measure(v, "body", w - 2 * pad)[1]
        out.append(I.text((card.left + pad, cy + fonts.line_height("tiny"), w - 2 * pad, vh), v, th["screen_text"], "body",
                          layer=1, area="phone", extra={"install": k}))
        cy += fonts.line_height("tiny") + vh + int(10 * s)
    y = card.bottom + int(12 * s)
    if inst.source and not inst.source.startswith(("https://play.", "play.")):
        warn = tr.gettext("This app does not come from the official app store.")
        h = fonts.measure(warn, "small", w - fonts.line_height("small") - 6)[1]
        isz = fonts.line_height("small")
        out.append(I.icon((rect.left + pad, y + 2, isz - 2, isz - 2), "warn", th["risky"], fg=th["screen"], area="phone"))
        out.append(I.text((rect.left + pad + isz + 4, y, w - isz - 4, h), warn, th["risky"], "small", area="phone"))
    return out + _buttons(scene, rect, (tr.gettext("Cancel"), tr.gettext("Install")))


def _permissions(scene, rect, inst) -> list:
    th, fonts, s, tr = scene.theme, scene.fonts, scene.app.scale, scene.tr
    tax = scene.app.get_taxonomy()
    pad = int(16 * s)
    name = tr.text(inst.name)
    out = []
    y = rect.top + int(18 * s)
    ir = pygame.Rect(0, 0, int(48 * s), int(48 * s))
    ir.midtop = (rect.centerx, y)
    out += _icon(scene, ir, inst, name)
    y = ir.bottom + int(10 * s)
    w = rect.w - 2 * pad
    # Translators: the permissions screen's question; {app} is the app's name
    q = tr.gettext("Allow {app} to:").format(app=name)
    h = fonts.measure(q, "title", w)[1]
    out.append(I.text((rect.left + pad, y, w, h), q, th["screen_text"], "title", align="center", area="phone"))
    y += h + int(12 * s)
    bottom = rect.bottom - fonts.line_height("button") - int(40 * s)
    isz = int(30 * s)
    for pid in inst.permissions:
        perm = tax.permissions.get(pid) if tax else None
        pname = tr.text(Text(f"permission/{pid}/name", perm.name)) if perm else pid
        ptext = tr.text(Text(f"permission/{pid}/text", perm.text)) if perm else ""
        tw = w - isz - int(12 * s)
        th_ = fonts.measure(ptext, "small", tw)[1] if ptext else 0
        nh = fonts.measure(pname, "strong", tw)[1]
        rh = max(isz, nh + th_) + int(12 * s)
        if y + rh > bottom:
            break
        danger = pid in ("accessibility", "read_sms", "screen_share", "overlay", "install_apps", "notifications")
        circle = pygame.Rect(rect.left + pad, y, isz, isz)
        out.append(I.box(circle, th["flag_bg"] if danger else th["banner"], radius=isz // 2, area="phone"))
        out.append(I.icon(circle.inflate(-int(12 * s), -int(12 * s)), PERMISSION_ICONS.get(pid, "warn"),
                          th["unsafe"] if danger else th["accent"], fg=th["screen"], layer=1, area="phone",
                          extra={"permission": pid}))
        tx = circle.right + int(12 * s)
        out.append(I.text((tx, y, tw, nh), pname, th["screen_text"], "strong", area="phone"))
        if ptext:
            out.append(I.text((tx, y + nh, tw, th_), ptext, th["screen_muted"], "small", area="phone"))
        y += rh
        out.append(I.box((tx, y - int(6 * s), rect.right - pad - tx, 1), th["card_border"], area="phone"))
    return out + _buttons(scene, rect, (tr.gettext("Deny"), tr.gettext("Allow")))
