"""`bench ui`: frame times of a heavy phone scene, start-up time, idle CPU (menu and phone) and memory.

Each measure runs in a fresh subprocess with the dummy video/audio drivers, so numbers
do not depend on what the calling process has loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

HEAVY = r'''
import json, resource, sys, time
import pygame
from pathlib import Path
from game.core.loader import load_scenario
from game.ui.app import App
from game.ui.phone.state import Banner
from game.ui.scenes.play import PlayScene

app = App(lang="vi", size=(1280, 720))
scn = load_scenario(Path(sys.argv[1])).scenario
scene = PlayScene(app, scn)
app.push(scene)
app.step(0.0)
scene.phone.screen = ("thread", "zola", "stranger")
frames = []
for i in range(int(sys.argv[2])):
    if not scene.phone.banners:
        scene.phone.banners.append(Banner("Zola · 0912 345 678", "Tin nhắn mới: em ơi, chuyển khoản giúp anh nhé", "zalo", None, scene.phone.now))
    if i % 120 == 60:
        scene.scroll_thread(300)
    t0 = time.perf_counter()
    app.step(1 / 60)
    app.draw()
    pygame.display.flip()
    frames.append((time.perf_counter() - t0) * 1000)
msgs = len(app.top.engine.phone.threads[("zola", "stranger")].messages)
print(json.dumps({"frames": frames, "messages": msgs, "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
'''

FIRST = r'''
import sys
from game.ui.main import launch
def done(app):
    print("FIRST", flush=True)
    app.running = False
launch(lang="vi", size=(1280, 720), on_first_frame=done)
'''

IDLE = r'''
import json, sys, time
import pygame
from game.ui.app import App
from game.ui.scenes.language import LanguageScene
secs = float(sys.argv[1])
app = App(lang="vi", size=(1280, 720))
if len(sys.argv) > 2:  # the phone waiting at a decision (demo_otp's first: lock screen, no timer)
    from pathlib import Path
    from game.core.loader import load_scenario
    from game.ui.scenes.play import PlayScene
    app.prefs.timers = False
    scene = PlayScene(app, load_scenario(Path(sys.argv[2])).scenario)
    app.push(scene)
    while not scene.engine.deciding:
        app.step(0.5)
else:
    app.push(LanguageScene(app))
marks = {}
def first(app):
    marks["cpu"], marks["wall"] = time.process_time(), time.perf_counter()
    pygame.time.set_timer(pygame.QUIT, int(secs * 1000), loops=1)
app.run(on_first_frame=first)
cpu, wall = time.process_time() - marks["cpu"], time.perf_counter() - marks["wall"]
print(json.dumps({"cpu_pct": 100 * cpu / wall, "wall": wall, "frames": app.frames}))
'''


def heavy_scenario(folder: Path, n: int = 200) -> Path:
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


def _env(data_dir: str) -> dict:
    return dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
                LA_CHAN_DATA_DIR=data_dir, PYTHONPATH=str(ROOT))


def _py(code: str, args: list, env: dict, timeout: float = 120) -> str:
    out = subprocess.run([sys.executable, "-c", code, *map(str, args)], env=env, cwd=ROOT, capture_output=True,
                         text=True, timeout=timeout)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return out.stdout


def _pct(values: list[float], p: float) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


def first_frame_seconds(env: dict, runs: int = 3) -> float:
    best = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", FIRST], env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        for line in proc.stdout:
            if line.startswith("FIRST"):
                best.append(time.perf_counter() - t0)
                break
        proc.wait(timeout=30)
    return min(best) if best else float("nan")


def run_ui_bench(frames: int = 600, idle_seconds: float = 10.0) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        env = _env(tmp)
        path = heavy_scenario(Path(tmp))
        heavy = json.loads(_py(HEAVY, [path, frames], env).strip().splitlines()[-1])
        ft = heavy["frames"][10:]  # the first frames fill the text cache
        idle = json.loads(_py(IDLE, [idle_seconds], env, timeout=idle_seconds + 60).strip().splitlines()[-1])
        otp = ROOT / "scenarios" / "demo_otp.yaml"
        phone = json.loads(_py(IDLE, [idle_seconds, otp], env, timeout=idle_seconds + 60).strip().splitlines()[-1]) \
            if otp.exists() else {"cpu_pct": float("nan")}
        first = first_frame_seconds(env)
    return {
        "frame_ms_p50": round(_pct(ft, 50), 2),
        "frame_ms_p99": round(_pct(ft, 99), 2),
        "first_frame_s": round(first, 3),
        "idle_cpu_pct": round(idle["cpu_pct"], 2),
        "idle_cpu_pct_phone": round(phone["cpu_pct"], 2),
        "peak_rss_mb": round(heavy["rss_kb"] / 1024, 1),
        "messages_in_thread": heavy["messages"],
        "frames_measured": len(ft),
        "idle_frames_drawn": idle["frames"],
        **long_word_layout(),
    }


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
    print(json.dumps(run_ui_bench()))
