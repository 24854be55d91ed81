"""Mutated YAML only ever produces diagnostics (or a valid scenario), never an exception."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.core.loader import build_scenario, load_taxonomy
from game.core.validate import validate
from game.core.yamlstrict import compose, decode
from tests.fuzzing import fuzz

ROOT = Path(__file__).resolve().parents[2]
SOURCE = (ROOT / "scenarios" / "demo_shipper.yaml").read_text(encoding="utf-8")
LINES = SOURCE.splitlines(keepends=True)
TAX = load_taxonomy()
NASTY = ["\t", ":", "- ", "[", "]", "{", "}", "&a ", "*a", "!!python/object:os.system ", "'", '"', "#",
         "no", "0123", "1:30", "~", "null", "\x00", "\ufeff", "---\n", "? ", "|", ">", "%YAML 1.1\n", "é"]


def load_text(text: str) -> list:
    decoded, diags = decode(text.encode("utf-8", "surrogatepass"), "fuzz.yaml")
    if decoded is None:
        return diags
    node, more = compose(decoded, "fuzz.yaml")
    scn, more2 = build_scenario(node, "fuzz.yaml")
    diags = diags + more + more2
    if scn is not None:
        diags += validate(scn, TAX, ROOT / "scenarios", "fuzz.yaml")
    return diags


mutation = st.one_of(
    st.tuples(st.just("delete_line"), st.integers(0, len(LINES) - 1)),
    st.tuples(st.just("dup_line"), st.integers(0, len(LINES) - 1)),
    st.tuples(st.just("insert"), st.integers(0, len(SOURCE)), st.sampled_from(NASTY)),
    st.tuples(st.just("replace"), st.integers(0, len(SOURCE) - 1), st.text(min_size=1, max_size=3)),
    st.tuples(st.just("indent"), st.integers(0, len(LINES) - 1), st.integers(-4, 4)),
)


def mutate(ops) -> str:
    lines = list(LINES)
    for op in ops:
        if op[0] in ("delete_line", "dup_line", "indent") and lines:
            i = op[1] % len(lines)
            if op[0] == "delete_line":
                del lines[i]
            elif op[0] == "dup_line":
                lines.insert(i, lines[i])
            else:
                lines[i] = (" " * op[2] + lines[i]) if op[2] > 0 else lines[i][-op[2]:]
        else:
            text = "".join(lines)
            i = op[1] % (len(text) + 1)
            text = text[:i] + op[2] + text[i + (1 if op[0] == "replace" else 0):]
            lines = text.splitlines(keepends=True)
    return "".join(lines)


@pytest.mark.slow  # 2,000 mutated files: CI's slow stage runs it
@fuzz(2000)
@given(st.lists(mutation, min_size=1, max_size=4))
def test_mutations_only_produce_diagnostics(ops):
    for d in load_text(mutate(ops)):
        assert d.code and d.format("vi") and d.format("en")


@fuzz(200)
@given(st.text(max_size=300))
def test_arbitrary_text_only_produces_diagnostics(text):
    for d in load_text(text):
        assert d.format("en")
