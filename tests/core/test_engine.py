"""The engine: timeline, decisions, timers, phone state, scoring, replay."""

import dataclasses
from pathlib import Path

import pytest

from game.core.engine import ChoiceError, Engine, timer_runs
from game.core.loader import load_scenario
from game.core.model import TIMED_OUT

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo():
    loaded = load_scenario(ROOT / "scenarios" / "demo_shipper.yaml")
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    return loaded.scenario


def test_events_land_on_time_and_then_the_decision_opens(demo):
    e = Engine(demo)
    assert e.advance(0.5) == [] and not e.deciding
    kinds = [h.kind for h in e.advance(0.6)]
    assert kinds == ["ring", "decision"]
    assert e.phone.call.status == "ringing" and e.phone.focus == ("call",)
    assert [c.id for c in e.offered()] == ["answer", "decline", "call_mom"]


def test_captions_arrive_one_by_one(demo):
    e = Engine(demo)
    e.skip()
    e.choose("answer")
    assert e.phone.call.status == "active"
    e.advance(1.0)
    assert len(e.phone.call.lines) == 1
    e.advance(2.0)
    assert len(e.phone.call.lines) == 2
    assert not e.deciding
    e.advance(2.0)
    assert e.deciding and len(e.phone.call.lines) == 3


def test_typing_indicator_precedes_the_message(demo):
    e = Engine(demo)
    e.skip()
    e.choose("decline")
    assert e.phone.call.status == "declined"
    happened = [h.kind for h in e.advance(2.5)]  # delay 2, then typing 2
    assert happened == ["typing"]
    thread = e.phone.threads[("sms", "shipper")]
    assert thread.typing and thread.messages == []
    happened = [h.kind for h in e.advance(2.0)]
    assert happened[:1] == ["message"] and not thread.typing
    assert thread.messages[0].flags == ["threat_fear", "channel_switch"]


def test_timeout_chooses_nothing_and_goes_where_the_author_said_exactly_on_time(demo):
    e = Engine(demo)
    for cid in ("answer", "add_officer", "accept_video"):
        e.skip()
        e.choose(cid)
    e.skip()
    assert e.step.id == "interrogation" and e.time_left() == 20
    e.advance(19.9)
    assert e.step.id == "interrogation"
    kinds = [h.kind for h in e.advance(5)]
    assert "timeout" in kinds
    last = e.log[-1]
    assert (last.choice, last.timed_out, last.time_taken) == (TIMED_OUT, True, 20.0)
    assert (last.safety, last.score, last.best, last.flags) == ("neutral", 0, 0, [])  # no decision: not scored
    assert e.vars["gave_info"] is False  # nothing was given away
    assert e.ending.id == demo.step("interrogation").timeout.go
    assert e.possible == sum(d.best for d in e.log if d.safety != "neutral")
    assert not e.consequences and e.money_lost == 0


def test_timer_modes(demo):
    marked = demo.step("interrogation")
    assert marked.timeout.lesson
    assert timer_runs(marked, True) and timer_runs(marked, "lesson") and timer_runs(marked, "all")
    assert not timer_runs(marked, False) and not timer_runs(marked, "off")
    unmarked = dataclasses.replace(marked, timeout=dataclasses.replace(marked.timeout, lesson=False))
    assert timer_runs(unmarked, "all") and not timer_runs(unmarked, "lesson") and not timer_runs(unmarked, True)


def test_a_timeout_replays_as_a_timeout(demo):
    e = Engine(demo)
    for cid in ("answer", "add_officer", "accept_video"):
        e.skip()
        e.choose(cid)
    e.skip()
    e.advance(30)
    again = Engine.replay(demo, e.snapshot()["choices"])
    assert [(d.step, d.choice, d.timed_out) for d in again.log] == [(d.step, d.choice, d.timed_out) for d in e.log]
    assert again.ending is e.ending or again.ending.id == e.ending.id
    stopped = Engine.replay(demo, e.snapshot()["choices"], timers=False)
    assert stopped.step.id == "interrogation" and stopped.deciding  # with timers off, the story waits


def test_timers_off_never_choose_for_the_player(demo):
    e = Engine(demo, timers=False)
    for cid in ("answer", "add_officer", "accept_video"):
        e.skip()
        e.choose(cid)
    e.skip()
    assert e.time_left() is None
    e.advance(600)
    assert e.step.id == "interrogation" and e.deciding


def test_unoffered_choice_is_refused(demo):
    e = Engine(demo)
    with pytest.raises(ChoiceError):
        e.choose("answer")  # nothing has happened yet
    e.skip()
    with pytest.raises(ChoiceError):
        e.choose("transfer")


def test_scammed_path_scores_low_and_records_everything(demo):
    e = Engine(demo)
    for cid in ("answer", "add_officer", "accept_video", "give_id", "transfer"):
        e.skip()
        fb = e.choose(cid)
    assert fb.ending.id == "scammed_end" and e.ending.outcome == "scammed"
    assert e.money_lost == 20_000_000
    assert e.percent < 30
    assert "authority_impersonation" in e.flags_missed
    assert e.flags_spotted == set()
    assert [d.choice for d in e.log] == ["answer", "add_officer", "accept_video", "give_id", "transfer"]
    assert e.log[0].safety == "neutral" and e.log[0].best == 10


def test_help_action_is_a_scored_choice_that_ends_safely(demo):
    e = Engine(demo)
    e.skip()
    fb = e.choose("call_mom")
    assert fb.ending.outcome == "safe" and fb.decision.help
    assert e.phone.call.outgoing and e.phone.call.contact == "mom"
    assert e.percent == 100
    assert fb.key == "demo_shipper/help/call_mom"
    assert fb.explanation.key == "demo_shipper/help/call_mom/explanation"


def test_say_goes_into_the_current_call(demo):
    e = Engine(demo)
    e.skip()
    e.choose("answer")
    e.skip()
    e.choose("ask_order")
    assert e.phone.call.lines[-1].speaker == "player"
    assert e.phone.call.lines[-1].text.key == "demo_shipper/shipper_talk/choice/ask_order/say"


def test_branch_follows_variables(demo):
    for first, ending in ((("give_id",), "scammed_end"), ((), None)):
        e = Engine(demo)
        for cid in ("answer", "add_officer", "accept_video", *first):
            e.skip()
            e.choose(cid)
        if ending:
            e.skip()
            assert e.choose("transfer").ending.id == ending


def test_replay_restores_the_same_state(demo):
    e = Engine(demo)
    for cid in ("decline", "add_after_sms", "accept_video"):
        e.skip()
        e.advance(1.5)
        e.choose(cid)
    again = Engine.replay(demo, e.snapshot()["choices"])
    assert [d.choice for d in again.log] == [d.choice for d in e.log]
    assert [d.time_taken for d in again.log] == [d.time_taken for d in e.log]
    assert again.step.id == e.step.id and again.score == e.score and again.vars == e.vars


def test_replay_stops_at_a_choice_that_no_longer_exists(demo):
    again = Engine.replay(demo, [{"choice": "answer", "at": 1}, {"choice": "gone", "at": 9}])
    assert [d.choice for d in again.log] == ["answer"] and again.step.id == "shipper_talk"


def test_engine_never_reads_the_wall_clock(demo, monkeypatch):
    import time

    def boom(*a):
        raise AssertionError("engine read the wall clock")

    for name in ("time", "monotonic", "perf_counter"):
        monkeypatch.setattr(time, name, boom)
    e = Engine(demo)
    e.advance(100)
    e.choose("decline")
    e.advance(100)


def test_words_are_said_before_a_hang_up(demo):
    from dataclasses import replace

    e = Engine(demo)
    e.skip()
    e.choose("answer")
    e.skip()
    hang_up_with_words = replace(e.offered()[0], id="bye", call="hang_up", say="Em không tin anh.")
    e.step.choices.append(hang_up_with_words)
    try:
        e.choose("bye")
    finally:
        e.scn.step("shipper_talk").choices.remove(hang_up_with_words)
    assert e.phone.call.status == "ended"
    assert e.phone.call.lines[-1].speaker == "player"
    assert e.phone.call.lines[-1].text.source == "Em không tin anh."
    assert all(not t.messages or t.messages[-1].sender != "player" for t in e.phone.threads.values())


def test_a_neutral_choice_sets_no_bar(demo):
    e = Engine(demo)
    e.skip()
    e.choose("answer")  # neutral, although a help action worth 10 was on offer
    assert (e.score, e.possible, e.percent) == (0, 0, 100)
    e.skip()
    e.choose("ask_order")
    assert (e.score, e.possible) == (3, 10)


def test_the_best_choice_spots_every_flag_in_play(demo):
    e = Engine(demo)
    e.skip()
    e.choose("answer")
    e.skip()
    fb = e.choose("call_mom")  # the best at a step showing threat_fear, channel_switch, urgency
    assert {"threat_fear", "channel_switch", "urgency"} <= set(fb.decision.flags)
    assert e.flags_missed == []


def test_a_lesser_choice_spots_only_what_it_names(demo):
    e = Engine(demo)
    e.skip()
    e.choose("answer")
    e.skip()
    fb = e.choose("ask_order")
    assert fb.decision.flags == ["unverifiable_identity"]
    assert set(e.flags_missed) == {"threat_fear", "channel_switch", "urgency"}


def test_phone_clock_start(tmp_path):
    import shutil

    folder = tmp_path / "scenarios"
    shutil.copytree(ROOT / "scenarios" / "images", folder / "images")
    text = (ROOT / "scenarios" / "demo_shipper.yaml").read_text(encoding="utf-8")
    for written, minutes in (("23:05", 23 * 60 + 5), ('"7:30"', 7 * 60 + 30)):
        path = folder / "demo_shipper.yaml"
        path.write_text(text.replace("minutes: 4\n", f"minutes: 4\nclock: {written}\n"), encoding="utf-8")
        loaded = load_scenario(path)
        assert loaded.ok, [d.format() for d in loaded.diagnostics]
        assert loaded.scenario.clock_minutes == minutes
    assert load_scenario(ROOT / "scenarios" / "demo_shipper.yaml").scenario.clock_minutes == 20 * 60 + 14


def _cards(log):
    """What the feedback cards said: (flag, spotted?) for every scored decision, in order."""
    for d in log:
        if d.safety == "neutral":
            continue
        for fl in list(d.flags_shown) + [f for f in d.flags if f not in d.flags_shown]:
            yield fl, fl in d.flags


def _last_word(cards):
    """Each flag's status as the last card that named it said: {flag: spotted?}, in first-shown order."""
    out: dict[str, bool] = {}
    for fl, got in cards:
        out[fl] = got
    return out


def test_a_flag_missed_and_then_spotted_counts_as_spotted(demo):
    """Found in a student try-out: the card after call_mom said "you spotted it" for urgency,
    missed at an earlier step, and the debrief listed it as missed. The debrief follows the
    last card that named the flag, and says it came late."""
    e = Engine(demo, timers=False)
    for cid in ("answer", "add_officer", "accept_video", "give_id", "call_mom"):
        e.skip()
        e.choose(cid)
    verdicts = [got for fl, got in _cards(e.log) if fl == "urgency"]
    assert False in verdicts and verdicts[-1] is True  # missed at first, spotted on the last card
    assert "urgency" in e.flags_caught
    assert "urgency" not in e.flags_missed
    assert "urgency" in e.flags_caught_late


def test_a_flag_spotted_and_then_missed_counts_as_missed():
    scn = load_scenario(ROOT / "scenarios" / "fake_charity.yaml").scenario
    e = Engine(scn, timers=False)
    for cid in ("about_page", "dont_give", "class_gives"):
        e.skip()
        e.choose(cid)
    verdicts = [got for fl, got in _cards(e.log) if fl == "urgency"]
    assert True in verdicts and verdicts[-1] is False
    assert "urgency" in e.flags_missed and "urgency" not in e.flags_caught
    assert "urgency" in e.flags_missed_late
    assert "urgency" not in e.flags_caught_late


@pytest.mark.parametrize("name", ["tutorial", "fake_bank", "online_kidnapping", "hijacked_friend", "demo_shipper",
                                  "easy_job"])
def test_debrief_flags_agree_with_the_last_card_on_every_path(name):
    from game.core import walk

    scn = load_scenario(ROOT / "scenarios" / f"{name}.yaml").scenario
    for p in walk.paths(scn, limit=300):
        e = Engine(scn, timers=False)
        for _step, cid in p.choices:
            e.skip()
            e.choose(cid)
        cards = list(_cards(e.log))
        last = _last_word(cards)
        assert e.flags_missed == [fl for fl, got in last.items() if not got]
        assert e.flags_caught == [fl for fl, got in last.items() if got]
        assert set(e.flags_caught_late) == {fl for fl in e.flags_caught if (fl, False) in cards}
        assert set(e.flags_missed_late) == {fl for fl in e.flags_missed if (fl, True) in cards}


def test_a_help_action_spots_only_flags_already_shown():
    """online_kidnapping's call_mom names secrecy; taken at the first call, before anyone asked
    for secrecy, its card must not say the player spotted it (found in a student try-out)."""
    from game.core.loader import SCENARIOS_DIR, load_scenario

    scn = load_scenario(SCENARIOS_DIR / "online_kidnapping.yaml").scenario
    e = Engine(scn)
    while True:
        e.skip()
        if "call_mom" in [c.id for c in e.offered()]:
            break
        e.choose(e.offered()[0].id)
    shown = set(e.flags_shown) | set(e._step_flags)
    fb = e.choose("call_mom")
    assert "secrecy" not in shown
    assert "secrecy" not in fb.decision.flags
    assert set(fb.decision.flags) <= shown
