"""The report as a real browser shows and prints it: headless Chromium (Debian's `chromium`
and `chromium-driver`), driven with Selenium.

It checks what the stylesheet promises and a string test cannot: the text is drawn in the
bundled font (embedded in the file, so no system font can stand in), no chart is wider
than the screen or the printed page, and the first page prints alone.
Skipped, with the reason, only when chromium or chromedriver is not installed.
"""

from __future__ import annotations

import shutil
import tempfile

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from game.core.quiz import load_quizzes
from game.report.build import build_report
from game.report.simulate import simulate_class

from .helpers import good_scenarios

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
A4_PRINTABLE_PX = (round((210 - 28) / 25.4 * 96), round((297 - 28) / 25.4 * 96))  # 14 mm margins


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser")
    simulate_class(root / "usb", good_scenarios(), students=12, seed=11, quiz=load_quizzes()[0], classroom=True)
    out = root / "report.html"
    out.write_text(build_report([root / "usb"], lang="vi").text, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def browser():
    profile = tempfile.mkdtemp(prefix="la-chan-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in [*FLAGS, f"--user-data-dir={profile}", "--window-size=1280,900"]:
        opts.add_argument(flag)
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    try:
        yield drv
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_report(drv, path, width: int, media: str = "screen"):
    drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    drv.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})
    drv.get(path.as_uri())
    drv.execute_async_script("const done = arguments[arguments.length - 1]; document.fonts.ready.then(() => done(true));")


def rendered_fonts(drv, selector: str) -> list[dict]:
    """The fonts Chromium actually used to draw the element's text (not just the CSS asked for)."""
    root = drv.execute_cdp_cmd("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = drv.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, selector
    drv.execute_cdp_cmd("CSS.enable", {})
    return drv.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


def test_text_is_drawn_in_the_bundled_font(browser, report_file):
    open_report(browser, report_file, 1280)
    faces = browser.execute_script(
        "return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replace(/\"/g, '') + ' ' + f.weight)")
    assert "Be Vietnam Pro 400" in faces and "Be Vietnam Pro 700" in faces
    for sel in ("body", "h1", "h2", "h3", "#average-definition", "td"):
        family = browser.execute_script(f"return getComputedStyle(document.querySelector('{sel}')).fontFamily")
        assert family.split(",")[0].strip().strip('"') == "Be Vietnam Pro", (sel, family)
    for sel in ("h1", "#average-definition", "#summary h2"):
        used = rendered_fonts(browser, sel)
        assert used and all(f["familyName"] == "Be Vietnam Pro" and f["isCustomFont"] for f in used), (sel, used)


@pytest.mark.parametrize("width,media", [(1280, "screen"), (760, "screen"), (A4_PRINTABLE_PX[0], "print")])
def test_no_chart_is_wider_than_the_page(browser, report_file, width, media):
    open_report(browser, report_file, width, media)
    got = browser.execute_script("""
        const page = document.documentElement.clientWidth;
        const svgs = [...document.querySelectorAll('svg')];
        const over = svgs.filter(s => s.getBoundingClientRect().right > page + 0.5 || s.getBoundingClientRect().left < -0.5)
                         .map(s => (s.id || s.getAttribute('class') || 'svg') + ' ' + Math.round(s.getBoundingClientRect().right));
        return {page, count: svgs.length, over, scroll: document.documentElement.scrollWidth};""")
    assert got["count"] > 20
    assert got["over"] == [], got
    assert got["scroll"] <= got["page"], got


def test_the_first_page_prints_alone(browser, report_file):
    open_report(browser, report_file, A4_PRINTABLE_PX[0], "print")
    got = browser.execute_script("""
        const first = document.querySelector('#summary');
        const next = first.nextElementSibling;
        return {breakAfter: getComputedStyle(first).breakAfter, height: first.getBoundingClientRect().height,
                next: next && next.id, rules: [...document.styleSheets].reduce((n, s) => n + s.cssRules.length, 0)};""")
    assert got["breakAfter"] == "page", got
    assert got["height"] <= A4_PRINTABLE_PX[1], got  # the summary fits on its page
    assert got["next"] == "follow-up", got
    pdf = browser.print_page()  # the real print path renders without error
    assert len(pdf) > 1000
