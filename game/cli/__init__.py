"""`main.py` subcommands. Each command lives in its own module with `register(subparsers)`.

Modules are imported lazily, only for the command being run, so `python main.py`
(play) never pays for the author tools and the author tools never import pygame.
"""

from __future__ import annotations

import argparse
import importlib

# name -> (module, one-line help). Order is the order in --help.
COMMANDS = {
    "play": ("game.cli.play", "play the game (the default); `play FILE --watch` for authors"),
    "lint": ("game.cli.lint", "check scenario files and report every problem"),
    "walk": ("game.cli.walk", "list every path through a scenario, or export its graph"),
    "migrate": ("game.cli.migrate", "update scenario files to format version 2, keeping comments and layout"),
    "i18n": ("game.cli.i18n", "translation catalogues: extract, update, status, check, new, import-json"),
    "results": ("game.cli.results", "export, merge or simulate class results"),
    "report": ("game.cli.report", "build an offline class report (HTML or CSV)"),
    "classroom": ("game.cli.classroom", "projector mode for a trainer-led session"),
    "host": ("game.cli.host", "live class session: phones vote, lab PCs report, on the school network"),
    "bench": ("game.cli.bench", "performance benchmarks (core, ui, i18n, report, live)"),
    "schema": ("game.cli.schema", "print the JSON Schema for scenario files"),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with `only`, just that command's module is imported ("" = none, for the
    top-level --help, which needs only the one-line helps above)."""
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Lá Chắn: a phone-scam awareness simulator. With no command, the game starts.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        if only is not None and name != only:
            sub.add_parser(name, help=help_text)
            continue
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            stub = sub.add_parser(name, help=help_text + " (not available in this build)")
            stub.set_defaults(run=lambda _args, n=name: print(f"{n}: not available in this build") or 2)
            continue
        mod.register(sub.add_parser(name, help=help_text, description=(mod.__doc__ or help_text).strip(),
                                    formatter_class=argparse.RawDescriptionHelpFormatter))
    return parser


def main(argv: list[str]) -> int:
    first = next((a for a in argv if not a.startswith("-")), None)
    if first not in COMMANDS:
        first = "" if argv and argv[0] in ("-h", "--help") else "play"
        if first == "play" and (not argv or argv[0].startswith("-")):
            argv = ["play", *argv]
    args = build_parser(only=first).parse_args(argv)
    if args.command is None:
        build_parser(only="").print_help()
        return 0
    try:
        return int(args.run(args) or 0)
    except BrokenPipeError:  # e.g. `lint | head`
        return 0
