"""The results file format: tables, the marks that say "Lá Chắn results", opening for writing.

One SQLite file, two tables (sessions, decisions) and a small meta table. Rows are
keyed by ids made where the row is born (a random session id, `session:index` for a
decision), so the same row read from two copies of a file is one row, and merging or
replaying rows is always safe.
"""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

SCHEMA_VERSION = 1
APPLICATION_ID = 0x4C434852  # "LCHR": marks a file as Lá Chắn results (PRAGMA application_id)
MODES = ("play", "classroom", "quiz")

SESSION_COLS = ("id", "machine", "nickname", "class_code", "scenario_id", "scenario_version",
                "mode", "phase", "started_at", "finished_at", "ending_id", "outcome", "score",
                "possible")
DECISION_COLS = ("id", "session_id", "machine", "nickname", "class_code", "scenario_id",
                 "scenario_version", "mode", "phase", "idx", "step", "choice", "safety", "score",
                 "best", "time_taken", "timed_out", "help", "flags", "flags_shown", "votes",
                 "recorded_at", "genuine")

# What SQLite may hold in each column of a row the report can use: SQLite keeps any value in any
# column, so a damaged or hand-edited file can have text where a score should be.
_TYPES = {"integer": "'integer', 'null'", "real": "'integer', 'real', 'null'", "text": "'text', 'null'"}
_REQUIRED_TEXT = ("id", "session_id", "scenario_id")


def _well_typed(cols: tuple, types: dict) -> str:
    parts = []
    for c in cols:
        allowed = "'text'" if c in _REQUIRED_TEXT else _TYPES[types.get(c, "text")]
        parts.append(f"typeof({c}) IN ({allowed})")
    return " AND ".join(parts)


SESSION_TYPES = {"scenario_version": "integer", "score": "integer", "possible": "integer"}
DECISION_TYPES = {"scenario_version": "integer", "idx": "integer", "score": "integer", "best": "integer",
                  "time_taken": "real", "timed_out": "integer", "help": "integer", "genuine": "integer"}
SESSION_OK = _well_typed(SESSION_COLS, SESSION_TYPES)
DECISION_OK = _well_typed(DECISION_COLS, DECISION_TYPES)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY, machine TEXT, nickname TEXT, class_code TEXT,
    scenario_id TEXT NOT NULL, scenario_version INTEGER, mode TEXT, phase TEXT,
    started_at TEXT, finished_at TEXT, ending_id TEXT, outcome TEXT,
    score INTEGER, possible INTEGER);
CREATE TABLE IF NOT EXISTS decisions (
    id TEXT PRIMARY KEY, session_id TEXT NOT NULL, machine TEXT, nickname TEXT,
    class_code TEXT, scenario_id TEXT NOT NULL, scenario_version INTEGER, mode TEXT,
    phase TEXT, idx INTEGER, step TEXT, choice TEXT, safety TEXT, score INTEGER,
    best INTEGER, time_taken REAL, timed_out INTEGER, help INTEGER, flags TEXT,
    flags_shown TEXT, votes TEXT, recorded_at TEXT, genuine INTEGER);
CREATE INDEX IF NOT EXISTS decisions_session ON decisions(session_id);
"""

# Updating a session keeps what is known (a later write never blanks a field) and the
# earliest start (a resumed run keeps the time it began).
UPSERT_SESSION = (
    f"INSERT INTO sessions ({', '.join(SESSION_COLS)}) VALUES ({', '.join('?' * len(SESSION_COLS))}) "
    "ON CONFLICT(id) DO UPDATE SET "
    + ", ".join(f"{c} = COALESCE(excluded.{c}, sessions.{c})" for c in SESSION_COLS[1:] if c != "started_at")
    + ", started_at = min(COALESCE(excluded.started_at, sessions.started_at), "
    "COALESCE(sessions.started_at, excluded.started_at))"
)
# The same decision read again (a merge repeated, a replay) changes nothing; a decision
# made again at the same place (a run resumed from just before it) replaces it: the
# later recording is the one the session's score counts.
INSERT_DECISION = (
    f"INSERT INTO decisions ({', '.join(DECISION_COLS)}) "
    f"VALUES ({', '.join('?' * len(DECISION_COLS))}) "
    "ON CONFLICT(id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in DECISION_COLS[1:])
    + " WHERE excluded.recorded_at > decisions.recorded_at"
)
# Filling in decisions replayed on resume: only those missing.
FILL_DECISION = (
    f"INSERT OR IGNORE INTO decisions ({', '.join(DECISION_COLS)}) "
    f"VALUES ({', '.join('?' * len(DECISION_COLS))})"
)


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class NotOurs(Exception):
    """A file we must not write into: foreign or from a newer version."""


def open_for_writing(path: Path, *, exclusive: bool = False) -> sqlite3.Connection:
    """Open (creating if needed) a results file for writing; raises sqlite3.Error/OSError/NotOurs.

    exclusive=True keeps the file locked while open: the way to write on network folders
    whose byte-range locks do not work (then nobody else can read it while the game runs).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=2.0, isolation_level=None)
    try:
        if exclusive:
            conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables and app_id != APPLICATION_ID:
            raise NotOurs(f"{path.name} is not a Lá Chắn results file")
        if version > SCHEMA_VERSION:
            raise NotOurs(f"{path.name} was written by a newer version")
        # A rollback journal, not WAL: when a commit returns, the .db file alone holds every
        # committed row, so a trainer can copy just that file after a crash. With WAL the rows
        # sit in the -wal until a checkpoint, and even checkpointing after every commit leaves
        # a window (a kill during the checkpoint) where the .db is whole only with its -wal.
        # Here the only such moment is the few writes that put a commit's pages into the
        # file; a kill then leaves a hot -journal that rolls the file back to the last commit
        # (the game does it on its next start; the reader on its own copy). Switching also
        # folds the -wal of a file written by an older version back into the .db.
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise sqlite3.OperationalError(f"journal mode stays {mode}")
        conn.execute("PRAGMA synchronous=FULL")  # each commit is on disk before the next row
        conn.execute("BEGIN IMMEDIATE")
        for stmt in SCHEMA.strip().split(";"):
            if stmt.strip():
                conn.execute(stmt)
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        conn.execute("INSERT OR IGNORE INTO meta VALUES ('created', ?)", (now_iso(),))
        conn.execute("COMMIT")
    except BaseException:
        conn.close()
        raise
    return conn


def write(conn: sqlite3.Connection, ops: list[tuple[str, tuple]]) -> None:
    """Run statements as one transaction: all of them are on disk, or none."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for sql, params in ops:
            conn.execute(sql, params)
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise


def session_params(s: dict) -> tuple:
    return tuple(s.get(c) for c in SESSION_COLS)


def decision_params(d: dict) -> tuple:
    return tuple(d.get(c) for c in DECISION_COLS)
