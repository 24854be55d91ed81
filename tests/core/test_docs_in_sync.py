"""Docs that cannot rot: the schema file, the format reference and --help match the code."""

import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import COMMANDS
from game.core import conditions, model
from game.core.jsonschema import scenario_schema

ROOT = Path(__file__).resolve().parents[2]
FORMAT_DOC = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")


def test_json_schema_file_is_current():
    assert json.loads((ROOT / "docs" / "scenario.schema.json").read_text(encoding="utf-8")) == scenario_schema()


def test_json_schema_accepts_the_shipped_scenarios():
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    validator = jsonschema.Draft7Validator(scenario_schema())
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
        assert errors == [], (path.name, [e.message for e in errors[:3]])


def _author_fields():
    records = [model.Scenario, model.Player, model.Contact, model.App, model.Variable, model.Link,
               model.Branch, model.Consequence, model.Choice, model.Timeout, model.Step, model.Ending,
               *model.EVENT_TYPES.values()]
    for cls in records:
        for fl in dataclasses.fields(cls):
            if not fl.metadata.get("internal"):
                yield cls.__name__, fl.metadata.get("key") or fl.name


@pytest.mark.parametrize("record, field", sorted(set(_author_fields())))
def test_every_field_is_documented(record, field):
    assert f"`{field}`" in FORMAT_DOC, f"{record}.{field} missing from docs/scenario-format.md"


@pytest.mark.parametrize("name", [*conditions.CONDITION_TYPES, *conditions.COMPARISONS])
def test_every_condition_is_documented(name):
    assert f"`{name}`" in FORMAT_DOC or f"{name}:" in FORMAT_DOC or f", `{name}`" in FORMAT_DOC


def test_every_event_type_and_red_flag_is_documented():
    import yaml

    for name in model.EVENT_TYPES:
        assert f"`{name}`" in FORMAT_DOC
    for flag in yaml.safe_load((ROOT / "assets" / "data" / "red_flags.yaml").read_text(encoding="utf-8")):
        assert f"`{flag['id']}`" in FORMAT_DOC


@pytest.mark.parametrize("command", list(COMMANDS))
def test_help_works_for_every_command(command, tmp_path):
    # --help speaks the tool language ($LA_CHAN_LANG first): English here, whatever this machine chose in the game
    env = {**os.environ, "LA_CHAN_LANG": "en", "LA_CHAN_DATA_DIR": str(tmp_path)}
    res = subprocess.run([sys.executable, "main.py", command, "--help"], capture_output=True, text=True,
                         cwd=ROOT, timeout=60, env=env)
    assert res.returncode == 0, res.stderr
    assert "usage: python main.py" in res.stdout
    options = re.split(r"\n\s*(?=-)", res.stdout.split("\noptions:", 1)[-1])
    said = " ".join(" ".join(o.split()) for o in options if o.startswith("--lang LANG "))
    if said:  # the default names what really wins first (lint once said only 'the OS locale')
        assert "LA_CHAN_LANG" in said and "chosen in the game" in said, said


@pytest.mark.parametrize("command", ["lint", "report", "play"])
def test_help_in_vietnamese_with_lang_vi(command, tmp_path):
    """`--lang vi` gives the whole --help in Vietnamese, its --lang default still naming what wins first."""
    env = {**os.environ, "LA_CHAN_LANG": "en", "LA_CHAN_DATA_DIR": str(tmp_path)}
    res = subprocess.run([sys.executable, "main.py", command, "--help", "--lang", "vi"], capture_output=True,
                         text=True, cwd=ROOT, timeout=60, env=env)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("cách dùng: python main.py") and "\ntuỳ chọn:" in res.stdout
    said = " ".join(res.stdout.split("--lang LANG", 1)[1].split())
    assert "$LA_CHAN_LANG" in said and "đã chọn trong trò chơi" in said, said


def test_top_level_help_lists_every_command():
    res = subprocess.run([sys.executable, "main.py", "--help"], capture_output=True, text=True, cwd=ROOT)
    for command in COMMANDS:
        assert command in res.stdout


def test_readme_documents_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"main.py {command}" in readme, command


def test_core_never_imports_pygame():
    for path in (ROOT / "game" / "core").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import pygame" not in text and "from pygame" not in text, path.name
    probe = "import sys, game.core.engine, game.core.loader, game.core.walk, game.core.i18n; print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
