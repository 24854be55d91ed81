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
