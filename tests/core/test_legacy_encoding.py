"""LC010 tells a file saved in an older 8-bit encoding (Windows-1258, Latin-1) to be re-saved as
UTF-8, and keeps "binary data, or UTF-16" for what is that."""

import codecs
import random

import pytest

from game.core.diagnostics import Diagnostic, Mark
from game.core.yamlstrict import decode

TEXT = "id: chao\ntitle: Chào bạn, đây là tin nhắn từ ngân hàng\nsummary: Một cuộc gọi lạ\n"


def _variant(data: bytes) -> str | None:
    text, diags = decode(data, "x.yaml")
    assert text is None and [d.code for d in diags] == ["LC010"]
    return diags[0].args.get("variant")


@pytest.mark.parametrize("encoding", ["cp1258", "latin-1", "cp1252"])
def test_an_8bit_encoded_file_is_told_to_be_saved_as_utf8(encoding):
    data = TEXT.encode(encoding, errors="replace")
    assert _variant(data) == "legacy"
    vi = Diagnostic("x.yaml", Mark(1, 1), "LC010", {"variant": "legacy"}).message("vi")
    assert "UTF-8" in vi and "UTF-16" not in vi and vi != Diagnostic("x.yaml", Mark(1, 1), "LC010").message("vi")


@pytest.mark.parametrize("data", [
    codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    TEXT.encode("utf-16-be"),
    random.Random(4).randbytes(4000),
    b"\x89PNG\r\n\x1a\n" + random.Random(5).randbytes(500),
])
def test_binary_and_utf16_keep_their_message(data):
    assert _variant(data) is None
