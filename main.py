"""Lá Chắn — run `python main.py` to play, `python main.py --help` for the tools."""

import os
import sys

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # students need no library banner in the console

from game.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
