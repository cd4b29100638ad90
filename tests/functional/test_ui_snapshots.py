"""Screenshots (SVG) of the library, reader and help screens in each of the three themes.

Deterministic: a fixed document folder, a fresh home (no "last read" times), the silent
player, and nothing in the render that depends on the clock.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from alsreader.document.model import Position
from alsreader.ui.screens.help import HelpScreen
from alsreader.ui.screens.library import LibraryScreen

from .ui_helpers import DOCUMENTS, quick_settings, reader_app, reader_ready, wait_for

THEMES = ["high-contrast", "light", "dark"]


@pytest.mark.parametrize("theme", THEMES)
def test_library_screen(theme: str, snap_compare: Any) -> None:
    async def ready(pilot: Pilot[object]) -> None:
        app = pilot.app
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen)
                       and len(app.screen.rows()) == 2)
        await pilot.pause()

    app = reader_app(DOCUMENTS, settings=quick_settings(theme=theme))
    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)


@pytest.mark.parametrize("theme", THEMES)
def test_reader_screen(theme: str, snap_compare: Any) -> None:
    async def ready(pilot: Pilot[object]) -> None:
        screen = await reader_ready(pilot)
        await pilot.press("down", "right")
        await wait_for(pilot, lambda: screen.session is not None
                       and screen.session.narrator.position == Position(1, 1))
        await pilot.pause(0.1)

    app = reader_app(settings=quick_settings(theme=theme))
    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)


@pytest.mark.parametrize("theme", THEMES)
def test_help_screen(theme: str, snap_compare: Any) -> None:
    async def ready(pilot: Pilot[object]) -> None:
        await reader_ready(pilot)
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
        await pilot.pause()

    app = reader_app(settings=quick_settings(theme=theme))
    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)


@pytest.mark.parametrize("size", [(60, 20), (120, 40)])
def test_reader_screen_small_and_large(size: tuple[int, int], snap_compare: Any) -> None:
    async def ready(pilot: Pilot[object]) -> None:
        screen = await reader_ready(pilot)
        await pilot.press("down", "right", "right")
        await wait_for(pilot, lambda: screen.session is not None
                       and screen.session.narrator.position == Position(1, 2))
        await pilot.pause(0.1)

    assert snap_compare(reader_app(), terminal_size=size, run_before=ready)


def test_talk_screen(snap_compare: Any) -> None:
    async def ready(pilot: Pilot[object]) -> None:
        from alsreader.ui.screens.talk import TalkScreen

        app = pilot.app
        await reader_ready(pilot)
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TalkScreen))
        screen = app.screen
        assert isinstance(screen, TalkScreen)
        await wait_for(pilot, lambda: bool(screen.predictions), timeout=30)
        await pilot.press("f2", "h", "i")  # "Yes." said, "hi" being typed
        await wait_for(pilot, lambda: screen.typed.text == "hi")
        await pilot.pause(0.1)

    assert snap_compare(reader_app(), terminal_size=(80, 24), run_before=ready)
