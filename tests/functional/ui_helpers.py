"""Shared helpers for the UI tests: a fixed document folder and waiting for the narrator."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from alsreader.config import Settings
from alsreader.speech.events import SpeechState
from alsreader.speech.narrator import Narrator
from alsreader.ui.app import ReaderApp, make_app
from alsreader.ui.screens.confirm_settings import ConfirmSettingsScreen
from alsreader.ui.screens.reader import ReaderScreen
from alsreader.ui.widgets.sentence_view import SentenceView

DOCUMENTS = Path(__file__).parent / "ui_documents"
GARDEN = DOCUMENTS / "garden.md"


def quick_settings(*, ignore_repeat: float = 0.0, theme: str = "high-contrast",
                   keys: dict[str, str] | None = None) -> Settings:
    """Settings for tests: no repeat guard (presses come fast), the given theme and keys."""
    settings = Settings()
    settings.access.ignore_repeat = ignore_repeat
    settings.display.theme = theme
    settings.keys = dict(keys or {})
    return settings


def reader_app(path: Path | None = GARDEN, **kwargs: object) -> ReaderApp:
    """The real app on the silent player (speech timing without a sound device)."""
    settings = kwargs.pop("settings", None) or quick_settings()
    player = kwargs.pop("player", "silent")
    return make_app(path, settings=settings, player=player, **kwargs)  # type: ignore[arg-type]


async def wait_for(pilot: Pilot[object], condition: Callable[[], bool],
                   timeout: float = 8.0) -> None:
    """Let the app run until ``condition()`` holds (narrator events arrive from a thread)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.02)


async def reader_ready(pilot: Pilot[object]) -> ReaderScreen:
    """Wait until the reader screen shows its document; return it."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen)
                   and app.screen.session is not None
                   and app.screen.query_one("#text", SentenceView).current >= 0)
    await pilot.pause()  # let the layout follow (the text replaces "Opening…")
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def shown(screen: ReaderScreen) -> tuple[int, int]:
    """(section, sentence) highlighted in the view."""
    view = screen.query_one("#text", SentenceView)
    assert view.section is not None
    return (view.section.index, view.current)


async def type_settings_code(pilot: Pilot[object]) -> None:
    """Press the settings key and type the code the dialog shows, as a caregiver does."""
    app = pilot.app
    await pilot.press("comma")
    await wait_for(pilot, lambda: isinstance(app.screen, ConfirmSettingsScreen))
    dialog = app.screen
    assert isinstance(dialog, ConfirmSettingsScreen)
    await pilot.press(*dialog.code)


async def start_reading(pilot: Pilot[object], app: ReaderApp) -> Narrator:
    """Press Space on the reader and wait until the narrator reads; returns it."""
    await pilot.press("space")
    narrator = app.narrator
    assert narrator is not None
    await wait_for(pilot, lambda: narrator.state is SpeechState.READING)
    return narrator
