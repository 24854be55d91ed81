"""A conversation: bubbles, timestamps, images, link cards, typing dots; scrolls.

Heights are computed once per message (and per width/text size) and cached, and only
the bubbles inside the viewport become items, so a 200-message thread stays cheap.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

import pygame

from .. import items as I
from ..words import app_name, clock, contact_name, contact_saved, flag_name
from . import header, qr


def _avatar_letter(name: str) -> str:
    return (name[:1] or "?").upper()


BUBBLES_KEPT = 400  # laid-out bubbles remembered (a few screenfuls of a long thread)


class ThreadView:
    def __init__(self):
        self._heights: dict = {}
        self._bubbles: dict = {}
        self._owner: tuple = ()

    def clear(self) -> None:
        self._heights.clear()
        self._bubbles.clear()

    def _bubble_at(self, scene, m, r: pygame.Rect, view, look) -> list:
        """`_bubble`, remembered: laid out at y = 0 once per message, width, view, look, flags and
        image, then copied and moved to r.top (scrolling moves bubbles; it does not change them)."""
        owner = (scene.theme, scene.tr, scene.fonts.body_px, scene.app.scale, scene.engine.scn)
        if owner != self._owner:
            self._bubbles.clear()
            self._owner = owner
        flags = tuple(scene.flags_on(m.id))
        img, limg = scene.image(m.image), scene.image(m.link_image)
        key = (id(m), r.w, r.h, view.left, view.right, id(look), flags, id(img), id(limg))
        got = self._bubbles.get(key)
        if got is None or got[0] is not m or got[1] is not img or got[2] is not limg:
            if len(self._bubbles) >= BUBBLES_KEPT:
                self._bubbles.clear()
            got = self._bubbles[key] = (m, img, limg, self._bubble(scene, m, pygame.Rect(0, 0, r.w, r.h), view, look))
        out = []
        for it in got[3]:
            c = I.clone(it)
            c.rect.move_ip(0, r.top)
            c.clip = view
            out.append(c)
        return out

    def build(self, scene, rect: pygame.Rect, app_id: str, contact: str) -> list:
        th, fonts, s, tr, scn = scene.theme, scene.fonts, scene.app.scale, scene.tr, scene.scn
        app = scn.app(app_id)
        look = th.look(app.look if app else "generic")
        key = (app_id, contact)
        thread = scene.engine.phone.threads.get(key)
        name = contact_name(tr, scn, contact)
        if contact_saved(scn, contact):
            sub = app_name(tr, scn, app)
        else:
            sub = tr.gettext("Not in your contacts")
        out = [I.box(rect, look.get("bg", th["screen"]), area="phone")]
        out += header.build(scene, rect, name, sub, look,
                            avatar=_avatar_letter(name) if contact_saved(scn, contact) else "?")
        hh = header.header_height(fonts, s)
        ih = fonts.line_height("small") + int(18 * s)
        inp = pygame.Rect(rect.left, rect.bottom - ih, rect.w, ih)
        view = pygame.Rect(rect.left, rect.top + hh, rect.w, rect.h - hh - ih)
        pad = int(10 * s)
        out.append(I.box(inp, look.get("bar", th["screen"]) if th.high_contrast else th["screen"], area="phone"))
        field = inp.inflate(-2 * pad, -int(10 * s))
        out.append(I.box(field, th["screen"], radius=field.h // 2, border=1, border_colour=th["card_border"], area="phone"))
        hint_r = field.inflate(-2 * pad, 0)
        hint_r.y, hint_r.h = field.y + (field.h - fonts.line_height("small")) // 2, fonts.line_height("small")
        out.append(I.text(hint_r, header.fit(fonts, tr.gettext("Reply with the options beside the phone"), "small",
                                             hint_r.w), th["screen_muted"], "small", area="phone"))
        msgs = thread.messages if thread else []
        bw = int(view.w * 0.76)
        gap = int(8 * s)
        # the whole list, kept while the thread only grows and no picture arrives: a 300-message
        # thread is laid out once (a picture that arrives late is taller or shorter than its placeholder)
        hkey = ("all", key, bw, gap, scene.fonts.body_px, scene.tr.lang, scene.assets.arrived)
        got = self._heights.get(hkey)
        if got is None or len(got[0]) != len(msgs):
            heights = [self._height(scene, m, bw) for m in msgs]
            got = self._heights[hkey] = (heights, [0, *accumulate(h + gap for h in heights)])
        heights, tops = got  # tops[i]: where message i starts, below the first gap
        typing = bool(thread and thread.typing)
        type_h = fonts.line_height("body") + int(16 * s) if typing else 0
        total = sum(heights) + gap * (len(msgs) + 1) + (type_h + gap if typing else 0)
        max_scroll = max(0, total - view.h)
        if scene.reveal_flags and scene.card is not None:
            # the feedback card just opened: bring the newest flagged message into view
            scene.reveal_flags = False
            y = gap
            target = None
            for m, h in zip(msgs, heights, strict=True):
                if scene.flags_on(m.id):
                    target = (y, y + h)
                y += h + gap
            if target is not None:
                top_now = max_scroll - scene.phone.scroll.get(key, 0)
                if target[0] < top_now or target[1] > top_now + view.h:
                    scene.phone.scroll[key] = max(0, max_scroll - max(0, target[1] - view.h + gap))

        def content():
            """(offset, the items in the view, whether the Newest button shows) for the scroll now."""
            scroll = min(scene.phone.scroll.get(key, 0), max_scroll)
            scene.phone.scroll[key] = scroll
            scene.thread_max_scroll = max_scroll
            # a short conversation sits on the input bar, as chat apps show it: what lands next appears
            # there, not at the top, where notification banners slide in over the oldest messages
            y0 = view.top + gap - (max_scroll - scroll) + max(0, view.h - total)
            got = []
            # the messages in sight: from the last one starting at or above the view's top
            first = max(0, bisect_right(tops, view.top - y0) - 1)
            for i in range(first, len(msgs)):
                y, h = y0 + tops[i], heights[i]
                if y > view.bottom:
                    break
                if y + h >= view.top:
                    got += self._bubble_at(scene, msgs[i], pygame.Rect(0, y, bw, h), view, look)
            y = y0 + tops[-1] if msgs else y0
            if typing:
                tb = pygame.Rect(view.left + pad, y, int(64 * s), type_h)
                if tb.bottom >= view.top and tb.top <= view.bottom:
                    got.append(I.box(tb, look["in"], radius=tb.h // 2, clip=view, area="phone", group="bubble",
                                     extra={"typing": True}))
                    phase = -1.0 if scene.app.prefs.reduced_motion else scene.phone.now
                    got.append(I.icon(tb.inflate(-int(16 * s), -int(10 * s)), "dots", th["screen_muted"], clip=view,
                                      layer=1, area="phone", extra={"phase": phase}))
                label = tr.gettext("{name} is typing…").format(name=name)
                ly = min(tb.bottom + 2, view.bottom - fonts.line_height("tiny"))
                got.append(I.text((view.left + pad, ly, view.w - 2 * pad, fonts.line_height("tiny")), label,
                                  th["screen_muted"], "tiny", clip=view, area="phone"))
            return max_scroll - scroll, got, bool(max_scroll and scroll)

        # built again on its own while the player only scrolls (Scene.in_view)
        def at():
            scroll = min(scene.phone.scroll.get(key, 0), max_scroll)
            return max_scroll - scroll, bool(max_scroll and scroll)

        out += scene.in_view(view, content, at)
        scroll = scene.phone.scroll[key]
        if max_scroll and scroll:
            more = pygame.Rect(0, 0, int(120 * s), fonts.line_height("tiny") + 8)
            more.midbottom = (view.centerx, view.bottom - 4)
            # Translators: a button that scrolls the conversation down to its newest message
            out.append(I.button(more, tr.gettext("Newest"), ("phone", "scroll_end"),
                                th["accent"], th["accent_text"], role="tiny", align="center", radius=more.h // 2,
                                layer=2, area="phone", group="float"))
        return out

    # -- one message ---------------------------------------------------------

    def _parts(self, scene, m, bw):
        """Text, image height and link card height of a message at bubble width bw."""
        fonts, s, tr = scene.fonts, scene.app.scale, scene.tr
        pad = int(10 * s)
        inner = bw - 2 * pad
        txt = tr.text(m.text) if m.text else ""
        img = scene.image(m.image) if m.image else None
        ih = 0
        if m.image:
            ih = int(inner * 0.62) if img is None else min(int(inner * img.get_height() / max(1, img.get_width())), int(inner * 1.3))
        link_h = 0
        if m.link_url:
            lt = tr.text(m.link_title)
            ld = tr.text(m.link_text)
            link_h = fonts.measure(lt, "label", inner - 2 * pad)[1] + fonts.line_height("tiny") + 2 * pad
            if ld:
                link_h += fonts.measure(ld, "tiny", inner - 2 * pad)[1]
            if m.link_image:
                link_h += int(inner * 0.45)
        th_ = fonts.measure(txt, "body", inner)[1] if txt else 0
        if getattr(m, "qr", None) is not None:  # a QR code (with its Scan button) counts as part of the card
            link_h += qr.height(scene, m.qr.payload, inner) + (pad if link_h else 0)
        return txt, img, ih, link_h, th_

    def _height(self, scene, m, bw) -> int:
        hl = tuple(scene.flags_on(m.id))
        img = scene.image(m.image) if m.image else None
        key = (m.id, bw, scene.fonts.body_px, scene.tr.lang, hl, img.get_size() if img is not None else None)
        h = self._heights.get(key)
        if h is None:
            fonts, s = scene.fonts, scene.app.scale
            pad = int(10 * s)
            _txt, _img, ih, link_h, th_ = self._parts(scene, m, bw)
            body = th_ + (ih + (pad if th_ else 0) if ih else 0) + (link_h + pad if link_h else 0)
            h = body + 2 * pad + fonts.line_height("tiny")
            h += len(hl) * (fonts.line_height("tiny") + 4)
            self._heights[key] = h
        return h

    def _bubble(self, scene, m, r: pygame.Rect, view, look) -> list:
        th, fonts, s, tr = scene.theme, scene.fonts, scene.app.scale, scene.tr
        pad = int(10 * s)
        txt, img, ih, link_h, th_ = self._parts(scene, m, r.w)
        inner = wrap_w = r.w - 2 * pad
        # shrink short text bubbles to their text width
        if txt and not ih and not link_h and getattr(m, "qr", None) is None:
            tw = fonts.measure(txt, "body", inner)[0]
            inner = max(tw, fonts.get("tiny").size(clock(m.at, scene.engine.scn.clock_minutes))[0])
        bw = inner + 2 * pad
        flags = scene.flags_on(m.id)
        hbody = th_ + (ih + (pad if th_ else 0) if ih else 0) + (link_h + pad if link_h else 0)
        bub = pygame.Rect(0, r.top, bw, hbody + 2 * pad)
        if m.outgoing:
            bub.right = view.right - pad
        else:
            bub.left = view.left + pad
        bg, fg = (look["out"], look["out_text"]) if m.outgoing else (look["in"], look["in_text"])
        common = {"clip": view, "area": "phone"}
        out = [I.box(bub, bg, radius=int(14 * s), group="bubble", border=3 if flags else (1 if th.high_contrast else 0),
                     border_colour=th["flag"] if flags else th["card_border"], extra={"msg": m.id}, **common)]
        y = bub.top + pad
        if ih:
            ir = pygame.Rect(bub.left + pad, y, inner, ih)
            if img is not None:
                out.append(I.Item("image", ir, surface=img, radius=int(8 * s), layer=1, **common))
            else:
                out.append(I.box(ir, th["card_border"], radius=int(8 * s), layer=1, **common))
                out.append(I.text(ir.inflate(-pad, -pad), tr.gettext("Image"), th["screen_muted"], "small", layer=2, **common))
            y += ih + (pad if th_ else 0)
        if txt:
            # laid out at the width it was measured at: wrapped again at the shrunk bubble's width, a
            # line as wide as that width can break once more and spill out of the bubble
            out.append(I.text((bub.left + pad, y, wrap_w, th_), txt, fg, "body", layer=1, **common))
            y += th_
        if getattr(m, "qr", None) is not None:
            y += pad
            items, qh = qr.block(scene, bub.left + pad, y, inner, m.qr, clip=view)
            out += items
            y += qh
            link_h -= qh + (pad if m.link_url else 0)
        if m.link_url:
            y += pad
            card = pygame.Rect(bub.left + pad, y, inner, link_h)
            out.append(I.box(card, th["screen"], radius=int(8 * s), border=1, border_colour=th["card_border"], layer=1,
                             **common))
            cy = card.top
            if m.link_image:
                lim = scene.image(m.link_image)
                lr = pygame.Rect(card.left, cy, card.w, int(inner * 0.45))
                if lim is not None:
                    out.append(I.Item("image", lr, surface=lim, layer=2, **common))
                cy = lr.bottom
            cy += pad // 2
            lt = tr.text(m.link_title)
            ltw = card.w - 2 * pad
            lh = fonts.measure(lt, "label", ltw)[1]
            out.append(I.text((card.left + pad, cy, ltw, lh), lt, th["screen_text"], "label", layer=2, **common))
            cy += lh
            ld = tr.text(m.link_text)
            if ld:
                dh = fonts.measure(ld, "tiny", ltw)[1]
                out.append(I.text((card.left + pad, cy, ltw, dh), ld, th["screen_muted"], "tiny", layer=2, **common))
                cy += dh
            out.append(I.text((card.left + pad, cy, ltw, fonts.line_height("tiny")), header.fit(fonts, m.link_url, "tiny", ltw),
                              th["accent"] if not th.high_contrast else th["screen_text"], "tiny", layer=2, **common))
        ty = bub.bottom + 1
        tsr = pygame.Rect(bub.left, ty, bub.w, fonts.line_height("tiny"))
        out.append(I.text(tsr, clock(m.at, scene.engine.scn.clock_minutes), th["screen_muted"], "tiny", align="right" if m.outgoing else "left", **common))
        ty += fonts.line_height("tiny") + 2
        tax = scene.app.get_taxonomy()
        for f in flags:
            fh = fonts.line_height("tiny")
            fr = pygame.Rect(view.left + pad, ty, view.w - 2 * pad, fh)
            out.append(I.icon((fr.left, fr.top + 2, fh - 4, fh - 4), "flag", th["flag"], **common))
            out.append(I.text((fr.left + fh, fr.top, fr.w - fh, fh), header.fit(fonts, flag_name(tr, tax, f), "tiny", fr.w - fh),
                              th["flag"], "tiny", **common))
            ty += fh + 4
        return out
