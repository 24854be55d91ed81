"""Output files of the trainer commands (report, export): checked first, written for sharing.

Reports and exports are meant for other people (a colleague on the shared folder, the
principal), so they are created like any file the user makes (0644 under the usual umask),
not private like the game's own atomic writes (0600). A path that names a folder, or one
that cannot be written, is a clear one-line error, never a traceback.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

from game.cli.words import N_, marked
from game.core.storage import atomic_write_bytes

MSG = {
    # Translators: -o named a folder; {path} is it, {example} a file name in it
    "folder": N_("{path}: is a folder; give a file name, for example {example}"),
    # Translators: {path} is the output file, {reason} why (one of the reasons below, or the system's own words)
    "write": N_("{path}: cannot write the file ({reason})"),
}
# Why an output file could not be written: the common cases in the tool's words; the rare rest keep the
# system's or SQLite's own.
REASONS = {
    # Translators: why a file could not be written
    "denied": N_("permission denied"),
    # Translators: why a file could not be written: a folder on its path is not there
    "missing": N_("a folder on the way is not there"),
    # Translators: why a file could not be written
    "folder": N_("it is a folder"),
    # Translators: why a file could not be written (a write-protected USB stick, a CD)
    "read_only": N_("the disk is read-only"),
    # Translators: why a file could not be written
    "full": N_("the disk is full"),
    # Translators: why the merged file could not be written into: it is an SQLite file that is damaged
    "damaged": N_("the file is damaged; give a new file name"),
    # Translators: why the merged file could not be written into: it exists and is some other kind of file
    "not_ours": N_("the file exists and is not a Lá Chắn results file; give a new file name"),
}
_ERRNOS = {errno.EACCES: "denied", errno.EPERM: "denied", errno.ENOENT: "missing", errno.ENOTDIR: "missing",
           errno.EISDIR: "folder", errno.EROFS: "read_only", errno.ENOSPC: "full"}
_SQLITE = {"SQLITE_CORRUPT": "damaged", "SQLITE_NOTADB": "not_ours", "SQLITE_READONLY": "read_only",
           "SQLITE_FULL": "full"}


def reason(exc: BaseException, lang: str) -> str:
    """Why writing failed, in the tool's language for the common cases (by error number or
    SQLite's error name, never by wording), else in the system's or SQLite's own words."""
    key = _ERRNOS.get(getattr(exc, "errno", None)) or _SQLITE.get(getattr(exc, "sqlite_errorname", ""))
    if key is None and exc.__class__.__name__ == "NotOurs":
        key = "not_ours"
    if key:
        return marked(REASONS[key], lang)
    return getattr(exc, "strerror", None) or str(exc) or exc.__class__.__name__


def _say(key: str, lang: str, **kw) -> None:
    print(marked(MSG[key], lang).format(**kw), file=sys.stderr)


def check_output(path: Path | None, lang: str, default_name: str) -> bool:
    """False (after saying why) when -o cannot be a file we write."""
    if path is not None and Path(path).is_dir():
        _say("folder", lang, path=path, example=Path(path) / default_name)
        return False
    return True


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_shared(path: Path, data: bytes, lang: str) -> bool:
    """Write atomically, readable by others as the umask allows; False (after saying why) on failure."""
    try:
        atomic_write_bytes(path, data)
        os.chmod(path, 0o666 & ~_umask())
    except OSError as exc:
        _say("write", lang, path=path, reason=reason(exc, lang))
        return False
    return True
