"""Helpers shared by the command modules."""

from __future__ import annotations

import locale
import os


def default_lang() -> str:
    """The language for tool output: LA_CHAN_LANG, then the language chosen in the game,
    then the OS locale, else English."""
    env = os.environ.get("LA_CHAN_LANG")
    if env in ("vi", "en"):
        return env
    from game.core.storage import read_json, user_data_dir

    saved = read_json(user_data_dir() / "progress.json", {})
    lang = saved.get("prefs", {}).get("lang") if isinstance(saved, dict) and isinstance(saved.get("prefs"), dict) else None
    if lang in ("vi", "en"):
        return lang
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
