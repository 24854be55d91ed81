"""The left panel: which story, the score so far, and the keys."""

from __future__ import annotations

import pygame

from ..kit import Column
from ..words import flag_name, scn_text

TITLE_LINES = 3


def build(scene, rect: pygame.Rect) -> list:
    if rect.w < 120:
        return []
    th, fonts, s, tr, eng = scene.theme, scene.fonts, scene.app.scale, scene.tr, scene.engine
    out = []
    pad = int(8 * s)
    col = Column(fonts, rect.left + pad, rect.top + pad, rect.w - 2 * pad, out, gap=int(8 * s))
    # at most 3 lines, ending in "…": the whole title is on the picker card and "Before you start"
    lines = fonts.wrap(scn_text(tr, scene.scn, "title"), "title", col.w)
    if len(lines) > TITLE_LINES:
        lines = lines[:TITLE_LINES - 1] + [fonts.fit(" ".join(lines[TITLE_LINES - 1:]), "title", col.w)]
    col.text("\n".join(lines), th["text"], "title")
    n = sum(1 for d in eng.log if not d.timed_out)  # time running out is no decision
    col.text(tr.ngettext("{n} decision made", "{n} decisions made", n).format(n=n), th["muted"], "small")
    col.text(tr.gettext("Score: {score} of {possible}").format(score=eng.score, possible=eng.possible), th["text"],
             "strong")
    spotted = [f for f in eng.flags_shown if f in eng.flags_spotted]
    if spotted:
        col.text(tr.gettext("Red flags you spotted"), th["text"], "label")
        tax = scene.app.get_taxonomy()
        for f in spotted:
            col.text("• " + flag_name(tr, tax, f), th["muted"], "small")
    col.space(int(12 * s))
    # Translators: heading of the list of keyboard shortcuts in the side panel
    col.text(tr.gettext("Keys"), th["text"], "label")
    for k, what in (("1–9", tr.gettext("choose an option")), (tr.gettext("Tab, arrows, Enter"), tr.gettext("move and press")),
                    (tr.pgettext("keyboard key", "Space"), tr.gettext("skip ahead")), ("PgUp PgDn", tr.gettext("scroll messages")),
                    ("Backspace", tr.gettext("back on the phone")), ("Esc", tr.gettext("pause"))):
        col.text(f"{k} — {what}", th["muted"], "small")
    if scene.app.recorder.warning:
        col.space(int(8 * s))
        from ..quiz.flow import results_warning

        col.text(results_warning(tr, scene.app.recorder), th["risky"], "small")
    if scene.app.progress.error:
        col.text(tr.gettext("Progress could not be saved: {reason}").format(reason=scene.app.progress.error),
                 th["risky"], "small")
    return out
