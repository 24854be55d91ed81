"""The English words a check passes into a message (LC601's feature names and values, sides,
kinds of item) come out in the author's language, through the catalogue's `words:`."""

import re
from types import SimpleNamespace

import pytest

from game.core import packcheck as P
from game.core.diagnostics import Diagnostic, Mark

ENGLISH = re.compile(r"\b(senders|messages|scam|genuine|number|prefix|shown|handle|saved|name|accents|length|"
                     r"characters|most|more than|with|yes|no|none|capitals|ellipsis|emoticon|person|organisation|"
                     r"family|title|other|generic|call|pattern|app|exclamation|word)\b")


def _features():
    """Every (feature, value) pair the pack check can report, from its own feature functions."""
    pairs = set()
    for saved, name, number in [(False, "", "0700 000 123"), (True, "Mẹ", "0900000123"), (True, "NGÂN HÀNG", None),
                                (True, "Lan", None), (True, "", None), (False, "", "@hotro")]:
        c = SimpleNamespace(number=number, saved=saved, name=name)
        pairs |= set(P.contact_features(c).items())
    for text in ["Chào bạn, nhớ về sớm nhé!!", "chao ban nho ve som nhe...", "HELLO friend :) !", "ok"]:
        for look in ("zalo", "messenger", "sms", "generic", "call"):
            pairs |= set(P.message_features(text, look, "vi").items())
    for look in ("email", "social"):
        pairs |= set(P.message_features("Chào bạn", look, "vi").items())
    for address, name in [("a@b.example", "Ngân hàng Sen"), ("", "Lan"), ("a@b.vn", "")]:
        pairs |= set(P.email_features(address, name).items())
    for sponsored, poster in [(True, SimpleNamespace(verified=True, name="Quỹ Ấm Áp")), (False, None)]:
        pairs |= set(P.post_features(sponsored, poster).items())
    pairs |= {("length", "at most 19 characters"), ("length", "more than 140 characters")}
    return sorted(pairs)


@pytest.mark.parametrize(("feature", "value"), _features())
@pytest.mark.parametrize("what", ["senders", "messages", "emails", "posts"])
def test_lc601_in_vietnamese_has_no_english_words(feature, value, what):
    d = Diagnostic("x.yaml", Mark(1, 1), "LC601", {"feature": feature, "value": value, "side": "scam", "what": what,
                                                   "have": 5, "on_side": 5, "total": 5})
    vi = d.message("vi")
    if feature == "number pattern":  # the pattern itself (dddd ddd ddd) is the file's own writing
        vi = vi.replace(value, "")
    assert not ENGLISH.search(vi), vi
    assert d.message("en").startswith(f"across the pack, {what} with {feature} = {value} are 5 of 5 scam")


def test_a_word_with_a_number_in_it_keeps_the_number():
    d = Diagnostic("x.yaml", Mark(1, 1), "LC601", {"feature": "length", "value": "at most 19 characters",
                                                   "side": "genuine", "what": "messages", "have": 6, "on_side": 6,
                                                   "total": 7})
    assert "19" in d.message("vi") and "thật" in d.message("vi")
