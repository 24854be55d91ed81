"""Hostile text on screen: control characters never crash drawing; long words and URLs wrap
and fit in linear time (time itself is measured by `python main.py bench ui`, not here)."""

import shutil

import pygame
from hypothesis import given
from hypothesis import strategies as st

from game.core.loader import SCENARIOS_DIR
from game.core.textgate import clean
from game.ui.fonts import MAX_LINES, Fonts, nfc
from game.ui.scenes.picker import PickerScene
from game.ui.scenes.play import PlayScene
from tests.fuzzing import fuzz


def _fonts():
    pygame.font.init()
    return Fonts("medium")


def test_an_unbroken_word_breaks_anywhere_into_lines_that_fit():
    f = _fonts()
    for word in ("x" * 3000, "Đ" * 500, "ệ" * 777, "AVAVTo" * 300):
        for w in (40, 173, 300):
            lines = f.wrap(word, "body", w)
            if len(lines) == MAX_LINES:  # cut there, the last line kept ending in "…"
                assert lines[-1].endswith("…") and word.startswith("".join(lines)[:-1])
            else:
                assert "".join(lines) == word
            assert all(f.get("body").size(ln)[0] <= w for ln in lines)
            assert len(lines) > 1


def test_a_url_breaks_at_sensible_points():
    f = _fonts()
    url = "https://ngan-hang-vi-du.example/xac-thuc/tai-khoan?ma=1234567890&phien=abcdefghij&lai=xyz.html"
    text = "Bấm vào " + url + " ngay"
    lines = f.wrap(text, "body", 200)
    assert lines[0] == "Bấm vào" and lines[-1].endswith("ngay")
    assert "".join(lines[1:]) == url + " ngay"
    assert all(f.get("body").size(ln)[0] <= 200 for ln in lines)
    for ln, nxt in zip(lines[1:-1], lines[2:], strict=False):  # pieces end after / or -, or before . ? & =
        assert ln[-1] in "/-" or nxt[0] in ".?&=", (ln, nxt)


def test_wrap_and_fit_measure_each_character_a_bounded_number_of_times(monkeypatch):
    """Linear, not quadratic: the characters handed to font.size grow in proportion to the text."""
    f = _fonts()
    font = f.get("body")
    measured = []

    class Counting:
        def __init__(self, real):
            self.real = real

        def size(self, s):
            measured.append(len(s))
            return self.real.size(s)

        def __getattr__(self, name):
            return getattr(self.real, name)

    monkeypatch.setattr(f, "get", lambda role: Counting(font))
    per_char = []
    for n in (2_000, 20_000):
        measured.clear()
        f.clear()
        f.wrap("x" * n, "body", 300)
        f.fit("y" * n, "body", 300)
        f.wrap(("lừa đảo " * n)[:n], "body", 300)
        per_char.append(sum(measured) / n)
    assert per_char[1] < per_char[0] * 1.5 + 1, per_char
    assert per_char[1] < 12, per_char


def test_wrapping_stops_once_the_text_is_cut(monkeypatch):
    """A text is drawn in at most MAX_LINES lines, so its wrap does the work of those lines only:
    a 200,000-character word, URL or text of words costs what a 20,000-character one does (wrapping
    all of a 100,000-character one took 39-84 ms, issue 11's limit being 50), with the same lines."""
    from game.ui.fonts import MAX_LINES

    f = _fonts()
    font = f.get("body")
    measured = []

    class Counting:
        def __getattr__(self, name):
            return getattr(font, name)

        def size(self, s):
            measured.append(len(s))
            return font.size(s)

    url = "https://vi-du.example/" + "/".join(f"tai-khoan?id={i}&b=c.d" for i in range(10_000))
    for make in (lambda n: "x" * n, lambda n: url[:n], lambda n: ("lừa đảo qua mạng " * n)[:n]):
        work, wrapped = [], []
        for n in (20_000, 200_000):
            monkeypatch.setattr(f, "get", lambda role: Counting())
            measured.clear()
            f.clear()
            wrapped.append(f.wrap(make(n), "body", 300))
            work.append(sum(measured))
        assert len(wrapped[0]) == len(wrapped[1]) == MAX_LINES and wrapped[0] == wrapped[1]
        assert work[1] <= work[0] * 1.1 + 100, work


def test_fit_cuts_a_huge_word_with_an_ellipsis():
    f = _fonts()
    out = f.fit("https://vi-du.example/" + "a" * 50_000, "body", 250)
    assert out.endswith("…") and out.startswith("https://vi-du")
    assert f.get("body").size(out)[0] <= 250


def test_control_characters_and_floods_render_without_error():
    f = _fonts()
    for s in ("Mẹ\x00ơi", "\x1b[2J\x07\x85\u202e", "a\ud800b", "e" + "\u0301" * 10_000, "\r\n\r\n", ""):
        f.render(s, "body", (0, 0, 0), 300)
        assert f.fit(s, "body", 100) is not None
        assert all("\x00" not in ln for ln in f.wrap(s, "body", 300))


def test_nul_in_a_scenario_title_and_message_does_not_crash_picker_or_play(make_driver, tmp_path):
    folder = tmp_path / "pack"
    folder.mkdir()
    text = (SCENARIOS_DIR / "demo_shipper.yaml").read_text(encoding="utf-8")
    import re

    text = re.sub(r'^title: "', 'title: "\\\\0\\\\e[31m', text, count=1, flags=re.M)
    text = text.replace('text: "', 'text: "\\0\\x07' + "x" * 3000 + " ", 3)
    (folder / "demo_shipper.yaml").write_text(text, encoding="utf-8")
    shutil.copytree(SCENARIOS_DIR / "images", folder / "images")
    d = make_driver(lang="en", timers=False, scenario_paths=[folder])
    d.app.push(PickerScene(d.app))
    d.frame()
    assert d.name == "PickerScene"
    assert not any("\x00" in t or "\x1b" in t for t in d.texts())
    from game.core.loader import load_scenario

    scn = load_scenario(folder / "demo_shipper.yaml").scenario
    d.app.push(PlayScene(d.app, scn))
    for _ in range(40):
        d.key(pygame.K_SPACE, dt=0.5)
    assert not any("\x00" in t for t in d.texts())


def _one_cluster(text: str) -> bool:
    from game.ui.fonts import _breakable

    return not any(_breakable(text, i) for i in range(1, len(text)))


_ALPHABET = list("xyz ệ ộ/.-?&=") + ["\u0301", "\u202e", "\x00", "\x1b", "\n", "\t", "ש", "م", "\u200b"]


@fuzz(150)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=400)
       | st.builds(lambda c, n: c * n, st.sampled_from(["x", "ộ", "/a", "ש"]), st.integers(1, 3000)),
       st.integers(1, 400))
def test_wrap_and_fit_of_any_text_fit_and_keep_every_character(text, width):
    f = _fonts()
    font = f.get("body")
    lines = f.wrap(text, "body", width)
    # More than MAX_LINES lines are cut: the last one kept then ends in "…", as `fit` ends a line.
    cut = len(lines) == MAX_LINES and lines[-1].endswith("…")
    whole = lines[:-1] if cut else lines
    # A line may be wider only when it is one character with its marks ("=" + U+0301): those never part.
    assert all(font.size(ln)[0] <= width or _one_cluster(ln) for ln in whole), lines
    assert not cut or font.size(lines[-1])[0] <= width or len(lines[-1]) <= 3
    kept = f.drawable(nfc(clean(text))).replace(" ", "").replace("\n", "")
    shown = "".join(lines).replace(" ", "").replace("\n", "")
    assert kept.startswith(shown[:-1]) if cut else shown == kept
    out = f.fit(text, "body", width)
    assert font.size(out)[0] <= width or len(out) <= 2
