"""What the phone is showing (the player's navigation), separate from engine state."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Banner:
    title: str
    text: str
    app: str | None  # look name for the icon colour
    target: tuple | None  # screen to open on tap
    born: float
    ttl: float = 4.0
    style: str = ""  # notification style (bank, otp, install…) for the icon colour
    image: str | None = None  # a notification's picture, shown as a thumbnail
    held: bool = False  # waiting behind a full-screen dialog; slides in once the player leaves it


@dataclass
class PhoneUI:
    screen: tuple = ("lock",)  # ("lock",) ("home",) ("list", app) ("thread", app, contact) ("call",) ("recents",)
    seen: dict = field(default_factory=dict)  # (app, contact) -> messages seen
    scroll: dict = field(default_factory=dict)  # (app, contact) -> px scrolled up from the bottom
    banners: list = field(default_factory=list)
    calls: list = field(default_factory=list)  # engine Call objects met so far (the Phone app's list)
    last_focus: tuple = ("home",)
    call_gone_at: float | None = None  # clock time the current call stopped being live
    now: float = 0.0  # UI clock (real seconds), for animations
    camera_from: tuple | None = None  # the screen whose QR code the camera was opened on (Back returns there)
    top_band: tuple = ((), 0)  # (screen, px): a screen's own top band banners must not cover (call, URL bar)
    arrived: dict = field(default_factory=dict)  # id of a message/notification/email/post -> arrival order
    decided_at: float = -1.0  # UI clock time of the last decision: banners since then stay while the player decides

    def note_arrival(self, h) -> None:
        """Remember the order things landed in: the shade and lock screen order same-time items by it."""
        if h.kind in ("message", "notification", "email", "post"):
            rid = getattr(h.ref, "id", None)
            if rid is not None and rid not in self.arrived:
                self.arrived[rid] = len(self.arrived)

    def open(self, screen: tuple) -> None:
        self.screen = screen

    def decided(self) -> None:
        """A decision was made: the banners kept on screen for it slide out now (banner.kept)."""
        from .banner import SLIDE

        for b in self.banners:
            # kept ones only: not one already gone (a feedback card may have just dismissed it)
            if b.born >= self.decided_at and not b.held and b.ttl - SLIDE < self.now - b.born <= b.ttl:
                b.born = self.now - b.ttl + SLIDE
        self.decided_at = self.now

    def dismiss_banners(self) -> None:
        """Banners leave at once (the shade keeps what they said)."""
        for b in self.banners:
            b.held, b.born = False, self.now - b.ttl - 1.0

    # thread -> (messages counted, incoming among them): threads only grow, so each message is
    # counted once, not at every frame (a 300-message thread was counted 60 times a second)
    _counted: dict = field(default_factory=dict, repr=False, compare=False)

    def incoming(self, thread) -> int:
        """How many of the thread's messages came from others."""
        held, n, inc = self._counted.get(id(thread), (None, 0, 0))
        msgs = thread.messages
        if held is not thread or len(msgs) < n:  # another thread, or one that shrank: count afresh
            n, inc = 0, 0
        if len(msgs) != n or held is not thread:
            inc += sum(1 for m in msgs[n:] if not m.outgoing)
            self._counted[id(thread)] = (thread, len(msgs), inc)  # held, so its id is not reused
        return inc

    def unread(self, threads, app: str | None = None) -> int:
        n = 0
        for key, th in threads.items():
            if app is not None and key[0] != app:
                continue
            n += max(0, self.incoming(th) - self.seen.get(key, 0))
        return n

    def mark_seen(self, key, thread) -> None:
        self.seen[key] = self.incoming(thread)
