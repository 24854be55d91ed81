"""Plural-Forms expressions, parsed and evaluated by a small safe evaluator (pure).

A catalogue's header says `nplurals=N; plural=EXPR;` where EXPR is a C expression in `n`.
Python's `gettext.c2py` turns it into Python source and `eval`s it, and a division by zero
then raises inside `ngettext`, in the middle of drawing a menu. Here EXPR is tokenised and
parsed by precedence climbing into nested closures: only `n`, decimal integers, `! - + * / %
< <= > >= == != && || ?:` and parentheses, with bounded length and nesting. `compile_plural`
raises ValueError for anything else; the function it returns raises ArithmeticError for a
division by zero, and callers fall back to the source language's rule.
"""

from __future__ import annotations

import re

# Plural-Forms headers (GNU gettext conventions). Unknown languages need `i18n new LANG --plural`;
# a broken header in a catalogue of one of these languages falls back to its rule here.
PLURAL_FORMS = {
    "vi": "nplurals=1; plural=0;",
    "en": "nplurals=2; plural=(n != 1);",
    # Other ASEAN languages, for the campaign partners.
    "th": "nplurals=1; plural=0;",
    "id": "nplurals=1; plural=0;",
    "ms": "nplurals=1; plural=0;",
    "km": "nplurals=1; plural=0;",
    "lo": "nplurals=1; plural=0;",
    "my": "nplurals=1; plural=0;",
    "fil": "nplurals=2; plural=(n > 1);",
    "zh": "nplurals=1; plural=0;",
    "fr": "nplurals=2; plural=(n > 1);",
}

MAX_LENGTH = 300
MAX_DEPTH = 40

_TOKEN = re.compile(r"\s*(?:(\d{1,9})|(n)|(&&|\|\||[<>=!]=|[-+*/%<>!?:()]))")
_BINARY = {  # operator -> (precedence, function); C semantics for / and % (truncate toward zero)
    "||": (1, lambda a, b: int(bool(a) or bool(b))),
    "&&": (2, lambda a, b: int(bool(a) and bool(b))),
    "==": (3, lambda a, b: int(a == b)), "!=": (3, lambda a, b: int(a != b)),
    "<": (4, lambda a, b: int(a < b)), "<=": (4, lambda a, b: int(a <= b)),
    ">": (4, lambda a, b: int(a > b)), ">=": (4, lambda a, b: int(a >= b)),
    "+": (5, lambda a, b: a + b), "-": (5, lambda a, b: a - b),
    "*": (6, lambda a, b: a * b), "/": (6, lambda a, b: _div(a, b)), "%": (6, lambda a, b: _mod(a, b)),
}


def _div(a: int, b: int) -> int:
    if b == 0:
        raise ZeroDivisionError("division by zero in Plural-Forms")
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _mod(a: int, b: int) -> int:
    return a - b * _div(a, b)


def _tokens(expr: str) -> list[str]:
    out, pos = [], 0
    expr = expr.rstrip()
    while pos < len(expr):
        m = _TOKEN.match(expr, pos)
        if m is None or m.end() == pos:
            raise ValueError(f"unexpected {expr[pos:pos + 10].strip()!r} in Plural-Forms expression")
        out.append(m.group(m.lastindex))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, toks: list[str]):
        self.toks, self.i, self.depth = toks, 0, 0

    def peek(self) -> str | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self, want: str | None = None) -> str:
        tok = self.peek()
        if tok is None or (want is not None and tok != want):
            raise ValueError(f"expected {want or 'more'} in Plural-Forms expression, found {tok!r}")
        self.i += 1
        return tok

    def expr(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ValueError("Plural-Forms expression is nested too deeply")
        cond = self.binary(1)
        if self.peek() == "?":
            self.take("?")
            yes = self.expr()
            self.take(":")
            no = self.expr()
            self.depth -= 1
            return lambda n: yes(n) if cond(n) else no(n)
        self.depth -= 1
        return cond

    def binary(self, min_prec: int):
        left = self.unary()
        while (op := self.peek()) in _BINARY and _BINARY[op][0] >= min_prec:
            prec, fn = _BINARY[self.take()]
            right = self.binary(prec + 1)
            left = (lambda f, a, b: lambda n: f(a(n), b(n)))(fn, left, right)
        return left

    def unary(self):
        tok = self.take()
        if tok == "(":
            inner = self.expr()
            self.take(")")
            return inner
        if tok in ("!", "-", "+"):
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise ValueError("Plural-Forms expression is nested too deeply")
            arg = self.unary()
            self.depth -= 1
            return {"!": lambda n: int(not arg(n)), "-": lambda n: -arg(n), "+": arg}[tok]
        if tok == "n":
            return lambda n: n
        if tok.isdigit():
            value = int(tok)
            return lambda n: value
        raise ValueError(f"unexpected {tok!r} in Plural-Forms expression")


def compile_plural(expr: str):
    """EXPR (the part after `plural=`) as a function of n; ValueError if it is not a safe C expression."""
    expr = expr.strip().rstrip(";")
    if len(expr) > MAX_LENGTH:
        raise ValueError(f"Plural-Forms expression is longer than {MAX_LENGTH} characters")
    p = _Parser(_tokens(expr))
    fn = p.expr()
    if p.peek() is not None:
        raise ValueError(f"unexpected {p.peek()!r} in Plural-Forms expression")
    return fn


def parse_header(value: str) -> tuple[int, str]:
    """`nplurals=N; plural=EXPR;` -> (N, EXPR); ValueError if it is not that shape."""
    m = re.fullmatch(r"\s*nplurals\s*=\s*(\d{1,2})\s*;\s*plural\s*=\s*(.+?)\s*;?\s*", value or "")
    if not m or not 1 <= int(m.group(1)) <= 10:
        raise ValueError(f"Plural-Forms {(value or '')[:60]!r} is not 'nplurals=N; plural=EXPR;' with 1 ≤ N ≤ 10")
    return int(m.group(1)), m.group(2)


def known_rule(lang: str):
    """(nplurals, function) of a language in PLURAL_FORMS (`pt_BR` finds `pt`), or None."""
    header = PLURAL_FORMS.get(lang or "") or PLURAL_FORMS.get((lang or "").split("_")[0])
    if header is None:
        return None
    count, expr = parse_header(header)
    return count, compile_plural(expr)


def problem(value: str, sample: int = 1000) -> str | None:
    """Why a Plural-Forms header is unusable: bad syntax, or an index outside 0..N-1 or an
    arithmetic error for some n in 0..sample (and a few large n). None when it is fine."""
    try:
        count, expr = parse_header(value)
        fn = compile_plural(expr)
    except ValueError as exc:
        return str(exc)
    for n in [*range(sample + 1), 10_000, 100_000, 1_000_000]:
        try:
            idx = fn(n)
        except ArithmeticError as exc:
            return f"Plural-Forms expression fails for n={n} ({exc})"
        if not 0 <= idx < count:
            return f"Plural-Forms expression gives form {idx} for n={n}, but nplurals={count}"
    return None
