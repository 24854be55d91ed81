"""Report and recording benchmarks (`python main.py bench report`).

- simulate: `results simulate` of a 1,000-student school (every scenario, the pre/post
  quiz, a projector machine). Budget: under 60 s.
- report_points: the report (HTML, with scenario loading) over the first 40, 400 and 1,000
  students' files, each in a fresh process so that its peak memory is its own: wall time,
  CPU time, peak RSS and cost per student (wall and CPU). Budgets at 1,000 students: under
  5 s and under 300 MB; the cost per student at 1,000 at most 1.5x the cost at 40
  (`growth_40_to_1000`; `growth_400_to_1000` is shown too, free of the fixed start-up cost).
  On a shared, loaded machine wall time suffers first: compare `cpu_s` as well.
- record: the time one `record_decision` call adds to the frame it happens in.
  Budget: under 5 ms (the worst call, not only the average). The row is then committed
  with fsync by the writer thread; `on_disk_ms_*` is how long that takes (not in a frame).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from game.core.engine import Decision
from game.core.loader import load_all
from game.core.quiz import load_quizzes
from game.core.results import ResultsStore

from .simulate import simulate_class

POINTS = (40, 400, 1000)
ROOT = Path(__file__).resolve().parents[2]
REPORT_BUDGET_S = 5.0
REPORT_BUDGET_MB = 300
GROWTH_BUDGET = 1.5
SIMULATE_BUDGET_S = 60.0


def report_point(list_file: str) -> dict:
    """One report in this process (run in a child): timings and this process's peak memory."""
    from .build import build_report

    files = Path(list_file).read_text(encoding="utf-8").split("\n")
    w0, c0 = time.perf_counter(), time.process_time()
    rep = build_report(files, lang="vi")
    size = len(rep.text.encode("utf-8"))
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    rss_kb = _peak_rss_kb()
    s = rep.figures.summary
    return {"students": s.students, "files": rep.files, "sessions": s.sessions + s.quiz_sessions + s.classroom_sessions,
            "decisions": s.decisions, "html_kb": round(size / 1024), "wall_s": round(wall, 3),
            "cpu_s": round(cpu, 3), "peak_rss_mb": round(rss_kb / 1024, 1)}


def _peak_rss_kb() -> int:
    """This process's peak resident memory. VmHWM belongs to this program alone; ru_maxrss on
    Linux carries over the peak of the process that forked it (here, the big simulating one)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _run_point(files: list[Path], tmp: Path) -> dict:
    lst = tmp / f"files-{len(files)}.txt"
    lst.write_text("\n".join(map(str, files)), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "game.report.bench", "--point", str(lst)], cwd=ROOT,
                         capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return json.loads(out.stdout.strip().splitlines()[-1])


def school_bench(tmp: Path) -> dict:
    scns = [item.scenario for item in load_all() if item.ok]
    quizzes = load_quizzes()
    t0 = time.perf_counter()
    simulate_class(tmp / "usb", scns, students=max(POINTS), seed=3, quiz=quizzes[0] if quizzes else None,
                   classroom=True)
    simulate_s = time.perf_counter() - t0
    points = {}
    for n in POINTS:
        files = [tmp / "usb" / f"results-lab{i + 1:02d}.db" for i in range(n)] + [tmp / "usb" / "results-projector.db"]
        p = _run_point(files, tmp)
        p["wall_ms_per_student"] = round(1000 * p["wall_s"] / n, 3)
        p["cpu_ms_per_student"] = round(1000 * p["cpu_s"] / n, 3)
        points[str(n)] = p
    lo, mid, hi = (points[str(n)] for n in POINTS)

    def ratio(a, b, key):
        return round(b[key] / a[key], 2) if a[key] else None

    big = hi
    return {
        "scenarios": len(scns),
        "quiz": bool(quizzes),
        "simulate_students": max(POINTS),
        "simulate_s": round(simulate_s, 2),
        "simulate_budget_s": SIMULATE_BUDGET_S,
        "simulate_ok": simulate_s < SIMULATE_BUDGET_S,
        "report_points": points,
        "growth_40_to_1000": ratio(lo, hi, "wall_ms_per_student"),
        "growth_40_to_1000_cpu": ratio(lo, hi, "cpu_ms_per_student"),
        "growth_400_to_1000": ratio(mid, hi, "wall_ms_per_student"),
        "growth_400_to_1000_cpu": ratio(mid, hi, "cpu_ms_per_student"),
        "report_budget_s": REPORT_BUDGET_S,
        "report_budget_mb": REPORT_BUDGET_MB,
        "growth_budget": GROWTH_BUDGET,
        "report_ok": (big["wall_s"] < REPORT_BUDGET_S and big["peak_rss_mb"] < REPORT_BUDGET_MB
                      and (ratio(lo, hi, "wall_ms_per_student") or 0) <= GROWTH_BUDGET),
        "load_average": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
    }


def record_bench(tmp: Path) -> dict:
    store = ResultsStore(tmp / "rec", data_dir=tmp / "rec-data", machine="bench")
    sid = store.start_session(nickname="Bench", class_code="", scenario_id="x", scenario_version=1)
    times = []
    for i in range(300):
        d = Decision(i, "step", "choice", "safe", 5, ["urgency"], ["urgency", "secrecy"], 3.2,
                     False, 10.0, False, 10)
        t = time.perf_counter()
        store.record_decision(sid, d)
        times.append((time.perf_counter() - t) * 1000)
    durable = []  # queue to committed on disk (synchronous=FULL), off the frame
    for i in range(300, 400):
        d = Decision(i, "step", "choice", "safe", 5, [], [], 3.2, False, 10.0, False, 10)
        t = time.perf_counter()
        store.record_decision(sid, d)
        store.flush()
        durable.append((time.perf_counter() - t) * 1000)
    durable.sort()
    t = time.perf_counter()
    store.finish_session(sid, ending_id="e", outcome="safe", score=1, possible=1)
    finish_ms = (time.perf_counter() - t) * 1000
    store.close()
    times.sort()
    return {
        "record_ms_mean": round(statistics.fmean(times), 3),
        "record_ms_p99": round(times[int(len(times) * 0.99) - 1], 3),
        "record_ms_max": round(times[-1], 3),
        "finish_session_ms": round(finish_ms, 3),
        "on_disk_ms_median": round(durable[len(durable) // 2], 3),
        "on_disk_ms_p99": round(durable[int(len(durable) * 0.99) - 1], 3),
        "record_budget_ms": 5.0,
        "record_ok": times[-1] < 5.0,
    }


def run_report_bench() -> dict:
    with tempfile.TemporaryDirectory(prefix="la-chan-bench-") as tmp:
        tmp = Path(tmp)
        return {**school_bench(tmp), **record_bench(tmp)}


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--point":
        print(json.dumps(report_point(sys.argv[2])))
    else:
        print(json.dumps(run_report_bench(), indent=2))
