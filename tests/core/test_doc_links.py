"""Every link in the docs resolves inside the repository (and every #anchor to a heading or id there)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _anchors(md: Path) -> set[str]:
    text = md.read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.S)  # headings inside code blocks are not headings
    out = set(re.findall(r'<a id="([^"]+)"', text))
    for title in re.findall(r"^#{1,6} (.+)$", text, flags=re.M):
        # GitHub's rule: lowercase, drop punctuation but keep letters (any script), digits, - and _; spaces to -
        out.add(re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-"))
    return out


def _links():
    for doc in DOCS:
        text = re.sub(r"```.*?```", "", doc.read_text(encoding="utf-8"), flags=re.S)
        for target in LINK.findall(text):
            if not re.match(r"^[a-z]+:", target):
                yield doc, target


@pytest.mark.parametrize("doc, target", list(_links()), ids=lambda x: x.name if isinstance(x, Path) else x)
def test_link_resolves_inside_the_repository(doc, target):
    path, _, anchor = target.partition("#")
    dest = (doc.parent / path).resolve() if path else doc
    assert dest.is_relative_to(ROOT), f"{doc.name}: {target} leaves the repository"
    assert dest.exists(), f"{doc.name}: {target} does not exist"
    if anchor and dest.suffix == ".md":
        assert anchor in _anchors(dest), f"{doc.name}: no heading or id #{anchor} in {dest.name}"


def test_there_are_links_to_check():
    assert len(list(_links())) > 20
