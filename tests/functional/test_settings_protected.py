"""The caregiver's set-up is protected: the settings open only for the code shown, a key storm
while reading leaves the settings file as it was, and every change can be undone in one step.

The real app on the silent player (real espeak-ng synthesis, no sound device) with a real
settings file in ``tmp_path``; the clock of presses is a FakeClock, so the tremor filter sees
the presses as far apart as the test says.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from textual.pilot import Pilot

from alsreader.access.clock import FakeClock
from alsreader.config import load_settings
from alsreader.ui.app import ReaderApp, make_app
from alsreader.ui.screens.confirm_settings import ConfirmSettingsScreen, new_code
from alsreader.ui.screens.reader import ReaderScreen
from alsreader.ui.screens.settings import SAVE_DELAY_S, SettingsScreen
from alsreader.ui.widgets.big_button import BigButton

from .access_driver import access_app
from .test_reliability_mashing import send_key
from .ui_helpers import DOCUMENTS, GARDEN, quick_settings, reader_ready, start_reading, wait_for

CONFIG = """\
# Set up by Ann's daughter.
voice:
  rate: 175   # what Ann is used to
access:
  ignore_repeat: 0.3
"""


def protected_app(tmp_path: Path, clock: FakeClock | None = None, *,
                  ignore_repeat: float = 0.3) -> tuple[ReaderApp, Path]:
    config = tmp_path / "config.yaml"
    config.write_text(CONFIG.replace("0.3", str(ignore_repeat)), encoding="utf-8")
    return make_app(GARDEN, config_path=config, player="silent", clock=clock), config


def settings_open(app: ReaderApp) -> bool:
    return any(isinstance(screen, SettingsScreen) for screen in app.screen_stack)


async def dialog_shown(app: ReaderApp, pilot: Pilot[object]) -> ConfirmSettingsScreen:
    await wait_for(pilot, lambda: isinstance(app.screen, ConfirmSettingsScreen))
    dialog = app.screen
    assert isinstance(dialog, ConfirmSettingsScreen)
    return dialog


def test_the_code_is_three_different_digits() -> None:
    rng = random.Random(7)
    codes = {new_code(rng) for _ in range(200)}
    assert len(codes) > 150  # new each time
    for code in codes:
        assert len(code) == 3
        assert code.isdigit()
        assert len(set(code)) == 3


async def test_a_wrong_key_closes_the_dialog_and_the_code_opens_the_settings(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    app, _config = protected_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await reader_ready(pilot)
        for wrong in ("x", "enter", "space", "comma", "escape"):
            clock.advance(1.0)
            await pilot.press("comma")
            dialog = await dialog_shown(app, pilot)
            shown = str(dialog.query_one("#code-question").render())
            assert shown == f"To change the settings, type {' '.join(dialog.code)}"
            assert dialog.query_one("#cancel", BigButton).has_focus
            clock.advance(1.0)
            await pilot.press(wrong)
            await pilot.pause()
            assert isinstance(app.screen, ReaderScreen), wrong
            assert not settings_open(app)

        # Two right digits, then a wrong one: still closed.
        clock.advance(1.0)
        await pilot.press("comma")
        dialog = await dialog_shown(app, pilot)
        wrong_digit = next(d for d in "0123456789" if d not in dialog.code)
        for key in (*dialog.code[:2], wrong_digit):
            clock.advance(0.5)
            await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)

        # Each time a new code; typing it opens the settings.
        codes = set()
        for _ in range(3):
            clock.advance(1.0)
            await pilot.press("comma")
            dialog = await dialog_shown(app, pilot)
            codes.add(dialog.code)
            await pilot.press("escape")
            await pilot.pause()
        assert len(codes) > 1
        clock.advance(1.0)
        await pilot.press("comma")
        dialog = await dialog_shown(app, pilot)
        for key in dialog.code:
            clock.advance(0.5)
            await pilot.press(key)
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen))


@pytest.mark.parametrize("allowed", [False, True])
async def test_a_switch_reaches_open_settings_only_when_the_caregiver_allows(
    allowed: bool,
) -> None:
    settings = quick_settings(ignore_repeat=0.3)
    settings.access.settings_reachable_by_scan = allowed
    clock = FakeClock()
    app = access_app(DOCUMENTS, "one-switch", clock, settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("comma")  # not a switch key: the caregiver's keyboard
        await dialog_shown(app, pilot)
        app.access.tick()
        assert next(iter(app.access.targets)) == "settings_code_cancel"
        assert ("settings" in app.access.targets) is allowed
        if allowed:
            app.access.activate("settings")
            await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen))
        else:
            app.access.activate("settings_code_cancel")
            await wait_for(pilot, lambda: not isinstance(app.screen,
                                                         ConfirmSettingsScreen))
            assert not settings_open(app)


KEYS = (
    "comma", "comma", "comma", "enter", "enter", "space", "space", "tab", "escape",
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
    "a", "b", "h", "m", "n", "q", "r", "s", "u", "v", "x", "question_mark",
    "left", "right", "up", "down", "minus", "plus",
)
"""A shaking hand anywhere on the keyboard: the settings key, Enter and Space often, every
digit, letters (not y, the one deliberate key that quits), arrows and the pace keys."""

KEYS_PER_SECOND = 20
SECONDS = 60
BATCH = 5
"""Keys sent before the app catches up (a quarter of a second's worth)."""


async def test_sixty_seconds_of_random_keys_while_reading_leave_the_settings_file_alone(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    app, config = protected_app(tmp_path, clock)
    before = config.read_bytes()
    rng = random.Random(14)
    dialogs = 0
    async with app.run_test(size=(80, 24)) as pilot:
        await reader_ready(pilot)
        await start_reading(pilot, app)
        for _batch in range(SECONDS * KEYS_PER_SECOND // BATCH):
            # A quarter of a second of keys, queued as the terminal driver queues them (the
            # tremor filter, at 0.3 s, drops a key repeated within the batch), then the clock
            # moves on by that quarter second.
            for _ in range(BATCH):
                send_key(app, rng.choice(KEYS))
            await pilot.pause()
            clock.advance(BATCH / KEYS_PER_SECOND)
            dialogs += isinstance(app.screen, ConfirmSettingsScreen)
            assert not settings_open(app)
            assert app.is_running
        await pilot.pause(0.5)  # any save would be written by now
        assert app.is_running
        assert not settings_open(app)
        assert config.read_bytes() == before
    assert dialogs > 0  # the storm really did open the dialog


async def test_two_changes_undone_in_two_steps(tmp_path: Path) -> None:
    app, config = protected_app(tmp_path, ignore_repeat=0.0)
    before = load_settings(config).settings
    async with app.run_test(size=(80, 24)) as pilot:
        await reader_ready(pilot)
        await pilot.press("comma")
        dialog = await dialog_shown(app, pilot)
        await pilot.press(*dialog.code)
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen))
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        status = screen.query_one("#settings-status")
        row = screen.stepper("voice.rate")
        row.focus()
        await pilot.pause()
        await pilot.press("right")
        await pilot.press("right")
        assert app.settings.voice.rate == 195
        await wait_for(pilot, lambda: load_settings(config).settings.voice.rate == 195)

        await pilot.press("u")
        assert app.settings.voice.rate == 180
        assert row.value == 180
        assert str(status.render()).startswith(
            "Undone: Speaking rate back to 180 words per minute.")
        await wait_for(pilot, lambda: load_settings(config).settings.voice.rate == 180)
        # The save says so without hiding what was undone.
        await wait_for(pilot, lambda: "Saved to config.yaml" in str(status.render()))
        assert str(status.render()).startswith("Undone: Speaking rate back to 180")

        assert await pilot.click("#control-settings_undo")  # the large control does the same
        assert app.settings.voice.rate == before.voice.rate == 175
        assert str(status.render()).startswith(
            "Undone: Speaking rate back to 175 words per minute.")
        await wait_for(pilot, lambda: load_settings(config).settings.voice.rate == 175)
        narrator = app.narrator
        assert narrator is not None
        await wait_for(pilot, lambda: narrator.voice.rate == 175)  # used, not only saved

        await pilot.press("u")  # nothing more to undo on this visit
        assert "Nothing to undo" in str(status.render())
        assert app.settings.voice.rate == 175
        # A save of the undo finishing after the press (as on a busy machine) does not put
        # back what was undone before it.
        await pilot.pause(SAVE_DELAY_S + 0.3)
        screen.post_message(SettingsScreen.SaveReport("", None))
        await wait_for(pilot, lambda: "Saved to config.yaml" in str(status.render()))
        assert str(status.render()).startswith("Nothing to undo")
    assert "  rate: 175   # what Ann is used to" in config.read_text(encoding="utf-8")
