"""Helpers shared by the command modules."""

from __future__ import annotations

import locale
import os


def default_lang() -> str:
    """The UI language for tool output: LA_CHAN_LANG, then the OS locale, else English."""
    env = os.environ.get("LA_CHAN_LANG")
    if env in ("vi", "en"):
        return env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(var, "").lower().startswith("vi"):
            return "vi"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "vi" if loc.lower().startswith("vi") else "en"


def add_lang(parser) -> None:
    parser.add_argument("--lang", choices=("vi", "en"), default=None,
                        help="language of messages (default: the OS locale)")
