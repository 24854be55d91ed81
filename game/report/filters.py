"""Pick the rows a report is about: classes (`--class`, repeatable) and a date range (`--since`, `--until`).

One merged file can then serve several classes and lessons. Class codes match as student
keys do (ignoring case and spacing). Dates are whole days in the local time of the computer
making the report (a lesson at 07:30 in Hanoi is stored as 00:30 UTC); a session belongs to
the day it started. A decision whose session row was lost is judged by its own row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from game.core.results import ResultsData, clean_nickname

from .strings import t


def parse_date(text: str) -> date:
    """YYYY-MM-DD (argparse type: a ValueError becomes a usage error naming the text)."""
    return date.fromisoformat(text.strip())


parse_date.__name__ = "date (YYYY-MM-DD)"  # argparse shows this name in its error


def class_key(code: str | None) -> str:
    """`9b`, ` 9B ` and `9 B` are one class: case and every space are ignored."""
    return "".join(clean_nickname(code or "").split()).casefold()


def local_day(stamp: str | None) -> date | None:
    """The local calendar day of a stored UTC time (`2026-03-10T03:00:00Z`), or None."""
    if not stamp:
        return None
    try:
        when = datetime.strptime(stamp[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None
    return when.astimezone().date()


@dataclass(frozen=True)
class Filter:
    classes: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None

    @classmethod
    def of(cls, classes=(), since=None, until=None) -> Filter:
        def as_date(x):
            return parse_date(x) if isinstance(x, str) else x

        return cls(tuple(c for c in (str(c).strip() for c in classes or ()) if c), as_date(since), as_date(until))

    @property
    def active(self) -> bool:
        return bool(self.classes or self.since or self.until)

    def apply(self, data: ResultsData) -> ResultsData:
        if not self.active:
            return data
        wanted = {class_key(c) for c in self.classes}
        cache: dict[str | None, date | None] = {}

        def ok(code, stamp) -> bool:
            if wanted and class_key(code) not in wanted:
                return False
            if self.since or self.until:
                if stamp not in cache:
                    cache[stamp] = local_day(stamp)
                day = cache[stamp]
                if day is None or (self.since and day < self.since) or (self.until and day > self.until):
                    return False
            return True

        out = ResultsData(Path(data.path))
        known = {s["id"] for s in data.sessions}
        out.sessions = [s for s in data.sessions if ok(s["class_code"], s["started_at"])]
        kept = {s["id"] for s in out.sessions}
        out.decisions = [d for d in data.decisions if d["session_id"] in kept
                         or (d["session_id"] not in known and ok(d["class_code"], d["recorded_at"]))]
        return out

    def as_options(self) -> str:
        """The filter as it was typed on the command line: `--class 10C --since 2030-01-01`."""
        out = [f"--class {c}" for c in self.classes]
        out += [f"--since {self.since.isoformat()}"] if self.since else []
        out += [f"--until {self.until.isoformat()}"] if self.until else []
        return " ".join(out)

    def nothing_matched(self, data: ResultsData, lang: str) -> str | None:
        """When the filter leaves out every session the files hold, one line saying so and what
        the files do hold (so a mistyped class code is seen at once); otherwise None."""
        if self.since and self.until and self.since > self.until:
            return t(lang, "filter_reversed", since=self.since.isoformat(), until=self.until.isoformat())
        if not self.active or not data.sessions or self.apply(data).sessions:
            return None
        n = len(data.sessions)  # t() writes it with the reader's thousands separator
        classes: dict[str, str] = {}
        for s in data.sessions:
            classes.setdefault(class_key(s["class_code"]), (s["class_code"] or "").strip())
        names = sorted(classes.values(), key=lambda c: (c.casefold(), c))
        none = t(lang, "filter_no_class")
        shown = ", ".join(c or none for c in names[:12]) + (", …" if len(names) > 12 else "")
        days = sorted(d for d in (local_day(s["started_at"]) for s in data.sessions) if d is not None)
        span = ""
        if days:
            a, b = days[0].isoformat(), days[-1].isoformat()
            span = t(lang, "filter_span", first=a, last=b) if a != b else t(lang, "filter_day", day=a)
        in_classes = t(lang, "filter_classes", plural=len(names), classes=shown)
        return t(lang, "filter_nothing", options=self.as_options(), n=n, in_classes=in_classes, span=span)

    def describe(self, lang: str) -> str:
        """One line for the report's header: what was left out."""
        parts = []
        if self.classes:
            parts.append(t(lang, "filter_class", codes=", ".join(self.classes)))
        if self.since:
            parts.append(t(lang, "filter_since", day=self.since.isoformat()))
        if self.until:
            parts.append(t(lang, "filter_until", day=self.until.isoformat()))
        return " · ".join(parts)
