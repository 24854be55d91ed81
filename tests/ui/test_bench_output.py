"""The benchmarks print the figures the issue asks for, each with its floor (tiny runs: the
figures themselves are not judged here; performance is measured by `bench`, not by tests)."""

from __future__ import annotations

import pytest

import game.ui.bench as ui_bench
from game.cli.bench import run_core_bench

# Smoke runs of the benchmarks themselves (a real window, real-sized lint copies): CI's slow stage.
pytestmark = pytest.mark.slow


def test_bench_ui_prints_every_figure_beside_its_floor(monkeypatch, capsys):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setattr(ui_bench.shutil, "which", lambda _name: None)  # no X server: the dummy driver
    out = ui_bench.run_ui_bench(frames=30, idle_seconds=0.5, starts=1)
    assert out["window"] == "dummy"
    for key in ("frame_ms_p50", "frame_ms_p99", "floor_frame_ms_p50", "floor_frame_ms_p99",
                "idle_cpu_pct_timed_decision", "floor_idle_cpu_pct", "first_frame_s", "floor_first_frame_s",
                "peak_rss_mb", "floor_peak_rss_mb"):
        assert isinstance(out[key], (int, float)) and out[key] == out[key], key  # a number, not NaN
    assert set(out["scenes"]) == set(ui_bench.SCENES)
    assert out["played_to_debrief"] is True
    assert set(out["ratios"]) == set(ui_bench.TARGETS)
    # under the dummy driver nothing is judged against a floor, and stderr says why
    assert all(out["targets_met"][k] is None for k in ui_bench.TARGETS)
    assert "dummy" in capsys.readouterr().err
    assert isinstance(out["targets_met"]["wrap_word_100k_ms"], bool)


def test_bench_core_lints_real_sized_copies_as_a_process_and_walks():
    out = run_core_bench(runs=1, files=6, chain_steps=120)
    assert out["lint_files"] == 6 and out["lint_file_kb_mean"] > 10
    assert out["lint_summary"].startswith("6 files, 6 scenarios") and "0 errors" in out["lint_summary"]
    assert out["lint_400_real_s"] > 0 and out["floor_compose_400_s"] > 0
    # lint runs on several cores and the floor on one: the per-core floor and both CPU times are printed too
    assert out["lint_cores"] == 1  # 6 files: checked in the lint process itself
    assert out["floor_compose_400_per_core_s"] == out["floor_compose_400_s"]
    assert out["lint_400_cpu_s"] > 0 and out["floor_compose_400_cpu_s"] > 0
    assert out["walk_1000_listed"] == 100 and out["walk_1000_step_s"] > 0
