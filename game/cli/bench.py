"""Performance benchmarks. Each part prints one JSON object on its own line.

Parts:
  core    load_validate_200_s (lint of 200 generated scenarios on every core; target < 0.5 s),
          load_validate_200_one_core_s (the game's in-process loader, for comparison),
          walk_50_step_s (a 50-step, 3-choice scenario; target < 1 s)
  ui      frame_ms_p50, frame_ms_p99, first_frame_s, idle_cpu_pct, peak_rss_mb,
          wrap_word_100k_ms, fit_word_100k_ms (a 100,000-character unbroken word; target < 50 ms)
  i18n    catalogue load times
  report  simulate 1,000 students; the report at 40, 400 and 1,000 students (time, CPU,
          peak memory, cost per student, growth); decision-recording cost
  live    a vote storm on 127.0.0.1 (60, then 200 simulated phones): clients, votes_sent,
          votes_recorded, votes_lost, votes_duplicated, vote_to_projector_ms_p95 (60 phones;
          target < 250), host_cpu_pct (200 phones; target < 50), frame_ms_p99_while_hosting
          (target <= 1.5x the same scene not hosting)

Examples:
  python main.py bench core
  python main.py bench            # every part
"""

from __future__ import annotations

import importlib
import json
import os
import tempfile
import time
from pathlib import Path

PARTS = {
    "core": ("game.cli.bench", "run_core_bench"),
    "ui": ("game.ui.bench", "run_ui_bench"),
    "i18n": ("game.i18n.bench", "run_i18n_bench"),
    "report": ("game.report.bench", "run_report_bench"),
    "live": ("game.live.bench", "run_live_bench"),
}


def register(p) -> None:
    p.add_argument("parts", nargs="*", choices=[*PARTS, []], help="which benchmarks (default: all)")
    p.set_defaults(run=run)


def run_core_bench() -> dict:
    from game.cli.lint import lint
    from game.core import walk
    from game.core.generate import scenario_yaml
    from game.core.loader import load_all, load_scenario, load_taxonomy

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "scenarios"
        root.mkdir()
        for i in range(200):
            (root / f"gen_{i:03}.yaml").write_text(scenario_yaml(f"gen_{i:03}", steps=8), encoding="utf-8")
        big = Path(tmp) / "big"
        big.mkdir()
        (big / "walk_50.yaml").write_text(scenario_yaml("walk_50", steps=50, choices=3), encoding="utf-8")

        t0 = time.perf_counter()
        _reports, _diags, counts = lint([root])  # what `python main.py lint` does: every core
        load_s = time.perf_counter() - t0
        errors = counts["errors"]
        t0 = time.perf_counter()
        load_all([root], load_taxonomy())  # the game's in-process loader, one core
        serial_s = time.perf_counter() - t0

        scn = load_scenario(big / "walk_50.yaml").scenario
        t0 = time.perf_counter()
        stats = walk.stats(scn)
        listed = sum(1 for _ in walk.paths(scn, limit=1000))
        best = walk.safest_path(scn)
        walk_s = time.perf_counter() - t0
    return {
        "load_validate_200_s": round(load_s, 4),
        "load_validate_errors": errors,
        "load_validate_200_one_core_s": round(serial_s, 4),
        "cores": os.cpu_count(),
        "walk_50_step_s": round(walk_s, 4),
        "walk_50_paths": stats.paths,
        "walk_50_listed": listed,
        "walk_50_best_percent": best.percent if best else None,
    }


def run(args) -> int:
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
