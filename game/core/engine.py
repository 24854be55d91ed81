"""The scenario engine: a deterministic state machine driven by a caller's clock.

It never reads the wall clock. The caller advances time with `advance(dt)` (the UI
passes frame time, tests pass whatever they like) and makes choices with `choose`.
Everything the phone shows is in `phone`; everything the debrief needs is in `log`,
`flags_shown`, `flags_spotted`, `consequences` and `ending`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import placeholders, walk
from .channels import Email, Install, Page, Post, Scan, apply_channel_effects, land_channel
from .model import (
    PLAYER,
    TIMED_OUT,
    CallEndEvent,
    CallEvent,
    Choice,
    Ending,
    LineEvent,
    MessageEvent,
    NotificationEvent,
    Scenario,
    Step,
)
from .texts import Text, choice_key, ending_key, event_key, text, timeout_key

__all__ = ["Email", "Install", "Page", "Post", "Scan"]  # the new channels' state, re-exported for views


@dataclass
class Message:
    id: str  # unique in the thread: the event key, or the choice key for the player's replies
    sender: str  # contact id or "player"
    text: Text | None
    image: str | None
    link_url: str | None
    link_title: Text | None
    link_text: Text | None
    link_image: str | None
    at: float
    flags: list[str]
    qr: object = None  # channels.QRCode

    @property
    def outgoing(self) -> bool:
        return self.sender == PLAYER


@dataclass
class Thread:
    app: str
    contact: str
    messages: list[Message] = field(default_factory=list)
    typing: bool = False


@dataclass
class Notification:
    id: str
    style: str
    app: str | None
    title: Text
    text: Text | None
    at: float
    flags: list[str]
    image: str | None = None


@dataclass
class CaptionLine:
    id: str
    speaker: str
    text: Text
    at: float
    flags: list[str]
    audio: str | None = None


@dataclass
class Call:
    contact: str
    app: str | None
    video: bool
    image: str | None
    bad_connection: bool
    status: str  # ringing, active, ended, declined, missed
    started_at: float
    ring_until: float
    outgoing: bool = False
    answered_at: float | None = None
    ended_at: float | None = None
    lines: list[CaptionLine] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    @property
    def live(self) -> bool:
        return self.status in ("ringing", "active")


@dataclass
class Phone:
    threads: dict[tuple[str, str], Thread] = field(default_factory=dict)
    notifications: list[Notification] = field(default_factory=list)
    call: Call | None = None
    # ("thread", app, contact) | ("call",) | ("notification", id) | ("home",) | ("email", app, id)
    # | ("feed", app) | ("page", id) | ("scan", id) | ("install", id)
    focus: tuple = ("home",)
    emails: list[Email] = field(default_factory=list)  # every mail app's messages, in arrival order
    posts: list[Post] = field(default_factory=list)  # every social app's posts, in arrival order
    pages: list[Page] = field(default_factory=list)  # the browser's history; the last is open
    scans: list[Scan] = field(default_factory=list)
    installs: list[Install] = field(default_factory=list)
    qr_shown: object = None  # the last QR code the story showed (what a `scan` without `qr:` scans)

    def thread(self, app: str, contact: str) -> Thread:
        key = (app, contact)
        if key not in self.threads:
            self.threads[key] = Thread(app, contact)
        return self.threads[key]


CHANNEL_FOCUS = ("email", "feed", "page", "scan", "install")


@dataclass
class Happening:
    """Something that just happened, for sounds and animations: kind and what it refers to."""

    kind: str  # message, typing, notification, ring, line, call_end, missed, decision, timeout, ending
    ref: object = None


@dataclass
class Decision:
    index: int
    step: str
    choice: str
    safety: str
    score: int
    flags: list[str]  # the red flags this choice responded to
    flags_shown: list[str]  # red flags shown in this step before the decision
    time_taken: float
    timed_out: bool
    at: float
    help: bool
    best: int  # the most that could have been earned at this decision
    genuine: bool = False  # the step was about a real message: a low score here is over-suspicion


@dataclass
class Feedback:
    decision: Decision
    choice: Choice | None  # None when time ran out (nothing was chosen)
    key: str  # text key prefix of the choice, e.g. scn/step/choice/id (scn/step/timeout when time ran out)
    explanation: Text | None
    consequences: list[Text]
    next_id: str
    ending: Ending | None

    @property
    def scored(self) -> bool:
        return self.choice is not None and self.choice.safety != "neutral"


@dataclass
class _Scheduled:
    start: float  # typing starts (== land when no typing)
    land: float
    event: object
    key: str


class ChoiceError(ValueError):
    pass


TIMER_MODES = ("off", "lesson", "all")


def timer_mode(timers) -> str:
    """`off`, `lesson` (only timers the author marked as part of the lesson) or `all`.
    True means `lesson`, the default everywhere; False means `off`."""
    if timers is True:
        return "lesson"
    if timers in TIMER_MODES:
        return timers
    return "off"


class Engine:
    def __init__(self, scenario: Scenario, *, timers: bool | str = True, start: str | None = None):
        self.scn = scenario
        self.timers = timers
        self.time = 0.0
        self.vars: dict[str, object] = {v.id: v.default for v in scenario.variables}
        self._var_kinds = {v.id: v.type for v in scenario.variables}
        self._literal_braces = (scenario.schema_version or 1) < 2  # placeholders are a version 2 feature
        self.visited: list[str] = []
        self.phone = Phone()
        self.log: list[Decision] = []
        self.score = 0
        self.flags_shown: dict[str, list[str]] = {}  # flag -> keys of what showed it
        self.flags_spotted: set[str] = set()
        self.consequences: list[tuple[Text, object]] = []
        self.money_lost = 0
        self.ending: Ending | None = None
        self.step: Step | None = None
        self._queue: list[_Scheduled] = []
        self._opened_at: float | None = None
        self._step_flags: list[str] = []
        self._reply_thread: tuple[str, str] | None = None
        self.possible = 0  # the best available at each decision met so far
        self._enter(start or scenario.first_step)

    # -- timeline ------------------------------------------------------------

    def _enter(self, step_id: str) -> None:
        self.step = self.scn.step(step_id)
        self.visited.append(step_id)
        self._opened_at = None
        self._step_flags = []
        t = self.time
        self._queue = []
        for ev in self.step.events:
            if ev.when is not None and not ev.when.holds(self.vars, self.visited):
                continue  # a variant for another path: neither it nor its delay plays
            t += ev.delay
            typing = ev.typing if isinstance(ev, MessageEvent) else 0
            self._queue.append(_Scheduled(t, t + typing, ev, event_key(self.scn, self.step, ev)))
            t += typing

    def advance(self, dt: float) -> list[Happening]:
        """Move the clock on by dt seconds, applying everything in order as it falls due."""
        target = self.time + max(0.0, dt)
        out: list[Happening] = []
        while self.ending is None:
            out += self._apply_due()
            nxt = self._next_change(target)
            if nxt is None:
                break
            self.time = nxt
        if self.ending is None:
            self.time = target
            out += self._apply_due()
        return out

    def _next_change(self, target: float) -> float | None:
        """The earliest moment in (now, target] at which the state changes."""
        times = [s.land for s in self._queue[:1]]
        call = self.phone.call
        if call and call.status == "ringing":
            times.append(call.ring_until)
        if self.deadline is not None:
            times.append(self.deadline)
        due = [t for t in times if self.time < t <= target]
        return min(due) if due else None

    def _apply_due(self) -> list[Happening]:
        out: list[Happening] = []
        while self._queue and self._queue[0].land <= self.time:
            item = self._queue.pop(0)
            out.append(self._land(item))
        typing_now = {(s.event.app or self.scn.sms_app.id, s.event.thread or s.event.sender)
                      for s in self._queue[:1]
                      if isinstance(s.event, MessageEvent) and s.start <= self.time < s.land and s.event.sender != PLAYER}
        for key, th in self.phone.threads.items():
            was, th.typing = th.typing, key in typing_now
            if th.typing and not was:
                out.append(Happening("typing", th))
        for key in typing_now - set(self.phone.threads):
            self.phone.thread(*key).typing = True
            out.append(Happening("typing", self.phone.threads[key]))
        call = self.phone.call
        if call and call.status == "ringing" and call.ring_until <= self.time:
            call.status = "missed"
            call.ended_at = self.time
            out.append(Happening("missed", call))
        if not self._queue and self._opened_at is None and self.ending is None:
            self._opened_at = self.time
            out.append(Happening("decision", self.step))
        deadline = self.deadline
        if deadline is not None and self.time >= deadline:
            out.append(Happening("timeout", self.step))
            self.time_out()
        return out

    def _land(self, item: _Scheduled) -> Happening:
        ev, key = item.event, item.key
        self._note_flags(ev.flags, key)
        if isinstance(ev, MessageEvent):
            app = ev.app or self.scn.sms_app.id
            contact = ev.thread or ev.sender
            th = self.phone.thread(app, contact)
            th.typing = False
            link = ev.link
            msg = Message(
                id=key, sender=ev.sender, text=self.text_now(f"{key}/text", ev.text), image=ev.image,
                link_url=link.url if link else None,
                link_title=self.text_now(f"{key}/link/title", link.title) if link else None,
                link_text=self.text_now(f"{key}/link/text", link.text) if link else None,
                link_image=link.image if link else None, at=self.time, flags=list(ev.flags),
            )
            if ev.qr is not None:
                msg.qr = self.phone.qr_shown = self._qr(f"{key}/qr", ev.qr)
            th.messages.append(msg)
            self._reply_thread = (app, contact)
            if not (self.phone.call and self.phone.call.live):
                self.phone.focus = ("thread", app, contact)
            return Happening("message", msg)
        if isinstance(ev, NotificationEvent):
            n = Notification(key, ev.style, ev.app, self.text_now(f"{key}/title", ev.title),
                             self.text_now(f"{key}/text", ev.text), self.time, list(ev.flags), ev.image)
            self.phone.notifications.append(n)
            return Happening("notification", n)
        if isinstance(ev, CallEvent):
            self.phone.call = Call(ev.sender, ev.app, ev.video, ev.image, ev.bad_connection,
                                   "ringing", self.time, self.time + ev.ring, flags=list(ev.flags))
            self.phone.focus = ("call",)
            return Happening("ring", self.phone.call)
        if isinstance(ev, LineEvent):
            call = self.phone.call
            speaker = ev.speaker or (call.contact if call else PLAYER)
            line = CaptionLine(key, speaker, self.text_now(f"{key}/text", ev.text), self.time, list(ev.flags), ev.audio)
            if call is not None:
                call.lines.append(line)
            return Happening("line", line)
        if isinstance(ev, CallEndEvent):
            call = self.phone.call
            if call and call.live:
                call.status = "ended"
                call.ended_at = self.time
            return Happening("call_end", call)
        return land_channel(self, ev, key)

    # -- text ------------------------------------------------------------------

    def values_for(self, source: str | None) -> tuple:
        """(name, kind, value) of the variables a text's placeholders name, as they are now."""
        if self._literal_braces:
            return ()
        out = []
        for name in placeholders.names(source):
            var = self._var_kinds.get(name)
            if var is not None:
                out.append((name, var, self.vars.get(name)))
        return tuple(out)

    def text_now(self, key: str, source: str | None) -> Text | None:
        """A Text carrying the values of its placeholders at this moment."""
        return text(key, source, self.values_for(source))

    def _qr(self, key: str, qr):
        from .channels import qr_code

        return qr_code(self, key, qr)

    def _note_flags(self, flags, key) -> None:
        for fl in flags:
            self.flags_shown.setdefault(fl, []).append(key)
            if fl not in self._step_flags:
                self._step_flags.append(fl)

    def skip(self) -> list[Happening]:
        """Fast-forward to the decision (the 'skip' button, and replay)."""
        if self._queue and self.ending is None:
            return self.advance(self._queue[-1].land - self.time)
        return self.advance(0)

    # -- decisions -----------------------------------------------------------

    @property
    def deciding(self) -> bool:
        return self._opened_at is not None and self.ending is None

    @property
    def deadline(self) -> float | None:
        if not (self.deciding and timer_runs(self.step, self.timers)):
            return None
        return self._opened_at + self.step.timeout.after

    def time_left(self) -> float | None:
        d = self.deadline
        return None if d is None else max(0.0, d - self.time)

    def offered(self) -> list[Choice]:
        if not self.deciding:
            return []
        return [c for c in self.scn.offered_choices(self.step) if c.when is None or c.when.holds(self.vars, self.visited)]

    def choice_key(self, c: Choice) -> str:
        return choice_key(self.scn, self.step, c)

    def choose(self, choice_id: str, *, timed_out: bool = False) -> Feedback:
        if not self.deciding:
            raise ChoiceError("no decision is open")
        c = next((c for c in self.offered() if c.id == choice_id), None)
        if c is None:
            raise ChoiceError(f"{choice_id!r} is not offered in step {self.step.id!r}")
        key = self.choice_key(c)
        score = walk.points(c)
        best = walk.best_offered(self.offered())
        responded = list(c.flags)
        if c.help:
            # A help action is offered at every step with the same flags: it is credited only with
            # those the story has shown by now (hanging up on the first call does not "spot" a
            # demand for secrecy nobody has made yet). A step's own choice names what it notices.
            responded = [fl for fl in responded if fl in self.flags_shown or fl in self._step_flags]
        if c.safety != "neutral" and score == best:
            # The best response deals with every red flag in play, even those it does not name.
            responded += [fl for fl in self._step_flags if fl not in responded]
        d = Decision(len(self.log), self.step.id, c.id, c.safety, score, responded,
                     list(self._step_flags), round(self.time - self._opened_at, 3), timed_out,
                     self.time, c.help, best, self.step.genuine)
        self.log.append(d)
        self.score += score
        if c.safety != "neutral":  # a neutral choice is not judged, so it sets no bar either
            self.possible += best
        self.flags_spotted.update(responded)
        self._apply_phone(c, key)
        for name, (value, _mark) in c.set.items():
            self.vars[name] = value
        for name, (value, _mark) in c.add.items():
            self.vars[name] = int(self.vars.get(name) or 0) + value
        consequences = []
        for i, q in enumerate(c.consequences):
            t = self.text_now(f"{key}/consequence/{i}/text", q.text)
            consequences.append(t)
            self.consequences.append((t, q))
            if q.kind == "money" and q.amount:
                self.money_lost += q.amount
        target = walk.resolve_next(c, self.vars, self.visited)
        ending = self.scn.ending(target)
        fb = Feedback(d, c, key, self.text_now(f"{key}/explanation", c.explanation), consequences, target, ending)
        if ending is not None:
            self.ending = ending
            self._opened_at = None
            self.visited.append(ending.id)
        else:
            self._enter(target)
        return fb

    def time_out(self) -> Feedback:
        """Time ran out: nothing is chosen, nothing is sent, nothing is scored. The story goes on
        where the author said it does when nobody answers (`timeout.go`)."""
        if not self.deciding or not self.step.timeout:
            raise ChoiceError("no timed decision is open")
        to = self.step.timeout
        d = Decision(len(self.log), self.step.id, TIMED_OUT, "neutral", 0, [], list(self._step_flags),
                     round(self.time - self._opened_at, 3), True, self.time, False, 0, self.step.genuine)
        self.log.append(d)
        key = timeout_key(self.scn, self.step)
        ending = self.scn.ending(to.go)
        fb = Feedback(d, None, key, self.text_now(f"{key}/text", to.text), [], to.go, ending)
        if ending is not None:
            self.ending = ending
            self._opened_at = None
            self.visited.append(ending.id)
        else:
            self._enter(to.go)
        return fb

    def _apply_phone(self, c: Choice, key: str) -> None:
        """Call effects and the player's words. Words come before a hang-up and after an answer."""
        if c.call in ("decline", "hang_up"):
            self._say(c, key)
        call = self.phone.call
        if c.call == "accept" and call and call.status in ("ringing", "missed"):
            call.status, call.answered_at = "active", self.time
        elif c.call in ("decline", "hang_up") and call and call.live:
            call.status = "declined" if call.status == "ringing" else "ended"
            call.ended_at = self.time
        elif c.call == "dial":
            self.phone.call = Call(c.dial, None, False, None, False, "active", self.time, self.time,
                                   outgoing=True, answered_at=self.time)
        if c.call not in ("decline", "hang_up"):
            self._say(c, key)
        apply_channel_effects(self.phone, c)
        call = self.phone.call
        if call and call.live:
            self.phone.focus = ("call",)
        elif self._reply_thread and (c.say or self.phone.focus[0] not in CHANNEL_FOCUS):
            # back to the conversation, unless the player decided on a page, mail, post, scan or
            # installer and said nothing: the phone stays where the decision was made
            self.phone.focus = ("thread", *self._reply_thread)

    def _say(self, c: Choice, key: str) -> None:
        if not c.say:
            return
        said = self.text_now(f"{key}/say", c.say)
        call = self.phone.call
        if call and call.status == "active":
            call.lines.append(CaptionLine(key, PLAYER, said, self.time, []))
        elif self._reply_thread:
            th = self.phone.thread(*self._reply_thread)
            th.messages.append(Message(key, PLAYER, said, None, None, None, None, None, self.time, []))

    # -- summaries -----------------------------------------------------------

    def _card_verdicts(self) -> dict[str, list[bool]]:
        """What the feedback cards said about each red flag, card by card: {flag: [spotted?, ...]},
        in the order the flags first appeared on a card. A neutral decision shows no card."""
        out: dict[str, list[bool]] = {}
        for d in self.log:
            if d.safety == "neutral":
                continue  # no card (a neutral choice, or time ran out): nothing was judged
            for fl in list(d.flags_shown) + [f for f in d.flags if f not in d.flags_shown]:
                out.setdefault(fl, []).append(fl in d.flags)
        return out

    @property
    def flags_missed(self) -> list[str]:
        """Red flags the last card that named them marked as missed, in order. The debrief never
        contradicts the latest card: a flag missed once and acted on later counts as spotted."""
        return [fl for fl, said in self._card_verdicts().items() if not said[-1]]

    @property
    def flags_caught(self) -> list[str]:
        """Red flags the last card that named them marked as spotted, in order."""
        return [fl for fl, said in self._card_verdicts().items() if said[-1]]

    @property
    def flags_caught_late(self) -> list[str]:
        """Spotted in the end after an earlier card marked them as missed (the debrief says so)."""
        return [fl for fl, said in self._card_verdicts().items() if said[-1] and not all(said)]

    @property
    def flags_missed_late(self) -> list[str]:
        """Missed in the end after an earlier card marked them as spotted."""
        return [fl for fl, said in self._card_verdicts().items() if not said[-1] and any(said)]

    @property
    def percent(self) -> int:
        """Points out of the best available at each decision met (100 = every choice was the safest)."""
        return walk.percent(self.score, self.possible)

    def ending_key(self) -> str | None:
        return ending_key(self.scn, self.ending) if self.ending else None

    def snapshot(self) -> dict:
        """Enough to resume later: the choices made and when."""
        return {
            "scenario": self.scn.id,
            "version": self.scn.version,
            "choices": [{"choice": d.choice, "at": d.at, "timed_out": d.timed_out} for d in self.log],
        }

    @classmethod
    def replay(cls, scenario: Scenario, choices: list, *, timers: bool | str = True) -> Engine:
        """Rebuild an engine from recorded choices; stops quietly at the first that no longer fits."""
        eng = cls(scenario, timers=timers)
        for rec in choices:
            cid, at, timed_out = rec["choice"], rec.get("at"), bool(rec.get("timed_out"))
            eng.skip()
            if not eng.deciding:
                break
            if timed_out and eng.deadline is not None:
                eng.advance(eng.deadline - eng.time)  # time runs out again, exactly as before
                continue
            if cid == TIMED_OUT:
                break  # timers are off now, so the story waits for the player here
            if at is not None and at > eng.time:
                room = (eng.deadline - eng.time) * 0.999 if eng.deadline is not None else at - eng.time
                eng.advance(min(at - eng.time, room))
            if cid not in [c.id for c in eng.offered()]:
                break
            eng.choose(cid, timed_out=timed_out)
        return eng


def timer_runs(step: Step | None, timers) -> bool:
    """Does this step's timer run with these settings (see `timer_mode`)?"""
    if step is None or step.timeout is None:
        return False
    mode = timer_mode(timers)
    return mode == "all" or (mode == "lesson" and step.timeout.lesson)
