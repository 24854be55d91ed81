"""The shipped Be Vietnam Pro files keep every glyph our texts use in a glyph-cache slot of its own.

SDL_ttf 2.x caches a font's glyphs in 256 slots by glyph id modulo 256; two glyphs a line needs in
one slot are rendered again on every render of that line (20-60 times slower: "(" and "ạ" shared a
slot in the upstream files). assets/fonts/glyph_order.py renumbered the glyphs; this keeps it so when
a font file or the texts change."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

ttLib = pytest.importorskip("fontTools.ttLib")  # in the test extra

FONTS = Path(__file__).resolve().parents[2] / "assets" / "fonts"
_spec = importlib.util.spec_from_file_location("glyph_order", FONTS / "glyph_order.py")
glyph_order = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(glyph_order)


@pytest.fixture(scope="module")
def counts() -> Counter:
    return glyph_order.text_frequencies()


@pytest.mark.parametrize("name", glyph_order.FILES)
def test_the_glyphs_our_texts_use_each_have_a_cache_slot(name, counts):
    font = ttLib.TTFont(FONTS / name)
    wanted = glyph_order.wanted_glyphs(font, counts)
    assert len(wanted) >= len(set(glyph_order.VIETNAMESE)) + 95  # the alphabet and ASCII at least
    assert glyph_order.sharing(font, wanted) == []


def test_texts_reach_only_characters_the_renumbering_covers(counts):
    """Every Vietnamese letter, ASCII and the punctuation the texts use are among the glyphs given a
    slot (at most 255 besides .notdef); a text that needs more characters than that must say so here."""
    font = ttLib.TTFont(FONTS / glyph_order.FILES[0])
    assert len(glyph_order.wanted_glyphs(font, counts)) <= glyph_order.SLOTS - 1


class _Ids:
    """A stand-in font: glyph name -> id."""

    def __init__(self, order):
        self.order = order

    def getGlyphID(self, name):
        return self.order.index(name)


def test_the_check_finds_glyphs_that_share_a_slot():
    """Control: the upstream order had "(" at 427 and "ạ" (uni1EA1) at 171, one slot."""
    order = [f"g{i}" for i in range(527)]
    order[171], order[427] = "uni1EA1", "parenleft"
    assert glyph_order.sharing(_Ids(order), ["uni1EA1", "parenleft", "g3"]) == [("uni1EA1", "parenleft")]
    assert glyph_order.sharing(_Ids(order), ["uni1EA1", "g3"]) == []
