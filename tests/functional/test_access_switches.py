"""One switch or two, alone, drive the real app: open, read, pause, skip, pace, jump.

The app runs for real (Textual Pilot, real narrator on the silent player); only time is fake
(a FakeClock the tests advance), and the only keys pressed are the switch keys.
"""

from __future__ import annotations

from pathlib import Path

from alsreader.access import FakeClock
from alsreader.document.model import Position
from alsreader.speech.events import SpeechState
from alsreader.ui.access.panel import SCANNED_CLASS, ScanPanel
from alsreader.ui.app import ReaderApp
from alsreader.ui.screens.library import LibraryScreen
from alsreader.ui.widgets.big_button import BigButton
from alsreader.ui.widgets.list_row import ListRow
from alsreader.ui.widgets.outline import Outline

from .access_driver import SwitchDriver, access_app, speech
from .ui_helpers import DOCUMENTS, GARDEN, reader_ready, shown, wait_for


def _option_for_section(app: ReaderApp, section: int) -> str:
    for target_id, target in app.access.targets.items():
        if isinstance(target.widget, Outline) and target.option is not None:
            option = target.widget.get_option_at_index(target.option)
            if option.id == f"section-{section}":
                return target_id
    raise AssertionError(f"section {section} is not a scan target")


def _row_for(app: ReaderApp, path: Path) -> str:
    for target_id, target in app.access.targets.items():
        if isinstance(target.widget, ListRow) and target.widget.value == path:
            return target_id
    raise AssertionError(f"{path.name} is not in the library's scan targets")


async def _read_with_switches(mode: str, select: str, move: str | None) -> None:
    clock = FakeClock()
    app = access_app(DOCUMENTS, mode, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        driver = SwitchDriver(pilot, clock, select=select, move=move)
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen)
                       and len(app.screen.rows()) == 2)
        await driver.tick()
        assert "settings" not in app.access.targets  # caregivers' screen: not by scan
        panel = app.screen.query_one(ScanPanel)
        assert "Documents" in str(panel.render())

        # Open the garden notes from the library (a group of rows, then the row).
        garden = _row_for(app, GARDEN.resolve())
        await driver.choose(garden)
        screen = await reader_ready(pilot)
        assert shown(screen) == (0, 0)
        await wait_for(pilot, lambda: screen.query_one(Outline).option_count == 5)
        await driver.tick()
        assert app.access.scanner.highlighted == "play_pause"  # a new screen starts there
        play = screen.query_one("#control-play_pause", BigButton)
        assert play.has_class(SCANNED_CLASS)

        # Start reading, then pause with one press (any press pauses while reading).
        await driver.choose("play_pause")
        await wait_for(pilot, lambda: speech(app) is SpeechState.READING)
        await driver.tick()
        assert app.access.scanner.reading
        await driver.press(select)
        await wait_for(pilot, lambda: speech(app) is SpeechState.PAUSED)
        assert app.access.activations[-2:] == ["play_pause", "pause"]
        assert app.access.scanner.highlighted == "play_pause"  # scanning resumes there

        # Skip a sentence (in the "Go to" group).
        before = screen.session.position if screen.session else Position(0, 0)
        await driver.choose("next_sentence")
        await wait_for(pilot, lambda: shown(screen) == (before.section, before.sentence + 1))
        assert speech(app) is SpeechState.PAUSED

        # Change the pace (in the "Pace" group).
        narrator = app.narrator
        assert narrator is not None
        rate = narrator.voice.rate
        await driver.choose("faster")
        await wait_for(pilot, lambda: narrator.voice.rate == rate + 15)

        # Jump to a section from the outline (a group of its rows); jumping reads on.
        await driver.choose(_option_for_section(app, 3))
        await wait_for(pilot, lambda: shown(screen)[0] == 3)
        await wait_for(pilot, lambda: speech(app) is SpeechState.READING)
        await driver.tick()
        await driver.press(select)
        await wait_for(pilot, lambda: speech(app) is SpeechState.PAUSED)

        assert set(driver.keys_pressed) <= {select, *([move] if move else [])}
        assert app.access.activations == [
            garden, "play_pause", "pause", "next_sentence", "faster",
            _option_for_section(app, 3), "pause",
        ]
        assert narrator.position.section == 3


async def test_one_switch_alone_opens_reads_pauses_skips_paces_and_jumps() -> None:
    await _read_with_switches("one-switch", "space", None)


async def test_two_switches_alone_open_read_pause_skip_pace_and_jump() -> None:
    await _read_with_switches("two-switch", "enter", "space")
