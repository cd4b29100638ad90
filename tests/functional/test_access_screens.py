"""How switch access looks and behaves on each screen: the highlight, Back, the status line,
the settings screen kept out of reach, key mode untouched, and the optional cues."""

from __future__ import annotations

import pytest

from alsreader.access import READER_SCAN_TARGETS, FakeClock
from alsreader.ui.access.panel import SCANNED_CLASS, ScanPanel
from alsreader.ui.screens.confirm_quit import ConfirmQuitScreen
from alsreader.ui.screens.library import LibraryScreen
from alsreader.ui.widgets.big_button import BigButton
from alsreader.ui.widgets.status_line import StatusLine

from .access_driver import SwitchDriver, access_app
from .ui_helpers import DOCUMENTS, GARDEN, quick_settings, reader_ready, wait_for


def _looks_scanned(button: BigButton) -> bool:
    """Thick border and inverted colours (filled, text in the page colour): the scan
    highlight, never colour alone."""
    page = button.screen.styles.background
    styles = button.styles
    return (styles.border_top[0] == "heavy" and styles.color == page
            and styles.background != page)


async def test_groups_light_every_member_and_back_is_offered_in_words() -> None:
    clock = FakeClock()
    app = access_app(GARDEN, "two-switch", clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await reader_ready(pilot)
        driver = SwitchDriver(pilot, clock, select="enter", move="space")
        await driver.tick()
        play = screen.query_one("#control-play_pause", BigButton)
        go_to = [screen.query_one(f"#control-{name}", BigButton)
                 for name in ("next_sentence", "previous_sentence")]
        assert _looks_scanned(play)
        assert not any(_looks_scanned(button) for button in go_to)
        status = screen.query_one(StatusLine)
        assert "Access: two-switch" in str(status.render())

        await driver.press("space")  # move to the "Go to" group: all its controls light up
        assert app.access.scanner.highlighted == "Go to"
        await pilot.pause()
        assert all(button.has_class(SCANNED_CLASS) and _looks_scanned(button)
                   for button in go_to)
        # Play keeps the keyboard focus but no longer looks chosen.
        assert app.focused is play
        assert not _looks_scanned(play)
        panel = screen.query_one(ScanPanel)
        assert "▶ Go to… ◀" in str(panel.render())

        await driver.press("enter")  # into the group: its actions, then Back, in words
        await pilot.pause()
        text = str(panel.render())
        assert "Go to:" in text
        assert "Next section" in text  # an action with a key but no control of its own
        assert text.rstrip().endswith("Back")
        for _ in range(sum(1 for target in READER_SCAN_TARGETS if target.group == "Go to")):
            await driver.press("space")
        assert app.access.scanner.highlighted == "scan:back"
        await pilot.pause()
        assert "▶ Back ◀" in str(panel.render())
        await driver.press("enter")  # Back: to the group's place at the top level
        assert app.access.scanner.highlighted == "Go to"
        assert app.access.activations == []


@pytest.mark.parametrize("allowed", [False, True])
async def test_the_settings_screen_is_out_of_scan_reach_unless_the_caregiver_allows(
    allowed: bool,
) -> None:
    settings = quick_settings(ignore_repeat=0.3)
    settings.access.settings_reachable_by_scan = allowed
    app = access_app(DOCUMENTS, "one-switch", FakeClock(), settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen)
                       and len(app.screen.rows()) == 2)
        app.access.tick()
        assert ("settings" in app.access.targets) is allowed
        assert [t.scan.group for t in app.access.targets.values()][:2] == ["Documents"] * 2


async def test_keys_mode_leaves_the_app_alone() -> None:
    app = access_app(GARDEN, "keys", FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader_ready(pilot)
        app.access.tick()
        assert not screen.query(ScanPanel)
        assert not screen.query(f".{SCANNED_CLASS}")
        assert app.access.targets == {}


async def test_spoken_cues_and_clicks_when_the_caregiver_turns_them_on() -> None:
    clock = FakeClock()
    settings = quick_settings(ignore_repeat=0.3)
    settings.access.spoken_cues = True
    settings.access.click_sound = True
    app = access_app(GARDEN, "two-switch", clock, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await reader_ready(pilot)
        driver = SwitchDriver(pilot, clock, select="enter", move="space")
        await driver.tick()
        await driver.press("space")  # to "Go to": its name is synthesized (real espeak)
        await wait_for(pilot, lambda: "Go to" in app.access.cues.heard)
        await driver.press("enter")  # a selection clicks
        assert "click" in app.access.cues.heard
        narrator = app.narrator
        assert narrator is not None
        assert narrator.voice.rate == settings.voice.rate  # the reading voice is untouched


async def test_the_mode_chosen_in_settings_takes_effect_at_once() -> None:
    clock = FakeClock()
    app = access_app(GARDEN, "keys", clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await reader_ready(pilot)
        app.settings.access.mode = "one-switch"
        app.apply_settings(["access.mode"])
        await pilot.pause()
        app.access.tick()
        await pilot.pause()
        assert app.access.mode == "one-switch"
        assert app.services.access_label().startswith("one-switch · ")
        assert screen.query(ScanPanel)
        assert app.access.scanner.highlighted == "play_pause"
        # A timing change keeps the mode.
        app.settings.access.scan_interval = 2.0
        app.apply_settings(["access.scan_interval"])
        await pilot.pause()
        assert app.access.scanner.settings.scan_interval == 2.0
        assert app.access.mode == "one-switch"
        # Back to keys: no panel, no highlight, Space is Play/Pause again.
        app.settings.access.mode = "keys"
        app.apply_settings(["access.mode"])
        await pilot.pause()
        assert not screen.query(ScanPanel)
        assert not screen.query(f".{SCANNED_CLASS}")
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.query_one("#control-play_pause", BigButton).label
                       == "Pause")
        clock.advance(1.0)  # the app's repeat guard keeps the (fake) time too
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.query_one("#control-play_pause", BigButton).label
                       == "Play")


async def test_quitting_by_switch_goes_through_the_confirmation() -> None:
    clock = FakeClock()
    app = access_app(DOCUMENTS, "one-switch", clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen)
                       and len(app.screen.rows()) == 2)
        driver = SwitchDriver(pilot, clock)
        await driver.choose("quit")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmQuitScreen))
        for _ in range(100):  # until the dialog is composed and its buttons are targets
            await driver.tick()
            if app.access.targets:
                break
        assert app.access.scanner.highlighted == "keep_reading"  # the harmless answer first
        assert app.screen.query_one(ScanPanel).display
        await driver.choose("confirm_quit")
        await wait_for(pilot, lambda: not app.is_running)
    assert app.return_value == 0
    assert app.access.activations == ["quit", "confirm_quit"]
