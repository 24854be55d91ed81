"""Helpers shared by the command modules."""

from __future__ import annotations

import locale
import os


def first_start_lang() -> str:
    """The language the game's screens start in before anyone chose one: Tiếng Việt, whatever
    the OS locale (lab PCs often run an English Windows); LA_CHAN_LANG still chooses, for tests
    and benchmarks. A language chosen in the game wins over both (the game reads its prefs)."""
    env = os.environ.get("LA_CHAN_LANG")
    return env if env in ("vi", "en") else "vi"


def chosen_lang() -> str | None:
    """The language the player last chose in the game (its progress file), if any."""
    from game.core.storage import read_json, user_data_dir

    saved = read_json(user_data_dir() / "progress.json", {})
    lang = saved.get("prefs", {}).get("lang") if isinstance(saved, dict) and isinstance(saved.get("prefs"), dict) else None
    return lang if lang in ("vi", "en") else None


def screen_lang() -> str:
    """For a screen students see (classroom): LA_CHAN_LANG, the game's chosen language, else vi."""
    env = os.environ.get("LA_CHAN_LANG")
    return env if env in ("vi", "en") else chosen_lang() or "vi"


def default_lang() -> str:
    """The language for tool output: LA_CHAN_LANG, then the language chosen in the game,
    then the OS locale, else English."""
    env = os.environ.get("LA_CHAN_LANG")
    if env in ("vi", "en"):
        return env
    lang = chosen_lang()
    if lang:
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
