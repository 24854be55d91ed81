"""Setting up a host: the store, the session (new or resumed), the server. No pygame."""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass
from pathlib import Path

from game.core import results as R

from .netaddr import bind_addresses
from .server import HostServer
from .session import LiveSession
from .store import LiveStore
from .together import Together


@dataclass
class Host:
    session: LiveSession
    store: LiveStore
    server: HostServer
    together: Together
    shown_address: str
    resumed: bool

    @property
    def url(self) -> str:
        port = "" if self.server.port == 80 else f":{self.server.port}"
        return f"http://{self.shown_address}{port}/"

    @property
    def join_url(self) -> str:
        return f"{self.url}?c={self.session.code}"

    def close(self) -> None:
        self.server.stop()
        self.store.close()


def start_host(*, results_dir=None, data_dir=None, bind=None, allow_public=False, port=8765, class_code="",
               fresh=False, require_key=False, taxonomy=None, machine=None, scenarios=None) -> Host:
    folder = R.results_dir_for(results_dir, data_dir)
    machine = machine or R.machine_id(data_dir)
    store = LiveStore(Path(folder) / f"results-{machine}.db", machine=machine)
    snap = None if fresh else store.load_state()
    session = LiveSession.restore(snap) if snap else LiveSession(class_code=class_code)
    if snap:  # the dashboard's lab rows come back from the store too
        with contextlib.suppress(R.ResultsFileError):
            sessions, decisions = store.rows()
            lab_s = [x for x in sessions if x["machine"] != machine]
            lab_d = [x for x in decisions if x["machine"] != machine]
            for m in {x["machine"] for x in lab_s}:
                session.lab_add(m, [x for x in lab_s if x["machine"] == m], [x for x in lab_d if x["machine"] == m])
    addresses, shown = bind_addresses(bind, allow_public)
    server = HostServer(session, store, addresses=addresses, port=port, trust_loopback=not require_key)
    if taxonomy is None:
        from game.core.loader import load_taxonomy

        taxonomy = load_taxonomy()
    together = Together(session, store, taxonomy)
    session.flag_names = {fid: together._flag(fid)["name"] for fid in taxonomy.red_flags}
    if scenarios is None:
        from game.core.loader import load_all

        scenarios = [ld.scenario for ld in load_all(None, taxonomy) if ld.ok]
    session.labels = together.labels(scenarios)
    server.start()
    store.save_snapshot_soon(session.snapshot)
    return Host(session, store, server, together, shown, bool(snap))


def announce(host: Host, out=sys.stdout) -> None:
    """The trainer's terminal (never the projector): the join URL and the trainer key."""
    s = host.session
    print(f"live: {'resumed' if host.resumed else 'new'} session {s.code}", file=out)
    print(f"live: students open {host.join_url}", file=out)
    if host.shown_address.startswith("127."):
        print("live: no local network found: only this laptop can join (connect to the Wi-Fi, or use --bind)",
              file=out)
    print(f"live: dashboard {host.url}dashboard?k={s.key}", file=out)
    print(f"live: trainer key {s.key} (keep it off the projector)", file=out)
    print(f"live: results {host.store.path}", file=out)
    print(f"live: listening on port {host.server.port}", file=out, flush=True)
