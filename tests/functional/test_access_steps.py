"""Scan steps per action, measured by driving the real reader screen with two switches."""

from __future__ import annotations

from alsreader.access import READER_SCAN_TARGETS, FakeClock, scan_steps
from alsreader.access.steps import CLOSE_LIST, READER_ACTIONS, average_steps
from alsreader.speech.events import SpeechState
from alsreader.ui.screens.menu import MenuScreen
from alsreader.ui.screens.reader import ReaderScreen

from .access_driver import SwitchDriver, access_app, speech
from .ui_helpers import GARDEN, quick_settings, reader_ready, wait_for


async def test_steps_from_rest_on_the_real_reader_match_the_core_table() -> None:
    clock = FakeClock()
    app = access_app(GARDEN, "two-switch", clock, quick_settings(ignore_repeat=0.0))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await reader_ready(pilot)
        driver = SwitchDriver(pilot, clock, select="enter", move="space")
        await driver.tick()
        scanned = [target.scan for target in app.access.targets.values()]
        # The reader's actions are scanned in the core's order and groups; the section list
        # (one group of the outline's rows) comes after them.
        assert scanned[: len(READER_SCAN_TARGETS)] == list(READER_SCAN_TARGETS)
        measured: dict[str, int] = {}
        for scan in READER_SCAN_TARGETS:
            await wait_for(pilot, lambda: app.screen is screen)
            await driver.tick()
            assert app.access.scanner.highlighted == "play_pause"  # rest: the first target
            driver.steps = 0
            await driver.choose(scan.id)
            measured[scan.id] = driver.steps
            assert app.access.activations[-1] == scan.id
            if scan.id in ("play_pause", "repeat"):  # undo: one press pauses
                await wait_for(pilot, lambda: speech(app) is SpeechState.READING)
                await driver.tick()
                await driver.press("enter")
                await wait_for(pilot, lambda: speech(app) is SpeechState.PAUSED)
            elif scan.id == "menu":  # undo: close the menu by switch too
                await wait_for(pilot, lambda: isinstance(app.screen, MenuScreen))
                await driver.tick()
                await wait_for(pilot, lambda: "close_menu" in app.access.targets)
                await driver.choose("close_menu")
                await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
            elif scan.id == "sections":  # the list to choose from; close it by switch
                await wait_for(pilot, lambda: screen.choosing)
                await driver.tick()
                await driver.choose(CLOSE_LIST)
                await wait_for(pilot, lambda: not screen.choosing)
        expected = scan_steps(READER_SCAN_TARGETS)
        assert measured == expected
        assert measured["play_pause"] == 1
        average = average_steps(measured)
        assert average <= 4.5, f"average over {READER_ACTIONS}: {average}"
        # The paragraph steps came last in Go to, so no earlier action moved (README).
        later = ("next_paragraph", "previous_paragraph")
        assert max(n for action, n in measured.items() if action not in later) <= 7
        assert max(measured[action] for action in later) <= 9
