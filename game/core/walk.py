"""Path walking over a scenario's state graph (step + variable values).

Used by `lint` and `walk` (every path, loops bounded), by the engine (the maximum
achievable score) and by the debrief (the safest path).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .model import TIMED_OUT, Choice, Scenario

MAX_VISITS = 2  # a step may appear this many times on one path before the loop is cut


def resolve_next(c: Choice, vars_: dict, visited) -> str:
    if isinstance(c.next, str):
        return c.next
    for b in c.next:
        if b.when is None or b.when.holds(vars_, visited):
            return b.go
    return c.next[-1].go


def apply(c: Choice, vars_: dict) -> dict:
    out = dict(vars_)
    for name, (value, _m) in c.set.items():
        out[name] = value
    for name, (value, _m) in c.add.items():
        out[name] = int(out.get(name) or 0) + value
    return out


def points(c: Choice) -> int:
    return c.score if c.safety != "neutral" and c.score is not None else 0


def offered(scn: Scenario, step, vars_: dict, visited) -> list[Choice]:
    return [c for c in scn.offered_choices(step) if c.when is None or c.when.holds(vars_, visited)]


def _uses_visited(scn: Scenario) -> bool:
    cached = scn.__dict__.get("_uses_visited")
    if cached is None:
        from . import conditions as C

        conds = []
        for st in scn.steps:
            for c in scn.offered_choices(st):
                conds.append(c.when)
                if isinstance(c.next, list):
                    conds += [b.when for b in c.next]
        cached = any(C.visits_in(x) for x in conds if x is not None)
        scn.__dict__["_uses_visited"] = cached
    return cached


def _key(scn, node: str, vars_: dict, visited) -> tuple:
    vis = frozenset(visited) if _uses_visited(scn) else None
    return (node, tuple(sorted(vars_.items())), vis)


def best_offered(choices: list[Choice]) -> int:
    """The most a player could earn at this decision (0 when nothing is scored)."""
    return max((points(c) for c in choices if c.safety != "neutral"), default=0)


def percent(score: int, possible: int) -> int:
    """A path's result: points out of the best available at each scored decision it met."""
    if possible <= 0:
        return 100
    return max(0, min(100, round(100 * score / possible)))


@dataclass
class Stats:
    paths: int = 0
    endings: set = field(default_factory=set)
    loops: int = 0  # paths cut because they looped


def _stats(scn, node, vars_, visited, memo, stack) -> Stats:
    if scn.ending(node) is not None:
        return Stats(1, {node})
    key = _key(scn, node, vars_, visited)
    if key in memo:
        return memo[key]
    if key in stack:
        return Stats(loops=1)
    stack.add(key)
    step = scn.step(node)
    out = Stats()
    for c in offered(scn, step, vars_, visited) if step else []:
        nv = apply(c, vars_)
        nvis = visited | {node}
        sub = _stats(scn, resolve_next(c, nv, nvis), nv, nvis, memo, stack)
        out.paths += sub.paths
        out.loops += sub.loops
        out.endings |= sub.endings
    stack.discard(key)
    memo[key] = out
    return out


def stats(scn: Scenario) -> Stats:
    """Path count and reachable endings, by memoised search (fast on huge graphs)."""
    if not scn.steps:
        return Stats()
    vars_ = {v.id: v.default for v in scn.variables}
    return _stats(scn, scn.first_step, vars_, frozenset(), {}, set())


@dataclass
class Path:
    choices: list[tuple[str, str]]  # (step id, choice id)
    ending: str | None  # None when the path was cut at a loop
    score: int
    possible: int
    outcome: str | None = None

    @property
    def percent(self) -> int:
        return percent(self.score, self.possible)


def paths(scn: Scenario, max_visits: int = MAX_VISITS, limit: int | None = None,
          timeouts: bool = False) -> Iterator[Path]:
    """Every path from the start, depth first; a step is visited at most `max_visits` times.
    With `timeouts`, a step with a timer also branches to where the story goes when time runs
    out: the step is (step id, TIMED_OUT), unscored, and changes no variable."""
    if not scn.steps:
        return
    count = 0
    start_vars = {v.id: v.default for v in scn.variables}
    stack = [(scn.first_step, start_vars, (), [], 0, 0)]
    while stack:
        node, vars_, visited, chosen, score, possible = stack.pop()
        ending = scn.ending(node)
        if ending is not None:
            yield Path(chosen, node, score, possible, ending.outcome)
            count += 1
        elif visited.count(node) >= max_visits:
            yield Path(chosen, None, score, possible)
            count += 1
        else:
            step = scn.step(node)
            vis = visited + (node,)
            here = offered(scn, step, vars_, vis)
            best = best_offered(here)
            if timeouts and step.timeout and step.timeout.go:
                stack.append((step.timeout.go, vars_, vis, chosen + [(node, TIMED_OUT)], score, possible))
            for c in reversed(here):
                nv = apply(c, vars_)
                bar = best if c.safety != "neutral" else 0  # as in the engine
                stack.append((resolve_next(c, nv, vis), nv, vis, chosen + [(node, c.id)],
                              score + points(c), possible + bar))
        if limit is not None and count >= limit:
            return


def safest_path(scn: Scenario) -> Path | None:
    """Take the best-scoring choice at every decision; on a tie, the one that ends soonest."""
    if not scn.steps:
        return None
    vars_ = {v.id: v.default for v in scn.variables}
    node, visited, chosen, score, possible = scn.first_step, [], [], 0, 0
    for _ in range(1000):
        ending = scn.ending(node)
        if ending is not None:
            return Path(chosen, node, score, possible, ending.outcome)
        step = scn.step(node)
        visited.append(node)
        here = offered(scn, step, vars_, visited)
        if not here:
            return None
        best = best_offered(here)
        top = [c for c in here if points(c) == best and c.safety != "neutral"] or here
        ranked = sorted(top, key=lambda c: 0 if scn.ending(resolve_next(c, apply(c, vars_), visited)) else 1)
        c = ranked[0]
        vars_ = apply(c, vars_)
        chosen.append((step.id, c.id))
        score += points(c)
        possible += best if c.safety != "neutral" else 0
        node = resolve_next(c, vars_, visited)
    return None
