"""Video calls show drawn pictures: a clear call shows its illustration as it is; a poor connection
makes the same picture go soft, tear and lose the face in dark blocks (one still frame with reduced
motion). The pack's video pictures are the ones tools/video_stills.py draws (no words in them)."""

from __future__ import annotations

import sys
from pathlib import Path

import pygame
import pytest

from game.core.loader import SCENARIOS_DIR
from game.ui.phone import video_fx
from tests.ui.test_video_call_bands import _to_video_call

ROOT = Path(__file__).resolve().parents[2]


def _loaded(d, sc) -> None:
    """Images decode on a background thread: wait (story time stopped) until the call's picture is in."""
    sc.image(sc.engine.phone.call.image)
    sc.assets.wait()
    d.frame(0.0)
    assert sc.image(sc.engine.phone.call.image) is not None, "the call's picture loaded"


def _picture(sc):
    pics = [it for it in sc.items if it.kind == "image" and it.extra.get("picture")]
    assert len(pics) == 1, "the video call shows its picture"
    return pics[0]


def _mean(surface: pygame.Surface, rect: pygame.Rect) -> float:
    r, g, b, _a = pygame.transform.average_color(surface, rect.inflate(-rect.w // 5, -rect.h // 5))
    return (r + g + b) / 3


def test_a_clear_call_draws_its_illustration(make_driver):
    d = make_driver(lang="vi", timers=False)
    sc = _to_video_call(d, "online_kidnapping", lines=1)
    assert not sc.engine.phone.call.bad_connection
    _loaded(d, sc)
    for _ in range(5):
        d.frame(0.25)
        pic = _picture(sc)
        assert pic.extra["mode"] == "fit"
    d.draw()
    pic = _picture(sc)
    shown = d.app.surface.subsurface(pic.rect).copy()
    expected = pygame.transform.smoothscale(pic.surface.pixels(), pic.rect.size)  # a scenario picture (assets.Picture)
    # the illustration itself (not a blank oval, not the phone's background): pixels match the picture
    centre = pygame.Rect(0, 0, pic.rect.w // 2, pic.rect.h // 2)
    centre.center = (pic.rect.w // 2, pic.rect.h // 2)
    diffs = [abs(a - b) for x in range(centre.left, centre.right, 7) for y in range(centre.top, centre.bottom, 7)
             for a, b in zip(shown.get_at((x, y))[:3], expected.get_at((x, y))[:3], strict=True)]
    assert sum(diffs) / len(diffs) < 4
    colours = {tuple(shown.get_at((x, y))[:3]) for x in range(0, shown.get_width(), 3) for y in range(0, shown.get_height(), 3)}
    assert len(colours) > 150, "a drawn scene, not a few flat shapes"


def test_a_poor_connection_goes_soft_tears_and_hides_the_face(make_driver):
    d = make_driver(lang="vi", timers=False)
    sc = _to_video_call(d, "hijacked_friend", lines=1)
    assert sc.engine.phone.call.bad_connection
    _loaded(d, sc)
    seen: dict[str, float] = {}
    frames: dict[str, bytes] = {}
    for _ in range(60):
        d.frame(0.1)
        if sc.engine.phone.call is None or sc.engine.phone.call.status != "active":
            break
        d.draw()
        pic = _picture(sc)
        mode = pic.extra["mode"]
        seen.setdefault(mode, _mean(d.app.surface, pic.rect))
        frames.setdefault(mode, pygame.image.tobytes(d.app.surface.subsurface(pic.rect), "RGB"))
    assert set(seen) == {m for _d, m in video_fx.CYCLE}, seen
    assert seen["hidden"] < 0.6 * seen["soft"], "the dropped connection hides the face in dark blocks"
    assert frames["glitch"] != frames["soft"] and frames["glitch"] != frames["glitch2"]


def test_a_poor_connection_holds_still_with_reduced_motion(make_driver):
    d = make_driver(lang="vi", timers=False)
    d.app.prefs.reduced_motion = True
    sc = _to_video_call(d, "demo_shipper", lines=1)
    _loaded(d, sc)
    modes = set()
    for _ in range(30):
        d.frame(0.2)
        if sc.engine.phone.call is None or sc.engine.phone.call.status != "active":
            break
        modes.add(_picture(sc).extra["mode"])
    assert modes == {video_fx.STILL}


def test_effects_keep_the_size_and_are_the_same_every_time():
    src = pygame.image.load(str(SCENARIOS_DIR / "images" / "hijacked_friend_video.png"))
    for mode, fx in video_fx.MODES.items():
        a, b = fx(src, (131, 175)), fx(src, (131, 175))
        assert a.get_size() == (131, 175), mode
        assert pygame.image.tobytes(a, "RGB") == pygame.image.tobytes(b, "RGB"), mode
    assert video_fx.phase(0.0, still=True) == video_fx.phase(2.0, still=True) == video_fx.STILL


@pytest.mark.skipif(not hasattr(pygame.image, "load_sized_svg"),
                    reason="the picture generator (a maintainer's tool, not the game) draws SVG with pygame-ce")
def test_the_pack_video_pictures_are_the_drawn_ones():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import video_stills
    finally:
        sys.path.remove(str(ROOT / "tools"))
    for name, surf in video_stills.pictures().items():
        shipped = pygame.image.load(str(SCENARIOS_DIR / "images" / name))
        assert shipped.get_size() == surf.get_size(), name
        a = pygame.transform.average_color(shipped)
        b = pygame.transform.average_color(surf)
        assert max(abs(x - y) for x, y in zip(a[:3], b[:3], strict=True)) <= 2, f"{name}: re-run tools/video_stills.py"
