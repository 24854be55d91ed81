"""A real host process on 127.0.0.1 (`main.py host --headless`), for browser and fault tests."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class HostProcess:
    def __init__(self, data_dir: Path, *, port: int | None = None, scenario: str = "tutorial", extra=()):
        self.data_dir = Path(data_dir)
        self.port = port or free_port()
        self.scenario = scenario
        self.extra = list(extra)
        self.proc = None
        self.code = self.key = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> HostProcess:
        try:
            return self._start(timeout)
        except BaseException:
            self.stop()  # never leave a host running behind a failed test
            raise

    def _start(self, timeout: float) -> HostProcess:
        env = dict(os.environ, LA_CHAN_DATA_DIR=str(self.data_dir), PYTHONUNBUFFERED="1")
        env.pop("LA_CHAN_RESULTS_DIR", None)
        self.log = open(self.data_dir / f"host-{time.time_ns()}.log", "w+")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "main.py", "host", "--headless", "--scenario", self.scenario, "--bind", "127.0.0.1",
             "--port", str(self.port), "--data-dir", str(self.data_dir), *self.extra],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.log.seek(0)
            out = self.log.read()
            if "listening on port" in out:
                self.code = re.search(r"session (\w+)", out).group(1)
                self.key = re.search(r"trainer key (\S+)", out).group(1)
                while time.monotonic() < end:  # the story reaches its first decision
                    if self.dashboard()["together"]["phase"] == "voting":
                        return self
                    time.sleep(0.1)
                break
            if self.proc.poll() is not None:
                raise RuntimeError(out)
            time.sleep(0.1)
        raise RuntimeError("host did not start")

    def kill(self) -> None:
        """Like a crash or a pulled plug: no clean shutdown."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    def control(self, action: str, **kw) -> dict:
        req = urllib.request.Request(f"{self.base}/api/control", data=json.dumps({"action": action, **kw}).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.loads(r.read())

    def dashboard(self) -> dict:
        req = urllib.request.Request(f"{self.base}/api/dashboard?names=1", headers={"X-Trainer-Key": self.key})
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.loads(r.read())
