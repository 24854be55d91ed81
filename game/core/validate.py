"""Semantic checks on a built scenario: references, ids, assets and the step graph."""

from __future__ import annotations

import re
from collections import deque
from functools import cached_property
from pathlib import Path

from . import conditions as C
from . import filefacts, walk
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

# A Vietnamese phone number as written in a text: 0 or +84, then 8 to 10 more digits, maybe spaced.
# A Vietnamese phone number: 0 and nine digits (a mobile), or +84 and nine; longer runs of digits
# are account numbers, which the policy does not cover. 1800/1900 lines are 8 digits.
# Landlines are 0 + 2X area code + 8 digits (`028 3822 1234`, `02838 000 123`): the policy has no
# fictional range for them, so any landline is reported.
# Written so that each way starts with a plain character (`+`, `0`, `1`): then the regex engine
# jumps straight to those instead of trying every position of a text, and lint reads every text.
# The look-behind after that character asks what the one before it was: not a letter, digit, `.` or `,`.
_MOBILE_TAIL = r"(?:[ .]?2(?:[ .]?\d){9}|(?:[ .]?\d){9})"
_NOT_AFTER_WORD = r"(?<![\w.,].)"
PHONE_LIKE = re.compile(rf"(?:\+{_NOT_AFTER_WORD}84{_MOBILE_TAIL}|0{_NOT_AFTER_WORD}{_MOBILE_TAIL}"
                        rf"|1{_NOT_AFTER_WORD}[89]00(?:[ .]?\d){{4}})(?![\w.,]?\d)")
OFFICIAL_NUMBERS = {"113", "111", "114", "115", "156", "5656"}
# The authoring guide's number policy: mobiles `0PPX 000 NNN` with a real carrier prefix from one
# list shared by scammers and real contacts (so no prefix gives the answer away), and organisations'
# hotlines `1800 00NN` / `1900 00NN`. The `000` middle group keeps clear of real subscribers.
SHARED_MOBILE_PREFIXES = ("090", "093", "070", "079", "098", "038", "091", "085")


def fictional_number(text: str) -> bool:
    digits = re.sub(r"\D", "", text)
    if text.strip().startswith("+84"):
        digits = "0" + digits[2:]
    if digits in OFFICIAL_NUMBERS:
        return True
    if len(digits) == 10:
        return digits[:3] in SHARED_MOBILE_PREFIXES and digits[4:7] == "000"
    return len(digits) == 8 and digits[:4] in ("1800", "1900") and digits[4:6] == "00"


MIN_EXPLANATION_WORDS = 8  # enough to name the red flag and the rule
# LC424: a phone screen shows about 400 characters of body text at the default size (a bubble
# 76 % of the screen wide, about 30 characters to a line, some 14 lines in sight)
SCREEN_CHARS = 400
LONG_TEXT = 1500
# A harmful ending says plainly that it is not the player's fault (in the scenario's language).
NOT_YOUR_FAULT = re.compile(r"không phải (là )?lỗi của (bạn|em|con|chị|anh|mình|cháu)|not your fault", re.I)


class Checker:
    def __init__(self, scn: Scenario, taxonomy, base_dir: Path, shown: str, source: str | None = None):
        self.scn = scn
        self.tax = taxonomy
        self.base, self.root = filefacts.fact(("folder", str(base_dir)), lambda: _folders(base_dir))
        self.path = shown
        self.source = source
        self.diags: list[Diagnostic] = []

    def add(self, code, mark, **args):
        self.diags.append(Diagnostic(self.path, mark, code, args))

    def ref(self, value, options, what, mark, code="LC202"):
        if value is not None and value not in options:
            if code == "LC202" and what == "next" and self.scn.help_action(value):
                # A help action is offered by a step's `help:`, not gone to.
                self.add(code, mark, field=what, value=value, variant="help_action")
                return
            if code == "LC202" and what in ("next", "start", "timeout.go") and value in {c.id for c in self.scn.contacts}:
                self.add(code, mark, field=what, value=value, variant="contact")
                return
            if code == "LC202" and what == "help":
                step = next((st for st in self.scn.steps if any(c.id == value for c in st.choices)), None)
                if step is not None:
                    self.add(code, mark, field=what, value=value, step=step.id, variant="choice_as_help")
                    return
            self.add(code, mark, field=what, value=value, hint=did_you_mean(value, options))

    def ref_at(self, value, options, what, obj, name, code="LC202"):
        """ref, with the mark (where `name` is written in `obj`) looked up only for a report."""
        if value is not None and value not in options:
            self.ref(value, options, what, obj.where(name), code)

    def example_contact(self) -> str:
        """A contact id of this scenario for a fix (a saved one first: the family member to call)."""
        saved = [c.id for c in self.scn.contacts if c.saved] + [c.id for c in self.scn.contacts]
        return saved[0] if saved else "mom"

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
            if v.type and v.default is not None and (type(v.default) is bool) != (v.type == "bool"):
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
        # format version 2: email, posts, pages, QR codes, placeholders
        from . import validate_channels

        validate_channels.check(self)
        for e in s.endings:
            for h in e.hotlines:
                self.ref(h, self.tax.hotlines, "hotlines", e.where("hotlines"))
            if e.outcome in ("harmed", "scammed") and not e.hotlines:
                self.add("LC402", e.where("outcome"), id=e.id)
            if e.outcome in ("harmed", "scammed") and e.debrief and not NOT_YOUR_FAULT.search(e.debrief):
                self.add("LC334", e.where("debrief"), id=e.id)
            if e.outcome in ("harmed", "scammed") and not e.advice and "advice" not in getattr(e, "refused", ()):
                self.add("LC335", e.where("outcome"), id=e.id)
            self.todo(e)
        self.todo(s)
        self.glyphs()
        self.controls()
        self.long_texts()
        self.comment_cuts()
        self.phone_numbers()
        stem = Path(s.path or self.path).stem
        if s.id and stem != s.id:
            self.add("LC404", s.where("id"), id=s.id, file=stem)
        if not any(d.code == "LC202" and d.args.get("field") in ("next", "start", "timeout.go") for d in self.diags):
            self.graph()  # graph findings would only echo a broken `next:`
            self.calls()
            self.timeouts()
            stuck = any(d.code in ("LC302", "LC303") for d in self.diags)
            self.help_paths(exits=not stuck)  # a stuck graph already explains where help leads
            if not stuck:
                self.loops()
                self.safest()
        return allowed(self.diags, self.source)

    @cached_property
    def step_ids(self):
        return [st.id for st in self.scn.steps]

    @cached_property
    def node_ids(self):
        return self.step_ids + [e.id for e in self.scn.endings]

    @cached_property
    def node_id_set(self):
        return set(self.node_ids)

    def unique(self, items, where):
        seen = {}
        for it in items:
            if it.id in seen:
                self.add("LC201", it.where("id"), id=it.id, where=where, line=seen[it.id].where("id").line)
            else:
                seen[it.id] = it

    def todo(self, obj):
        if getattr(obj, "todo", None):
            self.add("LC403", obj.where("todo"), text=obj.todo)

    @cached_property
    def texts(self):
        from .texts import texts_of  # texts imports the model; keep this module's imports light

        return texts_of(self.scn)

    @cached_property
    def all_text(self) -> str:
        """Every text, one per line: one regex search over it tells whether any text needs a look
        (no pattern below matches across a line break)."""
        return "\n".join(item.source for item in self.texts)

    def glyphs(self):
        if self.source is not None and not missing(self.source):
            return  # nothing in the whole file is undrawable, so no text is either
        from .textgate import is_unsafe

        for item in self.texts:
            # control characters are LC420's: the game removes them, so they are never drawn
            chars = [ch for ch in missing(item.source) if not is_unsafe(ch)]
            if chars:
                self.add("LC405", item.mark, chars=" ".join(chars))

    def controls(self):
        """LC420: characters the game would remove (NUL, ESC, C1, bidi overrides), at their exact column."""
        from .textgate import describe, source_position, unsafe_chars

        if not unsafe_chars(self.all_text):  # (a line break is not one)
            return
        for item in self.texts:
            found = unsafe_chars(item.source)
            if not found:
                continue
            ch, mark = found[0][1], item.mark
            if self.source is not None and mark is not None:
                pos = source_position(self.source, mark.line, mark.col, ch)
                mark = Mark(*pos) if pos else mark
            self.add("LC420", mark, char=describe(ch), count=len(found))

    def long_texts(self):
        """LC424: a text of several phone screens (the longest shipped one is under 400 characters)."""
        if len(self.all_text) <= LONG_TEXT:
            return
        for item in self.texts:
            if len(item.source) > LONG_TEXT:
                self.add("LC424", item.mark, count=len(item.source), limit=LONG_TEXT,
                         screens=-(-len(item.source) // SCREEN_CHARS))

    def comment_cuts(self):
        """LC407: a ` #` inside unquoted text starts a YAML comment, so the rest of the text is lost."""
        if self.source is None or "#" not in self.source:
            return
        lines = self.source.split("\n")
        # A cut text ends with a non-space, then spaces and `#`: only lines with that can hold one.
        cuts = {n for n, line in enumerate(lines, 1) if "#" in line and _CUT_LINE.search(line)}
        if not cuts:
            return
        seen: set[tuple[int, int]] = set()
        for item in self.texts:
            mark = item.mark
            if mark is None or not 1 <= mark.line <= len(lines):
                continue
            line = lines[mark.line - 1]
            first = line[mark.col - 1:mark.col]
            if first in ("-", "["):  # a list of texts (advice): find each item on its own line
                at = _plain_item_cut(lines, mark.line, item.source, cuts)
            elif mark.line in cuts and first and first not in "\"'|>" and line[mark.col - 1:].startswith(item.source):
                rest = line[mark.col - 1 + len(item.source):]
                at = (mark.line, mark.col) if _COMMENT_AFTER.match(rest) else None
            else:
                at = None
            if at is None or at in seen:
                continue
            seen.add(at)
            full = lines[at[0] - 1]
            value = full[at[1] - 1:].rstrip()
            # YAML drops a trailing comment, so the fix quotes what was written, `#` and all
            key = item.key.rsplit("/", 1)[-1]
            fix = f'{key}: "{_quote(value)}"' if not key.isdigit() else f'- "{_quote(value)}"'
            self.add("LC407", Mark(*at), kept=item.source, lost=value[len(item.source):].strip(), fix=fix)

    def phone_numbers(self):
        """Only fictional numbers (and official hotlines) may appear: a real one could ring a stranger."""
        people = [self.scn.player] if self.scn.player else []
        for who in [*people, *self.scn.contacts]:
            number = (who.number or "").strip()
            if PHONE_LIKE.fullmatch(number) and not fictional_number(number):
                self.add("LC337", who.where("number"), number=number)
        if not PHONE_LIKE.search(self.all_text):  # (a number never spans a line break)
            return
        for item in self.texts:
            seen = set()
            for m in PHONE_LIKE.finditer(item.source):
                number = m.group().strip()
                if not fictional_number(number) and number not in seen:  # each number once, at its column
                    seen.add(number)
                    self.add("LC337", self._written_at(item.mark, number), number=number)

    def _written_at(self, mark, text: str):
        """Where `text` is written in the file, searching from `mark` (the start of the value that
        holds it) over the next few lines; `mark` itself if it is not found there as written."""
        if self.source is None or mark is None:
            return mark
        start = 0
        for _ in range(mark.line - 1):
            start = self.source.find("\n", start) + 1
            if start == 0:
                return mark
        at = self.source.find(text, start + mark.col - 1, start + mark.col - 1 + 4000)
        if at < 0:
            return mark
        line = self.source.count("\n", 0, at) + 1
        return Mark(line, at - (self.source.rfind("\n", 0, at) + 1) + 1)

    def asset(self, rel, mark):
        if not rel:
            return
        found = filefacts.fact(("asset", self.base, rel), lambda: _asset_problem(self.base, self.root, rel))
        if found is not None:
            code, args = found
            self.add(code, mark, file=rel, **args)

    def flags(self, flags, mark):
        for fl in flags:
            self.ref(fl, self.tax.red_flags, "flags", mark, code="LC203")

    @cached_property
    def contact_ids(self):
        return [c.id for c in self.scn.contacts]

    @cached_property
    def speaker_ids(self):
        """Who may send a message or speak a line: a contact, or the player."""
        return self.contact_ids + [PLAYER]

    @cached_property
    def variables(self):
        return {v.id: v for v in self.scn.variables}

    @cached_property
    def apps(self):
        return {a.id: a for a in self.scn.apps}

    # Marks are looked up (`where`) only when there is something to report: most fields are fine.
    def step(self, step):
        s = self.scn
        self.unique(step.events, f"{step.id}.events")
        offered = s.offered_choices(step)
        self.unique(offered, f"{step.id}.choices")
        contacts, speakers, apps = self.contact_ids, self.speaker_ids, self.apps
        for ev in step.events:
            if ev.flags:
                self.flags(ev.flags, ev.where("flags"))
            self.todo(ev)
            if isinstance(ev, MessageEvent):
                self.ref_at(ev.app, apps, "app", ev, "app")
                self.ref_at(ev.sender, speakers, "from", ev, "sender")
                self.ref_at(ev.thread, contacts, "thread", ev, "thread")
                if ev.sender == PLAYER and not ev.thread:
                    self.add("LC102", ev.where(""), field="thread", where=f"{step.id}.{ev.id}", variant="thread",
                             example=self.example_contact())
                if not (ev.text or ev.image or ev.link):
                    self.add("LC111", ev.where(""), id=ev.id)
                if ev.image:
                    self.asset(ev.image, ev.where("image"))
                if ev.link and ev.link.image:
                    self.asset(ev.link.image, ev.link.where("image"))
            elif isinstance(ev, NotificationEvent):
                self.ref_at(ev.app, apps, "app", ev, "app")
            elif isinstance(ev, CallEvent):
                self.ref_at(ev.sender, contacts, "from", ev, "sender")
                if ev.app is not None:
                    self.ref(ev.app, [a for a, v in apps.items() if v.kind == "chat"], "app", ev.where("app"))
                if ev.image:
                    self.asset(ev.image, ev.where("image"))
                if ev.audio:
                    self.asset(ev.audio, ev.where("audio"))
            elif isinstance(ev, LineEvent):
                self.ref_at(ev.speaker, speakers, "speaker", ev, "speaker")
                if ev.audio:
                    self.asset(ev.audio, ev.where("audio"))
        for c in step.choices:
            self.choice(c, step.id)
        for hid in step.help:
            self.ref(hid, [h.id for h in s.help_actions], "help", step.where("help"))
        if step.timeout and step.timeout.go:
            self.ref(step.timeout.go, self.node_ids, "timeout.go", step.timeout.where("go"), code="LC209")
        if not offered:
            self.add("LC302", step.where("id"), id=step.id)
        elif all(c.when is not None for c in offered) and not C.covers_every_case([c.when for c in offered]):
            self.add("LC306", step.where("id"), id=step.id)
        # a `help:` naming an unknown action already has its LC202: "no help" would repeat it
        unknown_help = any(not s.help_action(hid) for hid in step.help)
        if not step.no_help and offered and not any(c.help for c in offered) and not unknown_help:
            self.add("LC401", step.where("id"), id=step.id)
        self.todo(step)

    def choice(self, c: Choice, where):
        variables = self.variables
        refused = getattr(c, "refused", ())  # already reported where it was written
        if c.safety != "neutral" and "safety" not in refused:
            if c.score is None and "score" not in refused:
                self.add("LC304", c.where("id"), id=c.id)
            if not c.explanation and "explanation" not in refused:
                self.add("LC305", c.where("id"), id=c.id)
            elif c.explanation and len(c.explanation.split()) < MIN_EXPLANATION_WORDS:
                self.add("LC333", c.where("explanation"), id=c.id, words=len(c.explanation.split()),
                         min=MIN_EXPLANATION_WORDS)
        if c.flags:
            self.flags(c.flags, c.where("flags"))
        node_ids = self.node_id_set
        for t in c.targets:
            if t not in node_ids:
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
            self.add("LC102", c.where("call"), field="dial", where=f"{where}.{c.id}", variant="dial",
                     example=self.example_contact())
        if c.dial:
            self.ref(c.dial, self.contact_ids, "dial", c.where("dial"))
        self.todo(c)

    def var(self, name, value, variables, mark):
        if name not in variables:
            self.add("LC204", mark, var=name, hint=did_you_mean(name, variables))
        elif variables[name].type and (type(value) is bool) != (variables[name].type == "bool"):
            # (a variable whose `type:` was refused already has its diagnostic)
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


    def help_paths(self, exits: bool = True):
        """Help is never a trap and never a roundabout: the rules the pack tests hold, for every author.

        A help action must be scored as a safe move (LC331), must lead somewhere the player
        is not scammed (LC332), and must not lead back to a step that offers it again, where
        a player could circle through help forever (LC330, with the path).
        """
        s = self.scn
        not_scammed = {e.id for e in s.endings if e.outcome != "scammed"}
        reported: set[tuple[str, str]] = set()
        leads_out: dict[str, bool] = {}  # target -> can it reach an ending where nobody is scammed?

        def way_out(target: str) -> bool:  # (one search per target: a help action is offered at many steps)
            if target not in leads_out:
                leads_out[target] = _path(s, target, not_scammed) is not None
            return leads_out[target]

        for step in s.steps:
            for c in s.offered_choices(step):
                if not c.help or (step.id, c.id) in reported:
                    continue
                reported.add((step.id, c.id))
                unsafe = c.safety != "safe" or (c.score is not None and c.score < 8)
                if unsafe and (None, c.id) not in reported:
                    reported.add((None, c.id))
                    self.add("LC331", c.where("help"), id=c.id)
                if exits and (None, "exit", c.id) not in reported and not any(way_out(t) for t in c.targets):
                    reported.add((None, "exit", c.id))
                    mark = c.where("help") if c in step.choices else step.where("help")
                    self.add("LC332", mark, id=c.id, step=step.id)

    def safest(self):
        """Taking the best-scored choice at every decision must end safe: that path is the lesson."""
        if any(d.code == "LC332" for d in self.diags):
            return  # help that leads only to harm is already the reason
        if any(not c.next or (isinstance(c.next, list) and not all(b.go for b in c.next))
               for st in self.scn.steps for c in self.scn.offered_choices(st)):
            return  # a refused `next:` was reported where it was written; no path to follow
        best = walk.safest_path(self.scn)
        if best is not None and best.ending and best.outcome not in ("safe", None):
            e = self.scn.ending(best.ending)
            self.add("LC336", e.where("outcome") if e else None, id=best.ending, outcome=best.outcome,
                     path=" → ".join(cid for _st, cid in best.choices))

    def loops(self, cap: int = 50_000):
        """Loops a player can go round forever, found as the walk and the engine play them.

        The player's state is the step, the variables and the set of steps visited; the
        state graph is finite, so going round for ever means a cycle in it. Conditions such
        as `if: {visited: retry}` are followed, so a loop they break is not reported. One
        warning (LC330) per loop, with its path; a loop through a help action says so.
        """
        s = self.scn
        if not walk.cyclic(s):
            return  # no choice leads back to an earlier step, so no state can come round again
        start = (s.first_step, _freeze({v.id: v.default for v in s.variables}), frozenset())
        edges: dict[tuple, list] = {}
        todo = [start]
        while todo:
            state = todo.pop()
            if state in edges:
                continue
            if len(edges) >= cap:
                return  # too many states to prove anything: say nothing rather than guess
            node, vars_, visited = state
            step = s.step(node)
            out = edges[state] = []
            if step is None:
                continue
            vis = visited | {node}
            values = dict(vars_)  # (neither offered nor apply changes it)
            for c in walk.offered(s, step, values, vis):
                if not c.next:
                    continue  # a refused `next:` was reported where it was written
                nv = walk.apply(c, values)
                target = walk.resolve_next(c, nv, vis)
                if not target:
                    continue
                # `vars_` is sorted already, and so is a copy with the same names and new values
                frozen = vars_ if nv is values else tuple(nv.items()) if len(nv) == len(values) else _freeze(nv)
                nxt = (target, frozen, vis)
                out.append((nxt, c))
                todo.append(nxt)
        reported: set = set()
        for comp in _cycles(edges):
            inside = set(comp)
            steps = frozenset(st[0] for st in comp)
            if steps in reported:
                continue
            reported.add(steps)
            first = min(comp, key=lambda st: (len(st[2]), st[0]))
            cycle = _cycle_from(first, edges, inside)
            at = next((k for k, (_st, c) in enumerate(cycle) if c.help), 0)
            cycle = cycle[at:] + cycle[:at]  # a loop through help starts where help is taken
            helps = [c for st, c in cycle if c.help]
            # each step with the choice taken there: `ask_code (ask_why) → ask_code`
            names = " → ".join([f"{st[0]} ({c.id})" for st, c in cycle] + [cycle[0][0][0]]) if cycle else first[0]
            if helps and ("help", helps[0].id) in reported:
                continue  # one warning per help action is enough to fix it
            if helps:
                reported.add(("help", helps[0].id))
                self.add("LC330", helps[0].where("help"), id=helps[0].id, path=names, variant="help")
            else:
                self.add("LC330", s.step(first[0]).where("id"), id=first[0], path=names)


def _asset_problem(base: Path, root: Path, rel: str) -> tuple[str, dict] | None:
    """(code, message args) for an asset path that is outside the scenarios folder, a folder,
    missing or unusable; None for a good one."""
    target = (base / rel).resolve()
    if Path(rel).is_absolute() or not target.is_relative_to(root):
        return "LC207", {}
    if target.is_dir():
        return "LC423", {}
    if not target.is_file():
        return "LC206", {}
    from .assetcheck import problem

    bad = problem(target)  # headers only: dimensions, duration, size, format
    if bad is not None:
        return bad.code, {"detail": bad.detail, "limit": bad.limit}
    return None


def _freeze(vars_: dict) -> tuple:
    return tuple(sorted(vars_.items(), key=lambda kv: str(kv[0])))


def _cycles(edges: dict) -> list[list]:
    """Strongly connected parts of the state graph that hold a cycle (iterative Tarjan).

    The states are numbered first: a state is a tuple of tuples, whose hash Python works out
    afresh at every lookup, and Tarjan looks each state up many times."""
    number: dict = {}
    for v in edges:
        number[v] = len(number)
    for out_ in edges.values():
        for w, _c in out_:
            if w not in number:
                number[w] = len(number)
    states = list(number)
    succ = [[number[w] for w, _c in edges.get(v, ())] for v in states]
    index = [-1] * len(states)
    low = [0] * len(states)
    on = [False] * len(states)
    stack: list[int] = []
    out: list[list] = []
    counter = 0
    for root in range(len(edges)):
        if index[root] >= 0:
            continue
        work = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on[v] = True
            if i < len(succ[v]):
                work.append((v, i + 1))
                w = succ[v][i]
                if index[w] < 0:
                    work.append((w, 0))
                elif on[w]:
                    low[v] = min(low[v], index[w])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on[w] = False
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1 or v in succ[v]:
                    out.append([states[w] for w in comp])
    return out


def _cycle_from(first, edges: dict, inside: set) -> list:
    """The shortest way round from `first` back to itself, as (state, choice taken) pairs."""
    prev = {first: None}
    queue = deque([first])
    while queue:
        v = queue.popleft()
        for w, c in edges.get(v, ()):
            if w == first:
                path = [(v, c)]
                while prev[v] is not None:
                    v, c = prev[v]
                    path.append((v, c))
                return path[::-1]
            if w in inside and w not in prev:
                prev[w] = (v, c)
                queue.append(w)
    return []


def _path(scn: Scenario, start: str, goals: set[str]) -> list[str] | None:
    """The shortest list of nodes from `start` to one of `goals`, or None (breadth first)."""
    prev = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node in goals:
            out = []
            while node is not None:
                out.append(node)
                node = prev[node]
            return out[::-1]
        step = scn.step(node)
        if step is None:
            continue
        for t in step_targets(scn, step):
            if t not in prev:
                prev[t] = node
                queue.append(t)
    return None


ALLOW = re.compile(r"#\s*lint:\s*allow\s+((?:LC\d{3}[\s,]*)+)")


_COMMENT_AFTER = re.compile(r"[ \t]+#")
_CUT_LINE = re.compile(r"\S[ \t]+#")


def _plain_item_cut(lines: list[str], start: int, value: str, cuts=None) -> tuple[int, int] | None:
    """Where an unquoted list item `- value  #...` is written, from line `start` on (or None);
    `cuts`: the only line numbers worth reading, if known."""
    numbers = range(start - 1, min(len(lines), start + 200))
    if cuts is not None:
        numbers = [n for n in numbers if n + 1 in cuts]
        if not numbers:
            return None
    item = re.compile(r"(?:^\s*-\s+|[\[,]\s*)(" + re.escape(value) + r")[ \t]+#")
    for n in numbers:
        m = item.search(lines[n])
        if m:
            return n + 1, m.start(1) + 1
    return None


def _quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def allowed(diags: list[Diagnostic], source: str | None) -> list[Diagnostic]:
    """Drop warnings the author silenced with `# lint: allow LCnnn` on their line or the line above.

    Only warnings: an error always stands, since the game could not play the file.
    """
    if not source or "lint:" not in source:
        return diags
    lines = source.split("\n")

    def codes(n: int) -> set[str]:
        if 1 <= n <= len(lines):
            m = ALLOW.search(lines[n - 1])
            if m:
                return set(re.findall(r"LC\d{3}", m.group(1)))
        return set()

    return [d for d in diags if not (d.severity == "warning" and d.mark
                                     and d.code in codes(d.mark.line) | codes(d.mark.line - 1))]


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


def _folders(base_dir) -> tuple[Path, Path]:
    """The file's folder, resolved, and the scenarios folder above it (see _scenarios_root)."""
    base = Path(base_dir).resolve()
    return base, _scenarios_root(base)


def _scenarios_root(base: Path) -> Path:
    """The top `scenarios` folder above a file, or the file's own folder."""
    for p in [base, *base.parents]:
        if p.name == "scenarios":
            return p
    return base


def validate(scn: Scenario, taxonomy, base_dir: Path, shown: str, source: str | None = None) -> list[Diagnostic]:
    """Every semantic problem of a built scenario; `source` (the file's text) speeds up the glyph check."""
    return Checker(scn, taxonomy, base_dir, shown, source).run()
