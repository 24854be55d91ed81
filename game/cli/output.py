"""Output files of the trainer commands (report, export): checked first, written for sharing.

Reports and exports are meant for other people (a colleague on the shared folder, the
principal), so they are created like any file the user makes (0644 under the usual umask),
not private like the game's own atomic writes (0600). A path that names a folder, or one
that cannot be written, is a clear one-line error, never a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from game.cli.words import N_, marked
from game.core.storage import atomic_write_bytes

MSG = {
    # Translators: -o named a folder; {path} is it, {example} a file name in it
    "folder": N_("{path}: is a folder; give a file name, for example {example}"),
    # Translators: {path} is the output file, {reason} the system's reason (in English: "Permission denied")
    "write": N_("{path}: cannot write the file ({reason})"),
}


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
        _say("write", lang, path=path, reason=exc.strerror or exc.__class__.__name__)
        return False
    return True
