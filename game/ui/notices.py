"""What the player sees about damaged player files (set aside at start-up by game.core.storage)."""

from __future__ import annotations

from game.core import storage


def _message(tr, kind: str) -> str:
    if kind == "trainer":
        return tr.gettext("The teacher's settings file was damaged and has been put aside as {backup}. "
                          "Results are now saved on this computer until a teacher sets the results folder again.")
    if kind == "machine_id":
        return tr.gettext("This computer's id file was damaged and has been put aside as {backup}. "
                          "Results are still recorded, under a new computer id.")
    return tr.gettext("Your saved settings and progress were damaged and have been put aside as {backup}. "
                      "The game started with default settings.")


def notice_lines(tr) -> list[str]:
    """One translated line per damaged file, oldest first; none when every file was fine."""
    out = []
    for n in storage.notices():
        backup = n.backup.name if n.backup else tr.gettext("(the damaged file could not be kept)")
        out.append(_message(tr, n.kind).format(backup=backup))
    return out
