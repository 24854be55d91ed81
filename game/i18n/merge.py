"""Merge a template into a catalogue the way `msgmerge --previous` does, in pure Python.

For each template entry, in order of preference:
  1. the same msgctxt and msgid: the translation is kept as it is;
  2. the same msgctxt (a scenario key whose text changed);
  3. the same msgid in another context;
  4. the most similar msgid (difflib ratio >= 0.6);
cases 2-4 keep the old translation marked `#, fuzzy`, with the old source as `#| msgid`
so the translator sees what changed. A translated entry that is no longer in the
template becomes obsolete (`#~`); an untranslated one is dropped. `polib.merge` alone
would drop every changed translation.

Every catalogue holds every template entry, in template order, so `msgmerge --previous`
(Poedit's "Update from POT", Weblate's msgmerge add-on) against the template changes
nothing in an up-to-date catalogue. An entry written in the catalogue's own language (a
scenario whose `#.` says "source language: vi" in vi/scenarios.po, every UI string in
en/game.po) is translated as itself, as GNU `msgen` does: the tools show the language as
100% translated, and the game shows the author's text. `i18n update` rewrites such an
entry from its source each time, so a changed source never stays fuzzy there.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import polib

from .project import (
    PLURAL_FORMS,
    UI_SOURCE_LANGUAGE,
    file_header,
    header,
    nplurals,
    source_language,
)

SIMILARITY = 0.6
HINT_TAG = "English: "


@dataclass
class MergeStats:
    kept: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0
    source: int = 0  # written in the catalogue's language: translated as themselves
    notes: list[str] = field(default_factory=list)


def needs_translation(entry: polib.POEntry, lang: str, domain: str) -> bool:
    src = source_language(entry) if domain == "scenarios" else UI_SOURCE_LANGUAGE
    return src != lang


def as_itself(e: polib.POEntry, n: int) -> None:
    """Translate an entry written in the catalogue's own language as itself (like `msgen`)."""
    if e.msgid_plural:
        forms = [e.msgid] + [e.msgid_plural] * max(0, n - 1)
        e.msgstr_plural = dict(enumerate(forms))
    else:
        e.msgstr = e.msgid


def has_translation(e: polib.POEntry) -> bool:
    if e.msgid_plural:
        return any(e.msgstr_plural.values())
    return bool(e.msgstr)


def _from_template(t: polib.POEntry, n: int) -> polib.POEntry:
    e = polib.POEntry(msgctxt=t.msgctxt, msgid=t.msgid, msgid_plural=t.msgid_plural,
                      occurrences=list(t.occurrences), comment=t.comment,
                      flags=[f for f in t.flags if f != "fuzzy"])
    if t.msgid_plural:
        e.msgstr_plural = {i: "" for i in range(n)}
    return e


def _take(e: polib.POEntry, old: polib.POEntry, n: int) -> None:
    """Copy old's translation and translator comment into e."""
    if e.msgid_plural:
        forms = [old.msgstr_plural[k] for k in sorted(old.msgstr_plural)] if old.msgid_plural else [old.msgstr]
        forms = forms or [""]
        e.msgstr_plural = {i: forms[min(i, len(forms) - 1)] for i in range(n)}
    else:
        e.msgstr = old.msgstr if not old.msgid_plural else old.msgstr_plural.get(0, "")
    e.tcomment = old.tcomment


def _mark_fuzzy(e: polib.POEntry, old: polib.POEntry) -> None:
    if "fuzzy" not in e.flags:
        e.flags.insert(0, "fuzzy")
    # Keep the text the translation was really made for, if old was already fuzzy.
    was_fuzzy = old.fuzzy and old.previous_msgid
    e.previous_msgid = old.previous_msgid if was_fuzzy else old.msgid
    if e.msgid_plural and old.msgid_plural:
        e.previous_msgid_plural = old.previous_msgid_plural if was_fuzzy else old.msgid_plural
    prev_ctxt = old.previous_msgctxt if was_fuzzy else old.msgctxt
    if prev_ctxt != e.msgctxt:
        e.previous_msgctxt = prev_ctxt


class _Similar:
    """Best fuzzy candidate by difflib ratio, with the cheap upper bounds first."""

    def __init__(self, candidates: list[polib.POEntry]):
        self.candidates = candidates

    def best(self, t: polib.POEntry) -> polib.POEntry | None:
        sm = difflib.SequenceMatcher(autojunk=False)
        sm.set_seq2(t.msgid)
        best, best_ratio = None, SIMILARITY
        n = len(t.msgid)
        for c in self.candidates:
            if bool(c.msgid_plural) != bool(t.msgid_plural):
                continue
            m = len(c.msgid)
            if 2 * min(n, m) / (n + m or 1) < best_ratio:  # the ratio can never reach best
                continue
            sm.set_seq1(c.msgid)
            if sm.real_quick_ratio() >= best_ratio and sm.quick_ratio() >= best_ratio:
                r = sm.ratio()
                if r >= best_ratio and (best is None or r > best_ratio):
                    best, best_ratio = c, r
        return best


def merge(old: polib.POFile | None, pot: polib.POFile, lang: str, domain: str,
          hints: dict[str, str] | None = None) -> tuple[polib.POFile, MergeStats]:
    """The merged catalogue and what happened. hints: msgctxt -> English text, added as a
    `#. English:` note for third-language translators who do not read the Vietnamese source."""
    stats = MergeStats()
    po = polib.POFile(wrapwidth=79)
    if old is not None:
        po.header = old.header
        po.metadata = dict(old.metadata)
    else:
        po.header = file_header(domain, lang)
        po.metadata = header(lang, domain)
    po.metadata["Language"] = po.metadata.get("Language") or lang
    if "Plural-Forms" not in po.metadata and lang in PLURAL_FORMS:
        po.metadata["Plural-Forms"] = PLURAL_FORMS[lang]
    po.metadata["POT-Creation-Date"] = pot.metadata.get("POT-Creation-Date", "")
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    n = nplurals(po)

    olds = list(old) if old is not None else []
    exact: dict[tuple, polib.POEntry] = {}
    by_ctxt: dict[str, list[polib.POEntry]] = {}
    by_msgid: dict[str, list[polib.POEntry]] = {}
    for o in olds:
        key = (o.msgctxt, o.msgid)
        if key not in exact or exact[key].obsolete:
            exact[key] = o
        if has_translation(o) and not _identity(o):  # an identity helps no other entry
            if o.msgctxt is not None:
                by_ctxt.setdefault(o.msgctxt, []).append(o)
            by_msgid.setdefault(o.msgid, []).append(o)
    similar = _Similar([o for o in olds if has_translation(o) and not _identity(o)])

    used: set[int] = set()
    template = [t for t in pot if not t.obsolete]
    for t in template:
        e = _from_template(t, n)
        if not needs_translation(t, lang, domain):
            old_e = exact.get((t.msgctxt, t.msgid))
            if old_e is not None:
                used.add(id(old_e))
                e.tcomment = old_e.tcomment
            as_itself(e, n)
            stats.source += 1
            po.append(e)
            continue
        if hints and t.msgctxt in hints and source_language(t) != "en":
            e.comment = "\n".join(filter(None, [e.comment, HINT_TAG + hints[t.msgctxt]]))
        o = exact.get((t.msgctxt, t.msgid))
        if o is not None and (has_translation(o) or not o.obsolete):
            used.add(id(o))
            _take(e, o, n)
            if o.fuzzy and has_translation(o):
                _mark_fuzzy(e, o)
                e.previous_msgid = o.previous_msgid
                e.previous_msgid_plural = o.previous_msgid_plural
                e.previous_msgctxt = o.previous_msgctxt
                stats.fuzzy += 1
            elif has_translation(o):
                stats.kept += 1
            else:
                stats.untranslated += 1
        else:
            src = _pick(by_ctxt.get(t.msgctxt, []) if t.msgctxt is not None else [], t) \
                or _pick(by_msgid.get(t.msgid, []), t) or similar.best(t)
            if src is not None:
                used.add(id(src))
                _take(e, src, n)
                _mark_fuzzy(e, src)
                stats.fuzzy += 1
            else:
                stats.untranslated += 1
        po.append(e)

    current = {(t.msgctxt, t.msgid) for t in template}
    for o in olds:
        if (o.msgctxt, o.msgid) in current or (id(o) in used and o.obsolete):
            continue
        if o.obsolete:
            po.append(o)  # already obsolete: kept, as msgmerge does
        elif has_translation(o) and id(o) not in used and not _identity(o):
            o.obsolete = True
            o.occurrences = []
            po.append(o)
            stats.obsolete += 1
    return po, stats


def _identity(e: polib.POEntry) -> bool:
    """Translated as itself: nothing worth keeping as obsolete when its source is gone."""
    if e.msgid_plural:
        return [e.msgstr_plural[k] for k in sorted(e.msgstr_plural)][:2] == [e.msgid, e.msgid_plural][:len(e.msgstr_plural)]
    return e.msgstr == e.msgid


def _pick(cands: list[polib.POEntry], t: polib.POEntry) -> polib.POEntry | None:
    cands = [c for c in cands if bool(c.msgid_plural) == bool(t.msgid_plural)]
    if not cands:
        return None
    return max(cands, key=lambda c: difflib.SequenceMatcher(None, c.msgid, t.msgid).ratio())
