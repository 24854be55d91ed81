"""The game's light .po reader (game/core/poread.py) reads every file exactly as polib does, or
hands it to polib: checked on the shipped catalogues and on generated line soups."""

from pathlib import Path

import polib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.core import i18n, poread
from tests.fuzzing import fuzz

REPO = Path(__file__).resolve().parents[2]
SHIPPED = sorted((REPO / "locale").glob("*/LC_MESSAGES/*.po"))


def _fields(entries) -> list[tuple]:
    return [(e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, dict(e.msgstr_plural), bool(e.fuzzy), bool(e.obsolete))
            for e in entries]


def _polib(text: str):
    po = polib.pofile(text, encoding="utf-8")
    return _fields(po), dict(po.metadata)


def _light(text: str):
    entries, meta = poread.read(text)
    return _fields(entries), meta


def _prepared(text: str) -> str:
    text, breaks = i18n.mask_po_breaks(text.replace("\r\n", "\n"))
    assert not breaks
    return text


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_shipped_catalogues_read_as_polib_reads_them(path):
    text = _prepared(path.read_text(encoding="utf-8"))
    got, want = _light(text), _polib(text)
    assert got == want
    assert len(got[0]) > 10  # the reader did read entries: the comparison can fail


def test_the_game_catalogue_object_is_the_same_either_way(tmp_path, monkeypatch):
    path = REPO / "locale" / "en" / "LC_MESSAGES" / "scenarios.po"
    light = i18n._parse(path)
    monkeypatch.setattr(poread, "read", lambda text: (_ for _ in ()).throw(poread.Unusual("test")))
    heavy = i18n._parse(path)
    assert light._catalog == heavy._catalog and light._info == heavy._info
    assert len(light._catalog) > 100


def test_a_catalogue_answers_every_entry_without_keeping_its_source_text():
    path = REPO / "locale" / "en" / "LC_MESSAGES" / "scenarios.po"
    cat = i18n._parse(path)
    assert not any(isinstance(k, str) for k in dict.keys(cat._catalog))  # the Vietnamese sources are not kept
    entries = [e for e in polib.pofile(str(path)) if e.msgid and e.msgstr and not e.fuzzy and not e.obsolete]
    assert len(entries) > 1000
    for e in entries:
        assert cat.pgettext(e.msgctxt, e.msgid) == i18n.nfc(e.msgstr)
        assert cat.pgettext(e.msgctxt, e.msgid + " ") == e.msgid + " "  # a changed source is not translated
        assert cat.pgettext(e.msgctxt + "x", e.msgid) == e.msgid
    ui = i18n._parse(REPO / "locale" / "vi" / "LC_MESSAGES" / "game.po")
    plural = next(e for e in polib.pofile(str(REPO / "locale" / "vi" / "LC_MESSAGES" / "game.po"))
                  if e.msgid_plural and e.msgstr_plural.get(0))
    args = (plural.msgctxt,) if plural.msgctxt else ()
    lookup = ui.npgettext if args else ui.ngettext
    assert lookup(*args, plural.msgid, plural.msgid_plural, 3) == i18n.nfc(plural.msgstr_plural[0])


@pytest.mark.parametrize("contexts", [(None, "a", None), ("a", None, "b"), ("a", "b"), (None, None)])
def test_the_metadata_comes_from_the_entry_polib_picks(contexts):
    """Several entries with an empty msgid: polib takes the last one without a context, else the first."""
    parts = [(f'msgctxt "{c}"\n' if c else "") + f'msgid ""\nmsgstr "Language: l{i}\\nX-Other: {i}\\n"\n'
             for i, c in enumerate(contexts)]
    text = "\n".join([*parts, 'msgid "Play"\nmsgstr "Chơi"\n'])
    assert _light(text) == _polib(text)


# Lines a .po file may hold, good and bad: keywords, continuations, comments of every kind,
# obsolete entries, plural forms, escapes, quotes in the wrong place.
STRINGS = st.sampled_from(['""', '"a"', '"Chơi"', '"x\\n"', '"\\"q\\""', '"t\\tb\\\\"', '"{n} tin"', '"a\\qb"',
                           '"Language: en\\n"', '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
                           '"no colon\\n"'])
KEYWORDS = st.sampled_from(["msgctxt", "msgid", "msgid_plural", "msgstr", "msgstr[0]", "msgstr[1]", "msgstr[x]"])
LINE = st.one_of(
    st.builds(lambda k, s: f"{k} {s}", KEYWORDS, STRINGS),
    st.builds(lambda k, s: f"#~ {k} {s}", KEYWORDS, STRINGS),
    STRINGS,
    st.sampled_from(["", "   ", "#", "# note", "## x", "#. extracted", "#.", "#: a.py:1 b.py", "#:", "#, fuzzy",
                     "#, python-format, fuzzy", "#,", "#~", "#~ #, fuzzy", "#~| msgid \"old\"", "#| msgid \"old\"",
                     "#x", "msgid", "junk", '"bad"quote"', 'msgid "bad"quote"', "\ufeffmsgid \"a\"", "msgstr[", "\tmsgid \"a\"  "]),
)


@st.composite
def entry(draw) -> list[str]:
    """One entry, mostly well formed: comments, flags, context, msgid, plural forms, continuations."""
    out = draw(st.lists(st.sampled_from(["# note", "#. extracted", "#: a.py:1", "#, fuzzy", "#, python-format",
                                         "#, fuzzy, python-format", "#"]), max_size=3))

    def field(keyword: str) -> list[str]:
        first = draw(STRINGS)
        return [f"{keyword} {first}", *draw(st.lists(STRINGS, max_size=2))]

    body = []
    if draw(st.booleans()):
        body += field("msgctxt")
    body += field("msgid")
    if draw(st.integers(0, 3)) == 0:
        body += field("msgid_plural")
        for i in range(draw(st.integers(0, 3))):
            body += field(f"msgstr[{i}]")
    else:
        body += field("msgstr")
    if draw(st.integers(0, 4)) == 0:
        body = ["#~ " + line for line in body]
    return out + body + draw(st.sampled_from([[""], [], ["", ""]]))


FILES = st.lists(st.one_of(entry(), entry(), entry(), st.lists(LINE, min_size=1, max_size=2)), max_size=12).map(
    lambda parts: [line for part in parts for line in part])


@fuzz(400)
@given(FILES)
def test_generated_files_read_as_polib_reads_them_or_go_to_polib(lines):
    text = "\n".join(lines)
    try:
        want = _polib(text)
    except (OSError, ValueError):
        want = None
    try:
        got = _light(text)
    except poread.Unusual:
        return  # polib reads it, as the game does then
    assert got == want
