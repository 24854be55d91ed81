"""Properties the whole scenario pack must keep (issue: the scenario pack)."""

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from game.core import walk
from game.core.loader import load_all

ROOT = Path(__file__).resolve().parents[2]
RED_FLAGS = {f["id"] for f in yaml.safe_load((ROOT / "assets/data/red_flags.yaml").read_text(encoding="utf-8"))}
REQUIRED = {"tutorial", "online_kidnapping", "fake_school_call", "hijacked_friend", "easy_job", "game_items",
            "otp_mistake", "fake_bank", "fake_delivery", "fake_vneid", "fake_scholarship", "sextortion",
            # issue 10: the patterns that were missing (T7b, T7c, T4c, T1 parent side, T2 2025, T11a)
            "mistaken_transfer", "recovery_scam", "job_abroad", "parent_kidnapping",
            "school_refund", "chat_sex_call"}
SEXUAL_CONTENT = {"sextortion", "chat_sex_call"}
NOT_YOUR_FAULT = re.compile(r"không phải lỗi của (bạn|em|con|chị|anh|mình)|not your fault", re.I)


@pytest.fixture(scope="module")
def pack():
    loaded = load_all([ROOT / "scenarios"])
    assert all(item.ok for item in loaded)
    return {item.scenario.id: item.scenario for item in loaded}


def scored_decisions(scn, path):
    return sum(1 for st, cid in path.choices
               if next(c for c in scn.offered_choices(scn.step(st)) if c.id == cid).safety != "neutral")


def test_every_required_pattern_ships(pack):
    assert set(pack) >= REQUIRED


@pytest.mark.parametrize("sid", sorted(REQUIRED))
def test_shape(pack, sid):
    scn = pack[sid]
    paths = list(walk.paths(scn, limit=20_000))
    decisions = sorted(scored_decisions(scn, p) for p in paths)
    assert decisions[len(decisions) // 2] >= 4, "a typical path has at least 4 decisions"
    assert len(scn.endings) >= 3
    assert {"safe", "harmed", "scammed"} <= {e.outcome for e in scn.endings}
    assert {p.outcome for p in paths} == {"safe", "harmed", "scammed"}, "every outcome is reachable"
    assert walk.safest_path(scn).percent == 100
    assert min(p.percent for p in paths) < 30, "the worst path scores low"
    assert 1 <= scn.minutes <= (4 if sid == "tutorial" else 10)


@pytest.mark.parametrize("sid", sorted(REQUIRED))
def test_help_is_offered_and_works(pack, sid):
    """Every step offers a help action unless the author said why not. Help is never a trap: it is
    scored as a safe move, and it leads to safety, or, once harm is done, at least never to being scammed."""
    scn = pack[sid]
    not_scammed = {e.id for e in scn.endings if e.outcome != "scammed"}
    for st in scn.steps:
        helps = [c for c in scn.offered_choices(st) if c.help]
        assert helps or st.no_help, f"{st.id} offers no help"
        for c in helps:
            assert c.safety == "safe" and c.score >= 8, f"{st.id}/{c.id}"
            targets = [c.next] if isinstance(c.next, str) else [b.go for b in c.next]
            assert any(_reaches(scn, t, not_scammed) for t in targets), f"{st.id}/{c.id} never leads out"


def _reaches(scn, node, goals, seen=None):
    seen = seen if seen is not None else set()
    if node in goals:
        return True
    if node in seen or scn.step(node) is None:
        return False
    seen.add(node)
    return any(_reaches(scn, t, goals, seen) for c in scn.offered_choices(scn.step(node))
               for t in ([c.next] if isinstance(c.next, str) else [b.go for b in c.next]))


@pytest.mark.parametrize("sid", sorted(REQUIRED))
def test_explanations_and_endings(pack, sid):
    scn = pack[sid]
    for st in scn.steps:
        for c in scn.offered_choices(st):
            if c.safety != "neutral":
                assert c.explanation and len(c.explanation.split()) >= 8, f"{st.id}/{c.id}"
    for e in scn.endings:
        if e.outcome != "safe":
            assert NOT_YOUR_FAULT.search(e.debrief), f"{e.id} must say it is not the player's fault"
            assert e.hotlines and e.advice, e.id


def test_every_red_flag_is_used_on_events_and_choices(pack):
    shown, answered = set(), set()
    for scn in pack.values():
        for st in scn.steps:
            for ev in st.events:
                shown.update(ev.flags)
            for c in scn.offered_choices(st):
                answered.update(c.flags)
    assert RED_FLAGS - shown == set()
    assert RED_FLAGS - answered == set()


def test_real_messages_teach_discernment(pack):
    genuine = [(sid, st) for sid, scn in pack.items() if sid in REQUIRED for st in scn.steps if st.genuine]
    assert len(genuine) >= 5
    for sid, st in genuine:
        scores = sorted((c.score for c in pack[sid].offered_choices(st) if c.safety != "neutral"), reverse=True)
        assert scores[0] == 10 and 1 <= min(scores) < 10, f"{sid}/{st.id}: over-suspicion costs a little"


def test_difficulty_rises_through_the_pack(pack):
    levels = Counter(pack[sid].difficulty for sid in REQUIRED)
    assert pack["tutorial"].difficulty == 1 and pack["online_kidnapping"].difficulty == 5
    assert len(levels) >= 4


@pytest.mark.parametrize("sid", sorted(SEXUAL_CONTENT))
def test_sexual_content_is_text_only(pack, sid):
    scn = pack[sid]
    for st in scn.steps:
        for ev in st.events:
            assert not getattr(ev, "image", None) and not getattr(getattr(ev, "link", None), "image", None)
            assert not getattr(ev, "video", False)
    assert scn.content_warnings


@pytest.mark.parametrize("sid", ["fake_school_call", "parent_kidnapping", "school_refund"])
def test_parent_scenario_is_played_as_a_parent(pack, sid):
    assert pack[sid].audience == "parent"


def test_only_fictional_numbers(pack):
    """Phone numbers follow the authoring guide's policy: `0PPX 000 NNN` on one shared list of real
    carrier prefixes (for scammers and real contacts alike), 1800/1900 00NN for organisations, and
    otherwise only official hotlines."""
    official = {"113", "111", "156", "5656", "114", "115"}
    shared = ("090", "093", "070", "079", "098", "038", "091", "085")
    for scn in pack.values():
        people = [*scn.contacts] + ([scn.player] if scn.player else [])
        for c in people:
            number = (c.number or "").strip()
            if not re.fullmatch(r"[\d\s.+]+", number):
                continue  # a handle or a brand name, not a number
            digits = re.sub(r"\D", "", number)
            if digits in official:
                continue
            ok = re.fullmatch(r"0\d{3} 000 \d{3}", number) and digits[:3] in shared or \
                re.fullmatch(r"1[89]00 00\d\d", number)
            assert ok or number == "845 000 1122", f"{scn.id}: {getattr(c, 'id', 'player')} {number}"


def test_losing_money_always_ends_as_scammed(pack):
    """A path on which the player loses money (a consequence with an amount) never ends 'safe' or
    'harmed': the ending must say plainly that they were scammed, and who to call."""
    for scn in pack.values():
        for p in walk.paths(scn, limit=5_000):
            lost = 0
            for sid, cid in p.choices:
                c = next(c for c in scn.offered_choices(scn.step(sid)) if c.id == cid)
                lost += sum(q.amount or 0 for q in c.consequences if q.kind == "money")
            assert not lost or p.outcome == "scammed", f"{scn.id}: {p.choices} loses {lost}đ, ends {p.ending}"
