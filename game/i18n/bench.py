"""Translation benchmarks, run by `python main.py bench i18n` (see game/cli/bench.py).

Measures loading a 5,000-entry catalogue the way the game does (polib -> GNUTranslations,
with the placeholder and NFC checks), the cached reload behind an instant language switch,
and an `i18n update` merge of 5,000 entries where 5 % of the sources changed.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import polib

from game.core import i18n

from .merge import merge
from .project import header

TARGET_LOAD_S = 0.3


def make_catalogue(n: int, lang: str = "vi", changed_every: int = 0) -> polib.POFile:
    po = polib.POFile(wrapwidth=79)
    po.metadata = header(lang, "scenarios")
    for i in range(n):
        src = f"Câu số {i}: công an thật không bao giờ gọi video qua Zalo để đòi tiền"
        if changed_every and i % changed_every == 0:
            src += " ngay"
        e = polib.POEntry(msgctxt=f"bench_{i // 100}/step_{i % 100}/text", msgid=src,
                          msgstr=f"Line {i}: real police never video-call you on Zalo to ask for money",
                          occurrences=[(f"scenarios/bench_{i // 100}.yaml", str(i % 100 + 1))],
                          comment="source language: vi")
        po.append(e)
    return po


def _best(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def run_i18n_bench() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "en" / "LC_MESSAGES" / "scenarios.po"
        path.parent.mkdir(parents=True)
        make_catalogue(5000, "en").save(str(path))
        size = path.stat().st_size
        ui = polib.POFile()
        ui.metadata = header("en", "game")
        ui.save(str(path.with_name("game.po")))

        def cold():
            i18n.clear_cache()
            tr = i18n.load_catalogue(path)
            assert tr.pgettext("bench_0/step_1/text", "x") == "x"

        load = _best(cold, repeat=5)
        i18n.clear_cache()
        i18n.load_catalogue(path)
        switch = _best(lambda: i18n.load_translator("en", Path(tmp)), repeat=5)
        old = polib.pofile(str(path))
        pot = make_catalogue(5000, "en", changed_every=20)
        t0 = time.perf_counter()
        _po, stats = merge(old, pot, "en", "scenarios")
        merge_s = time.perf_counter() - t0
        i18n.clear_cache()
    return {
        "load_5000_entries_s": round(load, 4),
        "load_target_s": TARGET_LOAD_S,
        "load_ok": load < TARGET_LOAD_S,
        "switch_cached_s": round(switch, 5),
        "merge_5000_entries_5pct_changed_s": round(merge_s, 4),
        "merge_fuzzy": stats.fuzzy,
        "catalogue_bytes": size,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run_i18n_bench()))
