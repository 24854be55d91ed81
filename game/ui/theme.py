"""Theme colours and chat-app looks, read from `assets/themes/*.json`."""

from __future__ import annotations

import json
from pathlib import Path

THEMES_DIR = Path(__file__).resolve().parents[2] / "assets" / "themes"


def parse_colour(value: str) -> tuple:
    v = value.lstrip("#")
    return tuple(int(v[i:i + 2], 16) for i in range(0, len(v), 2))


def _read(name: str) -> dict:
    try:
        return json.loads((THEMES_DIR / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


class Theme:
    """Colour lookups by name: `theme["accent"]`; `theme.look("zalo")["out"]`."""

    def __init__(self, high_contrast: bool = False):
        raw = _read("default.json")
        if high_contrast:
            raw.update(_read("high_contrast.json"))
        self.high_contrast = high_contrast
        self.colours = {k: parse_colour(v) for k, v in raw.items() if not k.startswith("_")}
        looks = _read("looks.json")
        self.looks = {k: {n: parse_colour(c) for n, c in v.items()} for k, v in looks.items() if not k.startswith("_")}

    def __getitem__(self, name: str) -> tuple:
        return self.colours.get(name, (255, 0, 255))

    def look(self, name: str) -> dict:
        if self.high_contrast:
            return self.looks.get("high_contrast") or self.looks["generic"]
        return self.looks.get(name) or self.looks.get("generic", {})
