"""Reading results files for the report, export and merge, naming why a bad file is bad.

A collected file is never modified: it is copied (with its companions) to a temporary
folder and read there, so a read-only USB stick works too.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .dbfile import APPLICATION_ID, DECISION_COLS, SCHEMA_VERSION, SESSION_COLS

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
