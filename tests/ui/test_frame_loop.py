"""The real loop's repaint: only what changed is painted, it looks exactly like a full paint,
the countdown repaints its own corner at the rate it needs, and an idle loop sleeps."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pygame

from game.core import walk
from game.core.loader import SCENARIOS_DIR, load_scenario
from game.ui.scenes.play import PlayScene

ROOT = Path(__file__).resolve().parents[2]


def _timed(d):
    scn = load_scenario(SCENARIOS_DIR / "demo_shipper.yaml").scenario  # its timer is on by default
    step = next(st for st in scn.steps if st.timeout is not None)
    scene = PlayScene(d.app, scn, start=step.id)
    d.app.push(scene)
    while not scene.engine.deciding:
        d.app.step(0.5)
    # The phone is unlocked and shows the conversation: let its banners go away and its images
    # arrive first, so what follows measures the countdown alone.
    while scene.phone.banners:
        d.app.step(0.5)
    scene.refresh()
    for _ in range(500):
        d.app.step(0.0)  # polls the loader
        if not scene.assets.pending():
            break
        time.sleep(0.01)
    return scene


def _same_as_full_paint(app) -> list | None:
    """render() what changed, then check the screen equals a full paint of the same state."""
    rects = app.render()
    partial = pygame.image.tobytes(app.surface, "RGB")
    app.draw()
    assert pygame.image.tobytes(app.surface, "RGB") == partial, "a partial repaint left stale pixels"
    return rects


def test_partial_repaints_equal_full_paints_through_a_whole_scenario(make_driver):
    d = make_driver(timers=True)
    scn = load_scenario(SCENARIOS_DIR / "demo_shipper.yaml").scenario
    route = [c for _s, c in next(p for p in walk.paths(scn) if p.ending and len(p.choices) >= 3).choices]
    d.app.push(PlayScene(d.app, scn))
    partial = 0
    for i in range(400):
        scene = d.app.top
        if isinstance(scene, PlayScene) and scene.engine.deciding and scene.card is None and route:
            scene.choose(route.pop(0))
        elif isinstance(scene, PlayScene) and scene.card is not None and i % 7 == 0:
            scene.activate(("continue",))
        if i % 5 == 0:
            pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1 if i % 10 else -1, flipped=False))
        d.app.step(0.1)
        if not d.app.stack:
            break
        rects = _same_as_full_paint(d.app)
        partial += bool(rects)
        if type(d.app.top).__name__ == "DebriefScene":
            break
    assert type(d.app.top).__name__ == "DebriefScene"
    assert partial > 10  # most frames were partial repaints, and each matched a full paint


def test_countdown_repaints_only_the_countdown_at_the_rate_it_needs(make_driver):
    d = make_driver(timers=True)
    scene = _timed(d)
    d.app.render()  # the first frame paints everything
    wake = d.app.wake_in()
    assert wake is not None and 0.05 <= wake <= 1.0  # not 60 frames a second
    panel = scene.lay().right
    areas = []
    for _ in range(20):
        d.app.step(d.app.wake_in())
        rects = _same_as_full_paint(d.app)
        assert rects is not None  # never a full repaint
        for r in rects:
            assert panel.contains(r), (r, panel)
        areas.append(sum(r.w * r.h for r in rects))
    w, h = d.app.size
    assert max(areas) < 0.05 * w * h
    assert sum(1 for a in areas if a) >= 15  # it did move


IDLE = r"""
import pygame, sys
from game.ui.app import App
from game.ui.scenes.language import LanguageScene
app = App(lang="en")
app.push(LanguageScene(app))
polls = []
real_get = pygame.event.get
def get(*a, **k):
    polls.append(1)
    return real_get(*a, **k)
pygame.event.get = get
pygame.time.set_timer(pygame.QUIT, 1500, loops=1)
import time
t0 = time.perf_counter()
app.run()
print("polls", len(polls), "frames", app.frames, "seconds", time.perf_counter() - t0)
"""


def test_idle_loop_polls_at_most_30_times_a_second_and_paints_once(tmp_path):
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", LA_CHAN_DATA_DIR=str(tmp_path),
               PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", IDLE], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    words = out.stdout.split()
    polls, frames = int(words[words.index("polls") + 1]), int(words[words.index("frames") + 1])
    seconds = float(words[words.index("seconds") + 1])
    assert polls <= seconds * 31 + 3  # 30 polls a second, not hundreds
    assert frames <= 3  # the first paint (and a repaint when the window is first shown), then nothing


def test_top_level_help_imports_no_command():
    """Only the helpers that find the language of --help (game/cli/words.py, common.py) are imported:
    no command module, no pygame, and of the catalogues only the cli one."""
    code = ("import sys, contextlib, io\nfrom game.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
            "    main(['--help', '--lang', 'vi'])\n"
            "from game.core import i18n\n"
            "print(sorted(m for m in sys.modules if m.startswith('game.cli.') or m == 'pygame'))\n"
            "print(sorted({k[0].rsplit('/', 1)[-1] for k in i18n._cache}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:2] == ["['game.cli.common', 'game.cli.words']", "['cli.po']"], out.stdout


FIRST_SCREEN = r"""
import sys
import pygame
import game.ui.app as A
ticks = []
class Clock:  # counts the waits the loop asks for
    def tick(self, fps=0):
        ticks.append(fps)
        return 0
pygame.time.Clock = Clock
real_run = A.App.run
def stop(app):
    print("first frame after", len(ticks), "ticks; results store imported:", "game.core.results" in sys.modules,
          "sqlite3" in sys.modules)
    app.running = False
A.App.run = lambda self, on_first_frame=None: real_run(self, on_first_frame=stop)
from game.cli import main
main([])
"""


def test_the_first_screen_waits_for_no_tick_and_no_results_store(tmp_path):
    """`python main.py` shows its first screen before the loop's first Clock.tick (a new Clock's first
    tick waits a whole frame) and before the results store (SQLite) is imported: it opens on first use."""
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", LA_CHAN_DATA_DIR=str(tmp_path),
               PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", FIRST_SCREEN], env=env, cwd=ROOT, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert "first frame after 0 ticks; results store imported: False False" in out.stdout, out.stdout


def test_an_uncovered_window_is_painted_whole_again(make_driver):
    d = make_driver(timers=True)
    _timed(d)
    d.app.render()
    d.app.step(0.0)
    assert d.app.render() == []  # nothing moved
    pygame.event.post(pygame.event.Event(pygame.WINDOWEXPOSED))
    d.app.step(0.0)
    assert d.app.render() is None  # everything painted and flipped


def _scrolls_by_moving_pixels(app, move, frames=24):
    """Each scroll moves the view's pixels, paints far less than the view, and looks exactly
    like a full paint of the same state."""
    app.render()
    moved = 0
    real_paint = app.painter.paint
    for i in range(frames):
        move(i)
        app.step(0.0)
        before = dict(app._offsets)
        repainted: dict = {}

        def paint(surface, items, within=None, repainted=repainted):
            if within is not None:
                repainted[tuple(within)] = within.w * within.h
            return real_paint(surface, items, within=within)

        app.painter.paint = paint
        try:
            rects = app.render()
        finally:
            del app.painter.paint
        partial = pygame.image.tobytes(app.surface, "RGB")
        app.draw()
        assert pygame.image.tobytes(app.surface, "RGB") == partial, f"frame {i}: a scrolled repaint left stale pixels"
        shifted = [v for v, off in app._offsets.items() if before.get(v) not in (None, off)]
        if shifted and rects is not None:
            assert sum(repainted.values()) < 0.5 * shifted[0][2] * shifted[0][3], (i, repainted, shifted)
            moved += 1
    return moved


def test_scrolling_a_thread_moves_its_pixels(make_driver, tmp_path):
    from game.ui.bench import heavy_scenario

    d = make_driver(timers=False)
    scene = PlayScene(d.app, load_scenario(heavy_scenario(tmp_path, 60)).scenario)
    d.app.push(scene)
    scene.engine.skip()
    d.app.step(0)
    scene.phone.screen = ("thread", "zola", "stranger")
    moved = _scrolls_by_moving_pixels(d.app, lambda i: scene.scroll_thread((1 if i < 12 else -1) * 37))
    assert moved >= 20


def test_scrolling_the_picker_and_the_debrief_moves_their_pixels(make_driver):
    from game.core.engine import Engine
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.picker import PickerScene

    d = make_driver(timers=False)
    d.app.push(PickerScene(d.app))
    d.app.render()

    def wheel(i, turn=10):
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1 if i < turn else 1, flipped=False))
        if i % 3 == 0:  # the focus moves too, while the grid scrolls
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RIGHT, mod=0, unicode="", scancode=0))

    assert _scrolls_by_moving_pixels(d.app, wheel, frames=20) >= 10
    scn = load_scenario(SCENARIOS_DIR / "online_kidnapping.yaml").scenario
    p = next(p for p in walk.paths(scn, limit=5000) if p.outcome == "scammed")
    d.app.reset(DebriefScene(d.app, scn, Engine.replay(scn, [{"choice": c} for _s, c in p.choices])))
    assert _scrolls_by_moving_pixels(d.app, wheel, frames=20) >= 10


def _channel_screens(d, tmp_path, n: int):
    """The channel bench's scenario (n emails and n posts) with everything landed, and the long
    screens it scrolls: the inbox, the feed, the newest email and the web page."""
    from game.ui.bench_channels import write_scenario

    scene = PlayScene(d.app, load_scenario(write_scenario(tmp_path, n)).scenario)
    d.app.push(scene)
    scene.engine.skip()
    d.app.step(0)
    last_mail = scene.engine.phone.emails[-1].id
    return scene, (("mail", "mail"), ("feed", "feed"), ("email", "mail", last_mail), ("page", "bench_channels/s1/pg"))


def test_scrolling_the_channel_screens_moves_their_pixels(make_driver, tmp_path):
    """The inbox, a long email, the feed and a web page scroll like a conversation: pixels moved,
    a strip painted, and the same picture as a full paint (the rounded corners of the phone's
    screen included, which the inbox's rows reach at the bottom)."""
    d = make_driver(timers=False)
    scene, screens = _channel_screens(d, tmp_path, 12)
    for screen in screens:
        scene.phone.screen = screen
        moved = _scrolls_by_moving_pixels(d.app, lambda i: scene.scroll_thread((-1 if i < 12 else 1) * 23))
        if screen[0] in ("mail", "feed"):
            assert moved >= 16, screen


def test_a_scroll_further_than_the_view_is_high_paints_the_view_again(make_driver, tmp_path):
    """A jump of more than a view's height moves no pixels: what stays in the view's content (a
    long paragraph, a tall row) signs the same, yet is somewhere else on screen, so the whole view
    is painted again (app.render's `jumped`)."""
    d = make_driver(timers=False)
    scene, screens = _channel_screens(d, tmp_path, 30)
    jumps = 0
    for screen in screens:
        scene.phone.screen = screen
        d.app.step(0)
        d.app.render()
        for dy in (700, -700, 350, 1400, -2800):
            before = dict(d.app._offsets)
            scene.scroll_thread(dy)
            d.app.step(0)
            _same_as_full_paint(d.app)
            jumps += any(abs(before.get(v, off) - off) >= v[3] for v, off in d.app._offsets.items())
    assert jumps >= 4  # the inbox and the feed are long enough to jump


def test_frames_run_no_garbage_collection_and_idle_turns_collect(make_driver, tmp_path):
    """Python's collector does not stop a frame: scrolling through a long thread for the first time
    (its bubbles laid out and cached as they come into sight) runs no collection inside the
    frames, and a turn with nothing to show collects (game/ui/gcpace.py)."""
    import gc

    from game.ui import gcpace
    from game.ui.bench import heavy_scenario

    d = make_driver(timers=False)
    scene = PlayScene(d.app, load_scenario(heavy_scenario(tmp_path, 300)).scenario)
    d.app.push(scene)
    scene.engine.skip()
    d.app.step(0)
    scene.phone.screen = ("thread", "zola", "stranger")
    d.app.frame(1 / 60)
    runs: list = []

    def seen(phase, info):
        if phase == "start":
            runs.append(info["generation"])

    gc.collect()
    gc.callbacks.append(seen)
    try:
        shown = 0
        for _ in range(300):
            scene.scroll_thread(61)  # up, into messages not yet seen
            shown += d.app.frame(1 / 60)
        assert shown > 250
        assert runs == [], f"collections inside frames: {runs}"
        d.app.gc._last -= gcpace.IDLE_GAP  # the pacer's own gap has passed
        assert not d.app.frame(1 / 60)  # nothing moved: an idle turn
        assert runs, "an idle turn did not collect"
    finally:
        gc.callbacks.remove(seen)
