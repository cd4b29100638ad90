"""The real app started with a settings file broken in its voice block: still one-switch.

A one-switch user whose caregiver slipped while editing the voice must still be able to
read: the app starts in the file's access mode, with its timings, says which line is broken,
and the switch alone starts reading.
"""

from __future__ import annotations

from pathlib import Path

from alsreader.access import FakeClock
from alsreader.config import save_settings_values, write_default_config
from alsreader.speech.events import SpeechState
from alsreader.ui.access.panel import ScanPanel
from alsreader.ui.app import make_app

from .access_driver import SwitchDriver
from .ui_helpers import GARDEN, reader_ready, wait_for


async def test_a_syntax_error_in_the_voice_block_still_starts_in_one_switch_mode(
    tmp_path: Path,
) -> None:
    config = tmp_path / "config.yaml"
    write_default_config(config)
    save_settings_values(config, {"access.mode": "one-switch", "access.scan_interval": 1.5,
                                  "access.ignore_repeat": 0.0})
    text = config.read_text(encoding="utf-8")
    assert text.count("  pitch: 50\n") == 1
    config.write_text(text.replace("  pitch: 50\n", "  pitch: [50\n"), encoding="utf-8")
    broken_line = text.splitlines().index("  pitch: 50") + 1

    clock = FakeClock()
    app = make_app(GARDEN, config_path=config, player="silent", clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader_ready(pilot)
        assert app.settings.access.mode == "one-switch"
        assert app.access.mode == "one-switch"
        assert app.access.scanner.settings.scan_interval == 1.5
        assert screen.query(ScanPanel)
        told = [note.message for note in app._notifications
                if note.title.startswith("Settings problems")]
        assert len(told) == 1
        assert f"line {broken_line} cannot be read and was left out" in told[0]
        assert "everything else was used (" in told[0]

        # The switch alone starts reading.
        driver = SwitchDriver(pilot, clock)
        await driver.choose("play_pause")
        narrator = app.narrator
        assert narrator is not None
        await wait_for(pilot, lambda: narrator.state is SpeechState.READING)
        assert set(driver.keys_pressed) <= {"space"}
    assert config.read_text(encoding="utf-8").count("  pitch: [50\n") == 1  # left as it was
