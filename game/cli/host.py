"""Host a live class session on the school network (no internet, no accounts).

  python main.py host                         projector: join screen with a QR code, then together mode
  python main.py host --class-code 9A         record everything under a class code
  python main.py host --headless --scenario tutorial   no window: controls over HTTP (below)

Students open the URL shown (or scan the QR code) on their phones, type the session
code and a nickname, and vote at every decision. Lab PCs join with
`python main.py play --join ADDRESS --code CODE`. The terminal prints the trainer key
and the dashboard link: keep them off the projector. Controls (lock, reveal, go on)
work from this laptop's own keyboard and browser, or elsewhere with the trainer key.

Keys on the projector: Enter continues (join screen → scenarios; vote → reveal → go on
with the most-voted option), a letter goes on with that option after the reveal,
L locks/unlocks the vote, H hides/shows the live bars, Esc returns to the list (the open
vote closes without going on; the phones wait). Enter reveals only after the vote has been
on the projector for 1.5 s, so a press meant to skip ahead never reveals an empty vote.
The server answers on the laptop's private LAN address and 127.0.0.1 only;
--bind ADDR chooses another, and a public address needs --allow-public.
Without a window (--headless, for a rehearsal), the controls are HTTP calls from this laptop
(or with the header X-Trainer-Key): POST /api/control with a JSON body {"action": A}, A one of
lock, unlock, reveal, bars_on, bars_off, take (the most-voted option, or "choice": ID; "n": the
decision number makes a repeated call harmless), start ("scenario": ID). For example:
  curl -d '{"action":"reveal"}' http://127.0.0.1:8765/api/control
The dashboard only watches; it has no buttons.
If the host is stopped or killed, starting it again resumes the same session
(code, students, votes, story) from its results file; --new starts a fresh one.
"""

from __future__ import annotations

from pathlib import Path

from game.cli.words import _, marked


def register(p) -> None:
    from game.cli.common import SCREEN_DEFAULT, add_lang

    p.add_argument("--class-code", default="", help=_("class code recorded with every row"))
    p.add_argument("--port", type=int, default=8765, help=_("TCP port (default 8765)"))
    p.add_argument("--bind", metavar="ADDR",
                   help=_("listen on this address only (default: LAN address + 127.0.0.1)"))
    p.add_argument("--allow-public", action="store_true", help=_("allow a public (non-private) address"))
    p.add_argument("--require-key", action="store_true",
                   help=_("ask for the trainer key even from this laptop (shared computers)"))
    p.add_argument("--new", dest="fresh", action="store_true", help=_("start a new session instead of resuming"))
    p.add_argument("--results-dir", metavar="DIR", help=_("folder for the results file (default: as for play)"))
    p.add_argument("--data-dir", metavar="DIR", type=Path, help=argparse_hidden())
    p.add_argument("--headless", action="store_true",
                   help=_("no projector window (rehearsals, tests): controls are HTTP calls, see above"))
    p.add_argument("--scenario", metavar="ID", help=_("with --headless: the scenario to start"))
    # Translators: the help of host's --lang; {default} is the "default: ..." text
    add_lang(p, _("projector language, {default} (phones choose their own)").format(default=marked(SCREEN_DEFAULT)))
    p.add_argument("--windowed", dest="fullscreen", action="store_false", default=True,
                   help=_("a window instead of full screen"))
    p.add_argument("--size", default="1280x720", help=_("window size with --windowed"))
    p.set_defaults(run=run)


def argparse_hidden():
    import argparse

    return argparse.SUPPRESS


def run(args) -> int:
    import sys

    from game.live.host import announce, start_host

    try:
        host = start_host(results_dir=args.results_dir, data_dir=args.data_dir, bind=args.bind,
                          allow_public=args.allow_public, port=args.port, class_code=args.class_code,
                          fresh=args.fresh, require_key=args.require_key)
    except (ValueError, OSError) as exc:
        print(f"host: {exc}", file=sys.stderr)
        return 2
    announce(host)
    try:
        if args.headless:
            return _headless(host, args)
        return _projector(host, args)
    finally:
        host.close()


def _headless(host, args) -> int:
    import asyncio
    import signal
    import threading

    from game.core.loader import load_all
    from game.live.headless import HeadlessStory

    scenarios = {ld.scenario.id: ld.scenario for ld in load_all(None, host.together.taxonomy) if ld.ok}
    story = HeadlessStory(host.together, scenarios)
    if not story.resume() and args.scenario:
        story.start(args.scenario)
    asyncio.run_coroutine_threadsafe(story.run(), host.server.loop)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    while not stop.wait(0.5):
        pass
    return 0


def _projector(host, args) -> int:
    from game.cli.classroom import make_app
    from game.cli.common import screen_lang
    from game.cli.play import parse_size
    from game.ui.host.scenes import HostJoinScene

    app = make_app(lang=args.lang or screen_lang(), size=parse_size(args.size), fullscreen=args.fullscreen,
                   class_code=args.class_code or None, recorder=host.store, data_dir=args.data_dir)
    app.push(HostJoinScene(app, host))
    story = host.session.story
    if story.get("scenario"):  # the host was stopped mid-story: carry on where the class was
        from game.ui.host.scenes import HostScene

        e = next((e for e in app.get_catalog().entries if e.ok and e.id == story["scenario"]), None)
        if e is not None:
            app.push(HostScene(app, e.scenario, host, resume_story=story))
    app.run()
    return 0
