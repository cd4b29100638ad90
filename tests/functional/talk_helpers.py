"""Shared by the Talk screen's tests: waiting for the screen, and what its large panel shows."""

from __future__ import annotations

from textual.pilot import Pilot

from alsreader.ui.screens.talk import TalkScreen
from alsreader.ui.widgets.said_text import SaidText

from .ui_helpers import wait_for


async def talk_ready(pilot: Pilot[object]) -> TalkScreen:
    """Wait for the Talk screen and its word predictor."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, TalkScreen))
    screen = app.screen
    assert isinstance(screen, TalkScreen)
    await wait_for(pilot, lambda: screen.predictor is not None and bool(screen.predictions),
                   timeout=30)
    return screen


def said(screen: TalkScreen) -> str:
    """What the large panel shows."""
    return screen.query_one("#said", SaidText).text
