"""Properties the whole scenario pack must keep (issue: the scenario pack)."""

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
            "school_refund", "chat_sex_call",
            # issue 13: the format v2 channels (social feed, QR scan, email, web page, app install)
            "fake_charity", "page_lock_phishing"}
SEXUAL_CONTENT = {"sextortion", "chat_sex_call"}


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


@pytest.fixture(scope="module")
def codes():
    """Lint's findings per scenario id: the rules every author gets live in lint, not here."""
    loaded = load_all([ROOT / "scenarios"])
    return {item.scenario.id: {d.code for d in item.diagnostics} for item in loaded}


@pytest.mark.parametrize("sid", sorted(REQUIRED))
def test_help_is_offered_and_works(codes, sid):
    """Every step offers help unless the author said why not (LC401); help is scored as a safe move
    (LC331), leads somewhere the player is not scammed (LC332), and never round a loop (LC330)."""
    assert not codes[sid] & {"LC401", "LC330", "LC331", "LC332"}


@pytest.mark.parametrize("sid", sorted(REQUIRED))
def test_explanations_and_endings(codes, sid):
    """Explanations name the flag and the rule (LC305, LC333); harmful endings say it is not the player's
    fault (LC334) and give hotlines and advice (LC402, LC335)."""
    assert not codes[sid] & {"LC305", "LC333", "LC334", "LC402", "LC335"}


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


def test_marking_a_real_message_as_spam_is_not_graded_safe(pack):
    """Found in a try-out: page_lock_phishing graded "mark the genuine security mail as spam" as
    safe. Treating a real notice as a scam is over-suspicion (the pack's convention: risky, a little
    below the best), and its explanation points to checking inside the app."""
    seen = 0
    for sid, scn in pack.items():
        for st in scn.steps:
            if not st.genuine:
                continue
            for c in scn.offered_choices(st):
                if c.email in ("spam", "delete"):
                    seen += 1
                    assert c.safety == "risky" and 1 <= c.score < 10, f"{sid}/{st.id}/{c.id}"
    assert seen
    spam_real = next(c for c in pack["page_lock_phishing"].step("new_admin").choices if c.id == "spam_real")
    assert "ứng dụng" in spam_real.explanation  # where to check instead


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_brand_impersonation_flag_names_no_real_brand(lang):
    """Found in a try-out: the flag's explanation named Facebook. The game's world is fictional;
    the flag describes a well-known brand or platform in general words, in every language."""
    import re

    from game.core.i18n import load_translator
    from game.core.loader import load_taxonomy
    from game.core.packcheck import load_real_brands
    from game.ui.words import flag_explanation, flag_name

    tr, tax = load_translator(lang), load_taxonomy()
    text = flag_name(tr, tax, "brand_impersonation") + " " + flag_explanation(tr, tax, "brand_impersonation")
    assert text.strip()
    named = [b for b in load_real_brands() if re.search(rf"(?<!\w){re.escape(b)}(?!\w)", text, re.IGNORECASE)]
    assert named == [], (lang, named, text)


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


def test_only_fictional_numbers(codes):
    """Phone numbers follow the authoring guide's policy (0PPX 000 NNN on shared prefixes, 1800/1900 00NN), except official hotlines (lint: LC337)."""
    assert {sid for sid, found in codes.items() if "LC337" in found} == set()


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


def _events(scn):
    for st in scn.steps:
        yield from st.events


def test_every_v2_channel_is_used_by_a_shipped_scenario(pack):
    """Issue 13: each new channel is used in at least one shipped scenario, and where the lesson is
    (a scam page that flags its look-alike domain, a scan that reveals a personal account, permissions
    that flag the danger, an attachment with two extensions, a spam choice, a page-fill choice)."""
    events = [(sid, ev) for sid, scn in pack.items() for ev in _events(scn)]
    types = {ev.type for _sid, ev in events}
    assert {"email", "post", "page", "scan", "install"} <= types
    assert any(ev.type == "page" and "lookalike_address" in ev.flags for _s, ev in events)
    assert any(ev.type == "page" and any(b.input == "password" for b in ev.blocks) for _s, ev in events)
    assert any(ev.type == "page" and any(b.input == "otp" for b in ev.blocks) for _s, ev in events)
    assert any(ev.type == "post" and ev.sponsored and ev.comments and ev.qr for _s, ev in events)
    assert any(ev.type == "post" and ev.qr and ev.qr.shows == "transfer" and ev.qr.personal
               and "personal_account_as_org" in ev.flags for _s, ev in events)
    assert any(ev.type == "install" and ev.screen == "install" for _s, ev in events)
    assert any(ev.type == "install" and ev.screen == "permissions"
               and {"accessibility", "read_sms"} <= set(ev.permissions) for _s, ev in events)
    assert any(ev.type == "email" and ev.reply_to and any(a.name.count(".") >= 2 for a in ev.attachments)
               for _s, ev in events)
    assert any(ev.type == "notification" and ev.image for _s, ev in events)
    assert any(ev.when is not None for _s, ev in events), "an event variant with when:"
    choices = [c for scn in pack.values() for st in scn.steps for c in scn.offered_choices(st)]
    assert {"fill", "close"} <= {c.page for c in choices}
    assert "spam" in {c.email for c in choices}
    # social pages carry their history ("About this page"): one created recently and renamed
    assert any(c.former_names and c.created for scn in pack.values() for c in scn.contacts)


def test_money_placeholders_name_a_money_variable(pack):
    """A `{name}` in a shipped text names a declared variable (v2core's lint checks this for every
    file; this keeps the shipped pack honest until then), and at least one scenario uses one."""
    from game.core import placeholders
    from game.core.texts import iter_texts

    used = False
    for scn in pack.values():
        declared = {v.id for v in scn.variables}
        for item in iter_texts(scn):
            for name in placeholders.names(item.source):
                assert name in declared, f"{item.key}: {{{name}}} is not a declared variable"
                used = True
    assert used


def test_a_story_that_starts_unlocked_never_sends_the_player_to_the_lock_screen():
    """The phone starts unlocked unless a scenario sets `lock_screen`: no text of such a scenario
    (or its English translation) may tell the player to unlock it (the tutorial's first hint did)."""
    from game.core.i18n import load_translator
    from game.core.texts import Text, texts_of

    en = load_translator("en")
    for item in load_all():
        scn = item.scenario
        if scn is None or scn.lock_screen:
            continue
        for t in texts_of(scn):
            for said in (t.source, en.text(Text(t.key, t.source))):
                low = said.lower()
                # the lock screen, or its button named as a label (unlocking an account is another matter)
                for words in ("màn hình khoá", "màn hình khóa", '"mở khoá"', '"mở khóa"', "lock screen", '"unlock"'):
                    assert words not in low, (scn.id, t.key, said)


def test_an_ending_a_timer_leads_to_is_written_for_the_player_who_did_not_answer():
    """When time runs out straight into an ending, that ending is reached by no choice: its words
    describe silence, not a decision (demo_shipper's had told a student who let the timer run out
    "you recognised the scam and stopped", try-out)."""
    for item in load_all():
        scn = item.scenario
        if scn is None:
            continue
        endings = {e.id for e in scn.endings}
        by_timer = {st.timeout.go for st in scn.steps if st.timeout is not None and st.timeout.go in endings}
        by_choice = {t for st in scn.steps for c in st.choices for t in c.targets}
        assert not by_timer & by_choice, (scn.id, by_timer & by_choice)
