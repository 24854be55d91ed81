"""Projector mode for a trainer-led session.

  python main.py classroom                      choose a scenario from a large list
  python main.py classroom FILE                 play one scenario file
  python main.py classroom --class-code 9A      record the votes under a class code

The phone is shown big with large text and no decision timers. At each decision the
story pauses on its options, lettered A, B, C…, and shows the author's `discuss:`
question. Type the number of raised hands for each option (a letter picks the option,
digits give the count, Backspace corrects), press Enter to reveal every option's
explanation, then a letter (or Enter for the most votes) to continue the story with it.
Votes are stored with the results (mode `classroom`) and appear in `report`.
Keys: Esc returns to the list (and quits from the list); F11 toggles full screen.
"""

from __future__ import annotations

from pathlib import Path

from game.cli.words import _, marked


def register(p) -> None:
    from game.cli.common import SCREEN_DEFAULT, add_lang

    p.add_argument("file", nargs="?", type=Path, help=_("a scenario file to play"))
    p.add_argument("--class-code", default=None, help=_("class code to record the votes under"))
    add_lang(p, _("interface language ({default})").format(default=marked(SCREEN_DEFAULT)))
    p.add_argument("--results-dir", metavar="DIR", help=_("folder for the results file (default: as for play)"))
    p.add_argument("--windowed", dest="fullscreen", action="store_false", default=True,
                   help=_("a window instead of full screen"))
    from game.cli.play import parse_size

    p.add_argument("--size", type=parse_size, default=(1280, 720), metavar="WxH",
                   help=_("window size with --windowed (at least 960x600)"))
    p.set_defaults(run=run)


def make_app(*, lang=None, size=(1280, 720), fullscreen=False, class_code=None, results_dir=None,
             recorder=None, data_dir=None):
    """The projector app: its own preferences file, so it never changes the students' settings."""
    from game.core import results as R
    from game.core.progress import Progress
    from game.core.storage import user_data_dir
    from game.ui.app import App

    progress = Progress(Path(data_dir or user_data_dir()) / "classroom.json")
    progress.prefs.text_size = "large"
    progress.prefs.timers = False
    if class_code is not None:
        progress.prefs.class_code = " ".join(class_code.split())[:16].upper()
    recorder = recorder or R.make_recorder(results_dir)
    return App(lang=lang, size=size, fullscreen=fullscreen, progress=progress, recorder=recorder,
               default_lang=lang or "vi")


def run(args) -> int:
    import sys

    from game.cli.common import screen_lang
    from game.core.loader import load_scenario

    app = make_app(lang=args.lang or screen_lang(), size=args.size, fullscreen=args.fullscreen,
                   class_code=args.class_code, results_dir=args.results_dir)
    from game.ui.classroom.scenes import ClassroomPickerScene, ClassroomScene

    if args.file is not None:
        loaded = load_scenario(args.file, app.get_taxonomy())
        if not loaded.ok:
            for d in loaded.diagnostics:
                print(d.format(app.lang), file=sys.stderr)
            return 1
        app.push(ClassroomScene(app, loaded.scenario))
    else:
        app.push(ClassroomPickerScene(app))
    try:
        app.run()
    finally:
        getattr(app.recorder, "close", lambda: None)()
    return 0
