"""Render the class report as one self-contained HTML file (Jinja2, autoescaped, inline SVG)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import jinja2

from . import charts
from .figures import Figures
from .labels import Labels
from .strings import num, pct, secs, t

TEMPLATES = Path(__file__).parent / "templates"


def environment() -> jinja2.Environment:
    # autoescape is forced on for everything: nicknames are student input.
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(figs: Figures, labels: Labels, *, problems: list[str], files: int, anonymise: bool,
           generated: datetime | None = None) -> str:
    lang = labels.lang
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    when = (generated or datetime.now()).strftime("%d/%m/%Y %H:%M" if lang == "vi" else "%Y-%m-%d %H:%M")
    tmpl = environment().get_template("report.html.j2")
    return tmpl.render(
        lang=lang, f=figs, L=labels, problems=problems, files=files, anonymise=anonymise, css=css,
        generated=when, charts=charts,
        t=lambda key, **kw: t(lang, key, **kw),
        num=lambda x, d=0: num(lang, x, d), pct=lambda x, d=0: pct(lang, x, d),
        secs=lambda x: secs(lang, x),
        who=lambda row: t(lang, "student_n", n=f"{row.number:02d}") if anonymise else row.nickname,
    )
