import pygame
import pytest


@pytest.fixture
def make_driver(tmp_path, monkeypatch):
    """The UI tests' headless driver, with this test's own data folder."""
    from tests.ui.driver import Driver

    data = tmp_path / "data"
    monkeypatch.setenv("LA_CHAN_DATA_DIR", str(data))
    made = []

    def make(**kw):
        d = Driver(data, **kw)
        made.append(d)
        return d

    yield make
    pygame.display.quit()
