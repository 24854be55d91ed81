"""The pure-Python cmap reader agrees with what pygame can actually draw."""

import pygame
import pytest

from game.core.glyphs import FONT, covered, missing


def test_vietnamese_is_fully_covered():
    import unicodedata

    vowels = "aăâeêioôơuưy"
    tones = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
    every = "".join(unicodedata.normalize("NFC", v + t) for v in vowels + vowels.upper() for t in tones)
    assert len(every) == 144
    assert missing(every + "bcdđghklmnpqrstvxĐ") == []


def test_emoji_are_reported():
    assert missing("Cảm ơn 🙏 nhé ❤️ :)") == ["🙏", "❤"]


@pytest.mark.parametrize("block", [range(0x20, 0x250), range(0x1E00, 0x1F00), range(0x2000, 0x2070)])
def test_cmap_matches_pygame(block):
    pygame.font.init()
    font = pygame.font.Font(str(FONT), 16)
    have = covered()
    for cp in block:
        ch = chr(cp)
        if not ch.isprintable() or ch.isspace():
            continue
        minx, maxx, miny, maxy, _advance = font.metrics(ch)[0]
        has_outline = (minx, maxx, miny, maxy) != (0, 0, 0, 0)  # a missing glyph has an empty box
        assert (cp in have) == has_outline, hex(cp)
