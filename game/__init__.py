"""Lá Chắn: a phone-scam awareness simulator.

`game.core` is the pure part (no pygame); `game.ui` is the Pygame view;
`game.cli` holds the `main.py` subcommands.
"""
