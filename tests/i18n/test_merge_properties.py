"""Property: an update never silently loses a translation."""

import polib
from hypothesis import given, settings
from hypothesis import strategies as st

from game.i18n.merge import merge

words = st.sampled_from(["công an", "gọi", "tiền", "mã OTP", "bạn", "mẹ", "link", "Zalo", "ngay", "không"])
texts = st.lists(words, min_size=1, max_size=6).map(" ".join)


def _pot(entries):
    pot = polib.POFile()
    for ctxt, msgid in entries:
        pot.append(polib.POEntry(msgctxt=ctxt, msgid=msgid, comment="source language: vi"))
    return pot


@settings(max_examples=150, deadline=None)
@given(old=st.dictionaries(st.sampled_from([f"s/k{i}" for i in range(8)]), texts, max_size=8),
       new=st.dictionaries(st.sampled_from([f"s/k{i}" for i in range(8)]), texts, max_size=8))
def test_every_translation_is_kept_fuzzy_or_obsolete(old, new):
    first, _ = merge(None, _pot(old.items()), "en", "scenarios")
    for e in first:
        e.msgstr = "EN " + e.msgctxt
    second, _ = merge(first, _pot(new.items()), "en", "scenarios")
    live = {e.msgctxt: e for e in second if not e.obsolete}
    assert set(live) == set(new)  # exactly the current strings, in the current text
    assert all(live[k].msgid == v for k, v in new.items())
    kept = {e.msgstr for e in second if e.msgstr}
    for ctxt, msgid in old.items():
        translation = "EN " + ctxt
        if new.get(ctxt) == msgid:
            assert live[ctxt].msgstr == translation and not live[ctxt].fuzzy
        elif ctxt in new:
            assert live[ctxt].fuzzy and live[ctxt].msgstr == translation and live[ctxt].previous_msgid == msgid
        else:
            assert translation in kept  # reused as a fuzzy suggestion, or obsolete
    for e in live.values():
        if e.fuzzy:
            assert e.previous_msgid is not None
