"""Human words for the ids in result rows: scenario titles, decision contexts, choices, flags.

Uses the scenario files and the translator when they are available; falls back to the
ids, so a report on results from scenarios no longer installed still works.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.core.i18n import load_translator
from game.core.model import (
    CallEvent,
    EmailEvent,
    InstallEvent,
    LineEvent,
    MessageEvent,
    NotificationEvent,
    PageEvent,
    PostEvent,
    Scenario,
)
from game.core.texts import Text, choice_key, event_key

from .strings import t

CONTEXT_CHARS = 120


@dataclass
class Labels:
    lang: str
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    red_flags: dict = field(default_factory=dict)
    quiz_items: dict[str, str] = field(default_factory=dict)  # item id -> title (already translated)

    def __post_init__(self):
        self.tr = load_translator(self.lang)
        self._titles: dict[str, str] = {}

    def _t(self, key: str, source: str | None) -> str:
        return self.tr.text(Text(key, source)) if source else ""

    def scenario(self, sid: str) -> str:
        title = self._titles.get(sid)
        if title is None:  # asked once per row of the follow-up list: translate once
            scn = self.scenarios.get(sid)
            title = self._titles[sid] = self._t(f"{sid}/title", scn.title) if scn else sid
        return title

    def context(self, sid: str, step_id: str) -> str:
        """What the class was deciding about: the discussion prompt, else the last thing said."""
        scn = self.scenarios.get(sid)
        step = scn.step(step_id) if scn else None
        if step is None:
            return step_id
        if step.discuss:
            return _cut(self._t(f"{sid}/{step_id}/discuss", step.discuss))
        for ev in reversed(step.events):
            key = event_key(scn, step, ev)
            if isinstance(ev, MessageEvent | LineEvent) and ev.text:
                return _cut(self._t(f"{key}/text", ev.text))
            if isinstance(ev, NotificationEvent):
                return _cut(self._t(f"{key}/title", ev.title) + ": " + self._t(f"{key}/text", ev.text))
            if isinstance(ev, EmailEvent):
                return _cut(self._t(f"{key}/subject", ev.subject))
            if isinstance(ev, PostEvent) and ev.text:
                return _cut(self._t(f"{key}/text", ev.text))
            if isinstance(ev, PageEvent):  # the address is what the class looked at
                return _cut(f"{self._t(f'{key}/title', ev.title)} · {ev.url.split('://', 1)[-1]}")
            if isinstance(ev, InstallEvent):
                return _cut(self._t(f"{key}/name", ev.name))
            if isinstance(ev, CallEvent):
                c = scn.contact(ev.sender)
                who = self._t(f"{sid}/contact/{c.id}/name", c.name) if c and c.saved else (c.number if c else ev.sender)
                return t(self.lang, "video_call_from" if ev.video else "call_from", who=who or "")
        return step_id

    def choice(self, sid: str, step_id: str, cid: str) -> str:
        scn = self.scenarios.get(sid)
        step = scn.step(step_id) if scn else None
        if step is None:
            return cid
        c = next((c for c in scn.offered_choices(step) if c.id == cid), None)
        return self._t(f"{choice_key(scn, step, c)}/text", c.text) if c else cid

    def choice_order(self) -> dict[str, dict[str, dict[str, str]]]:
        return {sid: {st.id: {c.id: c.safety for c in scn.offered_choices(st)} for st in scn.steps}
                for sid, scn in self.scenarios.items()}

    def losses(self) -> dict[tuple[str, str, str], frozenset[str]]:
        """(scenario, step, choice) -> what the choice loses, by its authored consequences."""
        return {(sid, st.id, c.id): frozenset(q.kind for q in c.consequences)
                for sid, scn in self.scenarios.items() for st in scn.steps
                for c in scn.offered_choices(st) if c.consequences}

    def flag(self, fid: str) -> str:
        fl = self.red_flags.get(fid)
        return self._t(f"red_flag/{fid}/name", fl.name) if fl else fid

    def quiz_item(self, iid: str) -> str:
        return self.quiz_items.get(iid, iid)


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= CONTEXT_CHARS else text[: CONTEXT_CHARS - 1].rstrip() + "…"
