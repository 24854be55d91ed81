"""When the check runs: before the first scenario (after the nickname) and at the end.

The trainer switches it on (`play --quiz`, remembered on the machine). `app.quiz` holds
the loaded quiz or None; `app.quiz_done` remembers, per player, which phases are done in
this sitting, so a student who changes player starts with a fresh pre-check.
"""

from __future__ import annotations


def enabled(app) -> bool:
    return getattr(app, "quiz", None) is not None


def _done(app) -> set:
    store = app.__dict__.setdefault("quiz_done", {})
    return store.setdefault((app.prefs.nickname, app.prefs.class_code), set())


def after_profile(app):
    """The scene to show once the player has a nickname: the pre-check, or None (go on)."""
    if not enabled(app) or "pre" in _done(app):
        return None
    return app.make("quiz_intro", app.quiz, "pre", then=lambda a: a.make("picker"))


def finish_label(app) -> str | None:
    """The picker's button that ends the session with the after-check, when it applies."""
    if not enabled(app) or "post" in _done(app):
        return None
    return app.tr.gettext("Finish: final check")


def start_post(app) -> None:
    app.goto("quiz_intro", app.quiz, "post", then=lambda a: a.make("picker"))


def mark_done(app, phase: str) -> None:
    _done(app).add(phase)


def configure(app, switch: bool | None) -> None:
    """Turn the check on or off for this machine (`play --quiz` / `--no-quiz`, remembered)."""
    from game.core.trainer import save_trainer_settings, trainer_settings

    on = save_trainer_settings(quiz=switch)["quiz"] if switch is not None else trainer_settings()["quiz"]
    if on:  # the quiz loader (YAML, schema) is imported only when the check is switched on
        from game.core.quiz import load_quizzes
    quizzes = load_quizzes() if on else []
    app.quiz = quizzes[0] if quizzes else None


def results_warning(tr, recorder) -> str:
    """The results store's warning in the player's language ("" when all is well).

    The store is pure and keeps English text; the literals here are what the
    translation extractor sees.
    """
    from game.core import results as R

    w = getattr(recorder, "warning", None) or ""
    known = {
        R.WARN_FALLBACK: tr.gettext("The results folder cannot be written. "
                                    "Results are kept on this computer until it can."),
        R.WARN_LOST: tr.gettext("Results cannot be saved on this computer. Tell your teacher."),
        R.WARN_NOWHERE: tr.gettext("The results folder cannot be written, and results cannot be saved "
                                   "on this computer either. Tell your teacher."),
    }
    return known.get(w, w)


def trainer_lines(app) -> list[str]:
    """Read-only facts for the settings page, so a trainer can check a lab machine at a glance.

    They are changed with `play --results-dir DIR` and `--quiz/--no-quiz` (remembered),
    not here: students share these machines.
    """
    tr, rec = app.tr, app.recorder
    folder = getattr(rec, "results_dir", None)
    # Never the folder's path: students read this page too, and a path is no use to them
    # (trainers choose it with `play --results-dir DIR`, which remembers it).
    lines = [tr.gettext("Results are being saved.") if folder is not None
             else tr.gettext("Results are not being saved.")]
    lines.append(tr.gettext("Before/after check: on") if enabled(app) else tr.gettext("Before/after check: off"))
    return lines
