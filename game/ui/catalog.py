"""The scenarios on offer: checked once, on first use, never raising on a bad file.

Every file is read, built and validated (a broken one shows as a disabled card), but the menu
keeps only what its cards show (`Card`) and the checked text, compressed: ~25 KB a scenario
instead of ~250 KB of built objects. `Entry.scenario` builds the scenario again from that text
when it is played (~50 ms), so what is played is exactly what was checked, even if the file
has changed since.
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from game.core.loader import (
    display_path,
    duplicate_ids,
    load_taxonomy,
    read_text,
    scenario_files,
    scenario_from_text,
)


@dataclass(frozen=True)
class Card:
    """What the menus show of a scenario, under the Scenario's own field names (words.scn_text reads it)."""

    id: str
    version: int
    title: str
    summary: str
    difficulty: int
    minutes: int
    tags: tuple
    content_warnings: tuple

    @classmethod
    def of(cls, scn) -> Card:
        return cls(scn.id, scn.version, scn.title, scn.summary, scn.difficulty, scn.minutes, tuple(scn.tags or ()),
                   tuple(scn.content_warnings or ()))


@dataclass(eq=False)
class Entry:
    path: Path
    card: Card | None  # None when no scenario could be built from the file
    ok: bool
    error: str | None  # the first error, for the disabled card (the file's name, never its folder)
    source: bytes | None = field(default=None, repr=False)  # the checked text, zlib-compressed UTF-8
    catalog: Catalog | None = field(default=None, repr=False)

    @property
    def id(self) -> str:
        return self.card.id if self.card is not None and self.card.id else self.path.stem

    @property
    def scenario(self):
        """The whole Scenario, built again from the checked text (the last one asked for is kept)."""
        if self.card is None or self.catalog is None:
            return None
        return self.catalog.scenario_of(self)


def _entry(item, lang, text: str | None = None, catalog: Catalog | None = None) -> Entry:
    errs = item.errors
    first = errs[0] if errs else None
    msg = None
    if first is not None or item.scenario is None:
        # the file's name and line, not its path: students read the picker (`lint` gives authors the path)
        name = Path(first.path).name if first else item.path.name
        msg = f"{name}:{first.mark.line if first.mark else 1}: {first.message(lang)}" if first else name
    scn = item.scenario
    source = zlib.compress(text.encode("utf-8", "surrogatepass")) if scn is not None and text is not None else None
    return Entry(item.path, Card.of(scn) if scn is not None else None, item.ok, msg, source, catalog)


class Catalog:
    def __init__(self, paths=None, lang: str = "en"):
        self.paths = paths
        self.lang = lang
        self.taxonomy = load_taxonomy()
        self._last: tuple[Entry, object] | None = None  # (entry, its scenario): the one being played
        self.entries = self._load()

    def _load(self) -> list[Entry]:
        try:
            entries = self._check_all()
        except Exception as exc:  # noqa: BLE001 — a broken pack must still show a menu
            logging.getLogger(__name__).exception("loading the scenarios failed")
            return [Entry(Path("scenarios"), None, False, type(exc).__name__)]  # its text may hold a path: logged
        # a learning order: the tutorial first, then by difficulty; broken files last
        def order(e):
            card = e.card
            tutorial = card is not None and "tutorial" in card.tags
            return (not e.ok, not tutorial, card.difficulty if e.ok else 9, e.id)
        return sorted(entries, key=order)

    def _check_all(self) -> list[Entry]:
        """loader.load_all, one file at a time: each built scenario is dropped once its card is made,
        so loading holds one scenario at a time, never the whole pack."""
        entries, ids = [], []
        for path in scenario_files(self.paths):
            text, diags = read_text(path, display_path(path))
            item = scenario_from_text(path, text, diags, self.taxonomy)
            scn = item.scenario
            ids.append((item.path, scn.id, scn.where("id")) if scn else None)
            duplicate = duplicate_ids(ids)[-1]  # an id an earlier file already uses
            if duplicate:
                item.diagnostics.append(duplicate)
            entries.append(_entry(item, self.lang, text, self))
        return entries

    def scenario_of(self, entry: Entry):
        if self._last is None or self._last[0] is not entry:
            text = zlib.decompress(entry.source).decode("utf-8", "surrogatepass") if entry.source else None
            self._last = (entry, scenario_from_text(entry.path, text, [], self.taxonomy).scenario)
        return self._last[1]

    def reload_one(self, path: Path) -> Entry:
        text, diags = read_text(Path(path), display_path(Path(path)))
        return _entry(scenario_from_text(Path(path), text, diags, self.taxonomy), self.lang, text, self)

    def playable(self) -> list[Entry]:
        return [e for e in self.entries if e.ok]

    def after(self, scenario_id: str) -> Entry | None:
        """The next playable scenario in menu order (wrapping round)."""
        ok = self.playable()
        ids = [e.id for e in ok]
        if not ok:
            return None
        i = ids.index(scenario_id) + 1 if scenario_id in ids else 0
        return ok[i % len(ok)]
