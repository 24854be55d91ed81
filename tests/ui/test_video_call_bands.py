"""Video calls: the caller's name, the controls and the captions sit in bands above and below the
picture, never over it (the picture may carry its own text), and the picture keeps its proportions."""

from __future__ import annotations

import pygame
import pytest

from game.core.loader import SCENARIOS_DIR, load_scenario


def _leads_to_video(scn, choice) -> bool:
    step = scn.step(choice.next) if isinstance(choice.next, str) else None
    return step is not None and any(getattr(ev, "video", False) for ev in step.events)


def _to_video_call(d, sid, lines):
    scn = load_scenario(SCENARIOS_DIR / f"{sid}.yaml", d.app.get_taxonomy()).scenario
    d.app.push_named("play", scn)
    d.frame()
    for _ in range(3000):
        sc = d.scene
        assert d.name == "PlayScene", "the story ended before a video call"
        call = sc.engine.phone.call
        if call is not None and call.video and call.status == "active" and len(call.lines) >= lines and sc.card is None:
            return sc
        if sc.card is not None:
            d.key(pygame.K_RETURN)
        elif sc.engine.deciding:
            accept = sc.call_choice("accept")
            if accept is not None and call is not None and call.video:
                d.click_action(("call", "accept"))
            else:  # the choice that leads to the video call, if one does
                offered = sc.numbered()
                pick = next((i for i, c in enumerate(offered) if _leads_to_video(sc.scn, c)), 0)
                d.key(pygame.K_1 + pick)
        else:
            d.frame(0.1)
    raise AssertionError("no video call reached")


@pytest.mark.parametrize("sid,lang,size", [("demo_shipper", "vi", (1280, 720)), ("online_kidnapping", "en", (1920, 1080)),
                                           ("hijacked_friend", "vi", (1024, 640))])
def test_nothing_is_drawn_over_the_video_picture(make_driver, sid, lang, size):
    d = make_driver(lang=lang, size=size, timers=False)
    sc = _to_video_call(d, sid, lines=2)
    for _ in range(10):
        d.frame(0.1)
    d.draw()
    pics = [it for it in sc.items if it.kind == "image" and it.extra.get("picture")]
    assert len(pics) == 1, "the video call shows its picture"
    pic = pics[0].rect
    w, h = pics[0].surface.get_size()
    assert abs(pic.w / pic.h - w / h) < 0.03, "the picture keeps its proportions"
    on_top = [it for it in sc.items if it is not pics[0] and it.area == "phone" and it.rect.colliderect(pic)
              and (it.kind in ("text", "button", "icon") or it.group == "caption")]
    assert not on_top, [(it.kind, it.text, it.rect) for it in on_top]
    drawn_over = [t.text for t in d.app.painter.drawn if t.rect.colliderect(pic)
                  and sc.lay().screen.contains(t.rect)]
    assert not drawn_over, drawn_over
    # the name and the hang-up button are still there, above and below
    assert any(t.rect.bottom <= pic.top for t in d.app.painter.drawn if sc.lay().screen.contains(t.rect))
    hang = [it for it in sc.items if it.action == ("call", "hang_up")]
    assert hang and hang[0].rect.top >= pic.bottom
