"""Render the class report as one self-contained HTML file (Jinja2, autoescaped, inline SVG).

The stylesheet is our own file, not user data, so it is inserted as markup (autoescaping
would turn `"Be Vietnam Pro"` into `&#34;Be Vietnam Pro&#34;` and `>` into `&gt;`, and the
browser would drop those rules). Everything else, nicknames above all, stays autoescaped.
The bundled font is embedded as data URLs so the offline file renders in it anywhere; so are the
bundled Thai, Lao and Khmer fonts, each only in a report that has text in its script (a report in a
third language, or with scenario titles in it), so a Vietnamese or English report stays as small.
"""

from __future__ import annotations

import base64
import functools
import re
from datetime import datetime
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import charts
from .figures import Figures
from .labels import Labels
from .strings import count, num, pct, secs, t

TEMPLATES = Path(__file__).parent / "templates"
FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FONT_FAMILY = "Be Vietnam Pro"
FONT_FACES = {400: "BeVietnamPro-Regular.ttf", 700: "BeVietnamPro-Bold.ttf"}  # 600 falls back to 700
# Scripts the Latin font has no letters for: (family in report.css, characters, regular and bold file).
SCRIPT_FONTS = (
    ("La Chan Thai", re.compile("[\u0e00-\u0e7f]"), ("NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf")),
    ("La Chan Lao", re.compile("[\u0e80-\u0eff]"), ("NotoSansLao-Regular.ttf", "NotoSansLao-Bold.ttf")),
    ("La Chan Khmer", re.compile("[\u1780-\u17ff\u19e0-\u19ff]"),
     ("NotoSansKhmer-Regular.ttf", "NotoSansKhmer-Bold.ttf")),
)
MORE_FONTS = "/* fonts for other scripts */"


def environment() -> jinja2.Environment:
    # autoescape is forced on for everything: nicknames are student input.
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _face(family: str, weight: int, name: str) -> str:
    path = FONT_DIR / name
    if not path.is_file():  # a trimmed install: the font stack falls back to system fonts
        return ""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return (f'@font-face {{ font-family: "{family}"; font-style: normal; font-weight: {weight}; '
            f'font-display: block; src: url(data:font/ttf;base64,{data}) format("truetype"); }}')


@functools.cache
def script_faces(family: str) -> str:
    files = next(f for fam, _chars, f in SCRIPT_FONTS if fam == family)
    return "\n".join(filter(None, (_face(family, w, name) for w, name in zip((400, 700), files, strict=True))))


def with_script_fonts(html: str) -> str:
    """The report with the bundled font of each script its text uses (none for Vietnamese or English)."""
    faces = [script_faces(family) for family, chars, _files in SCRIPT_FONTS if chars.search(html)]
    return html.replace(MORE_FONTS, "\n".join(faces), 1) if faces else html


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
    css = "\n".join(faces) + "\n" + MORE_FONTS + "\n" + (TEMPLATES / "report.css").read_text(encoding="utf-8")
    if "</" in css or "<!--" in css:  # our file must never be able to close the <style> element
        raise ValueError("report.css must not contain '</' or '<!--'")
    return Markup(css)


def render(figs: Figures, labels: Labels, *, problems: list[str], files: int, anonymise: bool,
           generated: datetime | None = None, filters: str = "", nothing: str | None = None) -> str:
    lang = labels.lang
    when = (generated or datetime.now()).strftime(t(lang, "date_format"))
    tmpl = environment().get_template("report.html.j2")
    return with_script_fonts(tmpl.render(
        lang=lang, f=figs, L=labels, problems=problems, files=files, anonymise=anonymise, css=stylesheet(),
        generated=when, charts=charts, filters=filters, nothing=nothing,
        t=lambda key, **kw: t(lang, key, **kw),
        num=lambda x, d=0: num(lang, x, d), pct=lambda x, d=0: pct(lang, x, d), count=lambda n: count(lang, n),
        secs=lambda x: secs(lang, x),
        who=lambda row: t(lang, "student_n", n=f"{row.number:02d}") if anonymise else row.nickname,
    ))
