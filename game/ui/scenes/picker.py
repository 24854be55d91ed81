"""The scenario picker: one card per file; files that fail lint show as disabled cards."""

from __future__ import annotations

import time

import pygame

from .. import items as I
from ..kit import button_height
from ..notices import notice_lines
from ..scene import Scene
from ..words import difficulty_text, scn_list, scn_text, tag_names

PREPARE_S = 0.004  # an idle turn's share of preparing: what a frame at 60 Hz leaves spare, about
WHEEL_STEP = 60  # px at scale 1 a mouse-wheel notch scrolls the grid (handle_event)


class PickerScene(Scene):
    def __init__(self, app):
        super().__init__(app)
        self.scroll = 0
        self.max_scroll = 0
        self._replays: dict = {}
        self._cards: dict = {}  # see _card_cached
        self.order: list = []  # every focusable action, in Tab order (top bar, then every card, on screen or not)
        self.grid: dict = {}  # card action -> (row, column), for the arrow keys
        self.spans: dict = {}  # focusable card action -> (top, bottom) in the scrolled content
        self.cols = 1
        self.focus_set = False  # the first card takes the focus once, when the picker first lays out
        self._grid = None  # (cards placed, row heights, view) of the last layout, for prepare
        self._ahead_key: tuple = ()
        self._ahead: list = []  # the cards a key press would bring into sight (prepare)
        self._ahead_done = 0

    def build(self):
        app, th, fonts, tr, s = self.app, self.theme, self.fonts, self.tr, self.app.scale
        cat = app.get_catalog()
        W, H = app.size
        out = []
        pad = int(28 * s)
        # top bar
        bar_h = fonts.line_height("button") * 2 + int(16 * s)
        out.append(I.icon((pad, pad, int(30 * s), int(34 * s)), "shield", th["accent"]))
        out.append(I.text((pad + int(42 * s), pad - int(4 * s), W // 2, bar_h), "Lá Chắn", th["text"], "h1"))
        nick = app.prefs.nickname or "?"
        out.append(I.text((pad + int(42 * s), pad + fonts.line_height("h1") - int(2 * s), W // 2, bar_h),
                          tr.gettext("Player: {name}").format(name=nick)
                          + (f" · {app.prefs.class_code}" if app.prefs.class_code else ""), th["muted"], "small"))
        x = W - pad
        topbar: list = []
        from ..quiz.flow import finish_label

        finish = finish_label(app)  # the pre/post check's "finish" button, when a trainer switched it on
        for label, action in ((tr.gettext("Settings"), "settings"), (tr.gettext("Language"), "language"),
                              (tr.gettext("Change player"), "player"), *([(finish, "quiz_post")] if finish else [])):
            bw = fonts.get("button").size(label)[0] + int(36 * s)
            x -= bw
            out.append(I.button((x, pad, bw, fonts.line_height("button") * 2), label, action, th["button"],
                                th["button_text"], align="center", group="topbar"))
            topbar.insert(0, action)
            x -= int(10 * s)
        if app.recorder.warning:
            from ..quiz.flow import results_warning

            out.append(I.text((pad, pad + bar_h, W - 2 * pad, 40), results_warning(tr, app.recorder), th["risky"],
                              "small"))
        top = pad + bar_h + int(20 * s)
        notices = notice_lines(tr)  # damaged player files that were set aside at start-up
        if notices:
            nh = fonts.measure("\n".join(notices), "small", W - 2 * pad)[1]
            out.append(I.text((pad, top, W - 2 * pad, nh), "\n".join(notices), th["risky"], "small"))
            top += nh + int(8 * s)
        view = pygame.Rect(pad, top, W - 2 * pad, H - top - pad)
        cols = max(1, min(3, view.w // int(360 * s)))
        gap = int(16 * s)
        cw = (view.w - gap * (cols - 1)) // cols
        heights = []
        cards = []
        for e in cat.entries:
            cards.append(self._card_cached(e, cw))
        for row in range(0, len(cards), cols):
            heights.append(max(h for _items, h in cards[row:row + cols]))
        y = 0  # each card's top in the scrolled content
        self.grid, self.spans, self.cols = {}, {}, cols
        card_order: list = []
        placed = []  # (items, x, top in the content, row)
        for i, (its, _h) in enumerate(cards):
            r, c = divmod(i, cols)
            if c == 0 and r > 0:
                y += heights[r - 1] + gap
            placed.append((its, view.left + c * (cw + gap), y, r))
            for it in its:
                if it.kind == "button" and it.clickable and it.action not in self.spans:
                    top = y + (it.rect.top if it.group == "card_button" else 0)
                    bottom = top + (heights[r] if it.group == "card" else it.rect.h)
                    self.spans[it.action] = (top, bottom)
                    card_order.append(it.action)
                    if it.group == "card":
                        self.grid[it.action] = (r, c)

        def in_sight():
            """(offset, the cards in sight, nothing else) for the scroll now."""
            got = []
            for its, ox, top, r in _in_sight(placed, heights, view, self.scroll):
                oy = view.top - self.scroll + top
                for it in map(I.clone, its):  # only the cards in sight are copied and placed
                    it.rect.move_ip(ox, oy)
                    if it.kind == "button" and it.group == "card":
                        it.rect.h = heights[r]
                    it.clip = view
                    got.append(it)
            return self.scroll, got, None

        # built again on its own while the player only scrolls or moves the focus (Scene.in_view)
        out += self.in_view(view, in_sight, lambda: (self.scroll, None))
        self._grid = (placed, heights, view)
        self.order = topbar + card_order
        if not self.focus_set and self.grid:
            self.focus_set = True
            self.focus = next(iter(self.grid))
        total = sum(heights) + gap * max(0, len(heights) - 1)
        self.max_scroll = max(0, total - view.h)
        self.view = view
        if not cat.entries:
            out.append(I.text(view, tr.gettext("No scenarios found in the scenarios folder."), th["text"], "title"))
        return out

    def prepare(self) -> bool:
        """An idle turn's head start (Scene.prepare): the text of the cards a key press would bring
        into sight (Tab, Shift+Tab, a wheel step), rendered into the caches for up to PREPARE_S, so
        the frame that scrolls to them paints from the caches. The picker's slowest frames had been
        those: the text of all its cards is more than the text cache holds, so walking the whole
        grid renders some again."""
        key = (self.scroll, self.focus, id(self._grid))
        if key != self._ahead_key:
            self._ahead_key, self._ahead, self._ahead_done = key, self._cards_ahead(), 0
        until = time.perf_counter() + PREPARE_S
        while self._ahead_done < len(self._ahead) and time.perf_counter() < until:
            self.app.painter.rehearse(self._ahead[self._ahead_done])
            self._ahead_done += 1
        return self._ahead_done < len(self._ahead)

    def _cards_ahead(self) -> list:
        """The remembered items of each card out of sight now that a key press would show."""
        if self._grid is None:
            return []
        placed, heights, view = self._grid
        scrolls = [self.scroll - WHEEL_STEP * self.app.scale, self.scroll + WHEEL_STEP * self.app.scale]
        if self.focus in self.order:
            i = self.order.index(self.focus)
            steps = [self.order[(i + 1) % len(self.order)], self.order[(i - 1) % len(self.order)]]
        else:
            acts = [a for a in self.order if a in self.spans]
            steps = acts[:1] + acts[-1:]
        scrolls += [self._reveal_dy(a) + self.scroll for a in steps if a in self.spans]
        now = {id(p[0]) for p in _in_sight(placed, heights, view, self.scroll)}
        out: dict = {}
        for sc in scrolls:
            for its, *_ in _in_sight(placed, heights, view, max(0, min(self.max_scroll, int(sc)))):
                if id(its) not in now:
                    out.setdefault(id(its), its)
        return list(out.values())

    def still(self):
        """Everything the picker shows but its grid's scroll and the focus (Scene.still): the look,
        the player, the top bar, the notices and each card's scenario and saved progress."""
        app = self.app
        from ..quiz.flow import finish_label

        return (app.size, app.scale, app.tr, app.theme, app.prefs.text_size, app.prefs.nickname, app.prefs.class_code,
                app.recorder.warning, finish_label(app), tuple(notice_lines(app.tr)), app.get_catalog(),
                tuple(app.get_catalog().entries), self.max_scroll, self.focus_set,
                tuple(self._card_key(e, 0)[2:] for e in app.get_catalog().entries))

    def _card_key(self, e, w) -> tuple:
        app = self.app
        nick, scn = app.prefs.nickname, e.card
        snap = app.progress.run(nick, scn.id, scn.version) if e.ok and scn is not None else None
        return (id(e), w, id(app.tr), id(app.theme), app.prefs.text_size, app.scale, nick,
                app.progress.best(nick, scn.id) if e.ok and scn is not None else None,
                id(snap), len((snap or {}).get("choices") or ()))

    def _card_cached(self, e, w):
        """`_card`, remembered: a card changes only with its scenario, width, language, look, text
        size, player and saved progress, while focus and scrolling rebuild the grid every frame."""
        app = self.app
        key = self._card_key(e, w)
        got = self._cards.get(key)
        if got is None:
            if len(self._cards) > 4 * max(1, len(app.get_catalog().entries)):
                self._cards.clear()
            got = self._cards[key] = self._card(e, w)
        return got  # the remembered items: copy them (I.clone) before moving or focusing them

    def _card(self, e, w):
        """Items for one card at (0, 0), and its height."""
        th, fonts, tr, s, app = self.theme, self.fonts, self.tr, self.app.scale, self.app
        pad = int(16 * s)
        out = []
        y = pad
        iw = w - 2 * pad

        def add_text(txt, colour, role):
            nonlocal y
            _tw, h = fonts.measure(txt, role, iw)
            out.append(I.text((pad, y, iw, h), txt, colour, role, layer=1))
            y += h + int(6 * s)

        scn = e.card  # what the card shows; the whole scenario (e.scenario) is built again on demand
        if not e.ok:
            out.append(I.button((0, 0, w, 10), None, ("broken", e.id), th["disabled"], th["disabled_text"],
                                enabled=False, group="card", radius=int(14 * s)))
            add_text(scn_text(tr, scn, "title") if scn is not None and scn.title else e.path.name, th["disabled_text"], "title")
            add_text(tr.gettext("This scenario has an error and cannot be played:"), th["panel_text"], "strong")
            add_text(e.error or "", th["unsafe"], "small")
            return out, y + pad
        nick = app.prefs.nickname
        snap = app.progress.run(nick, scn.id, scn.version)
        resumable = bool(snap) and self._resumable(e, snap)
        # a card with a saved run resumes it, as its button says: Enter or a click on the card had
        # started it again and dropped the save (a student lost their place; the pause menu restarts)
        out.append(I.button((0, 0, w, 10), None, ("resume" if resumable else "play", e.id), th["card"], th["panel_text"],
                            group="card", radius=int(14 * s), border=2, border_colour=th["card_border"]))
        add_text(scn_text(tr, scn, "title"), th["panel_text"], "title")
        add_text(scn_text(tr, scn, "summary"), th["panel_muted"], "small")
        meta = " · ".join([
            difficulty_text(tr, scn.difficulty),
            tr.ngettext("{n} minute", "{n} minutes", scn.minutes).format(n=scn.minutes),
        ])
        add_text(meta, th["panel_text"], "label")
        tags = tag_names(tr, app.get_taxonomy(), scn.tags)
        if tags:
            add_text(" · ".join(tags), th["accent"] if not th.high_contrast else th["panel_muted"], "tiny")
        best = app.progress.best(nick, scn.id)
        if best is not None:
            ih = fonts.line_height("label")
            out.append(I.icon((pad, y + 2, ih - 4, ih - 4), "safe", th["safe"], layer=1))
            out.append(I.text((pad + ih + 2, y, iw - ih, ih), tr.gettext("Completed · best {pct}%").format(pct=best),
                              th["safe"], "label", layer=1))
            y += ih + int(6 * s)
        if scn.content_warnings:
            add_text(tr.gettext("Content note: {text}").format(text="; ".join(scn_list(tr, scn, "content_warnings"))),
                     th["risky"], "tiny")
        if snap:
            if resumable:
                label, action = tr.gettext("Resume where you stopped"), ("resume", scn.id)
            else:  # a damaged saved run: say so, and offer a fresh start instead of a crash
                label, action = tr.gettext("Start again (the saved game could not be resumed)"), ("play", scn.id)
            bh = max(fonts.line_height("button") + int(16 * s), button_height(fonts, label, "button", iw))
            out.append(I.button((pad, y, iw, bh), label, action,
                                th["accent"], th["accent_text"], layer=1, group="card_button", align="center"))
            y += bh + int(6 * s)
        return out, y + pad

    def _resumable(self, e, snap) -> bool:
        """Whether a saved run replays cleanly (tried once per run, then remembered)."""
        from game.core.progress import replay_snapshot

        key = (e.id, len(snap.get("choices") or ()), id(snap))
        ok = self._replays.get(key)
        if ok is None:
            ok = self._replays[key] = replay_snapshot(e.scenario, snap, timers=False) is not None
        return ok

    def handle_event(self, ev) -> bool:
        if ev.type == pygame.MOUSEWHEEL:
            self._scroll(-ev.y * WHEEL_STEP * self.app.scale)
            return True
        if ev.type == pygame.KEYDOWN:
            if ev.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
                self._scroll((1 if ev.key == pygame.K_PAGEDOWN else -1) * self.view.h * 0.8)
                return True
            if ev.key == pygame.K_ESCAPE:
                self.activate("player")
                return True
            if self._keyboard(ev):
                return True
        used = super().handle_event(ev)
        if used and ev.type == pygame.KEYDOWN:
            self._reveal_focus()
        return used

    def _keyboard(self, ev) -> bool:
        """Tab walks every card (those scrolled out of sight too), the arrows walk the grid,
        Enter opens the focused card; the focused card is scrolled into view."""
        self.laid_out()
        k = ev.key
        if k == pygame.K_TAB and self.order:
            step = -1 if ev.mod & pygame.KMOD_SHIFT else 1
            i = self.order.index(self.focus) if self.focus in self.order else (-1 if step > 0 else 0)
            self.focus = self.order[(i + step) % len(self.order)]
        elif k in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN) and self.grid:
            cards = list(self.grid)
            if self.focus not in self.grid:
                self.focus = cards[0]
            else:
                r, c = self.grid[self.focus]
                dr, dc = {pygame.K_LEFT: (0, -1), pygame.K_RIGHT: (0, 1), pygame.K_UP: (-1, 0),
                          pygame.K_DOWN: (1, 0)}[k]
                if dc:  # left and right run on along the rows, as reading does
                    self.focus = cards[max(0, min(len(cards) - 1, cards.index(self.focus) + dc))]
                else:
                    want = (r + dr, c)
                    match = [a for a, rc in self.grid.items() if rc == want]
                    if not match and dr > 0:  # a short last row: its last card
                        match = [a for a, rc in self.grid.items() if rc[0] == r + 1][-1:]
                    if match:
                        self.focus = match[0]
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.focus in self.order:
            if self.focus in self.spans and not self._in_sight(self.focus):
                self._reveal_focus()  # the wheel took the focused card out of sight: show it, start nothing
                return True
            self.activate(self.focus)
            return True
        else:
            return False
        self._reveal_focus()
        return True

    def on_enter(self) -> None:
        """Back from a dialog opened with the mouse (a click clears the focus): the keyboard starts
        again at the first card in sight, so Enter is not dead until Tab is pressed."""
        if self.focus is None and self.focus_set and hasattr(self, "view"):
            in_sight = [a for a in self.order if a in self.spans and self._in_sight(a)]
            self.focus = in_sight[0] if in_sight else next(iter(self.grid), None)

    def _in_sight(self, action) -> bool:
        """Some of the card shows in the scrolled grid (as last laid out)."""
        top, bottom = self.spans[action]
        return bottom - self.scroll > 0 and top - self.scroll < self.view.h

    def _reveal_focus(self) -> None:
        # The spans and the view do not depend on the focus or the scroll: the last layout serves.
        self.laid_out()
        if self.focus in self.spans and hasattr(self, "view"):
            self._scroll(self._reveal_dy(self.focus))

    def _reveal_dy(self, action) -> int:
        """How far the grid scrolls to bring `action`'s card or button into sight (0: it is)."""
        top, bottom = self.spans[action][0] - self.scroll, self.spans[action][1] - self.scroll
        if top < 0:
            return top
        if bottom > self.view.h:
            return min(top, bottom - self.view.h)
        return 0

    def _scroll(self, dy) -> None:
        self.scroll = int(max(0, min(self.max_scroll, self.scroll + dy)))
        self._built = False  # the items moved: laid out again before the next hit test or frame

    def activate(self, action) -> None:
        app = self.app
        if action == "settings":
            app.push_named("settings")
        elif action == "language":
            app.push_named("language", then=lambda a: a.make("picker"))
            app.stack.pop(-2)
        elif action == "quiz_post":
            from ..quiz.flow import start_post

            start_post(app)
        elif action == "player":
            app.goto("profile")
        elif isinstance(action, tuple) and action[0] in ("play", "resume"):
            entry = next((e for e in app.get_catalog().entries if e.id == action[1] and e.ok), None)
            if entry is None:
                return
            app.start_scenario(entry.scenario, resume=action[0] == "resume")


def _in_sight(placed: list, heights: list, view: pygame.Rect, scroll: int) -> list:
    """The placed cards (items, x, top in the content, row) any part of which shows at `scroll`."""
    return [p for p in placed if not (view.top - scroll + p[2] > view.bottom
                                      or view.top - scroll + p[2] + heights[p[3]] < view.top)]
