"""Image and sound headers, read without decoding, and the limits every asset must keep (pure).

A 109 KB PNG can declare 30000×30000 pixels (4.4 GB once decoded) and a WAV can be 1.5 GB:
`lint` refuses both from the first bytes of the file, and the game checks again before
loading. Only the formats the game can load are accepted: PNG, JPEG, GIF, BMP and WebP
images; WAV and Ogg Vorbis sounds.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 10 * 1024 * 1024  # per file
MAX_SIDE = 4096  # pixels, either side
MAX_SECONDS = 60.0  # of audio
HEAD = 64 * 1024  # bytes read from the start (JPEG markers can sit after a large EXIF block)
TAIL = 64 * 1024  # bytes read from the end (an Ogg file's last page gives its length)

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp")
SOUND_SUFFIXES = (".wav", ".ogg", ".oga")


@dataclass(frozen=True)
class AssetInfo:
    kind: str  # "image" | "sound"
    format: str
    size: int  # bytes
    width: int = 0
    height: int = 0
    seconds: float = 0.0


class AssetError(ValueError):
    """Why an asset cannot be used. `code`: LC421 (over a limit), LC422 (unreadable), LC423 (folder)."""

    def __init__(self, code: str, detail: str, limit: str = ""):
        super().__init__(f"{detail} (limit {limit})" if limit else detail)
        self.code, self.detail, self.limit = code, detail, limit


def probe(path: Path) -> AssetInfo:
    """The asset's format and dimensions or duration, from its headers; AssetError if it is a
    folder, unreadable, of an unknown format, truncated, or over a limit."""
    path = Path(path)
    if path.is_dir():
        raise AssetError("LC423", "folder")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise AssetError("LC421", f"{size / (1024 * 1024):.1f} MB", f"{MAX_BYTES // (1024 * 1024)} MB")
    with open(path, "rb") as fh:
        head = fh.read(HEAD)
        tail = b""
        if size > HEAD:
            fh.seek(max(HEAD, size - TAIL))
            tail = fh.read(TAIL)
    info = _image(head, size) or _sound(head, tail, size)
    if info is None:
        raise AssetError("LC422", "unknown format")
    if info.kind == "image":
        if not (0 < info.width <= MAX_SIDE and 0 < info.height <= MAX_SIDE):
            raise AssetError("LC421", f"{info.width}×{info.height} px", f"{MAX_SIDE}×{MAX_SIDE} px")
    elif not 0 <= info.seconds <= MAX_SECONDS:
        raise AssetError("LC421", f"{info.seconds:.0f} s", f"{MAX_SECONDS:.0f} s")
    return info


def problem(path: Path) -> AssetError | None:
    """`probe`, answering with the error (or None) instead of raising; OSError becomes LC422."""
    try:
        probe(path)
    except AssetError as exc:
        return exc
    except OSError as exc:
        return AssetError("LC422", exc.strerror or str(exc))
    return None


def _truncated(what: str) -> AssetError:
    return AssetError("LC422", f"{what} header truncated")


def _image(b: bytes, size: int) -> AssetInfo | None:
    if b.startswith(b"\x89PNG\r\n\x1a\n"):
        if len(b) < 24 or b[12:16] != b"IHDR":
            raise _truncated("PNG")
        w, h = struct.unpack(">II", b[16:24])
        return AssetInfo("image", "png", size, w, h)
    if b.startswith(b"\xff\xd8"):
        return _jpeg(b, size)
    if b[:6] in (b"GIF87a", b"GIF89a"):
        if len(b) < 10:
            raise _truncated("GIF")
        w, h = struct.unpack("<HH", b[6:10])
        return AssetInfo("image", "gif", size, w, h)
    if b.startswith(b"BM"):
        if len(b) < 26:
            raise _truncated("BMP")
        w, h = struct.unpack("<ii", b[18:26])
        return AssetInfo("image", "bmp", size, w, abs(h))
    if b[:4] == b"RIFF" and b[8:12] == b"WEBP":
        return _webp(b, size)
    return None


def _jpeg(b: bytes, size: int) -> AssetInfo:
    i = 2
    while i + 4 <= len(b):
        if b[i] != 0xFF:
            raise AssetError("LC422", "JPEG markers damaged")
        marker = b[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        seg = struct.unpack(">H", b[i + 2:i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # a start-of-frame segment
            if i + 9 > len(b):
                break
            h, w = struct.unpack(">HH", b[i + 5:i + 9])
            return AssetInfo("image", "jpeg", size, w, h)
        if marker == 0xDA or seg < 2:
            break
        i += 2 + seg
    raise _truncated("JPEG")


def _webp(b: bytes, size: int) -> AssetInfo:
    chunk = b[12:16]
    if chunk == b"VP8X" and len(b) >= 30:
        w = 1 + int.from_bytes(b[24:27], "little")
        h = 1 + int.from_bytes(b[27:30], "little")
        return AssetInfo("image", "webp", size, w, h)
    if chunk == b"VP8 " and len(b) >= 30:
        w, h = struct.unpack("<HH", b[26:30])
        return AssetInfo("image", "webp", size, w & 0x3FFF, h & 0x3FFF)
    if chunk == b"VP8L" and len(b) >= 25:
        bits = int.from_bytes(b[21:25], "little")
        return AssetInfo("image", "webp", size, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    raise _truncated("WebP")


def _sound(head: bytes, tail: bytes, size: int) -> AssetInfo | None:
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return _wav(head, size)
    if head[:4] == b"OggS":
        return _ogg(head, tail, size)
    return None


def _wav(b: bytes, size: int) -> AssetInfo:
    i, byte_rate = 12, 0
    while i + 8 <= len(b):
        cid, clen = b[i:i + 4], struct.unpack("<I", b[i + 4:i + 8])[0]
        if cid == b"fmt ":
            if i + 20 > len(b):
                break
            byte_rate = struct.unpack("<I", b[i + 16:i + 20])[0]
        elif cid == b"data":
            if not byte_rate:
                raise AssetError("LC422", "WAV without a fmt chunk")
            data = min(clen, size - i - 8)  # a header may claim more than the file holds
            return AssetInfo("sound", "wav", size, seconds=data / byte_rate)
        i += 8 + clen + (clen & 1)
    raise _truncated("WAV")


def _ogg(head: bytes, tail: bytes, size: int) -> AssetInfo:
    # The first page carries the Vorbis identification header: "\x01vorbis", version, channels, rate.
    at = head.find(b"\x01vorbis")
    if at < 0 or at + 16 > len(head):
        raise AssetError("LC422", "Ogg without Vorbis")
    rate = struct.unpack("<I", head[at + 12:at + 16])[0]
    if not rate:
        raise AssetError("LC422", "Vorbis sample rate 0")
    data = tail or head
    last = data.rfind(b"OggS")
    if last < 0 or last + 14 > len(data):
        raise _truncated("Ogg")
    granule = struct.unpack("<q", data[last + 6:last + 14])[0]
    return AssetInfo("sound", "ogg", size, seconds=max(0, granule) / rate)
