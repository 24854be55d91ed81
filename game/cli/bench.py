"""Performance benchmarks. Each part prints one JSON object on its own line.

Parts:
  core    lint_400_real_s: `python main.py lint` on 400 real-sized files (copies of the shipped
          scenarios with new ids), timed as a whole process from spawn to exit, on every core
          (target < 10 s), beside floor_compose_400_s: libyaml composing the same files in
          one process, timed inside it (target: lint within 1.5x). lint runs on lint_cores
          worker processes, so the per-core floor (floor_compose_400_s / lint_cores) and the
          CPU time of both (user + sys, lint's workers included) are printed too.
          walk_1000_step_s: `python main.py walk` on a valid 1,000-step scenario with loops,
          as a whole process (it streams 100 paths and counts all)
  ui      in a real X window (DISPLAY, or a private Xvfb when installed; else "window": "dummy"),
          fresh-install settings (timers on), scenes: picker, 300-message thread while
          scrolling, video call, timed decision, debrief, the channel screens (mail, feed,
          browser, camera, installer). Each figure beside its floor from
          the same run and as a ratio: frame_ms_p50/p99 (worst scene) vs a bare fill+flip
          window (targets 1.5x / 2x); idle_cpu_pct_timed_decision vs a bare clock.tick(30)
          loop (3x); first_frame_s (main.py to first frame, vi and en) vs a bare window (2x);
          peak_rss_mb after playing a whole scenario vs a bare window (1.5x); targets_met says
          which hold (null for each under the dummy driver, whose flip costs nothing; a
          warning on stderr says so)
          wrap_word_100k_ms, fit_word_100k_ms (a 100,000-character unbroken word; target < 50 ms,
          in targets_met too), and the same for a 100,000-character URL
  i18n    catalogue load times
  report  simulate 1,000 students; the report at 40, 400 and 1,000 students (time, CPU,
          peak memory, cost per student, growth); decision-recording cost
  live    a vote storm on 127.0.0.1 (60, then 200 simulated phones): clients, votes_sent,
          votes_recorded, votes_lost, votes_duplicated, vote_to_projector_ms_p95 (60 phones;
          target < 250), host_cpu_pct (200 phones; target < 50), frame_ms_p99_while_hosting
          (target <= 1.5x the same scene not hosting)

Figures on a shared machine are noisy: floors are measured in the same run, repeated runs
are listed, and the load average is printed. `bench ui` and `bench core` each take 1-3 minutes.

Examples:
  python main.py bench core
  python main.py bench            # every part
"""

from __future__ import annotations

import importlib
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from game.cli.words import _

ROOT = Path(__file__).resolve().parents[2]

PARTS = {
    "core": ("game.cli.bench", "run_core_bench"),
    "ui": ("game.ui.bench", "run_ui_bench"),
    "i18n": ("game.i18n.bench", "run_i18n_bench"),
    "report": ("game.report.bench", "run_report_bench"),
    "live": ("game.live.bench", "run_live_bench"),
}


def register(p) -> None:
    p.add_argument("parts", nargs="*", metavar="PART", help=_("which benchmarks (default: all)") + f": {', '.join(PARTS)}")
    p.set_defaults(run=run)


LINT_FILES = 400
LINT_PROCESS = 10.0  # seconds: 400 real-sized files, a whole `lint` process, every core
LINT_RATIO = 1.5  # lint within this many times libyaml's compose time on the same files

COMPOSE = r"""
import sys, time
from pathlib import Path
import yaml
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
files = sorted(Path(sys.argv[1]).glob("*.yaml"))
t0 = time.perf_counter()
for f in files:
    yaml.compose(f.read_bytes(), Loader=loader)
print(time.perf_counter() - t0)
"""


def real_sized_copies(folder: Path, n: int = LINT_FILES) -> Path:
    """n copies of the shipped scenarios (the same text and size), each with a new id and file name."""
    from game.core.loader import SCENARIOS_DIR

    root = folder / "scenarios"
    root.mkdir()
    for sub in ("images", "audio"):
        if (SCENARIOS_DIR / sub).is_dir():
            shutil.copytree(SCENARIOS_DIR / sub, root / sub)
    shipped = sorted(SCENARIOS_DIR.glob("*.yaml"))
    for i in range(n):
        src = shipped[i % len(shipped)]
        text = src.read_text(encoding="utf-8")
        new_id = f"{src.stem}_copy{i:03}"
        text, count = re.subn(rf"^id: {re.escape(src.stem)}\b", f"id: {new_id}", text, count=1, flags=re.M)
        assert count == 1, src
        (root / f"{new_id}.yaml").write_text(text, encoding="utf-8")
    return root


def _process_seconds(args: list[str]) -> tuple[float, str]:
    """Wall time of a whole process, from spawn to exit (imports and worker start-up included)."""
    took, _cpu, out = _process_run(args)
    return took, out


def _process_run(args: list[str]) -> tuple[float, float, str]:
    """(wall, CPU, stdout) of a whole process: CPU is user + sys of it and every process it waited
    for (lint's workers)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # cached, as when installed
    env.update(PYTHONPATH=str(ROOT), LA_CHAN_LANG="en")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    took = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return took, cpu, out.stdout


def run_core_bench(runs: int = 3, files: int = LINT_FILES, chain_steps: int = 1000) -> dict:
    from game.core import walk
    from game.core.generate import chain_yaml
    from game.core.loader import load_scenario

    with tempfile.TemporaryDirectory() as tmp:
        root = real_sized_copies(Path(tmp), files)
        files = sorted(root.glob("*.yaml"))
        size_kb = sum(f.stat().st_size for f in files) / len(files) / 1024
        lint_s, compose_s, lint_cpu, compose_cpu, compose_process = [], [], [], [], []
        _process_seconds(["main.py", "lint", str(files[0])])  # warm-up: bytecode cached
        for _ in range(runs):  # alternated, so both see the same machine load
            took, cpu, out = _process_run(["main.py", "lint", str(root)])
            lint_s.append(took)
            lint_cpu.append(cpu)
            took, cpu, composed = _process_run(["-c", COMPOSE, str(root)])
            compose_s.append(float(composed.strip()))
            compose_cpu.append(cpu)
            compose_process.append(took)
        summary = out.strip().splitlines()[-1] if out.strip() else ""

        chain = Path(tmp) / "chain_1000.yaml"
        chain.write_text(chain_yaml("chain_1000", steps=chain_steps, back=7), encoding="utf-8")
        walk_s = []
        for _ in range(runs):
            took, walked = _process_seconds(["main.py", "walk", str(chain)])
            walk_s.append(took)
        scn = load_scenario(chain).scenario
        chain_kb = round(chain.stat().st_size / 1024, 1)
        t0 = time.perf_counter()
        stats = walk.stats(scn)
        stats_s = time.perf_counter() - t0

    from game.cli.lint import workers

    lint_med, compose_med = statistics.median(lint_s), statistics.median(compose_s)
    cores = workers(len(files))
    lint_cpu_med, compose_cpu_med = statistics.median(lint_cpu), statistics.median(compose_cpu)
    return {
        "lint_400_real_s": round(lint_med, 3),
        "floor_compose_400_s": round(compose_med, 3),
        "ratio_lint_to_compose": round(lint_med / compose_med, 2),
        "lint_cores": cores,  # worker processes lint used; the floor composes on one
        "floor_compose_400_per_core_s": round(compose_med / cores, 3),
        "ratio_lint_to_compose_per_core": round(lint_med / (compose_med / cores), 2),
        "lint_400_cpu_s": round(lint_cpu_med, 3),  # user + sys, whole process tree, from process start
        "floor_compose_400_cpu_s": round(compose_cpu_med, 3),  # the whole compose process (start-up included)
        "floor_compose_400_process_s": round(statistics.median(compose_process), 3),
        "ratio_lint_cpu_to_compose_cpu": round(lint_cpu_med / compose_cpu_med, 2),
        "lint_400_real_s_runs": [round(x, 3) for x in lint_s],
        "floor_compose_400_s_runs": [round(x, 3) for x in compose_s],
        "lint_400_cpu_s_runs": [round(x, 3) for x in lint_cpu],
        "lint_files": len(files),
        "lint_file_kb_mean": round(size_kb, 1),
        "lint_summary": summary,
        "cores": os.cpu_count(),
        "walk_1000_step_s": round(statistics.median(walk_s), 3),
        "walk_1000_step_kb": chain_kb,
        "walk_1000_listed": sum(1 for ln in walked.splitlines() if re.match(r"\s*\d+\. ", ln)),
        "walk_1000_stats_s": round(stats_s, 3),
        "walk_1000_paths_digits": len(str(stats.paths)),
        "load_average": round(os.getloadavg()[0], 2),
        "targets_met": {
            "lint_400_real_s": lint_med < LINT_PROCESS,
            "ratio_lint_to_compose": lint_med / compose_med <= LINT_RATIO,
        },
    }


def run(args) -> int:
    unknown = [p for p in args.parts if p not in PARTS]
    if unknown:
        print(f"bench: unknown part {', '.join(unknown)} (parts: {', '.join(PARTS)})", file=sys.stderr)
        return 2
    failed = 0
    for part in args.parts or list(PARTS):
        module, func = PARTS[part]
        try:
            fn = getattr(importlib.import_module(module), func)
        except (ImportError, AttributeError) as exc:
            print(json.dumps({"part": part, "error": f"not available: {exc}"}))
            failed = 1
            continue
        print(json.dumps({"part": part, **fn()}, ensure_ascii=False))
    return failed
