import pygame
import pytest

from .driver import Driver


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("LA_CHAN_DATA_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def make_driver(data_dir):
    made = []

    def make(**kw):
        d = Driver(data_dir, **kw)
        made.append(d)
        return d

    yield make
    pygame.display.quit()
