"""Screenshots (SVG) of the settings screen in each theme, and of its voice list.

Deterministic: opened from a fixed library folder (no document, no narrator), a fresh home,
the silent player, settings given in memory (nothing is saved), and the snapshot is taken
once the installed voices are listed (espeak-ng's list is fixed by the pinned package).
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from alsreader.ui.screens.library import LibraryScreen
from alsreader.ui.screens.settings import SettingsScreen
from alsreader.ui.widgets.voice_picker import VoicePicker

from .ui_helpers import DOCUMENTS, quick_settings, reader_app, type_settings_code, wait_for

THEMES = ["high-contrast", "light", "dark"]


async def _settings_shown(pilot: Pilot[object]) -> SettingsScreen:
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen))
    await type_settings_code(pilot)
    await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen))
    screen = app.screen
    assert isinstance(screen, SettingsScreen)
    await wait_for(pilot, lambda: bool(screen.voices)
                   and len(screen.query_one("#voices", VoicePicker).rows) > 1)
    await pilot.pause()
    return screen


@pytest.mark.parametrize("theme", THEMES)
def test_settings_screen(theme: str, snap_compare: Any) -> None:
    async def ready(pilot: Pilot[object]) -> None:
        await _settings_shown(pilot)

    app = reader_app(DOCUMENTS, settings=quick_settings(theme=theme))
    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)


def test_settings_voice_list(snap_compare: Any) -> None:
    async def ready(pilot: Pilot[object]) -> None:
        screen = await _settings_shown(pilot)
        await pilot.press("v", "down")
        await wait_for(pilot, lambda: screen.choosing_voice)
        await pilot.pause()

    app = reader_app(DOCUMENTS, settings=quick_settings())
    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)


def test_settings_screen_narrow(snap_compare: Any) -> None:
    async def ready(pilot: Pilot[object]) -> None:
        screen = await _settings_shown(pilot)
        await pilot.press("down", "right")  # the rate, one step up: the row shows it
        await wait_for(pilot, lambda: screen.saves == 1)  # the status then says "Saved"
        await pilot.pause()

    app = reader_app(DOCUMENTS, settings=quick_settings())
    assert snap_compare(app, terminal_size=(60, 20), run_before=ready)
