"""The settings screen, driven like a caregiver would: keys, clicks, the voice list.

The real app on the silent player (real pyttsx3 + espeak-ng synthesis, no sound device), with
a real settings file written first, comments and settings the screen does not manage
included. Each test checks what was saved, what the app uses now, and what the screen says.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.pilot import Pilot

from alsreader import locations
from alsreader.config import SCHEMA, backup_path, load_settings
from alsreader.speech.events import SpeechState
from alsreader.ui.app import ReaderApp, make_app
from alsreader.ui.keymap import MODIFIERS
from alsreader.ui.screens import settings as settings_module
from alsreader.ui.screens.library import LibraryScreen
from alsreader.ui.screens.reader import ReaderScreen
from alsreader.ui.screens.settings import SettingsScreen, choice_step, number_step
from alsreader.ui.widgets.big_button import BigButton
from alsreader.ui.widgets.list_row import ListRow
from alsreader.ui.widgets.stepper import Stepper
from alsreader.ui.widgets.voice_picker import VoicePicker

from .ui_helpers import (
    DOCUMENTS,
    GARDEN,
    reader_ready,
    start_reading,
    type_settings_code,
    wait_for,
)

CONFIG = """\
# Settings for Ann, set up by her daughter on 3 March.
preset: everyday

voice:
  # Ann finds a slightly slower voice easier.
  rate: 170   # was 175
  pitch: 50

reading:
  continuous: false   # she likes to stop at the end of a chapter

access:
  ignore_repeat: 0.0   # presses in tests come fast
  scan_interval: 1.0

keys:
  bookmark: m

pronunciations:
  - match: ALS
    say: A L S
"""

KEEP = [
    "# Settings for Ann, set up by her daughter on 3 March.",
    "  # Ann finds a slightly slower voice easier.",
    "  continuous: false   # she likes to stop at the end of a chapter",
    "  bookmark: m",
    "  - match: ALS",
    "    say: A L S",
]
"""Lines the screen must leave exactly as written (comments, settings it does not manage)."""


@pytest.fixture
def config_file() -> Path:
    """A caregiver's settings file in the isolated home."""
    path = locations.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CONFIG, encoding="utf-8")
    return path


@pytest.fixture
def save_on_leaving(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hold saves until the screen is left, so one save carries every change."""
    monkeypatch.setattr(settings_module, "SAVE_DELAY_S", 60.0)


def settings_app(config: Path, path: Path | None = GARDEN) -> ReaderApp:
    """The real app reading ``config``, on the silent player."""
    return make_app(path, config_path=config, player="silent")


async def open_settings(pilot: Pilot[object]) -> SettingsScreen:
    """Press the settings key, type the code and wait until the installed voices are listed."""
    app = pilot.app
    await type_settings_code(pilot)
    await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen))
    screen = app.screen
    assert isinstance(screen, SettingsScreen)
    await wait_for(pilot, lambda: bool(screen.voices))
    return screen


async def focus_row(pilot: Pilot[object], screen: SettingsScreen, dotted: str) -> Stepper:
    """Move the focus with the down key (only) until it is on the row of ``dotted``."""
    row = screen.stepper(dotted)
    for _ in range(40):
        if row.has_focus:
            return row
        await pilot.press("down")
    raise AssertionError(f"down never reached {dotted}")


async def test_voice_rate_and_scan_interval_are_used_at_once_and_saved(
    config_file: Path, save_on_leaving: None
) -> None:
    original = config_file.read_text(encoding="utf-8")
    app = settings_app(config_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await reader_ready(pilot)
        narrator = await start_reading(pilot, app)
        screen = await open_settings(pilot)

        # The voice, from the list: v opens it at the voice in use, down moves, Enter picks.
        by_name = sorted(screen.voices, key=lambda v: (v.name.casefold(), v.id))
        await pilot.press("v")
        picker = screen.query_one("#voices", VoicePicker)
        assert screen.choosing_voice
        assert picker.rows[0].has_focus
        await pilot.press("down", "down", "enter")
        chosen = by_name[1].id
        assert not screen.choosing_voice
        assert app.settings.voice.voice == chosen
        assert screen.stepper("voice.voice").has_focus

        # The rate: down to its row, right twice (170 -> 180 -> 195 words per minute: steps of
        # 15, the pace step of Faster / Slower too, on a grid of 15).
        await focus_row(pilot, screen, "voice.rate")
        await pilot.press("right", "right")
        assert app.settings.voice.rate == 195

        # A scanning timing: + on the scan interval row.
        await focus_row(pilot, screen, "access.scan_interval")
        await pilot.press("plus")
        assert app.settings.access.scan_interval == 1.1

        # Used at once: the narrator reads on with the new voice; the scanner has the timing.
        await wait_for(pilot, lambda: narrator.voice.rate == 195
                       and narrator.voice.voice_id == chosen)
        assert narrator.state is SpeechState.READING
        assert app.access.scanner.settings.scan_interval == 1.1
        assert screen.saves == 0  # held until leaving (see save_on_leaving)

        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert screen.saves == 1
        assert screen.save_problem == ""

    saved = config_file.read_text(encoding="utf-8")
    reread = load_settings(config_file)
    assert reread.problems == []
    assert reread.settings.voice.voice == chosen
    assert reread.settings.voice.rate == 195
    assert reread.settings.access.scan_interval == 1.1
    # Everything else as the caregiver wrote it.
    for line in KEEP:
        assert line in saved.splitlines()
    assert reread.settings.keys == {"bookmark": "m"}
    assert reread.settings.reading.continuous is False
    assert [r.say for r in reread.settings.pronunciations] == ["A L S"]
    assert reread.settings.preset == "everyday"
    # The rate's own comment stays on its line; the value changed in place.
    assert "  rate: 195   # was 175" in saved.splitlines()
    assert backup_path(config_file).read_text(encoding="utf-8") == original


async def test_a_change_is_saved_by_itself_shortly_after(config_file: Path) -> None:
    app = settings_app(config_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await reader_ready(pilot)
        screen = await open_settings(pilot)
        await focus_row(pilot, screen, "voice.pitch")
        await pilot.press("minus")
        await wait_for(pilot, lambda: screen.saves == 1)
        status = str(screen.query_one("#settings-status").render())
        assert "Saved to config.yaml (the previous one is config.yaml.bak)." in status
        assert load_settings(config_file).settings.voice.pitch == 45
        assert app.narrator is not None
        await wait_for(pilot, lambda: app.narrator is not None and app.narrator.voice.pitch == 45)


async def test_theme_changes_at_once(config_file: Path) -> None:
    app = settings_app(config_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await reader_ready(pilot)
        screen = await open_settings(pilot)
        assert app.theme == "alsreader-high-contrast"
        await focus_row(pilot, screen, "display.theme")
        await pilot.press("right")
        assert app.theme == "alsreader-light"
        await pilot.press("right")
        assert app.theme == "alsreader-dark"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.theme == "alsreader-dark"
    assert load_settings(config_file).settings.display.theme == "dark"


async def test_pointer_clicks_on_the_large_controls(config_file: Path) -> None:
    app = settings_app(config_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await reader_ready(pilot)
        screen = await open_settings(pilot)
        row = screen.stepper("voice.volume")
        assert await pilot.click(row.more_button)
        assert app.settings.voice.volume == 0.95
        assert await pilot.click(row.less_button)
        assert await pilot.click(row.less_button)
        assert app.settings.voice.volume == 0.85
        assert await pilot.click("#control-settings_back")
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
    assert load_settings(config_file).settings.voice.volume == 0.85


async def test_choosing_a_preset_sets_rate_and_pauses(config_file: Path) -> None:
    app = settings_app(config_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await reader_ready(pilot)
        screen = await open_settings(pilot)
        await focus_row(pilot, screen, "preset")
        await pilot.press("right")  # everyday -> fast
        assert app.settings.preset == "fast"
        assert screen.stepper("voice.rate").value == 240
        assert screen.stepper("reading.pause_section_ms").value == 500
        narrator = app.narrator
        assert narrator is not None
        await wait_for(pilot, lambda: narrator.voice.rate == 240
                       and narrator.pauses.paragraph_ms == 150)
        await pilot.press("escape")
    reread = load_settings(config_file).settings
    assert reread.preset == "fast"
    assert (reread.voice.rate, reread.reading.pause_sentence_ms,
            reread.reading.pause_paragraph_ms, reread.reading.pause_section_ms) == (240, 0, 150,
                                                                                    500)


def _unwritable_config(tmp_path: Path) -> Path:
    """A settings file in a folder nobody may write to (for root, who may write anywhere
    permissions allow, a file under /sys, which no one can create)."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return Path("/sys/alsreader-settings-test/config.yaml")
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "config.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    folder.chmod(0o555)
    return path


async def test_a_read_only_settings_file_is_said_plainly(tmp_path: Path) -> None:
    config = _unwritable_config(tmp_path)
    before = config.read_text(encoding="utf-8") if config.exists() else None
    app = settings_app(config)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await reader_ready(pilot)
            screen = await open_settings(pilot)
            await focus_row(pilot, screen, "voice.rate")
            await pilot.press("right")
            await wait_for(pilot, lambda: bool(screen.save_problem))
            status = str(screen.query_one("#settings-status").render())
            assert status.startswith(f"Not saved: {config} cannot be written (")
            assert status.endswith("The changes are used until alsreader closes.")
            assert "Traceback" not in status
            assert "Errno" not in status
            # Kept in memory and in use.
            assert app.settings.voice.rate == 180  # 170 or 175, one step up on the grid of 10
            narrator = app.narrator
            assert narrator is not None
            await wait_for(pilot, lambda: narrator.voice.rate == 180)
            # Leaving tries once more, says so again, and still leaves.
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
            told = [n for n in app._notifications if n.title == "Settings not saved"]
            assert len(told) == 1
            assert "Traceback" not in told[0].message
    finally:
        if config.parent.name == "locked":
            config.parent.chmod(0o755)
    assert (config.read_text(encoding="utf-8") if config.exists() else None) == before


async def test_hear_sample_speaks_the_chosen_voice_without_moving_the_place(
    config_file: Path,
) -> None:
    app = settings_app(config_file)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await reader_ready(pilot)
        narrator = await start_reading(pilot, app)
        screen = await open_settings(pilot)
        # In the list, h speaks the focused voice (before choosing it).
        await pilot.press("v", "down")
        focused = screen.query_one("#voices", VoicePicker).rows[1]
        await pilot.press("h")
        await wait_for(pilot, lambda: narrator.state is SpeechState.PAUSED)
        place = narrator.position
        await wait_for(pilot, lambda: screen.sample_state == "finished", timeout=15)
        assert screen.last_sample is not None
        assert screen.last_sample.voice_id == focused.value
        assert screen.last_sample.rate == 170
        assert app.settings.voice.voice is None  # hearing is not choosing
        assert narrator.position == place
        assert narrator.voice.voice_id is None
        await pilot.press("escape", "escape")
        await wait_for(pilot, lambda: app.screen is reader)


async def test_hear_sample_from_the_library_before_any_document(config_file: Path) -> None:
    app = settings_app(config_file, DOCUMENTS)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen))
        screen = await open_settings(pilot)
        assert app.narrator is None
        assert await pilot.click("#control-hear_sample")
        await wait_for(pilot, lambda: screen.sample_state == "finished", timeout=15)
        await pilot.press("comma")  # the settings key closes it again
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen))


async def test_single_keys_large_targets_and_scan_order(config_file: Path) -> None:
    app = settings_app(config_file)
    async with app.run_test(size=(60, 20)) as pilot:
        await reader_ready(pilot)
        screen = await open_settings(pilot)
        for cls in (SettingsScreen, Stepper):
            for binding in cls.BINDINGS:
                assert not isinstance(binding, tuple)
                for key in binding.key.split(","):
                    assert not any(key.startswith(m) for m in MODIFIERS), key
        targets = [t.widget for t in screen.scan_targets()]
        assert [getattr(t, "action_id", "") for t in targets[:4]] == [
            "settings_back", "hear_sample", "choose_voice", "settings_undo"]
        steppers = list(screen.query(Stepper))
        assert len(targets) == 4 + 2 * len(steppers)
        assert targets[4:6] == [steppers[0].less_button, steppers[0].more_button]
        for stepper in steppers:
            stepper.scroll_visible(animate=False)
            await pilot.pause()
            for button in (stepper.less_button, stepper.more_button):
                assert button.outer_size.height >= 3
                assert button.key_label
        for button in screen.query(BigButton):
            assert button.size.height + 2 >= 3
            assert button.key_label
        # In the voice list a switch reaches the voices first, then Back and Hear sample.
        await pilot.press("v")
        listed = [t.widget for t in screen.scan_targets()]
        assert all(isinstance(t, ListRow) for t in listed[:-2])
        assert len(listed) == len(screen.voices) + 1 + 2


async def test_a_file_with_a_syntax_error_is_not_overwritten(config_file: Path) -> None:
    broken = CONFIG.replace("  rate: 170   # was 175", "  rate: [170   # was 175")
    config_file.write_text(broken, encoding="utf-8")
    app = settings_app(config_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await reader_ready(pilot)  # the app starts anyway, on defaults
        screen = await open_settings(pilot)
        await focus_row(pilot, screen, "voice.pitch")
        await pilot.press("plus")
        await wait_for(pilot, lambda: bool(screen.save_problem))
        status = str(screen.query_one("#settings-status").render())
        assert status == (f"Not saved: {config_file} has a syntax error; fix it (alsreader "
                          "config check) before saving. The changes are used until alsreader "
                          "closes.")
        assert app.settings.voice.pitch == 55
    assert config_file.read_text(encoding="utf-8") == broken
    assert not backup_path(config_file).exists()


async def test_access_mode_changes_at_once(config_file: Path) -> None:
    app = settings_app(config_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await reader_ready(pilot)
        screen = await open_settings(pilot)
        await focus_row(pilot, screen, "access.mode")
        await pilot.press("right", "right")  # keys -> one-switch -> two-switch
        assert app.access_mode == "two-switch"
        assert app.access.mode == "two-switch"
        await focus_row(pilot, screen, "access.dwell_time")
        await pilot.press("left")
        assert app.access.dwell.dwell_time == 1.1
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
    reread = load_settings(config_file).settings
    assert reread.access.mode == "two-switch"
    assert reread.access.dwell_time == 1.1


@given(start=st.floats(0.3, 10.0), presses=st.lists(st.sampled_from([-1, 1]), max_size=40))
def test_scan_interval_steps_stay_on_the_grid_and_in_range(start: float,
                                                           presses: list[int]) -> None:
    step = number_step("access.scan_interval", 0.1)
    spec = SCHEMA["access"]["scan_interval"]
    value: object = start
    for direction in presses:
        new = step(value, direction)
        assert isinstance(new, float)
        assert spec.low is not None
        assert spec.high is not None
        assert spec.low <= new <= spec.high
        # Each press moves (unless at an end) and never by more than one step.
        assert isinstance(value, float)
        if spec.low < value < spec.high:
            assert new != value
        assert abs(new - value) <= 0.1 + 1e-9
        value = new


def test_whole_number_and_choice_steps() -> None:
    rate = number_step("voice.rate", 10)
    assert [rate(175, 1), rate(175, -1), rate(170, 1), rate(450, 1), rate(80, -1)] == [
        180, 170, 180, 450, 80]
    assert isinstance(rate(175, 1), int)
    themes = choice_step(lambda: ["high-contrast", "light", "dark"])
    assert [themes("dark", 1), themes("high-contrast", -1), themes("unknown", 1)] == [
        "high-contrast", "dark", "high-contrast"]


async def test_a_sample_that_cannot_play_is_said_plainly(config_file: Path) -> None:
    app = make_app(GARDEN, config_path=config_file, player="no-such-player")
    async with app.run_test(size=(80, 24)) as pilot:
        await reader_ready(pilot)
        screen = await open_settings(pilot)
        await pilot.press("h")
        await wait_for(pilot, lambda: screen.sample_state == "failed")
        status = str(screen.query_one("#settings-status").render())
        assert status.startswith("The sample could not be played: Unknown audio player "
                                 "'no-such-player'")
        assert "Traceback" not in status
