"""Fuzzing every surface a user or author can touch: text content, translation catalogues, player
JSON files and asset headers. The property is always the same: a diagnostic or a fallback, never a
traceback; time and memory are checked once, on the worst cases, in a subprocess probe."""

import json
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from game.core import i18n, plural, storage
from game.core import results as R
from game.core.assetcheck import MAX_SECONDS, MAX_SIDE, AssetError, probe
from game.core.diagnostics import Mark
from game.core.i18n import load_translator, placeholder_problem
from game.core.progress import Progress
from game.core.textgate import MAX_TEXT, clean, printable, source_position, unsafe_chars
from tests.fuzzing import fuzz

from .test_fuzz import load_text

ROOT = Path(__file__).resolve().parents[2]
SOURCE = (ROOT / "scenarios" / "demo_shipper.yaml").read_text(encoding="utf-8")

# -- text content -------------------------------------------------------------------

HOSTILE_CHARS = (
    [chr(c) for c in range(0x20)] + ["\x7f", "\x85", "\x9b", "\u200b", "\u200d", "\u200e", "\u200f", "\ufeff"]
    + [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]
    + ["\u0301", "\u0323", "\u0303", "\u0489", "\u20dd"]  # combining marks
    + list("שלום مرحبا") + list("Mẹ ơi, chuyển tiền gấp! ") + list("/.-?&=:%#")
)
hostile_text = st.one_of(
    st.text(alphabet=st.sampled_from(HOSTILE_CHARS), max_size=200),
    st.builds(lambda c, n: c * n, st.sampled_from(["x", "ộ", "\u0301", "/", "ش", "a\u0301"]), st.integers(1, 5000)),
    st.text(max_size=100),
)


@fuzz(300)
@given(hostile_text)
def test_the_text_gate_always_answers_safe_bounded_text(text):
    out = clean(text)
    assert unsafe_chars(out) == []
    assert len(out) <= MAX_TEXT
    assert printable(text).isprintable() or all(ch.isprintable() or ch == " " for ch in printable(text))


@fuzz(150)
@given(hostile_text, st.sampled_from(["title", "summary"]))
def test_hostile_scenario_text_gets_lint_diagnostics_never_a_traceback(text, field):
    esc = json.dumps(text)  # a YAML double-quoted scalar with \u escapes for every control character
    src = SOURCE.replace(f'\n{field}: "', f'\n{field}: {esc[:-1]}', 1)
    diags = load_text(src)
    for d in diags:
        assert not unsafe_chars(d.format("vi")) and not unsafe_chars(d.format("en"))
    if unsafe_chars(text) and any(d.code == "LC420" for d in diags):
        d = next(d for d in diags if d.code == "LC420")
        assert d.mark.line == next(i for i, ln in enumerate(src.splitlines(), 1) if ln.startswith(field + ":"))


@fuzz(100)
@given(st.text(max_size=60), st.integers(1, 5), st.integers(1, 80), st.sampled_from(list(HOSTILE_CHARS[:32])))
def test_source_position_never_fails(text, line, col, ch):
    pos = source_position(text, line, col, ch)
    assert pos is None or (pos[0] >= 1 and pos[1] >= 1)
    assert isinstance(Mark(*(pos or (1, 1))), Mark)


# -- translation catalogues -----------------------------------------------------------

PIECES = ["{n}", "{n:>9}", "{n!r}", "{n.real}", "{n.__class__}", "{n[0]}", "{", "}", "{{", "}}", "{0}", "{}",
          "{name}", "{n:{n}}", "{n:,}", "{name!s:^99999999}", "tin nhắn ", "\x00", "\x1b[2J", " "]
msgstrs = st.lists(st.sampled_from(PIECES), max_size=6).map("".join)
msgids = st.sampled_from(["{n} message", "Hello, {name}!", "Play", "{n:>3} left", "Score {n.real}", "{} of {}"])


@fuzz(400)
@given(msgids, msgstrs)
def test_a_translation_either_is_refused_or_formats_exactly_like_its_source(msgid, msgstr):
    bad = placeholder_problem(msgid, msgstr)
    if bad is None and i18n.fields(msgid) is not None and "{" in msgid:
        try:
            ref = msgid.format(1, 2, n=5, name="An")
        except (ValueError, IndexError, KeyError, AttributeError, TypeError):
            return  # the source itself is not formattable with these values
        out = msgstr.format(1, 2, n=5, name="An")  # must not raise, pad or reach attributes
        assert len(out) <= len(msgstr) + len(ref) + 10


OPS = ["n", "1", "0", "2", "10", "100", "(", ")", "?", ":", "==", "!=", "<", ">", "<=", ">=", "&&", "||", "!",
       "%", "/", "+", "-", "*", " ", "import", "__", "'", ";"]


@fuzz(400)
@given(st.integers(0, 12), st.lists(st.sampled_from(OPS), max_size=25).map("".join))
def test_plural_headers_are_refused_or_always_give_a_valid_form(count, expr):
    header = f"nplurals={count}; plural={expr};"
    problem = plural.problem(header, sample=50)
    fn = i18n._safe_plural(header, "fuzz.po")
    for n in (0, 1, 2, 5, 11, 21, 101, 1_000_000):
        idx = fn(n)
        assert isinstance(idx, int) and idx >= 0
        if problem is None:
            assert idx < count


@fuzz(60)
@given(st.sampled_from(["nplurals=1; plural=0;", "nplurals=2; plural=n/0;", "nplurals=9; plural=(((;",
                        "garbage", ""]), msgstrs, msgstrs, st.booleans())
def test_any_catalogue_loads_or_falls_back(tmp_path_factory, header, one, many, fuzzy):
    folder = tmp_path_factory.mktemp("loc")
    po = folder / "vi" / "LC_MESSAGES"
    po.mkdir(parents=True)

    def q(s):
        return json.dumps(s, ensure_ascii=False)

    body = (f'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\nPlural-Forms: {header}\\n"\n\n'
            + ("#, fuzzy\n" if fuzzy else "")
            + f'msgid "{{n}} message"\nmsgid_plural "{{n}} messages"\nmsgstr[0] {q(one)}\nmsgstr[1] {q(many)}\n\n'
            + f'msgid "Play"\nmsgstr {q(one)}\n')
    (po / "game.po").write_text(body, encoding="utf-8")
    i18n.clear_cache()
    tr = load_translator("vi", folder)
    for n in (0, 1, 2, 7):
        out = tr.ngettext("{n} message", "{n} messages", n)
        assert not unsafe_chars(out)
        out.format(n=n) if placeholder_problem("{n} message", "", "{n} messages", [out]) is None else None
    assert not unsafe_chars(tr.gettext("Play"))


# -- player JSON files ---------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(alphabet=st.sampled_from(
        HOSTILE_CHARS), max_size=30),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.sampled_from(
        ["prefs", "players", "run", "done", "choices", "choice", "at", "nickname", "lang", "text_size",
         "machines", "results_dir", "quiz", "best", "plays", "timed_out", "x"]), kids, max_size=4),
    max_leaves=25)
raw_files = st.one_of(
    json_values.map(lambda v: json.dumps(v).encode()),
    st.integers(1, 100_000).map(lambda d: b"[" * d + b"]" * d),
    st.integers(1, 100_000).map(lambda d: b'{"prefs": ' + b"[" * d),
    st.binary(max_size=200),
    st.just(b'{"prefs": {"nickname": "\\ud800\\u0000\\u202e"}}'),
)


@fuzz(150)
@given(raw_files)
def test_any_progress_file_starts_the_game_with_a_backup_when_bad(tmp_path_factory, raw):
    folder = tmp_path_factory.mktemp("data")
    path = folder / "progress.json"
    path.write_bytes(raw)
    storage.clear_notices()
    p = Progress(path)
    assert isinstance(p.prefs.nickname, str) and not unsafe_chars(p.prefs.nickname)
    assert p.prefs.text_size in ("small", "medium", "large")
    for nick in list(p.players)[:3]:
        p.best(nick, "demo_shipper")
        p.run(nick, "demo_shipper")
    p.prefs.nickname = "An"
    assert p.save()
    backups = [q for q in folder.iterdir() if ".bad-" in q.name]
    if storage.notices():
        assert [q.read_bytes() for q in backups] == [raw]  # the bad file is kept, byte for byte
    else:
        assert backups == []


@fuzz(100)
@given(raw_files, raw_files)
def test_any_machine_id_or_trainer_file_keeps_recording_on(tmp_path_factory, mid, trainer):
    folder = tmp_path_factory.mktemp("data")
    (folder / "machine-id.json").write_bytes(mid)
    (folder / "trainer.json").write_bytes(trainer)
    storage.clear_notices()
    got = R.machine_id(folder)
    assert got.isalnum() and 6 <= len(got) <= 32
    s = R.trainer_settings(folder)
    assert s["results_dir"] is None or isinstance(s["results_dir"], str)
    assert s["quiz"] in (True, False)


# -- asset headers --------------------------------------------------------------------

def _png(w, h):
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", w, h) + b"\x08\x06\0\0\0" + b"\0" * 8


def _wav(rate, size):
    return (b"RIFF" + struct.pack("<I", 36 + size) + b"WAVEfmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate, 1, 8)
            + b"data" + struct.pack("<I", size) + b"\x80" * min(size, 64))


def _ogg(rate, granule):
    return (b"OggS\0\x02" + struct.pack("<q", 0) + b"\0" * 13 + b"\x01vorbis" + struct.pack("<IBI", 0, 1, rate)
            + b"\0" * 30 + b"OggS\0\x04" + struct.pack("<q", granule) + b"\0" * 20)


headers = st.one_of(
    st.builds(_png, st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1)),
    st.builds(lambda w, h: b"GIF89a" + struct.pack("<HH", w, h) + b"\0" * 8, st.integers(0, 65535), st.integers(0, 65535)),
    st.builds(lambda w, h: b"BM" + b"\0" * 16 + struct.pack("<ii", w, h) + b"\0" * 28,
              st.integers(-2**31, 2**31 - 1), st.integers(-2**31, 2**31 - 1)),
    st.builds(lambda w, h: b"\xff\xd8\xff\xc0" + struct.pack(">HBHH", 11, 8, h, w) + b"\x01\x11\0", st.integers(0, 65535),
              st.integers(0, 65535)),
    st.builds(_wav, st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 37)),
    st.builds(_ogg, st.integers(0, 2**32 - 1), st.integers(-2**63, 2**63 - 1)),
    st.binary(max_size=64).map(lambda b: b"RIFF" + b[:4] + b"WEBP" + b[4:]),
    st.binary(max_size=100),
)


@fuzz(400)
@given(headers, st.integers(0, 200), st.booleans())
def test_any_asset_header_is_probed_or_refused_with_a_code(tmp_path_factory, data, cut, truncate):
    path = tmp_path_factory.mktemp("asset") / "a.bin"
    path.write_bytes(data[:cut] if truncate else data)
    try:
        info = probe(path)
    except AssetError as exc:
        assert exc.code in ("LC421", "LC422", "LC423")
        return
    if info.kind == "image":
        assert 0 < info.width <= MAX_SIDE and 0 < info.height <= MAX_SIDE
    else:
        assert 0 <= info.seconds <= MAX_SECONDS


# -- time and memory: the worst cases, in a fresh process -----------------------------------

PROBE = textwrap.dedent(r"""
    import json, os, resource, sys, time, tempfile
    from pathlib import Path
    os.environ["SDL_VIDEODRIVER"] = os.environ["SDL_AUDIODRIVER"] = "dummy"
    import pygame
    pygame.font.init()
    from game.core import storage, i18n
    from game.core.assetcheck import problem
    from game.core.i18n import placeholder_problem, _safe_plural
    from game.core.loader import load_scenario
    from game.core.progress import Progress
    from game.core.textgate import clean
    from game.ui.fonts import Fonts
    tmp = Path(tempfile.mkdtemp())
    fonts = Fonts("medium")
    out = {}
    def peak_mb():
        # VmHWM belongs to this process image; ru_maxrss survives exec, so it would report the
        # memory of the (big, forked) test worker that started this probe
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peaks = {}
    def timed(name, fn):
        t = time.process_time(); fn(); out[name] = time.process_time() - t  # CPU: steady under load
        peaks[name] = round(peak_mb())  # which step set the peak
    word = "x" * 100_000
    timed("wrap_100k_word", lambda: fonts.wrap(word, "body", 300))
    timed("fit_100k_word", lambda: fonts.fit(word + "y", "body", 300))
    timed("wrap_mark_flood", lambda: fonts.wrap("a" + "\u0301" * 100_000, "body", 300))
    timed("wrap_url", lambda: fonts.wrap(("https://vi-du.example/" + "a/b.c?d=e&f-g" * 8000)[:100_000], "body", 300))
    timed("wrap_rtl_controls", lambda: fonts.wrap(("שלום\u202e\x00\x1b مرحبا " * 10_000), "body", 300))
    timed("clean_10mb", lambda: clean("\x00a" * 5_000_000))
    (tmp / "deep.json").write_text("[" * 2_000_000 + "]" * 2_000_000)
    timed("progress_deep_4mb", lambda: Progress(tmp / "deep.json"))
    (tmp / "quotes.json").write_text('"\\' * 2_000_000)
    timed("progress_escapes_4mb", lambda: Progress(tmp / "quotes.json"))
    from tests.core.test_assetcheck import png
    (tmp / "bomb.png").write_bytes(png(30000, 30000))
    timed("png_30000", lambda: problem(tmp / "bomb.png"))
    with open(tmp / "big.wav", "wb") as fh:
        fh.write(b"RIFF\0\0\0\0WAVE"); fh.truncate(1_500_000_000)
    timed("wav_1_5gb", lambda: problem(tmp / "big.wav"))
    timed("format_spec_bomb", lambda: placeholder_problem("{n} tin", "{n:>999999999} tin"))
    timed("plural_div_zero", lambda: [_safe_plural("nplurals=2; plural=n/(n-n);")(k) for k in range(100)])
    src = (Path("scenarios") / "demo_shipper.yaml").read_text(encoding="utf-8")
    (tmp / "scenarios").mkdir()
    (tmp / "scenarios" / "demo_shipper.yaml").write_text(
        src.replace('title: "', 'title: "' + "\\0\\e" * 20_000 + "x" * 50_000, 1), encoding="utf-8")
    timed("lint_control_flood", lambda: load_scenario(tmp / "scenarios" / "demo_shipper.yaml"))
    out["_rss_mb"] = peak_mb()
    out["_peaks"] = peaks
    print(json.dumps(out))
""")


def test_worst_cases_stay_under_one_second_and_300_mb():
    res = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    data = json.loads(res.stdout.strip().splitlines()[-1])
    peaks = data.pop("_peaks")
    assert data.pop("_rss_mb") < 300, peaks  # the peak after each step says which one used it
    slow = {k: round(v, 3) for k, v in data.items() if v >= 1.0}
    assert not slow, slow
