"""Where user data lives, and atomic writes that never leave a half-written file."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

log = logging.getLogger("la_chan.storage")

APP_DIR_NAME = "la-chan"


def user_data_dir() -> Path:
    """Per-user data folder; LA_CHAN_DATA_DIR overrides it (tests, portable USB installs)."""
    override = os.environ.get("LA_CHAN_DATA_DIR")
    if override:
        base = Path(override)
    elif sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home())) / APP_DIR_NAME
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / APP_DIR_NAME
    return base


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temp file in the same folder, fsync, then rename over the target."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    try:  # make the rename itself durable where the platform allows
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def atomic_write_json(path: Path, obj) -> None:
    atomic_write_bytes(path, json.dumps(obj, ensure_ascii=False, indent=2).encode("utf-8"))


def read_json(path: Path, default=None):
    """Read JSON, returning `default` for a missing, corrupt, too large or too deep file (never
    raises, never renames: for tools that only peek, such as the CLI reading the saved language)."""
    try:
        return load_json(path)
    except (OSError, BadFile):
        return default


# -- player files: bounded, checked, set aside when bad ---------------------------------

# A player file holds preferences, progress and resume snapshots: a few hundred KB for a lab.
MAX_JSON_BYTES = 4 * 1024 * 1024
# Deeper than any file the game writes; json.loads recurses, so depth is checked before parsing.
MAX_JSON_DEPTH = 64
_ESCAPES = re.compile(r"\\.", re.S)
_STRINGS = re.compile(r'"[^"\n]*+"')  # after escapes are gone; a failed match stops at the line's end
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


class BadFile(ValueError):
    """A player file that cannot be used as it is (why, in plain English, for the log)."""


def load_json(path: Path, max_bytes: int = MAX_JSON_BYTES, max_depth: int = MAX_JSON_DEPTH):
    """Parse a JSON file within size and nesting bounds. OSError if it cannot be read
    (FileNotFoundError if missing); BadFile if it is too large, not UTF-8, too deep or not JSON."""
    with open(path, "rb") as fh:
        raw = fh.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise BadFile(f"larger than {max_bytes} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadFile("not UTF-8 text") from exc
    brackets = _NOT_BRACKETS.sub("", _STRINGS.sub("", _ESCAPES.sub("", text)))  # linear, and no Python loop per byte
    if len(brackets) > max_depth and max(accumulate(map(_STEP.__getitem__, brackets))) > max_depth:
        raise BadFile(f"nested deeper than {max_depth}")
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise BadFile(f"not valid JSON ({exc.__class__.__name__})") from exc


@dataclass(frozen=True)
class Notice:
    """A player file that was bad and set aside; the UI shows it, translated, by `kind`."""

    kind: str  # "progress", "trainer", "machine_id" (see game/ui/notices.py)
    path: Path
    backup: Path | None
    reason: str


_notices: list[Notice] = []


def notices() -> list[Notice]:
    """Every file set aside since start-up, oldest first."""
    return list(_notices)


def clear_notices() -> None:
    _notices.clear()


def set_aside(path: Path) -> Path | None:
    """Rename a bad file to `NAME.bad-YYYYmmdd-HHMMSS` (copy it if renaming fails), so it can be
    inspected and is never overwritten. The backup's path, or None if neither worked."""
    path = Path(path)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.bad-{stamp}")
    n = 1
    while backup.exists():
        n += 1
        backup = path.with_name(f"{path.name}.bad-{stamp}-{n}")
    try:
        os.replace(path, backup)
        return backup
    except OSError:
        pass
    try:
        shutil.copy2(path, backup)
        return backup
    except OSError:
        return None


def read_player_json(path: Path, default, kind: str, check=None, max_bytes: int = MAX_JSON_BYTES):
    """A player file, or `default` when it is missing. A file that is too large, too deep, not
    JSON, or whose shape `check(data)` refuses (it returns why, or None) is set aside with a
    notice and logged, and `default` is returned: a bad file never stops start-up."""
    try:
        data = load_json(path, max_bytes)
        problem = check(data) if check else None
        if problem is None:
            return data
    except FileNotFoundError:
        return default
    except OSError as exc:  # unreadable (permissions): keep it, start with defaults
        log.warning("cannot read %s (%s): using defaults", path, exc.strerror or exc)
        return default
    except BadFile as exc:
        problem = str(exc)
    backup = set_aside(path)
    log.warning("%s is damaged (%s): set aside as %s, using defaults", path, problem, backup)
    _notices.append(Notice(kind, Path(path), backup, problem))
    return default
