"""Report and recording benchmarks (`python main.py bench report`).

- report: 40 students × 12 scenarios, one results file per machine, from files to HTML.
  Budget: under 2 s.
- record: the time one `record_decision` call adds to the frame it happens in.
  Budget: under 5 ms (the worst call, not only the average). The row is then committed
  with fsync by the writer thread; `on_disk_ms_*` is how long that takes (not in a frame).
"""

from __future__ import annotations

import copy
import statistics
import tempfile
import time
from pathlib import Path

from game.core.engine import Decision
from game.core.loader import load_all
from game.core.quiz import load_quizzes
from game.core.results import ResultsStore

from .build import build_report, scenario_labels
from .simulate import simulate_class

STUDENTS = 40
SCENARIOS = 12


def twelve_scenarios() -> list:
    """The installed scenarios, copied under new ids until there are twelve."""
    base = [item.scenario for item in load_all() if item.ok]
    out = []
    i = 0
    while len(out) < SCENARIOS and base:
        scn = base[i % len(base)]
        if i >= len(base):
            scn = copy.copy(scn)
            scn.id = f"{scn.id}_copy{i // len(base)}"
        out.append(scn)
        i += 1
    return out


def run_report_bench() -> dict:
    with tempfile.TemporaryDirectory(prefix="la-chan-bench-") as tmp:
        tmp = Path(tmp)
        scns = twelve_scenarios()
        quizzes = load_quizzes()
        t0 = time.perf_counter()
        runs = simulate_class(tmp / "usb", scns, students=STUDENTS, seed=3,
                              quiz=quizzes[0] if quizzes else None, data_root=tmp / "machines")
        simulate_s = time.perf_counter() - t0

        labels = scenario_labels("vi")
        labels.scenarios.update({s.id: s for s in scns})
        t0 = time.perf_counter()
        rep = build_report([tmp / "usb"], lang="vi", labels=labels)
        report_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        build_report([tmp / "usb"], lang="vi")  # including loading scenarios and quiz labels
        report_cold_s = time.perf_counter() - t0

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
        "students": STUDENTS,
        "scenarios": len(scns),
        "files": STUDENTS,
        "sessions": len({r.session_id for r in runs}),
        "decisions": rep.figures.summary.decisions,
        "html_kb": round(len(rep.text.encode()) / 1024, 1),
        "simulate_s": round(simulate_s, 3),
        "report_s": round(report_s, 3),
        "report_with_scenario_loading_s": round(report_cold_s, 3),
        "report_budget_s": 2.0,
        "report_ok": report_cold_s < 2.0,
        "record_ms_mean": round(statistics.fmean(times), 3),
        "record_ms_p99": round(times[int(len(times) * 0.99) - 1], 3),
        "record_ms_max": round(times[-1], 3),
        "finish_session_ms": round(finish_ms, 3),
        "on_disk_ms_median": round(durable[len(durable) // 2], 3),
        "on_disk_ms_p99": round(durable[int(len(durable) * 0.99) - 1], 3),
        "record_budget_ms": 5.0,
        "record_ok": times[-1] < 5.0,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run_report_bench(), indent=2))
