"""Play the game (the default command).

  python main.py                          start at the language screen
  python main.py --lang vi                start at the nickname (language given)
  python main.py play FILE                play one scenario file directly
  python main.py play FILE --watch        author mode: reload on save, replay the choices
                                          made so far, show lint errors in an overlay
  python main.py play FILE --start STEP   begin at a given step
Options: --lang LANG (vi, en or any language in locale/), --windowed / --fullscreen, --size WxH.
Trainers: --results-dir DIR (where this machine writes its results file), --quiz / --no-quiz
(the pre/post check); both are remembered on the machine.
Lab mode: --join HOST --code CODE (or --join with the join URL) also sends each decision
to the trainer's `host`; this PC's own results file stays the source of truth, and what
could not be sent (network down) is sent when the host is reachable again.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from game.cli.words import _, marked


def register(p) -> None:
    from game.cli.common import GAME_DEFAULT, add_lang

    p.add_argument("file", nargs="?", type=Path, help=_("a scenario file to play directly"))
    p.add_argument("--watch", action="store_true", help=_("reload FILE when it changes (authors)"))
    p.add_argument("--start", metavar="STEP", help=_("begin at this step id (with FILE)"))
    # Translators: the help of --lang for the game; {default} is the "default: ..." text
    add_lang(p, _("interface language ({default})").format(default=marked(GAME_DEFAULT)))
    g = p.add_mutually_exclusive_group()
    g.add_argument("--windowed", dest="fullscreen", action="store_false", default=None,
                   help=_("start in a window (F11 switches)"))
    g.add_argument("--fullscreen", dest="fullscreen", action="store_true",
                   help=_("start full screen (F11 switches)"))
    p.add_argument("--size", type=parse_size, default=(1280, 720), metavar="WxH",
                   help=_("window size, e.g. 1366x768 (at least 960x600)"))
    p.add_argument("--results-dir", metavar="DIR",
                   help=_("folder for class results, e.g. a USB stick or shared folder (remembered; \"\" = local)"))
    p.add_argument("--quiz", action=argparse.BooleanOptionalAction, default=None,
                   help=_("the pre/post scam-or-real check before the first and after the last scenario (remembered)"))
    p.add_argument("--join", metavar="HOST",
                   help=_("lab mode: also send each decision to the trainer's host (address[:port] or its join URL)"))
    p.add_argument("--code", metavar="CODE", help=_("with --join: the session code shown on the projector"))
    p.set_defaults(run=run)


# The smallest window the phone and its side panels fit in (game/ui/app.py MIN_SIZE; the UI
# module is not imported here so `--help` stays fast), and a sane largest.
MIN_SIZE = (960, 600)
MAX_SIDE = 16384


def parse_size(text: str) -> tuple[int, int]:
    """`WIDTHxHEIGHT` (argparse type): a clear error for `abc`, `0x0` or a size below the minimum."""
    m = re.fullmatch(r"\s*(\d{1,6})\s*[xX*×]\s*(\d{1,6})\s*", text)
    if not m:
        # Translators: {text} is what was typed after --size; keep WIDTHxHEIGHT as it is
        raise argparse.ArgumentTypeError(_("{text} is not a window size: write WIDTHxHEIGHT, e.g. 1366x768")
                                         .format(text=repr(text)))
    w, h = int(m.group(1)), int(m.group(2))
    if w < MIN_SIZE[0] or h < MIN_SIZE[1]:
        # Translators: {size} is the size asked for (1024x500), {smallest} the smallest window (960x600)
        raise argparse.ArgumentTypeError(_("{size} is too small: the smallest window is {smallest}")
                                         .format(size=f"{w}x{h}", smallest=f"{MIN_SIZE[0]}x{MIN_SIZE[1]}"))
    if w > MAX_SIDE or h > MAX_SIDE:
        # Translators: {size} is the size asked for, {max} a number of pixels
        raise argparse.ArgumentTypeError(_("{size} is too large: at most {max} pixels a side")
                                         .format(size=f"{w}x{h}", max=MAX_SIDE))
    return w, h


def run(args) -> int:
    from game.cli.common import first_start_lang
    from game.ui.main import launch

    return launch(file=args.file, watch=args.watch, start=args.start, lang=args.lang,
                  fullscreen=args.fullscreen, size=args.size, default_lang=first_start_lang(),
                  results_dir=args.results_dir, quiz=args.quiz, join=args.join, join_code=args.code)
