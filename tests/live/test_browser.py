"""A real phone page in headless Chromium (Debian's chromium + chromedriver, via Selenium):
join from a 360-pixel-wide window, vote, reload, find the vote kept, see the reveal."""

from __future__ import annotations

import shutil
import time

import pytest

from .hostproc import HostProcess

webdriver = pytest.importorskip("selenium.webdriver")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
pytestmark = pytest.mark.skipif(not (shutil.which(CHROMIUM) and shutil.which(DRIVER)),
                                reason="needs Debian's chromium and chromium-driver")


def phone_browser(tmp_path):
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    opts.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path / 'chromium-profile'}", "--window-size=360,740", "--lang=vi"):
        opts.add_argument(flag)
    # headless windows are at least 500 px wide: emulate a 360-px phone screen instead
    opts.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 360, "height": 740, "pixelRatio": 2}})
    return webdriver.Chrome(service=Service(DRIVER), options=opts)


def wait_for(fn, timeout=15.0):
    end = time.monotonic() + timeout
    last = None
    while time.monotonic() < end:
        try:
            last = fn()
            if last:
                return last
        except Exception as exc:  # noqa: BLE001 — the page may be mid-render
            last = exc
        time.sleep(0.1)
    raise AssertionError(f"timed out; last: {last!r}")


@pytest.fixture
def host(tmp_path):
    h = HostProcess(tmp_path).start()
    yield h
    h.stop()


@pytest.mark.slow  # a real browser or host processes: CI's slow stage (README's command < 3 min)
def test_phone_joins_votes_survives_reload_and_sees_reveal(host, tmp_path):
    from selenium.webdriver.common.by import By

    drv = phone_browser(tmp_path)
    try:
        drv.get(f"{host.base}/?c={host.code}")
        nick = wait_for(lambda: drv.find_element(By.ID, "nick"))
        assert drv.find_element(By.ID, "code").get_attribute("value") == host.code
        nick.send_keys("Lan <b>9A</b>")  # markup is refused, and never rendered
        drv.find_element(By.CSS_SELECTOR, "#join-form button").click()
        wait_for(lambda: drv.find_element(By.ID, "error").is_displayed())
        nick.clear()
        nick.send_keys("Lan")
        drv.find_element(By.CSS_SELECTOR, "#join-form button").click()
        buttons = wait_for(lambda: drv.find_elements(By.CSS_SELECTOR, "#options button.option"))
        assert len(buttons) >= 2
        assert drv.execute_script("return window.innerWidth") == 360
        assert drv.execute_script("return document.documentElement.scrollWidth") <= 360  # fits a small phone
        time.sleep(0.5)  # the welcome and the state each re-render the page
        ids = drv.execute_script(
            "return Array.prototype.map.call(document.querySelectorAll('#options button.option'),"
            " function (b) { return b.getAttribute('data-choice'); })")
        n_options, chosen = len(ids), ids[1]
        wait_for(lambda: drv.find_element(By.CSS_SELECTOR, f'button[data-choice="{chosen}"]').click() or True)
        wait_for(lambda: host.dashboard()["together"]["tallies"].get(chosen) == 1)

        drv.refresh()  # a reload (or a locked screen coming back): same student, vote kept
        wait_for(lambda: drv.find_elements(By.CSS_SELECTOR, "#options button.option.mine"))
        mine = drv.find_element(By.CSS_SELECTOR, "#options button.option.mine")
        assert mine.get_attribute("data-choice") == chosen
        assert drv.find_element(By.ID, "join").is_displayed() is False
        time.sleep(0.5)
        d = host.dashboard()
        assert d["phones"] == 1 and d["together"]["voted"] == 1  # never counted twice

        if drv.execute_script("return document.documentElement.lang") != "en":
            drv.find_element(By.ID, "lang").click()  # switch to English on the phone
        wait_for(lambda: "Decision" in drv.find_element(By.ID, "decision-no").text)
        drv.find_element(By.ID, "lang").click()
        wait_for(lambda: "Quyết định" in drv.find_element(By.ID, "decision-no").text)
        drv.find_element(By.ID, "lang").click()

        host.control("reveal")
        answers = wait_for(lambda: drv.find_elements(By.CSS_SELECTOR, "#answers .answer"))
        assert len(answers) == n_options
        text = drv.find_element(By.ID, "answers").text
        assert any(w in text for w in ("Safe", "Risky", "Unsafe"))
        assert "(your vote)" in drv.find_element(By.CSS_SELECTOR, f'.answer[data-answer="{chosen}"]').text
        drv.save_screenshot(str(tmp_path / "phone-reveal.png"))
    finally:
        drv.quit()


def test_phone_without_websockets_falls_back_to_polling(host, tmp_path):
    from selenium.webdriver.common.by import By

    drv = phone_browser(tmp_path)
    try:
        drv.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": "window.WebSocket = undefined;"})
        drv.get(f"{host.base}/?c={host.code}&lang=en")
        wait_for(lambda: drv.find_element(By.ID, "nick")).send_keys("Quân")
        drv.find_element(By.CSS_SELECTOR, "#join-form button").click()
        wait_for(lambda: drv.find_elements(By.CSS_SELECTOR, "#options button.option"))
        time.sleep(0.5)
        first = drv.execute_script("return document.querySelector('#options button.option').getAttribute('data-choice')")
        wait_for(lambda: drv.find_element(By.CSS_SELECTOR, f'button[data-choice="{first}"]').click() or True)
        wait_for(lambda: host.dashboard()["together"]["tallies"].get(first) == 1)
        host.control("reveal")
        wait_for(lambda: drv.find_elements(By.CSS_SELECTOR, "#answers .answer"))
    finally:
        drv.quit()


@pytest.mark.slow  # a real browser or host processes: CI's slow stage (README's command < 3 min)
def test_replaying_a_scenario_never_votes_for_the_student(host, tmp_path):
    """The class plays the tutorial's first decision, then the trainer starts the tutorial again:
    the same step opens in a new run, and the phone must show it unvoted and send nothing (tryout M3)."""
    from selenium.webdriver.common.by import By

    drv = phone_browser(tmp_path)
    try:
        drv.get(f"{host.base}/?c={host.code}&lang=en")
        wait_for(lambda: drv.find_element(By.ID, "nick")).send_keys("Lan")
        drv.find_element(By.CSS_SELECTOR, "#join-form button").click()
        wait_for(lambda: drv.find_elements(By.CSS_SELECTOR, "#options button.option"))
        time.sleep(0.5)
        chosen = drv.execute_script(
            "return document.querySelectorAll('#options button.option')[1].getAttribute('data-choice')")
        wait_for(lambda: drv.find_element(By.CSS_SELECTOR, f'button[data-choice="{chosen}"]').click() or True)
        wait_for(lambda: host.dashboard()["together"]["tallies"].get(chosen) == 1)
        host.control("reveal")
        wait_for(lambda: drv.find_elements(By.CSS_SELECTOR, "#answers .answer"))

        host.control("start", scenario=host.scenario)  # the same scenario again, from its start
        wait_for(lambda: host.dashboard()["together"]["phase"] == "voting")
        wait_for(lambda: drv.find_elements(By.CSS_SELECTOR, "#options button.option"))
        time.sleep(1.5)  # long enough for a page that re-sends a kept vote to have done it
        together = host.dashboard()["together"]
        assert together["voted"] == 0 and sum(together["tallies"].values()) == 0
        assert not drv.find_elements(By.CSS_SELECTOR, "#options button.option.mine")
        assert "Pick an answer" in drv.find_element(By.ID, "vote-note").text
    finally:
        drv.quit()
