"""The scenarios on offer: loaded once, on first use, never raising on a bad file."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from game.core.loader import load_all, load_scenario, load_taxonomy


@dataclass
class Entry:
    path: Path
    scenario: object  # Scenario or None
    ok: bool
    error: str | None  # the first error, for the disabled card (the file's name, never its folder)

    @property
    def id(self) -> str:
        return self.scenario.id if self.scenario is not None and self.scenario.id else self.path.stem


def _entry(item, lang) -> Entry:
    errs = item.errors
    first = errs[0] if errs else None
    msg = None
    if first is not None or item.scenario is None:
        # the file's name and line, not its path: students read the picker (`lint` gives authors the path)
        name = Path(first.path).name if first else item.path.name
        msg = f"{name}:{first.mark.line if first.mark else 1}: {first.message(lang)}" if first else name
    return Entry(item.path, item.scenario, item.ok, msg)


class Catalog:
    def __init__(self, paths=None, lang: str = "en"):
        self.paths = paths
        self.lang = lang
        self.taxonomy = load_taxonomy()
        self.entries = self._load()

    def _load(self) -> list[Entry]:
        try:
            loaded = load_all(self.paths, self.taxonomy)
        except Exception as exc:  # noqa: BLE001 — a broken pack must still show a menu
            logging.getLogger(__name__).exception("loading the scenarios failed")
            return [Entry(Path("scenarios"), None, False, type(exc).__name__)]  # its text may hold a path: logged
        entries = [_entry(item, self.lang) for item in loaded]
        # a learning order: the tutorial first, then by difficulty; broken files last
        def order(e):
            scn = e.scenario
            tutorial = scn is not None and "tutorial" in (scn.tags or [])
            return (not e.ok, not tutorial, scn.difficulty if e.ok else 9, e.id)
        return sorted(entries, key=order)

    def reload_one(self, path: Path) -> Entry:
        return _entry(load_scenario(Path(path), self.taxonomy), self.lang)

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
