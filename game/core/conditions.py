"""Conditions as plain YAML mappings: no eval, no string mini-language.

Each condition type is a small dataclass with an author-facing docstring; the
registry below is what the parser accepts and what docs/scenario-format.md lists.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from .diagnostics import Mark

COMPARISONS = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b,
    "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b,
}


@dataclass
class All:
    """`all: [cond, ...]` holds when every condition in the list holds."""

    items: list
    mark: Mark | None = None

    def holds(self, vars_, visited) -> bool:
        return all(c.holds(vars_, visited) for c in self.items)


@dataclass
class Any_:
    """`any: [cond, ...]` holds when at least one condition in the list holds."""

    items: list
    mark: Mark | None = None

    def holds(self, vars_, visited) -> bool:
        return any(c.holds(vars_, visited) for c in self.items)


@dataclass
class Not:
    """`not: cond` holds when the condition does not."""

    item: object
    mark: Mark | None = None

    def holds(self, vars_, visited) -> bool:
        return not self.item.holds(vars_, visited)


@dataclass
class Compare:
    """`{var: name, eq|ne|lt|le|gt|ge: value}` compares a declared variable with a value."""

    var: str
    op: str
    value: object
    mark: Mark | None = None

    def holds(self, vars_, visited) -> bool:
        a = vars_.get(self.var)
        try:
            return bool(COMPARISONS[self.op](a, self.value))
        except TypeError:
            return False


@dataclass
class Visited:
    """`visited: step_id` holds when the player has already been through that step."""

    step: str
    mark: Mark | None = None

    def holds(self, vars_, visited) -> bool:
        return self.step in visited


CONDITION_TYPES = {"all": All, "any": Any_, "not": Not, "var": Compare, "visited": Visited}


def walk(cond):
    """Every condition in a tree, depth first."""
    stack = [cond]
    while stack:
        c = stack.pop()
        yield c
        if isinstance(c, All | Any_):
            stack.extend(c.items)
        elif isinstance(c, Not):
            stack.append(c.item)


def variables_in(cond) -> list[Compare]:
    """Every comparison in a condition tree, for the validator."""
    return [c for c in walk(cond) if isinstance(c, Compare)]


def visits_in(cond) -> list[Visited]:
    return [c for c in walk(cond) if isinstance(c, Visited)]


def covers_every_case(conds: list, limit: int = 4096) -> bool:
    """Does at least one condition hold whatever the variables and visits are?

    Each variable only matters through the values it is compared with, so trying each
    constant, one below and one above (and true/false) covers every case exactly. Too
    many combinations to try means "not proven", never a guess.
    """
    values: dict[str, set] = {}
    steps: set[str] = set()
    for cond in conds:
        for c in walk(cond):
            if isinstance(c, Compare):
                if isinstance(c.value, bool):
                    values.setdefault(c.var, set()).update((True, False))
                else:
                    values.setdefault(c.var, set()).update((c.value - 1, c.value, c.value + 1))
            elif isinstance(c, Visited):
                steps.add(c.step)
    names, steps_ = sorted(values), sorted(steps)
    total = 2 ** len(steps_)
    for n in names:
        total *= len(values[n])
        if total > limit:
            return False
    for combo in itertools.product(*(sorted(values[n], key=repr) for n in names)):
        vars_ = dict(zip(names, combo, strict=True))
        for bits in itertools.product((False, True), repeat=len(steps_)):
            visited = {st for st, b in zip(steps_, bits, strict=True) if b}
            if not any(c.holds(vars_, visited) for c in conds):
                return False
    return True
