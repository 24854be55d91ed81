"""Classroom (projector) scenes: pick a scenario, play it big, vote at every decision.

At each decision the story pauses on its options, lettered A, B, C…, with the author's
`discuss:` question. The trainer types how many hands went up for each option (letter to
pick a row, digits for the count), then reveals every option's explanation (Enter), then
continues with the option the class chose (its letter, or Enter for the most votes).
The phone is the game's own phone scene (`PlayScene`); the session is recorded with
mode `classroom` and the hand counts as the decision's votes.
"""

from __future__ import annotations

import contextlib
import string
import time

import pygame

from game.core.texts import Text

from .. import items as I
from ..kit import Column, button_height
from ..page import page
from ..scene import Scene, Since
from ..scenes.debrief import DebriefScene
from ..scenes.play import PlayScene
from ..words import choice_text, safety_word, scn_text

LETTERS = string.ascii_uppercase
MAX_VOTES = 999
NICKNAME = "classroom"  # the trainer's run stands for the class: no student name


def letter(i: int) -> str:
    return LETTERS[i] if i < len(LETTERS) else "?"


class ClassroomPickerScene(Scene):
    """Large numbered list of the scenarios, in two columns, as many per page as fit."""

    def __init__(self, app):
        super().__init__(app)
        self.page_start = 0
        self.per_page = 9  # updated by build() to what fits on the screen

    def entries(self):
        return [e for e in self.app.get_catalog().entries if e.ok]

    def shown(self):
        return self.entries()[self.page_start:self.page_start + self.per_page]

    def build(self):
        th, tr, s = self.theme, self.tr, self.app.scale
        code = self.app.prefs.class_code
        sub = tr.gettext("Classroom mode") + (f" · {code}" if code else "")
        out, col, panel = page(self, tr.gettext("Choose a scenario to play with the class"), sub, width=1100)
        if self.app.recorder.warning:
            from ..quiz.flow import results_warning

            col.text(results_warning(tr, self.app.recorder), th["risky"], "small")
        bottom = panel.bottom - int(32 * s) - self.fonts.line_height("small") - int(10 * s)
        gap = int(14 * s)
        cw = (col.w - gap) // 2
        cols = [Column(self.fonts, col.x + i * (cw + gap), col.y, cw, out, gap=int(10 * s)) for i in (0, 1)]
        entries = self.entries()[self.page_start:self.page_start + 9]
        placed, which = 0, 0
        for i, e in enumerate(entries):  # fill the left column, then the right one
            label = scn_text(tr, e.card, "title")  # e.scenario builds the whole scenario
            h = button_height(self.fonts, label, "strong", cw, key=str(i + 1))
            if cols[which].y + h > bottom:
                if which == 1:
                    break
                which = 1
                if cols[1].y + h > bottom:
                    break
            cols[which].button(label, ("play", e.id), th["button"], th["button_text"], role="strong",
                               key=str(i + 1), h=h)
            placed += 1
        self.per_page = max(1, placed)
        more = len(self.entries()) > self.page_start + self.per_page or self.page_start > 0
        keys = (tr.gettext("Keys: 1–9 choose · Page Down for more · Esc quits") if more
                else tr.gettext("Keys: 1–9 choose · Esc quits"))
        out.append(I.text((col.x, bottom + int(6 * s), col.w, self.fonts.line_height("small")), keys,
                          th["panel_muted"], "small"))
        return out

    def handle_event(self, ev) -> bool:
        if ev.type == pygame.KEYDOWN:
            if pygame.K_1 <= ev.key <= pygame.K_9:
                shown = self.shown()
                n = ev.key - pygame.K_1
                if n < len(shown):
                    self.activate(("play", shown[n].id))
                return True
            if ev.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
                step = self.per_page if ev.key == pygame.K_PAGEDOWN else -self.per_page
                last = max(0, len(self.entries()) - 1)
                self.page_start = max(0, min(self.page_start + step, last))
                return True
            if ev.key == pygame.K_ESCAPE:
                self.app.running = False
                return True
        return super().handle_event(ev)

    def activate(self, action) -> None:
        if isinstance(action, tuple) and action[0] == "play":
            e = next((e for e in self.entries() if e.id == action[1]), None)
            if e is not None:
                self.app.replace(ClassroomScene(self.app, e.scenario))


# A held key repeats (app.py: the first repeat after 0.4 s, then every 0.04 s). An Enter that comes
# later than this after the last Enter of a skipping press is a new press, even if its release was lost.
ENTER_REPEAT_GAP = 0.5
# The story reaches a decision by itself, so the panel can change from "Skip ahead" to the vote
# just as the trainer presses Enter to skip: Enter reveals only once the options have been on
# screen this long (scene time), so a press meant to skip never reveals a vote nobody has cast.
REVEAL_AFTER_S = 1.5


class ClassroomScene(PlayScene):
    """The phone, big, with the class's vote beside it at every decision."""

    def __init__(self, app, scn, **kw):
        self.votes: dict[str, str] = {}  # choice id -> typed digits
        self.row = 0  # the option whose count is being typed (-1: a letter that names no option)
        self.missing = ""  # that letter
        self.revealed = False
        self.voted_step = None  # (step id, decision number) the votes belong to
        # When (time.monotonic()) the Enter press that skipped ahead, or its last repeat, came; None
        # once the key is released. A held key repeats, and its repeats must not reveal the answers
        # the class has not voted on yet.
        self.enter_held_at: float | None = None
        self._options_key, self._options_since = None, None  # the decision on screen, and since when
        super().__init__(app, scn, **kw)
        self.phone.screen = ("home",)

    recording_mode = "classroom"

    def _timers_wanted(self) -> bool:
        return False  # the class talks; no countdown

    def _session_nickname(self) -> str:
        return NICKNAME

    # -- recording: the session is the class's; votes go with the decision --------

    def _check_log(self) -> None:
        eng, app = self.engine, self.app
        new = eng.log[self.logged:]
        self.logged = len(eng.log)
        for d in new:
            votes = {cid: int(v) for cid, v in self.votes.items() if v}
            with contextlib.suppress(Exception):
                app.recorder.record_decision(self.session, d, votes=votes or None)
            self.votes, self.row, self.revealed = {}, 0, False
        if eng.ending is not None and not self.finished:
            self.finished = True
            app.sounds.stop_ring()
            with contextlib.suppress(Exception):
                app.recorder.finish_session(self.session, ending_id=eng.ending.id, outcome=eng.ending.outcome,
                                            score=eng.score, possible=eng.possible)
            app.replace(self.debrief_scene())

    def debrief_scene(self):
        return ClassroomDebriefScene(self.app, self.scn, self.engine)

    # -- the vote --------------------------------------------------------------

    def options(self) -> list:
        return self.numbered() if self.engine.deciding else []

    def count(self, cid: str) -> int:
        v = self.votes.get(cid, "")
        return int(v) if v else 0

    def type_digit(self, d: str) -> None:
        opts = self.options()
        if not opts or self.revealed or not 0 <= self.row < len(opts):
            return
        cid = opts[self.row].id
        v = (self.votes.get(cid, "") + d).lstrip("0") or "0"
        if int(v) <= MAX_VOTES:
            self.votes[cid] = v

    def backspace(self) -> None:
        opts = self.options()
        if opts and not self.revealed and 0 <= self.row < len(opts):
            cid = opts[self.row].id
            self.votes[cid] = self.votes.get(cid, "")[:-1]

    def majority(self):
        opts = self.options()
        return max(opts, key=lambda c: self.count(c.id)) if opts else None  # ties: the first listed

    def update(self, dt: float) -> None:
        super().update(dt)
        eng = self.engine
        key = (eng.step.id, len(eng.log)) if self.options() else None
        if key != self._options_key:
            self._options_key, self._options_since = key, Since(self.phone.now)

    @property
    def options_age(self) -> float:
        """Seconds the vote has been on screen, by frame time or the wall clock, whichever is more: the
        real loop sends no frames to a still vote, so frame time alone never reached REVEAL_AFTER_S and
        Enter never revealed (a verifying try-out; only a click on "Reveal" did)."""
        return self._options_since.seconds(self.phone.now) if self._options_since is not None else 0.0

    def go_with(self, choice) -> None:
        if choice is not None:
            self.choose(choice.id)

    def activate(self, action) -> None:
        if isinstance(action, tuple) and action[0] == "row":
            self.row = action[1]
            return
        if action == "reveal":
            if self.engine.deciding:
                self.revealed = True
            return
        if isinstance(action, tuple) and action[0] == "take":
            if self.revealed:
                self.go_with(next((c for c in self.options() if c.id == action[1]), None))
            return
        if isinstance(action, tuple) and action[0] in ("choose", "call", "continue"):
            return  # only the class's vote moves the story
        super().activate(action)

    def handle_event(self, ev) -> bool:
        enter = (pygame.K_RETURN, pygame.K_KP_ENTER)
        if (ev.type == pygame.KEYUP and ev.key in enter) or ev.type == pygame.WINDOWFOCUSLOST:
            self.enter_held_at = None  # released (a window that lost the focus gets no KEYUP)
        if ev.type == pygame.KEYDOWN:
            k = ev.key
            if k == pygame.K_ESCAPE:
                self.app.replace(ClassroomPickerScene(self.app))
                return True
            if k in enter and self.enter_held_at is not None:
                now = time.monotonic()
                if now - self.enter_held_at <= ENTER_REPEAT_GAP:
                    self.enter_held_at = now
                    return True  # the press that skipped ahead, repeating: it reveals nothing
                self.enter_held_at = None
            opts = self.options()
            if opts:
                name = pygame.key.name(k)
                if len(name) == 1 and name.upper() in LETTERS[:len(opts)]:
                    i = LETTERS.index(name.upper())
                    if self.revealed:
                        self.go_with(opts[i])
                    else:
                        self.row = i
                    return True
                if len(name) == 1 and name.upper() in LETTERS and not self.revealed:
                    # a letter with no option: the digits typed next count for no option, rather than
                    # being added to the last one picked ("c 5" made B's 8 hands 85)
                    self.row = -1
                    self.missing = name.upper()
                    return True
                digit = _digit(k)
                if digit is not None:
                    self.type_digit(digit)
                    return True
                if k == pygame.K_BACKSPACE:
                    self.backspace()
                    return True
                if k in (pygame.K_UP, pygame.K_DOWN) and not self.revealed:
                    self.row = (self.row + (1 if k == pygame.K_DOWN else -1)) % len(opts)
                    return True
                if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
                    if self.revealed:
                        self.go_with(self.majority())
                    elif self._options_key is not None and self.options_age >= REVEAL_AFTER_S:
                        self.activate("reveal")
                    return True  # an Enter as the vote appears was meant to skip: it reveals nothing
            elif k in enter:
                self.activate(("skip",))
                self.enter_held_at = time.monotonic()
                return True
        return super().handle_event(ev)

    def default_action(self):
        return None

    # -- drawing -----------------------------------------------------------------

    def build(self):
        lay = self.lay()
        out = [it for it in super().build()
               if not (lay.right.colliderect(it.rect) or (lay.left.w and lay.left.colliderect(it.rect)))]
        out += self.vote_panel(lay.right)
        out += self.discuss_panel(lay.left)
        return out

    def discuss_panel(self, rect) -> list:
        if rect.w < 120:
            return []
        if self.revealed and self.options():
            return self.explanations(rect)
        th, tr, fonts, s, eng = self.theme, self.tr, self.fonts, self.app.scale, self.engine
        out = []
        col = Column(fonts, rect.left + int(8 * s), rect.top + int(8 * s), rect.w - int(16 * s), out, gap=int(10 * s))
        col.text(scn_text(tr, self.scn, "title"), th["text"], "title")
        if eng.deciding:
            col.text(tr.gettext("Decision {n}").format(n=len(eng.log) + 1), th["muted"], "strong")
            col.space(int(6 * s))
            col.text(tr.gettext("Discuss"), th["accent"], "label")
            prompt = (tr.text(Text(f"{self.scn.id}/{eng.step.id}/discuss", eng.step.discuss)) if eng.step.discuss
                      else tr.gettext("What would you do now, and why?"))
            col.text(prompt, th["text"], "h1", group="discuss")
        else:
            col.text(tr.gettext("Watch the phone together. Enter or Space skips ahead."), th["muted"], "body")
        return out

    def vote_panel(self, rect) -> list:
        """The options with their hand counts (and, after the reveal, their verdicts)."""
        return self._vote_panel(rect)[0]

    def explanations(self, rect) -> list:
        """After the reveal, the left side explains every option; text shrinks until all fit."""
        th, tr, fonts, s, eng = self.theme, self.tr, self.fonts, self.app.scale, self.engine
        for role, head in (("body", "strong"), ("small", "label"), ("tiny", "label")):
            out = []
            col = Column(fonts, rect.left + int(8 * s), rect.top + int(8 * s), rect.w - int(16 * s), out,
                         gap=int(6 * s), clip=rect)
            col.text(tr.gettext("Why?"), th["text"], "title")
            for i, c in enumerate(self.options()):
                colour = th[c.safety] if c.safety in ("safe", "risky", "unsafe") else th["muted"]
                col.text(f"{letter(i)} · {safety_word(tr, c.safety)}", colour, head)
                if c.explanation:
                    key = eng.choice_key(c)
                    col.text(tr.text(Text(f"{key}/explanation", c.explanation)), th["text"], role)
                col.space(int(4 * s))
            if col.y <= rect.bottom:
                break
        return out

    def _vote_panel(self, rect):
        th, tr, fonts, s, eng = self.theme, self.tr, self.fonts, self.app.scale, self.engine
        out = [I.box(rect, th["panel"], radius=int(16 * s), group="panel")]
        pad = int(16 * s)
        col = Column(fonts, rect.left + pad, rect.top + pad, rect.w - 2 * pad, out, gap=int(8 * s), clip=rect)
        opts = self.options()
        if not opts:
            col.text(tr.gettext("Watch the phone…"), th["panel_text"], "title")
            col.button(tr.gettext("Skip ahead"), ("skip",), th["button"], th["button_text"], key="Enter")
            return out, col.y
        total = sum(self.count(c.id) for c in opts)
        if not self.revealed:
            col.text(tr.gettext("What would you do? Hands up!"), th["panel_text"], "title")
            col.text(tr.gettext("Letter: pick an option · digits: number of hands · Enter: reveal"),
                     th["panel_muted"], "small")
        else:
            col.text(tr.gettext("The answers"), th["panel_text"], "title")
            col.text(tr.gettext("Press a letter to continue with that option, or Enter for the most votes."),
                     th["panel_muted"], "small")
        for i, c in enumerate(opts):
            n = self.count(c.id)
            share = f" · {round(100 * n / total)}%" if total else ""
            typing = (not self.revealed and i == self.row)
            votes = tr.ngettext("{n} hand", "{n} hands", n).format(n=n) + share + ("|" if typing else "")  # a caret every font draws (▏ was left out)
            label = f"{choice_text(tr, self.scn, eng.step, c, eng)}\n{votes}"
            if self.revealed:
                colour = th[c.safety] if c.safety in ("safe", "risky", "unsafe") else th["panel_muted"]
                col.button(f"{label} · {safety_word(tr, c.safety)}", ("take", c.id), th["button"],
                           th["button_text"], key=letter(i), role="strong", border=3, border_colour=colour)

            else:
                col.button(label, ("row", i), th["accent"] if typing else th["button"],
                           th["accent_text"] if typing else th["button_text"], key=letter(i), role="strong")
        if not self.revealed and self.row == -1:
            col.text(tr.gettext("There is no option {letter}: press the letter of an option first.").format(
                letter=self.missing), th["unsafe"], "small")
        if not self.revealed:
            col.space(int(6 * s))
            col.button(tr.gettext("Reveal the answers"), "reveal", th["accent"], th["accent_text"], key="Enter",
                       align="center")
        return out, col.y


class ClassroomDebriefScene(DebriefScene):
    """The ordinary debrief; its buttons lead back to the classroom list."""

    def activate(self, action) -> None:
        if action in ("again", "next", "menu"):
            if action == "again":
                self.app.replace(ClassroomScene(self.app, self.scn))
            else:
                self.app.replace(ClassroomPickerScene(self.app))
            return
        super().activate(action)


def _digit(key) -> str | None:
    if pygame.K_0 <= key <= pygame.K_9:
        return str(key - pygame.K_0)
    if pygame.K_KP0 <= key <= pygame.K_KP9:
        return str(key - pygame.K_KP0)
    return None
