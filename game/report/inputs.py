"""Reading the results a trainer points at, honestly: what was read, what was not, and why.

- `files` counts the results files actually read (not the ones that failed).
- A folder with no results files in it is named (so a wrong folder is noticed at once).
- A problem line starts with the file's path as given (under its folder), not only its
  name: 30 sticks each hold a `results-….db`, and the trainer must find the bad one.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from pathlib import Path

from game.core import results as R
from game.core.results.reader import NOT_A_FILE

from . import reader
from .strings import S, t


@dataclass
class Inputs:
    datas: list[R.ResultsData] = field(default_factory=list)
    errors: list[R.ResultsFileError] = field(default_factory=list)
    empty_folders: list[Path] = field(default_factory=list)

    @property
    def files(self) -> int:
        return len(self.datas)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.empty_folders and not any(d.mistyped for d in self.datas)

    def lines(self, lang: str) -> list[str]:
        """Every problem, one line each, in the tool's language: files that could not be read,
        empty folders, and rows left out because a value had the wrong type."""
        return ([problem_line(e, lang) for e in self.errors]
                + [t(lang, "no_results", path=p) for p in self.empty_folders]
                + [line for d in self.datas for line in mistyped_lines(d, lang)])


def mistyped_lines(data: R.ResultsData, lang: str) -> list[str]:
    """Name, per file and table, the rows the reader left out because a value had the wrong type."""
    lines = []
    for table in ("sessions", "decisions"):
        n = sum(1 for tbl, _rid in data.mistyped if tbl == table)
        if n:
            lines.append(t(lang, f"mistyped_{table}", path=data.path, n=n))
    return lines


# Problems SQLite names itself (its text would only repeat our words, in English).
_SQLITE_JUDGED = {"corrupt", "not_sqlite", "truncated"}
# The system's refusals a trainer meets, in the tool's words; the rare rest keep the system's own.
_REASONS = {errno.EACCES: "reason_denied", errno.EPERM: "reason_denied", errno.ENOENT: "reason_missing",
            errno.EISDIR: "reason_folder"}


def problem_line(exc: R.ResultsFileError, lang: str) -> str:
    """Why a file could not be read, in the tool's language, led by the file's whole path (as
    given, under its folder) rather than its name. What SQLite found is said in our words
    only; the system's refusal too when it is a common one (permission denied, a folder, gone),
    else in the system's own words."""
    code = exc.code if f"problem_{exc.code}" in S else "unreadable"
    if exc.code in _SQLITE_JUDGED:
        why = ""
    elif exc.errno in _REASONS:
        why = t(lang, _REASONS[exc.errno])
    elif exc.detail == NOT_A_FILE:
        why = t(lang, "reason_not_file")
    else:
        why = exc.detail
    return f"{exc.path}: {t(lang, f'problem_{code}', **exc.values)}" + (f" ({why})" if why else "")


def read(paths, *, skip: Path | None = None) -> Inputs:
    """Read every results file under `paths`; a bad file or an empty folder is recorded, never fatal."""
    import os

    out = Inputs()
    skip_real = os.path.realpath(skip) if skip is not None else None
    for p in map(Path, paths):
        if p.is_dir() and not any(os.path.realpath(f) != skip_real for f in R.find_result_files([p])):
            out.empty_folders.append(p)
    for f in R.find_result_files(paths):
        if skip_real is not None and os.path.realpath(f) == skip_real:
            continue
        try:
            out.datas.append(reader.read(f))
        except R.ResultsFileError as exc:
            out.errors.append(exc)
    return out
