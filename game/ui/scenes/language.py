"""First screen: choose Tiếng Việt or English (remembered for next time)."""

from __future__ import annotations

import pygame

from game.core.i18n import LANGUAGES

from ..notices import notice_lines
from ..page import page
from ..scene import Scene


class LanguageScene(Scene):
    def __init__(self, app, then=None):
        super().__init__(app)
        self.then = then  # scene factory to continue with; default: the profile page
        self.focus = ("lang", app.lang)

    def build(self):
        th, s = self.theme, self.app.scale
        # Deliberately bilingual: the player has not chosen a language yet.
        out, col, panel = page(self, "Lá Chắn", "Chọn ngôn ngữ · Choose your language", width=620)
        col.space(int(20 * s))
        for i, (code, name) in enumerate(LANGUAGES.items()):
            primary = code == self.app.lang
            col.button(name, ("lang", code), th["accent"] if primary else th["button"],
                       th["accent_text"] if primary else th["button_text"], role="title", key=str(i + 1),
                       h=int(self.fonts.line_height("title") * 2.2))
        col.space(int(12 * s))
        col.text(self.tr.gettext("Use the arrow keys and Enter, or click."), th["panel_muted"], "small")
        for line in notice_lines(self.tr):  # a damaged player file was set aside: say so on the first screen
            col.space(int(8 * s))
            col.text(line, th["risky"], "small")
        return out

    def handle_event(self, ev) -> bool:
        if ev.type == pygame.KEYDOWN and ev.key in (pygame.K_1, pygame.K_2, pygame.K_KP1, pygame.K_KP2):
            self.activate(("lang", list(LANGUAGES)[0 if ev.key in (pygame.K_1, pygame.K_KP1) else 1]))
            return True
        return super().handle_event(ev)

    def default_action(self):
        return ("lang", self.app.lang)

    def activate(self, action) -> None:
        if isinstance(action, tuple) and action[0] == "lang":
            self.app.set_language(action[1])
            if self.then is not None:
                self.app.replace(self.then(self.app))
            else:
                from .profile import ProfileScene

                self.app.replace(ProfileScene(self.app))


