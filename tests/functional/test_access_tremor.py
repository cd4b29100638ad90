"""Tremor in the running app: bursts of ten presses in 200 ms, for 30 s of (fake) time.

Each burst must be exactly one selection of what was highlighted, reading must end paused,
and nothing may be left queued for the voice afterwards. Letters typed on the Talk screen are
the one exception to the guard: a doubled letter there is meant.
"""

from __future__ import annotations

import asyncio

from alsreader.access import FakeClock
from alsreader.document.model import Position
from alsreader.speech.events import SpeechState

from .access_driver import SwitchDriver, access_app, speech
from .talk_helpers import said, talk_ready
from .ui_helpers import GARDEN, quick_settings, reader_ready, wait_for

BURST = (10, 0.2)
"""Ten presses in 200 ms."""


def _after(sections: list[int], position: Position) -> Position:
    """The sentence after ``position`` (``sections`` holds each section's sentence count)."""
    if position.sentence + 1 < sections[position.section]:
        return Position(position.section, position.sentence + 1)
    return Position(position.section + 1, 0)


async def test_tremor_bursts_for_thirty_seconds_select_exactly_what_was_meant() -> None:
    clock = FakeClock()
    app = access_app(GARDEN, "one-switch", clock, quick_settings(ignore_repeat=0.3))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await reader_ready(pilot)
        narrator = app.narrator
        assert narrator is not None
        assert screen.session is not None
        counts = [len(section.sentences) for section in screen.session.document.sections]
        driver = SwitchDriver(pilot, clock, select="space")
        await driver.tick()
        rate = narrator.voice.rate
        intended: list[str] = []
        start = clock.now()
        cycles = 0
        while clock.now() - start < 30.0:
            # Read, then pause: the burst that pauses must not start reading again.
            await driver.choose("play_pause", burst=BURST)
            intended.append("play_pause")
            await wait_for(pilot, lambda: speech(app) is SpeechState.READING)
            await driver.tick()
            await driver.burst("space", *BURST)
            intended.append("pause")
            await wait_for(pilot, lambda: speech(app) is SpeechState.PAUSED)
            # Skip exactly one sentence.
            assert narrator.wait_idle(5)
            before = narrator.position
            await driver.choose("next_sentence", burst=BURST)
            intended.append("next_sentence")
            await wait_for(pilot, lambda b=before: narrator.position == _after(counts, b))
            # One step faster, one slower: the pace comes back to where it was.
            await driver.choose("faster", burst=BURST)
            await driver.choose("slower", burst=BURST)
            intended += ["faster", "slower"]
            await wait_for(pilot, lambda: narrator.voice.rate == rate)
            cycles += 1
        assert cycles >= 2
        assert app.access.activations == intended
        # Nothing queued: the narrator has handled every command and stays paused and still.
        assert narrator.wait_idle(5)
        assert speech(app) is SpeechState.PAUSED
        where = narrator.position
        await asyncio.sleep(0.5)
        await pilot.pause()
        assert speech(app) is SpeechState.PAUSED
        assert narrator.position == where
        assert app.is_running


async def test_letters_typed_in_keys_mode_may_double_but_a_doubled_command_is_one() -> None:
    """A person typing with one finger doubles letters on purpose ("hello", "2200", "!!");
    the tremor guard still makes a doubled Enter, Space or F2 one press."""
    clock = FakeClock()  # never moved: every press below comes at the same instant
    app = access_app(GARDEN, "keys", clock, quick_settings(ignore_repeat=0.3))
    async with app.run_test(size=(80, 24)) as pilot:
        await reader_ready(pilot)
        await pilot.press("t")
        screen = await talk_ready(pilot)
        await pilot.press(*"hello", "space", "space", *"2200", "exclamation_mark",
                          "exclamation_mark")
        assert screen.typed.text == "hello 2200!!"
        await pilot.press("enter", "enter")  # speaks once, not the empty line after it
        await wait_for(pilot, lambda: said(screen) == "hello 2200!!")
        await pilot.press("f2", "f2")
        await wait_for(pilot, lambda: said(screen) == "Yes.")
        await pilot.pause(0.3)
        assert screen.heard == ["hello 2200!!", "Yes."]
