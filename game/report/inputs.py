"""Reading the results a trainer points at, honestly: what was read, what was not, and why.

- `files` counts the results files actually read (not the ones that failed).
- A folder with no results files in it is named (so a wrong folder is noticed at once).
- A problem line starts with the file's path as given (under its folder), not only its
  name: 30 sticks each hold a `results-….db`, and the trainer must find the bad one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.core import results as R

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


def problem_line(exc: R.ResultsFileError, lang: str) -> str:
    """Why a file could not be read, in the tool's language, led by the file's whole path (as
    given, under its folder) rather than its name. The detail is SQLite's or the system's own."""
    code = exc.code if f"problem_{exc.code}" in S else "unreadable"
    return f"{exc.path}: {t(lang, f'problem_{code}')}" + (f" ({exc.detail})" if exc.detail else "")


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
