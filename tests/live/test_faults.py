"""Faults against a really started host process on 127.0.0.1: a killed host, a dropped
phone, malformed and oversized messages, floods, controls without the trainer key."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
import urllib.error
import urllib.request

import aiohttp
import pytest

from .hostproc import HostProcess
from .wsclient import recv_until, run


@pytest.fixture
def host(tmp_path):
    h = HostProcess(tmp_path).start()
    yield h
    h.stop()


async def join(s, host, nick):
    ws = await s.ws_connect(f"{host.base}/ws")
    await ws.send_json({"t": "join", "code": host.code, "nick": nick})
    welcome = await recv_until(ws, lambda d: d["t"] in ("welcome", "error"))
    assert welcome["t"] == "welcome", welcome
    state = await recv_until(ws, lambda d: d["t"] == "state")
    return ws, welcome["token"], state


async def vote(ws, state, choice):
    await ws.send_json({"t": "vote", "step": state["step"], "choice": choice, "n": 1})
    return await recv_until(ws, lambda d: d["t"] in ("voted", "error"))


def rows(path):
    conn = sqlite3.connect(str(path))
    try:
        return (conn.execute("SELECT id, nickname, mode FROM sessions").fetchall(),
                conn.execute("SELECT id, session_id, choice, votes FROM decisions").fetchall())
    finally:
        conn.close()


@pytest.mark.slow  # a real browser or host processes: CI's slow stage (README's command < 3 min)
def test_killed_host_restarts_and_resumes_with_votes_and_students(tmp_path):
    h = HostProcess(tmp_path).start()
    code, port = h.code, h.port

    async def before():
        async with aiohttp.ClientSession() as s:
            out = []
            for nick in ("Lan", "Minh", "Vy"):
                ws, tok, st = await join(s, h, nick)
                out.append((tok, st))
                assert (await vote(ws, st, st["options"][0]["id"]))["t"] == "voted"
            await asyncio.sleep(0.6)  # the snapshot is written at most every 0.2 s
            return out

    phones = run(before())
    h.kill()  # SIGKILL: no clean shutdown
    h2 = HostProcess(tmp_path, port=port).start()
    try:
        assert h2.code == code  # same session code: phones reconnect by themselves
        d = h2.dashboard()
        assert d["phones"] == 3
        assert sum(d["together"]["tallies"].values()) == 3

        async def after():
            async with aiohttp.ClientSession() as s:
                for tok, st in phones:  # a phone reconnects with its token and re-sends its vote
                    ws = await s.ws_connect(f"{h2.base}/ws")
                    await ws.send_json({"t": "hello", "code": code, "token": tok})
                    again = await recv_until(ws, lambda d: d["t"] == "state")
                    assert again["step"] == st["step"] and again["mine"] == st["options"][0]["id"]
                    assert (await vote(ws, again, st["options"][0]["id"]))["t"] == "voted"
                    await ws.close()

        run(after())
        d = h2.dashboard()
        assert d["phones"] == 3 and sum(d["together"]["tallies"].values()) == 3  # never counted twice
        h2.control("take")
        import time

        deadline = time.monotonic() + 30  # the host records the decision on its own loop: wait for it
        voter = []
        while time.monotonic() < deadline:
            db = next((tmp_path / "results").glob("results-*.db"), None)
            try:
                voter = [r for r in rows(db)[1] if r[3]] if db is not None else []
            except sqlite3.OperationalError:  # busy while the host writes: look again
                voter = []
            if len(voter) >= 3:
                break
            time.sleep(0.2)
    finally:
        h2.stop()
    db = next((tmp_path / "results").glob("results-*.db"))
    sessions, decisions = rows(db)
    voter = [r for r in decisions if r[3]]
    assert len(voter) == 3 and len({r[1] for r in voter}) == 3
    assert all(json.loads(r[3]) == {r[2]: 1} for r in voter)


def test_dropped_phone_comes_back_as_the_same_student(host):
    async def go():
        async with aiohttp.ClientSession() as s:
            ws, tok, st = await join(s, host, "Khoa")
            b = st["options"][1]["id"]
            await vote(ws, st, b)
            ws._response.connection.transport.abort()  # the Wi-Fi drops mid-vote, no close frame
            await asyncio.sleep(0.3)
            ws2 = await s.ws_connect(f"{host.base}/ws")
            await ws2.send_json({"t": "hello", "code": host.code, "token": tok})
            again = await recv_until(ws2, lambda d: d["t"] == "state")
            assert again["mine"] == b
            await vote(ws2, again, st["options"][0]["id"])  # may still change the vote
            await ws2.close()

    run(go())
    d = host.dashboard()
    assert d["phones"] == 1
    assert sum(d["together"]["tallies"].values()) == 1


def test_malformed_messages_get_errors_and_others_keep_voting(host):
    async def go():
        async with aiohttp.ClientSession() as s:
            good, _tok, st = await join(s, host, "Nhi")
            bad = await s.ws_connect(f"{host.base}/ws")
            cases = [
                ("not json", "not_json"),
                (json.dumps([1, 2]), "bad_message"),
                (json.dumps({"t": "nope"}), "bad_message"),
                (json.dumps({"t": "join", "code": "ZZZZ", "nick": "x"}), "bad_code"),
                (json.dumps({"t": "join", "code": host.code, "nick": "<script>alert(1)</script>"}), "bad_nick"),
                (json.dumps({"t": "join", "code": host.code, "nick": "x" * 25}), "bad_nick"),
                (json.dumps({"t": "join", "code": host.code, "nick": "a\u0000b"}), "bad_nick"),
                (json.dumps({"t": "vote", "step": st["step"], "choice": "c", "n": 1}), "join_first"),
                (json.dumps({"t": "hello", "code": host.code, "token": "0" * 32}), "unknown_token"),
            ]
            for raw, code in cases:
                await bad.send_str(raw)
                got = await recv_until(bad, lambda d: d["t"] in ("error", "welcome"))
                assert got == {"t": "error", "code": code}, (raw, got)
            _, _, st2 = await join(s, host, "Tú")
            for step, choice, code in ((st["step"], "no_such_option", "bad_choice"),
                                       ("no_such_step", st["options"][0]["id"], "bad_step")):
                await good.send_json({"t": "vote", "step": step, "choice": choice, "n": 1})
                assert (await recv_until(good, lambda d: d["t"] in ("error", "voted")))["code"] == code
            await bad.send_str("x" * 10_000)  # too big: that connection alone is closed
            closed = await recv_until(bad, lambda d: False)
            assert closed["t"] == "_closed" and closed["code"] == 1009
            assert (await vote(good, st, st["options"][0]["id"]))["t"] == "voted"
            async with s.post(f"{host.base}/api/msg", data=b"{" * 50_000,
                              headers={"Content-Type": "application/json"}) as r:
                assert r.status == 413 and (await r.json())["code"] == "too_big"
            async with s.post(f"{host.base}/api/lab", data=b"x" * 400_000) as r:
                assert r.status == 413

    run(go())
    assert sum(host.dashboard()["together"]["tallies"].values()) == 1


def test_a_flooding_phone_is_slowed_alone(host):
    async def go():
        async with aiohttp.ClientSession() as s:
            calm, _t, st = await join(s, host, "An")
            flood, _t2, _st2 = await join(s, host, "Flood")
            for _ in range(400):
                await flood.send_json({"t": "ping"})
            got = await recv_until(flood, lambda d: d["t"] == "error")
            assert got["code"] == "slow_down"
            assert (await vote(calm, st, st["options"][0]["id"]))["t"] == "voted"

    run(go())
    assert sum(host.dashboard()["together"]["tallies"].values()) == 1


def test_controls_and_dashboard_need_the_trainer_key(tmp_path):
    h = HostProcess(tmp_path, extra=["--require-key"]).start()
    try:
        req = urllib.request.Request(f"{h.base}/api/control", data=b'{"action": "reveal"}')
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(req, timeout=5)
        assert e.value.code == 403
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(f"{h.base}/api/dashboard", timeout=5)
        assert e.value.code == 403
        req = urllib.request.Request(f"{h.base}/api/control", data=b'{"action": "reveal"}',
                                     headers={"X-Trainer-Key": h.key})
        with urllib.request.urlopen(req, timeout=5) as r:
            assert json.loads(r.read())["phase"] == "revealed"
        with urllib.request.urlopen(f"{h.base}/api/dashboard?k={h.key}", timeout=5) as r:
            assert json.loads(r.read())["code"] == h.code
    finally:
        h.stop()


def test_phone_page_has_no_outside_resources(host):
    with urllib.request.urlopen(f"{host.base}/?c={host.code}", timeout=5) as r:
        html = r.read().decode()
        assert "default-src 'self'" in r.headers["Content-Security-Policy"]
    assert "http://" not in html and "https://" not in html


def test_polling_fallback_joins_votes_and_long_polls(host):
    """Networks that block WebSockets: the same messages over plain HTTP, state by long-polling."""

    def post(msg):
        req = urllib.request.Request(f"{host.base}/api/msg", data=json.dumps(msg).encode(),
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return json.loads(r.read())
        except urllib.error.HTTPError as exc:
            return json.loads(exc.read())

    got = post({"t": "join", "code": host.code, "nick": "Phúc"})
    token, state = got["replies"][0]["token"], got["replies"][1]
    assert post({"t": "vote", "step": state["step"], "choice": "nope", "n": 1, "token": token})["code"] == "bad_choice"
    assert post({"t": "vote", "step": state["step"], "choice": state["options"][0]["id"], "n": 1,
                 "token": "f" * 32})["code"] == "unknown_token"
    ok = post({"t": "vote", "step": state["step"], "choice": state["options"][0]["id"], "n": 1, "token": token})
    assert ok["replies"][0]["t"] == "voted"
    with urllib.request.urlopen(f"{host.base}/api/state?token={token}&v=-1", timeout=10) as r:
        now = json.loads(r.read())
    assert now["mine"] == state["options"][0]["id"]
    import threading

    threading.Timer(0.5, lambda: host.control("reveal")).start()
    t0 = time.monotonic()
    with urllib.request.urlopen(f"{host.base}/api/state?token={token}&v={now['v']}", timeout=20) as r:
        later = json.loads(r.read())  # held until something changed
    assert later["phase"] == "revealed" and time.monotonic() - t0 >= 0.4


@pytest.mark.slow  # a real browser or host processes: CI's slow stage (README's command < 3 min)
def test_killed_host_resumes_mid_story(tmp_path):
    h = HostProcess(tmp_path).start()
    port = h.port

    async def before():
        async with aiohttp.ClientSession() as s:
            ws, tok, st = await join(s, h, "Linh")
            await vote(ws, st, st["options"][0]["id"])
            h.control("take", n=st["n"])
            nxt = await recv_until(ws, lambda d: d["t"] == "state" and d["phase"] == "voting" and d["n"] == 2)
            await vote(ws, nxt, nxt["options"][-1]["id"])
            await asyncio.sleep(0.6)
            return tok, nxt

    tok, nxt = run(before())
    h.kill()
    h2 = HostProcess(tmp_path, port=port).start()
    try:
        t = h2.dashboard()["together"]
        assert t["n"] == 2 and t["tallies"] == {o["id"]: int(o["id"] == nxt["options"][-1]["id"])
                                                for o in nxt["options"]}
    finally:
        h2.stop()


def test_the_http_controls_in_host_help_drive_a_headless_rehearsal(host):
    """`host --help` names the control calls for --headless; each is accepted, and reveal + take
    move a rehearsal past the first decision (the dashboard itself has no buttons)."""
    import re

    from game.cli import host as host_cli

    listed = re.search(r"A one of\s+(.*?)\(", host_cli.__doc__, re.S).group(1)
    actions = [a.strip() for a in listed.replace("\n", " ").split(",") if a.strip()]
    assert {"lock", "unlock", "reveal", "bars_on", "bars_off", "take"} <= set(actions)
    for a in ("bars_off", "bars_on", "lock", "unlock"):
        assert host.control(a)["ok"]
    assert host.control("reveal")["phase"] == "revealed"
    assert host.control("take", n=1)["ok"]
    end = time.monotonic() + 15
    while time.monotonic() < end:
        t = host.dashboard()["together"]
        if t["phase"] == "voting" and t["n"] == 2:
            break
        time.sleep(0.1)
    assert (t["phase"], t["n"]) == ("voting", 2)
    assert host.control("start", scenario="tutorial")["ok"]
