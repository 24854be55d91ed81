"""First screen: choose the language (remembered for next time): Tiếng Việt, English, and every
other language with a folder in locale/, each with its number key."""

from __future__ import annotations

import pygame

from game.core.i18n import available_languages

from ..notices import notice_lines
from ..page import page
from ..scene import Scene

# 1-9 on the main row and the keypad: the n-th language listed.
NUMBER_KEYS = {**{getattr(pygame, f"K_{i + 1}"): i for i in range(9)},
               **{getattr(pygame, f"K_KP{i + 1}"): i for i in range(9)}}


class LanguageScene(Scene):
    def __init__(self, app, then=None):
        super().__init__(app)
        self.then = then  # scene factory to continue with; default: the profile page
        self.focus = ("lang", app.lang)
        self.languages = available_languages()  # read when shown: a language added since start-up is listed

    def build(self):
        th, s = self.theme, self.app.scale
        # Deliberately bilingual: the player has not chosen a language yet.
        out, col, panel = page(self, "Lá Chắn", "Chọn ngôn ngữ · Choose your language", width=620)
        col.space(int(20 * s))
        tall = 2.2 if len(self.languages) <= 3 else 1.6 if len(self.languages) <= 5 else 1.3
        for i, (code, name) in enumerate(self.languages.items()):
            primary = code == self.app.lang
            col.button(name, ("lang", code), th["accent"] if primary else th["button"],
                       th["accent_text"] if primary else th["button_text"], role="title",
                       key=str(i + 1) if i < 9 else "",
                       h=int(self.fonts.line_height("title") * tall))
        col.space(int(12 * s))
        col.text(self.tr.gettext("Use the arrow keys and Enter, or click."), th["panel_muted"], "small")
        for line in notice_lines(self.tr):  # a damaged player file was set aside: say so on the first screen
            col.space(int(8 * s))
            col.text(line, th["risky"], "small")
        return out

    def handle_event(self, ev) -> bool:
        if ev.type == pygame.KEYDOWN:
            n = NUMBER_KEYS.get(ev.key)
            if n is not None and n < len(self.languages):
                self.activate(("lang", list(self.languages)[n]))
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
                self.app.goto("profile")


