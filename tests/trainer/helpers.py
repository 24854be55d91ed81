"""Shared helpers: play real scenarios through the real engine, as a student would."""

from __future__ import annotations

import random
from pathlib import Path

from game.core.engine import Engine
from game.core.loader import load_all, load_taxonomy

ROOT = Path(__file__).resolve().parents[2]


def good_scenarios():
    tax = load_taxonomy()
    return [item.scenario for item in load_all(None, tax) if item.ok]


def play(scn, rng: random.Random, store=None, *, nickname="", class_code="", mode="play",
         max_decisions=40):
    """Play one run with random choices and random thinking times; returns (engine, session id)."""
    eng = Engine(scn, timers=False)
    sid = store.start_session(nickname=nickname, class_code=class_code, scenario_id=scn.id,
                              scenario_version=scn.version, mode=mode) if store else ""
    for _ in range(max_decisions):
        eng.skip()
        if not eng.deciding:
            break
        eng.advance(round(rng.uniform(0.5, 12.0), 2))
        choice = rng.choice(eng.offered())
        fb = eng.choose(choice.id)
        if store:
            store.record_decision(sid, fb.decision)
    if store and eng.ending is not None:
        store.finish_session(sid, ending_id=eng.ending.id, outcome=eng.ending.outcome,
                             score=eng.score, possible=eng.possible)
    return eng, sid
