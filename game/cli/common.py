"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
import locale
import os

from game.cli.words import N_, _, marked

# Translators: in --help, after what --lang sets; locale/ is a folder name, keep it
LANG_HELP = N_("any language with a folder in locale/ (vi, en, ...)")
# The defaults, as default_lang(), screen_lang() and the game (prefs, then first_start_lang()) choose them.
# Translators: in --help; $LA_CHAN_LANG is an environment variable, keep it
TOOL_DEFAULT = N_("default: $LA_CHAN_LANG, then the language chosen in the game, then the OS locale, else English")
# Translators: in --help, for the projector's language; $LA_CHAN_LANG is an environment variable, keep it
SCREEN_DEFAULT = N_("default: $LA_CHAN_LANG, then the language chosen in the game, else Vietnamese")
# Translators: in --help of play; $LA_CHAN_LANG is an environment variable, keep it
GAME_DEFAULT = N_("default: the language chosen in the game last time, then $LA_CHAN_LANG, else Vietnamese; "
                  "--lang is remembered as the chosen language")


def present_languages() -> dict[str, str]:
    """Code -> name of every language with a folder in locale/ (read now, not at import)."""
    from game.core.i18n import available_languages

    return available_languages()


def lang_arg(value: str) -> str:
    """argparse type for --lang: a language present in locale/, else a message listing them."""
    langs = present_languages()
    if value in langs:
        return value
    listed = ", ".join(f"{code} ({name})" for code, name in langs.items())
    # Translators: {value} is what was typed after --lang, {listed} the languages present ("vi (Tiếng Việt), en
    # (English)"); keep the command in backquotes as it is
    raise argparse.ArgumentTypeError(_("no language {value} in locale/; present: {listed} "
                                       "(add one with `python main.py i18n new CODE`)").format(value=repr(value),
                                                                                              listed=listed))


def _from_locale(value: str, langs) -> str | None:
    """`th_TH.UTF-8` -> th (or pt_BR when that folder is there)."""
    code = value.split(".")[0].split("@")[0]
    for c in (code, code.split("_")[0].lower()):
        if c and c in langs:
            return c
    return None


def first_start_lang() -> str:
    """The language the game's screens start in before anyone chose one: Tiếng Việt, whatever
    the OS locale (lab PCs often run an English Windows); LA_CHAN_LANG still chooses, for tests
    and benchmarks. A language chosen in the game wins over both (the game reads its prefs)."""
    env = os.environ.get("LA_CHAN_LANG")
    return env if env and env in present_languages() else "vi"


def chosen_lang() -> str | None:
    """The language the player last chose in the game (its progress file), if any."""
    from game.core.storage import read_json, user_data_dir

    saved = read_json(user_data_dir() / "progress.json", {})
    lang = saved.get("prefs", {}).get("lang") if isinstance(saved, dict) and isinstance(saved.get("prefs"), dict) else None
    return lang if isinstance(lang, str) and lang in present_languages() else None


def screen_lang() -> str:
    """For a screen students see (classroom): LA_CHAN_LANG, the game's chosen language, else vi."""
    env = os.environ.get("LA_CHAN_LANG")
    return env if env and env in present_languages() else chosen_lang() or "vi"


def default_lang() -> str:
    """The language for tool output: LA_CHAN_LANG, then the language chosen in the game,
    then the OS locale, else English; any of them only if present in locale/."""
    langs = present_languages()
    env = os.environ.get("LA_CHAN_LANG")
    if env in langs:
        return env
    lang = chosen_lang()
    if lang:
        return lang
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        found = _from_locale(os.environ.get(var, ""), langs)
        if found:
            return found
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return _from_locale(loc, langs) or "en"


def add_lang(parser, help: str | None = None) -> None:
    """--lang; help says what it sets (already in the message language), else "language of messages"."""
    if help is None:
        # Translators: the help of --lang for a tool; {default} is the "default: ..." text
        help = _("language of messages ({default})").format(default=marked(TOOL_DEFAULT))
    parser.add_argument("--lang", type=lang_arg, default=None, metavar="LANG", help=f"{help}; {marked(LANG_HELP)}")
