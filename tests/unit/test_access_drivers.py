"""Every access mode has one driver; a driver takes exactly its mode's switch keys."""

from __future__ import annotations

from types import SimpleNamespace

from alsreader.access import ACCESS_MODES, MOVE, SELECT
from alsreader.config import Settings
from alsreader.ui.access.drivers import DRIVERS


def test_every_mode_has_a_driver() -> None:
    assert set(DRIVERS) == set(ACCESS_MODES)
    for mode, driver in DRIVERS.items():
        assert driver.mode == mode
        assert driver.title


def test_each_driver_takes_its_own_keys() -> None:
    settings = Settings()
    settings.access.one_switch_keys = ["f5", "enter"]
    settings.access.two_switch_move = "space"
    settings.access.two_switch_select = "f6"
    host = SimpleNamespace(access_settings=lambda: settings.access, scanner=None)
    keys = {mode: driver(host).keys() for mode, driver in DRIVERS.items()}  # type: ignore[arg-type]
    assert keys["keys"] == {}
    assert keys["dwell"] == {}
    assert keys["one-switch"] == {"f5": SELECT, "enter": SELECT}
    assert keys["two-switch"] == {"space": MOVE, "f6": SELECT}
