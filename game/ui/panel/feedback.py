"""The feedback card after a scored choice: safe/risky/unsafe in words and shape, points,
explanation, what was lost, and the red flags of the step (spotted or missed).
When time ran out nothing was chosen: the card says so, tells what happened instead, and
explains that taking your time is always allowed and that pressure is itself a red flag."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.core.texts import choice_key, timeout_key

from .. import items as I
from ..kit import Column
from ..words import flag_explanation, flag_name, model_text, safety_word


@dataclass
class Card:
    decision: object  # engine.Decision
    choice: object  # model.Choice, or None when time ran out
    step: object  # model.Step
    ending: object  # model.Ending or None


def card_for(scn, decision, ending) -> Card | None:
    step = scn.step(decision.step)
    if decision.timed_out and step is not None and step.timeout is not None and \
            not any(c.id == decision.choice for c in scn.offered_choices(step)):
        return Card(decision, None, step, ending)
    choice = next((c for c in scn.offered_choices(step) if c.id == decision.choice), None) if step else None
    if choice is None:
        return None
    return Card(decision, choice, step, ending)


def build(scene, rect: pygame.Rect, card: Card, outlined: bool = True) -> list:
    """The card's items; `outlined`: the phone shows at least one orange outline now (a call the
    choice started covers the conversation), so the card may point at them."""
    th, fonts, s, tr, scn = scene.theme, scene.fonts, scene.app.scale, scene.tr, scene.scn
    d, c = card.decision, card.choice
    tax = scene.app.get_taxonomy()
    out = [I.box(rect, th["panel"], radius=int(16 * s), group="panel")]
    pad = int(18 * s)
    bh = fonts.line_height("button") * 2
    br = pygame.Rect(rect.left + pad, rect.bottom - pad - bh, rect.w - 2 * pad, bh)
    hint_h = fonts.line_height("tiny")
    view = pygame.Rect(rect.left, rect.top + pad // 2, rect.w, br.top - hint_h - pad // 2 - rect.top - pad // 2)
    top = rect.top + pad - scene.card_scroll
    col = Column(fonts, rect.left + pad, top, rect.w - 2 * pad, out, gap=int(8 * s), clip=view)
    colour = th[d.safety] if d.safety in ("safe", "risky", "unsafe") else th["panel_muted"]
    isz = fonts.line_height("h1")
    out.append(I.icon((col.x, col.y, isz, isz), d.safety, colour, fg=th["panel"], clip=view,
                      extra={"safety": d.safety}))
    word = safety_word(tr, d.safety)
    if c is None:
        word = tr.gettext("Time ran out: no decision")
    elif d.timed_out:  # a result recorded by an older version, when timers still chose
        word = tr.gettext("Time ran out: {safety}").format(safety=word)
    col.x += isz + int(10 * s)
    col.w -= isz + int(10 * s)
    col.text(word, colour, "h1", group="verdict")
    col.x -= isz + int(10 * s)
    col.w += isz + int(10 * s)
    if c is None:
        _timed_out(scene, col, card, tax)
        return _close(scene, out, col, rect, view, br, pad, hint_h, card)
    pts = tr.ngettext("{n} point", "{n} points", d.score).format(n=d.score)
    col.text(tr.gettext("{points} of {best} possible").format(points=pts, best=d.best), th["panel_text"], "strong")
    key = choice_key(scn, card.step, c)
    if c.explanation:
        col.text(model_text(tr, f"{key}/explanation", c.explanation, scene.engine), th["panel_text"], "body")
    for i, q in enumerate(c.consequences):
        col.text("• " + model_text(tr, f"{key}/consequence/{i}/text", q.text, scene.engine), th["unsafe"], "strong")
    shown = list(d.flags_shown)
    spotted_extra = [f for f in d.flags if f not in shown]
    if shown or spotted_extra:
        col.space(int(4 * s))
        col.text(tr.gettext("Red flags in this part"), th["panel_text"], "title")
        fh = fonts.line_height("strong")
        for f in shown + spotted_extra:
            got = f in d.flags
            icon_name, icol = ("safe", th["safe"]) if got else ("flag", th["flag"])
            out.append(I.icon((col.x, col.y + 2, fh - 4, fh - 4), icon_name, icol, fg=th["panel"], clip=view))
            status = tr.gettext("you spotted it") if got else tr.gettext("missed")
            col.x += fh + 4
            col.w -= fh + 4
            col.gap = 2
            col.text(f"{flag_name(tr, tax, f)} — {status}", th["panel_text"], "strong")
            col.text(flag_explanation(tr, tax, f), th["panel_muted"], "small")
            col.gap = int(8 * s)
            col.x -= fh + 4
            col.w += fh + 4
        if shown and outlined:
            col.text(tr.gettext("The orange outlines on the phone show where they appeared."), th["panel_muted"], "tiny")
    return _close(scene, out, col, rect, view, br, pad, hint_h, card)


def _timed_out(scene, col, card: Card, tax) -> None:
    th, tr, s, scn = scene.theme, scene.tr, scene.app.scale, scene.scn
    col.text(tr.gettext("Not scored: you did not answer, and that is allowed."), th["panel_text"], "strong")
    to = card.step.timeout
    if to.text:
        col.text(model_text(tr, f"{timeout_key(scn, card.step)}/text", to.text, scene.engine), th["panel_text"], "body")
    col.text(tr.gettext("You are always allowed to take your time. Not answering sends nothing: no code, "
                        "no money, no photo. Stop, check with someone you trust, then decide."),
             th["panel_text"], "body")
    if "urgency" in tax.red_flags:
        col.space(int(4 * s))
        col.text(tr.gettext("Pressure to decide fast is itself a red flag"), th["panel_text"], "title")
        col.text(flag_name(tr, tax, "urgency"), th["panel_text"], "strong")
        col.text(flag_explanation(tr, tax, "urgency"), th["panel_muted"], "small")


def _close(scene, out, col, rect, view, br, pad, hint_h, card) -> list:
    th, tr = scene.theme, scene.tr
    label = tr.gettext("See how it ended") if card.ending is not None else tr.gettext("Continue")
    out.append(I.button(br, label, ("continue",), th["accent"], th["accent_text"], align="center"))
    scene.card_max_scroll = max(0, col.y + scene.card_scroll - view.bottom)
    if scene.card_scroll < scene.card_max_scroll:  # gone at the end of the card
        # a rule where the scrolled text is cut, so its half-shown last line does not read as one
        # with the hint below it (try-out: "the last line overlaps the hint")
        out.append(I.box((rect.left + pad, view.bottom, rect.w - 2 * pad, 1), th["card_border"], layer=2))
        out.append(I.text((rect.left + pad, view.bottom + 2, rect.w - 2 * pad, hint_h),
                          tr.gettext("Scroll for more (mouse wheel or Page Down)"), th["panel_muted"], "tiny",
                          align="center", layer=2))
    return out
