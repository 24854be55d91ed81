"""Rebuilding a database from its -wal file alone, when that file holds every page.

Older versions wrote results in WAL mode, where new pages go to `<file>.db-wal` first.
A machine killed before its first checkpoint leaves a -wal that holds the whole
database; if only that file was copied, the results are still all there. The format
(a header, then frames of page number, commit size, salts and a running checksum,
each followed by one page) is documented at https://sqlite.org/fileformat2.html#walformat.
Only frames up to the last valid commit are used, as SQLite itself would.
"""

from __future__ import annotations

import struct
from pathlib import Path

MAGIC = (0x377F0682, 0x377F0683)  # checksums over little- / big-endian words
MAX_WAL_BYTES = 32 * 1024 * 1024  # a lab machine's results are far smaller


def _checksum(data: bytes, s1: int, s2: int, big_endian: bool) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s1 = (s1 + words[i] + s2) & 0xFFFFFFFF
        s2 = (s2 + words[i + 1] + s1) & 0xFFFFFFFF
    return s1, s2


def rebuild(wal: Path, out: Path) -> bool:
    """Write the database the -wal describes to `out`; False when the -wal lacks a page of it."""
    try:
        if wal.stat().st_size > MAX_WAL_BYTES:
            return False
        data = wal.read_bytes()
    except OSError:
        return False
    if len(data) < 32:
        return False
    magic, _version, page, _seq, salt1, salt2, c1, c2 = struct.unpack(">8I", data[:32])
    if magic not in MAGIC or not 512 <= page <= 65536 or page & (page - 1):
        return False
    big = magic == MAGIC[1]
    s1, s2 = _checksum(data[:24], 0, 0, big)
    if (s1, s2) != (c1, c2):
        return False
    committed: dict[int, int] = {}  # page number -> offset of its latest committed version
    pending: dict[int, int] = {}
    size = 0
    off = 32
    while off + 24 + page <= len(data):
        pgno, commit, fs1, fs2, fc1, fc2 = struct.unpack(">6I", data[off:off + 24])
        if (fs1, fs2) != (salt1, salt2):
            break
        s1, s2 = _checksum(data[off:off + 8], s1, s2, big)
        s1, s2 = _checksum(data[off + 24:off + 24 + page], s1, s2, big)
        if (s1, s2) != (fc1, fc2):
            break
        pending[pgno] = off + 24
        if commit:
            committed.update(pending)
            pending = {}
            size = commit
        off += 24 + page
    if not size or any(n not in committed for n in range(1, size + 1)):
        return False
    with out.open("wb") as fh:
        for n in range(1, size + 1):
            fh.write(data[committed[n]:committed[n] + page])
    return True
