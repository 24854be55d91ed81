"""Quiz scenes: an intro page, one phone scene per item, and a result page.

Each item runs through the real engine (`quiz.item_scenario`) and is drawn by the real
phone scene (`PlayScene`), so messages and calls look exactly as in the game. The side
panel asks "Scam or real?" (keys 1 and 2). Answers are recorded as decisions of one
`quiz` session per phase. The before-check gives no feedback (it measures what the
class already knows); the after-check explains every item.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from game.core.quiz import ANSWERS, Quiz, item_explanation, item_scenario, to_question

from .. import items as I
from ..kit import Column
from ..page import footer_buttons, page
from ..scene import Scene
from ..scenes.play import PlayScene
from . import flow

QUIZ_ZOOM = 1.0


@dataclass
class QuizRun:
    quiz: Quiz
    phase: str  # pre | post
    then: object  # scene factory to continue with
    session: str = ""
    index: int = 0
    right: int = 0
    answers: list = field(default_factory=list)

    @property
    def feedback(self) -> bool:
        return self.phase == "post"


def _record(app, call, *args, **kw):
    try:
        return call(*args, **kw)
    except Exception:  # noqa: BLE001 — recording must never stop the check
        return None


class QuizIntroScene(Scene):
    def __init__(self, app, quiz: Quiz, phase: str, then):
        super().__init__(app)
        self.run = QuizRun(quiz, phase, then)
        self.focus = "start"

    def build(self):
        th, tr, q = self.theme, self.tr, self.run.quiz
        sub = tr.gettext("Before we start") if self.run.phase == "pre" else tr.gettext("One last check")
        out, col, panel = page(self, tr.text(q.title_text()), sub, width=720)
        col.text(tr.text(q.intro_text()), th["panel_text"], "body")
        col.space(int(8 * self.app.scale))
        col.text(tr.gettext("Press 1 for Scam, 2 for Real, or click."), th["panel_muted"], "small")
        if self.app.recorder.warning:
            col.text(flow.results_warning(tr, self.app.recorder), th["risky"], "small")
        out += footer_buttons(self, panel, [(tr.gettext("Start"), "start", True)])
        return out

    def default_action(self):
        return "start"

    def activate(self, action) -> None:
        if action != "start":
            return
        run, app, p = self.run, self.app, self.app.prefs
        run.session = _record(app, app.recorder.start_session, nickname=p.nickname, class_code=p.class_code,
                              scenario_id=run.quiz.id, scenario_version=run.quiz.version, mode="quiz",
                              phase=run.phase) or ""
        app.replace(QuizItemScene(app, run))


class QuizItemScene(PlayScene):
    """One item on the game's phone, with the scam/real question beside it."""

    def __init__(self, app, run: QuizRun):
        self.run = run
        self.item = run.quiz.items[run.index]
        self.answer = None  # the engine Decision once answered
        super().__init__(app, item_scenario(run.quiz, self.item), zoom=QUIZ_ZOOM)
        self.phone.screen = ("home",)  # no lock screen: the item shows straight away

    # PlayScene hooks: no timer, no scenario session, no feedback card, no pause menu
    def _timers_wanted(self) -> bool:
        return False

    def _start_session(self, resume: dict) -> None:
        self.session = self.run.session

    def _check_log(self) -> None:
        eng = self.engine
        self.logged = len(eng.log)
        if eng.deciding and eng.step.id != self.item.id:
            to_question(eng, self.item, skip=False)  # answer the call, then the captions play
            self.logged = len(eng.log)
            self._follow()
        if self.answer is None and eng.log and eng.log[-1].step == self.item.id:
            d = eng.log[-1]
            d.index = self.run.index
            self.answer = d
            self.run.answers.append(d)
            self.run.right += int(d.score > 0)
            _record(self.app, self.app.recorder.record_decision, self.run.session, d)
            self._flag_keys = {}
            for f in self.item_flags():
                for key in eng.flags_shown.get(f, []):
                    self._flag_keys.setdefault(key, []).append(f)
            if not self.run.feedback:
                self.next_item()

    def item_flags(self) -> list[str]:
        return list(dict.fromkeys(f for ev in self.item.events for f in ev.flags))

    def flags_on(self, key: str) -> list[str]:
        return self._flag_keys.get(key, []) if self.answer is not None and self.run.feedback else []

    def update(self, dt: float) -> None:
        super().update(dt)
        if self.engine.deciding and self.engine.step.id != self.item.id:
            self._check_log()

    def wake_in(self):
        return None if self.answer is not None else super().wake_in()

    def next_item(self) -> None:
        run, app = self.run, self.app
        run.index += 1
        if run.index < len(run.quiz.items):
            app.replace(QuizItemScene(app, run))
            return
        _record(app, app.recorder.finish_session, run.session, ending_id="done", outcome="safe",
                score=run.right, possible=len(run.quiz.items))
        flow.mark_done(app, run.phase)
        app.replace(QuizDoneScene(app, run))

    def numbered(self) -> list:
        return [c for c in self.engine.offered() if c.id in ANSWERS] if self.answer is None else []

    def activate(self, action) -> None:
        if isinstance(action, tuple) and action[0] == "answer":
            if self.answer is None and self.engine.step.id == self.item.id:
                self.engine.skip()
                self.choose(action[1])
            return
        if action == "next":
            if self.answer is not None:
                self.next_item()
            return
        if isinstance(action, tuple) and action[0] in ("choose", "continue", "call"):
            return  # the phone's own call buttons and cards do not answer the quiz
        super().activate(action)

    def default_action(self):
        return "next" if self.answer is not None else None

    def handle_event(self, ev) -> bool:
        if ev.type == pygame.KEYDOWN:
            if ev.key == pygame.K_ESCAPE:
                return True
            if ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.answer is not None:
                self.activate("next")
                return True
            num = {pygame.K_1: 0, pygame.K_KP1: 0, pygame.K_2: 1, pygame.K_KP2: 1}.get(ev.key)
            if num is not None:
                if self.answer is None:
                    self.activate(("answer", ANSWERS[num]))
                return True
        return super().handle_event(ev)

    def build(self):
        lay = self.lay()
        out = [it for it in super().build()
               if not (lay.right.colliderect(it.rect) or (lay.left.w and lay.left.colliderect(it.rect)))]
        out += self.question_panel(lay.right)
        out += self.progress_panel(lay.left)
        return out

    def progress_panel(self, rect) -> list:
        if rect.w < 120:
            return []
        th, tr, fonts, s = self.theme, self.tr, self.fonts, self.app.scale
        out = []
        col = Column(fonts, rect.left + int(8 * s), rect.top + int(8 * s), rect.w - int(16 * s), out, gap=int(8 * s))
        col.text(tr.text(self.run.quiz.title_text()), th["text"], "title")
        col.text(tr.gettext("Item {n} of {total}").format(n=self.run.index + 1, total=len(self.run.quiz.items)),
                 th["muted"], "strong")
        return out

    def question_panel(self, rect) -> list:
        th, tr, fonts, s = self.theme, self.tr, self.fonts, self.app.scale
        out = [I.box(rect, th["panel"], radius=int(16 * s), group="panel")]
        pad = int(18 * s)
        col = Column(fonts, rect.left + pad, rect.top + pad, rect.w - 2 * pad, out, gap=int(10 * s))
        words = {"scam": tr.gettext("Scam"), "real": tr.gettext("Real")}
        if self.answer is None:
            col.text(tr.gettext("Scam or real?"), th["panel_text"], "h1")
            col.text(tr.gettext("Look at the phone. Is this a scam, or a real message or call?"),
                     th["panel_muted"], "body")
            col.space(int(6 * s))
            for i, a in enumerate(ANSWERS):
                col.button(words[a], ("answer", a), th["button"], th["button_text"], role="title", key=str(i + 1),
                           h=int(fonts.line_height("title") * 2.2))
            return out
        right = self.answer.score > 0
        colour = th["safe"] if right else th["unsafe"]
        col.text(tr.gettext("Right!") if right else tr.gettext("Not quite."), colour, "h1", group="verdict")
        truth = tr.gettext("This was a scam.") if self.item.answer == "scam" else tr.gettext("This was real.")
        col.text(truth, th["panel_text"], "title")
        col.text(tr.text(item_explanation(self.run.quiz, self.item)), th["panel_text"], "body")
        last = self.run.index + 1 >= len(self.run.quiz.items)
        bh = fonts.line_height("button") * 2
        br = pygame.Rect(rect.left + pad, rect.bottom - pad - bh, rect.w - 2 * pad, bh)
        out.append(I.button(br, tr.gettext("Finish") if last else tr.gettext("Next"), "next", th["accent"],
                            th["accent_text"], align="center"))
        return out


class QuizDoneScene(Scene):
    def __init__(self, app, run: QuizRun):
        super().__init__(app)
        self.run = run
        self.focus = "continue"

    def build(self):
        th, tr, run = self.theme, self.tr, self.run
        total = len(run.quiz.items)
        if run.phase == "pre":
            title, sub = tr.gettext("Thank you!"), tr.gettext("Now play the stories. You will see these again at the end.")
        else:
            title, sub = tr.gettext("Well done!"), tr.gettext("That was the last check. Tell your teacher you have finished.")
        out, col, panel = page(self, title, sub, width=680)
        if run.feedback:
            col.text(tr.gettext("You got {right} of {total} right.").format(right=run.right, total=total),
                     th["panel_text"], "title")
        out += footer_buttons(self, panel, [(tr.gettext("Continue"), "continue", True)])
        return out

    def default_action(self):
        return "continue"

    def activate(self, action) -> None:
        if action == "continue":
            self.app.replace(self.run.then(self.app))

