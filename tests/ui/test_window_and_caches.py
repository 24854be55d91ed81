"""The window's framebuffer choice and its fallback, memory-bounded surface caches, and the
benchmark's inputs (real-sized copies that lint clean, a 300-message thread)."""

from __future__ import annotations

import pygame
import pytest

import game.ui.app as app_module
from game.ui.surfcache import SurfaceCache


@pytest.fixture
def no_hint(monkeypatch):
    monkeypatch.delenv(app_module.FRAMEBUFFER_HINT, raising=False)
    monkeypatch.setattr(app_module, "_fb_ours", False)


def test_software_framebuffer_is_chosen_unless_the_user_chose(data_dir, no_hint, monkeypatch):
    app_module.App(lang="en")
    assert app_module.os.environ[app_module.FRAMEBUFFER_HINT] == "0"
    monkeypatch.setenv(app_module.FRAMEBUFFER_HINT, "1")
    monkeypatch.setattr(app_module, "_fb_ours", False)
    app_module.App(lang="en")
    assert app_module.os.environ[app_module.FRAMEBUFFER_HINT] == "1"


def test_window_opens_with_sdl_default_when_the_software_framebuffer_fails(data_dir, no_hint, monkeypatch):
    real = pygame.display.set_mode
    tried = []

    def set_mode(*a, **k):
        tried.append(app_module.os.environ.get(app_module.FRAMEBUFFER_HINT))
        if tried[-1] == "0":
            raise pygame.error("no software framebuffer here")
        return real(*a, **k)

    monkeypatch.setattr(pygame.display, "set_mode", set_mode)
    app = app_module.App(lang="en")
    assert tried == ["0", None]
    assert app.surface.get_size() == (1280, 720)


def test_a_users_own_setting_is_not_silently_replaced(data_dir, no_hint, monkeypatch):
    monkeypatch.setenv(app_module.FRAMEBUFFER_HINT, "0")  # set by the user, not by us

    def set_mode(*a, **k):
        raise pygame.error("refused")

    monkeypatch.setattr(pygame.display, "set_mode", set_mode)
    with pytest.raises(pygame.error):
        app_module.App(lang="en")


def test_surface_cache_is_bounded_by_bytes_and_keeps_what_is_used():
    cache = SurfaceCache(max_bytes=10 * 100 * 100 * 4)
    for i in range(30):
        cache[i] = pygame.Surface((100, 100), pygame.SRCALPHA)
        cache.get(0)  # in use every frame
    assert cache.bytes <= cache.max_bytes and len(cache) == 10
    assert 0 in cache and 29 in cache and 5 not in cache


def test_malloc_thresholds_are_set_once_on_glibc_and_nowhere_else(monkeypatch):
    import ctypes

    from game.ui import memtune

    calls = []

    class Libc:
        gnu_get_libc_version = object()

        def mallopt(self, option, value):
            calls.append((option, value))
            return 1

    monkeypatch.setattr(memtune, "_done", [])
    monkeypatch.setattr(memtune.sys, "platform", "linux")
    monkeypatch.setattr(ctypes, "CDLL", lambda _name: Libc())
    assert memtune.tune_malloc() and memtune.tune_malloc()
    assert calls == [(memtune.M_MMAP_THRESHOLD, memtune.MMAP_THRESHOLD), (memtune.M_TRIM_THRESHOLD, memtune.TRIM_THRESHOLD)]
    for platform, libc in (("win32", Libc()), ("darwin", Libc()), ("linux", type("Musl", (), {"mallopt": Libc.mallopt})())):
        calls.clear()
        monkeypatch.setattr(memtune, "_done", [])
        monkeypatch.setattr(memtune.sys, "platform", platform)
        monkeypatch.setattr(ctypes, "CDLL", lambda _name, libc=libc: libc)
        assert memtune.tune_malloc() is False and calls == []


def test_bench_copies_are_real_sized_with_new_ids_and_lint_clean(tmp_path):
    from game.cli.bench import real_sized_copies
    from game.cli.lint import lint
    from game.core.loader import SCENARIOS_DIR

    root = real_sized_copies(tmp_path, n=16)
    files = sorted(root.glob("*.yaml"))
    assert len(files) == 16
    shipped = {p.stem: p.stat().st_size for p in SCENARIOS_DIR.glob("*.yaml")}
    for f in files:
        original = f.stem.rsplit("_copy", 1)[0]
        assert abs(f.stat().st_size - shipped[original]) < 16  # same text, only the id differs
    _reports, diags, counts = lint([root], jobs=1)
    assert counts["errors"] == 0 and counts["scenarios"] == 16, [d.format("en") for d in diags][:5]


def test_bench_thread_has_300_messages(make_driver, tmp_path):
    from game.core.loader import load_scenario
    from game.ui.bench import heavy_scenario
    from game.ui.scenes.play import PlayScene

    d = make_driver()
    loaded = load_scenario(heavy_scenario(tmp_path))
    assert loaded.ok
    scene = PlayScene(d.app, loaded.scenario)
    d.app.push(scene)
    scene.engine.skip()
    assert len(scene.engine.phone.threads[("zola", "stranger")].messages) == 300


def test_picker_cards_are_remembered_but_follow_progress_text_size_and_language(make_driver):
    """The picker keeps each card's layout between frames; anything a card shows still updates."""
    from game.ui.scenes.picker import PickerScene

    d = make_driver(lang="en")
    d.app.prefs.nickname = "Lan"
    d.app.push(PickerScene(d.app))
    d.frame()
    scn = d.app.get_catalog().entries[0].scenario
    def title():
        return next(t for t in d.scene.items if t.kind == "text" and t.role == "title" and t.layer == 1)

    first = title()
    assert "Completed · best 80%" not in d.screen_text()
    d.app.progress.finish("Lan", scn.id, 80)
    d.frame()
    assert "Completed · best 80%" in d.screen_text()
    d.app.prefs.text_size = "large"
    d.app.apply_prefs()
    d.frame()
    assert title().text == first.text and title().rect.h > first.rect.h
    d.app.set_language("vi")
    d.frame()
    assert "Completed · best 80%" not in d.screen_text()
    items = d.scene.items
    d.frame()
    assert all(a is not b for a, b in zip(items, d.scene.items, strict=False))  # copies, never shared


def _pictures(app) -> list:
    """The painter's scaled copies of pictures (keyed by their source's id)."""
    return [k for k in app.painter._scaled if isinstance(k[0], int)]


def test_a_scenarios_pictures_leave_the_painter_with_its_play_scene(make_driver):
    """Scaled pictures are keyed by their source's id(), which the next scenario's pictures may
    take over once the sources are freed: the play scene drops them when it hands over to the
    debrief, and a new play scene starts without the last one's."""
    from game.core.loader import SCENARIOS_DIR, load_scenario
    from game.ui.scenes.play import PlayScene

    d = make_driver(lang="en")
    scn = load_scenario(SCENARIOS_DIR / "online_kidnapping.yaml").scenario
    d.app.push(PlayScene(d.app, scn))
    seen = []

    def look(sc):
        sc.assets.wait()
        seen.append(len(_pictures(d.app)))

    d.play_by_keys(lambda sc: d.key(pygame.K_1), look=look)
    assert d.name == "DebriefScene"
    assert max(seen) > 0  # pictures were drawn and cached while playing
    assert _pictures(d.app) == []
    assert not d.app.painter._decoded  # nor does a call's picture keep its full-size pixels
    d.frame()
    assert _pictures(d.app) == []

    photo = pygame.Surface((40, 30))
    d.app.painter.scaled(photo, (20, 15))
    before = d.app.painter._scaled.bytes
    assert _pictures(d.app)
    PlayScene(d.app, scn)
    assert _pictures(d.app) == [] and d.app.painter._scaled.bytes == before - 20 * 15 * photo.get_bytesize()


def _debrief_scroll_renders(d, frames: int = 160) -> list[int]:
    """Text renders in each of two identical passes of the wheel down and back up the debrief."""
    import game.ui.fonts as fonts_module

    counts = []
    real = fonts_module.ChainFont.render

    def counted(self, *a, **k):
        counts[-1] += 1
        return real(self, *a, **k)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(fonts_module.ChainFont, "render", counted)
        for _ in range(2):
            counts.append(0)
            for i in range(frames):
                if i % 2 == 0:
                    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1 if (i // 40) % 2 == 0 else 1,
                                                         flipped=False))
                d.app.frame(1 / 60)
    return counts


def test_text_cache_holds_what_a_scrolled_debrief_shows(make_driver):
    """The text cache's bound (fonts.TEXT_CACHE_BYTES, what a played scenario's peak memory counts)
    still holds the debrief's text while the wheel takes it down and back: a second pass renders
    nothing again. At 2.5 MB it rendered 86 lines again on every pass (153 the first time)."""
    from game.core import walk
    from game.core.engine import Engine
    from game.core.loader import SCENARIOS_DIR, load_scenario
    from game.ui.fonts import TEXT_CACHE_BYTES
    from game.ui.scenes.debrief import DebriefScene

    scn = load_scenario(SCENARIOS_DIR / "online_kidnapping.yaml").scenario
    p = next(p for p in walk.paths(scn, limit=5000) if p.outcome == "scammed")
    bounds = {}
    for bound in (TEXT_CACHE_BYTES, 5 * 1024 * 1024 // 2):
        d = make_driver(timers=False)
        d.app.fonts._surfaces.max_bytes = bound
        d.app.reset(DebriefScene(d.app, scn, Engine.replay(scn, [{"choice": c} for _s, c in p.choices])))
        bounds[bound] = _debrief_scroll_renders(d)
    first, again = bounds[TEXT_CACHE_BYTES]
    assert first > 0 and again == 0, bounds
    assert bounds[5 * 1024 * 1024 // 2][1] > 0, bounds  # the test can tell a bound that is too small



@pytest.mark.parametrize("size", [(1, 1), (5, 40), (40, 5), (24, 24), (25, 26), (101, 50), (314, 419)])
@pytest.mark.parametrize("radius", [1, 2, 8, 12, 13, 30])
def test_picture_corners_are_cut_as_a_whole_size_mask_cut_them(size, radius):
    """painter._round_corners masks only the rows a corner can reach; its pixels must be those a
    whole-size rounded mask gives (which it replaced to save a picture-sized surface)."""
    from game.ui.painter import _round_corners

    src = pygame.Surface(size, pygame.SRCALPHA)
    src.fill((200, 100, 50, 255))
    ours, whole = src.copy(), src.copy()
    _round_corners(ours, radius)
    mask = pygame.Surface(size, pygame.SRCALPHA)
    pygame.draw.rect(mask, (255, 255, 255, 255), mask.get_rect(), border_radius=radius)
    whole.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    assert pygame.image.tobytes(ours, "RGBA") == pygame.image.tobytes(whole, "RGBA")


@pytest.mark.parametrize("mode", ["fit", "soft", "glitch", "hidden"])
def test_a_rounded_picture_has_the_pixels_of_a_converted_and_masked_copy(make_driver, mode):
    """Painter.scaled leaves out convert_alpha() when the scaled copy is already in the display's
    alpha format (it would only copy it): the pixels are those of the copy converted and cut by a
    whole-size rounded mask, as before, for a picture with and without an alpha channel."""
    from game.ui.phone import video_fx

    d = make_driver(lang="en")
    for depth in (24, 32):
        raw = pygame.Surface((90, 70), pygame.SRCALPHA if depth == 32 else 0, depth)
        for y in range(70):
            raw.fill((y * 3, 200 - y * 2, (y * 7) % 256), (0, y, 90, 1))
        src = raw.convert_alpha()
        got = d.app.painter.scaled(src, (41, 33), mode, 12)
        want = (pygame.transform.smoothscale(src, (41, 33)) if mode == "fit" else video_fx.MODES[mode](src, (41, 33))).convert_alpha()
        mask = pygame.Surface((41, 33), pygame.SRCALPHA)
        pygame.draw.rect(mask, (255, 255, 255, 255), mask.get_rect(), border_radius=12)
        want.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
        assert pygame.image.tobytes(got, "RGBA") == pygame.image.tobytes(want, "RGBA")
        assert got.get_masks() == want.get_masks() and got.get_flags() & pygame.SRCALPHA
