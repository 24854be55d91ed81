"""A long feed lays out only the posts in sight or above it on opening (a post below the view counts
as tall as the mean of those laid out, until it comes into view); scrolling to its end shows its
real last post, and a feedback card's outlined post is still brought into view."""

from __future__ import annotations

import pygame
import pytest

from game.core.loader import load_scenario
from game.ui.bench_channels import write_scenario
from game.ui.phone import feed
from game.ui.scenes.play import PlayScene

N = 200


def P(i: int) -> str:
    return f"bench_channels/s1/p{i}"


def _open_feed(make_driver, tmp_path, flagged: str | None = None):
    path = write_scenario(tmp_path, N)
    text = path.read_text(encoding="utf-8")
    for i in range(N // 2):  # the older half of the posts is taller than the newer: a guess from the top is short
        text = text.replace(f"lần {i}.\"", f"lần {i}. " + "Mỗi đồng góp đều quý, xin chia sẻ để nhiều người biết. " * 4 + "\"")
    path.write_text(text, encoding="utf-8")
    if flagged is not None:  # that post shows a red flag the (safe) choice names: its card outlines it
        text = path.read_text(encoding="utf-8")
        text = text.replace(f"{{id: {flagged}, type: post,", f"{{id: {flagged}, type: post, flags: [personal_account_as_org],")
        text = text.replace("safety: safe, score: 5,", "safety: safe, score: 5, flags: [personal_account_as_org],")
        path.write_text(text, encoding="utf-8")
    loaded = load_scenario(path)
    assert loaded.scenario is not None and not loaded.errors, loaded.errors
    d = make_driver(timers=False)
    scene = PlayScene(d.app, loaded.scenario)
    d.app.push(scene)
    for _ in range(50):  # Space past the events to the decision
        if scene.engine.deciding:
            break
        d.key(pygame.K_SPACE, dt=0.2)
    assert scene.engine.deciding
    _to_feed(d, scene)
    return d, scene


def _to_feed(d, scene):
    """Back to the home screen, then the feed's app icon."""
    for _ in range(6):
        if scene.phone.screen == ("home",):
            break
        d.key(pygame.K_BACKSPACE)
    icon = next(it for it in scene.items if it.group == "app_icon" and it.action == ("phone", "open", ("feed", "feed")))
    d.click(icon.rect.center)  # (a banner sliding out above holds the same action)
    assert scene.phone.screen == ("feed", "feed")


def _shown_posts(scene) -> list[str]:
    view = scene.scrolls and next(iter(scene.scrolls))
    return [it.extra["post"] for it in scene.items if it.extra.get("post") and it.rect.colliderect(pygame.Rect(view))]


@pytest.fixture
def laid(monkeypatch):
    calls: list[str] = []
    real = feed._post

    def counting(scene, p, view, y):
        calls.append(p.id)
        return real(scene, p, view, y)

    monkeypatch.setattr(feed, "_post", counting)
    return calls


def test_a_long_feed_lays_out_only_what_is_in_sight(make_driver, tmp_path, laid):
    laid.clear()
    d, scene = _open_feed(make_driver, tmp_path)
    d.frame()
    assert 0 < len(set(laid)) <= 6, f"{len(set(laid))} of {N} posts laid out to open the feed"
    assert _shown_posts(scene)[0] == P(N - 1), "the newest post comes first"
    assert scene.thread_max_scroll > 10 * scene.app.surface.get_height(), "the feed still scrolls its whole length"


def test_scrolling_to_the_end_shows_the_real_last_post(make_driver, tmp_path, laid):
    d, scene = _open_feed(make_driver, tmp_path)
    d.key(pygame.K_END)
    d.frame()
    shown = _shown_posts(scene)
    assert shown and shown[-1] == P(0), shown
    view = pygame.Rect(next(iter(scene.scrolls)))
    last = next(it for it in scene.items if it.extra.get("post") == P(0))
    assert view.top < last.rect.bottom <= view.bottom, "the last post ends inside the view, not past it"
    assert scene.phone.scroll[("feed", "feed")] == scene.thread_max_scroll
    # wheel back up a little: the view moves by what the wheel asks, over posts laid out for real
    before = scene.phone.scroll[("feed", "feed")]
    d.wheel(1)
    assert 0 < before - scene.phone.scroll[("feed", "feed")] < before
    d.key(pygame.K_HOME)
    d.frame()
    assert _shown_posts(scene)[0] == P(N - 1)


def test_paging_down_lays_out_posts_as_they_come_into_view(make_driver, tmp_path, laid):
    d, scene = _open_feed(make_driver, tmp_path)
    seen: list[str] = []
    for _ in range(12):
        d.key(pygame.K_PAGEDOWN)
        seen += [p for p in _shown_posts(scene) if p not in seen]
    # every post passed on the way down was shown, in order, with none skipped
    assert seen == [P(i) for i in range(N - 1, N - 1 - len(seen), -1)], seen
    assert len(set(laid)) < N // 2


def test_an_outlined_post_far_down_is_brought_into_view(make_driver, tmp_path, laid):
    d, scene = _open_feed(make_driver, tmp_path, flagged="p20")
    d.key(pygame.K_1)  # the choice: its card outlines post p20, far below the first screenful
    _to_feed(d, scene)
    d.frame()
    assert scene.card is not None and scene.flags_on(P(20))
    assert P(20) in _shown_posts(scene), _shown_posts(scene)
    assert P(10) not in laid, "posts below the outlined one stay unlaid"
