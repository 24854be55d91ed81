"""Renumber Be Vietnam Pro's glyphs so that the text the game shows never thrashes SDL_ttf's glyph cache.

SDL_ttf 2.x keeps a font's rendered glyphs in 256 slots, chosen by glyph id modulo 256. Two glyphs a
string needs that share a slot evict each other on every render: "(" (glyph 427) and "ạ" (glyph 171)
in the same line made that line render 20-60 times slower (about 0.3 ms instead of 15 µs), and 35 of
the 200 glyphs the game's texts use shared a slot with another of them. The shipped files have the
glyphs Vietnamese and English text reach (printable ASCII, every Vietnamese letter, common punctuation
and every character in the scenarios, catalogues and code, with what the default OpenType features
make of them) as glyph ids 0-255, most used first; every other glyph follows in its old order.
Nothing else changes: the outlines, hinting, metrics and OpenType tables are the same, so the text
renders pixel for pixel as before (checked by `tests/ui/test_font_slots.py`).

A developer tool, not part of the game: it needs fontTools (`pip install 'fonttools>=4.51'`, for `reorderGlyphs`; the test extra has it).

    python assets/fonts/glyph_order.py           # rewrite the three files in place
    python assets/fonts/glyph_order.py --check   # exit 1 if a wanted glyph shares a slot
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FILES = ("BeVietnamPro-Regular.ttf", "BeVietnamPro-SemiBold.ttf", "BeVietnamPro-Bold.ttf")
SLOTS = 256  # SDL_ttf 2.x: glyph cache index = glyph id & 0xff
# What HarfBuzz applies by default to Latin text (the features SDL_ttf leaves on).
DEFAULT_FEATURES = ["ccmp", "locl", "liga", "clig", "calt", "rlig", "kern", "mark", "mkmk"]
VIETNAMESE = ("aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
              "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ")
PUNCTUATION = "“”‘’…–—•·×₫€°«»"


def text_frequencies() -> Counter:
    """How often each character occurs in what the game shows: scenarios, catalogues, the code's strings."""
    counts: Counter = Counter()
    for pattern, folder in (("*.yaml", "scenarios"), ("*.po", "locale"), ("*.py", "game"), ("*.yaml", "assets")):
        for path in sorted((ROOT / folder).rglob(pattern)):
            counts.update(path.read_text(encoding="utf-8", errors="replace"))
    for ch in "".join(chr(c) for c in range(32, 127)) + VIETNAMESE + PUNCTUATION:
        counts[ch] += 1  # the alphabet is wanted even where no text uses a letter yet
    return counts


def wanted_glyphs(font, counts: Counter) -> list[str]:
    """The glyphs of the characters text uses, most used first."""
    cmap = font.getBestCmap()
    by_glyph: Counter = Counter()
    for ch, n in counts.items():
        if ord(ch) in cmap:
            by_glyph[cmap[ord(ch)]] += n
    return [g for g, _n in by_glyph.most_common()]


def substituted_glyphs(font, counts: Counter) -> list[str]:
    """What the default OpenType features may put in their place (a ligature, a dotless i under a
    mark), in the font's order: they fill the slots the characters leave free."""
    from fontTools import subset

    opts = subset.Options()
    opts.layout_features = DEFAULT_FEATURES
    sub = subset.Subsetter(opts)
    cmap = font.getBestCmap()
    sub.populate(unicodes=[ord(ch) for ch in counts if ord(ch) in cmap])
    sub._closure_glyphs(font)
    return sorted(set(sub.glyphs_gsubed) - set(sub.glyphs_cmaped) - {".notdef"}, key=font.getGlyphID)


def reordered(font, counts: Counter) -> list[str]:
    """.notdef, the wanted glyphs, what substitution reaches, then every other glyph in its old order."""
    head = [".notdef"]
    for g in wanted_glyphs(font, counts) + substituted_glyphs(font, counts):
        if g not in head:
            head.append(g)
    head = head[:SLOTS]
    taken = set(head)
    return head + [g for g in font.getGlyphOrder() if g not in taken]


def sharing(font, wanted: list[str]) -> list[tuple[str, str]]:
    """Pairs of wanted glyphs that share a cache slot."""
    seen: dict = {}
    out = []
    for g in wanted:
        slot = font.getGlyphID(g) % SLOTS
        if slot in seen:
            out.append((seen[slot], g))
        else:
            seen[slot] = g
    return out


def rewrite(path: Path, counts: Counter) -> int:
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.reorderGlyphs import reorderGlyphs

    font = TTFont(path)
    # renumbers every table, and re-sorts the OpenType coverage tables (with the lists that follow them)
    reorderGlyphs(font, reordered(font, counts))
    font.save(path)
    return len(sharing(TTFont(path), wanted_glyphs(font, counts)))


def main(argv: list[str]) -> int:
    from fontTools.ttLib import TTFont

    counts = text_frequencies()
    bad = 0
    for name in FILES:
        path = HERE / name
        if "--check" in argv:
            font = TTFont(path)
            pairs = sharing(font, wanted_glyphs(font, counts))
            print(f"{name}: {len(pairs)} wanted glyph(s) share a slot" + (f", e.g. {pairs[:3]}" if pairs else ""))
        else:
            pairs = [None] * rewrite(path, counts)
            print(f"{name}: rewritten; {len(pairs)} wanted glyph(s) share a slot")
        bad += len(pairs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
