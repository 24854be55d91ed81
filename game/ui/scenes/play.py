"""The phone scene: the engine's phone in the middle, choices and feedback beside it.

update() moves the engine clock (never while a feedback card is open); build() only
reads engine state. Decisions are recorded and saved for resume as soon as they are made.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

import pygame

from game.core.engine import Engine
from game.core.progress import replay_snapshot

from .. import items as I
from .. import layout
from ..assets import AssetLoader
from ..panel import choices as choices_panel
from ..panel import feedback, info
from ..phone import banner, call_view, frame, header, home, lock, qr, screens, shade, thread_list
from ..phone.laid import LaidOut
from ..phone.state import Banner, PhoneUI
from ..phone.thread_view import ThreadView
from ..scene import Scene, Since
from ..words import app_name, clock, contact_name

CALL_LINGER = 2.5  # seconds an ended call stays on screen
# Skip ahead sits where the options appear once the decision opens: a click this soon after a
# click on Skip is the second click of an impatient double-click, never a choice.
SKIP_CLICK_GRACE_S = 0.6


class PlayScene(Scene):
    def __init__(self, app, scn, *, resume: dict | None = None, start: str | None = None, watch: Path | None = None,
                 zoom: float = 1.0):
        super().__init__(app)
        app.painter.forget_pictures()  # the last scenario's pictures: memory this one needs
        self.scn = scn
        self.start = start
        self.watch = watch
        self.zoom = zoom
        timers = self._timers_wanted()
        # A saved run that does not replay cleanly starts again (the picker already said so).
        replayed = replay_snapshot(scn, resume, timers) if resume and resume.get("choices") else None
        self.engine = replayed or Engine(scn, timers=timers, start=start)
        # Unlocked unless the author asks for the lock screen: a locked phone kept the story
        # (images, link cards) from players who never thought to unlock it.
        self.phone = PhoneUI(screen=("lock",) if scn.lock_screen else ("home",))
        self.thread_view = ThreadView()
        self.laid = LaidOut()  # inbox and feed rows, laid out once
        self.card = None
        self.card_scroll = 0
        self.choice_scroll = self.choice_max_scroll = 0  # options longer than their panel scroll in it
        self.card_max_scroll = 0
        self.thread_max_scroll = 0
        self.reveal_flags = False
        self._skip_clicked: Since | None = None  # the last click on Skip (see SKIP_CLICK_GRACE_S)
        self._flag_keys: dict[str, list[str]] = {}
        self.assets = AssetLoader()  # images and sounds load off the frame
        qr.warm(scn)  # and QR codes are encoded now, not in the frame that first shows one
        self.mouse = (0, 0)
        self.finished = False
        self._preparing: bool | None = True  # None: preparing screens failed once; not tried again
        self._prepared: set = set()  # screens prepared (prepare) for the look and size in _prepared_for
        self._prepared_for: tuple = ()
        self._prepared_all: tuple = ()  # the state in which everything in reach was prepared
        self._rehearsing = False  # True while prepare builds a screen that is not shown
        self._around_for: tuple = ()  # the state _around last prepared the open screen for
        self._around_left: list = []  # the scrolls it has still to prepare for it
        self.logged = len(self.engine.log)
        self.session = ""
        self._start_session(resume or {})
        if self.engine.log:  # resumed: show where the story is
            self.phone.screen = ("home",)
            if self.engine.phone.call is not None:
                self.phone.calls.append(self.engine.phone.call)
            self._follow(force=True)
        self.watcher = None
        if watch is not None:
            from .watch import Watcher

            self.watcher = Watcher(watch)

    # -- services for the phone screens ----------------------------------------

    def image(self, rel: str | None):
        """A scenario image: None while it loads in the background, a placeholder if it is bad."""
        if not rel:
            return None
        # a screen prepared ahead (prepare) loads no picture: that waits until it is opened
        return self.assets.image(Path(self.scn.path).parent / rel, load=not self._rehearsing)

    def flags_on(self, key: str) -> list[str]:
        """Red flags to highlight on a message or caption while the feedback card is open."""
        return self._flag_keys.get(key, []) if self.card is not None else []

    def highlighted(self, key: str) -> bool:
        return bool(self.flags_on(key))

    def missed_calls(self) -> int:
        return sum(1 for c in self.phone.calls if c.status == "missed")

    def call_choice(self, act: str):
        """The offered choice the phone's call buttons stand for, if any."""
        eng = self.engine
        if not eng.deciding or self.card is not None:
            return None
        offered = eng.offered()
        want = {"accept": ("accept",), "decline": ("decline",), "hang_up": ("hang_up", "decline")}[act]
        c = next((c for c in offered if c.call in want), None)
        if c is None and act in ("hang_up", "decline"):
            c = next((c for c in offered if c.help and c.call == "dial"), None)
        return c

    # -- recording -----------------------------------------------------------

    # Hooks for the classroom and quiz variants.
    recording_mode = "play"

    def _timers_wanted(self) -> bool | str:
        return self.app.prefs.timers

    def _session_nickname(self) -> str:
        return self.app.prefs.nickname

    def _start_session(self, resume: dict) -> None:
        """A new session, or for a resumed run the same session it began (one run, one session)."""
        p, rec = self.app.prefs, self.app.recorder
        who = dict(nickname=self._session_nickname(), class_code=p.class_code, scenario_id=self.scn.id,
                   scenario_version=self.scn.version, mode=self.recording_mode)
        try:
            if self.engine.log and isinstance(resume.get("session"), str) and resume["session"]:
                self.session = rec.resume_session(resume["session"], decisions=list(self.engine.log), **who)
            else:
                self.session = rec.start_session(**who)
        except Exception:  # noqa: BLE001 — recording must never stop play
            self.session = ""

    def _check_log(self) -> None:
        eng, app = self.engine, self.app
        new = eng.log[self.logged:]
        self.logged = len(eng.log)
        for d in new:
            with contextlib.suppress(Exception):  # recording must never stop play
                app.recorder.record_decision(self.session, d)
            if d.safety != "neutral" or d.timed_out:  # time running out is explained too
                self._open_card(d)
        if new:
            self.phone.decided()
        if new and eng.ending is None:
            app.progress.save_run(app.prefs.nickname, {**eng.snapshot(), "session": self.session})
        if eng.ending is not None and not self.finished:
            self.finished = True
            self.app.sounds.stop_ring()
            with contextlib.suppress(Exception):
                app.recorder.finish_session(self.session, ending_id=eng.ending.id, outcome=eng.ending.outcome,
                                            score=eng.score, possible=eng.possible)
            if self.watcher is None:
                app.progress.finish(app.prefs.nickname, self.scn.id, eng.percent)
            if self.card is None:
                self._to_debrief()

    def _open_card(self, d) -> None:
        self.card = feedback.card_for(self.scn, d, self.engine.ending)
        self.card_scroll = 0
        self._flag_keys = {}
        self.reveal_flags = True
        if self.card is None or self.card.choice is None:
            return  # a timeout judged nothing, so it outlines nothing
        for f in list(d.flags_shown) + [f for f in d.flags if f not in d.flags_shown]:
            for key in self.engine.flags_shown.get(f, []):
                self._flag_keys.setdefault(key, [])
                if f not in self._flag_keys[key]:
                    self._flag_keys[key].append(f)
        if self._flag_keys:  # the card points at outlines on the phone: no banner covers them
            self.phone.dismiss_banners()
        self.thread_view.clear()

    def _to_debrief(self) -> None:
        self.app.painter.forget_pictures()  # the debrief shows none of them
        self.app.goto("debrief", self.scn, self.engine, start=self.start, watch=self.watch)

    # -- time ----------------------------------------------------------------

    def update(self, dt: float) -> None:
        self.phone.now += dt
        if self.assets.poll():
            self.app.dirty = True  # an image arrived: draw it
        eng = self.engine
        if self.card is None and eng.ending is None:
            eng.timers = self._timers_wanted()  # a settings change applies at once
            self._happen(eng.advance(dt))
        self._follow()
        call = eng.phone.call
        if not (call and call.status == "ringing"):
            self.app.sounds.stop_ring()
        banner.settle(self)  # which wait behind a dialog, which end (drawing only reads them)
        self.phone.banners = [b for b in self.phone.banners if banner.alive(self, b)]
        if self.phone.screen[0] == "thread":
            key = self.phone.screen[1:]
            th = eng.phone.threads.get(key)
            if th is not None:
                self.phone.mark_seen(key, th)
        screens.mark_seen(self, self.phone.screen)
        if self.watcher is not None and self.watcher.changed(dt):
            self._reload()

    def _happen(self, haps) -> None:
        if not haps:
            return
        self.app.dirty = True
        landed = []
        for h in haps:
            self.phone.note_arrival(h)
            if h.kind == "ring":
                self.phone.calls.append(h.ref)
                self.app.sounds.play("ring", loop=True)
            elif h.kind == "message" and not h.ref.outgoing:
                landed.append(h.ref)
            elif h.kind == "notification":
                self.app.sounds.play("notify")
                if self.phone.screen != ("lock",):
                    n = h.ref
                    app = self.scn.app(n.app) if n.app else None
                    text = self.tr.text(n.text)
                    self.phone.banners.append(Banner(self.tr.text(n.title), text, app.look if app else None,
                                                     ("shade",), self.phone.now, ttl=banner.ttl_for(text),
                                                     style=n.style, image=n.image))
            elif h.kind == "line" and getattr(h.ref, "audio", None):
                self.assets.sound(Path(self.scn.path).parent / h.ref.audio, self.app.sounds.play_loaded)
            elif h.kind in ("email", "post"):
                landed.append(h)
            elif h.kind in ("call_end", "missed"):
                self.app.sounds.stop_ring()
                self.app.sounds.play("end")
        self._follow()
        for m in landed:
            if screens.banner(self, m):
                continue
            self.app.sounds.play("ping")
            key = next((k for k, t in self.engine.phone.threads.items() if m in t.messages), None)
            if key is None or self.phone.screen in (("lock",), ("thread", *key)):
                continue
            app = self.scn.app(key[0])
            title = f"{app_name(self.tr, self.scn, app)} · {contact_name(self.tr, self.scn, m.sender)}"
            body = self.tr.text(m.text) if m.text else self.tr.gettext("Photo")
            self.phone.banners.append(Banner(title, body, app.look if app else None, ("thread", *key), self.phone.now,
                                             ttl=banner.ttl_for(body)))
        self._check_log()

    def _follow(self, force: bool = False) -> None:
        """Move the phone to what the story is about (the engine's focus), as a phone would."""
        ph, eng = self.phone, self.engine
        focus = eng.phone.focus
        call = eng.phone.call
        if focus != ph.last_focus or force:
            ph.last_focus = focus
            if focus[0] == "call":
                ph.screen = ("call",)
            elif focus[0] == "thread" and ph.screen != ("lock",) and not (ph.screen == ("call",) and call and call.live):
                ph.screen = focus
            elif screens.screen_for(focus) and ph.screen != ("lock",) and not (ph.screen == ("call",) and call and call.live):
                ph.screen = screens.screen_for(focus)
        if ph.screen == ("call",):
            if call is None:
                ph.screen = ("home",)
            elif call.live:
                ph.call_gone_at = None
            elif ph.call_gone_at is None:
                ph.call_gone_at = ph.now
            elif ph.now - ph.call_gone_at > CALL_LINGER and self.card is None:
                ph.screen = focus if focus[0] == "thread" else ("home",)
                ph.call_gone_at = None

    def wake_in(self) -> float | None:
        eng = self.engine
        if self.assets.pending():
            return 0.05  # look for finished loads soon
        if self.watcher is not None:
            return 0.5
        if self.card is not None or eng.ending is not None:
            return None
        call = eng.phone.call
        ringing = call is not None and call.status == "ringing" and not self.app.prefs.reduced_motion
        left = eng.time_left()
        slide = banner.next_change(self)  # 0 while a banner slides, else seconds until one starts to leave
        if left is not None:
            if ringing:
                return 0
            # a countdown: wake when the next digit, bar step or minute is due, not 60 times a second
            return min(choices_panel.countdown_wake(self, left, eng.step.timeout.after),
                       60 - eng.time % 60 + 0.001, slide if slide is not None else 60)
        if slide == 0:
            return 0
        if not eng.deciding:
            # waiting for the next event: animate typing dots and ringing, otherwise 10 frames a second
            scr = self.phone.screen
            th = eng.phone.threads.get(scr[1:]) if scr[0] == "thread" else None
            moving = (th is not None and th.typing) or (call is not None and call.status == "ringing")
            return 0 if moving and not self.app.prefs.reduced_motion else 0.1
        if call is not None and call.status == "ringing" and not self.app.prefs.reduced_motion:
            return 0
        if self.phone.screen == ("call",) and call is not None and (call.live or self.phone.call_gone_at is not None):
            return min(0.25, slide) if slide is not None else 0.25
        return slide

    # -- actions -------------------------------------------------------------

    def choose(self, cid: str) -> None:
        eng = self.engine
        if self.card is not None or not eng.deciding or cid not in [c.id for c in eng.offered()]:
            return
        eng.choose(cid)
        self.app.dirty = True
        call = eng.phone.call
        if call is not None and call not in self.phone.calls:
            self.phone.calls.append(call)
        self._follow()
        self._check_log()

    def numbered(self) -> list:
        """Offered choices in the panel's order (own choices, then help actions)."""
        offered = self.engine.offered()
        return [c for c in offered if not c.help] + [c for c in offered if c.help]

    def activate(self, action) -> None:
        if not isinstance(action, tuple):
            return
        kind = action[0]
        clicked = getattr(self, "_clicking", False)
        if kind in ("choose", "call") and clicked and self._skip_clicked is not None and \
                self._skip_clicked.seconds(self.phone.now) < SKIP_CLICK_GRACE_S:
            return  # the second click of an impatient double-click on Skip, landing on an option just shown
        if kind == "skip" and clicked:
            self._skip_clicked = Since(self.phone.now)
        if kind == "choose":
            self.choose(action[1])
        elif kind == "skip":
            if self.card is None and not self.engine.deciding:
                self._happen(self.engine.skip())
        elif kind == "continue":
            self.card = None
            self._flag_keys = {}
            self.thread_view.clear()
            if self.engine.ending is not None:
                self._to_debrief()
        elif kind == "call":
            if self.card is None and not self.engine.deciding:
                self._happen(self.engine.skip())  # hanging up means: stop listening, decide now
            c = self.call_choice(action[1])
            if c is not None:
                self.choose(c.id)
        elif kind == "phone":
            self._phone_action(action[1:])
        self.app.dirty = True

    def _phone_action(self, a) -> None:
        ph = self.phone
        what = a[0]
        if what == "home" or what == "unlock":
            ph.screen = ("home",)
        elif what == "open":
            screens.opened(ph, tuple(a[1]))
            ph.screen = tuple(a[1])
            ph.banners = []
        elif what == "back":
            scr = ph.screen
            ph.screen = ("list", scr[1]) if scr[0] == "thread" else screens.back(scr, ph)
        elif what == "scroll_end" and ph.screen[0] == "thread":
            ph.scroll[ph.screen[1:]] = 0

    def scroll_thread(self, dy: float) -> None:
        ph = self.phone
        if screens.handles(ph.screen):
            screens.scroll(self, dy)
        if ph.screen[0] not in ("thread", "shade"):
            return
        key = ph.screen[1:] if ph.screen[0] == "thread" else ph.screen
        ph.scroll[key] = int(max(0, min(self.thread_max_scroll, ph.scroll.get(key, 0) + dy)))

    def scroll_card(self, dy: float) -> None:
        self.card_scroll = int(max(0, min(self.card_max_scroll, self.card_scroll + dy)))

    def _over_long_choices(self) -> bool:
        """The mouse is over an options panel too long for the window (it scrolls, like a card)."""
        return self.card is None and self.choice_max_scroll > 0 and self.lay().right.collidepoint(self.mouse)

    def scroll_choices(self, dy: float) -> None:
        self.choice_scroll = int(max(0, min(self.choice_max_scroll, self.choice_scroll + dy)))

    def handle_event(self, ev) -> bool:
        self._clicking = ev.type == pygame.MOUSEBUTTONDOWN
        if ev.type == pygame.MOUSEMOTION:
            self.mouse = ev.pos
            return False
        s = self.app.scale
        if ev.type == pygame.MOUSEWHEEL:
            lay = self.lay()
            if self.card is not None and lay.right.collidepoint(self.mouse):
                self.scroll_card(-ev.y * 50 * s)
            elif self._over_long_choices():
                self.scroll_choices(-ev.y * 50 * s)
            else:
                self.scroll_thread(ev.y * 50 * s)
            return True
        if ev.type == pygame.KEYDOWN:
            k = ev.key
            if k == pygame.K_ESCAPE:
                self.app.push_named("pause", self)
                return True
            if self.card is not None:
                if k in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
                    self.scroll_card((1 if k == pygame.K_PAGEDOWN else -1) * 200 * s)
                    return True
                if k in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.focus is None:
                    self.activate(("continue",))
                    return True
            else:
                num = _number(k)
                if num is not None:
                    opts = self.numbered()
                    if 0 < num <= len(opts):
                        self.choose(opts[num - 1].id)
                    return True
                if k == pygame.K_SPACE and not self.engine.deciding:
                    self.activate(("skip",))
                    return True
            if k in (pygame.K_PAGEDOWN, pygame.K_PAGEUP) and self._over_long_choices():
                self.scroll_choices((1 if k == pygame.K_PAGEDOWN else -1) * 200 * s)
                return True
            if k in (pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END):
                step = {pygame.K_PAGEUP: 1, pygame.K_PAGEDOWN: -1}.get(k)
                if step is not None:
                    self.scroll_thread(step * 200 * s)
                elif self.phone.screen[0] in ("thread", "shade"):
                    key = self.phone.screen[1:] if self.phone.screen[0] == "thread" else ("shade",)
                    self.phone.scroll[key] = self.thread_max_scroll if k == pygame.K_HOME else 0
                elif screens.handles(self.phone.screen):
                    screens.scroll_to(self, k == pygame.K_HOME)
                return True
            if k == pygame.K_BACKSPACE:
                self.activate(("phone", "back"))
                return True
        return super().handle_event(ev)

    def default_action(self):
        return ("continue",) if self.card is not None else None

    def focusables(self) -> list:
        """The options panel (or the card's buttons) first, then the phone's buttons in sight: the
        first Tab or Down lands where the student is looking, and the ring is never on a button
        scrolled out of the phone's screen (the panel scrolls its focused option into view)."""
        items = super().focusables()
        panel = [i for i in items if i.area != "phone"]
        phone = [i for i in items if i.area == "phone" and _in_sight(i)]
        return panel + phone

    def move_focus(self, step: int) -> None:
        focusables = self.focusables()
        if self.focus not in [i.action for i in focusables]:
            # nothing focused, or what was is gone or out of sight: start at the panel's first
            # option (Up: its last), as the player reads the panel
            panel = [i.action for i in focusables if i.area != "phone"]
            if panel:
                self.focus = panel[0 if step > 0 else -1]
                return
        super().move_focus(step)

    # -- watch mode ----------------------------------------------------------

    def _reload(self) -> None:
        from .watch import reload_scene

        reload_scene(self.app, self.watch, self.engine.snapshot()["choices"], self.start, replace_top=True)

    # -- render model --------------------------------------------------------

    def still(self):
        """What the model shows apart from the scroll of a conversation, inbox or feed and a timer's
        countdown (its own run: panel/choices._countdown), while nothing else moves by itself: a
        decision, no card, banner, call, typing, picture still loading or watched file (Scene.still).
        None otherwise, and for variants that build more."""
        eng, ph, app = self.engine, self.phone, self.app
        scr = ph.screen
        if scr[0] not in ("thread", "mail", "feed") or type(self).build is not PlayScene.build or self.card is not None \
                or ph.banners or self.watcher is not None or not eng.deciding or self.assets.pending():
            return None
        call = eng.phone.call
        if call is not None and (call.live or call.status == "ringing"):
            return None
        th = eng.phone.threads.get(scr[1:]) if scr[0] == "thread" else None
        if th is not None and th.typing:
            return None
        return (scr, self.choice_scroll, self.zoom, app.size, app.scale, app.theme, app.tr,
                app.fonts.body_px, app.prefs.timers, app.prefs.reduced_motion, eng.step, len(eng.log),
                clock(eng.time, eng.scn.clock_minutes), self.assets.arrived, len(ph.arrived), len(ph.calls),
                tuple(ph.seen.items()), len(th.messages) if th is not None else -1,
                tuple(m.folder for m in eng.phone.emails), len(eng.phone.posts))

    def lay(self):
        return layout.compute(self.app.size, self.app.scale, self.zoom)

    def build(self):
        lay = self.lay()
        th = self.theme
        scr = self.phone.screen
        shown = self._phone(lay, scr)
        out = list(shown)
        rect = frame.content_rect(lay, self.fonts)
        call = self.engine.phone.call
        if call is not None and call.live and scr[0] != "call":
            # like a real phone: a green strip leads back to the call
            h = self.fonts.line_height("small") + 8
            strip = pygame.Rect(rect.left + 8, rect.bottom - h - 6, rect.w - 16, h)
            label = self.tr.gettext("Ringing: tap to answer") if call.status == "ringing" else \
                self.tr.gettext("Back to the call")
            out.append(I.button(strip, label, ("phone", "open", ("call",)), th["accept"], (255, 255, 255), role="small",
                                align="center", radius=h // 2, layer=4, group="callbar", area="phone"))
        # a conversation, a list or the shade keeps its header (who you are talking to) in sight
        below = header.header_height(self.fonts, self.app.scale) if scr[0] in ("list", "recents", "shade", "thread", *screens.WITH_HEADER) else 0
        out += banner.build(self, rect, below)
        if self.card is not None:
            flag = th["flag"]
            outlined = any(it.border and it.border_colour == flag and _in_sight(it) for it in shown)
            out += feedback.build(self, lay.right, self.card, outlined)
        else:
            out += choices_panel.build(self, lay.right)
        out += info.build(self, lay.left)
        self.phone_rect = lay.screen
        return out


    def _phone(self, lay, scr: tuple) -> list:
        """The phone's frame and status bar, and the screen `scr` (no banners: see prepare)."""
        th = self.theme
        dark = scr[0] in ("lock", "home", "call", "scan", "camera")
        bg = th["call_bg"] if scr[0] in ("call", "scan", "camera") else th["lock_bg"] if dark else th["screen"]
        out = frame.build(self, lay, dark, bg)
        body = self._body(frame.content_rect(lay, self.fonts), scr)
        for it in body:
            it.area = "phone"
        return out + body

    def _body(self, rect: pygame.Rect, scr: tuple) -> list:
        """The phone screen `scr`'s own items."""
        if scr[0] == "lock":
            return lock.build(self, rect)
        if scr[0] == "home":
            return home.build(self, rect)
        if scr[0] == "list":
            return thread_list.build(self, rect, scr[1])
        if scr[0] == "recents":
            return thread_list.build_recents(self, rect)
        if scr[0] == "shade":
            return shade.build(self, rect)
        if scr[0] == "thread":
            return self.thread_view.build(self, rect, scr[1], scr[2])
        if screens.handles(scr):
            return screens.build(self, rect, scr)
        return call_view.build(self, rect)

    # -- idle turns ----------------------------------------------------------

    def prepare(self) -> bool:
        """Lay out and paint, off screen, one screen the player can open now that has not been
        prepared (screens.within_reach): its text is then measured, wrapped and rendered, and its
        rows laid out, so the frame that opens it costs what opening it again costs. Then the open
        screen a screenful up and down (_around). The scene's own state is left as it was. Returns
        whether more is left to prepare."""
        if self._preparing is None or self.card is not None or self.finished:
            return False
        app, landed = self.app, self.engine.phone
        owner = (app.size, app.scale, app.theme, app.tr, app.fonts.body_px, self.assets.arrived)
        if owner != self._prepared_for:  # a new look, size or picture: what was prepared is out of date
            self._prepared_for, self._prepared = owner, set()
        # what within_reach, _version and _around depend on: while it stays the same after all was
        # prepared, an idle turn (30 a second while the player reads) costs this tuple and nothing more
        state = (owner, len(landed.emails), len(landed.posts), len(landed.pages), len(landed.scans),
                 len(landed.installs), sum(len(t.messages) for t in landed.threads.values()), self._mails_read(),
                 self.phone.screen,
                 frozenset(self.phone.scroll.items()))
        if state == self._prepared_all:
            return False
        todo = [t for t in screens.within_reach(self) if (t, self._version(t)) not in self._prepared]
        if not todo:
            if self._around(state):
                return self._preparing is not None
            self._prepared_all = state
            return False
        target = todo[0]
        self._prepared.add((target, self._version(target)))

        def build():
            self.phone.screen = target
            # the frame and the screen, not the banners: those shown now are in the caches already
            return self._phone(self.lay(), target)

        self._offstage(build, target)
        return self._preparing is not None  # more targets, or the open screen around its view

    def _around(self, state: tuple) -> bool:
        """The open conversation, inbox or feed a screenful up and then down (the wheel, Page Up and
        Down), prepared one per call: the first scroll through rows never shown then paints them from
        the caches. False when both are done for this state."""
        scr = self.phone.screen
        if scr[0] not in ("thread", "mail", "feed"):
            return False
        if self._around_for != state:
            # the phone's view's height: the rows just below (or above) the ones in sight, no gap between
            # (the side panel's views, a long option list or the countdown, are not the phone's)
            phone = getattr(self, "phone_rect", None)
            h = max((v[3] for v in self.scrolls if phone is not None and phone.contains(v)), default=0)
            self._around_for, self._around_left = state, [h, -h] if h else []
        if not self._around_left:
            return False
        dy = self._around_left.pop()

        def build():
            self.scroll_thread(dy)
            return self._phone(self.lay(), scr)

        self._offstage(build, (scr, dy))
        return True

    def _offstage(self, build, what) -> None:
        """Paint build()'s items where nothing shows (Painter.rehearse), then put back all that
        building may change: the scene's fields, the phone's (its screen, the band banners slide
        under) and its scroll offsets (a screen's build clamps its own; the About sheet shares the
        feed's). A failure stops preparing for this scene: opening the screen will show what is wrong."""
        ph = self.phone
        kept, phone, scroll = dict(self.__dict__), dict(ph.__dict__), dict(ph.scroll)
        self._rehearsing = True
        self.scrolls, self._contents = {}, {}  # filled in place by the screen's views: not this frame's
        try:
            self.app.painter.rehearse(build())
        except Exception:  # noqa: BLE001 - a head start is never worth a crash
            logging.getLogger(__name__).exception("preparing %r failed", what)
            kept["_preparing"] = None
        finally:
            self.__dict__.clear()
            self.__dict__.update(kept)
            ph.__dict__.clear()
            ph.__dict__.update(phone)
            ph.scroll.clear()
            ph.scroll.update(scroll)

    def _version(self, target: tuple) -> tuple:
        """What changes a screen once it has landed: a list's length (and an inbox's read rows)."""
        ph = self.engine.phone
        if target[0] == "mail":
            return len(ph.emails), self._mails_read()
        if target[0] == "feed":
            return (len(ph.posts),)
        if target[0] == "thread":
            th = ph.threads.get(target[1:])
            return (len(th.messages) if th is not None else 0,)
        return ()

    def _mails_read(self) -> int:
        return sum(1 for k in self.phone.seen if k[0] == "mail")


def _in_sight(it) -> bool:
    """Some of the item shows: not wholly clipped away by its view."""
    if it.clip is None:
        return it.rect.w > 0 and it.rect.h > 0
    r = it.rect.clip(it.clip)
    return r.w > 0 and r.h > 0


def _number(key) -> int | None:
    if pygame.K_1 <= key <= pygame.K_9:
        return key - pygame.K_0
    if pygame.K_KP1 <= key <= pygame.K_KP9:
        return key - pygame.K_KP1 + 1
    return None
