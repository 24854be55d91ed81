"""The pure parts: message validation, the session's vote rules, stable row ids, resume."""

from __future__ import annotations

import json

import pytest

from game.live import protocol as P
from game.live.session import Decision, LiveSession, Option


def decision(run="r1", index=0):
    opts = [Option("a", "A", {"vi": "Một", "en": "One"}, "safe", 5),
            Option("b", "B", {"vi": "Hai", "en": "Two"}, "unsafe", -5, flags=[{"id": "urgency", "name": {},
                                                                                 "explanation": {}}])]
    return Decision(run=run, scenario_id="scn", scenario_version=1, title={}, step="s1", index=index, discuss={},
                    options=opts, flags_shown=["urgency"], best=5)


@pytest.mark.parametrize("nick", ["Lan", "Bảo Trâm", "Nguyễn-Văn A.", "An_2", "O'Neil"])
def test_nicknames_accepted(nick):
    assert P.clean_nick(nick) == nick


@pytest.mark.parametrize("nick", ["", "   ", "<b>x</b>", "a\u202eb", "x" * 25, "a&b", "😀", "-", 5, None])
def test_nicknames_refused(nick):
    with pytest.raises(P.Invalid) as e:
        P.clean_nick(nick)
    assert e.value.code == "bad_nick"


def test_size_is_checked_before_parsing():
    with pytest.raises(P.Invalid) as e:
        P.parse(b"[" * (P.MAX_MESSAGE_BYTES + 1))
    assert e.value.code == "too_big"
    with pytest.raises(P.Invalid) as e:
        P.parse(b"[" * 1000)  # deep nesting within the size: refused, not a crash
    assert e.value.code in ("not_json", "bad_message")


def test_codes_are_short_and_unambiguous():
    for _ in range(50):
        c = P.new_code()
        assert P.normal_code(c.lower()) == c and not set(c) & set("0O1IL5S2Z8B")


def test_vote_rules_and_changes():
    s = LiveSession()
    st = s.join("Lan")
    with pytest.raises(P.Invalid):
        s.vote(st.token, "s1", "a")  # nothing open yet
    s.open_decision(decision())
    s.vote(st.token, "s1", "a")
    s.vote(st.token, "s1", "b")  # may change until locked
    assert s.tallies() == {"a": 0, "b": 1}
    for step, choice, code in (("s2", "a", "bad_step"), ("s1", "z", "bad_choice")):
        with pytest.raises(P.Invalid) as e:
            s.vote(st.token, step, choice)
        assert e.value.code == code
    s.set_locked(True)
    with pytest.raises(P.Invalid) as e:
        s.vote(st.token, "s1", "a")
    assert e.value.code == "locked"
    assert s.join("Lan again", st.token).token == st.token and len(s.students) == 1


def test_a_vote_belongs_to_one_decision_of_one_run():
    """Replaying a scenario opens the same step again in a new run: a vote sent for the earlier
    run's decision (a phone re-sending what it kept) is refused, and the new vote starts empty."""
    s = LiveSession()
    st = s.join("Lan")
    first = decision(run="run-one")
    s.open_decision(first)
    state = s.phone_state(st.token)
    assert state["d"] == first.uid
    s.vote(st.token, "s1", "b", decision=state["d"])
    s.close("b", machine="host01")
    s.open_decision(decision(run="run-two"))  # the same scenario, played again
    assert s.phone_state(st.token)["d"] != first.uid and s.phone_state(st.token)["mine"] is None
    with pytest.raises(P.Invalid) as e:
        s.vote(st.token, "s1", "b", decision=first.uid)
    assert e.value.code == "stale" and s.tallies() == {"a": 0, "b": 0}
    assert P.parse(json.dumps({"t": "vote", "step": "s1", "choice": "a", "n": 1, "d": first.uid}))["d"] == first.uid


def test_close_gives_each_voter_a_classroom_row_with_stable_ids():
    s = LiveSession(class_code="9A")
    a, b = s.join("Lan"), s.join("Minh")
    s.open_decision(decision())
    s.vote(a.token, "s1", "a")
    s.vote(b.token, "s1", "b")
    sessions, rows = s.close("a", machine="host01")
    assert {r["votes"][r["choice"]] for r in rows} == {1}
    assert {r["mode"] for r in rows} == {"classroom"} and {r["class_code"] for r in rows} == {"9A"}
    assert rows[0]["id"] == f"{rows[0]['session_id']}:0"
    s.open_decision(decision(index=1))
    s.vote(a.token, "s1", "b")
    _, rows2 = s.close("b", machine="host01")
    assert rows2[0]["session_id"] == a.sessions["r1"]  # same voter, same run: same session
    assert json.dumps(rows) and "token" not in json.dumps(sessions)  # nothing but the nickname


def test_snapshot_restores_students_and_votes():
    s = LiveSession()
    st = s.join("Vy")
    s.open_decision(decision())
    s.vote(st.token, "s1", "b")
    back = LiveSession.restore(json.loads(json.dumps(s.snapshot())))
    assert back.code == s.code and back.key == s.key
    assert back.tallies() == {"a": 0, "b": 1} and back.phase == "voting"
    back.vote(st.token, "s1", "b")  # a phone re-sending its vote after the restart
    assert back.tallies() == {"a": 0, "b": 1}


def test_dashboard_hides_names():
    s = LiveSession()
    s.lab_add("pc0001", [{"id": "x", "machine": "pc0001", "nickname": "Lan <b>", "scenario_id": "scn"}],
              [{"id": "x:0", "session_id": "x", "scenario_id": "scn", "step": "s1", "choice": "a",
                "flags": [], "flags_shown": ["urgency"]}])
    assert "Lan" not in json.dumps(s.dashboard(names=False))
    d = s.dashboard(names=True)
    assert d["students"][0]["who"] == "Lan <b>"  # escaping is the page's job: textContent only
    assert d["missed"] == [{"flag": "urgency", "name": "urgency", "missed": 1, "shown": 1}]


def test_lab_batch_validation():
    ok = {"code": "ACDE", "machine": "pc0001", "sessions": [{"id": "s", "machine": "pc0001", "scenario_id": "x"}],
          "decisions": [{"id": "s:0", "session_id": "s", "idx": 0, "machine": "pc0001", "scenario_id": "x",
                         "safety": "safe", "flags": ["urgency"]}]}
    assert P.lab_batch(json.dumps(ok).encode())["machine"] == "pc0001"
    for bad in ({**ok, "machine": "../x"},
                {**ok, "decisions": [{**ok["decisions"][0], "id": "other:0"}]},
                {**ok, "decisions": [{**ok["decisions"][0], "machine": "pc0002"}]},
                {**ok, "sessions": [{**ok["sessions"][0], "evil": 1}]}):
        with pytest.raises(P.Invalid):
            P.lab_batch(json.dumps(bad).encode())


def test_dashboard_shows_titles_and_option_texts_in_story_order():
    """The trainer reads the story's titles and options, in story order, never raw ids (tryout minor 7)."""
    from game.core.loader import load_all, load_taxonomy
    from game.live.together import Together

    tax = load_taxonomy()
    scns = [ld.scenario for ld in load_all(None, tax) if ld.ok and ld.scenario.id == "tutorial"]
    s = LiveSession()
    s.labels = Together(s, None, tax).labels(scns)
    welcome, prize = (next(st for st in scns[0].steps if st.id == i) for i in ("welcome", "prize_sms"))
    rows = [{"id": f"x:{i}", "session_id": "x", "scenario_id": "tutorial", "step": st.id, "choice": st.choices[0].id,
             "flags": [], "flags_shown": []} for i, st in enumerate((prize, welcome))]
    s.lab_add("pc0001", [{"id": "x", "machine": "pc0001", "nickname": "Lan", "scenario_id": "tutorial"}], rows)
    d = s.dashboard(names=True, lang="en")
    assert [c["step"] for c in d["choices"]] == ["welcome", "prize_sms"]  # story order, not alphabetical
    title = s.labels["tutorial"]["title"]["en"]
    assert d["choices"][0]["decision"] == f"{title} · decision 1" and d["students"][0]["title"] == title
    assert d["choices"][0]["options"][0]["text"] == s.labels["tutorial"]["steps"]["welcome"]["choices"][
        welcome.choices[0].id]["en"] != welcome.choices[0].id
    assert s.dashboard(names=True, lang="vi")["choices"][0]["decision"].endswith("quyết định 1")
