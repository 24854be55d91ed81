"""Validation of everything a client sends. Pure: no I/O, no server library.

Every message is a small JSON object with a type `t`. Anything else (too big, not
JSON, unknown type, a nickname with control characters or markup, an option or step
that does not exist) is refused with an error code the page shows in the student's
language; the server never trusts a client's text further than these checks.
"""

from __future__ import annotations

import json
import re
import secrets
import string
import unicodedata

from game.core.nickname import NICKNAME_MAX, nickname_char_ok

MAX_MESSAGE_BYTES = 2048  # a WebSocket message or a JSON body from a phone
MAX_LAB_BYTES = 256 * 1024  # a lab PC's batch of rows (catch-up after a network loss)
MAX_LAB_ROWS = 500
NICK_MIN, NICK_MAX = 1, NICKNAME_MAX  # the game's own limit (game.core.nickname)
CODE_LEN = 4
CODE_ALPHABET = "ACDEFHJKMNPRTWXY"  # no look-alikes (0/O, 1/I/L, 5/S, 2/Z, 8/B)
TOKEN_RE = re.compile(r"[0-9a-f]{32}")
ID_RE = re.compile(r"[A-Za-z0-9_.:-]{1,80}")


class Invalid(Exception):
    """A client message that is refused; `code` is shown to that client alone."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LEN))


def new_token() -> str:
    return secrets.token_hex(16)


def new_key() -> str:
    """The trainer key: long enough not to be guessed, never shown on the projector."""
    return secrets.token_urlsafe(12)


def normal_code(raw) -> str:
    if not isinstance(raw, str) or len(raw) > 16:
        raise Invalid("bad_code")
    code = "".join(raw.split()).upper()
    if len(code) != CODE_LEN or any(ch not in CODE_ALPHABET for ch in code):
        raise Invalid("bad_code")
    return code


def clean_nick(raw) -> str:
    """NFC, letters (any script, with their marks), digits, space and - _ . ' only; 1–24 characters,
    the same rule as the game's profile (game.core.nickname)."""
    if not isinstance(raw, str) or len(raw) > 200:
        raise Invalid("bad_nick")
    text = " ".join(unicodedata.normalize("NFC", raw).split())
    if not (NICK_MIN <= len(text) <= NICK_MAX):
        raise Invalid("bad_nick")
    if not all(nickname_char_ok(ch) for ch in text):
        raise Invalid("bad_nick")
    if not any(unicodedata.category(ch)[0] == "L" or ch in string.digits for ch in text):
        raise Invalid("bad_nick")
    return text


def token(raw) -> str:
    if not isinstance(raw, str) or not TOKEN_RE.fullmatch(raw):
        raise Invalid("bad_token")
    return raw


def an_id(raw, code: str = "bad_id") -> str:
    if not isinstance(raw, str) or not ID_RE.fullmatch(raw):
        raise Invalid(code)
    return raw


def parse(raw: str | bytes, limit: int = MAX_MESSAGE_BYTES) -> dict:
    """One client message: size first (before any parsing), then JSON, then its shape."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "replace")
    if len(raw) > limit:
        raise Invalid("too_big")
    try:
        msg = json.loads(raw)
    except (ValueError, RecursionError):
        raise Invalid("not_json") from None
    if not isinstance(msg, dict) or not isinstance(msg.get("t"), str):
        raise Invalid("bad_message")
    kind = msg["t"]
    if kind == "join":
        return {"t": "join", "code": normal_code(msg.get("code")), "nick": clean_nick(msg.get("nick")),
                "token": token(msg["token"]) if msg.get("token") else None}
    if kind == "hello":
        return {"t": "hello", "code": normal_code(msg.get("code")), "token": token(msg.get("token"))}
    if kind == "vote":
        return {"t": "vote", "step": an_id(msg.get("step"), "bad_step"),
                "choice": an_id(msg.get("choice"), "bad_choice"), "n": _int(msg.get("n"), 0, 10**9, "bad_n"),
                "d": an_id(msg["d"], "bad_step") if msg.get("d") is not None else None}
    if kind == "ping":
        return {"t": "ping"}
    raise Invalid("bad_message", "unknown type")


def _int(v, lo: int, hi: int, code: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
        raise Invalid(code)
    return v


class RateLimit:
    """A token bucket: `rate` messages a second on average, bursts up to `burst`."""

    def __init__(self, rate: float, burst: float, clock):
        self.rate, self.burst, self.clock = rate, burst, clock
        self.tokens = burst
        self.last = clock()
        self.refused = 0

    def allow(self) -> bool:
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        self.refused += 1
        return False


# -- lab PCs' rows ---------------------------------------------------------------

SESSION_FIELDS = {"id": str, "machine": str, "nickname": str, "class_code": str, "scenario_id": str,
                  "scenario_version": int, "mode": str, "phase": str, "started_at": str, "finished_at": str,
                  "ending_id": str, "outcome": str, "score": int, "possible": int}
DECISION_FIELDS = {"id": str, "session_id": str, "machine": str, "nickname": str, "class_code": str,
                   "scenario_id": str, "scenario_version": int, "mode": str, "phase": str, "idx": int,
                   "step": str, "choice": str, "safety": str, "score": int, "best": int, "time_taken": float,
                   "timed_out": bool, "help": bool, "flags": list, "flags_shown": list, "votes": dict,
                   "recorded_at": str, "genuine": bool}
MACHINE_RE = re.compile(r"[A-Za-z0-9]{6,32}")
SAFETIES = ("safe", "risky", "unsafe", "neutral")
MODES = ("play", "classroom", "quiz")


def _row(raw, fields: dict, code: str) -> dict:
    if not isinstance(raw, dict) or set(raw) - set(fields):
        raise Invalid(code)
    out = {}
    for k, v in raw.items():
        want = fields[k]
        if v is None:
            out[k] = None
        elif want is str:
            if not isinstance(v, str) or len(v) > 200:
                raise Invalid(code, k)
            out[k] = v
        elif want is int:
            out[k] = _int(v, -10**6, 10**6, code)
        elif want is float:
            if isinstance(v, bool) or not isinstance(v, int | float) or not 0 <= v <= 10**6:
                raise Invalid(code, k)
            out[k] = float(v)
        elif want is bool:
            if not isinstance(v, bool | int):
                raise Invalid(code, k)
            out[k] = bool(v)
        elif want is list:
            if not isinstance(v, list) or len(v) > 50:
                raise Invalid(code, k)
            out[k] = [an_id(x, code) for x in v]
        elif want is dict:
            if not isinstance(v, dict) or len(v) > 26:
                raise Invalid(code, k)
            out[k] = {an_id(c, code): _int(n, 0, 10**4, code) for c, n in v.items()}
    return out


def lab_batch(raw: bytes) -> dict:
    """A lab PC's batch of its own results rows (same ids as in its file), checked field by field."""
    msg = parse_json(raw, MAX_LAB_BYTES)
    machine = msg.get("machine")
    if not isinstance(machine, str) or not MACHINE_RE.fullmatch(machine):
        raise Invalid("bad_machine")
    code = normal_code(msg.get("code"))
    sessions, decisions = msg.get("sessions", []), msg.get("decisions", [])
    if not isinstance(sessions, list) or not isinstance(decisions, list) or \
            len(sessions) + len(decisions) > MAX_LAB_ROWS:
        raise Invalid("bad_rows")
    ss = [_row(s, SESSION_FIELDS, "bad_rows") for s in sessions]
    ds = [_row(d, DECISION_FIELDS, "bad_rows") for d in decisions]
    for s in ss:
        an_id(s.get("id"), "bad_rows")
        if s.get("machine") != machine or (s.get("mode") or "play") not in MODES or not s.get("scenario_id"):
            raise Invalid("bad_rows", "session")
    for d in ds:
        if d.get("machine") != machine or d.get("id") != f"{an_id(d.get('session_id'), 'bad_rows')}:{d.get('idx')}":
            raise Invalid("bad_rows", "decision id")
        if d.get("safety") not in SAFETIES or not d.get("scenario_id") or (d.get("mode") or "play") not in MODES:
            raise Invalid("bad_rows", "decision")
    return {"machine": machine, "code": code, "sessions": ss, "decisions": ds}


def parse_json(raw: bytes, limit: int):
    if len(raw) > limit:
        raise Invalid("too_big")
    try:
        msg = json.loads(raw)
    except (ValueError, RecursionError):
        raise Invalid("not_json") from None
    if not isinstance(msg, dict):
        raise Invalid("bad_message")
    return msg
