"""The phones of a live class offer every language present in locale/, with its words from the `game`
catalogue (English for any it has not translated) and the story in that language."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import polib
import pytest

from game.core import i18n as core_i18n
from game.live import phone_words

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def qps(tmp_path, monkeypatch):
    locale = tmp_path / "locale"
    for lang in ("vi", "en"):
        shutil.copytree(REPO / "locale" / lang, locale / lang)
    po = polib.POFile()
    po.metadata = {"Language": "qps", "Content-Type": "text/plain; charset=UTF-8",
                   "Plural-Forms": "nplurals=2; plural=(n != 1);", "X-Language-Name": "Pseudo"}
    po.append(polib.POEntry(msgid="Join the class", msgstr="[Jøîn thé clåss]"))
    po.append(polib.POEntry(msgctxt="phone: option graded", msgid="Safe", msgstr="[Såfé]"))
    (locale / "qps" / "LC_MESSAGES").mkdir(parents=True)
    po.save(str(locale / "qps" / "LC_MESSAGES" / "game.po"))
    monkeypatch.setattr(core_i18n, "LOCALE_DIR", locale)
    core_i18n.clear_cache()
    yield locale
    core_i18n.clear_cache()


def _words(html: str) -> dict:
    m = re.search(r'<script id="words" type="application/json">(.*?)</script>', html, re.S)
    assert m, "no words block in the phone page"
    return json.loads(m.group(1))


def test_the_phone_page_offers_every_present_language(qps):
    from game.live.server import phone_page

    words = _words(phone_page().decode("utf-8"))
    assert words["langs"] == [["vi", "Tiếng Việt"], ["en", "English"], ["qps", "Pseudo"]]
    assert words["words"]["qps"]["join_title"] == "[Jøîn thé clåss]"
    assert words["words"]["qps"]["safe"] == "[Såfé]"
    assert words["words"]["qps"]["risky"] == "Risky"  # not translated: English
    assert words["words"]["vi"]["join_title"] == "Vào lớp" and words["words"]["vi"]["risky"] == "Rủi ro"
    assert words["words"]["en"]["join_title"] == "Join the class"


def test_the_story_is_sent_in_every_present_language(qps):
    from game.core.loader import load_taxonomy
    from game.live.together import Together

    tog = Together(None, None, load_taxonomy())
    assert list(tog.tr) == ["vi", "en", "qps"]
    name = tog._flag("urgency")["name"]
    assert set(name) == {"vi", "en", "qps"} and name["qps"] == name["en"]  # qps falls back to English


def test_the_page_english_is_the_words_english():
    """phone.js keeps the English as its own fallback: it must say what the catalogue's source says."""
    js = (REPO / "game" / "live" / "web" / "phone.js").read_text(encoding="utf-8")
    block = js[js.index("en: {"):js.index("};", js.index("en: {"))]
    pairs = dict(re.findall(r'(\w+): "((?:[^"\\]|\\.)*)"', block))
    assert pairs == {k: phone_words.english(k) for k in phone_words.WORDS}


def test_the_words_block_cannot_end_the_script():
    tag = phone_words.script_tag({"langs": [["x", "</script><b>"]], "words": {}})
    assert tag.count("</script>") == 1 and tag.endswith("</script>")
