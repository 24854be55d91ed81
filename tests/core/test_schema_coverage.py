"""The editor's JSON Schema, run with a standard validator over every fixture: what it catches is listed in
docs/diagnostics.md, and it never refuses what lint accepts."""

from pathlib import Path

import pytest
import yaml

from game.core.jsonschema import scenario_schema

jsonschema = pytest.importorskip("jsonschema")
ROOT = Path(__file__).resolve().parents[2]


def _errors(data):
    return list(jsonschema.Draft7Validator(scenario_schema()).iter_errors(data))


@pytest.mark.slow  # every fixture against the JSON Schema (~5 s): CI's slow stage
def test_schema_catches_the_closed_sets_and_conditional_requirements():
    from game.core.diagnostics_doc import schema_coverage

    caught, missed = schema_coverage()
    # red flags (LC203), score/explanation unless neutral (LC304/LC305), an empty message (LC111)
    assert {"LC203", "LC304", "LC305", "LC111", "LC102", "LC106"} <= set(caught)
    assert not set(caught) & set(missed)


def test_schema_and_lint_agree_on_unquoted_phone_numbers():
    data = yaml.safe_load((ROOT / "tests/fixtures/mistakes/_base.yaml.txt").read_text(encoding="utf-8"))
    data["id"] = "base"
    assert _errors(data) == []
    data["contacts"][0]["number"] = 900000802  # `number: 0900000802` as an editor's YAML 1.2 reads it
    assert _errors(data) == []


@pytest.mark.parametrize("change, caught", [
    (lambda d: d["steps"][0]["choices"][0].pop("score"), True),
    (lambda d: d["steps"][0]["choices"][0].update(safety="neutral") or d["steps"][0]["choices"][0].pop("score"), False),
    (lambda d: d["steps"][0]["events"][0].pop("text"), True),
    (lambda d: d["steps"][0]["events"][0].update({"from": "player"}), True),
    (lambda d: d["help_actions"][0].pop("dial"), True),
    (lambda d: d["endings"][1].update(hotlines=["police"]), True),
    # LC331: a help action is scored as a safe move, 8 to 10
    (lambda d: d["help_actions"][0].update(score=5), True),
    (lambda d: d["help_actions"][0].update(safety="risky"), True),
    (lambda d: d["steps"][0]["choices"][0].update(score=5), False),  # not a help action
    # LC402 / LC335: a harmful ending names hotlines and gives advice
    (lambda d: d["endings"][1].pop("hotlines"), True),
    (lambda d: d["endings"][1].update(advice=[]), True),
    (lambda d: d["endings"][0].pop("hotlines", None), False),  # a safe ending need not
    # LC337: a quoted number follows the policy; handles and emails are free
    (lambda d: d["contacts"][0].update(number="0912 345 678"), True),
    (lambda d: d["contacts"][0].update(number="0912.345.678"), True),
    (lambda d: d["contacts"][0].update(number="028 3822 1234"), True),  # a landline: no fictional range
    (lambda d: d["contacts"][0].update(number="+84 90 3000 123"), False),
    (lambda d: d["contacts"][0].update(number="1800 0012"), False),
    (lambda d: d["contacts"][0].update(number="@hotro.giaohang"), False),
])
def test_schema_conditional_rules(change, caught):
    data = yaml.safe_load((ROOT / "tests/fixtures/mistakes/_base.yaml.txt").read_text(encoding="utf-8"))
    data["id"] = "base"
    change(data)
    assert bool(_errors(data)) is caught


@pytest.mark.slow  # checks every fixture against the JSON Schema (~6 s): CI's slow stage
def test_coverage_list_is_in_the_docs():
    from game.core.diagnostics_doc import render_coverage

    assert render_coverage() in (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
