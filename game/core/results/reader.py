"""Reading results files for the report, export and merge, naming why a bad file is bad.

A collected file is never modified: a consistent copy is made in a temporary folder
(through SQLite, or with its companion files) and read there, so a read-only USB stick
works too, and so does a file a running game is still writing.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import sqlite3
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..nickname import clean_class_code, clean_nickname
from .dbfile import (
    APPLICATION_ID,
    DECISION_COLS,
    DECISION_OK,
    SCHEMA_VERSION,
    SESSION_COLS,
    SESSION_OK,
)
from .walsalvage import rebuild

PROBLEMS = {
    # code -> (en, vi)
    "missing": ("file not found", "không tìm thấy tệp"),
    "empty": ("the file is empty", "tệp rỗng"),
    "truncated": ("the file is truncated (copied only in part?)", "tệp bị cắt cụt (chép chưa hết?)"),
    "not_sqlite": ("not a results file (not an SQLite database)", "không phải tệp kết quả (không phải cơ sở dữ liệu SQLite)"),
    "corrupt": ("the database is damaged", "cơ sở dữ liệu bị hỏng"),
    "foreign": ("an SQLite file, but not Lá Chắn results", "tệp SQLite nhưng không phải kết quả Lá Chắn"),
    "newer": ("written by a newer version of Lá Chắn (results format {found}; this version reads up to {reads}): "
              "update the game to read it",
              "được ghi bởi phiên bản Lá Chắn mới hơn (định dạng kết quả {found}; phiên bản này chỉ đọc đến {reads}): "
              "hãy cập nhật trò chơi để đọc"),
    "unreadable": ("cannot be read", "không đọc được"),
    "wal_missing": ("written by an older version, which kept the latest results in a -wal file that was not "
                    "copied: copy it too, or start and close the game once on that machine and copy the .db again",
                    "do phiên bản cũ ghi, kết quả mới nhất nằm trong tệp -wal chưa được chép: hãy chép cả tệp đó, "
                    "hoặc mở rồi đóng trò chơi một lần trên máy đó và chép lại tệp .db"),
    "orphan": ("a file SQLite keeps beside a database, but the database itself is missing and this file "
               "does not hold all of it: copy the .db file (it holds the results)",
               "tệp phụ SQLite để cạnh cơ sở dữ liệu, nhưng thiếu chính cơ sở dữ liệu và tệp này không chứa "
               "đủ: hãy chép tệp .db (tệp chứa kết quả)"),
}


NOT_A_FILE = "not a regular file"  # the detail for a folder, a pipe or a device


class ResultsFileError(Exception):
    def __init__(self, path: Path, code: str, detail: str = "", errno: int | None = None, **values):
        super().__init__(f"{path}: {code}")
        self.path = Path(path)
        self.code = code
        self.detail = detail  # SQLite's or the system's own text (English), or a name
        self.errno = errno  # the system's error number when it refused: tools name it in their own words
        self.values = values  # numbers the problem's own words hold ("newer": found, reads)

    def message(self, lang: str = "en") -> str:
        en, vi = PROBLEMS.get(self.code, PROBLEMS["unreadable"])
        text = vi if lang == "vi" else en
        if self.values:
            text = text.format(**self.values)
        return f"{self.path.name}: {text}" + (f" ({self.detail})" if self.detail else "")


@dataclass
class ResultsData:
    path: Path
    sessions: list[dict] = field(default_factory=list)
    decisions: list[dict] = field(default_factory=list)
    # (table, row id) of rows left out because a value has the wrong type (a damaged file)
    mistyped: list[tuple[str, str]] = field(default_factory=list)


COMPANIONS = ("-wal", "-shm", "-journal")  # files SQLite keeps beside a database while it works


def _head(path: Path) -> tuple[bytes, int]:
    """The first 100 bytes and the size; refuses only what is certainly not a database."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # a FIFO would block the open forever; a folder is no file
            raise ResultsFileError(path, "unreadable", NOT_A_FILE, errno.EISDIR if stat.S_ISDIR(st.st_mode) else None)
        size = st.st_size
        with path.open("rb") as fh:
            head = fh.read(100)
    except FileNotFoundError:
        raise ResultsFileError(path, "missing") from None
    except OSError as exc:
        raise ResultsFileError(path, "unreadable", exc.strerror or "", exc.errno) from None
    if size == 0:
        raise ResultsFileError(path, "empty")
    if not head.startswith(b"SQLite format 3\x00"):
        raise ResultsFileError(path, "not_sqlite")
    if len(head) < 100:
        raise ResultsFileError(path, "truncated")
    return head, size


def _shorter_than_header(head: bytes, size: int) -> bool:
    """The header's page count (when SQLite would trust it) says the file should be longer.

    Only used to name why SQLite could not read a file: a file that is longer, or not a
    whole number of pages (a disk that filled up while the file grew), can still be fine.
    """
    page = int.from_bytes(head[16:18], "big")
    page = 65536 if page == 1 else page
    pages = int.from_bytes(head[28:32], "big")
    count_valid = head[24:28] == head[92:96]
    return count_valid and pages > 0 and size < pages * page


def file_uri(path: Path) -> str:
    """A `file:` URI for SQLite from the name's bytes: a name that is not UTF-8 (a FAT stick
    mounted with the wrong charset) has no text form, and `Path.as_uri` would raise."""
    from urllib.parse import quote

    return "file:" + quote(os.fsencode(path.resolve()))


def _snapshot(path: Path, head: bytes, tmp: list) -> sqlite3.Connection:
    """A connection to a consistent copy of the database; nothing beside `path` is modified.

    A file in rollback-journal mode (what the game writes) is copied into memory through
    SQLite's backup, from a read-only connection: it waits for a game that is writing it
    right now and sees only committed rows. Otherwise (a WAL file from an older version, a
    hot journal left by a kill, locks that do not work), the bytes are copied to a
    temporary folder together with the -wal or -journal beside them, and SQLite recovers
    the copy there. `tmp` receives that folder, for the caller to remove.
    """
    if head[18] != 2:
        try:
            src = sqlite3.connect(file_uri(path) + "?mode=ro", uri=True, timeout=2.0)
            try:
                mem = sqlite3.connect(":memory:", isolation_level=None)
                src.backup(mem)
                return mem
            finally:
                src.close()
        except sqlite3.Error:
            pass
    folder = tempfile.TemporaryDirectory(prefix="la-chan-read-")
    tmp.append(folder)
    copy = Path(folder.name) / "r.db"
    try:
        shutil.copyfile(path, copy)
        for suffix in ("-wal", "-journal"):
            companion = path.with_name(path.name + suffix)
            if companion.is_file():
                shutil.copyfile(companion, copy.with_name(copy.name + suffix))
    except OSError as exc:
        raise ResultsFileError(path, "unreadable", exc.strerror or "", exc.errno) from None
    return sqlite3.connect(str(copy), isolation_level=None)


def read_results(path: Path | str) -> ResultsData:
    """Read every session and decision from one results file (or merged file).

    The file is judged by what SQLite can read from it (`PRAGMA quick_check` on a
    consistent copy, in memory or in a temporary folder), so collected files are never
    modified, a read-only USB stick works, and a file still open by a running game can be
    read. A -wal file without its database is read when it holds the whole database.
    Raises ResultsFileError with a named reason.
    """
    path = Path(path)
    for suffix in COMPANIONS:
        if path.name.endswith(".db" + suffix):
            db = path.with_name(path.name[: -len(suffix)])
            if db.is_file():
                return read_results(db)
            if suffix == "-wal":
                got = _read_wal_alone(path)
                if got is not None:
                    return got
            raise ResultsFileError(path, "orphan", db.name)
    head, size = _head(path)
    return _checked(path, head, size, lambda tmp: _snapshot(path, head, tmp))


def _read_wal_alone(wal: Path) -> ResultsData | None:
    with tempfile.TemporaryDirectory(prefix="la-chan-wal-") as folder:
        db = Path(folder) / "r.db"
        if not rebuild(wal, db):
            return None
        head = db.read_bytes()[:100]
        try:
            return _checked(wal, head, db.stat().st_size, lambda tmp: sqlite3.connect(str(db), isolation_level=None))
        except ResultsFileError:
            return None


def _checked(path: Path, head: bytes, size: int, connect) -> ResultsData:
    """Open with `connect(tmp)`, check what SQLite reads, and read the rows, or name the problem."""
    tmp: list = []
    conn = None
    try:
        conn = connect(tmp)
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise ResultsFileError(path, "truncated" if _shorter_than_header(head, size) else "corrupt",
                                   str(check)[:80])
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise _foreign(path, head)
        if version > SCHEMA_VERSION:
            raise ResultsFileError(path, "newer", found=version, reads=SCHEMA_VERSION)
        for table, cols in (("sessions", SESSION_COLS), ("decisions", DECISION_COLS)):
            have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
            if not have.issuperset(cols):
                raise _foreign(path, head, f"{table}: {', '.join(sorted(set(cols) - have))}"[:80])
        return _rows(path, conn)
    except ResultsFileError:
        raise
    except sqlite3.DatabaseError as exc:
        if _shorter_than_header(head, size):
            code = "truncated"
        else:  # by SQLite's error code, not its wording
            code = "not_sqlite" if getattr(exc, "sqlite_errorname", "") == "SQLITE_NOTADB" else "corrupt"
        raise ResultsFileError(path, code, str(exc)[:80]) from None
    finally:
        if conn is not None:
            conn.close()
        for folder in tmp:
            folder.cleanup()


def _foreign(path: Path, head: bytes, detail: str = "") -> ResultsFileError:
    """Not our tables; but a WAL-mode file copied without its -wal is most likely ours, from
    an older version that kept the rows in the -wal: say that, and what to do."""
    wal = path.with_name(path.name + "-wal")
    if head[18] == 2 and not wal.exists():
        return ResultsFileError(path, "wal_missing", wal.name)
    return ResultsFileError(path, "foreign", detail)


def _rows(path: Path, conn: sqlite3.Connection) -> ResultsData:
    data = ResultsData(path)
    conn.row_factory = sqlite3.Row
    who = _Who()
    data.mistyped = mistyped(conn)
    data.sessions = [who(dict(r)) for r in conn.execute(
        f"SELECT {', '.join(SESSION_COLS)} FROM sessions WHERE {SESSION_OK} ORDER BY started_at, id")]
    # NOT INDEXED: read the table itself, whatever state an index was left in.
    for r in conn.execute(f"SELECT {', '.join(DECISION_COLS)} FROM decisions NOT INDEXED "
                          f"WHERE {DECISION_OK} ORDER BY session_id, idx"):
        d = who(dict(r))
        d["flags"] = _json_list(d["flags"])
        d["flags_shown"] = _json_list(d["flags_shown"])
        d["votes"] = json_dict(d["votes"])
        d["timed_out"] = bool(d["timed_out"])
        d["help"] = bool(d["help"])
        d["genuine"] = bool(d["genuine"])
        data.decisions.append(d)
    return data


def mistyped(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(table, id) of every row holding a value of the wrong type, which the readers leave out."""
    out = []
    for table, ok in (("sessions", SESSION_OK), ("decisions", DECISION_OK)):
        out += [(table, str(r[0])) for r in conn.execute(f"SELECT id FROM {table} NOT INDEXED WHERE NOT ({ok})")]
    return out


class _Who:
    """Nicknames and class codes within the game's one limit, whoever wrote the file
    (cleaned once per distinct value: a file repeats the same few on every row)."""

    def __init__(self):
        self.seen: dict = {}

    def __call__(self, row: dict) -> dict:
        key = (row["nickname"], row["class_code"])
        got = self.seen.get(key)
        if got is None:
            got = self.seen[key] = (clean_nickname(key[0]), clean_class_code(key[1]))
        row["nickname"], row["class_code"] = got
        return row


def _json_list(raw) -> list:
    try:
        v = json.loads(raw) if raw else []
    except ValueError:
        return []
    return [str(x) for x in v] if isinstance(v, list) else []


def json_dict(raw) -> dict | None:
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
    """Expand folders into their `*.db` files (sorted); files are kept as given.

    A -wal, -shm or -journal file whose database is not there is listed too, so that
    reading it names the missing database instead of passing over it in silence.
    """
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            # a `.db` that is not a regular file (a dangling link, a FIFO, a folder) is listed, to be named
            out += sorted(q for q in p.rglob("*")
                          if q.suffix == ".db" and not q.is_dir() or q.is_file() and _orphan(q)
                          or q.suffix == ".db" and q.is_dir() and q.name.startswith("results-"))
        else:
            out.append(p)
    seen, unique = set(), []
    for p in out:
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _orphan(path: Path) -> bool:
    for suffix in COMPANIONS:
        if path.name.endswith(".db" + suffix):
            return not path.with_name(path.name[: -len(suffix)]).exists()
    return False


def load_many(paths) -> tuple[list[ResultsData], list[ResultsFileError]]:
    """Read every file; a bad file is reported and the others still load."""
    good, bad = [], []
    for p in find_result_files(paths):
        try:
            good.append(read_results(p))
        except ResultsFileError as exc:
            bad.append(exc)
    return good, bad
