"""Semantic checks on a built scenario: references, ids, assets and the step graph."""

from __future__ import annotations

from collections import deque
from pathlib import Path

from . import conditions as C
from .diagnostics import Diagnostic, Mark
from .glyphs import missing
from .model import (
    PLAYER,
    CallEvent,
    Choice,
    LineEvent,
    MessageEvent,
    NotificationEvent,
    Scenario,
)
from .schema import did_you_mean


class Checker:
    def __init__(self, scn: Scenario, taxonomy, base_dir: Path, shown: str, source: str | None = None):
        self.scn = scn
        self.tax = taxonomy
        self.base = Path(base_dir).resolve()
        self.root = _scenarios_root(self.base)
        self.path = shown
        self.source = source
        self.diags: list[Diagnostic] = []

    def add(self, code, mark, **args):
        self.diags.append(Diagnostic(self.path, mark, code, args))

    def ref(self, value, options, what, mark, code="LC202"):
        if value is not None and value not in options:
            self.add(code, mark, field=what, value=value, hint=did_you_mean(value, options))

    def run(self) -> list[Diagnostic]:
        s = self.scn
        self.unique(s.contacts, "contacts")
        self.unique(s.apps, "apps")
        self.unique(s.variables, "variables")
        self.unique(s.help_actions, "help_actions")
        self.unique(list(s.steps) + list(s.endings), "steps/endings")
        for c in s.contacts:
            if c.id == PLAYER:
                self.add("LC201", c.where("id"), id=c.id, where="contacts")
        for v in s.variables:
            if v.default is not None and (type(v.default) is bool) != (v.type == "bool"):
                self.add("LC205", v.where("default"), var=v.id, type=v.type)
        if s.start:
            self.ref(s.start, self.step_ids, "start", s.where("start"))
        self.asset(s.player.avatar if s.player else None, s.player and s.player.where("avatar"))
        for c in s.contacts:
            self.asset(c.avatar, c.where("avatar"))
        for h in s.help_actions:
            self.choice(h, "help_actions")
        for step in s.steps:
            self.step(step)
        for e in s.endings:
            for h in e.hotlines:
                self.ref(h, self.tax.hotlines, "hotlines", e.where("hotlines"))
            if e.outcome in ("harmed", "scammed") and not e.hotlines:
                self.add("LC402", e.where("outcome"), id=e.id)
            self.todo(e)
        self.todo(s)
        self.glyphs()
        self.controls()
        stem = Path(s.path or self.path).stem
        if s.id and stem != s.id:
            self.add("LC404", s.where("id"), id=s.id, file=stem)
        if not any(d.code == "LC202" and d.args.get("field") in ("next", "start", "timeout.go") for d in self.diags):
            self.graph()  # graph findings would only echo a broken `next:`
            self.calls()
            self.timeouts()
        return self.diags

    @property
    def step_ids(self):
        return [st.id for st in self.scn.steps]

    @property
    def node_ids(self):
        return self.step_ids + [e.id for e in self.scn.endings]

    def unique(self, items, where):
        seen = {}
        for it in items:
            if it.id in seen:
                self.add("LC201", it.where("id"), id=it.id, where=where, line=seen[it.id].line)
            else:
                seen[it.id] = it.where("id")

    def todo(self, obj):
        if getattr(obj, "todo", None):
            self.add("LC403", obj.where("todo"), text=obj.todo)

    def glyphs(self):
        from .texts import iter_texts  # texts imports the model; keep this module's imports light

        if self.source is not None and not missing(self.source):
            return  # nothing in the whole file is undrawable, so no text is either
        for item in iter_texts(self.scn):
            chars = missing(item.source)
            if chars:
                self.add("LC405", item.mark, chars=" ".join(chars))

    def controls(self):
        """LC420: characters the game would remove (NUL, ESC, C1, bidi overrides), at their exact column."""
        from .textgate import describe, source_position, unsafe_chars
        from .texts import iter_texts

        for item in iter_texts(self.scn):
            found = unsafe_chars(item.source)
            if not found:
                continue
            ch, mark = found[0][1], item.mark
            if self.source is not None and mark is not None:
                pos = source_position(self.source, mark.line, mark.col, ch)
                mark = Mark(*pos) if pos else mark
            self.add("LC420", mark, char=describe(ch), count=len(found))

    def asset(self, rel, mark):
        if not rel:
            return
        target = (self.base / rel).resolve()
        if Path(rel).is_absolute() or not target.is_relative_to(self.root):
            self.add("LC207", mark, file=rel)
        elif target.is_dir():
            self.add("LC423", mark, file=rel)
        elif not target.is_file():
            self.add("LC206", mark, file=rel)
        else:
            from .assetcheck import problem

            bad = problem(target)  # headers only: dimensions, duration, size, format
            if bad is not None:
                self.add(bad.code, mark, file=rel, detail=bad.detail, limit=bad.limit)

    def flags(self, flags, mark):
        for fl in flags:
            self.ref(fl, self.tax.red_flags, "flags", mark, code="LC203")

    def step(self, step):
        s = self.scn
        self.unique(step.events, f"{step.id}.events")
        offered = s.offered_choices(step)
        self.unique(offered, f"{step.id}.choices")
        contacts = [c.id for c in s.contacts]
        apps = {a.id: a for a in s.apps}
        for ev in step.events:
            self.flags(ev.flags, ev.where("flags"))
            self.todo(ev)
            if isinstance(ev, MessageEvent):
                self.ref(ev.app, apps, "app", ev.where("app"))
                self.ref(ev.sender, contacts + [PLAYER], "from", ev.where("sender"))
                self.ref(ev.thread, contacts, "thread", ev.where("thread"))
                if ev.sender == PLAYER and not ev.thread:
                    self.add("LC102", ev.where(""), field="thread", where=f"{step.id}.{ev.id}")
                if not (ev.text or ev.image or ev.link):
                    self.add("LC111", ev.where(""), id=ev.id)
                self.asset(ev.image, ev.where("image"))
                if ev.link:
                    self.asset(ev.link.image, ev.link.where("image"))
            elif isinstance(ev, NotificationEvent):
                self.ref(ev.app, apps, "app", ev.where("app"))
            elif isinstance(ev, CallEvent):
                self.ref(ev.sender, contacts, "from", ev.where("sender"))
                self.ref(ev.app, [a for a, v in apps.items() if v.kind == "chat"], "app", ev.where("app"))
                self.asset(ev.image, ev.where("image"))
                self.asset(ev.audio, ev.where("audio"))
            elif isinstance(ev, LineEvent):
                self.ref(ev.speaker, contacts + [PLAYER], "speaker", ev.where("speaker"))
                self.asset(ev.audio, ev.where("audio"))
        for c in step.choices:
            self.choice(c, step.id)
        for hid in step.help:
            self.ref(hid, [h.id for h in s.help_actions], "help", step.where("help"))
        if step.timeout and step.timeout.go:
            self.ref(step.timeout.go, self.node_ids, "timeout.go", step.timeout.where("go"), code="LC209")
        if not offered:
            self.add("LC302", step.where("id"), id=step.id)
        elif all(c.when is not None for c in offered):
            self.add("LC306", step.where("id"), id=step.id)
        if not step.no_help and offered and not any(c.help for c in offered):
            self.add("LC401", step.where("id"), id=step.id)
        self.todo(step)

    def choice(self, c: Choice, where):
        s = self.scn
        variables = {v.id: v for v in s.variables}
        if c.safety != "neutral":
            if c.score is None:
                self.add("LC304", c.where("id"), id=c.id)
            if not c.explanation:
                self.add("LC305", c.where("id"), id=c.id)
        self.flags(c.flags, c.where("flags"))
        for t in c.targets:
            self.ref(t, self.node_ids, "next", c.where("next"))
        conds = [c.when] + ([b.when for b in c.next] if isinstance(c.next, list) else [])
        for cond in filter(None, conds):
            for cmp in C.variables_in(cond):
                self.var(cmp.var, cmp.value, variables, cmp.mark)
            for vis in C.visits_in(cond):
                self.ref(vis.step, self.node_ids, "visited", vis.mark)
        for name, (value, mark) in c.set.items():
            self.var(name, value, variables, mark)
        for name, (value, mark) in c.add.items():
            self.var(name, value, variables, mark)
        if c.call == "dial" and not c.dial:
            self.add("LC102", c.where("call"), field="dial", where=f"{where}.{c.id}")
        if c.dial:
            self.ref(c.dial, [x.id for x in s.contacts], "dial", c.where("dial"))
        self.todo(c)

    def var(self, name, value, variables, mark):
        if name not in variables:
            self.add("LC204", mark, var=name, hint=did_you_mean(name, variables))
        elif (type(value) is bool) != (variables[name].type == "bool"):
            self.add("LC205", mark, var=name, type=variables[name].type)

    def graph(self):
        s = self.scn
        if not s.steps:
            return
        edges = {st.id: step_targets(s, st) for st in s.steps}
        start = s.first_step
        seen, queue = {start}, deque([start])
        while queue:
            for t in edges.get(queue.popleft(), ()):
                if t not in seen:
                    seen.add(t)
                    queue.append(t)
        for node in list(s.steps) + list(s.endings):
            if node.id not in seen:
                self.add("LC301", node.where("id"), id=node.id)
        # Steps from which no ending can be reached: a loop with no way out.
        reverse: dict[str, set] = {}
        for src, dsts in edges.items():
            for d in dsts:
                reverse.setdefault(d, set()).add(src)
        can_end = {e.id for e in s.endings}
        queue = deque(can_end)
        while queue:
            for src in reverse.get(queue.popleft(), ()):
                if src not in can_end:
                    can_end.add(src)
                    queue.append(src)
        for st in s.steps:
            if st.id in seen and st.id not in can_end and s.offered_choices(st):
                self.add("LC303", st.where("id"), id=st.id)


    def timeouts(self):
        """A timer that runs out must never act for the player. Its `go:` may not be
        - a harmed or scammed ending (LC321): doing nothing does not send an OTP;
        - a step that only risky or unsafe choices lead to (LC322): the story would go on as if the
          player had done something they did not do (the step assumes the code was sent);
        - a step that opens with the player's own message or words (LC323): the game would speak for them."""
        s = self.scn
        arrivals: dict[str, list[Choice]] = {}
        for st in s.steps:
            for c in s.offered_choices(st):
                for t in c.targets:
                    arrivals.setdefault(t, []).append(c)
        for st in s.steps:
            to = st.timeout
            if not to or not to.go:
                continue
            mark = to.where("go")
            ending = s.ending(to.go)
            if ending is not None:
                if ending.outcome != "safe":
                    self.add("LC321", mark, step=st.id, go=to.go, outcome=ending.outcome)
                continue
            target = s.step(to.go)
            if target is None:
                continue
            came = arrivals.get(to.go, [])
            if came and all(_acts(c) for c in came):
                self.add("LC322", mark, step=st.id, go=to.go)
            first = next((ev for ev in target.events if isinstance(ev, MessageEvent | LineEvent)), None)
            if first is not None and _by_player(first):
                self.add("LC323", mark, step=st.id, go=to.go, event=first.id)

    def calls(self):
        """Follow the call's state (none, ringing, active, ended) through every step a path can
        reach, and report caption lines that would land on a call nobody answered."""
        s = self.scn
        if not s.steps:
            return
        seen: set[tuple[str, str]] = set()
        reported: set[tuple[str, str]] = set()
        work = [(s.first_step, "none")]
        while work:
            node, state = work.pop()
            step = s.step(node)
            if step is None or (node, state) in seen:
                continue
            seen.add((node, state))
            for ev in step.events:
                if isinstance(ev, CallEvent):
                    state = "ringing"
                elif isinstance(ev, LineEvent) and state != "active" and (step.id, ev.id) not in reported:
                    reported.add((step.id, ev.id))
                    self.add("LC307", ev.where("id"), id=ev.id)
                elif type(ev).__name__ == "CallEndEvent" and state in ("ringing", "active"):
                    state = "ended"
            for c in s.offered_choices(step):
                after = state
                if c.call == "accept" and state == "ringing":
                    after = "active"
                elif c.call in ("decline", "hang_up") and state in ("ringing", "active"):
                    after = "ended"
                elif c.call == "dial":
                    after = "active"
                work.extend((target, after) for target in c.targets)


def step_targets(scn: Scenario, step) -> list[str]:
    out = [t for c in scn.offered_choices(step) for t in c.targets]
    if step.timeout and step.timeout.go:
        out.append(step.timeout.go)
    return out


def _acts(c: Choice) -> bool:
    """The choice does something risky or unsafe, or something is lost."""
    return c.safety in ("risky", "unsafe") or bool(c.consequences)


def _by_player(ev) -> bool:
    who = ev.sender if isinstance(ev, MessageEvent) else ev.speaker
    return who == PLAYER


def _scenarios_root(base: Path) -> Path:
    """The top `scenarios` folder above a file, or the file's own folder."""
    for p in [base, *base.parents]:
        if p.name == "scenarios":
            return p
    return base


def validate(scn: Scenario, taxonomy, base_dir: Path, shown: str, source: str | None = None) -> list[Diagnostic]:
    """Every semantic problem of a built scenario; `source` (the file's text) speeds up the glyph check."""
    return Checker(scn, taxonomy, base_dir, shown, source).run()
