"""The commands' own words (their messages and `--help`), in the `cli` catalogue.

Written in English in game/cli/; every other language's wording is in
locale/<lang>/LC_MESSAGES/cli.po. The language is the one `--lang` names on the command line,
else the tool language (`common.default_lang()`: $LA_CHAN_LANG, the language chosen in the game,
the OS locale, else English). Nothing is read until a string is shown: building the parser for
a run without `--help` looks nothing up (help texts are only shown with `--help`), and English
needs no catalogue at all, so starting the game pays nothing for this.

    from game.cli.words import _, ngettext, pgettext
    print(_("{path}: cannot write the file ({reason})").format(path=p, reason=why))
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark a string for the catalogue where it is defined; look it up with `_()` where it is shown."""
    return message


def NN_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural pair where it is defined; look it up with `counted()` and the count where it is shown."""
    return singular, plural


_lang: str | None = None
_building = False  # building a parser whose help will not be shown: leave help texts as they are


def set_lang(lang: str | None) -> None:
    """The language of the messages (main() sets it from `--lang`; None: the tool default, found on first use)."""
    global _lang
    _lang = lang


def lang() -> str:
    global _lang
    if _lang is None:
        from game.cli.common import default_lang

        _lang = default_lang()
    return _lang


def building(on: bool) -> None:
    global _building
    _building = on


def _words():
    from game.core.i18n import tool_words

    return tool_words(lang(), "cli")


def _(message: str) -> str:
    return message if _building else _words().gettext(message)


def pgettext(context: str, message: str) -> str:
    return message if _building else _words().pgettext(context, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return (singular if n == 1 else plural) if _building else _words().ngettext(singular, plural, n)


def marked(message: str, lang_: str | None = None) -> str:
    """A string marked with N_ where it is defined (a constant), looked up now, in lang_ if given
    (a command's own `--lang` value) else the message language."""
    from game.core.i18n import tool_words

    if _building and lang_ is None:
        return message
    return tool_words(lang_ or lang(), "cli").gettext(message)


def counted(pair: tuple[str, str], n: int, lang_: str | None = None, **fields) -> str:
    """A plural pair marked with NN_, in the form for n (in lang_ if given, else the message language),
    with `{n}` and any other fields filled in: `counted(NN_("{n} file", "{n} files"), 1)` is "1 file"."""
    from game.core.i18n import tool_words

    singular, plural = pair
    if _building and lang_ is None:
        return (singular if n == 1 else plural).format(n=n, **fields)
    words = tool_words(lang_ or lang(), "cli")
    sep = words.gettext(THOUSANDS)
    return words.ngettext(singular, plural, n).format(n=f"{n:,}".replace(",", sep), **fields)


# Translators: the separator between groups of three digits in counts ("3,464 decisions"); "." in Vietnamese
THOUSANDS = N_(",")


# argparse's own words in --help, looked up in the `cli` catalogue too (use_for_argparse). Only these
# headings: argparse's error messages use %-placeholders, which a translation could break, so they stay English.
ARGPARSE_WORDS = (
    # Translators: starts the first line of --help, followed by the command's syntax; keep the colon and space
    N_("usage: "),
    # Translators: heading in --help: the arguments given without a --name (files, folders)
    N_("positional arguments"),
    # Translators: heading in --help: the --name arguments
    N_("options"),
    # Translators: the help of -h/--help
    N_("show this help message and exit"),
)


def use_for_argparse() -> None:
    """Let argparse's headings in --help come from the catalogue (argparse looks them up through
    its module-level `_`, the standard gettext; ours falls back to the English it is given)."""
    import argparse

    argparse._ = _
