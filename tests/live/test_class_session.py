"""A whole class session end to end: the trainer's host (a real process), 40 phones voting
at every decision, 5 lab PCs (one of them offline until the host comes up), then `report`
on the host's file alone and merged with the lab PCs' own files, with no row counted twice."""

from __future__ import annotations

import asyncio
import random
import subprocess
import sys
import time

import aiohttp
import pytest

from game.core import results as R
from game.core.engine import Engine
from game.core.loader import load_scenario, load_taxonomy
from game.live.headless import to_decision
from game.live.lab import LabLink, LabRecorder

from .hostproc import ROOT, HostProcess, free_port
from .wsclient import recv_until

PHONES = 40
LAB_PCS = 5


def lab_pc(tmp_path, i, port, code, scenario):
    """A lab PC: its own results store (the source of truth) plus the link to the host."""
    data = tmp_path / f"pc{i}"
    store = R.ResultsStore(data / "results", data_dir=data, machine=f"labpc{i:02d}")
    rec = LabRecorder(store, LabLink(f"http://127.0.0.1:{port}", code, store.machine, data))
    rng = random.Random(i)
    eng = Engine(scenario, timers=False)
    sid = rec.start_session(nickname=f"Student {i}", class_code="9A", scenario_id=scenario.id,
                            scenario_version=scenario.version)
    logged = 0
    to_decision(eng)
    while eng.ending is None and eng.deciding:
        eng.choose(rng.choice(eng.offered()).id)
        for d in eng.log[logged:]:
            rec.record_decision(sid, d)
        logged = len(eng.log)
        to_decision(eng)
    rec.finish_session(sid, ending_id=eng.ending.id, outcome=eng.ending.outcome, score=eng.score,
                       possible=eng.possible)
    return rec, store


async def phones(host, n):
    stop = asyncio.Event()
    votes = {"sent": 0}

    async def one(s, i):
        ws = await s.ws_connect(f"{host.base}/ws")
        await ws.send_json({"t": "join", "code": host.code, "nick": f"Phone {i}"})
        seen = set()
        while not stop.is_set():
            try:
                d = await recv_until(ws, lambda d: d["t"] == "state", timeout=0.5)
            except TimeoutError:
                continue
            if d["phase"] == "voting" and (d["step"], d["n"]) not in seen:
                seen.add((d["step"], d["n"]))
                await ws.send_json({"t": "vote", "step": d["step"], "n": 1,
                                    "choice": random.Random(i * 100 + d["n"]).choice(d["options"])["id"]})
                votes["sent"] += 1
        await ws.close()

    async def trainer():
        while True:
            await asyncio.sleep(0.3)
            d = host.dashboard()
            t = d["together"]
            if t["phase"] == "ended":
                break
            if t["phase"] == "voting" and t["voted"] == n:
                host.control("take", n=t["n"])  # the most-voted option, as the trainer normally would
                await asyncio.sleep(0.3)
        stop.set()

    async with aiohttp.ClientSession() as s:
        await asyncio.wait_for(asyncio.gather(trainer(), *(one(s, i) for i in range(n))), 120)
    return votes["sent"]


@pytest.mark.slow  # a real browser or host processes: CI's slow stage (README's command < 3 min)
def test_whole_class_session(tmp_path):
    tax = load_taxonomy()
    scn = load_scenario(ROOT / "scenarios" / "tutorial.yaml", tax).scenario
    port = free_port()
    host_dir = tmp_path / "host"
    host_dir.mkdir()
    h = HostProcess(host_dir, port=port)
    # the host is not up yet: PC 0 plays "offline", its rows wait in its outbox
    offline = lab_pc(tmp_path, 0, port, "AAAA", scn)
    time.sleep(0.5)
    assert offline[0].link.pending() > 0
    h.start()
    try:
        offline[0].link.code = h.code  # the code the trainer gives once the host is up
        pcs = [offline] + [lab_pc(tmp_path, i, port, h.code, scn) for i in range(1, LAB_PCS)]
        sent = asyncio.run(phones(h, PHONES))
        for rec, _store in pcs:
            assert rec.link.flush(15), rec.link.error
            rec.close()
        d = h.dashboard()
        assert d["machines"] == LAB_PCS and len(d["students"]) == LAB_PCS
        assert all(s["finished"] for s in d["students"])
    finally:
        h.stop()
    host_db = next((host_dir / "results").glob("results-*.db"))
    host_data = R.read_results(host_db)
    phone_rows = [x for x in host_data.decisions if x["mode"] == "classroom" and x["votes"]]
    assert len(phone_rows) == sent  # every phone vote stored once, for its voter's own session
    assert len({x["session_id"] for x in phone_rows}) == PHONES
    voters = [x for x in host_data.sessions if x["id"] in {r["session_id"] for r in phone_rows}]
    assert len(voters) == PHONES and all(x["finished_at"] and x["possible"] for x in voters)
    lab_files = [next((tmp_path / f"pc{i}" / "results").glob("results-*.db")) for i in range(LAB_PCS)]
    lab_rows = sum(len(R.read_results(f).decisions) for f in lab_files)
    assert len([x for x in host_data.decisions if x["mode"] == "play"]) == lab_rows
    merged = R.combine([host_data] + [R.read_results(f) for f in lab_files])
    assert len(merged.decisions) == len(host_data.decisions)  # nothing counted twice
    assert len(merged.sessions) == len(host_data.sessions)
    out_host, out_all = tmp_path / "host.csv", tmp_path / "all.csv"
    for out, files in ((out_host, [host_db]), (out_all, [host_db, *lab_files])):
        r = subprocess.run([sys.executable, "main.py", "report", *map(str, files), "-o", str(out), "--lang", "en"],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
    assert out_host.read_text(encoding="utf-8") == out_all.read_text(encoding="utf-8")
