"""Drive the real app headless: post pygame events, step with a fixed dt, read what was drawn."""

from __future__ import annotations

import itertools

import pygame

from game.core.progress import Progress
from game.ui.app import App


class Driver:
    def __init__(self, data_dir, lang="en", size=(1280, 720), text_size="medium", timers=True, **kw):
        progress = Progress(data_dir / "progress.json")
        progress.prefs.text_size = text_size
        progress.prefs.timers = timers
        progress.prefs.nickname = progress.prefs.nickname or "Tester"
        self.app = App(lang=lang, size=size, progress=progress, **kw)
        self.drawing = True  # False: step only (faster); call draw() when the screen matters
        pygame.event.clear()

    # -- time and input ------------------------------------------------------

    def frame(self, dt: float = 0.05) -> None:
        self.app.step(dt)
        if self.drawing:
            self.draw()

    def draw(self) -> None:
        if self.app.stack:
            self.app.draw()

    def key(self, k, mod=0, dt=0.05) -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))
        self.frame(dt)

    def type(self, text: str) -> None:
        for ch in text:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
        self.frame()

    def click(self, pos, dt=0.05) -> None:
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=tuple(pos)))
        self.frame(dt)

    def wheel(self, y: int) -> None:
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False))
        self.frame()

    # -- what the player sees ------------------------------------------------

    @property
    def scene(self):
        return self.app.top

    @property
    def name(self) -> str:
        return type(self.app.top).__name__

    def texts(self) -> list[str]:
        return [d.text for d in self.app.painter.drawn]

    def screen_text(self) -> str:
        """All text as a reader sees it (a no-break space reads as a space)."""
        return "\n".join(self.texts()).replace("\u00a0", " ")

    def button(self, label: str):
        for it in self.scene.items:
            if it.kind == "button" and it.clickable and it.text == label:
                return it
        raise AssertionError(f"no button {label!r} in {[i.text for i in self.scene.items if i.kind == 'button']}")

    def click_button(self, label: str) -> None:
        self.click(self.button(label).rect.center)

    def click_action(self, action) -> None:
        for it in sorted(self.scene.items, key=lambda i: -i.layer):
            if it.clickable and it.action == action:
                visible = it.rect.clip(it.clip) if it.clip is not None else it.rect
                self.click(visible.center)
                return
        raise AssertionError(f"no clickable {action!r}")

    def play_by_keys(self, decide, limit=4000, look=None) -> None:
        """Play the open PlayScene as a keyboard player would: Enter past feedback cards,
        `decide(scene)` at each decision, Space to skip ahead; returns when the scene is left.
        `look(scene)`, if given, sees every turn before the key is pressed."""
        for _ in itertools.repeat(None, limit):
            if self.name != "PlayScene":
                return
            sc = self.scene
            if look is not None:
                look(sc)
            if sc.card is not None:
                self.key(pygame.K_RETURN)
            elif sc.engine.deciding:
                decide(sc)
            else:
                self.key(pygame.K_SPACE, dt=0.2)

    def run_until(self, pred, limit=4000, dt=0.1) -> None:
        for _ in itertools.repeat(None, limit):
            if pred():
                return
            self.frame(dt)
        raise AssertionError("condition never met")


def rect_inside(inner, outer) -> bool:
    return outer.contains(inner) or inner.w == 0 or inner.h == 0


def layout_problems(scene, phone_screen=None) -> list[str]:
    """Overlapping buttons/bubbles/cards in one layer, and phone items outside the phone."""
    out = []
    groups: dict = {}
    window = pygame.Rect((0, 0), pygame.display.get_surface().get_size()) if pygame.display.get_surface() else None
    fonts = getattr(getattr(scene, "app", None), "fonts", None)
    for it in scene.items:
        if fonts is not None and it.kind == "text" and it.text and it.rect.w > 0:
            h = fonts.measure(it.text, it.role, it.rect.w)[1]
            if h > it.rect.h + 2:
                out.append(f"text spills out of its box: {it.text!r} needs {h}px, has {it.rect.h}px (layer {it.layer}, {it.area}, w {it.rect.w})")
        if window is not None and it.clickable and it.clip is None and not window.contains(it.rect):
            out.append(f"off screen: {it.text!r} {it.rect}")
        vis = it.rect.clip(it.clip) if it.clip is not None else it.rect
        if it.group in ("button", "bubble", "card", "caption", "call_button", "app_icon", "row", "notification",
                        "topbar", "field") and vis.w > 0 and vis.h > 0:
            groups.setdefault((it.layer, it.group), []).append((vis, it))
        if (phone_screen is not None and it.area == "phone" and vis.w > 0 and vis.h > 0
                and not phone_screen.inflate(2, 2).contains(vis)):
            out.append(f"outside phone: {it.kind} {it.text!r} {vis} not in {phone_screen}")
    for (layer, group), rects in groups.items():
        for (a, ia), (b, ib) in itertools.combinations(rects, 2):
            if a.colliderect(b):
                out.append(f"overlap in {group}@{layer}: {ia.text!r} {a} / {ib.text!r} {b}")
    return out
