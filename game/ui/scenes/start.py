"""Before a scenario: its content warnings (opened by `nav.start_scenario`, then the phone)."""

from __future__ import annotations

from ..page import footer_buttons, page
from ..scene import Scene
from ..words import scn_list, scn_text


class WarningScene(Scene):
    """Content warnings shown before play, with a way back."""

    def __init__(self, app, scn, make_play):
        super().__init__(app)
        self.scn = scn
        self.make_play = make_play
        self.focus = "start"
        self.scroll = self.max_scroll = 0

    def build(self):
        import pygame

        from .. import items as I
        from ..page import footer_top

        th, tr, fonts, s = self.theme, self.tr, self.fonts, self.app.scale
        out, col, panel = page(self, tr.gettext("Before you start"), "", width=700)
        # title and warnings scroll between the heading and the buttons when a translation is very long
        hint_h = fonts.line_height("tiny")
        view = pygame.Rect(panel.left, col.y, panel.w, footer_top(self, panel) - hint_h - col.y)
        top = col.y
        col.y -= self.scroll
        col.common["clip"] = view
        col.text(scn_text(tr, self.scn, "title"), th["panel_muted"], "body")
        col.space(int(8 * s))
        col.text(tr.gettext("This story contains:"), th["panel_text"], "strong")
        for w in scn_list(tr, self.scn, "content_warnings"):
            col.text("• " + w, th["panel_text"], "body", indent=int(10 * s))
        col.space(int(10 * s))
        col.text(tr.gettext("It is a practice game: nothing here is real, and you can pause with Esc at any time."),
                 th["panel_muted"], "small")
        self.max_scroll = max(0, col.y + self.scroll - top - view.h)
        self.scroll = min(self.scroll, self.max_scroll)
        if self.scroll < self.max_scroll:
            out.append(I.text((view.left, view.bottom + 2, view.w, hint_h),
                              tr.gettext("Scroll for more (mouse wheel or Page Down)"), th["panel_muted"], "tiny",
                              align="center"))
        out += footer_buttons(self, panel, [(tr.gettext("Back"), "back", False), (tr.gettext("Start"), "start", True)])
        return out

    def default_action(self):
        return "start"

    def handle_event(self, ev) -> bool:
        import pygame

        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_ESCAPE:
            self.activate("back")
            return True
        s = self.app.scale
        if ev.type == pygame.MOUSEWHEEL:
            self.scroll = int(max(0, min(self.max_scroll, self.scroll - ev.y * 50 * s)))
            return True
        if ev.type == pygame.KEYDOWN and ev.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            dy = (1 if ev.key == pygame.K_PAGEDOWN else -1) * 200 * s
            self.scroll = int(max(0, min(self.max_scroll, self.scroll + dy)))
            return True
        return super().handle_event(ev)

    def activate(self, action) -> None:
        if action == "start":
            self.app.replace(self.make_play())
        elif action == "back":
            self.app.pop()
