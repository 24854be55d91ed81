"""Esc: resume, restart, settings or quit to the menu. Game time stands still meanwhile."""

from __future__ import annotations

import pygame

from .. import items as I
from ..kit import Column
from ..scene import Scene


class PauseScene(Scene):
    overlay = True

    def __init__(self, app, play):
        super().__init__(app)
        self.play = play
        self.focus = "resume"

    def build(self):
        th, tr, fonts, s = self.theme, self.tr, self.fonts, self.app.scale
        W, H = self.app.size
        out = [I.box((0, 0, W, H), th["overlay"], layer=10)]
        pw = int(420 * s)
        rows = [(tr.gettext("Resume"), "resume"), (tr.gettext("Restart this story"), "restart"),
                (tr.gettext("Settings"), "settings"), (tr.gettext("Quit to menu"), "menu")]
        bh = fonts.line_height("button") * 2
        ph = fonts.line_height("h1") + len(rows) * (bh + int(12 * s)) + int(60 * s)
        panel = pygame.Rect(0, 0, pw, ph)
        panel.center = (W // 2, H // 2)
        hc = th.high_contrast  # a black panel on a black overlay needs its edge drawn to be seen
        out.append(I.box(panel, th["panel"], radius=int(18 * s), layer=10, group="dialog",
                         border=3 if hc else 0, border_colour=th["card_border"] if hc else None))
        col = Column(fonts, panel.left + int(24 * s), panel.top + int(20 * s), pw - int(48 * s), out, gap=int(12 * s),
                     layer=11)
        col.text(tr.gettext("Paused"), th["panel_text"], "h1")
        for i, (label, action) in enumerate(rows):
            primary = action == "resume"
            col.button(label, action, th["accent"] if primary else th["button"],
                       th["accent_text"] if primary else th["button_text"], key=str(i + 1), h=bh,
                       border=2 if hc else 0, border_colour=th["card_border"] if hc else None)
        return out

    def handle_event(self, ev) -> bool:
        if ev.type == pygame.KEYDOWN:
            if ev.key == pygame.K_ESCAPE:
                self.activate("resume")
                return True
            if pygame.K_1 <= ev.key <= pygame.K_4:
                self.activate(("resume", "restart", "settings", "menu")[ev.key - pygame.K_1])
                return True
        return super().handle_event(ev)

    def default_action(self):
        return "resume"

    def activate(self, action) -> None:
        app, play = self.app, self.play
        if action == "resume":
            app.pop()
        elif action == "restart":
            app.progress.drop_run(app.prefs.nickname, play.scn.id)
            app.pop()
            app.goto("play", play.scn, start=play.start, watch=play.watch, zoom=play.zoom)
        elif action == "settings":
            app.push_named("settings")
        elif action == "menu":
            app.sounds.stop_ring()
            app.reset_to("picker")
