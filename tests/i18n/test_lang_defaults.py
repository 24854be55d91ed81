"""Every command's --lang help says its default the same way: the commands differ only in which
language they fall back to (English for tool output, Vietnamese for what students see), never in
how it is written ("tiếng Anh" / "Tiếng Việt" was one such difference)."""

from __future__ import annotations

import re

import pytest

from game.cli import main
from game.cli.common import GAME_DEFAULT, SCREEN_DEFAULT, TOOL_DEFAULT
from game.cli.words import marked


def _fallback(text: str) -> str:
    """The last clause before any ';': "else English" / "nếu không có thì tiếng Anh"."""
    return text.split(";")[0].rsplit(",", 1)[-1].strip()


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_three_defaults_name_their_fallback_language_alike(lang):
    clauses = [_fallback(marked(d, lang)) for d in (TOOL_DEFAULT, SCREEN_DEFAULT, GAME_DEFAULT)]
    lead = {c.rsplit(" ", 1)[0] for c in clauses}  # all but the language's own word
    assert len(lead) == 1, clauses
    assert clauses[1] == clauses[2] != clauses[0]


@pytest.mark.parametrize("command", ["classroom", "host", "play"])
def test_screen_commands_show_the_same_words_as_tool_commands(command, capsys):
    with pytest.raises(SystemExit):
        main(["lint", "--help", "--lang", "vi"])
    lint_help = re.sub(r"\s+", " ", capsys.readouterr().out)
    with pytest.raises(SystemExit):
        main([command, "--help", "--lang", "vi"])
    text = re.sub(r"\s+", " ", capsys.readouterr().out)
    tool = _fallback(marked(TOOL_DEFAULT, "vi"))
    screen = _fallback(marked(SCREEN_DEFAULT, "vi"))
    assert tool in lint_help and screen in text, text
