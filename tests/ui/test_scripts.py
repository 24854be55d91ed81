"""Thai, Lao and Khmer draw through the fallback chain, and lines break inside them."""

import logging
import unicodedata

import pygame
import pytest

from game.core import glyphs
from game.ui import fonts as fonts_mod
from game.ui.fonts import Fonts

SAMPLES = {
    "NotoSansThai": "เล่นต่อ ภาษาไทย",
    "NotoSansLao": "ພາສາລາວ ສືບຕໍ່",
    "NotoSansKhmer": "ភាសាខ្មែរ បន្ត",
}
THAI = "ภาษาไทยไม่มีการเว้นวรรคระหว่างคำดังนั้นการตัดบรรทัดต้องทำระหว่างตัวอักษรน้ำใจไม่เคยขาดหายไปไหนเลย"
KHMER = "ភាសាខ្មែរមិនដកឃ្លារវាងពាក្យទេដូច្នេះការកាត់បន្ទាត់ត្រូវធ្វើនៅចន្លោះតួអក្សរស្ត្រីក្សត្រ"


def ink(surf: pygame.Surface) -> int:
    """How many pixels are drawn (alpha over half)."""
    w, h = surf.get_size()
    return sum(surf.get_at((x, y)).a > 128 for x in range(w) for y in range(h))


@pytest.fixture
def f():
    pygame.font.init()
    return Fonts("medium")


@pytest.mark.parametrize("family", SAMPLES)
def test_each_script_is_drawn_by_its_own_font(f, family):
    text = SAMPLES[family]
    assert glyphs.missing(text) == []
    font = f.get("body")
    picked = {font.paths[i].stem.split("-")[0] for i in {font.index(ch) for ch in text if ch != " "}}
    assert picked == {family}
    surf = f.render(text, "body", (0, 0, 0), 800)
    # Drawn, not left out: as wide as its measure, with ink in every word, and not the main font's
    # empty boxes (Be Vietnam Pro draws these characters as nothing or as .notdef boxes).
    assert surf.get_width() == font.size(text)[0] > 10 * len(text.split())
    assert ink(surf) > 20 * len(text.replace(" ", ""))
    for word in text.split():
        assert ink(f.render(word, "body", (0, 0, 0), 800)) > 40
    alone = font.main.render(text, True, (0, 0, 0))
    assert pygame.image.tobytes(alone, "RGBA") != pygame.image.tobytes(surf, "RGBA")


def test_mixed_line_keeps_the_main_font_for_vietnamese(f):
    font = f.get("body")
    runs = font.runs("Tiếng Việt và ไทย")
    assert [t for _f, t in runs] == ["Tiếng Việt và ", "ไทย"]
    assert runs[0][0] is font.main
    assert ink(f.render("Tiếng Việt và ไทย", "body", (0, 0, 0), 800)) > ink(f.render("Tiếng Việt và", "body", (0, 0, 0), 800))


def test_khmer_is_shaped_subscripts_stacked(f):
    """With HarfBuzz told the script, a coeng + consonant stacks under its base: narrower than unshaped."""
    font = f.get("body")
    kh = font.font(font.index("ខ"))
    plain = pygame.font.Font(str(font.paths[font.index("ខ")]), font.px)
    if not hasattr(plain, "set_script"):
        pytest.skip("pygame without set_script: Khmer drawn unshaped")
    assert kh.size("ស្ត្រី")[0] < plain.size("ស្ត្រី")[0]


@pytest.mark.parametrize("text", [THAI, KHMER, "ສະບາຍດີ" * 12, "ทดสอบ " + THAI + " จบ"])
@pytest.mark.parametrize("width", [90, 160, 300])
def test_lines_break_between_clusters_of_scripts_without_spaces(f, text, width):
    font = f.get("body")
    lines = f.wrap(text, "body", width)
    assert len(lines) > 1
    assert all(font.size(ln)[0] <= width for ln in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost, nothing added
    for ln in lines:
        first, last = ln[0], ln[-1]
        assert unicodedata.category(first) not in ("Mn", "Mc"), (ln, hex(ord(first)))
        assert first not in "\u0e33\u0eb3\u0e46\u0ec6", ln  # SARA AM, repetition marks stay with the syllable
        assert last not in "เแโใไເແໂໃໄ\u17d2", ln  # a leading vowel or coeng never ends a line
    # Lines are filled: each but the last would overflow with the next line's first cluster.
    for a, b in zip(lines, lines[1:], strict=False):
        assert font.size(a + b[:3])[0] > width * 0.8


def test_fit_cuts_thai_between_clusters(f):
    out = f.fit(THAI, "body", 120)
    assert out.endswith("…") and f.get("body").size(out)[0] <= 120
    assert unicodedata.category(out[-2]) not in ("Mn", "Mc") or THAI.startswith(out[:-1])
    assert THAI.startswith(out[:-1])


def test_a_character_no_font_has_is_left_out_and_logged(f, monkeypatch, caplog):
    monkeypatch.setattr(fonts_mod, "_system_font", [None])  # as on a machine without a CJK font
    f = Fonts("medium")
    with caplog.at_level(logging.WARNING, logger="la_chan.fonts"):
        assert f.wrap("ไทย 中文 ok", "body", 500) == ["ไทย ok"]
        f.wrap("中文 again", "body", 500)
    logged = [r.getMessage() for r in caplog.records if r.name == "la_chan.fonts"]
    assert len(logged) == 1 and "中" in logged[0] and "文" in logged[0] and "ไทย 中文 ok" in logged[0]


def test_a_zero_width_space_is_the_preferred_break(f):
    words = ["ภาษาไทย", "ไม่มี", "การเว้นวรรค", "ระหว่างคำ", "ดังนั้น", "การตัดบรรทัด", "ต้องทำ", "ระหว่าง", "ตัวอักษร"]
    text = "\u200b".join(words)
    for width in (120, 200, 320):
        lines = f.wrap(text, "body", width)
        assert len(lines) > 1 and "".join(lines) == text
        for ln in lines[:-1]:
            assert ln.endswith("\u200b"), (width, lines)
    # Both paths: after a spaced word on the same line, and a long unspaced run on its own.
    lines = f.wrap("ทดสอบ " + text, "body", 200)
    assert all(ln.endswith("\u200b") for ln in lines[:-1]), lines


def test_a_thai_run_as_wide_as_the_line_still_fills_the_line_before_it(f):
    """Measured apart, 'มอท' + space + the cut fitted by one pixel; joined they did not, and the whole
    run went to the next line, leaving 'มอท' alone (seen on the picker in pseudo-Thai)."""
    text = 'มอท ทราเนกทุ้ยอิน"จอนเกทาจวี้ิน"ทรา5.000ดจหอมออีลุ่อททหาที่ม, วาที่ินวิทาอีคหออาเนทหาเท.'
    for width in range(330, 400, 7):
        lines = f.wrap(text, "small", width)
        assert lines[0].startswith("มอท ท"), (width, lines)
        assert all(f.get("small").size(ln)[0] <= width for ln in lines)
