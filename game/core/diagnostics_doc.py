"""Render docs/diagnostics.md from the catalogue and the invalid-file fixtures."""

from __future__ import annotations

from pathlib import Path

from .diagnostics import catalogue

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "invalid"
HEADER = """# Diagnostics

Every problem `python main.py lint` can report, with its stable code. A line looks like

    scenarios/fake_bank.yaml:12:9: LC202 error: `next` refers to `scamed_end`, which does not exist (did you mean `scammed_end`?)

that is: file, line, column, code, severity, message. Messages follow the UI language, or `--lang vi|en`.
**Errors** stop a scenario from being played; **warnings** point at something a player would notice
(the shipped pack has none); **info** lines are reminders such as `todo:`.

Each example below is a real file in `tests/fixtures/invalid/`, and the test suite checks that lint prints exactly
the lines shown. This page is generated: `python main.py lint --codes > docs/diagnostics.md`.
"""


def render() -> str:
    out = [HEADER]
    for code, entry in catalogue().items():
        out.append(f"## {code}: {entry['title']}\n")
        out.append(f"*{entry['severity']}* — {entry['en']}\n")
        out.append(f"Tiếng Việt: {entry['vi']}\n")
        fixtures = sorted(FIXTURES.glob(f"{code.lower()}_*.yaml"))
        for fx in fixtures[:1]:
            expected = fx.with_suffix(".expected").read_text(encoding="utf-8").strip().splitlines()
            line = next((x for x in expected if f" {code} " in x), "")
            out.append(f"Example: [`{fx.name}`](../tests/fixtures/invalid/{fx.name})")
            snippet = _line_at(fx, line)
            if snippet:
                out.append(f"\n```yaml\n{snippet}\n```")
            out.append(f"\n```\n{line.replace(str(FIXTURES.relative_to(FIXTURES.parents[2])) + '/', '')}\n```\n")
        if not fixtures:
            out.append("Example: produced by the test suite itself (it needs a file that cannot be committed).\n")
    return "\n".join(out).rstrip() + "\n"


def _line_at(fx: Path, diag_line: str) -> str:
    try:
        lineno = int(diag_line.split(":")[1])
        text = fx.read_text(encoding="utf-8").splitlines()[lineno - 1]
    except (ValueError, IndexError, UnicodeDecodeError):
        return ""
    return text if len(text) < 160 else text[:157] + "..."
