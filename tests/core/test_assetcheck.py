"""Asset headers are read without decoding; over-limit, truncated and unknown files are refused."""

import struct
import wave
import zlib

import pytest

from game.core.assetcheck import MAX_BYTES, MAX_SECONDS, MAX_SIDE, probe, problem


def png(w, h) -> bytes:
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b""))


def jpeg(w, h) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0" + b"\0" * 9
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, h, w, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xda" + b"\0" * 10 + b"\xff\xd9"


def gif(w, h) -> bytes:
    return b"GIF89a" + struct.pack("<HH", w, h) + b"\0" * 20


def bmp(w, h) -> bytes:
    return b"BM" + b"\0" * 16 + struct.pack("<ii", w, -h) + b"\0" * 30


def webp_vp8x(w, h) -> bytes:
    return b"RIFF" + b"\0" * 4 + b"WEBPVP8X" + b"\0" * 8 + (w - 1).to_bytes(3, "little") + (h - 1).to_bytes(3, "little")


def wav(path, seconds, rate=8000):
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(1)
        w.setframerate(rate)
        w.writeframes(b"\x80" * int(rate * seconds))


def ogg(seconds, rate=44100) -> bytes:
    ident = b"\x01vorbis" + struct.pack("<IBI", 0, 1, rate) + b"\0" * 20
    first = b"OggS\0\x02" + struct.pack("<q", 0) + b"\0" * 13 + ident
    last = b"OggS\0\x04" + struct.pack("<q", int(seconds * rate)) + b"\0" * 40
    return first + b"\0" * 100 + last


@pytest.mark.parametrize(("make", "fmt"), [(png, "png"), (jpeg, "jpeg"), (gif, "gif"), (bmp, "bmp"),
                                           (webp_vp8x, "webp")])
def test_image_headers_give_format_and_size(tmp_path, make, fmt):
    path = tmp_path / f"a.{fmt}"
    path.write_bytes(make(640, 480))
    info = probe(path)
    assert (info.kind, info.format, info.width, info.height) == ("image", fmt, 640, 480)
    path.write_bytes(make(MAX_SIDE + 1, 10))
    assert problem(path).code == "LC421"
    path.write_bytes(make(30000, 30000))
    bad = problem(path)
    assert bad.code == "LC421" and "30000×30000" in bad.detail


@pytest.mark.parametrize("make", [png, jpeg, gif, bmp, webp_vp8x])
def test_truncated_headers_are_unreadable_not_a_crash(tmp_path, make):
    data = make(100, 100)
    for cut in range(len(data)):
        path = tmp_path / "t.img"
        path.write_bytes(data[:cut])
        bad = problem(path)
        assert bad is None or bad.code in ("LC421", "LC422"), (cut, bad)


def test_sound_headers_give_duration(tmp_path):
    wav(tmp_path / "a.wav", 2.5)
    assert probe(tmp_path / "a.wav").seconds == pytest.approx(2.5)
    wav(tmp_path / "long.wav", MAX_SECONDS + 5, rate=4000)
    assert problem(tmp_path / "long.wav").code == "LC421"
    (tmp_path / "a.ogg").write_bytes(ogg(12))
    info = probe(tmp_path / "a.ogg")
    assert info.format == "ogg" and info.seconds == pytest.approx(12)
    (tmp_path / "b.ogg").write_bytes(ogg(3600))
    assert problem(tmp_path / "b.ogg").code == "LC421"


def test_a_wav_header_claiming_hours_is_judged_by_the_bytes_it_holds(tmp_path):
    wav(tmp_path / "a.wav", 1)
    data = bytearray((tmp_path / "a.wav").read_bytes())
    data[40:44] = struct.pack("<I", 0xFFFFFF00)  # the data chunk claims 4 GB
    (tmp_path / "a.wav").write_bytes(bytes(data))
    assert probe(tmp_path / "a.wav").seconds == pytest.approx(1)


def test_big_files_folders_and_unknown_formats(tmp_path):
    big = tmp_path / "big.png"
    with big.open("wb") as fh:
        fh.write(png(10, 10))
        fh.truncate(MAX_BYTES + 1)
    assert problem(big).code == "LC421"
    assert problem(tmp_path).code == "LC423"
    (tmp_path / "x.svg").write_text("<svg/>")
    assert problem(tmp_path / "x.svg").code == "LC422"
    assert problem(tmp_path / "missing.png").code == "LC422"
