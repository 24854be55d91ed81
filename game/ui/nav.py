"""Scenes by name: how one scene opens another without importing it.

A scene module imports only what it draws. To open another scene it asks the app by name
(`app.goto("debrief", scn, engine)`, `app.push_named("settings")`, `app.reset_to("picker")`,
or `app.make(...)` for a scene to hand on). This is the one place that knows every scene's
module, and it imports a module only when its scene is first asked for, so no two scene
modules import each other (tests/ui/test_scene_imports.py scans for import circles).
"""

from __future__ import annotations

from importlib import import_module

# name → (module, class). Subclasses elsewhere (classroom, host, quiz) import their base directly.
SCENES: dict[str, tuple[str, str]] = {
    "language": ("game.ui.scenes.language", "LanguageScene"),
    "profile": ("game.ui.scenes.profile", "ProfileScene"),
    "picker": ("game.ui.scenes.picker", "PickerScene"),
    "settings": ("game.ui.scenes.settings", "SettingsScene"),
    "warning": ("game.ui.scenes.start", "WarningScene"),
    "play": ("game.ui.scenes.play", "PlayScene"),
    "pause": ("game.ui.scenes.pause", "PauseScene"),
    "debrief": ("game.ui.scenes.debrief", "DebriefScene"),
    "lint": ("game.ui.scenes.watch", "LintOverlay"),
    "quiz_intro": ("game.ui.quiz.scenes", "QuizIntroScene"),
}


def scene_class(name: str):
    try:
        module, cls = SCENES[name]
    except KeyError:
        raise KeyError(f"no scene called {name!r}; known: {', '.join(sorted(SCENES))}") from None
    return getattr(import_module(module), cls)


def make(app, name: str, /, *args, **kwargs):
    return scene_class(name)(app, *args, **kwargs)


def start_scenario(app, scn, *, resume: bool = False, start: str | None = None, replace: bool = False) -> None:
    """Open a scenario: its content warnings first (if any and not resuming), then the phone."""
    from game.core.progress import replay_snapshot

    snap = app.progress.run(app.prefs.nickname, scn.id, scn.version) if resume else None
    if snap is not None and replay_snapshot(scn, snap, timers=False) is None:
        snap, resume = None, False  # does not replay cleanly: start again
    if not resume:
        app.progress.drop_run(app.prefs.nickname, scn.id)

    def play():
        return make(app, "play", scn, resume=snap, start=start)

    nxt = make(app, "warning", scn, play) if scn.content_warnings and not snap else play()
    if replace:
        app.replace(nxt)
    else:
        app.push(nxt)
