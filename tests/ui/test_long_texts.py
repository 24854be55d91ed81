"""Long labels and texts: a label never loses a word, and very long texts stay inside their panels."""

import shutil

import pygame

from game.core.loader import SCENARIOS_DIR, load_scenario
from game.ui.fonts import Fonts
from game.ui.kit import button_text_width
from game.ui.scenes.play import PlayScene

HELP = "Hỏi mẹ xem nhà có đặt hàng không"  # tryout M1: shown as "Hỏi mẹ xem nhà có đặt hàng"


def _words(lines):
    return " ".join(lines).split()


def test_wrapping_keeps_the_last_word_at_every_width():
    pygame.font.init()
    f = Fonts("medium")
    texts = [HELP, "Gác máy và gọi cho mẹ ngay bây giờ nha", "Call your mum and ask whether anyone ordered a parcel"]
    for text in texts:
        for role in ("button", "small", "body"):
            for width in range(120, 420):
                assert _words(f.wrap(text, role, width)) == text.split(), (text, role, width)


def test_a_very_long_word_is_never_measured_whole(monkeypatch):
    """Wrapping or fitting a 100,000-character word measures its start and then line-sized pieces:
    measuring it whole cost ~10 ms of issue 11's 50 ms. The lines are those the font confirms."""
    pygame.font.init()
    f = Fonts("medium")
    font = f.get("body")
    measured = []
    real = type(font).size
    monkeypatch.setattr(type(font), "size", lambda self, t: measured.append(len(t)) or real(self, t))
    word = "x" * 100_000
    lines = f.wrap(word, "body", 300)
    assert word.startswith("".join(lines[:-1])) and all(real(font, ln)[0] <= 300 for ln in lines)
    assert f.fit(word, "body", 300).endswith("…")
    assert max(measured) < 1_000


def test_a_text_of_thousands_of_lines_is_cut_and_drawn_whole():
    """A 50,000-letter word wrapped into ~3,000 lines: a surface's rows past 65,535 px are drawn
    65,536 px higher, so its bubble showed lines over each other (try-out). It is drawn in at most
    MAX_LINES lines, the last ending in "…", and every line has ink where it should."""
    from game.ui.fonts import MAX_LINES

    pygame.font.init()
    f = Fonts("large", 2.5)  # the tallest lines there are
    text = "A" * 50_000 + " đó!!"
    lines = f.wrap(text, "body", 220)
    assert len(lines) == MAX_LINES and lines[-1].endswith("…") and "".join(lines[:-1]) == "A" * len("".join(lines[:-1]))
    assert f.measure(text, "body", 220)[1] == MAX_LINES * f.get("body").get_linesize()
    surf = f.render(text, "body", (0, 0, 0), 220)
    lh = f.get("body").get_linesize()
    assert surf.get_height() < 32_768
    for i in (0, MAX_LINES // 2, MAX_LINES - 1):  # ink in the middle of each sampled line
        row = i * lh + lh // 2
        assert any(surf.get_at((x, row))[3] for x in range(surf.get_width())), i


def _pack(tmp_path, replace: dict) -> "object":
    folder = tmp_path / "pack"
    folder.mkdir()
    text = (SCENARIOS_DIR / "demo_shipper.yaml").read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    (folder / "demo_shipper.yaml").write_text(text, encoding="utf-8")
    shutil.copytree(SCENARIOS_DIR / "images", folder / "images")
    return load_scenario(folder / "demo_shipper.yaml").scenario


def _to_decision(d, scn):
    d.app.push(PlayScene(d.app, scn))
    d.run_until(lambda: d.scene.engine.deciding)
    d.frame()


def _choice_buttons(d):
    return [it for it in d.scene.items if it.kind == "button" and it.action and it.action[0] == "choose"]


def test_help_label_shows_every_word_in_the_window(make_driver, tmp_path):
    scn = _pack(tmp_path, {'text: "Gác máy và gọi cho mẹ"': f'text: "{HELP}"'})
    d = make_driver(lang="vi", timers=False)
    _to_decision(d, scn)
    f = d.app.fonts
    (help_button,) = [it for it in _choice_buttons(d) if it.text == HELP]
    lines = f.wrap(help_button.text, help_button.role,
                   button_text_width(f, help_button.role, help_button.rect.w, help_button.key, help_button.icon))
    assert _words(lines) == HELP.split()
    assert len(lines) * f.line_height(help_button.role) <= help_button.rect.h


def _play_to_debrief(d, scn, pick=lambda opts: len(opts)):
    d.app.push(PlayScene(d.app, scn))
    d.play_by_keys(lambda sc: d.key(pygame.K_0 + pick(sc.numbered())), limit=3000)
    assert d.name == "DebriefScene", d.name


def test_debrief_scrolls_to_its_last_line_and_no_further(make_driver):
    """Tryout F7: Page Down went on into an empty page, and 'Scroll for more' stayed."""
    d = make_driver(lang="vi", timers=False, text_size="large")
    _play_to_debrief(d, load_scenario(SCENARIOS_DIR / "demo_shipper.yaml").scenario, pick=lambda opts: 1)
    hint = d.app.tr.gettext("Scroll for more (mouse wheel or Page Down)")
    d.frame()
    assert hint in d.texts()  # at large text the debrief is longer than the window
    for _ in range(40):
        d.key(pygame.K_PAGEDOWN)
    view = d.scene.view
    content = [it for it in d.scene.items if it.kind == "text" and it.clip == view and it.text != hint]
    bottom = max(it.rect.bottom for it in content)
    assert view.top < bottom <= view.bottom + 2, (bottom, view)  # the last line is in sight, at the end
    assert hint not in d.texts()


def test_a_choice_longer_than_the_window_scrolls_in_its_panel(make_driver, tmp_path):
    """Tryout minor 13: a 5,000-character choice made its button taller than the panel and pushed the
    help action and the other options off screen."""
    from game.ui import layout

    from .driver import layout_problems

    long = " ".join(["chữ"] * 1700)
    scn = _pack(tmp_path, {'text: "Từ chối cuộc gọi lạ"': f'text: "{long}"'})
    d = make_driver(lang="vi", timers=False)
    _to_decision(d, scn)
    panel = layout.compute(d.app.size, d.app.scale).right
    problems = layout_problems(d.scene)
    assert not [p for p in problems if "off screen" in p or "spills" in p], problems
    for it in _choice_buttons(d):
        visible = it.rect.clip(it.clip) if it.clip is not None else it.rect
        assert panel.contains(visible) or visible.h == 0, (it.text[:20], visible, panel)
    hint = d.app.tr.gettext("Scroll for more (mouse wheel or Page Down)")
    assert hint in d.texts()
    # the wheel over the panel reaches the end, where the hint goes
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=panel.center, rel=(0, 0), buttons=(0, 0, 0)))
    for _ in range(200):
        d.wheel(-3)
    assert hint not in d.texts()
    last = _choice_buttons(d)[-1]
    assert last.clip.contains(last.rect)
    # by keyboard: Tab to the help action (scrolled into view) and press it
    d.wheel(200)
    for _ in range(10):
        if d.scene.focus and d.scene.focus[0] == "choose" and d.scene.focus[1] == "call_mom":
            break
        d.key(pygame.K_TAB)
    (help_button,) = [it for it in _choice_buttons(d) if it.action == ("choose", "call_mom")]
    assert help_button.clip.contains(help_button.rect)
    d.key(pygame.K_RETURN)
    assert d.scene.card is not None and d.scene.card.choice.id == "call_mom"


def test_before_you_start_keeps_a_very_long_title_inside_and_the_warning_reachable(make_driver, tmp_path):
    """Tryout minor 12: a 5,000-character title drew over the Back/Start buttons and past the panel,
    and pushed the content warning out of view."""
    from game.ui.scenes.start import WarningScene

    from .driver import layout_problems

    scn = _pack(tmp_path, {'title: "Demo: Cuộc gọi từ shipper"': 'title: "' + "Đ" * 5000 + '"'})
    d = make_driver(lang="vi", timers=False)
    d.app.push(WarningScene(d.app, scn, lambda: PlayScene(d.app, scn)))
    d.frame()
    buttons = [it for it in d.scene.items if it.kind == "button"]
    texts = [it for it in d.scene.items if it.kind == "text"]
    for t in texts:
        visible = t.rect.clip(t.clip) if t.clip is not None else t.rect
        for b in buttons:
            assert not visible.colliderect(b.rect), (t.text[:20], visible, b.text, b.rect)
    assert not layout_problems(d.scene)
    warning = "• Có đe doạ bắt giữ (giả)."
    for _ in range(400):  # Page Down until the warning is in sight, in full
        d.key(pygame.K_PAGEDOWN)
        shown = [t for t in d.scene.items if t.text == warning and t.clip.contains(t.rect)]
        if shown:
            break
    assert shown  # scrolled to, in full


def test_a_very_long_title_stays_in_the_side_panel_and_ends_in_an_ellipsis(make_driver, tmp_path):
    from game.ui import layout

    scn = _pack(tmp_path, {'title: "Demo: Cuộc gọi từ shipper"': 'title: "' + "Đ" * 5000 + '"'})
    d = make_driver(lang="vi", timers=False)
    _to_decision(d, scn)
    left = layout.compute(d.app.size, d.app.scale).left
    (title,) = [it for it in d.scene.items if it.kind == "text" and it.text.startswith("ĐĐĐ")]
    assert left.contains(title.rect) and title.rect.h < left.h // 3, title.rect
    assert title.text.endswith("…")
