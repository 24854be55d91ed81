"""The shipped Be Vietnam Pro files keep every glyph our texts use in a glyph-cache slot of its own.

SDL_ttf 2.x caches a font's glyphs in 256 slots by glyph id modulo 256; two glyphs a line needs in
one slot are rendered again on every render of that line (20-60 times slower: "(" and "ạ" shared a
slot in the upstream files). tools/glyph_order.py renumbered the glyphs; this keeps it so when
a font file or the texts change."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

ttLib = pytest.importorskip("fontTools.ttLib")  # in the test extra

FONTS = Path(__file__).resolve().parents[2] / "assets" / "fonts"
_spec = importlib.util.spec_from_file_location("glyph_order", FONTS.parents[1] / "tools" / "glyph_order.py")
glyph_order = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(glyph_order)


@pytest.fixture(scope="module")
def counts() -> Counter:
    return glyph_order.text_frequencies()


@pytest.mark.parametrize("name", glyph_order.FILES)
def test_the_glyphs_our_texts_show_each_have_a_cache_slot(name, counts):
    """The characters' own glyphs and what the default features make of them (fi, ffi)."""
    font = ttLib.TTFont(FONTS / name)
    wanted = glyph_order.wanted_glyphs(font, counts)
    assert len(wanted) >= len(set(glyph_order.VIETNAMESE)) + 95  # the alphabet and ASCII at least
    shown = glyph_order.shown_glyphs(font, counts)
    assert {"f_i.liga", "f_f_i.liga"} <= set(shown)  # "confirm", "official": ligatures normal text shows
    assert not {"a.ss01", "i.loclTRK"} & set(shown)  # a stylistic set, a Turkish i: never drawn by the game
    assert glyph_order.sharing(font, shown) == []


def test_texts_show_no_more_glyphs_than_there_are_slots(counts):
    """At most 255 besides .notdef: a text that needs more than that must say so here."""
    font = ttLib.TTFont(FONTS / glyph_order.FILES[0])
    assert len(glyph_order.shown_glyphs(font, counts)) <= glyph_order.SLOTS - 1


def test_the_tool_run_again_changes_nothing(counts, tmp_path):
    """Run on its own output (a new text that adds no glyph), it leaves the file byte for byte."""
    path = tmp_path / glyph_order.FILES[0]
    path.write_bytes((FONTS / glyph_order.FILES[0]).read_bytes())
    assert glyph_order.rewrite(path, counts) == 0
    assert path.read_bytes() == (FONTS / glyph_order.FILES[0]).read_bytes()


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
