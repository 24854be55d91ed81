"""Re-take the live-session screenshots: the projector in a real window (Xvfb) and a phone in
real headless Chromium (360 px wide), with 15 more simulated phones and 3 simulated lab PCs.

  python docs/screenshots/take_live.py        (from the repository root; DISPLAY_NUM=28 by default)
Needs xvfb, xdotool, imagemagick, chromium, chromium-driver and the `test` extra (selenium).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
PORT = 18777
sys.path.insert(0, str(ROOT))


def sh(*args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw).stdout


def main() -> None:
    disp = f":{os.environ.get('DISPLAY_NUM', '28')}"
    data = Path(tempfile.mkdtemp(prefix="la-chan-shots-"))
    xvfb = subprocess.Popen(["Xvfb", disp, "-screen", "0", "1280x720x24", "-nolisten", "tcp"])
    env = dict(os.environ, DISPLAY=disp, SDL_AUDIODRIVER="dummy", LA_CHAN_DATA_DIR=str(data))
    env.pop("SDL_VIDEODRIVER", None)
    log = open(data / "host.log", "w+")  # noqa: SIM115
    host = subprocess.Popen([sys.executable, "main.py", "host", "--windowed", "--lang", "vi", "--class-code", "9A",
                             "--bind", "127.0.0.1", "--port", str(PORT), "--data-dir", str(data)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        text = ""
        for _ in range(300):
            log.seek(0)
            text = log.read()
            if "listening on port" in text:
                break
            time.sleep(0.1)
        code = re.search(r"session (\w+)", text).group(1)
        wid = ""
        for _ in range(300):
            try:
                wid = sh("xdotool", "search", "--class", "", env=env).split()[-1]
                break
            except (subprocess.CalledProcessError, IndexError):
                time.sleep(0.1)
        time.sleep(3)
        subprocess.run(["xdotool", "windowactivate", wid], env=env, capture_output=True)
        subprocess.run(["xdotool", "windowfocus", wid], env=env, capture_output=True)

        def key(k):
            sh("xdotool", "key", "--window", wid, k, env=env)
            time.sleep(0.8)

        def shot(name):
            sh("import", "-window", "root", str(OUT / f"{name}.png"), env=env)

        phone = browser(data)
        phone.get(f"http://127.0.0.1:{PORT}/?c={code}&lang=vi")
        time.sleep(1.5)
        from selenium.webdriver.common.by import By

        phone.find_element(By.ID, "nick").send_keys("Lan")
        phone.save_screenshot(str(OUT / "27_phone_join_vi.png"))
        phone.find_element(By.CSS_SELECTOR, "#join-form button").click()
        stop = threading.Event()
        threading.Thread(target=lambda: asyncio.run(phones(code, 15, stop)), daemon=True).start()
        lab_pcs(code, 3)
        time.sleep(3)
        shot("26_host_join_vi")
        key("Return")
        key("2")  # demo_otp: a scam with red flags
        for _ in range(40):
            if phone.find_elements(By.CSS_SELECTOR, "#options button.option"):
                break
            key("space")
        time.sleep(4)
        buttons = phone.find_elements(By.CSS_SELECTOR, "#options button.option")
        if buttons:
            buttons[0].click()
        time.sleep(1.5)
        phone.save_screenshot(str(OUT / "29_phone_vote_vi.png"))
        shot("28_host_live_bars_vi")
        key("Return")  # reveal
        time.sleep(1.5)
        shot("30_host_reveal_vi")
        phone.find_element(By.ID, "lang").click()
        time.sleep(0.8)
        phone.save_screenshot(str(OUT / "31_phone_reveal_en.png"))
        phone.quit()
        desk = browser(data, phone=False)
        desk.get(f"http://127.0.0.1:{PORT}/dashboard?lang=vi")
        time.sleep(3)
        desk.save_screenshot(str(OUT / "32_dashboard.png"))
        desk.quit()
        stop.set()
    finally:
        host.terminate()
        host.wait(15)
        xvfb.terminate()


def browser(data, phone=True):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    opts.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={data / ('chromium' if phone else 'desk')}", "--lang=vi", "--hide-scrollbars",
                 "--window-size=1100,800"):
        opts.add_argument(flag)
    if phone:
        opts.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 360, "height": 740, "pixelRatio": 2}})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


NAMES = ["Minh", "Huy", "Vy", "An", "Bảo", "Trâm", "Khoa", "Nhi", "Tú", "Quân", "Linh", "Phúc", "Hà", "My", "Long"]


async def phones(code, n, stop):
    import aiohttp

    async def one(s, i):
        async with s.ws_connect(f"http://127.0.0.1:{PORT}/ws") as ws:
            await ws.send_json({"t": "join", "code": code, "nick": NAMES[i % len(NAMES)]})
            seen = set()
            while not stop.is_set():
                try:
                    m = await ws.receive(timeout=0.5)
                except TimeoutError:
                    continue
                if m.type != aiohttp.WSMsgType.TEXT:
                    return
                d = json.loads(m.data)
                if d.get("t") == "state" and d.get("phase") == "voting" and (d["step"], d["n"]) not in seen:
                    seen.add((d["step"], d["n"]))
                    await asyncio.sleep(random.random() * 2)
                    c = random.choices(d["options"], weights=[1, 4, 2, 1][:len(d["options"])])[0]["id"]
                    await ws.send_json({"t": "vote", "step": d["step"], "choice": c, "n": 1})

    async with aiohttp.ClientSession() as s:
        await asyncio.gather(*(one(s, i) for i in range(n)))


def lab_pcs(code, n):
    from game.core import results as R
    from game.core.engine import Engine
    from game.core.loader import load_scenario, load_taxonomy
    from game.live.headless import to_decision
    from game.live.lab import LabLink, LabRecorder

    scn = load_scenario(ROOT / "scenarios" / "online_kidnapping.yaml", load_taxonomy()).scenario
    for i in range(n):
        d = Path(tempfile.mkdtemp(prefix="la-chan-pc-"))
        store = R.ResultsStore(d / "results", data_dir=d, machine=f"labpc{i:02d}")
        rec = LabRecorder(store, LabLink(f"http://127.0.0.1:{PORT}", code, store.machine, d))
        eng, rng = Engine(scn, timers=False), random.Random(i)
        sid = rec.start_session(nickname=["Đức", "Thảo", "Nam"][i % 3], class_code="9A", scenario_id=scn.id,
                                scenario_version=scn.version)
        to_decision(eng)
        for _ in range(2 + i):
            if not eng.deciding:
                break
            eng.choose(rng.choice(eng.offered()).id)
            rec.record_decision(sid, eng.log[-1])
            to_decision(eng)
        rec.link.flush(5)
        rec.close()


if __name__ == "__main__":
    main()
