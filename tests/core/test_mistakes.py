"""Common author mistakes: each gets one diagnostic, in the author's language, with a fix."""

from pathlib import Path

import pytest

from game.cli.lint import lint
from game.core import conditions as C
from game.core.loader import load_scenario
from game.core.schema import number_advice
from game.core.yamlstrict import compose

ROOT = Path(__file__).resolve().parents[2]
MISTAKES = ROOT / "tests" / "fixtures" / "mistakes"
CASES = sorted(MISTAKES.glob("m[0-9][0-9]_*.yaml"))


@pytest.fixture(autouse=True)
def _cwd(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_there_are_at_least_sixty_mistakes():
    assert len(CASES) >= 60


@pytest.mark.parametrize("fixture", CASES, ids=lambda p: p.stem)
def test_mistake_prints_expected_lines_in_both_languages(fixture):
    _loaded, diags, _counts = lint([fixture.relative_to(ROOT)])
    assert diags, "a mistake must be reported"
    for lang, suffix in (("en", ".expected"), ("vi", ".vi.expected")):
        expected = (MISTAKES / (fixture.stem + suffix)).read_text(encoding="utf-8").splitlines()
        assert [d.format(lang) for d in diags] == expected, lang


@pytest.mark.parametrize("fixture", CASES, ids=lambda p: p.stem)
def test_one_root_cause_gives_one_diagnostic(fixture):
    diags = load_scenario(fixture).diagnostics
    assert len(diags) == 1, [d.format() for d in diags]


@pytest.mark.parametrize("fixture", CASES, ids=lambda p: p.stem)
def test_yaml_errors_name_their_cause(fixture):
    """No LC002 falls back to the generic message, and no message leaks the YAML library's words."""
    for d in load_scenario(fixture).diagnostics:
        if d.code == "LC002":
            assert d.args.get("variant") not in (None, "generic")
        for lang in ("en", "vi"):
            text = d.message(lang)
            assert "mapping values" not in text and "expected <" not in text and "token" not in text


def test_common_mistakes_page_is_current():
    from game.core.diagnostics_doc import render_mistakes

    assert (ROOT / "docs" / "common-mistakes.md").read_text(encoding="utf-8") == render_mistakes()


@pytest.mark.parametrize("text, line, col", [
    ("a: 1\nb:\n\tc: 2\n", 3, 1),
    ("a:\n  - \tb\n", 2, 5),
])
def test_tabs_always_give_lc003(text, line, col):
    _root, diags = compose(text, "t.yaml")
    assert [(d.code, d.mark.line, d.mark.col) for d in diags] == [("LC003", line, col)]


@pytest.mark.parametrize("text, variant, col", [
    ('title: Alo: em\n', "unquoted_colon", 11),
    ('title: "Em "nhớ" nhé"\nb: 1\n', "inner_quote", 12),
    ('a: 1\ntitle: "open\nb: "x"\n', "unclosed_quote", 8),
    ('steps:\n  -id: a\n  - id: b\n', "dash_space", 3),
    ('a: 1\nid:start\nb: 2\n', "colon_space", 3),
    ('a:\n  b: 1\n   c: 2\n', "indent", 4),
    ('a: [1, 2\nb: 3\n', "bracket", 4),
])
def test_yaml_causes_and_exact_columns(text, variant, col):
    _root, diags = compose(text, "t.yaml")
    assert len(diags) == 1
    assert (diags[0].code, diags[0].args.get("variant"), diags[0].mark.col) == ("LC002", variant, col)


@pytest.mark.parametrize("raw, allow_float, quoted, variant, fix", [
    ("5.5", False, False, "whole", "5"),
    ("500.000", False, False, "thousands", "500000"),
    ("500,000", True, False, "thousands", "500000"),
    ("1:30", True, False, "colon", "90"),
    ("012", True, False, "zero", "12"),
    ("3", False, True, "quoted", "3"),
])
def test_number_advice_by_field_kind(raw, allow_float, quoted, variant, fix):
    advice = number_advice(raw, allow_float, quoted)
    assert (advice["variant"], advice["fix"]) == (variant, fix)


def _cmp(var, op, value):
    return C.Compare(var, op, value)


@pytest.mark.parametrize("conds, covered", [
    ([_cmp("t", "eq", True), _cmp("t", "eq", False)], True),
    ([_cmp("t", "eq", True), C.Not(_cmp("t", "eq", True))], True),
    ([_cmp("n", "lt", 3), _cmp("n", "ge", 3)], True),
    ([_cmp("n", "lt", 3), _cmp("n", "gt", 3)], False),
    ([C.Visited("a"), C.Not(C.Visited("a"))], True),
    ([C.Visited("a"), _cmp("t", "eq", True)], False),
])
def test_lc306_knows_when_conditions_cover_every_case(conds, covered):
    assert C.covers_every_case(conds) is covered


def test_lint_allow_comment_silences_a_deliberate_warning(tmp_path):
    src = (ROOT / "tests/fixtures/invalid/lc306_all_conditional.yaml").read_text(encoding="utf-8")
    lines = src.splitlines()
    at = next(i for i, x in enumerate(lines) if x.strip() == "- id: start")
    lines.insert(at, "  # lint: allow LC306 (the first step always sets `told`)")
    (tmp_path / "lc306_all_conditional.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    codes = [d.code for d in load_scenario(tmp_path / "lc306_all_conditional.yaml").diagnostics]
    assert "LC306" not in codes


@pytest.mark.parametrize("text, variant, line, col", [
    # a quote left open runs over many lines before YAML notices: the open quote is named
    ('a: 1\nb: \'x\nc: 2\nd: 3\ne: 4\nf: "y"\ng: 5\n', "unclosed_quote", 2, 4),
    # a field whose colon is missing, above a nested list
    ('a: 1\nadvice\n  - "x"\nb: 2\n', "no_colon", 2, 7),
    # a list item indented one space less than its neighbours
    ('steps:\n  - id: a\n    events:\n      - id: m1\n        type: x\n     - id: m2\n        type: y\n',
     "indent", 6, 6),
    # in block context a comma after the closing quote means the quote ended too early
    ('text: "Không trả lời", chặn số này"\nb: 1\n', "inner_quote", 1, 21),
])
def test_yaml_causes_far_from_where_the_parser_stops(text, variant, line, col):
    _root, diags = compose(text, "t.yaml")
    assert [(d.args.get("variant"), d.mark.line, d.mark.col) for d in diags] == [(variant, line, col)]


def test_every_quote_ending_a_text_early_is_reported_at_once():
    """The parser stops at its first error; the same mistake elsewhere is still reported in the same run."""
    text = ('a: "one "x" here"\nb: "a text\n  over "two" lines"\nc: ok\nd: "two "y" here"\n'
            'e: {f: "flow, fine", g: "h"}\n')
    _root, diags = compose(text, "t.yaml")
    assert [(d.code, d.args.get("variant"), d.mark.line) for d in diags] == [
        ("LC002", "inner_quote", 1), ("LC002", "inner_quote", 5)]


def test_same_diagnostics_from_the_pure_python_parser(monkeypatch):
    """Causes are read from the text, so libyaml and the pure-Python parser (whatever their wording) agree."""
    from game.core import yamlstrict

    monkeypatch.setattr(yamlstrict, "_Parser", yamlstrict._PyParser)
    for fixture in CASES:
        if "LC002" in fixture.with_suffix(".expected").read_text(encoding="utf-8") or \
                "LC003" in fixture.with_suffix(".expected").read_text(encoding="utf-8"):
            _loaded, diags, _counts = lint([fixture.relative_to(ROOT)])
            expected = fixture.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
            assert [d.format("en") for d in diags] == expected, fixture.name


@pytest.mark.parametrize("raw, name", [("\x1b", "U+001B ESC"), ("\x07", "U+0007 BEL"), ("\x0b", "U+000B VT"),
                                       ("\x7f", "U+007F DEL"), ("\x00", "U+0000 NUL"), ("\x85", "U+0085 NEL")])
def test_raw_control_character_is_lc420_at_its_column(raw, name):
    """Pasted raw, a control character is named where it is: not a YAML error at 1:1, not "not UTF-8"."""
    from game.core.yamlstrict import decode

    text, diags = decode(f'a: 1\ntitle: "Chặn{raw} số"\n'.encode(), "t.yaml")
    assert text is None
    assert [(d.code, d.mark.line, d.mark.col, d.args["char"]) for d in diags] == [("LC420", 2, 13, name)]


def test_utf16_is_still_not_utf8():
    from game.core.yamlstrict import decode

    _text, diags = decode("title: \"Chặn số\"\n".encode("utf-16-le"), "t.yaml")
    assert [d.code for d in diags] == ["LC010"]


def test_bidi_override_is_lc420_only(tmp_path):
    """The game removes a U+202E, so it is not also 'a character the fonts cannot draw' (LC405)."""
    src = (MISTAKES / "_base.yaml.txt").read_text(encoding="utf-8").replace("id: NAME", "id: rlo")
    (tmp_path / "rlo.yaml").write_text(src.replace("Chặn số này", "Chặn\u202e số này"), encoding="utf-8")
    assert [d.code for d in load_scenario(tmp_path / "rlo.yaml").diagnostics] == ["LC420"]


@pytest.mark.parametrize("line, kept", [
    ("text: Chặn số #1 và báo 156", "Chặn số"),
    ("text: Chặn số\t# ghi chú", "Chặn số"),
])
def test_hash_in_unquoted_text_is_reported(tmp_path, line, kept):
    src = (MISTAKES / "_base.yaml.txt").read_text(encoding="utf-8").replace("id: NAME", "id: cut")
    (tmp_path / "cut.yaml").write_text(src.replace('text: "Chặn số này"', line), encoding="utf-8")
    diags = load_scenario(tmp_path / "cut.yaml").diagnostics
    assert [(d.code, d.args["kept"]) for d in diags] == [("LC407", kept)]


def test_hash_in_quoted_text_is_fine(tmp_path):
    src = (MISTAKES / "_base.yaml.txt").read_text(encoding="utf-8").replace("id: NAME", "id: ok")
    src = src.replace('text: "Chặn số này"', 'text: "Chặn số #1"   # a comment after quoted text')
    (tmp_path / "ok.yaml").write_text(src, encoding="utf-8")
    assert load_scenario(tmp_path / "ok.yaml").diagnostics == []


@pytest.mark.parametrize("fixture", CASES, ids=lambda p: p.stem)
def test_no_python_words_reach_an_author(fixture):
    import re

    for d in load_scenario(fixture).diagnostics:
        for lang in ("en", "vi"):
            assert not re.search(r"\b(None|True|False)\b", d.message(lang)), d.message(lang)
