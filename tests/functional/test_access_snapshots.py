"""Screenshots (SVG) of the scan highlight: a group of controls on the reader, and a block of
outline rows, in the high-contrast and light themes. The clock is fake, so they are stable."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from alsreader.access import FakeClock

from .access_driver import SwitchDriver, access_app
from .ui_helpers import GARDEN, quick_settings, reader_ready


@pytest.mark.parametrize("theme", ["high-contrast", "light"])
def test_a_scanned_group_of_controls(theme: str, snap_compare: Any) -> None:
    clock = FakeClock()

    async def ready(pilot: Pilot[object]) -> None:
        await reader_ready(pilot)
        driver = SwitchDriver(pilot, clock, select="enter", move="space")
        await driver.tick()
        await driver.press("space")  # the "Go to" group: three controls light up
        await pilot.pause(0.1)

    app = access_app(GARDEN, "two-switch", clock, quick_settings(theme=theme))
    assert snap_compare(app, terminal_size=(100, 30), run_before=ready)


def test_a_scanned_outline_row(snap_compare: Any) -> None:
    clock = FakeClock()

    async def ready(pilot: Pilot[object]) -> None:
        await reader_ready(pilot)
        driver = SwitchDriver(pilot, clock, select="enter", move="space")
        await driver.tick()
        for _ in range(5):
            await driver.press("space")  # to the section list
        await driver.press("enter")
        await driver.press("space")  # its second row
        await pilot.pause(0.1)

    app = access_app(GARDEN, "two-switch", clock, quick_settings())
    assert snap_compare(app, terminal_size=(120, 30), run_before=ready)
