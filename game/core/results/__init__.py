"""Class results: one SQLite file per machine, one row per decision, committed when made.

Each machine writes only its own file (`results-<machine id>.db`), so no two machines
ever share a database over a network folder; a trainer collects the files and merges
them (`results merge`) or reports on them directly (`report`).

Stored per decision: session id, nickname, class code, scenario id and version, mode
(play/classroom/quiz), quiz phase, step, choice, safety, score, best, time taken,
timed out, flags responded to, flags shown, whether the step was about a real (genuine)
message, classroom votes. Nothing else personal: the machine id is a random token, not
a host name.

The parts, one concern each:
- `dbfile`: the file format (tables, marks, opening for writing, one-transaction writes);
- `store`: the recorder the game calls (writer thread, local fallback);
- `reader`: reading collected files, naming why a bad one is bad;
- `walsalvage`: rebuilding a database from a -wal file copied without it;
- `merge`: many files into one, without counting a row twice;
- `identity`: machine id, nicknames as stored, student keys and pseudonyms;
- `settings`: the machine's trainer settings and the game's recorder.

Everything is re-exported here, so `from game.core.results import X` keeps working.
"""

import sqlite3  # noqa: F401 — callers catch `results.sqlite3.Error`

from .dbfile import (
    APPLICATION_ID,
    DECISION_COLS,
    DECISION_OK,
    DECISION_TYPES,
    INSERT_DECISION,
    MODES,
    SCHEMA,
    SCHEMA_VERSION,
    SESSION_COLS,
    SESSION_OK,
    SESSION_TYPES,
    UPSERT_SESSION,
    NotOurs,
    now_iso,
    open_for_writing,
)
from .identity import MAX_NICK, clean_nickname, machine_id, pseudonyms, student_key
from .merge import combine, merge_into
from .reader import (
    PROBLEMS,
    ResultsData,
    ResultsFileError,
    file_uri,
    find_result_files,
    load_many,
    read_results,
)
from .settings import (
    RESULTS_DIR_ENV,
    SETTINGS_FILE,
    make_recorder,
    results_dir_for,
    save_trainer_settings,
    trainer_settings,
)
from .store import (
    RETRY_SECONDS,
    WARN_FALLBACK,
    WARN_LOST,
    WARN_NOWHERE,
    ResultsStore,
    default_results_dir,
)

__all__ = [
    "APPLICATION_ID", "DECISION_COLS", "INSERT_DECISION", "MAX_NICK", "MODES", "PROBLEMS", "RESULTS_DIR_ENV",
    "RETRY_SECONDS", "SCHEMA", "SCHEMA_VERSION", "SESSION_COLS", "SESSION_OK", "DECISION_OK", "SESSION_TYPES", "DECISION_TYPES", "SETTINGS_FILE", "UPSERT_SESSION",
    "WARN_FALLBACK", "WARN_LOST", "WARN_NOWHERE", "NotOurs", "ResultsData", "ResultsFileError", "file_uri", "ResultsStore", "clean_nickname",
    "combine", "default_results_dir", "find_result_files", "load_many", "machine_id", "make_recorder",
    "merge_into", "now_iso", "open_for_writing", "pseudonyms", "read_results", "results_dir_for",
    "save_trainer_settings", "student_key", "trainer_settings",
]
