"""Wrapping measures a one-line text once, and what it measured is what measure() and render()
use: a text's first frame does not measure its lines again. Widths stay the font's own."""

from __future__ import annotations

import pytest

from game.ui import fonts as fonts_mod
from game.ui.fonts import Fonts

TEXTS = [
    "Đăng nhập và nhập mã chúng tôi vừa gửi để giữ trang của bạn.",
    "Ủng hộ đồng bào lũ lụt, lần 7.",
    "Xác minh ngay, phí 500.000 đ.\nGọi 113 nếu bị đe doạ.",
    "https://facebook.com-page-help-center.example/login/verify?case=88213&token=abcdefabcdef",
    "ยืนยันตัวตนของคุณทันทีเพื่อรับเงินคืน กรุณากรอกรหัส OTP ที่ได้รับทางข้อความ",
    "សូមផ្ទៀងផ្ទាត់គណនីរបស់អ្នកឥឡូវនេះ ដើម្បីកុំឱ្យត្រូវបានបិទ",
    "a  b   c " * 30,
    "",
    "\n\n",
]


@pytest.fixture
def sizes(monkeypatch):
    calls: list[str] = []
    real = fonts_mod.ChainFont.size

    def counting(self, text):
        calls.append(text)
        return real(self, text)

    monkeypatch.setattr(fonts_mod.ChainFont, "size", counting)
    return calls


def test_a_one_line_text_is_measured_once(make_driver, sizes):
    make_driver(timers=False)  # pygame and its fonts, as the game starts them
    f = Fonts("medium", 1.0)
    text = "Trang của bạn sẽ bị khoá nếu không xác minh"
    f.get("body").size(" ")  # the font is loaded
    sizes.clear()
    lines = f.wrap(text, "body", 2000)
    assert lines == [text]
    assert len(sizes) == 1, sizes
    f.measure(text, "body", 2000)
    f.render(text, "body", (0, 0, 0), 2000)
    assert len(sizes) == 1, f"measure and render measured the line again: {sizes}"


@pytest.mark.parametrize("width", [60, 140, 230, 400])
@pytest.mark.parametrize("role", ["body", "small", "title"])
def test_measure_is_the_widest_line_as_the_font_measures_it(make_driver, role, width):
    make_driver(timers=False)
    f = Fonts("large", 1.0)
    font = f.get(role)
    for text in TEXTS:
        lines = f.wrap(text, role, width)
        want = (max((font.size(ln)[0] for ln in lines), default=0), len(lines) * font.get_linesize())
        assert f.measure(text, role, width) == want, (text, lines)
        surf = f.render(text, role, (0, 0, 0), width)
        assert surf.get_width() == max(1, min(want[0], width)), text
        assert all(font.size(ln)[0] <= width or len(ln) == 1 for ln in lines), (text, lines)



def test_width_is_the_fonts_own_and_follows_the_text_size(make_driver, sizes):
    make_driver(timers=False)
    f = Fonts("medium", 1.0)
    label = "Thư rác (3)"
    w = f.width(label, "small")
    assert w == f.get("small").size(label)[0]
    sizes.clear()
    assert f.width(label, "small") == w and not sizes, "a label measured again at every build"
    assert f.remember(("helper", label), lambda: [label]) == [label]
    f.configure("large", 1.0)
    assert f.width(label, "small") > w, "a width kept from the smaller text size"
    assert f.remember(("helper", label), lambda: ["again"]) == ["again"]
