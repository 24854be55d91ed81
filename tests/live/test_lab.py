"""Lab mode's link: the address as typed, and an outbox that survives a restart of the PC."""

from __future__ import annotations

import pytest

from game.live.lab import LabLink, host_url

from .hostproc import HostProcess, free_port


def test_join_addresses():
    assert host_url("192.168.1.20") == ("http://192.168.1.20:8765", None)
    assert host_url("192.168.1.20:9000") == ("http://192.168.1.20:9000", None)
    assert host_url("http://192.168.1.20:8765/?c=KTPX") == ("http://192.168.1.20:8765", "KTPX")
    with pytest.raises(ValueError):
        host_url("ftp://x")


def test_outbox_survives_a_restart_and_catches_up(tmp_path):
    port = free_port()
    row = {"id": "s1", "machine": "labpc01", "nickname": "Lan", "class_code": "9A", "scenario_id": "tutorial",
           "scenario_version": 1, "mode": "play", "phase": "", "started_at": "2026-01-01T00:00:00Z"}
    dec = {"id": "s1:0", "session_id": "s1", "machine": "labpc01", "nickname": "Lan", "class_code": "9A",
           "scenario_id": "tutorial", "scenario_version": 1, "mode": "play", "phase": "", "idx": 0,
           "step": "welcome", "choice": "reply_ha", "safety": "safe", "score": 5, "best": 5, "time_taken": 3.5,
           "timed_out": False, "help": False, "flags": [], "flags_shown": [], "votes": None,
           "recorded_at": "2026-01-01T00:00:04Z", "genuine": True}
    link = LabLink(f"http://127.0.0.1:{port}", "ACDE", "labpc01", tmp_path)  # nobody listens yet
    link.add(session=row)
    link.add(decision=dec)
    assert not link.flush(1.0)
    link.close(wait=0.5)  # the PC is switched off with rows still unsent
    host_dir = tmp_path / "host"
    host_dir.mkdir()
    h = HostProcess(host_dir, port=port).start()
    try:
        again = LabLink(f"http://127.0.0.1:{port}", h.code, "labpc01", tmp_path)
        assert again.pending() == 2
        assert again.flush(10), again.error
        again.close()
        d = h.dashboard()
        assert d["machines"] == 1 and d["students"][0]["who"] == "Lan" and d["students"][0]["decisions"] == 1
    finally:
        h.stop()
