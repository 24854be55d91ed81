"""Start the game: open the window and choose the first scene."""

from __future__ import annotations

import sys
from pathlib import Path

from .app import App


def first_scene(app, file: Path | None, watch: bool, start: str | None, lang: str | None = None):
    if file is None:
        if lang:  # the language is given (a lab's shortcut, `--lang vi`): nothing to choose
            return app.make("profile")
        from .scenes.language import LanguageScene

        return LanguageScene(app)
    from game.core.loader import load_scenario

    from .scenes.play import PlayScene
    from .scenes.watch import LintOverlay

    loaded = load_scenario(Path(file), app.get_taxonomy())
    if not loaded.ok:
        if watch:
            return LintOverlay(app, file, loaded.diagnostics, [], start)
        for d in loaded.diagnostics:
            print(d.format(app.lang), file=sys.stderr)
        return None
    if start and loaded.scenario.step(start) is None:
        print(f"--start: no step {start!r} in {file}", file=sys.stderr)
        return None
    return PlayScene(app, loaded.scenario, start=start, watch=Path(file) if watch else None)


class _LaterRecorder:
    """The results store, opened on first use (the picker asks for its warning): opening SQLite
    and starting its writer thread is no reason to keep the first screen waiting."""

    def __init__(self, make):
        self._make, self._real = make, None

    def _get(self):
        if self._real is None:
            self._real = self._make()
        return self._real

    def __getattr__(self, name):
        return getattr(self._get(), name)

    def close(self) -> None:
        if self._real is not None:
            getattr(self._real, "close", lambda: None)()


def launch(*, file=None, watch=False, start=None, lang=None, fullscreen=None, size=(1280, 720),
           default_lang="vi", on_first_frame=None, results_dir=None, quiz=None, join=None, join_code=None) -> int:
    from game.core.trainer import save_trainer_settings

    from .quiz import flow as quiz_flow

    def make_recorder():
        # imported when first used, not before the first screen
        from game.core import results

        return results.make_recorder(results_dir or None)

    if results_dir is not None:  # a trainer's choice, remembered on this machine ("" = back to local)
        save_trainer_settings(results_dir=str(results_dir) or None)
    recorder = _LaterRecorder(make_recorder)
    if join:  # lab mode: the same rows also go to the trainer's host, so the store opens now
        from game.live.lab import join_recorder

        try:
            recorder = join_recorder(make_recorder(), join, join_code)
        except ValueError as exc:
            import sys

            print(f"play --join: {exc}", file=sys.stderr)
            getattr(recorder, "close", lambda: None)()
            return 2
    app = App(lang=lang, size=size, fullscreen=fullscreen, default_lang=default_lang, recorder=recorder)
    quiz_flow.configure(app, quiz)
    scene = first_scene(app, file, watch, start, lang)
    if scene is None:
        return 1
    app.push(scene)
    try:
        app.run(on_first_frame=on_first_frame)
    finally:
        recorder.close()
    return 0
