"""Dwell: resting the pointer on a control presses it once, with a visible fill (fake time)."""

from __future__ import annotations

from alsreader.access import FakeClock
from alsreader.speech.events import SpeechState
from alsreader.ui.access.panel import DWELLING_CLASS, ScanPanel
from alsreader.ui.app import ReaderApp
from alsreader.ui.screens.menu import MenuScreen
from alsreader.ui.widgets.big_button import BigButton
from alsreader.ui.widgets.outline import Outline

from .access_driver import access_app, speech
from .ui_helpers import GARDEN, quick_settings, reader_ready, shown, wait_for

DWELL = 1.2


async def _rest(app: ReaderApp, clock: FakeClock, seconds: float) -> None:
    """Let ``seconds`` of fake time pass in ticks, as the app's timer would."""
    for _ in range(round(seconds / 0.05)):
        clock.advance(0.05)
        app.access.tick()


async def test_resting_the_pointer_presses_once_per_visit_with_a_visible_fill() -> None:
    clock = FakeClock()
    settings = quick_settings(ignore_repeat=0.3)
    settings.access.dwell_time = DWELL
    app = access_app(GARDEN, "dwell", clock, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await reader_ready(pilot)
        await wait_for(pilot, lambda: screen.query_one(Outline).option_count == 5)
        app.access.tick()
        await pilot.pause()
        assert "rest the pointer" in str(screen.query_one(ScanPanel).render())
        next_button = screen.query_one("#control-next_sentence", BigButton)

        await pilot.hover(next_button)
        await pilot.pause()
        app.access.tick()
        assert app.access.dwell.target == "next_sentence"
        await _rest(app, clock, DWELL / 2)
        await pilot.pause()
        assert next_button.has_class(DWELLING_CLASS)
        assert next_button.border_subtitle == "▰▰▰▰▱▱▱▱"  # half the dwell time: half full
        assert app.access.activations == []
        await _rest(app, clock, DWELL / 2 + 0.1)
        await wait_for(pilot, lambda: shown(screen) == (0, 1))
        assert app.access.activations == ["next_sentence"]
        assert next_button.border_subtitle == "pressed"

        # Staying put does not press again: the pointer must leave first.
        await _rest(app, clock, 3 * DWELL)
        await pilot.pause()
        assert app.access.activations == ["next_sentence"]
        assert shown(screen) == (0, 1)

        # Somewhere else (Faster), then back: each visit presses once.
        narrator = app.narrator
        assert narrator is not None
        rate = narrator.voice.rate
        await pilot.hover("#control-faster")
        await pilot.pause()
        assert next_button.border_subtitle == ""
        await _rest(app, clock, DWELL + 0.1)
        await wait_for(pilot, lambda: narrator.voice.rate == rate + 15)
        await pilot.hover(next_button)
        await pilot.pause()
        await _rest(app, clock, DWELL + 0.1)
        await wait_for(pilot, lambda: shown(screen) > (0, 1))

        # A row of the outline: the fourth section (each row is two lines high).
        outline = screen.query_one(Outline)
        await pilot.hover(outline, offset=(6, 1 + 3 * 2))
        await pilot.pause()
        app.access.tick()
        target = app.access.targets[app.access.dwell.target or ""]
        assert target.widget is outline
        assert target.option is not None
        assert outline.get_option_at_index(target.option).id == "section-3"
        await _rest(app, clock, DWELL + 0.1)
        await wait_for(pilot, lambda: shown(screen)[0] == 3)
        await wait_for(pilot, lambda: speech(app) is SpeechState.READING)  # a jump reads on

        # A new screen under a resting pointer: nothing fires until the pointer moves.
        narrator.pause()
        await wait_for(pilot, lambda: speech(app) is SpeechState.PAUSED)
        await pilot.hover("#control-menu")
        await pilot.pause()
        await _rest(app, clock, DWELL + 0.1)
        await wait_for(pilot, lambda: isinstance(app.screen, MenuScreen))
        app.access.tick()
        await _rest(app, clock, 3 * DWELL)
        await pilot.pause()
        assert isinstance(app.screen, MenuScreen)  # the entry under the pointer did not fire
        assert app.access.activations[-1] == "menu"
        await pilot.hover("#menu-close_menu")
        await pilot.pause()
        await _rest(app, clock, DWELL + 0.1)
        await wait_for(pilot, lambda: app.screen is screen)
        assert app.access.activations[-2:] == ["menu", "close_menu"]
        # Back on the reader, whatever is under the resting pointer must not fire.
        await pilot.pause()
        app.access.tick()
        await pilot.pause()
        await _rest(app, clock, 3 * DWELL)
        await pilot.pause()
        assert app.access.activations[-1] == "close_menu"
        assert speech(app) is SpeechState.PAUSED

        # Pointer on plain text: nothing is dwelt on.
        await pilot.hover("#text")
        await pilot.pause()
        app.access.tick()
        assert app.access.dwell.target is None
        assert app.access.activations[:3] == ["next_sentence", "faster", "next_sentence"]
        assert len(app.access.activations) == 6
        assert app.access.activations[3].startswith("option:")
