"""Who a row belongs to: the machine's random id, student keys, pseudonyms.

Nothing here is personal: the machine id is a random token (a one-way tag of the host
only picks which token), nicknames are labels students type, and pseudonyms number
students in an order that reveals nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import uuid
from pathlib import Path

from ..nickname import NICKNAME_MAX, clean_class_code, clean_nickname
from ..playerfiles import machine_ids_problem
from ..storage import atomic_write_json, read_player_json, user_data_dir

MAX_NICK = NICKNAME_MAX  # the one limit, from game.core.nickname


def _host_key() -> str:
    """A one-way tag of the computer, so a user data folder shared by many lab machines
    (roaming profiles) still gives each machine its own id and file. Never stored in results."""
    import platform

    return hashlib.sha256(f"{platform.node()}|{uuid.getnode()}".encode()).hexdigest()[:16]


def machine_id(data_dir: Path | None = None) -> str:
    """A random, stable id for this computer and user data folder (not derived from anything personal)."""
    path = Path(data_dir or user_data_dir()) / "machine-id.json"
    got = read_player_json(path, {}, "machine_id", machine_ids_problem)
    ids = got.get("machines") if isinstance(got, dict) and isinstance(got.get("machines"), dict) else {}
    host = _host_key()
    mid = ids.get(host)
    if isinstance(mid, str) and mid.isalnum() and 6 <= len(mid) <= 32:
        return mid
    mid = uuid.uuid4().hex[:12]
    ids[host] = mid
    with contextlib.suppress(OSError):
        atomic_write_json(path, {"machines": ids})
    return mid


def student_key(nickname: str | None, class_code: str | None) -> tuple[str, str]:
    """Who a row belongs to: the nickname within a class, case- and spacing-insensitive."""
    return (clean_class_code(class_code).casefold(), clean_nickname(nickname).casefold())


def pseudonyms(keys) -> dict[tuple[str, str], int]:
    """Number students 1..n in an order that reveals nothing (a hash, not the alphabet)."""
    ordered = sorted(set(keys), key=lambda k: hashlib.sha256("\x1f".join(k).encode()).hexdigest())
    return {k: i + 1 for i, k in enumerate(ordered)}
