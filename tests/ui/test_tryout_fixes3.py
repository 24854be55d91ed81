"""Defects from a try-out with students, each through the real UI: the debrief agrees with the
last feedback card about each red flag, ..."""

from game.core.engine import Engine
from game.core.loader import SCENARIOS_DIR, load_scenario
from game.ui.scenes.debrief import DebriefScene
from game.ui.words import flag_name


def _debrief_page(d, scn, choices):
    eng = Engine.replay(scn, [{"choice": c} for c in choices], timers=False)
    d.app.reset(DebriefScene(d.app, scn, eng))
    d.frame()
    return eng, [it.text for it in d.scene._page[1] if getattr(it, "text", None)]


def _section(texts, head, until):
    i = texts.index(head)
    return texts[i + 1:texts.index(until, i)] if until in texts[i:] else texts[i + 1:]


def test_the_debrief_credits_a_flag_missed_once_and_spotted_later(make_driver):
    d = make_driver(timers=False)
    scn = load_scenario(SCENARIOS_DIR / "demo_shipper.yaml").scenario
    eng, texts = _debrief_page(d, scn, ["answer", "add_officer", "accept_video", "give_id", "call_mom"])
    name = flag_name(d.app.tr, d.app.get_taxonomy(), "urgency")
    spotted = _section(texts, "Red flags you spotted", "Red flags you missed")
    missed = _section(texts, "Red flags you missed", None)
    assert name in spotted and name not in missed, texts
    assert spotted[spotted.index(name) + 1] == "Missed at first, spotted at a later sign."


def test_the_debrief_lists_a_flag_spotted_once_and_missed_later_as_missed(make_driver):
    d = make_driver(timers=False)
    scn = load_scenario(SCENARIOS_DIR / "fake_charity.yaml").scenario
    eng, texts = _debrief_page(d, scn, ["about_page", "dont_give", "class_gives"])
    name = flag_name(d.app.tr, d.app.get_taxonomy(), "urgency")
    spotted = _section(texts, "Red flags you spotted", "Red flags you missed")
    missed = _section(texts, "Red flags you missed", None)
    assert name in missed and name not in spotted, texts
    assert missed[missed.index(name) + 1] == "Spotted at first, missed at a later sign."
