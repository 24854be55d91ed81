"""The debrief: how it ended, your path beside the safest one, red flags spotted and
missed, the score, real advice and hotlines."""

from __future__ import annotations

import pygame

from game.core import walk
from game.core.placeholders import format_value

from .. import items as I
from ..kit import Column
from ..scene import Scene, Since
from ..words import (
    choice_text,
    ending_advice,
    ending_text,
    flag_explanation,
    flag_name,
    hotline,
    outcome_word,
)

OUTCOME_ICON = {"safe": "safe", "harmed": "risky", "scammed": "unsafe"}
# Keys that press a button (Space, Enter, 1-3, Esc) are ignored this long after the debrief opens,
# as the play scene's Skip double-press guard: a student mashing Space to skip ahead must not press
# a debrief button. Such a key pressed during the guard stays ignored while it is held (the keyboard
# repeats it every 40 ms after 400 ms) or pressed again within KEY_AGAIN_S of its last press, until
# it is let go. Scrolling and moving the focus are never held back, nor is the mouse.
KEY_GUARD_S = 0.6
KEY_AGAIN_S = 0.45
PRESSING_KEYS = frozenset((pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE, pygame.K_1, pygame.K_2,
                           pygame.K_3, pygame.K_KP1, pygame.K_KP2, pygame.K_KP3))


PANEL_RADIUS = 18  # the page panel's rounded corners, at scale 1


class DebriefScene(Scene):
    def __init__(self, app, scn, engine, *, start=None, watch=None):
        super().__init__(app)
        self.scn = scn
        self.engine = engine
        self.start = start
        self.watch = watch
        self.safest = walk.safest_path(scn)
        self.scroll = 0
        self.max_scroll = 0
        self.focus = None
        self._page = None  # (key, items, height): see build
        self._age = 0.0  # frame time since the debrief opened
        self._opened = Since(0.0)  # see KEY_GUARD_S
        self._held: dict[int, float] = {}  # key -> when it was last pressed, while it is being ignored

    def _choice(self, step_id: str, cid: str):
        step = self.scn.step(step_id)
        c = next((c for c in self.scn.offered_choices(step) if c.id == cid), None) if step else None
        return step, c

    def build(self):
        th, tr, fonts, s = self.theme, self.tr, self.fonts, self.app.scale
        W, H = self.app.size
        pad = int(28 * s)
        bh = fonts.line_height("button") * 2
        hint_h = fonts.line_height("tiny")
        view = pygame.Rect(pad, pad, W - 2 * pad, H - 3 * pad - bh - hint_h)
        panel = view.inflate(int(16 * s), int(16 * s))
        panel.h += hint_h
        out = [I.box(panel, th["panel"], radius=int(PANEL_RADIUS * s), group="panel")]
        # The page is laid out once (it never changes under a finished story) and then copied,
        # moved by the scroll: only what is in sight becomes items.
        key = (tuple(view), s, tr, th, fonts.body_px)
        if self._page is None or self._page[0] != key:
            self._page = (key, *self._layout(view))
        content, total = self._page[1], self._page[2]
        self.max_scroll = max(0, total - view.h)
        self.scroll = min(self.scroll, self.max_scroll)  # a resize or larger text can shorten the page

        def in_sight():
            got = []
            for it in content:
                if it.rect.bottom - self.scroll >= view.top and it.rect.top - self.scroll <= view.bottom:
                    c = I.clone(it)
                    c.rect.move_ip(0, -self.scroll)
                    got.append(c)
            # the "Scroll for more" hint below the view is all else the scroll changes
            return self.scroll, got, self.scroll < self.max_scroll

        # built again on its own while the player only scrolls or moves the focus (Scene.in_view)
        out += self.in_view(view, in_sight, lambda: (self.scroll, self.scroll < self.max_scroll))
        self.view = view
        self._buttons(out, view, H, pad, bh, hint_h)
        return out

    def still(self):
        """Everything the debrief shows but its page's scroll and the focus (Scene.still): the page
        (laid out for this size, scale, language, look and text size) and which buttons it offers."""
        return self._page[0] if self._page is not None else None, self.max_scroll, self.watch is None

    def _layout(self, view) -> tuple[list, int]:
        """The scrolled page's items, unscrolled, and its height."""
        th, tr, fonts, s, eng, scn = self.theme, self.tr, self.fonts, self.app.scale, self.engine, self.scn
        tax = self.app.get_taxonomy()
        out: list = []
        gap = int(30 * s)
        cw = (view.w - gap) // 2 - int(16 * s)
        top = view.top + int(12 * s)
        lc = Column(fonts, view.left + int(16 * s), top, cw, out, gap=int(8 * s), clip=view)
        rc = Column(fonts, lc.x + cw + gap, top, cw, out, gap=int(8 * s), clip=view)
        ending = eng.ending
        outcome = ending.outcome if ending else "harmed"
        colour = th[{"safe": "safe", "harmed": "risky", "scammed": "unsafe"}[outcome]]
        isz = fonts.line_height("title")
        out.append(I.icon((lc.x, lc.y, isz, isz), OUTCOME_ICON[outcome], colour, fg=th["panel"], clip=view))
        lc.x += isz + 8
        lc.w -= isz + 8
        lc.text(outcome_word(tr, outcome), colour, "title", group="outcome")
        lc.x -= isz + 8
        lc.w += isz + 8
        title = ending_text(tr, scn, ending, "title", eng) if ending is not None else ""
        if title and title != outcome_word(tr, outcome):
            lc.text(title, th["panel_text"], "h1")
        if ending is not None:
            lc.text(ending_text(tr, scn, ending, "debrief", eng), th["panel_text"], "body")
        if outcome in ("harmed", "scammed"):
            lc.text(tr.gettext("You are not alone: tell an adult you trust today, and call for help below."),
                    th["help"], "strong")
        pct = eng.percent
        lc.text(tr.gettext("Score: {score} of {possible} points ({percent}%)").format(
            score=eng.score, possible=eng.possible, percent=pct), th["panel_text"], "title", group="score")
        if eng.money_lost:
            # Translators: {amount} is already formatted for the language (200.000đ, 200,000 VND)
            lc.text(tr.gettext("Money lost: {amount}").format(amount=format_value("money", eng.money_lost, tr.lang)),
                    th["unsafe"], "strong")
        lost = [tr.text(t) for t, _q in eng.consequences]
        if lost:
            lc.text(tr.gettext("What you lost"), th["panel_text"], "title")
            for t in lost:
                lc.text("• " + t, th["unsafe"], "body")
        advice = ending_advice(tr, scn, ending, eng) if ending else []
        if advice:
            lc.space(int(6 * s))
            lc.text(tr.gettext("What to do in real life"), th["panel_text"], "title")
            for a in advice:
                lc.text("• " + a, th["panel_text"], "body")
        lines = [h for hid in (ending.hotlines if ending else []) if (h := hotline(tr, tax, hid))]
        if lines:
            lc.space(int(6 * s))
            lc.text(tr.gettext("Who can help"), th["panel_text"], "title")
            for number, name, text in lines:
                lc.text(f"{number} — {name}", th["help"], "strong")
                lc.text(text, th["panel_muted"], "small")
        # right column: paths and flags
        # your path and the safest path, side by side
        half = (rc.w - int(16 * s)) // 2
        y0 = rc.y
        left = Column(fonts, rc.x, y0, half, out, gap=int(6 * s), clip=view)
        right = Column(fonts, rc.x + half + int(16 * s), y0, half, out, gap=int(6 * s), clip=view)
        left.text(tr.gettext("Your choices"), th["panel_text"], "title")
        for i, d in enumerate(eng.log):
            step, c = self._choice(d.step, d.choice)
            label = choice_text(tr, scn, step, c, eng) if c else \
                tr.gettext("Time ran out (no answer)") if d.timed_out else d.choice
            self._path_row(left, i + 1, label, d.safety)
        right.text(tr.gettext("The safest path"), th["panel_text"], "title")
        if self.safest is not None:
            for i, (sid, cid) in enumerate(self.safest.choices):
                step, c = self._choice(sid, cid)
                self._path_row(right, i + 1, choice_text(tr, scn, step, c, eng) if c else cid, c.safety if c else "neutral")
        rc.y = max(left.y, right.y) + int(8 * s)
        # what the last feedback card that named each flag said: a flag missed once and acted on
        # later is spotted (the card said so), and the page says it came late
        spotted, missed = eng.flags_caught, eng.flags_missed
        late_spotted, late_missed = set(eng.flags_caught_late), set(eng.flags_missed_late)
        rc.text(tr.gettext("Red flags you spotted"), th["panel_text"], "title")
        for f in spotted:
            self._flag_row(rc, flag_name(tr, tax, f), "safe", th["safe"])
            if f in late_spotted:
                self._flag_note(rc, tr.gettext("Missed at first, spotted at a later sign."))
        if not spotted:
            rc.text(tr.gettext("None this time."), th["panel_muted"], "small")
        rc.text(tr.gettext("Red flags you missed"), th["panel_text"], "title")
        for f in missed:
            self._flag_row(rc, flag_name(tr, tax, f), "flag", th["flag"])
            if f in late_missed:
                self._flag_note(rc, tr.gettext("Spotted at first, missed at a later sign."))
            self._flag_note(rc, flag_explanation(tr, tax, f))
        if not missed:
            rc.text(tr.gettext("None: well done."), th["panel_muted"], "small")
        # the content's height, measured from the view's top
        return out, max(lc.y, rc.y) - top + int(12 * s) * 2

    def _buttons(self, out, view, H, pad, bh, hint_h) -> None:
        th, tr, s = self.theme, self.tr, self.app.scale
        labels = [(tr.gettext("Play again"), "again"), (tr.gettext("Next scenario"), "next"),
                  (tr.gettext("Back to menu"), "menu")]
        if self.watch is not None:
            labels = labels[:1]
        bw = (view.w - int(16 * s) * (len(labels) - 1)) // len(labels)
        for i, (label, action) in enumerate(labels):
            r = pygame.Rect(view.left + i * (bw + int(16 * s)), H - pad - bh, bw, bh)
            primary = action == "next" or len(labels) == 1
            out.append(I.button(r, label, action, th["accent"] if primary else th["button"],
                                th["accent_text"] if primary else th["button_text"], align="center", key=str(i + 1)))
        if self.scroll < self.max_scroll:  # gone at the end of the page
            # clear of the panel's rounded corners (the panel is the view and 8 px around it)
            inset = max(0, int(PANEL_RADIUS * s) - int(8 * s))
            out.append(I.text((view.left + inset, view.bottom + 2, view.w - 2 * inset, hint_h),
                              tr.gettext("Scroll for more (mouse wheel or Page Down)"), th["panel_muted"], "tiny",
                              align="right", layer=2))

    def _path_row(self, col, n, text, safety) -> None:
        th, fonts = self.theme, self.fonts
        ih = fonts.line_height("small")
        colour = th[safety] if safety in ("safe", "risky", "unsafe") else th["panel_muted"]
        col.out.append(I.icon((col.x, col.y + 3, ih - 6, ih - 6), safety, colour, fg=th["panel"], clip=col.common.get("clip")))
        col.x += ih + 2
        col.w -= ih + 2
        col.text(f"{n}. {text}", th["panel_text"], "small")
        col.x -= ih + 2
        col.w += ih + 2

    def _flag_row(self, col, text, icon_name, colour) -> None:
        th, fonts = self.theme, self.fonts
        ih = fonts.line_height("body")
        col.out.append(I.icon((col.x, col.y + 3, ih - 6, ih - 6), icon_name, colour, fg=th["panel"],
                              clip=col.common.get("clip")))
        col.x += ih + 2
        col.w -= ih + 2
        col.text(text, th["panel_text"], "body")
        col.x -= ih + 2
        col.w += ih + 2

    def _flag_note(self, col, text) -> None:
        """A small line under a flag's row, lined up with its name."""
        ih = self.fonts.line_height("body")
        col.x += ih + 2
        col.w -= ih + 2
        col.text(text, self.theme["panel_muted"], "small")
        col.x -= ih + 2
        col.w += ih + 2

    def update(self, dt: float) -> None:
        super().update(dt)
        self._age += dt

    def age(self) -> float:
        return self._opened.seconds(self._age)

    def handle_event(self, ev) -> bool:
        s = self.app.scale
        if ev.type == pygame.KEYUP:
            self._held.pop(ev.key, None)
        elif ev.type == pygame.KEYDOWN and ev.key in PRESSING_KEYS:
            age = self.age()
            if age < KEY_GUARD_S or age - self._held.get(ev.key, -KEY_AGAIN_S) < KEY_AGAIN_S:
                self._held[ev.key] = age
                return True  # swallowed: a press meant for the story that has just ended
        if ev.type == pygame.MOUSEWHEEL:
            self._scroll(-ev.y * 50 * s)
            return True
        if ev.type == pygame.KEYDOWN:
            if ev.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
                self._scroll((1 if ev.key == pygame.K_PAGEDOWN else -1) * 250 * s)
                return True
            n = {pygame.K_1: "again", pygame.K_2: "next", pygame.K_3: "menu"}.get(ev.key)
            if n and (self.watch is None or n == "again"):
                self.activate(n)
                return True
            if ev.key == pygame.K_ESCAPE:
                self.activate("menu" if self.watch is None else "again")
                return True
        return super().handle_event(ev)

    def _scroll(self, dy) -> None:
        self.scroll = int(max(0, min(self.max_scroll, self.scroll + dy)))

    def default_action(self):
        return "next" if self.watch is None else "again"

    def activate(self, action) -> None:
        app = self.app
        if action == "again":
            app.goto("play", self.scn, start=self.start, watch=self.watch)
        elif action == "next":
            nxt = app.get_catalog().after(self.scn.id)
            if nxt is None:
                self.activate("menu")
                return
            app.reset_to("picker")
            app.start_scenario(nxt.scenario)
        elif action == "menu":
            app.reset_to("picker")
