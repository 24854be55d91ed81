"""Every invalid fixture produces exactly its expected diagnostics; every code has a fixture."""

import subprocess
import sys
from pathlib import Path

import pytest

from game.cli.lint import lint
from game.core.diagnostics import catalogue
from game.core.loader import load_scenario

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "invalid"
CASES = sorted(FIXTURES.glob("*.yaml"))
MADE_BY_TESTS = {"LC001", "LC012", "LC013", "LC208", "LC406", "LC408"}  # made below, or in tests/i18n/test_undrawable.py and test_scenario_placeholders.py


def is_pack(fixture: Path) -> bool:
    """LC6xx are pack-wide findings (`lint --pack`): their fixture is a small pack of its own."""
    return fixture.stem.startswith("lc6")


@pytest.fixture(autouse=True)
def _cwd(monkeypatch):
    monkeypatch.chdir(ROOT)  # diagnostics print paths relative to the working directory


@pytest.mark.parametrize("fixture", CASES, ids=lambda p: p.stem)
def test_fixture_prints_expected_lines(fixture):
    _loaded, diags, _counts = lint([fixture.relative_to(ROOT)], pack=is_pack(fixture))
    expected = fixture.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert [d.format("en") for d in diags] == expected


@pytest.mark.parametrize("fixture", CASES, ids=lambda p: p.stem)
def test_fixture_named_code_is_reported(fixture):
    code = fixture.stem.split("_")[0].upper()
    diags = lint([fixture], pack=True)[1] if is_pack(fixture) else load_scenario(fixture).diagnostics
    assert code in {d.code for d in diags}


def test_every_code_has_a_fixture():
    covered = {p.stem.split("_")[0].upper() for p in CASES} | MADE_BY_TESTS
    assert set(catalogue()) - covered == set()


def test_every_code_has_both_languages_and_a_title():
    """English in assets/data/diagnostics.yaml, Vietnamese in locale/vi/LC_MESSAGES/diagnostics.po."""
    from game.core.i18n import tool_words

    vi = tool_words("vi", "diagnostics")
    for code, entry in catalogue().items():
        assert entry["severity"] in ("error", "warning", "info"), code
        assert entry["en"] and entry["title"], code
        assert vi.pgettext(code, entry["en"]) != entry["en"], code
        for name, variant in entry.get("variants", {}).items():
            assert vi.pgettext(f"{code}/{name}", variant["en"]) != variant["en"], (code, name)


def test_vietnamese_messages_render(tmp_path):
    diags = load_scenario(FIXTURES / "lc202_unknown_reference.yaml").diagnostics
    line = next(d for d in diags if d.code == "LC202").format("vi")
    assert "LC202 lỗi:" in line and "có phải ý bạn là `scammed_end`" in line


def test_oversize_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:  # 50 MB, sparse: created instantly
        fh.truncate(50 * 1024 * 1024)
    diags = load_scenario(big).diagnostics
    assert [d.code for d in diags] == ["LC001"]


def test_unreadable_path_is_reported(tmp_path):
    folder_named_like_a_file = tmp_path / "scenarios" / "broken.yaml"
    folder_named_like_a_file.mkdir(parents=True)
    diags = load_scenario(folder_named_like_a_file).diagnostics
    assert [d.code for d in diags] == ["LC012"]


def test_scenario_id_used_twice(tmp_path):
    text = (FIXTURES / "lc403_todo.yaml").read_text(encoding="utf-8")
    for name in ("first", "second"):
        (tmp_path / f"{name}.yaml").write_text(text.replace("id: lc403_todo", "id: first"), encoding="utf-8")
    _loaded, diags, _ = lint([tmp_path])
    dup = [d for d in diags if d.code == "LC208"]
    assert len(dup) == 1 and dup[0].path.endswith("second.yaml") and "first.yaml" in dup[0].message("en")


def test_lint_cli_exit_codes_and_summary():
    bad = subprocess.run([sys.executable, "main.py", "lint", str(FIXTURES), "--lang", "en"],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr
    assert bad.stdout.strip().splitlines()[-1].startswith(f"{len(CASES)} files")
    good = subprocess.run([sys.executable, "main.py", "lint", "scenarios/demo_shipper.yaml"],
                          capture_output=True, text=True, cwd=ROOT)
    assert good.returncode == 0, good.stdout


def test_lint_json_format():
    import json

    out = subprocess.run([sys.executable, "main.py", "lint", str(FIXTURES / "lc203_unknown_flag.yaml"),
                          "--format", "json", "--lang", "en"], capture_output=True, text=True, cwd=ROOT)
    data = json.loads(out.stdout)
    assert data["diagnostics"][0]["code"] == "LC203"
    assert data["diagnostics"][0]["line"] == 17
    assert data["summary"]["errors"] == 1


@pytest.mark.slow  # lints every fixture in both languages (~16 s): CI's slow stage
def test_diagnostics_doc_is_current():
    from game.core.diagnostics_doc import render

    assert (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8") == render()


def test_messages_follow_the_language_chosen_in_the_game(tmp_path, monkeypatch):
    import json

    from game.cli.common import default_lang

    monkeypatch.delenv("LA_CHAN_LANG", raising=False)
    monkeypatch.setenv("LA_CHAN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("LANG", "C")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert default_lang() == "en"
    (tmp_path / "progress.json").write_text(json.dumps({"prefs": {"lang": "vi"}}), encoding="utf-8")
    assert default_lang() == "vi"
    out = subprocess.run([sys.executable, "main.py", "lint", str(FIXTURES / "lc203_unknown_flag.yaml")],
                         capture_output=True, text=True, cwd=ROOT,
                         env={**__import__("os").environ, "LA_CHAN_DATA_DIR": str(tmp_path)})
    assert "LC203 lỗi:" in out.stdout


def test_a_folder_without_scenario_files_is_named_and_checking_nothing_fails(tmp_path):
    empty = tmp_path / "drafts"
    (empty / "quiz").mkdir(parents=True)
    (empty / "notes.txt").write_text("ideas", encoding="utf-8")
    alone = subprocess.run([sys.executable, "main.py", "lint", str(empty), "--lang", "en"],
                           capture_output=True, text=True, cwd=ROOT)
    lines = alone.stdout.splitlines()
    assert lines[0].startswith(f"{empty}:1:1: LC013 warning: ") and alone.returncode == 1, alone.stdout
    with_good = subprocess.run([sys.executable, "main.py", "lint", str(empty), "scenarios/demo_shipper.yaml",
                                "--lang", "en"], capture_output=True, text=True, cwd=ROOT)
    assert " LC013 " in with_good.stdout and with_good.returncode == 0, with_good.stdout  # a warning, as ever
