"""The host's web server: the phone page, WebSockets (with a polling fallback), the
trainer's controls and dashboard, and the lab PCs' rows.

aiohttp runs in a thread of its own with its own event loop, beside the Pygame loop:
the projector never waits for the network, and the server never touches pygame. All
shared state lives in `LiveSession` (locked, microsecond methods).

Every client message is size-checked before parsing, validated (`protocol`), and
rate-limited per connection and per address; a bad client gets an error for itself
alone. Controls and the dashboard need the trainer's laptop itself (loopback) or the
trainer key, which is printed in the terminal and never drawn on the projector.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import os
import sys
import threading
import time
from pathlib import Path

from aiohttp import WSMsgType, web

from game.core import results as R

from . import protocol as P
from .netaddr import is_loopback
from .session import LiveSession

WEB_DIR = Path(__file__).with_name("web")
STATIC = {"phone.js": "application/javascript", "phone.css": "text/css", "dashboard.js": "application/javascript",
          "dashboard.css": "text/css"}
WS_RATE, WS_BURST = 5.0, 15.0  # messages a second per phone connection
WS_HANG_UP_AFTER = 300  # refused messages before a flooding connection is closed
HTTP_RATE, HTTP_BURST = 20.0, 60.0  # requests a second per address (polling phones, lab PCs)
LONG_POLL_S = 15.0
MAX_SOCKETS = 1000
MAX_SOCKETS_PER_ADDRESS = 20  # one phone needs one; the laptop itself (benchmarks, tests) is not capped
SWITCH_INTERVAL_S = 0.001
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
                    "Cache-Control": "no-store",
                    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
                                               "connect-src 'self' ws: wss:; frame-ancestors 'none'"}


def phone_page() -> bytes:
    from game.core.i18n import available_languages, load_translator

    from .phone_words import page_words, script_tag

    words = page_words({lang: load_translator(lang) for lang in available_languages()})
    html = (WEB_DIR / "phone.html").read_text(encoding="utf-8")
    return html.replace("<!--WORDS-->", script_tag(words), 1).encode("utf-8")


def error(status: int, code: str) -> web.Response:
    return web.json_response({"t": "error", "code": code}, status=status, headers=SECURITY_HEADERS)


class HostServer:
    def __init__(self, session: LiveSession, store, *, addresses=("127.0.0.1",), port: int = 8765,
                 trust_loopback: bool = True):
        self.session = session
        self.store = store
        self.addresses = list(addresses)
        self.port = port
        self.trust_loopback = trust_loopback
        self.loop: asyncio.AbstractEventLoop | None = None
        self.sockets: dict = {}  # ws -> token or None
        self.socket_addr: dict = {}  # ws -> client address
        self.http_limits: dict[str, P.RateLimit] = {}
        self.started = threading.Event()
        self.failed: BaseException | None = None
        self.thread: threading.Thread | None = None
        self._wake: asyncio.Event | None = None
        self._changed: asyncio.Event | None = None
        self._runner = None
        self.stats = {"errors": 0, "refused": 0}
        session.listeners.append(self._on_change)

    # -- running in its own thread -----------------------------------------------

    def start(self, timeout: float = 10.0) -> None:
        # Hand the GIL back to the frame loop within 1 ms instead of 5 ms while the server is busy.
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL_S))
        self.thread = threading.Thread(target=self._main, name="live-server", daemon=True)
        self.thread.start()
        self.started.wait(timeout)
        if self.failed is not None:
            raise self.failed
        if not self.started.is_set():
            raise RuntimeError("the live server did not start")

    def _main(self) -> None:
        # The projector's frame comes first: this thread runs at a lower OS priority (Linux
        # allows a nice value per thread), so a vote storm waits a few ms, never a frame.
        with contextlib.suppress(OSError, AttributeError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 5)
        self.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self._serve())
        except BaseException as exc:  # noqa: BLE001 — reported to start()
            self.failed = exc
            self.started.set()
            return
        self.started.set()
        self.loop.run_forever()
        self.loop.run_until_complete(self._cleanup())
        self.loop.close()

    async def _serve(self) -> None:
        self._wake = asyncio.Event()
        self._changed = asyncio.Event()
        app = self.make_app()
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await self._runner.setup()
        for addr in self.addresses:
            site = web.TCPSite(self._runner, addr, self.port, reuse_address=True)
            await site.start()
        if self.port == 0:  # tests: the port the system chose
            self.port = self._runner.addresses[0][1]
        asyncio.get_running_loop().create_task(self._broadcaster())

    async def _cleanup(self) -> None:
        for ws in list(self.sockets):
            with contextlib.suppress(Exception):
                await ws.close(code=1001, message=b"host stopping")
        if self._runner is not None:
            await self._runner.cleanup()
        me = asyncio.current_task()
        tasks = [t for t in asyncio.all_tasks() if t is not me]
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def stop(self) -> None:
        if self.loop is not None and self.thread is not None and self.thread.is_alive():
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=10)

    # -- session changes → phones ---------------------------------------------------

    def _on_change(self, kind: str) -> None:
        """Called from any thread when the session changes."""
        if self.store is not None:
            self.store.save_snapshot_soon(self.session.snapshot)
        if kind in ("phones", "join") and self.loop is not None and self._wake is not None:
            with contextlib.suppress(RuntimeError):  # loop already closed at shutdown
                self.loop.call_soon_threadsafe(self._wake.set)

    async def _broadcaster(self) -> None:
        last = -1
        while True:
            await self._wake.wait()
            self._wake.clear()
            await asyncio.sleep(0.02)  # coalesce a burst of changes into one push
            self._changed.set()  # long-polling phones
            self._changed = asyncio.Event()
            if self.session.phone_version == last:
                continue
            last = self.session.phone_version
            for ws, tok in list(self.sockets.items()):
                if tok is None or ws.closed:
                    continue
                with contextlib.suppress(Exception):
                    await ws.send_str(json.dumps(self.session.phone_state(tok), ensure_ascii=False))

    # -- the app ---------------------------------------------------------------------

    def make_app(self) -> web.Application:
        app = web.Application(client_max_size=P.MAX_LAB_BYTES, middlewares=[self._limits])
        app.router.add_get("/", self.page)
        app.router.add_get("/static/{name}", self.static)
        app.router.add_get("/ws", self.ws)
        app.router.add_post("/api/msg", self.msg)
        app.router.add_get("/api/state", self.state)
        app.router.add_post("/api/control", self.control)
        app.router.add_get("/dashboard", self.dashboard_page)
        app.router.add_get("/api/dashboard", self.dashboard)
        app.router.add_post("/api/lab", self.lab)
        app.router.add_get("/api/ping", self.ping)
        return app

    @web.middleware
    async def _limits(self, request, handler):
        addr = request.remote or "?"
        lim = self.http_limits.get(addr)
        if lim is None:
            if len(self.http_limits) > 5000:
                self.http_limits.clear()
            lim = self.http_limits[addr] = P.RateLimit(HTTP_RATE, HTTP_BURST, time.monotonic)
        if request.path != "/ws" and not lim.allow():
            self.stats["refused"] += 1
            return error(429, "slow_down")
        limit = P.MAX_LAB_BYTES if request.path == "/api/lab" else P.MAX_MESSAGE_BYTES
        if request.content_length is not None and request.content_length > limit:
            self.stats["errors"] += 1
            return error(413, "too_big")
        try:
            resp = await handler(request)
        except web.HTTPRequestEntityTooLarge:
            self.stats["errors"] += 1
            return error(413, "too_big")
        if isinstance(resp, web.Response):
            for k, v in SECURITY_HEADERS.items():
                resp.headers.setdefault(k, v)
        return resp

    def is_trainer(self, request) -> bool:
        if self.trust_loopback and is_loopback(request.remote):
            return True
        key = request.headers.get("X-Trainer-Key") or request.query.get("k") or ""
        return hmac.compare_digest(key.encode(), self.session.key.encode())

    async def page(self, request):
        """phone.html with the words of every language present in locale/ (read once, on the first visit)."""
        if getattr(self, "_page", None) is None:
            self._page = await asyncio.get_running_loop().run_in_executor(None, phone_page)
        return web.Response(body=self._page, headers={**SECURITY_HEADERS, "Content-Type": "text/html; charset=utf-8"})

    async def static(self, request):
        name = request.match_info["name"]
        if name not in STATIC:
            return error(404, "not_found")
        return web.FileResponse(WEB_DIR / name, headers={"Content-Type": STATIC[name], "Cache-Control": "no-cache"})

    async def ping(self, request):
        return web.json_response({"ok": True, "app": "la-chan"})

    # -- phones --------------------------------------------------------------------------

    def handle(self, msg: dict, token: str | None) -> tuple[list[dict], str | None]:
        """One validated phone message → replies for that phone, and its token from now on."""
        s = self.session
        kind = msg["t"]
        if kind == "ping":
            return [{"t": "pong"}], token
        if kind == "join":
            if msg["code"] != s.code:
                raise P.Invalid("wrong_code")
            st = s.join(msg["nick"], msg["token"])
            return [{"t": "welcome", "token": st.token, "nick": st.nick}, s.phone_state(st.token)], st.token
        if kind == "hello":
            if msg["code"] != s.code:
                raise P.Invalid("wrong_code")
            st = s.student(msg["token"])
            if st is None:
                raise P.Invalid("unknown_token")
            return [{"t": "welcome", "token": st.token, "nick": st.nick}, s.phone_state(st.token)], st.token
        if token is None:
            raise P.Invalid("join_first")
        if kind == "vote":
            s.vote(token, msg["step"], msg["choice"], decision=msg.get("d"))
            return [{"t": "voted", "step": msg["step"], "choice": msg["choice"], "n": msg["n"]}], token
        raise P.Invalid("bad_message")

    async def ws(self, request):
        if len(self.sockets) >= MAX_SOCKETS:
            return error(503, "full")
        addr = request.remote
        if not is_loopback(addr) and sum(1 for a in self.socket_addr.values() if a == addr) >= MAX_SOCKETS_PER_ADDRESS:
            return error(429, "too_many_connections")
        ws = web.WebSocketResponse(max_msg_size=P.MAX_MESSAGE_BYTES, heartbeat=25.0, autoping=True)
        await ws.prepare(request)
        self.sockets[ws] = None
        self.socket_addr[ws] = addr
        limit = P.RateLimit(WS_RATE, WS_BURST, time.monotonic)
        token = None
        try:
            async for m in ws:
                if m.type != WSMsgType.TEXT:
                    if m.type == WSMsgType.BINARY:
                        await ws.send_json({"t": "error", "code": "bad_message"})
                        continue
                    break
                if not limit.allow():
                    self.stats["refused"] += 1
                    if limit.refused > WS_HANG_UP_AFTER:
                        await ws.close(code=1008, message=b"too many messages")
                        break
                    if limit.refused % 20 == 1:
                        await ws.send_json({"t": "error", "code": "slow_down"})
                    continue
                try:
                    msg = P.parse(m.data)
                    replies, token = self.handle(msg, token)
                    self.sockets[ws] = token
                except P.Invalid as exc:
                    self.stats["errors"] += 1
                    replies = [{"t": "error", "code": exc.code}]
                for r in replies:
                    await ws.send_str(json.dumps(r, ensure_ascii=False))
        finally:
            self.sockets.pop(ws, None)
            self.socket_addr.pop(ws, None)
        return ws

    async def msg(self, request):
        """The polling fallback: the same messages as over the WebSocket, with the token in the body."""
        try:
            raw = await request.content.read(P.MAX_MESSAGE_BYTES + 1)
            msg = P.parse(raw)
            body = json.loads(raw)
            token = P.token(body["token"]) if msg["t"] == "vote" and isinstance(body, dict) else None
            if token is not None and self.session.student(token) is None:
                raise P.Invalid("unknown_token")
            replies, _ = self.handle(msg, token)
        except P.Invalid as exc:
            self.stats["errors"] += 1
            return error(413 if exc.code == "too_big" else 400, exc.code)
        except (KeyError, TypeError):
            return error(400, "bad_token")
        return web.json_response({"replies": replies})

    async def state(self, request):
        tok = request.query.get("token")
        if tok is not None:
            try:
                P.token(tok)
            except P.Invalid:
                return error(400, "bad_token")
        try:
            since = int(request.query.get("v", "-1"))
        except ValueError:
            return error(400, "bad_message")
        end = time.monotonic() + LONG_POLL_S
        while since == self.session.phone_version and time.monotonic() < end:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._changed.wait(), end - time.monotonic())
        return web.json_response(self.session.phone_state(tok))

    # -- the trainer -------------------------------------------------------------------------

    async def control(self, request):
        if not self.is_trainer(request):
            return error(403, "trainer_only")
        try:
            msg = P.parse_json(await request.content.read(P.MAX_MESSAGE_BYTES + 1), P.MAX_MESSAGE_BYTES)
        except P.Invalid as exc:
            return error(400, exc.code)
        s, action = self.session, msg.get("action")
        if action == "lock":
            s.set_locked(True)
        elif action == "unlock":
            s.set_locked(False)
        elif action == "reveal":
            s.reveal()
        elif action in ("bars_on", "bars_off"):
            s.set_bars(action == "bars_on")
        elif action == "take":
            choice, n = msg.get("choice"), msg.get("n")
            if choice is not None:
                choice = P.an_id(choice, "bad_choice")
            if n is not None:
                n = P._int(n, 1, 10**6, "bad_n")
            s.command("take", (choice, n))  # n: the decision meant, so a repeated click takes nothing more
        elif action == "start":
            s.command("start", P.an_id(msg.get("scenario"), "bad_id"))
        else:
            return error(400, "bad_action")
        return web.json_response({"ok": True, "phase": s.phase})

    async def dashboard_page(self, request):
        if not self.is_trainer(request):
            return error(403, "trainer_only")
        return web.FileResponse(WEB_DIR / "dashboard.html", headers={**SECURITY_HEADERS, "Content-Type": "text/html"})

    async def dashboard(self, request):
        if not self.is_trainer(request):
            return error(403, "trainer_only")
        from game.core.i18n import available_languages

        lang = request.query.get("lang")
        lang = lang if lang in available_languages() else "vi"
        return web.json_response(self.session.dashboard(names=request.query.get("names") == "1", lang=lang))

    # -- lab PCs -------------------------------------------------------------------------------

    async def lab(self, request):
        try:
            batch = P.lab_batch(await request.content.read(P.MAX_LAB_BYTES + 1))
            if batch["code"] != self.session.code:
                raise P.Invalid("wrong_code")
        except P.Invalid as exc:
            self.stats["errors"] += 1
            return error(413 if exc.code == "too_big" else 400, exc.code)
        for row in batch["sessions"] + batch["decisions"]:
            if row.get("nickname") is not None:
                row["nickname"] = R.clean_nickname(row["nickname"])
        self.session.lab_add(batch["machine"], batch["sessions"], batch["decisions"])
        if self.store is not None:
            self.store.put_rows(batch["sessions"], batch["decisions"])
        return web.json_response({"ok": True, "sessions": [s["id"] for s in batch["sessions"]],
                                  "decisions": [d["id"] for d in batch["decisions"]]})
