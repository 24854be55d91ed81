"""Render docs/diagnostics.md from the catalogue and the invalid-file fixtures."""

from __future__ import annotations

from pathlib import Path

from .diagnostics import catalogue
from .textgate import printable

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


def shown(template: str) -> str:
    """A message template as an author reads it: `{{` and `}}` are how a template writes one brace."""
    return template.replace("{{", "\x00").replace("}}", "\x01").replace("\x00", "{").replace("\x01", "}")


def render() -> str:
    from game.core.i18n import tool_words

    vi = tool_words("vi", "diagnostics")  # the Vietnamese wording lives in locale/vi/LC_MESSAGES/diagnostics.po
    out = [HEADER]
    for code, entry in catalogue().items():
        out.append(f"## {code}: {entry['title']}\n")
        out.append(f"*{entry['severity']}* — {shown(entry['en'])}\n")
        out.append(f"Tiếng Việt: {shown(vi.pgettext(code, entry['en']))}\n")
        if entry.get("variants"):
            out.append("The message names the cause it recognises:\n")
            for name, variant in entry["variants"].items():
                out.append(f"- `{name}`: {shown(variant['en'])}  \n"
                           f"  Tiếng Việt: {shown(vi.pgettext(f'{code}/{name}', variant['en']))}")
            out.append("")
        seen_in = _mistakes_with(code)
        if seen_in:
            links = ", ".join(f"[{n}](common-mistakes.md#{anchor})" for n, anchor in seen_in)
            out.append(f"Common mistakes that give it: {links}.\n")
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
            out.append(_MADE_BY_TESTS.get(code, "Example: produced by the test suite itself (it needs a file that "
                                                "cannot be committed).") + "\n")
    out.append(render_coverage())
    return "\n".join(out).rstrip() + "\n"


_MADE_BY_TESTS = {
    "LC013": "Example: produced by the test suite (a fixture cannot be an empty folder):\n\n"
             "```\ndrafts:1:1: LC013 warning: this folder holds no scenario files (*.yaml), so nothing in it was "
             "checked; check the folder's name, or put the scenario files in it\n```\n\n"
             "When no file was checked at all, `lint` exits with status 1.",
    "LC406": "Example: produced by the test suite in a temporary copy of `locale/` (a catalogue there would ship):\n\n"
             "```\nlocale/th/LC_MESSAGES/game.po:12:1: LC406 warning: the th translation of `Play` has 中, which none "
             "of the game's fonts can draw (the game leaves them out); use words, or a script the game has a font for "
             "(docs/translating.md, \"Scripts and fonts\")\n```",
    "LC408": "Example: produced by the test suite in a temporary copy of `locale/` (a catalogue there would ship):\n\n"
             "```\nlocale/en/LC_MESSAGES/scenarios.po:2453:1: LC408 warning: the en translation of "
             "`demo_shipper/interrogation/choice/hang_up/text` has other placeholders than the source (placeholders "
             "differ: missing {pressure}); the game shows the source text instead; use exactly the source's `{names}`, "
             "untranslated\n```",
}


def _mistakes_with(code: str) -> list[tuple[int, str]]:
    """(number, page anchor) of each common mistake whose lint output has this code."""
    import yaml

    listing = MISTAKES / "_mistakes.yaml.txt"
    if not listing.exists():
        return []
    out = []
    for n, entry in enumerate(yaml.safe_load(listing.read_text(encoding="utf-8")), 1):
        expected = MISTAKES / f"m{n:02d}_{entry['name']}.expected"
        if expected.exists() and f" {code} " in expected.read_text(encoding="utf-8"):
            out.append((n, f"m{n:02d}_{entry['name']}"))
    return out


def _line_at(fx: Path, diag_line: str) -> str:
    try:
        lineno = int(diag_line.split(":")[1])
        text = fx.read_text(encoding="utf-8").splitlines()[lineno - 1]
    except (ValueError, IndexError, UnicodeDecodeError):
        return ""
    return text if len(text) < 160 else text[:157] + "..."


MISTAKES = FIXTURES.parent / "mistakes"
MISTAKES_HEADER = """# Common mistakes

The mistakes authors make most often, each with what `lint` prints (English, then Vietnamese) and the fix.
Each one is a real file in `tests/fixtures/mistakes/` (a clean scenario with one mistake made), and the test suite
checks that lint prints exactly these lines. Every code is explained in [diagnostics.md](diagnostics.md).
This page is generated: `python main.py lint --mistakes > docs/common-mistakes.md`.
"""


def render_mistakes() -> str:
    import yaml

    out = [MISTAKES_HEADER]
    entries = yaml.safe_load((MISTAKES / "_mistakes.yaml.txt").read_text(encoding="utf-8"))
    for n, entry in enumerate(entries, 1):
        stem = f"m{n:02d}_{entry['name']}"
        fx = MISTAKES / f"{stem}.yaml"
        en = fx.with_suffix(".expected").read_text(encoding="utf-8").strip().splitlines()
        vi = (MISTAKES / f"{stem}.vi.expected").read_text(encoding="utf-8").strip().splitlines()
        out.append(f'<a id="{stem}"></a>\n\n## {n}. {entry["mistake"]}\n')
        bad = [new for _old, new in entry["replace"] if new.strip()]
        if bad:
            snippet = max(bad, key=len).strip("\n").replace("\t", "→")  # a tab shown as an arrow
            # a control character shown as its escape (`\x1b`), never raw in the page
            snippet = "\n".join(printable(line) for line in snippet.split("\n"))
            out.append(f"```yaml\n{snippet}\n```\n")
        strip = "tests/fixtures/mistakes/"
        out.append("```\n" + "\n".join(x.replace(strip, "") for x in en + vi) + "\n```\n")
        out.append(f"**Fix:** {entry['fix']} ([`{fx.name}`](../tests/fixtures/mistakes/{fx.name}))\n")
    return "\n".join(out).rstrip() + "\n"


def schema_coverage() -> tuple[list[str], list[str]] | None:
    """Which codes the editor's JSON Schema also catches, measured on the fixtures.

    A code counts as caught when the schema refuses every fixture that lint reports it
    for. Files YAML cannot read (LC001–LC012) are left out: an editor reports those itself.
    Returns (caught, lint only), or None without the `jsonschema` package.
    """
    try:
        import jsonschema
    except ImportError:
        return None
    import yaml

    from .jsonschema import scenario_schema
    from .loader import load_scenario

    validator = jsonschema.Draft7Validator(scenario_schema())
    verdicts: dict[str, list[bool]] = {}
    for fx in sorted([*FIXTURES.glob("*.yaml"), *MISTAKES.glob("m[0-9][0-9]_*.yaml")]):
        codes = {d.code for d in load_scenario(fx).diagnostics if not d.code.startswith("LC0")}
        try:
            data = yaml.safe_load(fx.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue
        refused = any(True for _ in validator.iter_errors(data))
        for code in codes:
            verdicts.setdefault(code, []).append(refused)
    caught = sorted(c for c, v in verdicts.items() if all(v))
    missed = sorted(set(catalogue()) - set(caught) - {c for c in catalogue() if c.startswith("LC0")})
    return caught, missed


def render_coverage() -> str:
    cov = schema_coverage()
    if cov is None:
        return "\n## What the editor's schema catches\n\n(Install `jsonschema` to measure it.)\n"
    caught, missed = cov
    return ("\n## What the editor's schema catches\n\n"
            "`docs/scenario.schema.json` lets an editor underline some mistakes as you type. Measured on the fixtures "
            "(`tests/core/test_schema_coverage.py`), it catches: " + ", ".join(caught) + ".\n\n"
            "Only `lint` catches: " + ", ".join(missed) + " (references between parts of the file, files on disk, "
            "the step graph, how YAML would misread a value, and the font), and the YAML reading problems "
            "LC001–LC012, which the editor reports in its own words. The schema also checks the number policy "
            "(LC337) on a quoted `number:`, but not on a number inside a text or an unquoted `number:` (an editor "
            "reads that as a number), so LC337 is listed under `lint`.\n")
