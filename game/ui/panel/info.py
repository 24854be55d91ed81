"""The left panel: which story, how far along it is, the red flags spotted so far, the score and the keys.

Everything here is read from the engine and never written to it (a test checks).
"""

from __future__ import annotations

import pygame

from .. import items as I
from ..kit import Column
from ..words import flag_name, save_problem, scn_text

TITLE_LINES = 3


def longest_ahead(scn) -> dict[str, int]:
    """For each step, the most decisions from it to an ending (its own included), each step at most
    once along the way: a loop is cut where it comes back. Conditions are not read (any choice or
    branch may be taken), so this is an estimate of how long the story can still run, not a promise.
    An explicit stack, so a 1,000-step chain does not recurse.
    """
    def targets(step) -> list[str]:
        out = []
        for c in scn.offered_choices(step):
            out += [c.next] if isinstance(c.next, str) else [b.go for b in c.next]
        if step.timeout is not None:
            out.append(step.timeout.go)
        return [t for t in dict.fromkeys(out) if scn.step(t) is not None]

    memo: dict[str, int] = {}
    for root in scn.steps:
        if root.id in memo:
            continue
        best, on, stack = {root.id: 0}, {root.id}, [(root.id, iter(targets(root)))]
        while stack:
            node, it = stack[-1]
            t = next(it, None)
            if t is None:
                stack.pop()
                on.discard(node)
                memo[node] = best[node] + 1
                if stack:
                    up = stack[-1][0]
                    best[up] = max(best[up], memo[node])
            elif t in memo:
                best[node] = max(best[node], memo[t])
            elif t not in on:
                on.add(t)
                best[t] = 0
                stack.append((t, iter(targets(scn.step(t)))))
    return memo


def progress(scene, eng) -> tuple[int, int]:
    """(this decision's number, about how many in all: those made and the most still ahead)."""
    made = len(eng.log)  # a step whose time ran out is passed too
    cache = scene.__dict__.setdefault("_info_longest", {})  # per scenario, on the scene (not the engine)
    if id(eng.scn) not in cache:
        cache.clear()
        cache[id(eng.scn)] = longest_ahead(eng.scn)
    ahead = 0 if eng.ending is not None or eng.step is None else cache[id(eng.scn)].get(eng.step.id, 1)
    # while a feedback card is up the player is still on the decision just made
    reviewing = getattr(scene, "card", None) is not None
    return (made + 1 if ahead and not reviewing else made), made + ahead


def build(scene, rect: pygame.Rect) -> list:
    """The side panel, laid out again only when something it shows changed (copies otherwise)."""
    if rect.w < 120:
        return []
    eng, app = scene.engine, scene.app
    key = (tuple(rect), scene.theme, scene.tr, scene.fonts.body_px, app.scale, scene.scn, progress(scene, eng),
           eng.ending is None, len(eng.log), eng.score, eng.possible, tuple(eng.flags_caught), app.recorder.warning,
           app.progress.error)
    got = scene.__dict__.get("_info_items")
    if got is None or got[0] != key:
        got = scene.__dict__["_info_items"] = (key, _build(scene, rect))
    return [I.clone(it) for it in got[1]]


def _build(scene, rect: pygame.Rect) -> list:
    th, fonts, s, tr, eng = scene.theme, scene.fonts, scene.app.scale, scene.tr, scene.engine
    out = []
    pad = int(8 * s)
    col = Column(fonts, rect.left + pad, rect.top + pad, rect.w - 2 * pad, out, gap=int(8 * s))
    # at most 3 lines, ending in "…": the whole title is on the picker card and "Before you start"
    lines = fonts.wrap(scn_text(tr, scene.scn, "title"), "title", col.w)
    if len(lines) > TITLE_LINES:
        lines = lines[:TITLE_LINES - 1] + [fonts.fit(" ".join(lines[TITLE_LINES - 1:]), "title", col.w)]
    col.text("\n".join(lines), th["text"], "title")
    col.space(int(4 * s))
    now, total = progress(scene, eng)
    if eng.ending is not None:
        col.text(tr.gettext("The story is over."), th["muted"], "small")
    else:
        col.text(tr.gettext("Decision {n} of about {total}").format(n=now, total=total), th["muted"], "small")
    # a calm bar: the decisions behind the player out of about how many in all
    bar = pygame.Rect(col.x, col.y, col.w, max(4, int(6 * s)))
    out.append(I.box(bar, th["disabled"], radius=bar.h // 2))
    done = len(eng.log) if total else 0
    if done:
        out.append(I.box(pygame.Rect(bar.x, bar.y, max(bar.h, bar.w * done // total), bar.h), th["accent"],
                         radius=bar.h // 2))
    col.space(bar.h + col.gap)
    col.text(tr.gettext("Score: {score} of {possible}").format(score=eng.score, possible=eng.possible), th["text"],
             "strong")
    col.space(int(4 * s))
    # the flags the feedback cards credited, exactly as the debrief will list them
    spotted = eng.flags_caught
    col.text(tr.gettext("Red flags you spotted"), th["text"], "label")
    if spotted:
        tax = scene.app.get_taxonomy()
        for f in spotted:
            col.text("• " + flag_name(tr, tax, f), th["muted"], "small")
    else:
        col.text(tr.gettext("None yet. Each warning sign you act on is added here."), th["muted"], "small")
    col.space(int(12 * s))
    # Translators: heading of the list of keyboard shortcuts in the side panel
    col.text(tr.gettext("Keys"), th["text"], "label")
    for k, what in (("1–9", tr.gettext("choose an option")), (tr.gettext("Tab, arrows, Enter"), tr.gettext("move and press")),
                    (tr.pgettext("keyboard key", "Space"), tr.gettext("skip ahead")), ("PgUp PgDn", tr.gettext("scroll messages")),
                    ("Backspace", tr.gettext("back on the phone")), ("Esc", tr.gettext("pause"))):
        col.text(f"{k} — {what}", th["muted"], "small")
    if scene.app.recorder.warning:
        col.space(int(8 * s))
        from ..quiz.flow import results_warning

        col.text(results_warning(tr, scene.app.recorder), th["risky"], "small")
    if scene.app.progress.error:
        # Translators: {folder} is where progress is kept (a teacher can fix it), {reason} why it failed
        col.text(tr.gettext("Progress could not be saved in {folder}: {reason}").format(
            folder=scene.app.progress.path.parent, reason=save_problem(tr, scene.app.progress.error_errno)),
            th["risky"], "small")
    return out
