"""The interface through which the game reports play to a results store.

The view calls these methods; `NullRecorder` does nothing. The SQLite store in
`results/store.py` implements the same methods. Recording must never break play, so
implementations swallow and report their own I/O errors via `warning`.
"""

from __future__ import annotations


class NullRecorder:
    warning: str | None = None  # a message the UI shows, e.g. "results folder not writable"

    def start_session(self, *, nickname: str, class_code: str, scenario_id: str,
                      scenario_version: int, mode: str = "play", phase: str = "") -> str:
        """Begin a run; mode is play, classroom or quiz (phase "pre"/"post"); returns a session id."""
        return ""

    def resume_session(self, session_id: str, *, nickname: str, class_code: str, scenario_id: str,
                       scenario_version: int, mode: str = "play", phase: str = "",
                       decisions=()) -> str:
        """Continue a run started earlier (resumed after a crash) under the same session id.

        `decisions` are the ones replayed from the saved run: any the store missed (the one
        in flight when the game was killed) are filled in, none is stored twice.
        """
        return session_id

    def record_decision(self, session_id: str, decision, *, votes: dict | None = None) -> None:
        """Store one `engine.Decision` as soon as it is made."""

    def finish_session(self, session_id: str, *, ending_id: str, outcome: str, score: int,
                       possible: int) -> None:
        """Mark the run complete."""
