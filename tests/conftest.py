import os

import pytest

# Headless pygame for every test; set before anything imports pygame.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """This test's own user-data folder (progress, settings, results)."""
    monkeypatch.setenv("LA_CHAN_DATA_DIR", str(tmp_path))
    from game.core.storage import clear_notices

    clear_notices()  # damaged-file notices are per start-up; each test is a fresh start
    return tmp_path


@pytest.fixture
def make_driver(data_dir):
    """Build headless UI drivers (tests/ui/driver.py) on this test's data folder."""
    import pygame

    from tests.ui.driver import Driver

    def make(**kw):
        return Driver(data_dir, **kw)

    yield make
    pygame.display.quit()


@pytest.fixture(autouse=True)
def _check_reused_models(monkeypatch):
    """Every render model a scroll reuses instead of building (Scene.refresh) is compared with a
    full build of the same state, in every test: a Scene.still() that misses a change fails."""
    import game.ui.scene

    monkeypatch.setattr(game.ui.scene, "CHECK_REUSE", True)
