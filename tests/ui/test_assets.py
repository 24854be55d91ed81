"""Scenario images and sounds load off the frame; a bad one gets a placeholder and a warning."""

import logging

import pygame

from game.ui.assets import PLACEHOLDER_SIZE, AssetLoader
from tests.core.test_assetcheck import png, wav


def test_a_declared_giant_png_is_never_decoded(tmp_path, caplog, monkeypatch):
    pygame.display.init()
    (tmp_path / "bomb.png").write_bytes(png(30000, 30000))
    decoded = []
    real = pygame.image.load
    monkeypatch.setattr(pygame.image, "load", lambda p, *a: decoded.append(p) or real(p, *a))
    loader = AssetLoader()
    with caplog.at_level(logging.WARNING, logger="la_chan.assets"):
        first = loader.image(tmp_path / "bomb.png")
        loader.wait()
        img = loader.image(tmp_path / "bomb.png")
    assert first is None or first.get_size() == PLACEHOLDER_SIZE  # nothing blocks the frame
    assert img.get_size() == PLACEHOLDER_SIZE
    assert decoded == []
    assert "LC421" in caplog.text


def test_good_and_broken_images(tmp_path, caplog):
    pygame.display.init()
    good = pygame.Surface((40, 30))
    pygame.image.save(good, str(tmp_path / "ok.png"))
    (tmp_path / "broken.png").write_bytes(png(20, 20)[:40] + b"garbage" * 10)
    loader = AssetLoader()
    loader.image(tmp_path / "ok.png")
    loader.image(tmp_path / "broken.png")
    loader.image(tmp_path / "missing.png")
    with caplog.at_level(logging.WARNING, logger="la_chan.assets"):
        loader.wait()
    assert loader.image(tmp_path / "ok.png").get_size() == (40, 30)
    assert loader.image(tmp_path / "broken.png").get_size() == PLACEHOLDER_SIZE
    assert loader.image(tmp_path / "missing.png").get_size() == PLACEHOLDER_SIZE
    assert caplog.text.count("not used") == 2
    assert not loader.pending()


def test_sounds_play_once_loaded_and_long_ones_are_skipped(tmp_path):
    wav(tmp_path / "short.wav", 0.2, rate=22050)
    wav(tmp_path / "long.wav", 120, rate=4000)
    loader = AssetLoader()
    played = []
    loader.sound(tmp_path / "short.wav", played.append)
    loader.sound(tmp_path / "long.wav", played.append)
    loader.wait()
    if pygame.mixer.get_init():
        assert len(played) == 1
    else:  # no audio device: nothing plays, nothing breaks
        assert played == []


LATE_PICTURE = """schema_version: 1
id: late_picture
source_language: en
title: "Late picture"
summary: "A tall picture that loads after its message is laid out"
difficulty: 1
minutes: 1
player: {name: "Lan"}
contacts:
  - {id: officer, name: "Officer", number: "0912 345 678"}
apps:
  - {id: chat, kind: chat, name: "Chatter"}
steps:
  - id: s1
    events:
      - {id: m1, type: message, app: chat, from: officer, thread: officer, text: "Here is the order.", image: tall.png}
      - {id: m2, type: message, app: chat, from: officer, thread: officer, text: "Join within 5 minutes."}
    choices:
      - {id: ok, text: "Block", safety: safe, score: 5, explanation: "Right.", next: end}
endings:
  - {id: end, outcome: safe, title: "Done", debrief: "Done."}
"""


def test_a_picture_that_arrives_late_pushes_the_messages_below_it_down(make_driver, tmp_path, monkeypatch):
    """A message's picture loads in the background; the thread first lays the message out with a
    placeholder's height. When the picture (here taller than that) arrives, the messages below it
    move down: they were drawn over it (the try-out's online_kidnapping warrant)."""
    import threading

    import game.ui.assets as assets_module
    from game.core.loader import load_scenario
    from game.ui.scenes.play import PlayScene

    from .driver import layout_problems

    pygame.image.save(pygame.Surface((300, 420)), str(tmp_path / "tall.png"))
    (tmp_path / "late.yaml").write_text(LATE_PICTURE, encoding="utf-8")
    gate = threading.Event()
    real = assets_module._decode
    monkeypatch.setattr(assets_module, "_decode", lambda kind, path: gate.wait(10) and real(kind, path))
    d = make_driver(lang="en", timers=False)
    scene = PlayScene(d.app, load_scenario(tmp_path / "late.yaml").scenario)
    d.app.push(scene)
    d.frame()
    scene.engine.skip()
    scene.phone.screen = ("thread", "chat", "officer")
    d.frame()
    d.frame()
    assert scene.image("tall.png") is None  # laid out while the picture loads
    gate.set()
    scene.assets.wait()
    for _ in range(3):
        d.frame()
    assert scene.image("tall.png") is not None
    bubbles = [it for it in scene.items if it.group == "bubble"]
    assert len(bubbles) >= 2
    assert not [p for p in layout_problems(scene) if "bubble" in p]


def test_a_picture_drawn_again_after_its_pixels_were_dropped_is_a_fresh_decode(make_driver):
    """The full-size pixels of a scenario picture go once a frame has made its scaled copies; a
    copy at a new size, a video effect or a thumbnail's square made after that is decoded again
    and has exactly the pixels a fresh decode of the file gives."""
    from game.core.loader import SCENARIOS_DIR
    from game.ui.phone import video_fx

    d = make_driver(lang="en")
    path = SCENARIOS_DIR / "images" / "online_kidnapping_warrant.png"
    loader = AssetLoader()
    loader.image(path)
    loader.wait()
    pic = loader.image(path)
    painter = d.app.painter
    painter.begin()
    first = painter.scaled(pic, (210, 290), radius=8)
    assert pic.get_size() == (420, 580) and pic.held()
    painter.begin()  # the next frame: the copy stays, the full-size pixels go
    assert not pic.held()
    assert painter.scaled(pic, (210, 290), radius=8) is first and not pic.held()

    fresh = pygame.image.load(str(path)).convert_alpha()

    def same(a, b):
        return a.get_size() == b.get_size() and pygame.image.tobytes(a, "RGBA") == pygame.image.tobytes(b, "RGBA")

    assert same(painter.scaled(pic, (150, 207)), pygame.transform.smoothscale(fresh, (150, 207)))
    painter.begin()
    assert not pic.held()
    assert same(painter.scaled(pic, (300, 414), "glitch"), video_fx.glitch(fresh, (300, 414)))
    painter.begin()
    square = pygame.Rect(0, 80, 420, 420)
    part = pic.subsurface(square)
    assert part.get_size() == (420, 420) and not pic.held()
    assert same(painter.scaled(part, (44, 44)), pygame.transform.smoothscale(fresh.subsurface(square), (44, 44)))
    painter.begin()
    assert not pic.held()


def test_a_video_calls_picture_keeps_its_pixels_while_the_call_draws_it(make_driver, monkeypatch):
    """Captions shrink a video call's picture band a few seconds apart; each new size is scaled
    from pixels kept while the call draws the picture (a decode would cost that frame ~2-3 ms).
    A picture drawn without a video mode (a chat image) lets its pixels go at the next frame. The
    call's copies at sizes its band has left are dropped."""
    import game.ui.assets as assets_module
    from game.core.loader import SCENARIOS_DIR
    from game.ui import items as I
    from game.ui import painter as painter_module

    d = make_driver(lang="en")
    loader = AssetLoader()
    for name in ("officer", "plea"):
        loader.image(SCENARIOS_DIR / "images" / f"online_kidnapping_{name}.png")
    loader.wait()
    call = loader.image(SCENARIOS_DIR / "images" / "online_kidnapping_officer.png")
    chat = loader.image(SCENARIOS_DIR / "images" / "online_kidnapping_plea.png")
    decodes = []
    real = assets_module._pixels
    monkeypatch.setattr(assets_module, "_pixels", lambda *a: decodes.append(a[1]) or real(*a))
    painter, screen = d.app.painter, pygame.Surface((400, 700))
    for h in (420, 310, 286):
        painter.begin()
        painter.paint(screen, [I.Item("image", pygame.Rect(0, 0, h * 3 // 4, h), surface=call, radius=12,
                                      extra={"mode": "fit", "picture": True}),
                               I.Item("image", pygame.Rect(0, 0, h // 2, h // 3), surface=chat, radius=8)])
        for _ in range(5):
            painter.begin()
    assert call.held() and decodes == ["online_kidnapping_plea.png", "online_kidnapping_plea.png"]
    # the call's copies at the sizes its band left are dropped (made again from the kept pixels if it
    # comes back); the chat picture's stay, as making them again would decode it
    assert [k[1] for k in painter._scaled if k[0] == id(call)] == [(214, 286)]
    assert len([k for k in painter._scaled if k[0] == id(chat)]) == 3
    for _ in range(painter_module.CALL_PICTURE_KEEP_FRAMES):
        painter.begin()
    assert not call.held() and not chat.held()
