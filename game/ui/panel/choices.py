"""The choice panel: numbered replies and actions, help actions set apart, a countdown, skip."""

from __future__ import annotations

import math

import pygame

from .. import items as I
from ..kit import Column
from ..words import choice_text

COUNTDOWN_HZ = 4  # the timer bar moves at most this often; a 25 s bar steps ~5 px, which reads as smooth


def countdown_wake(scene, left: float, total: float) -> float:
    """Seconds until the countdown looks different: the next whole second, the bar's next
    step (at most COUNTDOWN_HZ a second) or the switch to the 'low' colour."""
    pad = int(18 * scene.app.scale)
    bar_w = max(1, scene.lay().right.w - 2 * pad)
    px = bar_w * left / total
    to_bar = max(1 / COUNTDOWN_HZ, (px - math.ceil(px - 1)) * total / bar_w)
    to_digit = left - (math.ceil(left) - 1)
    low = min(5, total / 3)
    to_low = left - low if left > low else math.inf
    return max(0.01, min(to_bar, to_digit, to_low))


def build(scene, rect: pygame.Rect) -> list:
    """The panel; when the options do not fit (many options, large text), they use smaller text, and
    when they still do not fit (a very long label) they scroll inside the panel: mouse wheel or
    Page Up/Down over it, and Tab scrolls the focused option into view. Nothing is cut."""
    out, bottom = _build(scene, rect, "button")
    if bottom <= rect.bottom:
        scene.choice_max_scroll = 0
        return out
    role = "small"
    out, bottom = _build(scene, rect, role)
    if bottom <= rect.bottom:
        scene.choice_max_scroll = 0
        return out
    fonts, s, tr, th = scene.fonts, scene.app.scale, scene.tr, scene.theme
    pad = int(18 * s)
    hint_h = fonts.line_height("tiny")
    view = pygame.Rect(rect.left, rect.top + pad // 2, rect.w, rect.h - pad - hint_h)
    key = scene.engine.step.id if scene.engine.step is not None else None
    if getattr(scene, "choice_scroll_step", None) != key:  # a new decision starts at its top
        scene.choice_scroll_step, scene.choice_scroll = key, 0
    scene.choice_max_scroll = max(0, bottom - view.bottom + pad // 2)
    scroll = scene.choice_scroll = int(max(0, min(scene.choice_max_scroll, scene.choice_scroll)))
    out, bottom = _build(scene, rect, role, scroll, view)
    focused = next((it for it in out if it.kind == "button" and it.action == scene.focus), None)
    if focused is not None and not view.contains(focused.rect):  # Tab reached an option out of sight
        if focused.rect.h > view.h or focused.rect.top < view.top:
            scroll += focused.rect.top - view.top - pad // 2
        else:
            scroll += focused.rect.bottom - view.bottom + pad // 2
        scroll = scene.choice_scroll = int(max(0, min(scene.choice_max_scroll, scroll)))
        out, bottom = _build(scene, rect, role, scroll, view)
    if scroll < scene.choice_max_scroll:
        # a rule where the scrolled text is cut, so its half-shown last line does not read as one
        # with the hint below it (try-out: "the last line overlaps the hint")
        out.append(I.box((rect.left + pad, view.bottom, rect.w - 2 * pad, 1), th["card_border"], layer=2))
        out.append(I.text((rect.left + pad, view.bottom + 2, rect.w - 2 * pad, hint_h),
                          tr.gettext("Scroll for more (mouse wheel or Page Down)"), th["panel_muted"], "tiny",
                          align="center", layer=2))
    return out


def _build(scene, rect: pygame.Rect, role: str, scroll: int = 0, clip=None) -> tuple[list, int]:
    th, fonts, s, tr, eng = scene.theme, scene.fonts, scene.app.scale, scene.tr, scene.engine
    out = [I.box(rect, th["panel"], radius=int(16 * s), group="panel")]
    pad = int(18 * s)
    common = {"clip": clip} if clip is not None else {}
    col = Column(fonts, rect.left + pad, rect.top + pad - scroll, rect.w - 2 * pad, out, gap=int(10 * s), **common)
    if not eng.deciding:
        col.text(tr.gettext("Watch the phone…"), th["panel_text"], "title")
        col.text(tr.gettext("Things are happening. Read them, or skip ahead to the decision."), th["panel_muted"], "small")
        col.space(int(6 * s))
        col.button(tr.gettext("Skip ahead"), ("skip",), th["button"], th["button_text"], key=tr.pgettext("keyboard key", "Space"),
                   group="button")
        return out, col.y
    col.text(tr.gettext("What do you do?"), th["panel_text"], "title")
    if eng.time_left() is not None:  # the engine runs a timer only when the settings allow it
        col.y = _countdown(scene, col, clip)
    offered = eng.offered()
    own = [c for c in offered if not c.help]
    helps = [c for c in offered if c.help]
    n = 0
    for c in own:
        n += 1
        col.button(choice_text(tr, scene.scn, eng.step, c, eng), ("choose", c.id), th["button"], th["button_text"],
                   role=role, key=str(n) if n <= 9 else "", border=2 if th.high_contrast else 0, border_colour=th["card_border"])
    if helps:
        col.space(int(4 * s))
        ih = fonts.line_height("label")
        out.append(I.icon((col.x, col.y + 2, ih - 4, ih - 4), "help", th["help"], fg=th["panel"], **common))
        col.x += ih + 4
        col.w -= ih + 4
        col.text(tr.gettext("Get help"), th["help"], "label")
        col.x -= ih + 4
        col.w += ih + 4
        for c in helps:
            n += 1
            col.button(choice_text(tr, scene.scn, eng.step, c, eng), ("choose", c.id), th["help_bg"], th["help"],
                       role=role, key=str(n) if n <= 9 else "", icon="help", border=2, border_colour=th["help"], group="button")
    return out, col.y


def _countdown(scene, col: Column, clip) -> int:
    """The timer's bar and seconds left at the column's top; returns the y below them. In a panel
    that does not scroll they are their own run of the model (Scene.in_view, with an offset that
    never changes): while the rest stays the same (PlayScene.still), a tick builds these three
    items again, not the whole scene. Their area clips nothing: it holds them whole."""
    th, fonts, s, tr, eng = scene.theme, scene.fonts, scene.app.scale, scene.tr, scene.engine
    total = eng.step.timeout.after
    bar = pygame.Rect(col.x, col.y, col.w, int(10 * s))
    label_y = bar.bottom + int(4 * s)

    def label(left: float) -> str:
        n = int(left + 0.999)
        return tr.ngettext("{n} second left", "{n} seconds left", n).format(n=n)

    def looks(left: float) -> tuple:
        """What the countdown shows: the bar's filled width, whether it is low, the label and its height."""
        text = label(left)
        return (max(bar.h, int(bar.w * left / total)), left <= min(5, total / 3), text,
                fonts.measure(text, "label", col.w)[1])

    now = looks(eng.time_left())
    # down to half a line below the label too: a fallback font's marks hang below a line's box (Thai)
    area = pygame.Rect(bar.left, bar.top, bar.w, label_y + now[3] + fonts.line_height("label") // 2 - bar.top)

    def items(key: tuple, common: dict) -> list:
        fill_w, low, text, h = key
        fill = pygame.Rect(bar.left, bar.top, fill_w, bar.h)
        return [I.box(bar, th["card_border"], radius=bar.h // 2, **common),
                I.box(fill, th["timer_low"] if low else th["timer"], radius=bar.h // 2, layer=1, **common),
                I.text((col.x, label_y, col.w, h), text, th["unsafe"] if low else th["panel_text"], "label", **common)]

    if clip is not None:  # the panel scrolls: these scroll with its options
        got = items(now, {"clip": clip})
    else:
        def content():
            shown = looks(eng.time_left())
            # the key is what the rest of the model depends on: the label's height (a longer label
            # that wraps moves the options down, and the whole scene is built again)
            return 0, items(shown, {"clip": area}), shown[3]

        got = scene.in_view(area, content)  # no at(): asked again at every reuse, as cheap as asking
    col.out.extend(got)
    return label_y + now[3] + col.gap
