"""`bench ui`: what players get, in a real window, beside floors measured in the same run.

Every figure comes from a fresh subprocess that opens a real X window when a display is
available (DISPLAY, or a private Xvfb started here if `Xvfb` is installed); otherwise
the dummy driver, and `window` says "dummy". The game runs with the settings of a fresh
install (timers on, sound on, the language `python main.py` would pick on this machine).

Floors, each measured in this run with the same framebuffer setting the game uses:
  a bare pygame window that fills and flips     -> frame times, start-up, memory
  a bare `clock.tick(30)` loop in that window    -> idle CPU
  a bare process that imports pygame             -> shown for scale
Each figure is printed in absolute terms, as a ratio to its floor, and against its target.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SIZE = (1280, 720)
LONG_WORD_MS = 50  # a 100,000-character word or URL wrapped, or fitted (issue 11)
TARGETS = {  # figure -> (floor, highest ratio allowed)
    "frame_ms_p50": ("floor_frame_ms_p50", 1.5),
    "frame_ms_p99": ("floor_frame_ms_p99", 2.0),
    "idle_cpu_pct_timed_decision": ("floor_idle_cpu_pct", 3.0),
    "first_frame_s": ("floor_first_frame_s", 2.0),
    "peak_rss_mb": ("floor_peak_rss_mb", 1.5),
}

FLOOR_WINDOW = r'''
import json, resource, sys, time

def peak_rss_kb():
    # VmHWM belongs to this process image; ru_maxrss survives exec, so it would count the bench
    # process that started this one
    try:
        return next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
import pygame
pygame.display.init()
s = pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
s.fill((27, 33, 48))
pygame.display.flip()
print("FIRST", flush=True)
frames = []
for i in range(int(sys.argv[1])):
    t0 = time.perf_counter()
    pygame.event.pump()
    s.fill((27 + i % 2, 33, 48))
    pygame.display.flip()
    frames.append((time.perf_counter() - t0) * 1000)
print(json.dumps({"frames": frames, "rss_kb": peak_rss_kb(),
                  "driver": pygame.display.get_driver()}))
'''

FLOOR_TICK = r'''
import json, sys, time
import pygame
pygame.display.init()
pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
pygame.display.flip()
clock = pygame.time.Clock()
c0, w0 = time.process_time(), time.perf_counter()
while time.perf_counter() - w0 < float(sys.argv[1]):
    pygame.event.get()
    clock.tick(30)
print(json.dumps({"cpu_pct": 100 * (time.process_time() - c0) / (time.perf_counter() - w0)}))
'''

FLOOR_IMPORT = "import pygame\n"

# Start-up: main.py exactly as a player starts it, stopped at the first frame it shows.
FIRST = r'''
import runpy, sys
sys.argv = ["main.py", *sys.argv[1:]]
import game.ui.app as A
run = A.App.run
def stop(app):
    print("FIRST", flush=True)
    app.running = False
A.App.run = lambda self, on_first_frame=None: run(self, on_first_frame=stop)
runpy.run_path("main.py", run_name="__main__")
'''

# One scene, driven frame by frame through the real loop's App.frame (input, time, repaint, display).
SCENE = r'''
import json, resource, sys, time

def peak_rss_kb():
    # VmHWM belongs to this process image; ru_maxrss survives exec, so it would count the bench
    # process that started this one
    try:
        return next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
import pygame
from pathlib import Path
from game.cli.common import default_lang
from game.core import walk
from game.core.loader import SCENARIOS_DIR, load_scenario
from game.ui.app import App

name, frames_wanted, heavy = sys.argv[1], int(sys.argv[2]), sys.argv[3]
app = App(size=(1280, 720), default_lang=default_lang())
app.prefs.nickname = "Bench"

def tab(i):
    if i % 4 == 0:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0, unicode="", scancode=0))

def route_to(scn, choice_id):
    for p in walk.paths(scn, limit=5000):
        ids = [c for _s, c in p.choices]
        if choice_id in ids:
            return ids[:ids.index(choice_id) + 1]
    raise SystemExit(f"no path through {choice_id}")

from game.ui.scenes.play import PlayScene
drive = tab
if name == "picker":
    from game.ui.scenes.picker import PickerScene
    app.push(PickerScene(app))
elif name == "thread_300":
    scene = PlayScene(app, load_scenario(Path(heavy)).scenario)
    app.push(scene)
    scene.engine.skip(); app.step(0)
    scene.phone.screen = ("thread", "zola", "stranger")
    def drive(i):
        scene.scroll_thread((1 if (i // 60) % 2 == 0 else -1) * 25)
elif name == "video_call":
    scn = load_scenario(SCENARIOS_DIR / "online_kidnapping.yaml").scenario
    picks = route_to(scn, "accept_video")
    scene = PlayScene(app, scn, resume={"choices": [{"choice": c} for c in picks]})
    app.push(scene)
    scene.phone.screen = ("call",)
elif name == "timed_decision":
    scn = load_scenario(SCENARIOS_DIR / "demo_shipper.yaml").scenario
    step = next(st for st in scn.steps if st.timeout is not None)
    scene = PlayScene(app, scn, start=step.id)
    app.push(scene)
    while not scene.engine.deciding:
        app.step(0.5)
elif name == "debrief":
    from game.core.engine import Engine
    from game.ui.scenes.debrief import DebriefScene
    scn = load_scenario(SCENARIOS_DIR / "online_kidnapping.yaml").scenario
    p = next(p for p in walk.paths(scn, limit=5000) if p.outcome == "scammed")
    eng = Engine.replay(scn, [{"choice": c} for _s, c in p.choices])
    app.push(DebriefScene(app, scn, eng))
    def drive(i):
        tab(i)
        if i % 4 == 2:
            pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1 if (i // 40) % 2 == 0 else 1,
                                                 flipped=False))
elif name == "channel_screens":  # the format-2 phone screens (game/ui/bench_channels.py)
    from game.ui.bench_channels import start
    drive = start(app, Path(heavy).parent)
frames, idle = [], 0
start = time.perf_counter()
for i in range(frames_wanted):
    drive(i)
    t0 = time.perf_counter()
    shown = app.frame(1 / 60)
    if shown:
        frames.append((time.perf_counter() - t0) * 1000)
    else:
        idle += 1
out = {"frames": frames[min(10, len(frames) // 3):], "shown": len(frames), "idle_turns": idle, "rss_kb": peak_rss_kb(),
       "lang": app.lang}
if name == "timed_decision" and len(sys.argv) > 4:  # then leave it waiting in the real loop
    marks = {}
    def first(app):
        marks["cpu"], marks["wall"] = time.process_time(), time.perf_counter()
        pygame.time.set_timer(pygame.QUIT, int(float(sys.argv[4]) * 1000), loops=1)
    app.first_frame_at = None
    app.run(on_first_frame=first)
    out["idle_cpu_pct"] = 100 * (time.process_time() - marks["cpu"]) / (time.perf_counter() - marks["wall"])
    out["time_left_s"] = scene.engine.time_left()
print(json.dumps(out))
'''

# Memory: the picker, then a whole scenario played to its debrief, every frame shown.
PLAY = r'''
import json, resource, sys

def peak_rss_kb():
    # VmHWM belongs to this process image; ru_maxrss survives exec, so it would count the bench
    # process that started this one
    try:
        return next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
import pygame
from game.cli.common import default_lang
from game.core import walk
from game.core.loader import SCENARIOS_DIR, load_scenario
from game.ui.app import App
from game.ui.scenes.picker import PickerScene
from game.ui.scenes.play import PlayScene

app = App(size=(1280, 720), default_lang=default_lang())
app.prefs.nickname = "Bench"
app.push(PickerScene(app))
for _ in range(5):
    app.frame(1 / 30)
scn = load_scenario(SCENARIOS_DIR / sys.argv[1]).scenario
route = [c for _s, c in max(walk.paths(scn, limit=5000), key=lambda p: len(p.choices)).choices]
app.push(PlayScene(app, scn))
turns = 0
while type(app.top).__name__ != "DebriefScene" and turns < 20000:
    scene = app.top
    if scene.card is not None:
        if turns % 20 == 0:
            scene.activate(("continue",))
    elif scene.engine.deciding and route:
        scene.choose(route.pop(0))
    elif not scene.engine.deciding and turns % 3 == 0:
        scene.scroll_thread(-30)
    app.frame(1 / 10)
    turns += 1
for _ in range(30):
    app.frame(1 / 30)
print(json.dumps({"rss_kb": peak_rss_kb(), "turns": turns,
                  "finished": type(app.top).__name__ == "DebriefScene"}))
'''


def heavy_scenario(folder: Path, n: int = 300) -> Path:
    """A scenario whose single step lands n chat messages at once (text, long text, links)."""
    lines = ["schema_version: 1", "id: bench_heavy", "source_language: vi", 'title: "Bench"', 'summary: "Bench"',
             "difficulty: 1", "minutes: 1", 'player: {name: "Lan"}',
             "contacts:", '  - {id: stranger, name: "Người lạ", number: "0912 345 678"}',
             "apps:", '  - {id: zola, kind: chat, name: "Zola", look: zalo}', "steps:", "  - id: s1", "    events:"]
    for i in range(n):
        sender = "player" if i % 3 == 2 else "stranger"
        text = ("Em ơi, anh là nhân viên giao hàng, đơn của em bị giữ ở kho vì sai địa chỉ. " * (1 + i % 3)).strip()
        lines.append(f"      - {{id: m{i}, type: message, app: zola, from: {sender}, thread: stranger, "
                     f'text: "{i}. {text}"}}')
        if i % 25 == 0:
            lines[-1] = lines[-1][:-1] + ', link: {url: "giaohang-nhanh.vip/don", title: "Xác nhận đơn hàng"}}'
    lines += ["    choices:", '      - {id: ok, text: "Chặn số này", safety: safe, score: 5, explanation: "Đúng.", next: end}',
              "endings:", '  - {id: end, outcome: safe, title: "Xong", debrief: "Xong."}']
    path = folder / "bench_heavy.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# -- running things -----------------------------------------------------------------------


class Runner:
    def __init__(self, tmp: Path, display: str | None):
        self.tmp = tmp
        self.display = display
        self.n = 0

    def env(self, **extra) -> dict:
        self.n += 1
        data = self.tmp / f"fresh{self.n}"  # a fresh install each time: no settings, no progress
        data.mkdir()
        # PYTHONDONTWRITEBYTECODE would make every start compile the game again; an installed
        # game has its bytecode cached, so the bench lets Python cache it too.
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("SDL_", "LA_CHAN_")) and k != "PYTHONDONTWRITEBYTECODE"}
        env.update(SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1", LA_CHAN_DATA_DIR=str(data),
                   PYTHONPATH=str(ROOT))
        if self.display:
            env.update(DISPLAY=self.display, SDL_VIDEODRIVER="x11")
        else:
            env["SDL_VIDEODRIVER"] = "dummy"
        env.update(extra)
        return env

    def json(self, code: str, args: list, timeout: float = 150, **env) -> dict:
        out = subprocess.run([sys.executable, "-c", code, *map(str, args)], env=self.env(**env), cwd=ROOT,
                             capture_output=True, text=True, timeout=timeout)
        if out.returncode != 0:
            raise RuntimeError(out.stderr[-2000:])
        return json.loads(out.stdout.strip().splitlines()[-1])

    def until_first(self, code: str, args: list, **env) -> float:
        """Seconds from spawning a process to its first frame on screen."""
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", code, *map(str, args)], env=self.env(**env), cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        took = float("nan")
        for line in proc.stdout:
            if line.startswith("FIRST"):
                took = time.perf_counter() - t0
                break
        proc.kill()
        proc.wait(timeout=30)
        return took

    def wall(self, code: str) -> float:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], env=self.env(), cwd=ROOT, check=True, timeout=60)
        return time.perf_counter() - t0


@contextlib.contextmanager
def x_display():
    """DISPLAY if set; else a private Xvfb if installed (it picks a free display number); else None."""
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        yield None
        return
    r, w = os.pipe()
    proc = subprocess.Popen([xvfb, "-displayfd", str(w), "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
                            pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(w)
    with os.fdopen(r) as fh:
        number = fh.readline().strip()
    try:
        yield f":{number}" if number else None
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


def _r(x: float, n: int = 2) -> float:
    return round(x, n) if x == x else x


SCENES = ("picker", "thread_300", "video_call", "timed_decision", "debrief", "channel_screens")


def run_ui_bench(frames: int = 400, idle_seconds: float = 8.0, starts: int = 5) -> dict:
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp, x_display() as display:
        run = Runner(Path(tmp), display)
        heavy = heavy_scenario(Path(tmp))
        fb = {"SDL_FRAMEBUFFER_ACCELERATION": "0"}  # what the game sets (game/ui/app.py)
        # floors, measured before and after the game's scenes to show the drift on a shared machine
        floor_runs = [run.json(FLOOR_WINDOW, [frames], **fb)]
        sdl_default = run.json(FLOOR_WINDOW, [frames])  # SDL's own framebuffer choice, for the record
        window = "x11" if display and floor_runs[0]["driver"] == "x11" else "dummy"
        scenes = {}
        for name in SCENES:
            args = [name, frames, heavy] + ([idle_seconds] if name == "timed_decision" else [])
            res = run.json(SCENE, args, timeout=150 + idle_seconds)
            scenes[name] = {"frame_ms_p50": _r(_pct(res["frames"], 50)), "frame_ms_p99": _r(_pct(res["frames"], 99)),
                            "frames_shown": res["shown"], "turns_with_nothing_to_show": res["idle_turns"],
                            "peak_rss_mb": _r(res["rss_kb"] / 1024, 1)}
            if "idle_cpu_pct" in res:
                scenes[name]["idle_cpu_pct"] = _r(res["idle_cpu_pct"])
            lang = res["lang"]
        floor_runs.append(run.json(FLOOR_WINDOW, [frames], **fb))
        tick = run.json(FLOOR_TICK, [idle_seconds], **fb)
        play = run.json(PLAY, ["online_kidnapping.yaml"], timeout=300)
        run.until_first(FIRST, [])  # warm-up: bytecode cached, as in an installed game
        firsts = {lg: [run.until_first(FIRST, ["--lang", lg]) for _ in range(starts)] for lg in ("vi", "en")}
        firsts["default"] = [run.until_first(FIRST, []) for _ in range(starts)]
        floor_first = [run.until_first(FLOOR_WINDOW, [0], **fb) for _ in range(starts)]
        imports = [run.wall(FLOOR_IMPORT) for _ in range(starts)]

    floor_frames = [f for r in floor_runs for f in r["frames"]]
    worst = max(scenes, key=lambda n: scenes[n]["frame_ms_p99"])
    out = {
        "window": window,
        "framebuffer": "SDL_FRAMEBUFFER_ACCELERATION=0" if window == "x11" else "dummy",
        "lang": lang,
        "frame_ms_p50": max(s["frame_ms_p50"] for s in scenes.values()),
        "frame_ms_p99": scenes[worst]["frame_ms_p99"],
        "worst_scene": worst,
        "floor_frame_ms_p50": _r(_pct(floor_frames, 50)),
        "floor_frame_ms_p99": _r(_pct(floor_frames, 99)),
        "floor_frame_ms_p50_each_run": [_r(_pct(r["frames"], 50)) for r in floor_runs],
        "idle_cpu_pct_timed_decision": scenes["timed_decision"].get("idle_cpu_pct"),
        "floor_idle_cpu_pct": _r(tick["cpu_pct"]),
        "first_frame_s": _r(max(statistics.median(v) for v in firsts.values()), 3),
        "first_frame_s_vi": _r(statistics.median(firsts["vi"]), 3),
        "first_frame_s_en": _r(statistics.median(firsts["en"]), 3),
        "first_frame_s_default": _r(statistics.median(firsts["default"]), 3),
        "first_frame_s_spread": [_r(min(min(v) for v in firsts.values()), 3), _r(max(max(v) for v in firsts.values()), 3)],
        "floor_first_frame_s": _r(statistics.median(floor_first), 3),
        "floor_first_frame_s_spread": [_r(min(floor_first), 3), _r(max(floor_first), 3)],
        "floor_import_pygame_s": _r(statistics.median(imports), 3),
        "peak_rss_mb": _r(play["rss_kb"] / 1024, 1),
        "played_to_debrief": play["finished"],
        "floor_peak_rss_mb": _r(max(r["rss_kb"] for r in floor_runs) / 1024, 1),
        "sdl_default_framebuffer": {"floor_frame_ms_p50": _r(_pct(sdl_default["frames"], 50)),
                                    "floor_frame_ms_p99": _r(_pct(sdl_default["frames"], 99)),
                                    "floor_peak_rss_mb": _r(sdl_default["rss_kb"] / 1024, 1)},
        "scenes": scenes,
        "starts_per_figure": starts,
        "load_average": [_r(load_before), _r(os.getloadavg()[0])],
        **long_word_layout(),
    }
    out["ratios"] = {k: _r(out[k] / out[floor]) if out[k] is not None and out[floor] else None
                     for k, (floor, _limit) in TARGETS.items()}
    out["targets_met"] = {k: (out["ratios"][k] is not None and out["ratios"][k] <= limit)
                          for k, (_floor, limit) in TARGETS.items()}
    if window == "dummy":  # no real window: the floors are not what users get, so nothing is judged
        out["targets_met"] = dict.fromkeys(TARGETS)
        print("bench ui: no X display and no Xvfb, so it ran under SDL's dummy driver, where a flip costs "
              "nothing: the figures and ratios are not what players get, and targets_met is null. "
              "Install xvfb or set DISPLAY.", file=sys.stderr)
    for k in ("wrap_word_100k_ms", "fit_word_100k_ms", "wrap_url_100k_ms", "fit_url_100k_ms"):
        out["targets_met"][k] = out[k] < LONG_WORD_MS
    return out


def long_word_layout(n: int = 100_000, width: int = 300, runs: int = 5) -> dict:
    """Wrap and fit of an n-character unbroken word and an n-character URL (issue 11: under 50 ms),
    best of `runs`, each on a cold cache. Linear layout keeps this in proportion to n."""
    import pygame

    from .fonts import Fonts

    pygame.font.init()
    fonts = Fonts("medium")
    url = ("https://vi-du.example/" + "/".join(f"tai-khoan?id={i}&b=c.d" for i in range(n // 20)))[:n]
    out = {}
    for name, text in (("word", "x" * n), ("url", url)):
        best_wrap = best_fit = float("inf")
        for _ in range(runs):
            fonts.clear()
            t = time.perf_counter()
            fonts.wrap(text, "body", width)
            best_wrap = min(best_wrap, time.perf_counter() - t)
            t = time.perf_counter()
            fonts.fit(text, "body", width)
            best_fit = min(best_fit, time.perf_counter() - t)
        out[f"wrap_{name}_{n // 1000}k_ms"] = round(best_wrap * 1000, 1)
        out[f"fit_{name}_{n // 1000}k_ms"] = round(best_fit * 1000, 1)
    return out


if __name__ == "__main__":
    print(json.dumps(run_ui_bench(), ensure_ascii=False))
