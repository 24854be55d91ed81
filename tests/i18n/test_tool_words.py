"""The tools' words (CLI, report, lint) come from the cli, report and diagnostics catalogues: a made-up
language with a few entries translated shows them, and English for every entry it has not translated."""

import shutil
from pathlib import Path

import polib
import pytest

from game.cli import main
from game.core import i18n as core_i18n
from game.core.diagnostics import Diagnostic, Mark

REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "tests" / "fixtures" / "invalid" / "lc202_unknown_reference.yaml"

# (domain, msgctxt, msgid) -> translation; everything else in these catalogues stays untranslated.
QPS = {
    ("cli", None, "{files}, {scenarios}, {steps}, {endings}, {paths}, {words}: {errors}, {warnings}"):
        "[{files} · {scenarios} · {steps} · {endings} · {paths} · {words} · {errors} · {warnings}]",
    ("cli", None, ("{n} file", "{n} files")): ("{n} fîlé", "{n} fîlés"),
    ("cli", None, ("{n} error", "{n} errors")): ("{n} érrør", "{n} érrørs"),
    ("cli", None, "files or folders (default: scenarios/)"): "[fîlés ør føldérs]",
    ("cli", None, "usage: "): "[üsåge] ",
    ("cli", None, "{path}: is a folder; give a file name, for example {example}"): "[{path} îs å føldér: {example}]",
    ("report", None, "Class report"): "[Cláss répørt]",
    ("report", "story ended", "safe"): "[såfé énd]",
    ("report", "number", "."): "·",
    ("report", None, "the file is empty"): "[thé fîlé îs émptý]",
    ("diagnostics", "severity", "error"): "érrør",
    ("diagnostics", "LC202", None): "[`{field}` → `{value}`: nø süch thîng]",
}


def _catalogue(path: Path, domain: str) -> None:
    po = polib.POFile(wrapwidth=79)
    po.metadata = {"Language": "qps", "Content-Type": "text/plain; charset=UTF-8",
                   "Plural-Forms": "nplurals=2; plural=(n != 1);", "X-Language-Name": "Pseudo"}
    from game.core.diagnostics import catalogue

    for (dom, ctx, msgid), text in QPS.items():
        if dom != domain:
            continue
        if msgid is None:  # a lint message: its English is in diagnostics.yaml
            msgid = catalogue()[ctx]["en"]
        if isinstance(msgid, tuple):  # a plural pair
            po.append(polib.POEntry(msgctxt=ctx, msgid=msgid[0], msgid_plural=msgid[1],
                                    msgstr_plural=dict(enumerate(text))))
            continue
        po.append(polib.POEntry(msgctxt=ctx, msgid=msgid, msgstr=text))
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))


@pytest.fixture
def qps(tmp_path, monkeypatch):
    locale = tmp_path / "locale"
    for lang in ("vi", "en"):
        shutil.copytree(REPO / "locale" / lang, locale / lang)
    for domain in ("game", "cli", "report", "diagnostics"):
        _catalogue(locale / "qps" / "LC_MESSAGES" / f"{domain}.po", domain)
    monkeypatch.setattr(core_i18n, "LOCALE_DIR", locale)
    monkeypatch.delenv("LA_CHAN_LANG", raising=False)
    core_i18n.clear_cache()
    yield locale
    core_i18n.clear_cache()


def test_lint_speaks_the_catalogue_and_english_for_the_rest(qps, capsys):
    assert main(["lint", str(BAD), "--lang", "qps"]) == 1
    lines = capsys.readouterr().out.splitlines()
    diag = next(line for line in lines if " LC202 " in line)
    # The format scripts read is kept: path:line:col: CODE severity: message
    assert diag.endswith(":33:15: LC202 érrør: [`next` → `scamed_end`: nø süch thîng] (did you mean `scammed_end`?)"), diag
    # each count in its catalogue's plural form, and English (singular for 1) where it has none
    assert lines[-1].startswith("[1 fîlé · 1 scenario · 1 step · 2 endings · 0 paths · "), lines[-1]
    assert lines[-1].endswith(" · 1 érrør · 0 warnings]"), lines[-1]


def test_an_untranslated_lint_message_and_word_show_the_english(qps):
    d = Diagnostic("x.yaml", Mark(3, 5), "LC321", {"step": "s1", "go": "end_bad", "outcome": "scammed"})
    assert d.format("qps") == d.format("en").replace(" error: ", " érrør: ")
    assert d.message("qps") == d.message("en")
    assert "bị lừa" in d.message("vi")  # the listed word, from vi/diagnostics.po


def test_cli_help_and_messages_speak_the_catalogue(qps, capsys, tmp_path):
    with pytest.raises(SystemExit):
        main(["lint", "--help", "--lang", "qps"])
    out = capsys.readouterr().out
    assert out.startswith("[üsåge] python main.py lint") and "[fîlés ør føldérs]" in out
    assert "warnings fail too" in out  # not translated in qps: English
    assert main(["report", str(tmp_path), "-o", str(tmp_path), "--lang", "qps"]) == 2
    assert "îs å føldér" in capsys.readouterr().err


def test_the_help_of_a_run_without_help_reads_no_catalogue(qps, monkeypatch):
    """Building the parser to run a command looks no help text up: `play` starts without the cli catalogue."""
    from game.cli import build_parser, words

    read = []
    real = core_i18n.load_catalogue
    monkeypatch.setattr(core_i18n, "load_catalogue", lambda p: read.append(p) or real(p))
    words.set_lang("qps")
    words.building(True)
    try:
        build_parser(only="lint")
    finally:
        words.building(False)
    assert read == []
    build_parser(only="lint")
    assert [p.name for p in read] == ["cli.po"] * len(read) and read


def test_report_words_come_from_the_catalogue(qps, tmp_path, capsys, data_dir):
    usb = tmp_path / "usb"
    assert main(["results", "simulate", "-o", str(usb), "--students", "3", "--seed", "1", "--lang", "qps"]) == 0
    out = tmp_path / "r.html"
    assert main(["report", str(usb), "-o", str(out), "--lang", "qps"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "[Cláss répørt]" in html and "Class report" not in html
    assert "[såfé énd]" in html  # the ending, with its context
    assert "How the stories ended" in html  # untranslated: English
    assert "@font-face { font-family: \"La Chan Thai\"" not in html  # no Thai text: no Thai font
    from game.report.strings import num, t

    assert num("qps", 12.5, 1) == "12·5" and num("vi", 12.5, 1) == "12,5" and num("en", 12.5, 1) == "12.5"
    assert t("qps", "outcome_safe") == "[såfé énd]" and t("qps", "safety_safe") == "safe"


def test_why_a_results_file_was_not_read_speaks_the_catalogue(qps, tmp_path, capsys, data_dir):
    """The reasons a results file could not be read are report words like the others."""
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "results-empty.db").write_bytes(b"")
    assert main(["report", str(usb), "-o", str(tmp_path / "r.html"), "--lang", "qps"]) == 1
    assert f"{usb / 'results-empty.db'}: [thé fîlé îs émptý]" in capsys.readouterr().err
    assert main(["report", str(usb), "-o", str(tmp_path / "r.html"), "--lang", "vi"]) == 1
    assert f"{usb / 'results-empty.db'}: tệp rỗng" in capsys.readouterr().err
