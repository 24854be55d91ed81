"""Path walking over a scenario's state graph (step + variable values).

Used by `lint` and `walk` (every path, loops bounded), by the engine (the maximum
achievable score) and by the debrief (the safest path).

Nothing here recurses: a valid scenario may chain thousands of steps, and Python's
recursion limit must never turn a long story into a traceback. `paths()` is a
backtracking walk over one mutable path, so it streams its first paths at once and
holds memory in proportion to the path's length; `stats()` counts exactly the same
paths without listing them, by memoised search over states.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .model import TIMED_OUT, Choice, Scenario, Timeout

MAX_VISITS = 2  # a step may appear this many times on one path before the loop is cut


def resolve_next(c: Choice, vars_: dict, visited) -> str:
    if isinstance(c.next, str):
        return c.next
    for b in c.next:
        if b.when is None or b.when.holds(vars_, visited):
            return b.go
    return c.next[-1].go


def apply(c: Choice, vars_: dict) -> dict:
    if not c.set and not c.add:
        return vars_
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


def best_offered(choices: list[Choice]) -> int:
    """The most a player could earn at this decision (0 when nothing is scored)."""
    return max((points(c) for c in choices if c.safety != "neutral"), default=0)


def percent(score: int, possible: int) -> int:
    """A path's result: points out of the best available at each scored decision it met."""
    if possible <= 0:
        return 100
    return max(0, min(100, round(100 * score / possible)))


# -- what a path's future depends on --------------------------------------------------


def _conditions(scn: Scenario):
    for st in scn.steps:
        for c in scn.offered_choices(st):
            if c.when is not None:
                yield c.when
            if isinstance(c.next, list):
                yield from (b.when for b in c.next if b.when is not None)


def _analysis(scn: Scenario) -> dict:
    """Facts about the graph that decide which parts of a walk's state matter (cached)."""
    cached = scn.__dict__.get("_walk_analysis")
    if cached is not None:
        return cached
    from . import conditions as C

    conds = list(_conditions(scn))
    read = {cmp.var for cond in conds for cmp in C.variables_in(cond)}
    info = {
        "uses_visited": any(C.visits_in(x) for x in conds),
        "read_vars": frozenset(read),  # variables no condition reads cannot change where a path goes
        "component": _components(scn),
    }
    scn.__dict__["_walk_analysis"] = info
    return info


def cyclic(scn: Scenario) -> bool:
    """Can a choice ever lead back to a step already on the path (whatever the conditions)?
    If not, no walk of the scenario's states can go round a loop either."""
    edges: dict[str, set[str]] = {}
    for st in scn.steps:
        step = scn.step(st.id)  # the step a walk finds under this id
        if st.id not in edges and step is not None:
            edges[st.id] = {t for c in scn.offered_choices(step) for t in c.targets if scn.step(t) is not None}
    into = dict.fromkeys(edges, 0)
    for targets in edges.values():
        for t in targets:
            into[t] += 1
    free = [sid for sid, n in into.items() if n == 0]
    left = len(edges)
    while free:  # take away steps nothing leads to; a loop is what is left
        left -= 1
        for t in edges[free.pop()]:
            into[t] -= 1
            if into[t] == 0:
                free.append(t)
    return left > 0


def _components(scn: Scenario) -> dict[str, tuple]:
    """Each step's strongly connected component (Tarjan, iterative), as a sorted tuple of ids.

    A path that leaves a component can never come back to it, so only the visit counts of
    the steps in the current component can change what happens next.
    """
    edges = {st.id: [t for c in scn.offered_choices(st) for t in c.targets if scn.step(t)] for st in scn.steps}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    comp: dict[str, tuple] = {}
    counter = 0
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, it = work[-1]
            advanced = False
            for t in it:
                if t not in index:
                    index[t] = low[t] = counter
                    counter += 1
                    stack.append(t)
                    on_stack.add(t)
                    work.append((t, iter(edges[t])))
                    advanced = True
                    break
                if t in on_stack:
                    low[node] = min(low[node], index[t])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                members = []
                while True:
                    m = stack.pop()
                    on_stack.discard(m)
                    members.append(m)
                    if m == node:
                        break
                group = tuple(sorted(members))
                for m in members:
                    comp[m] = group
    return comp


@dataclass
class Stats:
    paths: int = 0
    endings: set = field(default_factory=set)
    loops: int = 0  # paths cut because they looped
    complete: bool = True  # False: the state budget ran out, and the figures are lower bounds


class _Frame:
    """One state on stats()' explicit stack, summing its children's results."""

    __slots__ = ("key", "children", "paths", "endings", "loops")

    def __init__(self, key, children):
        self.key, self.children = key, iter(children)
        self.paths, self.endings, self.loops = 0, frozenset(), 0

    def add(self, result: tuple) -> None:
        self.paths += result[0]
        if result[1] and not result[1] <= self.endings:
            self.endings = self.endings | result[1]
        self.loops += result[2]


_UNSET = object()  # in stats()' state keys: a variable that is not set at all
STATE_BUDGET = 50_000  # states stats() explores before it answers with lower bounds


def stats(scn: Scenario, max_visits: int = MAX_VISITS, budget: int = STATE_BUDGET,
          timeouts: bool = False) -> Stats:
    """How many paths `paths()` lists (with the same `timeouts`), which endings they reach and how
    many are cut at a loop.

    Memoised over states: the step, the variables some condition reads, the visit counts of
    the steps in the step's loop (a path that leaves a loop never comes back to it) and, only
    if conditions ask about visits, the visited set. A long chain therefore costs time in
    proportion to steps x choices, and the explicit stack means no chain is too long.

    Only big loops are costly: the visit counts inside one loop of n steps can take about
    3^n values. After `budget` states the search stops and says so (`complete=False`), with
    the paths and endings found so far as lower bounds.
    """
    if not scn.steps:
        return Stats()
    info = _analysis(scn)
    read, comp, uses_visited = info["read_vars"], info["component"], info["uses_visited"]

    # Looked up once per step rather than once per state (lint counts the paths of every file).
    endings = {e.id for e in scn.endings}
    choices: dict[str, tuple] = {}  # step id -> (step, the choices it offers before conditions)

    # The read variables' values in one fixed order make the same key as their sorted (name, value)
    # pairs (a variable no path has set is _UNSET), without sorting at every state.
    read_order = sorted(read)

    def key(state) -> tuple:
        node, vars_, counts = state
        group = comp.get(node, ())
        return (node, tuple([vars_.get(name, _UNSET) for name in read_order]),
                tuple([counts.get(s, 0) for s in group]) if counts else (0,) * len(group),
                frozenset(counts) if uses_visited else None)

    def expand(state):
        """A leaf's result, or None and the states one choice away."""
        node, vars_, counts = state
        if node in endings:
            return (1, frozenset((node,)), 0), ()
        if counts.get(node, 0) >= max_visits:
            return (1, frozenset(), 1), ()
        known = choices.get(node)
        if known is None:
            step = scn.step(node)
            known = choices[node] = (step, scn.offered_choices(step) if step is not None else ())
        step, here = known
        if step is None:
            return (0, frozenset(), 0), ()
        vis = dict(counts)
        vis[node] = vis.get(node, 0) + 1
        group = comp.get(node, ())
        out = []
        for c in here:
            if c.when is not None and not c.when.holds(vars_, vis):
                continue
            nv = apply(c, vars_)
            nxt = resolve_next(c, nv, vis)
            # Visit counts outside the current loop can no longer matter (unless conditions read them).
            out.append((nxt, nv, vis if uses_visited or nxt in group else {}))
        if timeouts and step.timeout and step.timeout.go:  # as in paths(): no variable changes
            nxt = step.timeout.go
            out.append((nxt, vars_, vis if uses_visited or nxt in group else {}))
        return None, out

    memo: dict[tuple, tuple] = {}
    start = (scn.first_step, {v.id: v.default for v in scn.variables}, {})
    root = key(start)
    leaf, children = expand(start)
    if leaf is not None:
        memo[root] = leaf
        children = ()
    stack = [_Frame(root, children)] if leaf is None else []
    while stack:
        if len(memo) > budget:
            while len(stack) > 1:  # fold what each open state found into its parent
                top = stack.pop()
                stack[-1].add((top.paths, top.endings, top.loops))
            top = stack[0]
            return Stats(top.paths, set(top.endings), top.loops, complete=False)
        top = stack[-1]
        for child in top.children:
            k = key(child)
            got = memo.get(k)
            if got is None:
                got, grandchildren = expand(child)
                if got is None:
                    stack.append(_Frame(k, grandchildren))
                    break
                memo[k] = got
            top.add(got)
        else:
            stack.pop()
            memo[top.key] = result = (top.paths, top.endings, top.loops)
            if stack:
                stack[-1].add(result)
    paths_, endings, loops = memo[root]
    return Stats(paths_, set(endings), loops)


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
    """Every path from the start, depth first, as a stream; a step is visited at most
    `max_visits` times. One mutable path is extended and cut back (backtracking), so the
    first path comes at once and memory grows with the path's length, not the path count.
    With `timeouts`, a step with a timer also branches, after its choices, to where the story
    goes when time runs out: the step is (step id, TIMED_OUT), unscored, and changes no variable."""
    if not scn.steps or (limit is not None and limit <= 0):
        return
    count = 0
    counts: dict[str, int] = {}  # visits per step on the current path (also the `visited` set)
    chosen: list[tuple[str, str]] = []
    stack: list[list] = []  # [step id, vars, offered choices, next index, best, score, possible]
    node, vars_, score, possible = scn.first_step, {v.id: v.default for v in scn.variables}, 0, 0
    while True:
        ending = scn.ending(node)
        if ending is not None or counts.get(node, 0) >= max_visits:
            if ending is not None:
                yield Path(list(chosen), node, score, possible, ending.outcome)
            else:
                yield Path(list(chosen), None, score, possible)
            count += 1
            if limit is not None and count >= limit:
                return
        elif (step := scn.step(node)) is not None:
            counts[node] = counts.get(node, 0) + 1
            here = offered(scn, step, vars_, counts)
            best = best_offered(here)
            if timeouts and step.timeout and step.timeout.go:
                here = [*here, step.timeout]  # the branch where time runs out comes last
            stack.append([node, vars_, here, 0, best, score, possible])
        while stack:  # the next untried choice, cutting the path back as far as needed
            fr = stack[-1]
            if fr[3] > 0:
                chosen.pop()
            if fr[3] < len(fr[2]):
                c = fr[2][fr[3]]
                fr[3] += 1
                if isinstance(c, Timeout):  # nothing chosen: unscored, no variable changes
                    chosen.append((fr[0], TIMED_OUT))
                    vars_, node, score, possible = fr[1], c.go, fr[5], fr[6]
                    break
                chosen.append((fr[0], c.id))
                vars_ = apply(c, fr[1])
                node = resolve_next(c, vars_, counts)
                score = fr[5] + points(c)
                possible = fr[6] + (fr[4] if c.safety != "neutral" else 0)  # as in the engine
                break
            stack.pop()
            left = counts[fr[0]] - 1
            if left:
                counts[fr[0]] = left
            else:
                del counts[fr[0]]
        else:
            return


def safest_path(scn: Scenario) -> Path | None:
    """Take the best-scoring choice at every decision; on a tie, the one that ends soonest."""
    if not scn.steps:
        return None
    vars_ = {v.id: v.default for v in scn.variables}
    node, visited, chosen, score, possible = scn.first_step, [], [], 0, 0
    for _ in range(len(scn.steps) * MAX_VISITS + 1):
        ending = scn.ending(node)
        if ending is not None:
            return Path(chosen, node, score, possible, ending.outcome)
        step = scn.step(node)
        if step is None:
            return None
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
