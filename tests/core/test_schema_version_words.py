"""LC108 says which format versions this game reads and what to do: write the newest, or, for a
file made for a newer game, update the game."""

import pytest

from game.core.loader import load_scenario
from game.core.model import SCHEMA_VERSION


@pytest.mark.parametrize("value, newer", [(9, True), (SCHEMA_VERSION + 1, True), (0, False)])
def test_lc108_names_the_versions_read_and_the_fix(tmp_path, value, newer):
    path = tmp_path / "x.yaml"
    path.write_text(f"schema_version: {value}\nid: x\n", encoding="utf-8")
    d = next(d for d in load_scenario(path).diagnostics if d.code == "LC108")
    assert (d.args.get("variant") == "newer") is newer
    for lang, reads, update in (("en", f"1 to {SCHEMA_VERSION}", "update the game"),
                                ("vi", f"1 đến {SCHEMA_VERSION}", "cập nhật trò chơi")):
        text = d.message(lang)
        assert reads in text and f"`schema_version: {SCHEMA_VERSION}`" in text, text
        assert (update in text) is newer, text
