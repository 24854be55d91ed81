"""The projector while hosting, driven headless by posted events: the join screen shows the
address and code (never the trainer key), the phones' votes appear as they arrive, the
trainer reveals and goes on with the most-voted option, and each vote is stored once."""

from __future__ import annotations

import pygame

from game.core import results as R


def test_projector_join_vote_reveal_take(make_driver, data_dir):
    from game.live.host import start_host
    from game.ui.host.scenes import HostJoinScene, HostScene

    host = start_host(results_dir=data_dir / "results", data_dir=data_dir, bind="127.0.0.1", port=0)
    try:
        drv = make_driver(recorder=host.store)
        drv.app.push(HostJoinScene(drv.app, host))
        drv.frame()
        text = drv.screen_text()
        assert host.session.code in text and host.url in text
        assert host.session.key not in text
        phones = [host.session.join(n) for n in ("Lan", "Minh", "Vy")]
        drv.frame()
        assert "3 students have joined" in drv.screen_text()

        drv.key(pygame.K_RETURN)  # → the scenario list
        drv.key(pygame.K_1)  # the first scenario
        assert isinstance(drv.scene, HostScene)
        for _ in range(200):
            if host.session.phase == "voting":
                break
            drv.key(pygame.K_SPACE, dt=0.5)
        assert host.session.phase == "voting"
        d = host.session.decision
        for st, o in zip(phones, [d.options[1], d.options[1], d.options[0]], strict=True):
            host.session.vote(st.token, d.step, o.id)
        drv.frame()
        assert "2 votes · 67%" in drv.screen_text()
        assert host.session.key not in drv.screen_text()
        drv.key(pygame.K_h)  # hide the bars so the class does not follow the majority
        assert "2 votes" not in drv.screen_text() and "3 of 3 have voted" in drv.screen_text()
        drv.key(pygame.K_l)
        assert host.session.phase == "locked"
        drv.frame(dt=2.0)  # the class has had time to vote
        drv.key(pygame.K_RETURN)  # reveal
        assert host.session.phase == "revealed" and "2 votes" in drv.screen_text()
        drv.key(pygame.K_RETURN)  # go on with the most-voted option
        assert drv.scene.engine.log[0].choice == d.options[1].id
        host.store.flush()
    finally:
        host.close()
    data = R.read_results(host.store.path)
    votes = [x for x in data.decisions if x["votes"]]
    assert sorted(x["choice"] for x in votes) == sorted([d.options[1].id, d.options[1].id, d.options[0].id])
    trainer = [x for x in data.decisions if not x["votes"]]
    assert len(trainer) == 1 and trainer[0]["choice"] == d.options[1].id


def test_projector_resumes_the_story_and_votes_after_a_restart(make_driver, data_dir):
    from game.live.host import start_host
    from game.ui.host.scenes import HostScene

    host = start_host(results_dir=data_dir / "results", data_dir=data_dir, bind="127.0.0.1", port=0)
    drv = make_driver(recorder=host.store)
    entry = next(e for e in drv.app.get_catalog().entries if e.ok and e.id == "demo_otp")
    drv.app.push(HostScene(drv.app, entry.scenario, host))
    s = host.session
    for _ in range(200):
        if s.phase == "voting":
            break
        drv.key(pygame.K_SPACE, dt=0.5)
    st = s.join("Lan")
    first = s.decision
    s.vote(st.token, first.step, first.options[0].id)
    drv.frame(dt=2.0)
    drv.key(pygame.K_RETURN)  # reveal
    drv.key(pygame.K_RETURN)  # go on: decision 1 stored
    for _ in range(200):
        if s.phase == "voting":
            break
        drv.key(pygame.K_SPACE, dt=0.5)
    second = s.decision
    s.vote(st.token, second.step, second.options[-1].id)
    code = s.code
    host.store.flush()
    host.close()  # the laptop stops mid-vote
    pygame.display.quit()

    again = start_host(results_dir=data_dir / "results", data_dir=data_dir, bind="127.0.0.1", port=0)
    try:
        assert again.resumed and again.session.code == code
        drv2 = make_driver(recorder=again.store)
        story = again.session.story
        scene = HostScene(drv2.app, entry.scenario, again, resume_story=story)
        drv2.app.push(scene)
        drv2.frame()
        assert len(scene.engine.log) == 1 and scene.engine.deciding
        assert again.session.phase == "voting" and again.session.decision.index == second.index
        assert again.session.tallies()[second.options[-1].id] == 1  # the vote survived
        again.session.vote(st.token, second.step, second.options[-1].id)  # the phone re-sends it
        assert sum(again.session.tallies().values()) == 1
    finally:
        again.close()


def test_esc_closes_the_vote_and_an_enter_meant_to_skip_never_reveals(make_driver, data_dir):
    """Esc during a vote tells the phones the vote is over. In the next scenario the story reaches
    its first decision by itself (Free diamonds: about a second), just as the trainer presses Enter
    to skip ahead: that press must not reveal a vote nobody could cast (tryout M1)."""
    from game.ui.host.scenes import REVEAL_AFTER_S, HostJoinScene, HostPickerScene, HostScene

    host = start_host_here(data_dir)
    try:
        drv = make_driver(recorder=host.store)
        drv.app.push(HostJoinScene(drv.app, host))
        s = host.session
        phones = [s.join(n) for n in ("Lan", "Minh")]
        drv.key(pygame.K_RETURN)  # → the scenario list
        drv.key(pygame.K_1)  # the tutorial
        for _ in range(200):
            if s.phase == "voting":
                break
            drv.key(pygame.K_SPACE, dt=0.5)
        s.vote(phones[0].token, s.decision.step, s.decision.options[0].id)
        drv.key(pygame.K_ESCAPE)  # back to the list mid-vote
        assert isinstance(drv.scene, HostPickerScene)
        state = s.phone_state(phones[0].token)
        assert state["phase"] not in ("voting", "locked") and "options" not in state
        assert not s.story  # a restart now would not resume the scenario that was left

        ids = [e.id for e in drv.scene.shown()]
        drv.key(pygame.K_1 + ids.index("game_items"))  # Free diamonds
        assert isinstance(drv.scene, HostScene) and not drv.scene.engine.deciding
        for _ in range(200):  # the trainer reads "Skip ahead" while the story runs on by itself
            if drv.scene.engine.deciding:
                break
            drv.frame(0.05)
        assert s.phase == "voting"
        drv.key(pygame.K_RETURN)  # meant to skip ahead
        assert s.phase == "voting" and "The answers" not in drv.screen_text()
        drv.frame(dt=REVEAL_AFTER_S)
        drv.key(pygame.K_RETURN)  # a press made while the vote is on screen reveals
        assert s.phase == "revealed"
    finally:
        host.close()


def start_host_here(data_dir):
    from game.live.host import start_host

    return start_host(results_dir=data_dir / "results", data_dir=data_dir, bind="127.0.0.1", port=0)


def test_restart_during_the_first_decision_comes_back_to_the_vote(make_driver, data_dir):
    """Killed during decision 1 (no choice made yet): after the restart the projector is on the
    vote with the votes so far, not at the story's start (tryout M2); the class's run stays one
    recorded session, and no empty session is left by the restart or by a scenario left early."""
    from game.ui.host.scenes import REVEAL_AFTER_S, HostPickerScene, HostScene

    host = start_host_here(data_dir)
    drv = make_driver(recorder=host.store)
    entries = {e.id: e for e in drv.app.get_catalog().entries if e.ok}
    drv.app.push(HostPickerScene(drv.app, host))
    drv.app.push(HostScene(drv.app, entries["demo_otp"].scenario, host))
    drv.key(pygame.K_ESCAPE)  # chosen and left before its first decision: nothing to store
    drv.app.push(HostScene(drv.app, entries["tutorial"].scenario, host))
    s = host.session
    for _ in range(200):
        if s.phase == "voting":
            break
        drv.key(pygame.K_SPACE, dt=0.5)
    phones = [s.join(n) for n in ("Lan", "Minh", "Vy", "Hà")]
    first = s.decision
    for st, o in zip(phones, [0, 1, 0, 1], strict=True):
        s.vote(st.token, first.step, first.options[o].id)
    host.store.flush()
    host.close()  # the laptop stops during the first decision
    pygame.display.quit()

    again = start_host_here(data_dir)
    try:
        drv2 = make_driver(recorder=again.store)
        scene = HostScene(drv2.app, entries["tutorial"].scenario, again, resume_story=again.session.story)
        drv2.app.push(scene)
        drv2.frame()
        assert scene.engine.deciding and not scene.engine.log
        assert again.session.phase == "voting" and again.session.decision.index == 0
        assert "Vote on your phone!" in drv2.screen_text() and "4 of 4 have voted" in drv2.screen_text()
        drv2.key(pygame.K_RETURN)  # at once: the vote has only just come back on screen
        assert again.session.phase == "voting"
        drv2.frame(dt=REVEAL_AFTER_S)
        drv2.key(pygame.K_RETURN)
        assert again.session.phase == "revealed"
        drv2.key(pygame.K_RETURN)  # go on: decision 1 of the class's run is stored
        again.store.flush()
    finally:
        again.close()
    data = R.read_results(again.store.path)
    trainer = [x for x in data.sessions if x["nickname"] == "classroom"]
    assert len(trainer) == 1 and trainer[0]["scenario_id"] == "tutorial"  # no empty session, none split
    assert [d["session_id"] for d in data.decisions if not d["votes"]] == [trainer[0]["id"]]
