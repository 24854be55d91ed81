"""Settings: text size, timers, sound, fullscreen, reduced motion, high contrast."""

from __future__ import annotations

import pygame

from game.core.progress import TEXT_SIZES, TIMER_MODES

from ..page import footer_buttons, page
from ..scene import Scene


class SettingsScene(Scene):
    def __init__(self, app):
        super().__init__(app)
        self.focus = ("set", "text_size")

    def rows(self) -> list[tuple[str, str, str]]:
        tr, p = self.tr, self.app.prefs
        on, off = tr.pgettext("setting is", "On"), tr.pgettext("setting is", "Off")
        sizes = {"small": tr.pgettext("text size", "Small"), "medium": tr.pgettext("text size", "Medium"),
                 "large": tr.pgettext("text size", "Large")}
        return [
            ("text_size", tr.gettext("Text size"), sizes[p.text_size]),
            ("timers", tr.gettext("Decision timers"), timer_word(tr, p.timers)),
            ("sound", tr.gettext("Sound"), on if p.sound else off),
            ("fullscreen", tr.gettext("Full screen (F11)"), on if p.fullscreen else off),
            ("reduced_motion", tr.gettext("Reduced motion"), on if p.reduced_motion else off),
            ("high_contrast", tr.gettext("High contrast"), on if p.high_contrast else off),
        ]

    def build(self):
        th, tr, fonts = self.theme, self.tr, self.fonts
        out, col, panel = page(self, tr.gettext("Settings"), tr.gettext("Press Enter or click to change a setting."))
        for i, (name, label, value) in enumerate(self.rows()):
            col.button(f"{label}: {value}", ("set", name), th["button"], th["button_text"], key=str(i + 1),
                       h=fonts.line_height("button") + int(22 * self.app.scale))
        from ..quiz.flow import trainer_lines  # results folder and pre/post check, read-only

        for line in trainer_lines(self.app):
            col.text(line, th["panel_muted"], "small")
        out += footer_buttons(self, panel, [(tr.gettext("Done"), "done", True)])
        return out

    def handle_event(self, ev) -> bool:
        if ev.type == pygame.KEYDOWN:
            if ev.key == pygame.K_ESCAPE:
                self.activate("done")
                return True
            if pygame.K_1 <= ev.key <= pygame.K_6:
                self.activate(("set", self.rows()[ev.key - pygame.K_1][0]))
                return True
        return super().handle_event(ev)

    def activate(self, action) -> None:
        p, app = self.app.prefs, self.app
        if action == "done":
            app.progress.save()
            app.pop()
            return
        if not (isinstance(action, tuple) and action[0] == "set"):
            return
        name = action[1]
        if name == "text_size":
            p.text_size = TEXT_SIZES[(TEXT_SIZES.index(p.text_size) + 1) % len(TEXT_SIZES)]
        elif name == "timers":
            mode = p.timers if p.timers in TIMER_MODES else "lesson"
            p.timers = TIMER_MODES[(TIMER_MODES.index(mode) + 1) % len(TIMER_MODES)]
        elif name == "fullscreen":
            app.toggle_fullscreen()
            return
        else:
            setattr(p, name, not getattr(p, name))
        app.apply_prefs()


def timer_word(tr, mode) -> str:
    """Decision timers: where the scenario's author says the pressure is the lesson (default), none, or all."""
    if mode is True or mode == "lesson":
        return tr.pgettext("decision timers", "Where they teach")
    if mode == "all":
        return tr.pgettext("decision timers", "All")
    return tr.pgettext("decision timers", "Off")
