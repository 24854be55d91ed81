"""Together mode's glue between the story engine and the live session (no pygame).

The projector scene and the headless host (tests, bench, `host --headless`) both own an
`Engine` and call `sync()` after it moves and `take()` when the trainer goes on with an
option, so both record exactly the same rows.
"""

from __future__ import annotations

import string
import uuid

from game.core.i18n import available_languages, load_translator
from game.core.texts import Text, choice_key

from .session import Decision, LiveSession, Option


def ordered(engine) -> list:
    """Offered choices in the projector's order: own choices, then help actions."""
    offered = engine.offered()
    return [c for c in offered if not c.help] + [c for c in offered if c.help]


class Together:
    def __init__(self, session: LiveSession, store, taxonomy, translators: dict | None = None):
        self.session = session
        self.store = store
        self.taxonomy = taxonomy
        # Every language present in locale/: each phone shows the story in the one its student chose.
        self.tr = translators or {lang: load_translator(lang) for lang in available_languages()}
        self.run = ""

    def _both(self, key: str, source: str | None) -> dict:
        return {lang: tr.text(Text(key, source or "")) for lang, tr in self.tr.items()}

    def _flag(self, fid: str) -> dict:
        fl = self.taxonomy.red_flags.get(fid) if self.taxonomy else None
        if fl is None:
            return {"id": fid, "name": dict.fromkeys(self.tr, fid), "explanation": dict.fromkeys(self.tr, "")}
        return {"id": fid, "name": self._both(f"red_flag/{fid}/name", fl.name),
                "explanation": self._both(f"red_flag/{fid}/explanation", fl.explanation)}

    def begin(self, scn, run: str | None = None, choices: list | None = None) -> str:
        """A new scenario run (or a resumed one); returns the run id."""
        self.run = run or uuid.uuid4().hex
        s = self.session
        with s.lock:
            resuming = bool(run) and s.story.get("run") == run
            s.story = {"scenario": scn.id, "run": self.run, "choices": list(choices or [])}
            if not resuming:  # a resumed run keeps its open vote (restored from the store)
                s.decision, s.votes, s.taken = None, {}, None
                s.phase = "watching"
            s._changed("phones")
        return self.run

    def labels(self, scenarios) -> dict:
        """Readable names for the dashboard, in both languages: scenario id -> {"title": {lang: …},
        "steps": {step id: {"n": its decision number in story (file) order, "choices": {id: {lang: …}}}}}."""
        out = {}
        for scn in scenarios:
            steps, n = {}, 0
            for step in scn.steps:
                offered = scn.offered_choices(step)
                if not offered:
                    continue
                n += 1
                steps[step.id] = {"n": n, "choices": {c.id: self._both(f"{choice_key(scn, step, c)}/text", c.text)
                                                       for c in offered}}
            out[scn.id] = {"title": self._both(f"{scn.id}/title", scn.title), "steps": steps}
        return out

    def decision(self, engine, scn) -> Decision:
        step = engine.step
        opts = []
        for i, c in enumerate(ordered(engine)):
            key = choice_key(scn, step, c)
            opts.append(Option(
                id=c.id, letter=string.ascii_uppercase[i] if i < 26 else "?",
                text=self._both(f"{key}/text", c.text), safety=c.safety, score=int(c.score or 0), help=c.help,
                explanation=self._both(f"{key}/explanation", c.explanation) if c.explanation else {},
                flags=[self._flag(f) for f in c.flags]))
        scored = [o.score for o in opts if o.safety != "neutral"]
        discuss = (self._both(f"{scn.id}/{step.id}/discuss", step.discuss) if step.discuss else {})
        return Decision(run=self.run, scenario_id=scn.id, scenario_version=int(scn.version or 0),
                        title=self._both(f"{scn.id}/title", scn.title), step=step.id, index=len(engine.log),
                        discuss=discuss, options=opts, best=max(scored) if scored else 0)

    def sync(self, engine, scn) -> None:
        """Call after the engine moved: opens the vote when a decision is open."""
        if engine.deciding and self.run:
            self.session.open_decision(self.decision(engine, scn))

    def take(self, engine, scn, choice_id: str, choose=None) -> None:
        """The class goes on with `choice_id`: move the story (`choose`, by default the engine's),
        then store every phone vote with what the engine recorded for the class's decision."""
        s = self.session
        if not engine.deciding or choice_id not in {c.id for c in engine.offered()}:
            return
        before = len(engine.log)
        (choose or engine.choose)(choice_id)
        if len(engine.log) == before:
            return
        made = engine.log[before]
        with s.lock:
            if s.decision is not None:
                s.decision.flags_shown = list(made.flags_shown)
                s.decision.genuine = bool(getattr(made, "genuine", False))
                s.decision.best = int(made.best)
            sessions, decisions = s.close(choice_id, machine=self.store.machine)
            s.story["choices"] = engine.snapshot()["choices"]  # what Engine.replay needs to resume
        self.store.put_rows(sessions, decisions)
        if engine.ending is not None:
            finished = s.end_run(self.run, ending_id=engine.ending.id, outcome=engine.ending.outcome)
            self.store.finish_rows([{"machine": self.store.machine, "scenario_id": scn.id,
                                     "scenario_version": int(scn.version or 0), **f} for f in finished])
