"""Renumber Be Vietnam Pro's glyphs so that the text the game shows never thrashes SDL_ttf's glyph cache.

SDL_ttf 2.x keeps a font's rendered glyphs in 256 slots, chosen by glyph id modulo 256. Two glyphs a
line needs that share a slot evict each other on every render: "(" (glyph 427) and "ạ" (glyph 171)
in one line made it render 20-60 times slower (about 0.3 ms instead of 15 µs); in the upstream files
35 slots were each shared by two of the glyphs the game's texts use. The shipped files give glyph
ids 1-255 to the glyphs Vietnamese and English text shows: those of printable ASCII, every Vietnamese
letter, common punctuation and every character in the scenarios, catalogues and code, and what the
default OpenType features make of them (the fi and ffi ligatures), in their upstream order. Every
other glyph follows, also in its upstream order. Outlines, hinting, metrics and the OpenType tables
are unchanged (only renumbered), so text renders pixel for pixel as before: that was checked when
the files were made (`assets/fonts/README.md`); `tests/ui/test_font_slots.py` checks the slots.

A developer tool, not part of the game: it needs fontTools 4.51 or later (for `reorderGlyphs`; the
test extra has it). Run again on the shipped files it changes nothing.

    python tools/glyph_order.py           # rewrite the three files in place
    python tools/glyph_order.py --check   # exit 1 if two shown glyphs share a slot
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "assets" / "fonts"  # the files it renumbers
FILES = ("BeVietnamPro-Regular.ttf", "BeVietnamPro-SemiBold.ttf", "BeVietnamPro-Bold.ttf")
SLOTS = 256  # SDL_ttf 2.x: glyph cache index = glyph id & 0xff
# The substitutions HarfBuzz applies by default to Latin text (SDL_ttf leaves them on); its default
# positioning features (kern, mark) move glyphs but draw no others.
DEFAULT_FEATURES = ("ccmp", "locl", "liga", "clig", "calt", "rlig")
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
    """The glyphs of the characters text uses, most used first (a tie in the font's order)."""
    cmap = font.getBestCmap()
    by_glyph: Counter = Counter()
    for ch, n in counts.items():
        if ord(ch) in cmap:
            by_glyph[cmap[ord(ch)]] += n
    return sorted(by_glyph, key=lambda g: (-by_glyph[g], font.getGlyphID(g)))


def shown_glyphs(font, counts: Counter) -> list[str]:
    """Every glyph text can show: the characters' own, then what the default features put in their place."""
    wanted = wanted_glyphs(font, counts)
    return wanted + substituted_glyphs(font, wanted)


def substituted_glyphs(font, wanted: list[str]) -> list[str]:
    """What the default OpenType features put in place of those glyphs (the fi and ffi ligatures), in
    the font's order: the glyphs normal text shows besides the characters' own. Only the features
    HarfBuzz applies to any Latin text (DEFAULT_FEATURES, of the default language system): a
    stylistic set, small figures or a Turkish i are never drawn by the game."""
    if "GSUB" not in font:
        return []
    gsub = font["GSUB"].table
    lookups: set[int] = set()
    for rec in gsub.ScriptList.ScriptRecord:
        langsys = rec.Script.DefaultLangSys
        for i in langsys.FeatureIndex if langsys is not None else ():
            feature = gsub.FeatureList.FeatureRecord[i]
            if feature.FeatureTag in DEFAULT_FEATURES:
                lookups.update(feature.Feature.LookupListIndex)
    have = set(wanted)
    grew = True
    while grew:  # what the lookups make of the glyphs text has, and of what they made (a fixpoint)
        before = (len(have), len(lookups))
        for index in sorted(lookups):
            for sub in gsub.LookupList.Lookup[index].SubTable:
                lookups.update(_nested(sub))
                have |= _outputs(sub, have)
        grew = (len(have), len(lookups)) != before
    return sorted(have - set(wanted) - {".notdef"}, key=font.getGlyphID)


def _unwrap(sub):
    return sub.ExtSubTable if getattr(sub, "ExtSubTable", None) is not None else sub


def _outputs(sub, have: set) -> set:
    """Glyphs a substitution subtable can output when its input glyphs are all in `have` (an
    alternate, type 3, is chosen by an application, never by default: none)."""
    sub = _unwrap(sub)
    out: set = set()
    if hasattr(sub, "mapping"):  # single (type 1): glyph -> glyph; multiple (type 2): glyph -> list
        for src, dst in sub.mapping.items():
            if src in have:
                out.update([dst] if isinstance(dst, str) else dst)
    elif hasattr(sub, "ligatures"):  # ligature (type 4): first glyph -> [Ligature(Component, LigGlyph)]
        for first, ligs in sub.ligatures.items():
            for lig in ligs if first in have else ():
                if all(c in have for c in lig.Component):
                    out.add(lig.LigGlyph)
    return out


def _nested(sub) -> list[int]:
    """Lookups a contextual subtable applies (their outputs count as well)."""
    sub = _unwrap(sub)
    out = []
    for name in ("SubstLookupRecord", "SubstLookupRecords"):
        out += [r.LookupListIndex for r in getattr(sub, name, None) or ()]
    for name in ("SubRuleSet", "SubClassSet", "ChainSubRuleSet", "ChainSubClassSet"):
        for rule_set in getattr(sub, name, None) or ():
            for rules in ("SubRule", "SubClassRule", "ChainSubRule", "ChainSubClassRule"):
                for rule in getattr(rule_set, rules, None) or ():
                    out += [r.LookupListIndex for r in getattr(rule, "SubstLookupRecord", None) or ()]
    return out


def reordered(font, counts: Counter) -> list[str]:
    """.notdef, the glyphs text shows (the most used, if more than 255), then every other glyph, each
    part in the font's present order: run on its own output, the order stays as it is."""
    chosen = set(shown_glyphs(font, counts)[:SLOTS - 1]) - {".notdef"}
    order = font.getGlyphOrder()
    return [".notdef"] + [g for g in order if g in chosen] + [g for g in order if g not in chosen and g != ".notdef"]


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


MARK = "glyphs renumbered for La Chan"  # ASCII: the Macintosh name records are Mac Roman


def rewrite(path: Path, counts: Counter) -> int:
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.reorderGlyphs import reorderGlyphs

    font = TTFont(path, recalcTimestamp=False)  # the same input gives the same bytes
    # renumbers every table, and re-sorts the OpenType coverage tables (with the lists that follow them)
    reorderGlyphs(font, reordered(font, counts))
    for rec in font["name"].names:  # a modified version says so (the OFL FAQ's advice)
        if rec.nameID in (3, 5) and MARK not in rec.toUnicode():
            rec.string = f"{rec.toUnicode()}; {MARK}"
    font.save(path)
    return len(sharing(font, shown_glyphs(font, counts)))


def main(argv: list[str]) -> int:
    try:
        from fontTools.ttLib import TTFont
    except ImportError:
        print("glyph_order.py needs fontTools: pip install 'fonttools>=4.51' (or the project's test extra)",
              file=sys.stderr)
        return 2

    counts = text_frequencies()
    bad = 0
    for name in FILES:
        path = HERE / name
        if "--check" in argv:
            font = TTFont(path)
            pairs = sharing(font, shown_glyphs(font, counts))
            n = len(pairs)
            print(f"{name}: {n} pair(s) of shown glyphs share a slot" + (f", e.g. {pairs[:3]}" if pairs else ""))
        else:
            n = rewrite(path, counts)
            print(f"{name}: rewritten; {n} pair(s) of shown glyphs share a slot")
        bad += n
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
