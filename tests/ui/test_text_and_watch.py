"""The one word-wrap, the text cache, the layout checker itself, and author watch mode."""

import os
import shutil
import unicodedata

import pygame

from game.core.loader import SCENARIOS_DIR
from game.ui.fonts import Fonts
from game.ui.items import button
from game.ui.main import first_scene
from game.ui.scene import Scene

from .driver import layout_problems


def test_wrap_fits_width_and_keeps_every_word():
    pygame.font.init()
    f = Fonts("medium")
    s = "Tuyệt đối không được kể với ai, kể cả bố mẹ. Supercalifragilisticexpialidocious!"
    for w in (60, 120, 300):
        lines = f.wrap(s, "body", w)
        assert all(f.get("body").size(ln)[0] <= w for ln in lines)
        assert "".join(lines).replace(" ", "") == s.replace(" ", "")
    nfd = unicodedata.normalize("NFD", s)
    assert f.wrap(nfd, "body", 200) == f.wrap(s, "body", 200)


def test_render_is_cached_and_cache_drops_on_configure():
    pygame.font.init()
    f = Fonts("medium")
    a = f.render("Xin chào", "body", (0, 0, 0), 200)
    assert f.render("Xin chào", "body", (0, 0, 0), 200) is a
    f.configure("large", 1.0)
    assert f.render("Xin chào", "body", (0, 0, 0), 200) is not a


def test_layout_checker_finds_overlaps():
    class Fake(Scene):
        pass

    sc = Fake.__new__(Fake)
    sc.items = [button((0, 0, 100, 40), "a", "a", (0, 0, 0), (1, 1, 1)),
                button((50, 20, 100, 40), "b", "b", (0, 0, 0), (1, 1, 1))]
    assert layout_problems(sc)
    sc.items[1].rect.y = 50
    assert not layout_problems(sc)


def test_watch_reloads_replays_and_shows_lint_errors(make_driver, tmp_path):
    folder = tmp_path / "pack"
    shutil.copytree(SCENARIOS_DIR / "images", folder / "images")
    path = folder / "demo_shipper.yaml"
    good = (SCENARIOS_DIR / "demo_shipper.yaml").read_text(encoding="utf-8")
    path.write_text(good, encoding="utf-8")
    d = make_driver(lang="en", timers=False)
    d.app.push(first_scene(d.app, path, True, None))
    d.run_until(lambda: d.scene.engine.deciding)
    d.key(pygame.K_1)  # answer
    assert [x.choice for x in d.scene.engine.log] == ["answer"]

    def touch(text):
        path.write_text(text, encoding="utf-8")
        st = os.stat(path)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))

    touch(good.replace("next: shipper_talk", "next: no_such_step"))
    d.run_until(lambda: d.name == "LintOverlay", dt=0.3)
    assert "The scenario has errors" in d.texts()
    assert any("no_such_step" in t for t in d.texts())
    touch(good.replace("Nghe máy", "Nghe máy ngay"))
    d.run_until(lambda: d.name == "PlayScene", dt=0.3)
    assert [x.choice for x in d.scene.engine.log] == ["answer"]  # choices replayed


def test_characters_without_glyphs_are_dropped_not_drawn_as_gaps():
    pygame.font.init()
    f = Fonts("medium")
    assert f.wrap("Thanks Dad! ❤️", "body", 500) == ["Thanks Dad!"]
    assert f.wrap("Gấp lắm 🙏 nhé", "body", 500) == ["Gấp lắm nhé"]
    assert f.wrap("Tiếng Việt — “ổn” • …", "body", 500) == ["Tiếng Việt — “ổn” • …"]
