"""Render the class report as one self-contained HTML file (Jinja2, autoescaped, inline SVG).

The stylesheet is our own file, not user data, so it is inserted as markup (autoescaping
would turn `"Be Vietnam Pro"` into `&#34;Be Vietnam Pro&#34;` and `>` into `&gt;`, and the
browser would drop those rules). Everything else, nicknames above all, stays autoescaped.
The bundled font is embedded as data URLs so the offline file renders in it anywhere.
"""

from __future__ import annotations

import base64
import functools
from datetime import datetime
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import charts
from .figures import Figures
from .labels import Labels
from .strings import num, pct, secs, t

TEMPLATES = Path(__file__).parent / "templates"
FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FONT_FAMILY = "Be Vietnam Pro"
FONT_FACES = {400: "BeVietnamPro-Regular.ttf", 700: "BeVietnamPro-Bold.ttf"}  # 600 falls back to 700


def environment() -> jinja2.Environment:
    # autoescape is forced on for everything: nicknames are student input.
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


@functools.cache
def stylesheet() -> Markup:
    """The report's CSS with the bundled font faces, safe to place inside <style> as it is."""
    faces = []
    for weight, name in FONT_FACES.items():
        path = FONT_DIR / name
        if not path.is_file():  # a trimmed install: the font stack falls back to system fonts
            continue
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        faces.append(f'@font-face {{ font-family: "{FONT_FAMILY}"; font-style: normal; font-weight: {weight}; '
                     f'font-display: block; src: url(data:font/ttf;base64,{data}) format("truetype"); }}')
    css = "\n".join(faces) + "\n" + (TEMPLATES / "report.css").read_text(encoding="utf-8")
    if "</" in css or "<!--" in css:  # our file must never be able to close the <style> element
        raise ValueError("report.css must not contain '</' or '<!--'")
    return Markup(css)


def render(figs: Figures, labels: Labels, *, problems: list[str], files: int, anonymise: bool,
           generated: datetime | None = None, filters: str = "", nothing: str | None = None) -> str:
    lang = labels.lang
    when = (generated or datetime.now()).strftime(t(lang, "date_format"))
    tmpl = environment().get_template("report.html.j2")
    return tmpl.render(
        lang=lang, f=figs, L=labels, problems=problems, files=files, anonymise=anonymise, css=stylesheet(),
        generated=when, charts=charts, filters=filters, nothing=nothing,
        t=lambda key, **kw: t(lang, key, **kw),
        num=lambda x, d=0: num(lang, x, d), pct=lambda x, d=0: pct(lang, x, d),
        secs=lambda x: secs(lang, x),
        who=lambda row: t(lang, "student_n", n=f"{row.number:02d}") if anonymise else row.nickname,
    )
