"""Class results: one SQLite file per machine, one row per decision, committed when made.

Each machine writes only its own file (`results-<machine id>.db`), so no two machines
ever share a database over a network folder; a trainer collects the files and merges
them (`results merge`) or reports on them directly (`report`).

Durability: the game's frame only queues a row; one writer thread commits each row
at once, in WAL mode with synchronous=FULL. A kill or a power cut loses at most the
row still in flight and never corrupts earlier data; a slow USB stick or network
folder never stalls the game. Sessions are checkpointed when they finish and the file
is folded into one `.db` on close, so copying just the `.db` file is enough.

If the results folder cannot be written (USB stick pulled, read-only share), rows go
to a pending file in the local user data folder, `warning` is set for the UI, and the
pending rows are copied over once the folder is writable again.

Stored per decision: session id, nickname, class code, scenario id and version, mode
(play/classroom/quiz), quiz phase, step, choice, safety, score, best, time taken,
timed out, flags responded to, flags shown, whether the step was about a real (genuine)
message, classroom votes. Nothing else personal:
the machine id is a random token, not a host name.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import queue
import shutil
import sqlite3
import tempfile
import threading
import time
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .playerfiles import machine_ids_problem as _machine_ids_problem
from .playerfiles import trainer_problem
from .recording import NullRecorder
from .storage import atomic_write_json, read_player_json, user_data_dir

SCHEMA_VERSION = 1
APPLICATION_ID = 0x4C434852  # "LCHR": marks a file as Lá Chắn results (PRAGMA application_id)
MODES = ("play", "classroom", "quiz")
MAX_NICK = 40
RETRY_SECONDS = 15.0

SESSION_COLS = ("id", "machine", "nickname", "class_code", "scenario_id", "scenario_version",
                "mode", "phase", "started_at", "finished_at", "ending_id", "outcome", "score",
                "possible")
DECISION_COLS = ("id", "session_id", "machine", "nickname", "class_code", "scenario_id",
                 "scenario_version", "mode", "phase", "idx", "step", "choice", "safety", "score",
                 "best", "time_taken", "timed_out", "help", "flags", "flags_shown", "votes",
                 "recorded_at", "genuine")

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

UPSERT_SESSION = (
    f"INSERT INTO sessions ({', '.join(SESSION_COLS)}) VALUES ({', '.join('?' * len(SESSION_COLS))}) "
    "ON CONFLICT(id) DO UPDATE SET "
    + ", ".join(f"{c} = COALESCE(excluded.{c}, sessions.{c})" for c in SESSION_COLS[1:])
)
INSERT_DECISION = (
    f"INSERT OR IGNORE INTO decisions ({', '.join(DECISION_COLS)}) "
    f"VALUES ({', '.join('?' * len(DECISION_COLS))})"
)

WARN_FALLBACK = "The results folder cannot be written. Results are kept on this computer until it can."
WARN_LOST = "Results cannot be saved on this computer. Tell your teacher."


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def clean_nickname(raw: str) -> str:
    """NFC, no control characters, trimmed, at most MAX_NICK characters. Escaping is the report's job."""
    text = unicodedata.normalize("NFC", str(raw or ""))
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return " ".join(text.split())[:MAX_NICK]


def _host_key() -> str:
    """A one-way tag of the computer, so a user data folder shared by many lab machines
    (roaming profiles) still gives each machine its own id and file. Never stored in results."""
    import hashlib
    import platform

    return hashlib.sha256(f"{platform.node()}|{uuid.getnode()}".encode()).hexdigest()[:16]


def machine_id(data_dir: Path | None = None) -> str:
    """A random, stable id for this computer and user data folder (not derived from anything personal)."""
    path = Path(data_dir or user_data_dir()) / "machine-id.json"
    got = read_player_json(path, {}, "machine_id", _machine_ids_problem)
    ids = got.get("machines") if isinstance(got, dict) and isinstance(got.get("machines"), dict) else {}
    host = _host_key()
    mid = ids.get(host)
    if isinstance(mid, str) and mid.isalnum() and 6 <= len(mid) <= 32:
        return mid
    mid = uuid.uuid4().hex[:12]
    ids[host] = mid
    with contextlib.suppress(OSError):
        atomic_write_json(path, {"machines": ids})
    return mid


def default_results_dir() -> Path:
    return user_data_dir() / "results"


# -- opening a file for writing ------------------------------------------------


class NotOurs(Exception):
    """A file we must not write into: foreign or from a newer version."""


def open_for_writing(path: Path, *, exclusive: bool = False) -> sqlite3.Connection:
    """Open (creating if needed) a results file for writing; raises sqlite3.Error/OSError/NotOurs.

    exclusive=True keeps the file locked while open, which lets WAL work without its
    shared-memory file: the way to write on network folders that cannot map one.
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
        with contextlib.suppress(sqlite3.Error):  # WAL may be refused on some network folders
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")  # each commit is on disk before the next row
        # Checkpoints happen when a session finishes and when the store opens and closes
        # (all on the writer thread), not at arbitrary moments.
        conn.execute("PRAGMA wal_autocheckpoint=0")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
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


def _write(conn: sqlite3.Connection, ops: list[tuple[str, tuple]]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        for sql, params in ops:
            conn.execute(sql, params)
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise


def _session_params(s: dict) -> tuple:
    return tuple(s.get(c) for c in SESSION_COLS)


def _decision_params(d: dict) -> tuple:
    return tuple(d.get(c) for c in DECISION_COLS)


# -- the recorder --------------------------------------------------------------


class ResultsStore(NullRecorder):
    """The SQLite recorder. Never raises from the recorder methods: problems go to `warning`.

    The recorder methods only queue the row (microseconds, so the frame never waits for
    the disk); one writer thread owns every connection and commits each row at once with
    synchronous=FULL. So a kill or a power cut loses at most the row still in flight,
    and a slow USB stick or network folder never stalls the game.
    """

    def __init__(self, results_dir: Path | str | None = None, *, data_dir: Path | None = None,
                 machine: str | None = None, clock=time.monotonic, connect_wait: float = 5.0):
        self.local_dir = Path(data_dir or user_data_dir()) / "results"
        self.results_dir = Path(results_dir) if results_dir else self.local_dir
        self.machine = machine or machine_id(data_dir)
        self.path = self.results_dir / f"results-{self.machine}.db"
        self.pending_path = self.local_dir / f"pending-{self.machine}.db"
        self.warning: str | None = None
        self._clock = clock
        self._conn: sqlite3.Connection | None = None  # owned by the writer thread
        self._pending: sqlite3.Connection | None = None  # owned by the writer thread
        self._memory: list[tuple[str, tuple]] = []  # last resort when nothing is writable
        self._sessions: dict[str, dict] = {}
        self._last_try = -1e9
        self._queue: queue.Queue = queue.Queue()
        self._closed = False
        self._writer = threading.Thread(target=self._run, name="results-writer", daemon=True)
        self._writer.start()
        self._queue.put(("connect", None))
        self.flush(connect_wait)  # so the first screen already knows whether the folder works
        atexit.register(self.close)

    # -- the writer thread ------------------------------------------------------

    def _run(self) -> None:
        while True:
            kind, payload = self._queue.get()
            try:
                if kind == "connect":
                    if not self._connect():
                        self.warning = WARN_FALLBACK
                elif kind == "ops":
                    self._save(payload)
                elif kind == "checkpoint":
                    if self._conn is not None:
                        with contextlib.suppress(sqlite3.Error):
                            self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
                elif kind == "call":  # tests: run something where the connections live
                    payload(self)
                elif kind == "stop":
                    self._shutdown()
                    return
            except Exception:  # noqa: BLE001 — never let the writer die; keep the rows in memory
                if kind == "ops":
                    self._memory.extend(payload)
                self.warning = WARN_LOST
            finally:
                self._queue.task_done()

    def _connect(self) -> bool:
        """Try the results folder; on success copy over anything pending. Returns True when connected."""
        self._last_try = self._clock()
        self._conn = None
        for exclusive in (False, True):  # exclusive: for network folders without shared memory
            try:
                self._conn = open_for_writing(self.path, exclusive=exclusive)
                break
            except NotOurs:
                return False
            except (sqlite3.Error, OSError):
                continue
        if self._conn is None:
            return False
        try:
            self._flush_pending()
        except (sqlite3.Error, OSError, NotOurs):
            self._drop_conn()
            return False
        return True

    def _drop_conn(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
        self._conn = None

    def _flush_pending(self) -> None:
        ops = list(self._memory)
        if self.pending_path != self.path and self.pending_path.exists():
            src = self._pending or open_for_writing(self.pending_path)
            self._pending = src
            ops += [(UPSERT_SESSION, tuple(r)) for r in src.execute(
                f"SELECT {', '.join(SESSION_COLS)} FROM sessions")]
            ops += [(INSERT_DECISION, tuple(r)) for r in src.execute(
                f"SELECT {', '.join(DECISION_COLS)} FROM decisions")]
        if not ops:
            self.warning = None
            return
        _write(self._conn, ops)  # sessions are upserts, decisions INSERT OR IGNORE: replay is safe
        self._memory.clear()
        if self._pending is not None:
            _write(self._pending, [("DELETE FROM decisions", ()), ("DELETE FROM sessions", ())])
        self.warning = None

    def _save(self, ops: list[tuple[str, tuple]]) -> None:
        if self._conn is None and self._clock() - self._last_try >= RETRY_SECONDS:
            self._connect()
        if self._conn is not None:
            try:
                _write(self._conn, ops)
                return
            except (sqlite3.Error, OSError):
                self._drop_conn()
                self._last_try = self._clock()
        self._save_pending(ops)

    def _save_pending(self, ops) -> None:
        if self.pending_path != self.path:
            try:
                if self._pending is None:
                    self._pending = open_for_writing(self.pending_path)
                _write(self._pending, ops)
                self.warning = WARN_FALLBACK
                return
            except (sqlite3.Error, OSError, NotOurs):
                with contextlib.suppress(sqlite3.Error, AttributeError):
                    self._pending.close()
                self._pending = None
        self._memory.extend(ops)
        self.warning = WARN_LOST

    def _shutdown(self) -> None:
        if self._memory and self._conn is None:
            self._connect()  # one last chance to place rows kept in memory
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._drop_conn()
        if self._pending is not None:
            with contextlib.suppress(sqlite3.Error):
                self._pending.close()
            self._pending = None

    def _enqueue(self, ops) -> None:
        if not self._closed:
            self._queue.put(("ops", ops))

    # -- the recorder interface (called from the game's frame) --------------------

    def start_session(self, *, nickname: str, class_code: str, scenario_id: str,
                      scenario_version: int, mode: str = "play", phase: str = "") -> str:
        sid = uuid.uuid4().hex
        s = {
            "id": sid, "machine": self.machine, "nickname": clean_nickname(nickname),
            "class_code": clean_nickname(class_code), "scenario_id": str(scenario_id),
            "scenario_version": int(scenario_version or 0),
            "mode": mode if mode in MODES else "play", "phase": phase or "",
            "started_at": now_iso(),
        }
        self._sessions[sid] = s
        self._enqueue([(UPSERT_SESSION, _session_params(s))])
        return sid

    def record_decision(self, session_id: str, decision, *, votes: dict | None = None) -> None:
        s = self._sessions.get(session_id)
        if s is None:
            return
        d = decision
        row = {
            "id": f"{session_id}:{d.index}", "session_id": session_id, "idx": d.index,
            **{k: s[k] for k in ("machine", "nickname", "class_code", "scenario_id",
                                 "scenario_version", "mode", "phase")},
            "step": d.step, "choice": d.choice, "safety": d.safety, "score": int(d.score),
            "best": int(d.best), "time_taken": float(d.time_taken), "timed_out": int(bool(d.timed_out)),
            "help": int(bool(d.help)), "flags": json.dumps(list(d.flags)),
            "flags_shown": json.dumps(list(d.flags_shown)),
            "votes": json.dumps({str(k): int(v) for k, v in votes.items()}) if votes else None,
            "recorded_at": now_iso(),
            "genuine": int(bool(getattr(d, "genuine", False))),
        }
        self._enqueue([(INSERT_DECISION, _decision_params(row))])

    def finish_session(self, session_id: str, *, ending_id: str, outcome: str, score: int,
                       possible: int) -> None:
        s = self._sessions.get(session_id)
        if s is None:
            return
        s.update(finished_at=now_iso(), ending_id=ending_id, outcome=outcome, score=int(score),
                 possible=int(possible))
        self._enqueue([(UPSERT_SESSION, _session_params(s))])
        if not self._closed:  # so that copying only the .db file carries everything
            self._queue.put(("checkpoint", None))

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every queued row is written (tests, shutdown). Returns False on timeout."""
        done = threading.Event()

        def wait():
            self._queue.join()
            done.set()

        threading.Thread(target=wait, daemon=True).start()
        return done.wait(timeout)

    def close(self) -> None:
        """Write what is queued and leave a single, complete .db file (WAL folded in)."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(("stop", None))
        self._writer.join(timeout=30)


# -- reading files (report, export, merge) ----------------------------------------

PROBLEMS = {
    # code -> (en, vi)
    "missing": ("file not found", "không tìm thấy tệp"),
    "empty": ("the file is empty", "tệp rỗng"),
    "truncated": ("the file is truncated (copied only in part?)", "tệp bị cắt cụt (chép chưa hết?)"),
    "not_sqlite": ("not a results file (not an SQLite database)", "không phải tệp kết quả (không phải cơ sở dữ liệu SQLite)"),
    "corrupt": ("the database is damaged", "cơ sở dữ liệu bị hỏng"),
    "foreign": ("an SQLite file, but not Lá Chắn results", "tệp SQLite nhưng không phải kết quả Lá Chắn"),
    "newer": ("written by a newer version of Lá Chắn; update the game to read it",
              "được ghi bởi phiên bản Lá Chắn mới hơn; hãy cập nhật trò chơi để đọc"),
    "unreadable": ("cannot be read", "không đọc được"),
}


class ResultsFileError(Exception):
    def __init__(self, path: Path, code: str, detail: str = ""):
        super().__init__(f"{path}: {code}")
        self.path = Path(path)
        self.code = code
        self.detail = detail

    def message(self, lang: str = "en") -> str:
        en, vi = PROBLEMS.get(self.code, PROBLEMS["unreadable"])
        text = vi if lang == "vi" else en
        return f"{self.path.name}: {text}" + (f" ({self.detail})" if self.detail else "")


@dataclass
class ResultsData:
    path: Path
    sessions: list[dict] = field(default_factory=list)
    decisions: list[dict] = field(default_factory=list)


def _check_header(path: Path) -> None:
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(100)
    except FileNotFoundError:
        raise ResultsFileError(path, "missing") from None
    except OSError as exc:
        raise ResultsFileError(path, "unreadable", exc.strerror or "") from None
    if size == 0:
        raise ResultsFileError(path, "empty")
    if not head.startswith(b"SQLite format 3\x00"):
        raise ResultsFileError(path, "not_sqlite")
    if len(head) < 100:
        raise ResultsFileError(path, "truncated")
    page = int.from_bytes(head[16:18], "big")
    page = 65536 if page == 1 else page
    pages = int.from_bytes(head[28:32], "big")
    if page < 512 or size % page:
        raise ResultsFileError(path, "truncated")
    if pages and size < pages * page:
        raise ResultsFileError(path, "truncated")


def read_results(path: Path | str) -> ResultsData:
    """Read every session and decision from one results file (or merged file).

    The file is copied (with its -wal) to a temporary folder first, so collected files
    are never modified, a read-only USB stick works, and un-checkpointed rows are seen.
    Raises ResultsFileError with a named reason.
    """
    path = Path(path)
    _check_header(path)
    with tempfile.TemporaryDirectory(prefix="la-chan-read-") as tmp:
        copy = Path(tmp) / "r.db"
        try:
            shutil.copyfile(path, copy)
            wal = path.with_name(path.name + "-wal")
            if wal.exists():
                shutil.copyfile(wal, copy.with_name("r.db-wal"))
        except OSError as exc:
            raise ResultsFileError(path, "unreadable", exc.strerror or "") from None
        conn = None
        try:
            conn = sqlite3.connect(str(copy), isolation_level=None)
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise ResultsFileError(path, "foreign")
            if version > SCHEMA_VERSION:
                raise ResultsFileError(path, "newer", f"format {version} > {SCHEMA_VERSION}")
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise ResultsFileError(path, "corrupt", str(check)[:80])
            data = ResultsData(path)
            conn.row_factory = sqlite3.Row
            data.sessions = [dict(r) for r in conn.execute(
                f"SELECT {', '.join(SESSION_COLS)} FROM sessions ORDER BY started_at, id")]
            for r in conn.execute(f"SELECT {', '.join(DECISION_COLS)} FROM decisions "
                                  "ORDER BY session_id, idx"):
                d = dict(r)
                d["flags"] = _json_list(d["flags"])
                d["flags_shown"] = _json_list(d["flags_shown"])
                d["votes"] = _json_dict(d["votes"])
                d["timed_out"] = bool(d["timed_out"])
                d["help"] = bool(d["help"])
                d["genuine"] = bool(d["genuine"])
                data.decisions.append(d)
            return data
        except ResultsFileError:
            raise
        except sqlite3.DatabaseError as exc:
            msg = str(exc).lower()
            code = "not_sqlite" if "not a database" in msg else "corrupt"
            if "no such table" in msg or "no such column" in msg:
                code = "foreign"
            raise ResultsFileError(path, code, str(exc)[:80]) from None
        finally:
            if conn is not None:
                conn.close()


def _json_list(raw) -> list:
    try:
        v = json.loads(raw) if raw else []
    except ValueError:
        return []
    return [str(x) for x in v] if isinstance(v, list) else []


def _json_dict(raw) -> dict | None:
    try:
        v = json.loads(raw) if raw else None
    except ValueError:
        return None
    if not isinstance(v, dict):
        return None
    out = {}
    for k, n in v.items():
        with contextlib.suppress(TypeError, ValueError):
            out[str(k)] = max(0, int(n))
    return out


def find_result_files(paths) -> list[Path]:
    """Expand folders into their `*.db` files (sorted); files are kept as given."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out += sorted(q for q in p.rglob("*.db") if q.is_file())
        else:
            out.append(p)
    seen, unique = set(), []
    for p in out:
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def load_many(paths) -> tuple[list[ResultsData], list[ResultsFileError]]:
    """Read every file; a bad file is reported and the others still load."""
    good, bad = [], []
    for p in find_result_files(paths):
        try:
            good.append(read_results(p))
        except ResultsFileError as exc:
            bad.append(exc)
    return good, bad


def combine(datas: list[ResultsData]) -> ResultsData:
    """One data set with duplicates removed (by session id and decision id)."""
    sessions: dict[str, dict] = {}
    decisions: dict[str, dict] = {}
    for data in datas:
        for s in data.sessions:
            old = sessions.get(s["id"])
            sessions[s["id"]] = s if old is None else {k: (s[k] if s[k] is not None else old[k]) for k in s}
        for d in data.decisions:
            decisions.setdefault(d["id"], d)
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
            ops += [(UPSERT_SESSION, _session_params(s)) for s in data.sessions]
            for d in data.decisions:
                row = dict(d, flags=json.dumps(d["flags"]), flags_shown=json.dumps(d["flags_shown"]),
                           votes=json.dumps(d["votes"]) if d["votes"] else None,
                           timed_out=int(d["timed_out"]), help=int(d["help"]),
                           genuine=int(d["genuine"]))
                ops.append((INSERT_DECISION, _decision_params(row)))
        _write(conn, ops)
        after = _counts(conn)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return after[0] - before[0], after[1] - before[1]


def _counts(conn) -> tuple[int, int]:
    return (conn.execute("SELECT count(*) FROM sessions").fetchone()[0],
            conn.execute("SELECT count(*) FROM decisions").fetchone()[0])


def csv_safe(value):
    """A cell a spreadsheet will not run as a formula (nicknames are typed by students)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def student_key(nickname: str | None, class_code: str | None) -> tuple[str, str]:
    """Who a row belongs to: the nickname within a class, case- and spacing-insensitive."""
    return (clean_nickname(class_code or "").casefold(), clean_nickname(nickname or "").casefold())


def pseudonyms(keys) -> dict[tuple[str, str], int]:
    """Number students 1..n in an order that reveals nothing (a hash, not the alphabet)."""
    import hashlib

    ordered = sorted(set(keys), key=lambda k: hashlib.sha256("\x1f".join(k).encode()).hexdigest())
    return {k: i + 1 for i, k in enumerate(ordered)}


# -- the machine's trainer settings ------------------------------------------------

SETTINGS_FILE = "trainer.json"
RESULTS_DIR_ENV = "LA_CHAN_RESULTS_DIR"


def trainer_settings(data_dir: Path | None = None) -> dict:
    """What a trainer set on this machine: {"results_dir": str | None, "quiz": bool}."""
    got = read_player_json(Path(data_dir or user_data_dir()) / SETTINGS_FILE, {}, "trainer", trainer_problem)
    rd = got.get("results_dir")
    return {"results_dir": rd if isinstance(rd, str) and rd.strip() else None,
            "quiz": got.get("quiz") is True}


def save_trainer_settings(data_dir: Path | None = None, **changes) -> dict:
    """Remember settings for the next launches (students just start the game). Never raises."""
    s = trainer_settings(data_dir)
    s.update(changes)
    with contextlib.suppress(OSError):
        atomic_write_json(Path(data_dir or user_data_dir()) / SETTINGS_FILE, s)
    return s


def results_dir_for(flag: str | Path | None, data_dir: Path | None = None) -> Path:
    """The results folder: the --results-dir flag, else $LA_CHAN_RESULTS_DIR, else the saved setting, else local."""
    for choice in (flag, os.environ.get(RESULTS_DIR_ENV), trainer_settings(data_dir)["results_dir"]):
        if choice:
            return Path(choice).expanduser()
    return Path(data_dir or user_data_dir()) / "results"


def make_recorder(flag: str | Path | None = None, data_dir: Path | None = None) -> NullRecorder:
    """The game's recorder; if even creating it fails, a NullRecorder with a warning (play goes on)."""
    try:
        return ResultsStore(results_dir_for(flag, data_dir), data_dir=data_dir)
    except Exception:  # noqa: BLE001 — results must never stop the game from starting
        rec = NullRecorder()
        rec.warning = WARN_LOST
        return rec
