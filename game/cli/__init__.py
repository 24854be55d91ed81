"""`main.py` subcommands. Each command lives in its own module with `register(subparsers)`.

Modules are imported lazily, only for the command being run, so `python main.py`
(play) never pays for the author tools and the author tools never import pygame.

Messages and --help are in the `--lang` given on the command line, else in the tool language
(game/cli/words.py); a parser built for a run without --help looks none of its help up.
"""

from __future__ import annotations

import argparse
import importlib
import re

from game.cli.words import N_, _, marked

# name -> (module, one-line help). Order is the order in --help.
COMMANDS = {
    "play": ("game.cli.play", N_("play the game (the default); `play FILE --watch` for authors")),
    "lint": ("game.cli.lint", N_("check scenario files and report every problem")),
    "walk": ("game.cli.walk", N_("list every path through a scenario, or export its graph")),
    "migrate": ("game.cli.migrate", N_("update scenario files to format version 2, keeping comments and layout")),
    "i18n": ("game.cli.i18n", N_("translation catalogues: extract, update, status, check, new, import-json")),
    "results": ("game.cli.results", N_("export, merge or simulate class results")),
    "report": ("game.cli.report", N_("build an offline class report (HTML or CSV)")),
    "classroom": ("game.cli.classroom", N_("projector mode for a trainer-led session")),
    "host": ("game.cli.host", N_("live class session: phones vote, lab PCs report, on the school network")),
    "bench": ("game.cli.bench", N_("performance benchmarks (core, ui, i18n, report, live)")),
    "schema": ("game.cli.schema", N_("print the JSON Schema for scenario files")),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with `only`, just that command's module is imported ("" = none, for the
    top-level --help, which needs only the one-line helps above)."""
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description=_("Lá Chắn: a phone-scam awareness simulator. With no command, the game starts. "
                      "Messages and --help are in the language of --lang, else the tool language "
                      "($LA_CHAN_LANG, then the language chosen in the game, then the OS locale, else English)."),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        help_text = marked(help_text)
        if only is not None and name != only:
            sub.add_parser(name, help=help_text)
            continue
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            # Translators: added to a command's one-line help when its module is missing from this copy
            stub = sub.add_parser(name, help=help_text + _(" (not available in this build)"))
            stub.set_defaults(run=lambda _args, n=name: print(_("{command}: not available in this build")
                                                              .format(command=n)) or 2)
            continue
        mod.register(sub.add_parser(name, help=help_text, description=marked(describe(mod) or help_text),
                                    formatter_class=argparse.RawDescriptionHelpFormatter))
    return parser


def describe(mod) -> str:
    """A command's description in --help: its module docstring (extracted into the `cli` catalogue
    with the msgid as written here, stripped)."""
    return (mod.__doc__ or "").strip()


_LANG_ARG = re.compile(r"^--lang(?:=(.*))?$")


def lang_in(argv: list[str]) -> str | None:
    """The value of `--lang` on the command line, if it names a language present in locale/
    (anything else is left for argparse to refuse, in the tool language)."""
    for i, a in enumerate(argv):
        if a == "--":
            break
        m = _LANG_ARG.match(a)
        if m:
            value = m.group(1) if m.group(1) is not None else (argv[i + 1] if i + 1 < len(argv) else None)
            if value:
                from game.cli.common import present_languages

                return value if value in present_languages() else None
    return None


def main(argv: list[str]) -> int:
    from game.cli import words

    first = next((a for a in argv if not a.startswith("-")), None)
    if first not in COMMANDS:
        first = "" if argv and argv[0] in ("-h", "--help") else "play"
        if first == "play" and (not argv or argv[0].startswith("-")):
            argv = ["play", *argv]
    words.set_lang(lang_in(argv) if any(a.startswith("--lang") for a in argv) else None)
    helping = any(a in ("-h", "--help") for a in argv)
    if helping:
        words.use_for_argparse()
    words.building(not helping)
    try:
        parser = build_parser(only=first)
    finally:
        words.building(False)
    args = parser.parse_args(argv)
    if args.command is None:
        build_parser(only="").print_help()
        return 0
    try:
        return int(args.run(args) or 0)
    except BrokenPipeError:  # e.g. `lint | head`
        return 0
