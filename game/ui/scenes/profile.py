"""Nickname and optional class code. Nothing else personal is asked."""

from __future__ import annotations

import pygame

from game.core.nickname import (
    CLASS_CODE_MAX,
    NICKNAME_MAX,
    clean_class_code,
    clean_nickname,
    nickname_char_ok,
)

from .. import items as I
from ..page import footer_buttons, page
from ..scene import Scene

FIELDS = ("nickname", "class_code")
LIMITS = {"nickname": NICKNAME_MAX, "class_code": CLASS_CODE_MAX}


class ProfileScene(Scene):
    def __init__(self, app):
        super().__init__(app)
        # The nickname starts empty: on a lab PC the last player was another student, and Enter went on
        # as them (try-out). They are one button away ("Continue as …"); the class code stays, as the
        # same class usually sits at the same machines.
        self.previous = app.prefs.nickname
        self.values = {"nickname": "", "class_code": app.prefs.class_code}
        self.focus = ("field", "nickname")
        self.error = ""

    def on_enter(self) -> None:
        pygame.key.start_text_input()

    @property
    def field(self) -> str | None:
        return self.focus[1] if isinstance(self.focus, tuple) and self.focus[0] == "field" else None

    def build(self):
        th, s, fonts, tr = self.theme, self.app.scale, self.fonts, self.tr
        out, col, panel = page(self, tr.gettext("Who is playing?"),
                               tr.gettext("Use a nickname, not your real full name."), width=640)
        labels = {"nickname": tr.gettext("Nickname"), "class_code": tr.gettext("Class code (optional)")}
        for name in FIELDS:
            col.text(labels[name], th["panel_text"], "strong")
            h = fonts.line_height("title") + int(20 * s)
            r = pygame.Rect(col.x, col.y, col.w, h)
            active = self.field == name
            out.append(I.button(r, self.values[name] + ("|" if active else ""), ("field", name),
                                th["card"], th["panel_text"], role="title", border=3 if active else 2,
                                border_colour=th["accent"] if active else th["card_border"], group="field"))
            col.y += h + int(14 * s)
        if self.error:
            col.text(self.error, th["unsafe"], "strong")
        if self.previous and not self.values["nickname"]:
            who = self.previous + (f" · {self.app.prefs.class_code}" if self.app.prefs.class_code else "")
            col.button(tr.gettext("Continue as {name}").format(name=who), "same", th["button"], th["button_text"])
        out += footer_buttons(self, panel, [(tr.gettext("Back"), "back", False),
                                            (tr.gettext("Continue"), "continue", True)])
        return out

    def handle_event(self, ev) -> bool:
        name = self.field
        if ev.type == pygame.TEXTINPUT and name:
            typed = ev.text
            if name == "nickname":  # the same rule as on the phone page: say it, never cut silently
                typed = "".join(ch for ch in typed if nickname_char_ok(ch))
            v = (self.values[name] + typed)[: LIMITS[name]]
            refused = name == "nickname" and v != self.values[name] + ev.text
            self.values[name] = v.upper() if name == "class_code" else v
            self.error = (self.tr.gettext("A nickname has up to {n} letters, digits, spaces and - _ . '")
                          .format(n=NICKNAME_MAX) if refused else "")
            return True
        if ev.type == pygame.KEYDOWN:
            if ev.key == pygame.K_BACKSPACE and name:
                self.values[name] = self.values[name][:-1]
                return True
            if ev.key == pygame.K_ESCAPE:
                self.activate("back")
                return True
            if ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                if name == "nickname":
                    self.focus = ("field", "class_code")
                    return True
                self.activate(self.focus if self.focus in ("back",) else "continue")
                return True
            if ev.key == pygame.K_SPACE and name:
                return True  # typed as TEXTINPUT; never "presses" the field
        return super().handle_event(ev)

    def activate(self, action) -> None:
        if isinstance(action, tuple) and action[0] == "field":
            self.focus = action
        elif action == "back":
            self.app.goto("language")
        elif action == "same":
            self.values = {"nickname": self.previous, "class_code": self.app.prefs.class_code}
            self.activate("continue")
        elif action == "continue":
            nick = clean_nickname(self.values["nickname"])
            if not nick:
                self.error = self.tr.gettext("Please type a nickname.")
                self.focus = ("field", "nickname")
                return
            self.app.prefs.nickname = nick
            self.app.prefs.class_code = clean_class_code(self.values["class_code"])
            self.app.progress.save()
            pygame.key.stop_text_input()
            from ..quiz.flow import after_profile

            self.app.replace(after_profile(self.app) or self.app.make("picker"))
