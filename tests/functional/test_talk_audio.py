"""What the Talk screen says reaches the speakers: real espeak-ng speech into the headless
PulseAudio null sink, with the talking voice; the alarm is a tone louder than speech, and
"say it louder" is louder than saying it the first time."""

from __future__ import annotations

import time

import pytest
from textual.pilot import Pilot

from alsreader.access import FakeClock
from alsreader.speech.nullsink import MonitorRecorder, NullSinkServer, Span
from alsreader.speech.sounds import ALARM_NOTES
from alsreader.ui.app import make_app
from alsreader.ui.screens.talk import TalkScreen

from .access_driver import SwitchDriver
from .talk_helpers import said, talk_ready
from .ui_helpers import GARDEN, quick_settings, reader_app, reader_ready, wait_for

pytestmark = pytest.mark.audio


async def _heard(pilot: Pilot[object], recorder: MonitorRecorder, begin: float,
                 screen: TalkScreen) -> list[Span]:
    """The sound from ``begin`` until the utterance ended (and a moment of silence after)."""
    speech = screen.services.speech
    await wait_for(pilot, lambda: speech.speaking, timeout=10)
    await wait_for(pilot, lambda: not speech.speaking, timeout=30)
    end = time.perf_counter()
    recorder.wait_until(end + 0.3)
    return recorder.sound_spans(begin, end + 0.3, min_gap_s=0.3)


def _rms(recorder: MonitorRecorder, spans: list[Span]) -> float:
    return max(recorder.rms(span.start, span.end) for span in spans)


async def test_phrases_typed_text_the_alarm_and_louder_are_heard(
        null_sink: NullSinkServer, recorder: MonitorRecorder) -> None:
    settings = quick_settings()
    settings.voice.player = "paplay"
    settings.talk.rate = 260
    settings.talk.volume = 0.6  # room for "say it louder"
    app = reader_app(GARDEN, settings=settings, player="paplay")
    async with app.run_test(size=(100, 30)) as pilot:
        await reader_ready(pilot)
        await pilot.press("t")
        screen = await talk_ready(pilot)
        assert screen.services.speech.talking_voice().rate == 260

        # An instant phrase, with the talking voice.
        begin = time.perf_counter()
        await pilot.press("f3")
        await wait_for(pilot, lambda: said(screen) == "No.")
        spans = await _heard(pilot, recorder, begin, screen)
        assert spans, "nothing was heard"

        # A typed sentence, spoken with Enter.
        await pilot.press(*"please sit with me")
        begin = time.perf_counter()
        await pilot.press("enter")
        spans = await _heard(pilot, recorder, begin, screen)
        assert said(screen) == "please sit with me"
        assert sum(span.length for span in spans) > 0.4  # words, not a click
        normal = _rms(recorder, spans)

        # Louder: the same words, louder than the first time.
        begin = time.perf_counter()
        await pilot.press("f6")
        spans = await _heard(pilot, recorder, begin, screen)
        louder = _rms(recorder, spans)
        assert louder > 1.5 * normal, (louder, normal)

        # The alarm: a tone louder than any speech, then "I need you!".
        begin = time.perf_counter()
        await pilot.press("f4")
        await wait_for(pilot, lambda: said(screen) == "I need you!")
        spans = await _heard(pilot, recorder, begin, screen)
        tone_seconds = sum(seconds for _hz, seconds in ALARM_NOTES)
        heard = sum(span.length for span in spans)
        assert heard > tone_seconds + 0.3, heard  # the tone's calls, then the words
        tone = recorder.rms(spans[0].start, spans[0].start + 1.0)
        assert tone > louder > normal, (tone, louder, normal)


async def test_one_switch_speaks_into_the_null_sink(
        null_sink: NullSinkServer, recorder: MonitorRecorder) -> None:
    clock = FakeClock()
    settings = quick_settings(ignore_repeat=0.3)
    settings.talk.rate = 260
    # Real sound; the scanning runs on the fake clock.
    app = make_app(GARDEN, settings=settings, player="paplay", access="one-switch", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        driver = SwitchDriver(pilot, clock, select="space")
        await reader_ready(pilot)
        await driver.tick()
        await driver.choose("talk")
        screen = await talk_ready(pilot)
        for target, words in (("talk_yes", "Yes."), ("talk_alarm", "I need you!")):
            await driver.tick()
            begin = time.perf_counter()
            await driver.choose(target)
            await wait_for(pilot, lambda words=words: said(screen) == words)
            spans = await _heard(pilot, recorder, begin, screen)
            assert spans, f"{words!r} was not heard"
        assert driver.keys_pressed == ["space"] * len(driver.keys_pressed)
