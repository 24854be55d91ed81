"""Starting a scenario: content warnings first, then the phone."""

from __future__ import annotations

from ..page import footer_buttons, page
from ..scene import Scene
from ..words import scn_list, scn_text


def start_scenario(app, scn, *, resume: bool = False, start: str | None = None, replace: bool = False) -> None:
    from game.core.progress import replay_snapshot

    from .play import PlayScene

    snap = app.progress.run(app.prefs.nickname, scn.id, scn.version) if resume else None
    if snap is not None and replay_snapshot(scn, snap, timers=False) is None:
        snap, resume = None, False  # does not replay cleanly: start again
    if not resume:
        app.progress.drop_run(app.prefs.nickname, scn.id)

    def play():
        return PlayScene(app, scn, resume=snap, start=start)

    nxt = WarningScene(app, scn, play) if scn.content_warnings and not snap else play()
    if replace:
        app.replace(nxt)
    else:
        app.push(nxt)


class WarningScene(Scene):
    """Content warnings shown before play, with a way back."""

    def __init__(self, app, scn, make_play):
        super().__init__(app)
        self.scn = scn
        self.make_play = make_play
        self.focus = "start"

    def build(self):
        th, tr = self.theme, self.tr
        out, col, panel = page(self, tr.gettext("Before you start"), scn_text(tr, self.scn, "title"), width=700)
        col.text(tr.gettext("This story contains:"), th["panel_text"], "strong")
        for w in scn_list(tr, self.scn, "content_warnings"):
            col.text("• " + w, th["panel_text"], "body", indent=int(10 * self.app.scale))
        col.space(int(10 * self.app.scale))
        col.text(tr.gettext("It is a practice game: nothing here is real, and you can pause with Esc at any time."),
                 th["panel_muted"], "small")
        out += footer_buttons(self, panel, [(tr.gettext("Back"), "back", False), (tr.gettext("Start"), "start", True)])
        return out

    def default_action(self):
        return "start"

    def handle_event(self, ev) -> bool:
        import pygame

        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_ESCAPE:
            self.activate("back")
            return True
        return super().handle_event(ev)

    def activate(self, action) -> None:
        if action == "start":
            self.app.replace(self.make_play())
        elif action == "back":
            self.app.pop()
