"""The one CSV writer for every CSV the project writes (report figures, results export).

Nicknames, class codes and (in a crafted or merged file) ids are typed by people, so any
cell could be a formula that a spreadsheet runs when the file is opened. A text cell is
neutralised with a leading apostrophe when, after any leading spaces or line breaks, it
starts with `=`, `+`, `-` or `@`, or when it starts with a tab or a carriage return.
Numbers stay numbers (-5 is a score, not a formula).
"""

from __future__ import annotations

import csv
import io
import re

# Whitespace a spreadsheet may skip before reading a formula: spaces (any Unicode space,
# no-break included), tabs, line breaks.
_RISKY = re.compile(r"[\s\u00a0\u2000-\u200b\u3000\ufeff]*[=+\-@]")


def neutralise(value):
    """The cell as written: a risky text gets a leading apostrophe; anything else is unchanged."""
    if isinstance(value, str) and (_RISKY.match(value) or value[:1] in ("\t", "\r")):
        return "'" + value
    return value


class SafeWriter:
    """csv.writer with every cell through `neutralise`."""

    def __init__(self, stream, **kw):
        kw.setdefault("lineterminator", "\n")
        self._w = csv.writer(stream, **kw)

    def writerow(self, row) -> None:
        self._w.writerow([neutralise(v) for v in row])

    def writerows(self, rows) -> None:
        for row in rows:
            self.writerow(row)


def to_text(rows, header=None) -> str:
    """Rows (sequences) to CSV text through the neutralising writer."""
    buf = io.StringIO()
    w = SafeWriter(buf)
    if header is not None:
        w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()
