"""A host without a window: the story engine driven by the trainer's controls over HTTP.

Used by `python main.py host --headless` (a rehearsal, or a dashboard-only lab session),
the fault tests and `bench live`. The engine runs on the server's event loop, in short
steps, so the server stays responsive.
"""

from __future__ import annotations

import asyncio
import contextlib

from game.core.engine import Engine

from .together import Together


def to_decision(engine) -> None:
    """Fast-forward the story to its next decision (or ending)."""
    for _ in range(200):
        if engine.deciding or engine.ending is not None:
            return
        before = engine.time
        engine.skip()
        if engine.time == before and not engine.deciding:
            engine.advance(1.0)


class HeadlessStory:
    def __init__(self, together: Together, scenarios: dict):
        self.together = together
        self.scenarios = scenarios  # id -> Scenario
        self.engine: Engine | None = None
        self.scn = None

    def start(self, scenario_id: str, *, run: str | None = None, choices: list | None = None) -> bool:
        scn = self.scenarios.get(scenario_id)
        if scn is None:
            return False
        self.scn = scn
        self.engine = Engine.replay(scn, list(choices or []), timers=False) if choices else Engine(scn, timers=False)
        self.together.begin(scn, run=run, choices=choices)
        to_decision(self.engine)
        self.together.sync(self.engine, scn)
        return True

    def resume(self) -> bool:
        story = self.together.session.story
        if story.get("scenario"):
            return self.start(story["scenario"], run=story.get("run"), choices=story.get("choices"))
        return False

    def step(self) -> None:
        for action, arg in self.together.session.take_commands():
            if action == "start":
                self.start(arg)
            elif action == "take" and self.engine is not None and self.engine.deciding:
                cid = self.together.session.take_target(arg)
                if cid:
                    self.together.take(self.engine, self.scn, cid)
                    to_decision(self.engine)
                    self.together.sync(self.engine, self.scn)

    async def run(self, every: float = 0.02) -> None:
        while True:
            with contextlib.suppress(Exception):  # a story error must not stop the server
                self.step()
            await asyncio.sleep(every)
