"""Translatable text: every author-written string with its stable key (msgctxt).

Keys are id paths such as `fake_police/step_3/choice/hang_up/text`. The engine tags
what it shows with these keys; the i18n pipeline extracts the same keys, so the two
can never drift apart.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from .diagnostics import Mark
from .model import (
    QR,
    Choice,
    Comment,
    Ending,
    Event,
    Hotline,
    Link,
    PageBlock,
    RedFlag,
    Scenario,
    Step,
    Tag,
)

# Records inside an event whose texts are keyed under the event: `…/link/title`, `…/qr/name`,
# `…/comments/0/text`, `…/blocks/2/button`. (A choice's consequences are keyed by `iter_choice`.)
_NESTED = (Link, QR)
_NESTED_LISTS = (Comment, PageBlock)


@dataclass(frozen=True)
class Text:
    """Source text plus its key; the view translates it at draw time."""

    key: str
    source: str
    # (name, kind, value) of each `{placeholder}` the source uses, as they were when it was shown;
    # the view fills them in after translating (placeholders.fill).
    values: tuple = ()

    def __bool__(self) -> bool:
        return bool(self.source)


@dataclass(frozen=True)
class TextItem:
    key: str
    source: str
    note: str | None
    mark: Mark | None


def text(key: str, source: str | None, values: tuple = ()) -> Text | None:
    return Text(key, source, values) if source else None


_TEXT_FIELDS: dict[type, list[tuple[str, object]]] = {}


def _text_fields(cls) -> list[tuple[str, object]]:
    """(name, kind) of the fields of a record class that hold or contain translatable text."""
    if cls not in _TEXT_FIELDS:
        _TEXT_FIELDS[cls] = [(fl.name, fl.metadata.get("kind")) for fl in dataclasses.fields(cls)
                             if fl.metadata.get("kind") in ("text", "texts", *_NESTED)
                             or (isinstance(fl.metadata.get("kind"), list) and fl.metadata["kind"][0] in _NESTED_LISTS)]
    return _TEXT_FIELDS[cls]


def _fields(obj, prefix: str, note: str | None) -> Iterator[TextItem]:
    out: list[TextItem] = []
    _add_fields(obj, prefix, note, out)
    return iter(out)


def _add_fields(obj, prefix: str, note: str | None, out: list[TextItem]) -> None:
    """_fields, appending to `out`: lint lists the texts of every file, ~100 records each."""
    for name, kind in _TEXT_FIELDS.get(obj.__class__) or _text_fields(obj.__class__):
        value = getattr(obj, name)
        if not value:
            continue
        if kind == "text":
            out.append(TextItem(f"{prefix}/{name}", value, note, obj.where(name)))
        elif kind == "texts":
            mark = obj.where(name)
            for i, v in enumerate(value):
                out.append(TextItem(f"{prefix}/{name}/{i}", v, note, mark))
        elif isinstance(kind, list):
            for i, item in enumerate(value):
                _add_fields(item, f"{prefix}/{name}/{i}", note, out)
        else:
            _add_fields(value, f"{prefix}/{name}", note, out)


def choice_key(scn: Scenario, step: Step | None, choice: Choice) -> str:
    if step is None or choice not in step.choices:
        return f"{scn.id}/help/{choice.id}"
    return f"{scn.id}/{step.id}/choice/{choice.id}"


def event_key(scn: Scenario, step: Step, ev: Event) -> str:
    return f"{scn.id}/{step.id}/{ev.id}"


def timeout_key(scn: Scenario, step: Step) -> str:
    return f"{scn.id}/{step.id}/timeout"


def ending_key(scn: Scenario, ending: Ending) -> str:
    return f"{scn.id}/ending/{ending.id}"


def iter_choice(scn, step, c: Choice) -> Iterator[TextItem]:
    out: list[TextItem] = []
    _add_choice(scn, step, c, out)
    return iter(out)


def _add_choice(scn, step, c: Choice, out: list[TextItem]) -> None:
    base = choice_key(scn, step, c)
    _add_fields(c, base, c.note, out)
    for i, q in enumerate(c.consequences):
        _add_fields(q, f"{base}/consequence/{i}", c.note, out)


def iter_texts(scn: Scenario) -> Iterator[TextItem]:
    """Every translatable string of a scenario, in file order."""
    return iter(_all_texts(scn))


def _all_texts(scn: Scenario) -> list[TextItem]:
    out: list[TextItem] = []
    sid = scn.id
    _add_fields(scn, sid, scn.note, out)
    if scn.player:
        _add_fields(scn.player, f"{sid}/player", None, out)
    for c in scn.contacts:
        _add_fields(c, f"{sid}/contact/{c.id}", c.note, out)
    for a in scn.apps:
        if a.mark is not None and a.marks:  # the implicit Messages app is UI text
            _add_fields(a, f"{sid}/app/{a.id}", a.note, out)
    for h in scn.help_actions:
        _add_choice(scn, None, h, out)
    for st in scn.steps:
        _add_fields(st, f"{sid}/{st.id}", st.note, out)
        for ev in st.events:
            _add_fields(ev, event_key(scn, st, ev), ev.note, out)
        if st.timeout:
            _add_fields(st.timeout, timeout_key(scn, st), st.note, out)
        for c in st.choices:
            _add_choice(scn, st, c, out)
    for e in scn.endings:
        _add_fields(e, ending_key(scn, e), e.note, out)
    return out


def texts_of(scn: Scenario) -> list[TextItem]:
    """iter_texts as a list, built once per scenario: lint reads every text several times.
    For a scenario that no longer changes (as loaded); iter_texts reads it afresh."""
    cached = scn.__dict__.get("_texts")
    if cached is None:
        cached = scn.__dict__["_texts"] = _all_texts(scn)
    return cached


def iter_taxonomy_texts(red_flags: dict[str, RedFlag], hotlines: dict[str, Hotline],
                        tags: dict[str, Tag] | None = None, permissions: dict | None = None) -> Iterator[TextItem]:
    for fl in red_flags.values():
        yield from _fields(fl, f"red_flag/{fl.id}", None)
    for h in hotlines.values():
        yield from _fields(h, f"hotline/{h.id}", None)
    for t in (tags or {}).values():
        yield from _fields(t, f"tag/{t.id}", None)
    for p in (permissions or {}).values():
        yield from _fields(p, f"permission/{p.id}", None)
