"""The projector while hosting: the join screen (QR code, address, session code, join
count), the scenario list, and together mode, where the class votes from their phones.

The server runs in its own thread; these scenes only read `LiveSession` (a locked,
microsecond call) and queue nothing on the network, so a vote storm never stalls a
frame. The trainer key is never drawn here: only the join address and session code.
"""

from __future__ import annotations

import pygame

from .. import items as I
from ..classroom.scenes import (
    REVEAL_AFTER_S,  # noqa: F401 (the projector waits as the classroom does)
    ClassroomDebriefScene,
    ClassroomPickerScene,
    ClassroomScene,
    letter,
)
from ..kit import Column
from ..page import page
from ..scene import Scene
from ..words import choice_text, safety_word

POLL_S = 0.05  # how often the projector looks at the votes while a vote is open (a dict read)


def qr_surface(text: str, size: int) -> pygame.Surface:
    """The QR code as sharp square modules (dark on white, with the quiet zone), `size` pixels wide."""
    import segno

    qr = segno.make(text, error="m")
    rows = list(qr.matrix_iter(scale=1, border=4))
    n = len(rows)
    small = pygame.Surface((n, n))
    small.fill((255, 255, 255))
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                small.set_at((x, y), (0, 0, 0))
    k = max(1, size // n)
    return pygame.transform.scale(small, (n * k, n * k))


class LiveMixin:
    """Redraw when the live session changed; poll it while something may arrive."""

    def _live_changed(self) -> bool:
        v = self.host.session.version
        if v != getattr(self, "_seen_version", None):
            self._seen_version = v
            self.app.dirty = True
            return True
        return False


class HostJoinScene(LiveMixin, Scene):
    def __init__(self, app, host):
        super().__init__(app)
        self.host = host
        self._qr = {}

    def qr(self, size: int) -> pygame.Surface:
        if size not in self._qr:
            self._qr = {size: qr_surface(self.host.join_url, size)}
        return self._qr[size]

    def update(self, dt: float) -> None:
        self._live_changed()
        for action, arg in self.host.session.take_commands():
            if action == "start":
                self.start(arg)

    def wake_in(self):
        return 0.25

    def start(self, scenario_id: str) -> None:
        e = next((e for e in self.app.get_catalog().entries if e.ok and e.id == scenario_id), None)
        if e is not None:
            self.app.push(HostScene(self.app, e.scenario, self.host))

    def build(self):
        th, tr, s, fonts = self.theme, self.tr, self.app.scale, self.fonts
        out, col, panel = page(self, tr.gettext("Join the class on your phone"),
                               tr.gettext("Same Wi-Fi as this computer · no app, no account"), width=1150)
        top = col.y
        side = min(panel.bottom - top - int(40 * s), int(panel.w * 0.42))
        img = self.qr(side)
        r = pygame.Rect(col.x, top, img.get_width(), img.get_height())
        out.append(I.Item("image", r, surface=img, group="qr"))
        right = Column(fonts, r.right + int(36 * s), top, col.x + col.w - r.right - int(36 * s), out, gap=int(8 * s))
        right.text(tr.gettext("Open in the browser:"), th["panel_muted"], "title")
        right.text(self.host.url, th["panel_text"], "h1", group="url")
        right.space(int(14 * s))
        right.text(tr.gettext("Session code"), th["panel_muted"], "title")
        right.text(self.host.session.code, th["accent"], "clock", group="code")
        right.space(int(14 * s))
        n = len(self.host.session.students)
        right.text(tr.ngettext("{n} student has joined", "{n} students have joined", n).format(n=n),
                   th["panel_text"], "h1", group="joined")
        right.space(int(10 * s))
        right.button(tr.gettext("Choose a scenario"), "pick", th["accent"], th["accent_text"], key="Enter",
                     role="strong")
        return out

    def activate(self, action) -> None:
        if action == "pick":
            self.app.push(HostPickerScene(self.app, self.host))

    def handle_event(self, ev) -> bool:
        if ev.type == pygame.KEYDOWN:
            if ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.activate("pick")
                return True
            if ev.key == pygame.K_ESCAPE:
                self.app.running = False
                return True
        return super().handle_event(ev)


class HostPickerScene(ClassroomPickerScene):
    def __init__(self, app, host):
        super().__init__(app)
        self.host = host

    def activate(self, action) -> None:
        if isinstance(action, tuple) and action[0] == "play":
            e = next((e for e in self.entries() if e.id == action[1]), None)
            if e is not None:
                self.app.replace(HostScene(self.app, e.scenario, self.host))

    def handle_event(self, ev) -> bool:
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_ESCAPE:
            self.app.pop()  # back to the join screen
            return True
        return super().handle_event(ev)


class HostScene(LiveMixin, ClassroomScene):
    """Together mode: the phone big, the phones' votes beside it."""

    def __init__(self, app, scn, host, *, resume_story: dict | None = None):
        self.host = host
        self.live = host.session
        story = resume_story or {}
        # back after a restart: the class's run goes on as the same recorded session
        resume = {"choices": story.get("choices") or [], "session": story.get("session") or ""} if story else None
        super().__init__(app, scn, resume=resume)
        live = host.session
        open_vote = bool(story) and live.decision is not None and live.decision.run == story.get("run")
        host.together.begin(scn, run=story.get("run"), choices=story.get("choices"))
        with live.lock:
            live.story["session"] = self.session  # saved with the snapshot, for the next restart
        if story.get("choices") or open_vote:  # straight to the decision the class was voting on
            for _ in range(50):
                if self.engine.deciding or self.engine.ending is not None:
                    break
                self.activate(("skip",))
        self.host.together.sync(self.engine, scn)

    # the reveal belongs to the live session, so phones and projector agree
    @property
    def revealed(self) -> bool:
        live = getattr(self, "live", None)
        return live is not None and live.phase == "revealed"

    @revealed.setter
    def revealed(self, value: bool) -> None:
        if value and getattr(self, "live", None) is not None:
            self.live.reveal()

    def count(self, cid: str) -> int:
        return self.live.tallies().get(cid, 0)

    def type_digit(self, d: str) -> None:
        pass  # the phones count the votes

    def backspace(self) -> None:
        pass

    def go_with(self, choice) -> None:
        if choice is not None:
            self.host.together.take(self.engine, self.scn, choice.id, choose=self.choose)

    def update(self, dt: float) -> None:
        super().update(dt)
        for action, arg in self.live.take_commands():
            if action == "take" and self.engine.deciding:
                cid = self.live.take_target(arg)
                self.go_with(next((c for c in self.options() if c.id == cid), None))
        if self.app.top is self:
            self.host.together.sync(self.engine, self.scn)
        self._live_changed()

    def wake_in(self):
        w = super().wake_in()
        return POLL_S if w is None else min(w, POLL_S)

    def handle_event(self, ev) -> bool:
        if ev.type == pygame.KEYDOWN and self.options():
            if ev.key == pygame.K_l:
                self.live.set_locked(self.live.phase == "voting")
                return True
            if ev.key == pygame.K_h:
                self.live.set_bars(not self.live.show_bars)
                return True
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_ESCAPE:
            self.live.leave()  # the phones stop showing a vote that is no longer on the projector
            self.app.replace(HostPickerScene(self.app, self.host))
            return True
        return super().handle_event(ev)

    def activate(self, action) -> None:
        if action == "lock":
            self.live.set_locked(self.live.phase == "voting")
            return
        if action == "bars":
            self.live.set_bars(not self.live.show_bars)
            return
        super().activate(action)

    def debrief_scene(self):
        # the class's run is recorded with no hand counts; each phone's vote is stored for its own session
        return HostDebriefScene(self.app, self.scn, self.engine, self.host)

    def _vote_panel(self, rect):
        th, tr, fonts, s, eng = self.theme, self.tr, self.fonts, self.app.scale, self.engine
        out = [I.box(rect, th["panel"], radius=int(16 * s), group="panel")]
        pad = int(16 * s)
        col = Column(fonts, rect.left + pad, rect.top + pad, rect.w - 2 * pad, out, gap=int(8 * s), clip=rect)
        opts = self.options()
        live = self.live.projector()
        if not opts:
            col.text(tr.gettext("Watch the phone…"), th["panel_text"], "title")
            col.button(tr.gettext("Skip ahead"), ("skip",), th["button"], th["button_text"], key="Enter")
            col.text(f"{self.host.url} · {self.live.code}", th["panel_muted"], "small")
            return out, col.y
        revealed = live["phase"] == "revealed"
        bars = live["show_bars"] or revealed
        if revealed:
            col.text(tr.gettext("The answers"), th["panel_text"], "title")
            col.text(tr.gettext("Press a letter to continue with that option, or Enter for the most votes."),
                     th["panel_muted"], "small")
        else:
            col.text(tr.gettext("Vote on your phone!"), th["panel_text"], "title")
            state = (tr.gettext("Voting is locked") if live["phase"] == "locked"
                     else tr.gettext("Voting is open"))
            col.text(f"{state} · " + tr.gettext("{v} of {n} have voted").format(v=live["voted"], n=live["joined"]),
                     th["panel_muted"], "small", group="voted")
        total = max(1, sum(live["tallies"].values()))
        for i, c in enumerate(opts):
            n = live["tallies"].get(c.id, 0)
            label = choice_text(tr, self.scn, eng.step, c, eng)
            if bars:
                label += "\n" + tr.ngettext("{n} vote", "{n} votes", n).format(n=n) + f" · {round(100 * n / total)}%"
            if revealed:
                colour = th[c.safety] if c.safety in ("safe", "risky", "unsafe") else th["panel_muted"]
                r = col.button(f"{label} · {safety_word(tr, c.safety)}", ("take", c.id), th["button"],
                               th["button_text"], key=letter(i), role="strong", border=3, border_colour=colour)
            else:
                r = col.button(label, ("row", i), th["button"], th["button_text"], key=letter(i), role="strong")
            if bars:
                w = int((r.w - 8) * n / total)
                out.append(I.box((r.left + 4, r.bottom - int(8 * s), w, int(5 * s)), th["accent"], group="bar",
                                 layer=1))
        if not revealed:
            col.space(int(6 * s))
            col.button(tr.gettext("Reveal the answers"), "reveal", th["accent"], th["accent_text"], key="Enter",
                       align="center")
            col.text(tr.gettext("L: lock or unlock the vote · H: hide or show the bars"), th["panel_muted"], "small")
        col.text(f"{self.host.url} · {self.live.code}", th["panel_muted"], "small", group="joinline")
        return out, col.y


class HostDebriefScene(ClassroomDebriefScene):
    def __init__(self, app, scn, engine, host):
        super().__init__(app, scn, engine)
        self.host = host

    def activate(self, action) -> None:
        if action in ("again", "next", "menu"):
            if action == "again":
                self.app.replace(HostScene(self.app, self.scn, self.host))
            else:
                self.app.replace(HostPickerScene(self.app, self.host))
            return
        super().activate(action)
