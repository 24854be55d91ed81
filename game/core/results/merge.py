"""Many files into one: combine in memory (report, export) or merge into a file (`results merge`).

Rows are identified by their ids, so reading the same row from two copies of a file,
or merging the same folder twice, never counts it twice.
"""

from __future__ import annotations

import json
from pathlib import Path

from .dbfile import (
    INSERT_DECISION,
    UPSERT_SESSION,
    decision_params,
    open_for_writing,
    session_params,
    write,
)
from .reader import ResultsData


def combine(datas: list[ResultsData]) -> ResultsData:
    """One data set with duplicates removed (by session id and decision id), as merging would leave it."""
    sessions: dict[str, dict] = {}
    decisions: dict[str, dict] = {}
    for data in datas:
        for s in data.sessions:  # the same rules as the file's UPSERT_SESSION and INSERT_DECISION
            old = sessions.get(s["id"])
            if old is not None:
                starts = [t for t in (s["started_at"], old["started_at"]) if t]
                s = {k: (s[k] if s[k] is not None else old[k]) for k in s}
                s["started_at"] = min(starts) if starts else None
            sessions[s["id"]] = s
        for d in data.decisions:
            old = decisions.get(d["id"])
            if old is None or (d["recorded_at"] or "") > (old["recorded_at"] or ""):
                decisions[d["id"]] = d
    out = ResultsData(Path("combined"))
    out.sessions = sorted(sessions.values(), key=lambda s: (s["started_at"] or "", s["id"]))
    out.decisions = sorted(decisions.values(), key=lambda d: (d["session_id"], d["idx"] or 0))
    return out


def merge_into(out_path: Path, datas: list[ResultsData]) -> tuple[int, int]:
    """Add sessions and decisions to a merged file. Idempotent. Returns (new sessions, new decisions)."""
    conn = open_for_writing(out_path)
    try:
        before = _counts(conn)
        ops = []
        for data in datas:
            ops += [(UPSERT_SESSION, session_params(s)) for s in data.sessions]
            for d in data.decisions:
                row = dict(d, flags=json.dumps(d["flags"]), flags_shown=json.dumps(d["flags_shown"]),
                           votes=json.dumps(d["votes"]) if d["votes"] else None,
                           timed_out=int(d["timed_out"]), help=int(d["help"]),
                           genuine=int(d["genuine"]))
                ops.append((INSERT_DECISION, decision_params(row)))
        write(conn, ops)
        after = _counts(conn)
    finally:
        conn.close()
    return after[0] - before[0], after[1] - before[1]


def _counts(conn) -> tuple[int, int]:
    return (conn.execute("SELECT count(*) FROM sessions").fetchone()[0],
            conn.execute("SELECT count(*) FROM decisions").fetchone()[0])
